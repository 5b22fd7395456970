// The pure rules of issue 17's matter-side edges, at their boundaries: 裁量基准 tiers and default bands,
// 并处, the 第60条 extension and suspension rules, 第36条's facts, 移送.
import { describe, expect, it } from 'vitest';
import { benchmarkProblems, discretionRefusal, type DiscretionRequest } from '../src/rules/discretion.js';
import { jointPenaltyRefusal } from '../src/rules/joint-penalties.js';
import { decisionDeadlineRefusal, caseExtensionRefusal, suspensionRefusal } from '../src/rules/deadline.js';
import { caseLimitationYears, defaultLimitationFacts } from '../src/rules/limitation.js';
import { transferRefusal } from '../src/rules/transfer.js';

const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe('discretion', () => {
  const req = (over: Partial<DiscretionRequest>): DiscretionRequest => ({
    decision: 'LIGHTER',
    penalties: [{ kind: 'FINE', amountFen: 0n }],
    aggravatingFactor: null,
    benchmark: [],
    range: { minFen: 100_000n, maxFen: 1_100_000n, fixed: true },
    bands: { LIGHTER: [0, 30] },
    ...over,
  });
  const fine = (amountFen: bigint) => [{ kind: 'FINE' as const, amountFen }];

  it('the default band is a share of [min, max]: 30 % of ¥10,000 above ¥1,000 ends at ¥4,000', () => {
    expect(discretionRefusal(req({ penalties: fine(400_000n) }))).toBeNull();
    expect(discretionRefusal(req({ penalties: fine(400_001n) }))?.rule).toBe('DISCRETION_FINE_OUTSIDE_TIER');
    // Rounded outwards to the fen: 30 % of 333 fen is 99.9 → 100 allowed, 101 not.
    const odd = { minFen: 0n, maxFen: 333n, fixed: true };
    expect(discretionRefusal(req({ range: odd, penalties: fine(100n) }))).toBeNull();
    expect(discretionRefusal(req({ range: odd, penalties: fine(101n) }))).not.toBeNull();
  });

  it('with multiples of gains (not fixed), the matter’s own tiers give way to the default band', () => {
    const benchmark = [
      { tier: 'LIGHTER' as const, fineMinFen: null, fineMaxFen: 200_000n, penaltyKinds: [], circumstances: 'x' },
    ];
    expect(discretionRefusal(req({ benchmark, penalties: fine(300_000n) }))?.rule).toBe('DISCRETION_FINE_OUTSIDE_TIER');
    expect(
      discretionRefusal(req({ benchmark, penalties: fine(300_000n), range: { ...req({}).range, fixed: false } })),
    ).toBeNull();
  });

  it('a 减轻 tier lies below the statutory minimum: one fen under allowed, the minimum refused', () => {
    const m = { penaltyKinds: ['FINE' as const], fineMinFen: 100_000n, fineMaxFen: 1_000_000n };
    const tier = (fineMaxFen: bigint) => ({
      ...m,
      benchmark: [
        { tier: 'MITIGATED' as const, fineMinFen: null, fineMaxFen, penaltyKinds: [], circumstances: '主动供述' },
      ],
    });
    expect(benchmarkProblems(tier(99_999n))).toEqual([]);
    expect(benchmarkProblems(tier(100_000n))[0].zh).toContain('第32条');
  });
});

describe('并处', () => {
  const m = {
    penaltyProvision: '第X条',
    penaltyKinds: ['WARNING', 'FINE'] as const,
    mandatoryKinds: ['FINE'] as const,
  };
  it('a penalty or lighter decision imposes the mandatory kinds; mitigated and no-penalty decisions need not', () => {
    const matter = {
      ...m,
      penaltyKinds: [...m.penaltyKinds],
      mandatoryKinds: [...m.mandatoryKinds],
      alternativeKinds: [],
    };
    expect(jointPenaltyRefusal('LIGHTER', ['WARNING'], matter)?.rule).toBe('MISSING_JOINT_PENALTY');
    expect(jointPenaltyRefusal('LIGHTER', ['WARNING', 'FINE'], matter)).toBeNull();
    expect(jointPenaltyRefusal('MITIGATED', ['WARNING'], matter)).toBeNull();
    expect(jointPenaltyRefusal('NO_PENALTY', [], matter)).toBeNull();
    expect(jointPenaltyRefusal('PENALTY', ['WARNING'], null)).toBeNull();
  });
});

