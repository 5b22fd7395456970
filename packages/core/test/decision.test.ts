import { describe, expect, it } from 'vitest';
import {
  decisionInputIssues,
  decisionRefusal,
  decisionSums,
  fineRange,
  yuan,
  type DecisionCircumstances,
  type DecisionContent,
  type MatterTerms,
} from '../src/rules/decision.js';
import { addYears, limitationLastDay, limitationRefusal, violationInFuture } from '../src/rules/limitation.js';
import { partyIsNaturalPerson } from '../src/rules/party.js';

// 未按规定公示营业执照: 《市场主体登记管理条例》第四十八条第一款 — 责令改正；拒不改正的，处3万元以下的罚款.
// Range here: ¥0 .. ¥30,000.
const MATTER: MatterTerms = {
  penaltyProvision: '《市场主体登记管理条例》第四十八条',
  penaltyKinds: ['WARNING', 'FINE', 'REVOKE_LICENCE'],
  fineMinFen: 100_000n,
  fineMaxFen: 3_000_000n,
  gainsMultipleMin: null,
  gainsMultipleMax: null,
};
const GENERAL: DecisionCircumstances = { matter: MATTER, procedure: 'GENERAL', naturalPerson: false };

function d(over: Partial<DecisionContent> = {}): DecisionContent {
  return {
    decision: 'PENALTY',
    penalties: [{ kind: 'FINE', amountFen: 500_000n }],
    ground: null,
    groundNote: null,
    mitigatingCircumstance: null,
    illegalGainsFen: null,
    ...over,
  };
}
const fine = (amountFen: bigint) => [{ kind: 'FINE' as const, amountFen }];

describe('party kind', () => {
  it('a natural person and an 个体工商户 are natural persons; a company is not', () => {
    expect(partyIsNaturalPerson({ partyKind: 'NATURAL_PERSON' }, null)).toBe(true);
    expect(partyIsNaturalPerson({ partyKind: 'ENTERPRISE' }, { kind: 'INDIVIDUAL_BUSINESS' })).toBe(true);
    expect(partyIsNaturalPerson({ partyKind: 'ENTERPRISE' }, { kind: 'COMPANY' })).toBe(false);
    expect(partyIsNaturalPerson({ partyKind: 'ENTERPRISE' }, { kind: 'FARMERS_COOPERATIVE' })).toBe(false);
  });
});

