// The pure rules behind the guard and the figures: what holds at a decision (recorded first, then what the facts fire
// that nothing answers — the decision itself included), the refusal's wording, penalties changed after the assessment,
// the 第66条 terms a decision carries, and the median of the days-to-approval histogram.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../src/rules/rules-values.js';
import { penaltyTriggers, partyTriggers, unanswered } from '../src/rules/triggers.js';
import {
  assessmentRequiredMessage,
  paymentTermsOf,
  penaltiesChanged,
  triggersThatHold,
} from '../src/rules/reliance.js';
import { medianOfHistogram } from '@zhifa/core/rules';
import { decisionFigures } from '../src/rules/figures.js';

const company = { kind: 'COMPANY' as const, isKeyEnterprise: false };
const fine = (fen: bigint) => [{ kind: 'FINE' as const, amountFen: fen }];

describe('triggersThatHold', () => {
  it('keeps what was recorded and adds only what nothing answers: a heavier decided fine, not a lighter one', () => {
    const recorded = penaltyTriggers(fine(6_000_000n), company, DEFAULT_RULES, 'NOTICE', 7);
    const lighter = penaltyTriggers(fine(5_500_000n), company, DEFAULT_RULES, 'DECISION');
    expect(triggersThatHold(recorded, lighter)).toEqual(recorded);
    const heavier = penaltyTriggers(fine(6_000_001n), company, DEFAULT_RULES, 'DECISION');
    const held = triggersThatHold(recorded, heavier);
    expect(held).toHaveLength(2);
    expect(held[1]).toMatchObject({ kind: 'LARGE_FINE', source: 'DECISION', amountFen: 6_000_001n });
    // The approval covering ¥60,000.00 answers the recorded trigger, not the heavier decision.
    expect(unanswered(held, recorded)).toEqual([held[1]]);
  });

  it('a case with nothing recorded is judged on its facts alone; nothing holds for an ordinary company below the threshold', () => {
    const key = partyTriggers({ kind: 'COMPANY', isKeyEnterprise: true }, DEFAULT_RULES);
    expect(triggersThatHold([], key).map((t) => t.kind)).toEqual(['KEY_ENTERPRISE']);
    expect(
      triggersThatHold(
        [],
        [
          ...partyTriggers(company, DEFAULT_RULES),
          ...penaltyTriggers(fine(4_999_999n), company, DEFAULT_RULES, 'DECISION'),
        ],
      ),
    ).toEqual([]);
  });
});

describe('the refusal', () => {
  it('names each trigger with its figure and threshold, and the revision that no longer suffices', () => {
    const missing = penaltyTriggers(fine(8_000_000n), company, DEFAULT_RULES, 'NOTICE', 3);
    const none = assessmentRequiredMessage(missing, null);
    expect(none.zh).toContain('（1）行政处罚事先告知：较大数额罚款 ¥80,000.00，达到评估标准 ¥50,000.00');
    expect(none.zh).toContain('县实施方案任务7');
    expect(none.en).toContain('county plan task 7');
    const stale = assessmentRequiredMessage(missing, 2);
    expect(stale.zh).toContain('已批准的第 2 版');
    expect(stale.en).toContain('revision 2');
  });
});

describe('penaltiesChanged', () => {
  it('compares kinds and amounts in any order; null when nothing was assessed', () => {
    const assessed = [
      { kind: 'WARNING' as const, amountFen: null },
      { kind: 'FINE' as const, amountFen: '6000000' },
    ];
    expect(
      penaltiesChanged(
        [
          { kind: 'FINE', amountFen: 6_000_000n },
          { kind: 'WARNING', amountFen: null },
        ],
        assessed,
      ),
    ).toBe(false);
    expect(
      penaltiesChanged(
        [
          { kind: 'FINE', amountFen: 5_999_999n },
          { kind: 'WARNING', amountFen: null },
        ],
        assessed,
      ),
    ).toBe(true);
    expect(penaltiesChanged([{ kind: 'FINE', amountFen: 6_000_000n }], assessed)).toBe(true);
    expect(penaltiesChanged([], null)).toBeNull();
  });
});

describe('paymentTermsOf (第66条)', () => {
  const m = [
    { kind: 'COMPLIANCE_GUIDANCE' as const, text: '合规指导', instalments: null, dueOn: null },
    { kind: 'INSTALMENT' as const, text: '分三期', instalments: 3, dueOn: new Date('2027-03-01T00:00:00Z') },
  ];
  it('carries the instalment or deferral terms into a decision with a fine, none without one', () => {
    expect(paymentTermsOf(m, 6_000_000n)).toEqual({
      kind: 'INSTALMENT',
      text: '分三期',
      instalments: 3,
      dueOn: '2027-03-01',
    });
    expect(paymentTermsOf(m, null)).toBeNull();
    expect(paymentTermsOf(m.slice(0, 1), 6_000_000n)).toBeNull();
  });
});

describe('figures', () => {
  it('the median of a histogram: the middle value, the mean of the two middle ones, null when empty', () => {
    expect(medianOfHistogram([])).toBeNull();
    expect(medianOfHistogram([{ value: 4, count: 1 }])).toBe(4);
    expect(
      medianOfHistogram([
        { value: 10, count: 2 },
        { value: 3, count: 1 },
        { value: 5, count: 1 },
      ]),
    ).toBe(7.5);
    expect(
      medianOfHistogram([
        { value: 1, count: 1 },
        { value: 2, count: 0 },
        { value: 9, count: 1 },
        { value: 3, count: 1 },
      ]),
    ).toBe(3);
    expect(medianOfHistogram([{ value: 2, count: -1 }])).toBeNull();
  });

  it('decisions: the total is the four ways together; penalties changed is a part of those with an assessment', () => {
    expect(decisionFigures({ notRequired: 3, withAssessment: 4, exempt: 2, penaltiesChanged: 1 })).toEqual({
      total: 9,
      notRequired: 3,
      withAssessment: 4,
      exempt: 2,
      withoutRequiredAssessment: 0,
      penaltiesChangedAfterAssessment: 1,
    });
  });
});
