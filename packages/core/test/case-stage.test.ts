import { describe, expect, it } from 'vitest';
import {
  assignmentRefusal,
  checkOfficers,
  decisionAmountIssues,
  investigationRefusal,
  measureRefusal,
  STAGE_ORDER,
  transitionRefusal,
  type CandidateOfficer,
} from '../src/rules/case-stage.js';
import { shanghaiYear } from '../src/rules/shanghai-time.js';
import type { CaseDecision, CaseStage } from '../src/generated/prisma/enums.js';

const NOW = new Date('2025-06-15T04:00:00Z');
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
    expect(transitionRefusal({ from: 'LEGAL_REVIEW', to: 'DECIDED', decision: 'PENALTY', via: 'decide', procedure: 'GENERAL' })).toBeNull();
    const early = transitionRefusal({ from: 'INVESTIGATING', to: 'DECIDED', decision: 'PENALTY', via: 'decide', procedure: 'GENERAL' });
    expect(early?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect(early?.message.zh).toContain('法制审核');
    expect(early?.message.en).toContain('legal review');
    expect(transitionRefusal({ from: 'DECIDED', to: 'DECIDED', decision: 'PENALTY', via: 'decide', procedure: 'GENERAL' })?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect(transitionRefusal({ from: 'LEGAL_REVIEW', to: 'CLOSED', decision: null, via: 'decide', procedure: 'GENERAL' })?.rule).toBe('CASE_ILLEGAL_TRANSITION');
  });

  it('never goes backwards, stays, or skips', () => {
    for (const [i, from] of STAGE_ORDER.entries())
      for (const to of STAGE_ORDER.slice(0, i + 1)) expect(advance(from, to, 'NO_PENALTY')?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect(advance('REGISTERED', 'LEGAL_REVIEW')?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect(advance('INVESTIGATING', 'CLOSED')?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    const back = advance('LEGAL_REVIEW', 'REGISTERED');
    expect(back?.message.zh).toContain('不能从“法制审核”转到“立案”');
    expect(back?.message.en).toContain('from legal review to registered');
  });

  it('closes straight from DECIDED only when nothing was imposed', () => {
    expect(advance('DECIDED', 'CLOSED', 'NO_PENALTY')).toBeNull();
    expect(advance('DECIDED', 'CLOSED', 'DROPPED')).toBeNull();
    for (const d of ['PENALTY', 'LIGHTER', 'MITIGATED'] as const) expect(advance('DECIDED', 'CLOSED', d)?.rule).toBe('CASE_ILLEGAL_TRANSITION');
  });

  it('takes compulsory measures only before the decision', () => {
    expect(measureRefusal('REGISTERED')).toBeNull();
    expect(measureRefusal('LEGAL_REVIEW')).toBeNull();
    expect(measureRefusal('DECIDED')?.rule).toBe('CASE_MEASURE_AFTER_DECISION');
    expect(measureRefusal('CLOSED')?.rule).toBe('CASE_MEASURE_AFTER_DECISION');
  });
});

describe('decision amounts', () => {
  it('needs a positive fine for a penalty', () => {
    expect(decisionAmountIssues({ decision: 'PENALTY', fineFen: 500_000n, confiscationFen: null })).toEqual([]);
    expect(decisionAmountIssues({ decision: 'LIGHTER', fineFen: null, confiscationFen: null })[0]?.field).toBe('fineFen');
    expect(decisionAmountIssues({ decision: 'MITIGATED', fineFen: 0n, confiscationFen: null })[0]?.field).toBe('fineFen');
  });

  it('forbids a fine when nothing is imposed', () => {
    const issues = decisionAmountIssues({ decision: 'NO_PENALTY', fineFen: 100n, confiscationFen: null });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message.zh).toContain('不予处罚');
    expect(issues[0]!.message.en).toContain('no fine');
    expect(decisionAmountIssues({ decision: 'NO_PENALTY', fineFen: null, confiscationFen: 3_000n })).toEqual([]);
    expect(decisionAmountIssues({ decision: 'DROPPED', fineFen: null, confiscationFen: 1n }).map((i) => i.field)).toEqual(['confiscationFen']);
  });

  it('refuses amounts beyond an exact JSON number', () => {
    expect(decisionAmountIssues({ decision: 'PENALTY', fineFen: 2n ** 60n, confiscationFen: null })[0]?.field).toBe('fineFen');
  });
});

describe('assigning officers', () => {
  it('accepts two distinct enforceable officers of the agency', () => {
    const check = checkOfficers([1, 2, 2], [officer(1), officer(2)], 1, NOW);
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
    const check = checkOfficers([1, 2, 3, 4, 5, 6], people, 1, NOW);
    expect(check.eligible).toEqual([1]);
    expect(check.refused.map((r) => r.personId)).toEqual([2, 3, 4, 5, 6]);
    const refusal = assignmentRefusal(check)!;
    expect(refusal.rule).toBe('CASE_TWO_OFFICERS');
    for (const zh of ['辅助人员', '已过期', '未审验', '不是本案承办单位', '人员不存在']) expect(refusal.message.zh).toContain(zh);
    for (const en of ['auxiliaries', 'expired', 'not reviewed', "case's agency", 'no such person']) expect(refusal.message.en).toContain(en);
  });

  it('a certificate is good through its expiry day (Shanghai time)', () => {
    const lastDay = officer(2, { certificateExpiresOn: new Date('2025-06-15T00:00:00Z') });
    expect(checkOfficers([1, 2], [officer(1), lastDay], 1, NOW).eligible).toEqual([1, 2]);
  });

  it('refuses an ineligible extra even when two others qualify', () => {
    const check = checkOfficers([1, 2, 3], [officer(1), officer(2), officer(3, { certificateStatus: 'SUSPENDED' })], 1, NOW);
    const refusal = assignmentRefusal(check)!;
    expect(refusal.rule).toBe('CASE_OFFICER_INELIGIBLE');
    expect(refusal.message.zh).toContain('执法员3');
  });

  it('investigation needs two officers who can enforce today', () => {
    expect(investigationRefusal([officer(1), officer(2)], NOW)).toBeNull();
    const r = investigationRefusal([officer(1), officer(2, { certificateReviewYear: YEAR - 1 })], NOW);
    expect(r?.rule).toBe('CASE_TWO_OFFICERS');
    expect(r?.message.en).toContain('there are 1');
  });
});