describe('decision shape', () => {
  it('a penalty decision imposes at least one penalty; a warning alone is enough', () => {
    expect(decisionInputIssues(d({ penalties: [] })).map((i) => i.path)).toEqual([['penalties']]);
    expect(decisionInputIssues(d({ penalties: [{ kind: 'WARNING', amountFen: null }] }))).toEqual([]);
    expect(
      decisionInputIssues(d({ decision: 'LIGHTER', penalties: [{ kind: 'REVOKE_LICENCE', amountFen: null }] })),
    ).toEqual([]);
  });

  it('an amount exactly for fines and confiscations, above 0 fen', () => {
    expect(decisionInputIssues(d({ penalties: [{ kind: 'FINE', amountFen: null }] }))[0]?.path).toEqual([
      'penalties',
      0,
      'amountFen',
    ]);
    expect(decisionInputIssues(d({ penalties: [{ kind: 'FINE', amountFen: 0n }] }))[0]?.path).toEqual([
      'penalties',
      0,
      'amountFen',
    ]);
    expect(decisionInputIssues(d({ penalties: [{ kind: 'FINE', amountFen: 1n }] }))).toEqual([]);
    expect(decisionInputIssues(d({ penalties: [{ kind: 'CONFISCATE_PROPERTY', amountFen: null }] }))[0]?.path).toEqual([
      'penalties',
      0,
      'amountFen',
    ]);
    const warning = decisionInputIssues(d({ penalties: [{ kind: 'WARNING', amountFen: 100n }] }));
    expect(warning[0]?.path).toEqual(['penalties', 0, 'amountFen']);
    expect(warning[0]?.message.en).toContain('carries no amount');
    expect(decisionInputIssues(d({ penalties: fine(2n ** 60n) }))[0]?.message.en).toContain('out of range');
  });

  it('each kind once', () => {
    const issues = decisionInputIssues(d({ penalties: [...fine(100n), ...fine(200n)] }));
    expect(issues.map((i) => i.path)).toEqual([['penalties', 1, 'kind']]);
  });

  it('nothing imposed on a no-penalty or dropped decision, except confiscating illegal gains (第28条第2款)', () => {
    expect(decisionInputIssues(d({ decision: 'NO_PENALTY', penalties: [] }))).toEqual([]);
    expect(
      decisionInputIssues(d({ decision: 'NO_PENALTY', penalties: [{ kind: 'CONFISCATE_GAINS', amountFen: 3_000n }] })),
    ).toEqual([]);
    const fined = decisionInputIssues(d({ decision: 'NO_PENALTY', penalties: fine(100n) }));
    expect(fined[0]?.message.zh).toContain('第28条第2款');
    expect(
      decisionInputIssues(d({ decision: 'DROPPED', penalties: [{ kind: 'CONFISCATE_GAINS', amountFen: 1n }] }))[0]
        ?.path,
    ).toEqual(['penalties', 0, 'kind']);
  });

  it('sums the fines and the confiscations', () => {
    expect(decisionSums([{ kind: 'WARNING', amountFen: null }])).toEqual({ fineFen: null, confiscationFen: null });
    expect(
      decisionSums([
        { kind: 'FINE', amountFen: 500n },
        { kind: 'CONFISCATE_GAINS', amountFen: 20n },
        { kind: 'CONFISCATE_PROPERTY', amountFen: 3n },
      ]),
    ).toEqual({ fineFen: 500n, confiscationFen: 23n });
  });
});

describe('grounds', () => {
  it('a no-penalty decision needs one of its grounds', () => {
    expect(decisionRefusal(d({ decision: 'NO_PENALTY', penalties: [] }), GENERAL)?.rule).toBe('CASE_GROUND_REQUIRED');
    for (const g of [
      'MINOR_CORRECTED',
      'FIRST_OFFENCE',
      'NO_FAULT',
      'UNDER_FOURTEEN',
      'MENTAL_ILLNESS',
      'TIME_BARRED',
    ] as const)
      expect(
        decisionRefusal(d({ decision: 'NO_PENALTY', penalties: [], ground: g }), { ...GENERAL, naturalPerson: true }),
        g,
      ).toBeNull();
    const wrong = decisionRefusal(
      d({ decision: 'NO_PENALTY', penalties: [], ground: 'FACTS_NOT_ESTABLISHED' }),
      GENERAL,
    );
    expect(wrong?.rule).toBe('CASE_GROUND_NOT_FOR_DECISION');
  });

  it('第30条, 第31条: under fourteen and mental illness for a natural person only, never an organisation', () => {
    for (const g of ['UNDER_FOURTEEN', 'MENTAL_ILLNESS'] as const) {
      const r = decisionRefusal(d({ decision: 'NO_PENALTY', penalties: [], ground: g }), GENERAL);
      expect(r?.rule, g).toBe('CASE_GROUND_NATURAL_PERSON_ONLY');
      expect(r?.message.zh).toContain('第30条');
      expect(r?.message.zh).toContain('已满十四周岁不满十八周岁');
      expect(r?.message.en).toContain('natural person');
    }
    for (const g of ['MINOR_CORRECTED', 'NO_FAULT', 'TIME_BARRED'] as const)
      expect(decisionRefusal(d({ decision: 'NO_PENALTY', penalties: [], ground: g }), GENERAL), g).toBeNull();
  });

  it('a dropped case: facts not established, or another ground stated', () => {
    expect(decisionRefusal(d({ decision: 'DROPPED', penalties: [] }), GENERAL)?.message.zh).toContain('第57条');
    expect(
      decisionRefusal(d({ decision: 'DROPPED', penalties: [], ground: 'FACTS_NOT_ESTABLISHED' }), GENERAL),
    ).toBeNull();
    expect(decisionRefusal(d({ decision: 'DROPPED', penalties: [], ground: 'OTHER' }), GENERAL)?.rule).toBe(
      'CASE_GROUND_REQUIRED',
    );
    expect(
      decisionRefusal(d({ decision: 'DROPPED', penalties: [], ground: 'OTHER', groundNote: '  ' }), GENERAL)?.rule,
    ).toBe('CASE_GROUND_REQUIRED');
    expect(
      decisionRefusal(d({ decision: 'DROPPED', penalties: [], ground: 'OTHER', groundNote: '当事人已死亡' }), GENERAL),
    ).toBeNull();
    expect(decisionRefusal(d({ decision: 'DROPPED', penalties: [], ground: 'MINOR_CORRECTED' }), GENERAL)?.rule).toBe(
      'CASE_GROUND_NOT_FOR_DECISION',
    );
  });

  it('a penalty carries no ground', () => {
    expect(decisionRefusal(d({ ground: 'MINOR_CORRECTED' }), GENERAL)?.rule).toBe('CASE_GROUND_NOT_FOR_DECISION');
  });
});