describe('第60条', () => {
  const base = { prior: 0, discussion: null, deadlineOn: day('2026-03-31'), today: day('2026-03-31'), headDays: 30 };
  it('the head alone: once, 30 days, while the limit runs', () => {
    expect(caseExtensionRefusal({ ...base, days: 30 })).toBeNull();
    expect(caseExtensionRefusal({ ...base, days: 31 })?.rule).toBe('CASE_EXTENSION_TOO_LONG');
    expect(caseExtensionRefusal({ ...base, days: 5, prior: 1 })?.rule).toBe('CASE_EXTENSION_NEEDS_DISCUSSION');
    expect(caseExtensionRefusal({ ...base, days: 5, today: day('2026-04-01') })?.rule).toBe(
      'CASE_EXTENSION_NEEDS_DISCUSSION',
    );
    expect(caseExtensionRefusal({ ...base, days: 90, prior: 1, discussion: '集体讨论同意' })).toBeNull();
  });
  it('a decision on the last day, not the next; a suspension from the last day, not the next', () => {
    expect(decisionDeadlineRefusal('GENERAL', day('2026-03-31'), day('2026-03-31'))).toBeNull();
    expect(decisionDeadlineRefusal('GENERAL', day('2026-03-31'), day('2026-04-01'))?.rule).toBe(
      'CASE_DECISION_OVERDUE',
    );
    expect(decisionDeadlineRefusal('SIMPLE', null, day('2026-04-01'))).toBeNull();
    expect(suspensionRefusal('GENERAL', 'INVESTIGATING', day('2026-03-31'), day('2026-03-31'))).toBeNull();
    expect(suspensionRefusal('GENERAL', 'INVESTIGATING', day('2026-03-31'), day('2026-04-01'))?.rule).toBe(
      'CASE_DECISION_OVERDUE',
    );
    expect(suspensionRefusal('GENERAL', 'DECIDED', null, day('2026-03-01'))?.rule).toBe('CASE_STEP_OUT_OF_ORDER');
  });
});

describe('第36条 and 移送', () => {
  it('five years need both facts; the matter’s five years presume both', () => {
    expect(caseLimitationYears({ endangersSafety: true, harmFollowed: true })).toBe(5);
    expect(caseLimitationYears({ endangersSafety: true, harmFollowed: false })).toBe(2);
    expect(caseLimitationYears({ endangersSafety: false, harmFollowed: true })).toBe(2);
    expect(defaultLimitationFacts(5)).toEqual({ endangersSafety: true, harmFollowed: true });
    expect(defaultLimitationFacts(2)).toEqual({ endangersSafety: false, harmFollowed: false });
  });
  it('a transfer names its body and document and is not a simple-procedure outcome', () => {
    const t = { transferredTo: '阜宁县公安局', transferDocumentNumber: '阜市监移〔2026〕1号' };
    expect(transferRefusal('TRANSFERRED', 'GENERAL', t)).toBeNull();
    expect(transferRefusal('TRANSFERRED', 'GENERAL', { ...t, transferDocumentNumber: ' ' })?.rule).toBe(
      'CASE_TRANSFER_DETAILS',
    );
    expect(transferRefusal('TRANSFERRED', 'SIMPLE', t)?.rule).toBe('CASE_SIMPLE_PROCEDURE_LIMIT');
    expect(transferRefusal('PENALTY', 'GENERAL', t)?.rule).toBe('CASE_TRANSFER_DETAILS');
  });
});
