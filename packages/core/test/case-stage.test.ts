import { describe, expect, it } from 'vitest';
import {
  assignmentRefusal,
  checkOfficers,
  investigationRefusal,
  measureRefusal,
  STAGE_ORDER,
  transitionRefusal,
  type CandidateOfficer,
} from '../src/rules/case-stage.js';
import { shanghaiYear } from '../src/rules/shanghai-time.js';
import type { CaseDecision, CaseStage } from '../src/generated/prisma/enums.js';

const NOW = new Date('2025-06-15T04:00:00Z');
const GRACE = '03-31';
const YEAR = shanghaiYear(NOW);

function officer(id: number, over: Partial<CandidateOfficer> = {}): CandidateOfficer {
  return {
    id,
    name: `执法员${id}`,
    agencyId: 1,
    roles: ['OFFICER'],
    certificateStatus: 'VALID',
    certificateExpiresOn: new Date('2027-12-31T00:00:00Z'),
    certificateReviewYear: YEAR,
    ...over,
  };
}

const advance = (from: CaseStage, to: CaseStage, decision: CaseDecision | null = null) =>
  transitionRefusal({ from, to, decision, via: 'advance', procedure: 'GENERAL', served: true });

describe('case stage transitions', () => {
  it('allows each forward step except into DECIDED', () => {
    expect(advance('REGISTERED', 'INVESTIGATING')).toBeNull();
    expect(advance('INVESTIGATING', 'LEGAL_REVIEW')).toBeNull();
    expect(advance('DECIDED', 'EXECUTED', 'PENALTY')).toBeNull();
    expect(advance('EXECUTED', 'CLOSED', 'PENALTY')).toBeNull();
  });

  it('reaches DECIDED only through a decision, and only from legal review', () => {
    expect(advance('LEGAL_REVIEW', 'DECIDED')?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect(
      transitionRefusal({
        from: 'LEGAL_REVIEW',
        to: 'DECIDED',
        decision: 'PENALTY',
        via: 'decide',
        procedure: 'GENERAL',
      }),
    ).toBeNull();
    const early = transitionRefusal({
      from: 'INVESTIGATING',
      to: 'DECIDED',
      decision: 'PENALTY',
      via: 'decide',
      procedure: 'GENERAL',
    });
    expect(early?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect(early?.message.zh).toContain('法制审核');
    expect(early?.message.en).toContain('legal review');
    expect(
      transitionRefusal({ from: 'DECIDED', to: 'DECIDED', decision: 'PENALTY', via: 'decide', procedure: 'GENERAL' })
        ?.rule,
    ).toBe('CASE_ILLEGAL_TRANSITION');
    expect(
      transitionRefusal({ from: 'LEGAL_REVIEW', to: 'CLOSED', decision: null, via: 'decide', procedure: 'GENERAL' })
        ?.rule,
    ).toBe('CASE_ILLEGAL_TRANSITION');
  });

  it('never goes backwards, stays, or skips', () => {
    for (const [i, from] of STAGE_ORDER.entries())
      for (const to of STAGE_ORDER.slice(0, i + 1))
        expect(advance(from, to, 'NO_PENALTY')?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect(advance('REGISTERED', 'LEGAL_REVIEW')?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect(advance('INVESTIGATING', 'CLOSED')?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    const back = advance('LEGAL_REVIEW', 'REGISTERED');
    expect(back?.message.zh).toContain('不能从“法制审核”转到“立案”');
    expect(back?.message.en).toContain('from legal review to registered');
  });

  it('closes straight from DECIDED only when nothing was imposed', () => {
    expect(advance('DECIDED', 'CLOSED', 'NO_PENALTY')).toBeNull();
    expect(advance('DECIDED', 'CLOSED', 'DROPPED')).toBeNull();
    for (const d of ['PENALTY', 'LIGHTER', 'MITIGATED'] as const)
      expect(advance('DECIDED', 'CLOSED', d)?.rule).toBe('CASE_ILLEGAL_TRANSITION');
  });

  it('takes compulsory measures only before the decision', () => {
    expect(measureRefusal('REGISTERED')).toBeNull();
    expect(measureRefusal('LEGAL_REVIEW')).toBeNull();
    expect(measureRefusal('DECIDED')?.rule).toBe('CASE_MEASURE_AFTER_DECISION');
    expect(measureRefusal('CLOSED')?.rule).toBe('CASE_MEASURE_AFTER_DECISION');
  });
});

// Decision content (penalties, grounds, ranges): test/decision.test.ts.

describe('assigning officers', () => {
  it('accepts two distinct enforceable officers of the agency', () => {
    const check = checkOfficers([1, 2, 2], [officer(1), officer(2)], 1, NOW, GRACE);
    expect(check).toEqual({ eligible: [1, 2], refused: [] });
    expect(assignmentRefusal(check)).toBeNull();
  });

  it('reports every refused person and why', () => {
    const people = [
      officer(1),
      officer(2, { roles: ['AUXILIARY'], certificateStatus: null }),
      officer(3, { certificateExpiresOn: new Date('2025-06-14T00:00:00Z') }),
      officer(4, { certificateReviewYear: YEAR - 1 }),
      officer(5, { agencyId: 9 }),
    ];
    const check = checkOfficers([1, 2, 3, 4, 5, 6], people, 1, NOW, GRACE);
    expect(check.eligible).toEqual([1]);
    expect(check.refused.map((r) => r.personId)).toEqual([2, 3, 4, 5, 6]);
    const refusal = assignmentRefusal(check)!;
    expect(refusal.rule).toBe('CASE_TWO_OFFICERS');
    for (const zh of ['辅助人员', '已过期', '未审验', '不是本案承办单位', '人员不存在'])
      expect(refusal.message.zh).toContain(zh);
    for (const en of ['auxiliaries', 'expired', 'not reviewed', "case's agency", 'no such person'])
      expect(refusal.message.en).toContain(en);
  });

  it('a certificate is good through its expiry day (Shanghai time)', () => {
    const lastDay = officer(2, { certificateExpiresOn: new Date('2025-06-15T00:00:00Z') });
    expect(checkOfficers([1, 2], [officer(1), lastDay], 1, NOW, GRACE).eligible).toEqual([1, 2]);
  });

  it('refuses an ineligible extra even when two others qualify', () => {
    const check = checkOfficers(
      [1, 2, 3],
      [officer(1), officer(2), officer(3, { certificateStatus: 'SUSPENDED' })],
      1,
      NOW,
      GRACE,
    );
    const refusal = assignmentRefusal(check)!;
    expect(refusal.rule).toBe('CASE_OFFICER_INELIGIBLE');
    expect(refusal.message.zh).toContain('执法员3');
  });

  it("last year's review counts for investigation through the grace day, not after (31 March / 1 April)", () => {
    const lastYear = [officer(1, { certificateReviewYear: 2025 }), officer(2, { certificateReviewYear: 2025 })];
    expect(investigationRefusal(lastYear, new Date('2026-03-31T15:59:59Z'), GRACE)).toBeNull();
    expect(investigationRefusal(lastYear, new Date('2026-03-31T16:00:00Z'), GRACE)?.rule).toBe('CASE_TWO_OFFICERS');
    expect(checkOfficers([1, 2], lastYear, 1, new Date('2026-03-31T15:59:59Z'), GRACE).eligible).toEqual([1, 2]);
    expect(checkOfficers([1, 2], lastYear, 1, new Date('2026-03-31T16:00:00Z'), GRACE).eligible).toEqual([]);
  });

  it('investigation needs two officers who can enforce today', () => {
    expect(investigationRefusal([officer(1), officer(2)], NOW, GRACE)).toBeNull();
    const r = investigationRefusal([officer(1), officer(2, { certificateReviewYear: YEAR - 1 })], NOW, GRACE);
    expect(r?.rule).toBe('CASE_TWO_OFFICERS');
    expect(r?.message.en).toContain('there are 1');
  });
});