describe('penalty kinds and fine range', () => {
  it('every kind must be one the provision allows; confiscating gains always may', () => {
    const r = decisionRefusal(d({ penalties: [{ kind: 'SUSPEND_OPERATIONS', amountFen: null }] }), GENERAL);
    expect(r?.rule).toBe('PENALTY_KIND_NOT_ALLOWED');
    expect(r?.message.zh).toContain('第四十八条');
    expect(r?.message.zh).toContain('第4条');
    expect(
      decisionRefusal(d({ penalties: [...fine(500_000n), { kind: 'CONFISCATE_GAINS', amountFen: 10n }] }), GENERAL),
    ).toBeNull();
    expect(
      decisionRefusal(
        d({
          penalties: [
            { kind: 'WARNING', amountFen: null },
            { kind: 'REVOKE_LICENCE', amountFen: null },
          ],
        }),
        GENERAL,
      ),
    ).toBeNull();
  });

  it('a fine exactly at the maximum is allowed; one fen over is refused', () => {
    expect(decisionRefusal(d({ penalties: fine(3_000_000n) }), GENERAL)).toBeNull();
    const over = decisionRefusal(d({ penalties: fine(3_000_001n) }), GENERAL);
    expect(over?.rule).toBe('FINE_ABOVE_MAXIMUM');
    expect(over?.message.zh).toContain('¥30,000.01');
    expect(over?.message.zh).toContain('¥30,000.00');
    expect(over?.message.en).toContain('arts. 4, 5');
    // ¥90,000,000 for 未公示营业执照 (the issue's example)
    expect(decisionRefusal(d({ penalties: fine(9_000_000_000n) }), GENERAL)?.rule).toBe('FINE_ABOVE_MAXIMUM');
  });

  it('below the minimum only for a mitigated penalty with its 第32条 circumstance', () => {
    expect(decisionRefusal(d({ penalties: fine(100_000n) }), GENERAL)).toBeNull();
    const below = decisionRefusal(d({ penalties: fine(99_999n) }), GENERAL);
    expect(below?.rule).toBe('FINE_BELOW_MINIMUM');
    expect(below?.message.zh).toContain('第32条');
    expect(
      decisionRefusal(
        d({ decision: 'LIGHTER', mitigatingCircumstance: '主动消除违法后果', penalties: fine(99_999n) }),
        GENERAL,
      )?.rule,
    ).toBe('FINE_BELOW_MINIMUM');
    expect(decisionRefusal(d({ decision: 'MITIGATED', penalties: fine(99_999n) }), GENERAL)?.rule).toBe(
      'CASE_MITIGATING_CIRCUMSTANCE_REQUIRED',
    );
    expect(
      decisionRefusal(
        d({ decision: 'MITIGATED', mitigatingCircumstance: '受他人胁迫', penalties: fine(99_999n) }),
        GENERAL,
      ),
    ).toBeNull();
    // Mitigated still may not exceed the maximum.
    expect(
      decisionRefusal(
        d({ decision: 'MITIGATED', mitigatingCircumstance: '受他人胁迫', penalties: fine(3_000_001n) }),
        GENERAL,
      )?.rule,
    ).toBe('FINE_ABOVE_MAXIMUM');
  });

  it('a lighter or mitigated decision records its circumstance', () => {
    const r = decisionRefusal(d({ decision: 'LIGHTER' }), GENERAL);
    expect(r?.rule).toBe('CASE_MITIGATING_CIRCUMSTANCE_REQUIRED');
    expect(r?.message.zh).toContain('第32条');
    expect(decisionRefusal(d({ decision: 'LIGHTER', mitigatingCircumstance: '配合调查' }), GENERAL)).toBeNull();
  });

  it('a fine set as a multiple of the illegal gains: the multiples are the range', () => {
    const m: MatterTerms = {
      ...MATTER,
      fineMinFen: null,
      fineMaxFen: 5_000_000n,
      gainsMultipleMin: 1,
      gainsMultipleMax: 5,
    };
    const at = { ...GENERAL, matter: m };
    const gains = 123_457n; // ¥1,234.57: 1x .. 5x = 123,457 .. 617,285
    expect(fineRange(m, gains)).toMatchObject({ minFen: 123_457n, maxFen: 617_285n });
    expect(decisionRefusal(d({ illegalGainsFen: gains, penalties: fine(617_285n) }), at)).toBeNull();
    expect(decisionRefusal(d({ illegalGainsFen: gains, penalties: fine(617_286n) }), at)?.rule).toBe(
      'FINE_ABOVE_MAXIMUM',
    );
    expect(decisionRefusal(d({ illegalGainsFen: gains, penalties: fine(123_457n) }), at)).toBeNull();
    expect(decisionRefusal(d({ illegalGainsFen: gains, penalties: fine(123_456n) }), at)?.rule).toBe(
      'FINE_BELOW_MINIMUM',
    );
    // Fractional multiples round inwards: 0.5x of 3 fen is 1.5 → at least 2.
    expect(fineRange({ ...m, gainsMultipleMin: 0.5, gainsMultipleMax: 1.5 }, 3n)).toMatchObject({
      minFen: 2n,
      maxFen: 4n,
    });
    // No gains established: the fixed range applies.
    expect(decisionRefusal(d({ illegalGainsFen: 0n, penalties: fine(5_000_000n) }), at)).toBeNull();
    expect(decisionRefusal(d({ illegalGainsFen: null, penalties: fine(5_000_001n) }), at)?.rule).toBe(
      'FINE_ABOVE_MAXIMUM',
    );
  });

  it('a case without a matter (registered before matters existed) is not checked against one', () => {
    expect(decisionRefusal(d({ penalties: fine(9_000_000_000n) }), { ...GENERAL, matter: null })).toBeNull();
  });
});

