import { describe, expect, it } from 'vitest';
import { matterProblems, publicationRefusal, type MatterFields } from '../src/rules/matter.js';

/** 未按规定公示营业执照: 《市场主体登记管理条例》第三十六条 / 第四十八条 (责令改正，处 3 万元以下罚款). */
const matter = (over: Partial<MatterFields> = {}): MatterFields => ({
  code: 'SJ-0001',
  name: '未按规定公示营业执照',
  domain: '市场监管',
  agencyKinds: ['ENFORCEMENT_AGENCY'],
  violatedProvision: '《市场主体登记管理条例》第三十六条',
  penaltyProvision: '《市场主体登记管理条例》第四十八条',
  penaltyKinds: ['FINE'],
  fineMinFen: null,
  fineMaxFen: 3_000_000n,
  gainsMultipleMin: null,
  gainsMultipleMax: null,
  limitationYears: 2,
  fallbackBelowFen: null,
  mandatoryKinds: [],
  alternativeKinds: [],
  benchmark: [],
  ...over,
});
const rules = (m: MatterFields) => matterProblems(m).map((p) => p.rule);

describe('matterProblems', () => {
  it('accepts a coherent matter, and one with only non-fine kinds', () => {
    expect(matterProblems(matter())).toEqual([]);
    expect(matterProblems(matter({ penaltyKinds: ['WARNING', 'REVOKE_LICENCE'], fineMaxFen: null }))).toEqual([]);
  });

  it('fine range: minimum equal to maximum is allowed, one fen above is refused', () => {
    expect(rules(matter({ fineMinFen: 3_000_000n, fineMaxFen: 3_000_000n }))).toEqual([]);
    const p = matterProblems(matter({ fineMinFen: 3_000_001n, fineMaxFen: 3_000_000n }));
    expect(p).toEqual([expect.objectContaining({ rule: 'MATTER_FINE_RANGE', field: 'fineMinFen' })]);
    expect(p[0].zh).toContain('¥30000.01');
    expect(p[0].zh).toContain('第34条');
    expect(p[0].en).toContain('art. 34');
  });

  it('a minimum without a maximum, or a zero maximum, is refused', () => {
    expect(rules(matter({ fineMinFen: 100n, fineMaxFen: null, gainsMultipleMax: 5 }))).toEqual(['MATTER_FINE_RANGE']);
    expect(rules(matter({ fineMaxFen: 0n }))).toEqual(['MATTER_FINE_RANGE']);
    expect(rules(matter({ fineMaxFen: 1n }))).toEqual([]);
  });

  it('a fine range needs FINE among the kinds; FINE needs a maximum', () => {
    expect(rules(matter({ penaltyKinds: ['WARNING'] }))).toEqual(['MATTER_FINE_NOT_A_KIND']);
    expect(rules(matter({ penaltyKinds: ['WARNING'], fineMaxFen: null, gainsMultipleMax: 3 }))).toEqual([
      'MATTER_FINE_NOT_A_KIND',
    ]);
    expect(rules(matter({ fineMaxFen: null }))).toEqual(['MATTER_FINE_RANGE_REQUIRED']);
    // a multiple of the illegal gains alone is a range
    expect(rules(matter({ fineMaxFen: null, gainsMultipleMin: 1, gainsMultipleMax: 5 }))).toEqual([]);
  });

  it('multiples: min equal to max allowed, above refused; bounds 0..100', () => {
    expect(rules(matter({ gainsMultipleMin: 5, gainsMultipleMax: 5 }))).toEqual([]);
    expect(rules(matter({ gainsMultipleMin: 5.01, gainsMultipleMax: 5 }))).toEqual(['MATTER_GAINS_MULTIPLE_RANGE']);
    expect(rules(matter({ gainsMultipleMin: 1, gainsMultipleMax: null }))).toEqual(['MATTER_GAINS_MULTIPLE_RANGE']);
    expect(rules(matter({ gainsMultipleMax: 100 }))).toEqual([]);
    expect(rules(matter({ gainsMultipleMax: 100.5 }))).toEqual(['MATTER_GAINS_MULTIPLE_RANGE']);
    expect(rules(matter({ gainsMultipleMin: -1, gainsMultipleMax: 2 }))).toEqual(['MATTER_GAINS_MULTIPLE_RANGE']);
    expect(rules(matter({ gainsMultipleMax: 0 }))).toEqual(['MATTER_GAINS_MULTIPLE_RANGE']);
  });

  it('limitation is 2 or 5 years (art. 36): 1, 3, 4 and 6 are refused', () => {
    expect(rules(matter({ limitationYears: 2 }))).toEqual([]);
    expect(rules(matter({ limitationYears: 5 }))).toEqual([]);
    for (const y of [0, 1, 3, 4, 6]) {
      const p = matterProblems(matter({ limitationYears: y }));
      expect(p.map((x) => x.rule)).toEqual(['MATTER_LIMITATION_YEARS']);
      expect(p[0].zh).toContain('第36条');
      expect(p[0].en).toContain('art. 36');
    }
  });

  it('kinds: no repeats; a 司法所 or survey organisation cannot enforce (art. 17)', () => {
    expect(rules(matter({ penaltyKinds: ['FINE', 'FINE'] }))).toEqual(['MATTER_PENALTY_KIND_REPEATED']);
    expect(rules(matter({ agencyKinds: ['ENFORCEMENT_AGENCY', 'JUSTICE_OFFICE'] }))).toEqual([
      'MATTER_AGENCY_KIND_NOT_ENFORCING',
    ]);
    expect(rules(matter({ agencyKinds: ['TOWNSHIP', 'SUBDISTRICT', 'JUSTICE_BUREAU'] }))).toEqual([]);
  });

  it('reports every problem at once, each in both languages naming an article', () => {
    const p = matterProblems(matter({ penaltyKinds: ['WARNING'], fineMinFen: 5n, fineMaxFen: 1n, limitationYears: 3 }));
    expect(p.map((x) => x.rule)).toEqual(['MATTER_FINE_NOT_A_KIND', 'MATTER_FINE_RANGE', 'MATTER_LIMITATION_YEARS']);
    for (const x of p) {
      expect(x.zh).toMatch(/第\d+条/);
      expect(x.en).toMatch(/art\. \d+/);
    }
  });
});

describe('publicationRefusal', () => {
  it('publishes a draft once and withdraws a published matter once', () => {
    expect(publicationRefusal({ published: false }, true)).toBeNull();
    expect(publicationRefusal({ published: true }, true)?.rule).toBe('MATTER_ALREADY_PUBLISHED');
    expect(publicationRefusal({ published: true }, false)).toBeNull();
    expect(publicationRefusal({ published: false }, false)?.rule).toBe('MATTER_NOT_PUBLISHED');
  });
});