describe('简易程序 (第51条)', () => {
  const simple = (naturalPerson: boolean): DecisionCircumstances => ({
    matter: { ...MATTER, fineMinFen: null },
    procedure: 'SIMPLE',
    naturalPerson,
  });

  it('a citizen: ¥200 allowed, ¥200.01 refused', () => {
    expect(decisionRefusal(d({ penalties: fine(20_000n) }), simple(true))).toBeNull();
    const r = decisionRefusal(d({ penalties: fine(20_001n) }), simple(true));
    expect(r?.rule).toBe('CASE_SIMPLE_PROCEDURE_LIMIT');
    expect(r?.message.zh).toContain('第51条');
    expect(r?.message.zh).toContain('¥200.00');
  });

  it('an organisation: ¥3,000 allowed, ¥3,000.01 refused', () => {
    expect(decisionRefusal(d({ penalties: fine(300_000n) }), simple(false))).toBeNull();
    expect(decisionRefusal(d({ penalties: fine(300_001n) }), simple(false))?.rule).toBe('CASE_SIMPLE_PROCEDURE_LIMIT');
  });

  it('only a warning and a fine', () => {
    expect(decisionRefusal(d({ penalties: [{ kind: 'WARNING', amountFen: null }] }), simple(false))).toBeNull();
    expect(
      decisionRefusal(d({ penalties: [{ kind: 'WARNING', amountFen: null }, ...fine(100n)] }), simple(true)),
    ).toBeNull();
    expect(decisionRefusal(d({ penalties: [{ kind: 'REVOKE_LICENCE', amountFen: null }] }), simple(false))?.rule).toBe(
      'CASE_SIMPLE_PROCEDURE_LIMIT',
    );
  });

  it('第51条: no NO_PENALTY or DROPPED on the spot — those leave the simple procedure; LIGHTER within the limit stays', () => {
    for (const [decision, ground] of [
      ['NO_PENALTY', 'MINOR_CORRECTED'],
      ['DROPPED', 'FACTS_NOT_ESTABLISHED'],
    ] as const) {
      const r = decisionRefusal(d({ decision, penalties: [], ground }), simple(true));
      expect(r?.rule, decision).toBe('CASE_SIMPLE_PROCEDURE_OUTCOME');
      expect(r?.message.zh).toContain('第51条');
      expect(r?.message.zh).toContain('第57条');
      expect(r?.message.en).toContain('converted to the general procedure');
      expect(
        decisionRefusal(d({ decision, penalties: [], ground }), { ...simple(true), procedure: 'GENERAL' }),
      ).toBeNull();
    }
    expect(
      decisionRefusal(
        d({ decision: 'LIGHTER', penalties: fine(100n), mitigatingCircumstance: '主动减轻' }),
        simple(true),
      ),
    ).toBeNull();
  });

  it('the general procedure has no such limit', () => {
    expect(decisionRefusal(d({ penalties: fine(300_001n) }), GENERAL)).toBeNull();
  });
});

describe('limitation (第36条)', () => {
  const day = (s: string) => new Date(`${s}T00:00:00Z`);

  it('two years: the same date two years on is the last day; the next is refused', () => {
    expect(limitationRefusal(day('2024-03-15'), 2, day('2026-03-15'))).toBeNull();
    const r = limitationRefusal(day('2024-03-15'), 2, day('2026-03-16'));
    expect(r?.rule).toBe('CASE_TIME_BARRED');
    expect(r?.message.zh).toContain('第36条');
    expect(r?.message.zh).toContain('2026-03-15');
  });

  it('five years likewise', () => {
    expect(limitationRefusal(day('2021-07-01'), 5, day('2026-07-01'))).toBeNull();
    expect(limitationRefusal(day('2021-07-01'), 5, day('2026-07-02'))?.rule).toBe('CASE_TIME_BARRED');
  });

  it('29 February ends on 28 February of a common year (民法典 第202条)', () => {
    expect(addYears(day('2024-02-29'), 2).toISOString().slice(0, 10)).toBe('2026-02-28');
    expect(limitationLastDay(day('2024-02-29'), 4).toISOString().slice(0, 10)).toBe('2028-02-29');
    expect(limitationRefusal(day('2024-02-29'), 2, day('2026-03-01'))?.rule).toBe('CASE_TIME_BARRED');
  });

  it('a violation in the future (Shanghai calendar)', () => {
    // 2026-05-01 00:30 in Shanghai is 2026-04-30 16:30 UTC.
    const now = new Date('2026-04-30T16:30:00Z');
    expect(violationInFuture(day('2026-05-01'), now)).toBe(false);
    expect(violationInFuture(day('2026-05-02'), now)).toBe(true);
  });
});

describe('yuan', () => {
  it('formats fen', () => {
    expect(yuan(3_000_001n)).toBe('¥30,000.01');
    expect(yuan(5n)).toBe('¥0.05');
    expect(yuan(123_456_789_00n)).toBe('¥123,456,789.00');
  });
});
