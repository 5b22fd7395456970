// The statistics against values computed by hand (survey-design.md's definitions), at their edges:
// exactly 93% is met, n = 0 has no rate, n = 1, all satisfied (upper bound exactly 1, lower n/(n+z²)),
// a shortfall within noise and a clear one, 基本满意 counted or not, the weighted score, the stratified figure.
import { describe, expect, it } from 'vitest';
import {
  compositeScoreOfItems,
  figureOf,
  rate,
  satisfiedOf,
  stratified,
  verdict,
  wilson,
  Z95,
  type LevelCounts,
} from '../src/statistics.js';

const campaign = { basicallySatisfiedCounts: false, targetRate: 0.93 };
const Z2 = Z95 * Z95;

/** Counts with `s` 满意 and `n − s` 不满意: only the rate matters. */
const split = (s: number, n: number): LevelCounts => [0, s, 0, n - s, 0];
const fig = (counts: LevelCounts, c = campaign) => figureOf(counts, { scoreSum: 0, answers: 0 }, c);

describe('rate and verdict', () => {
  it('exactly 93% is met (达 93% 以上), 92.99…% is not', () => {
    const f = fig(split(93, 100));
    expect(f.rate).toBe(0.93);
    expect(f.verdict).toBe('MET');
    expect(fig(split(9299, 10000)).verdict).toBe('WITHIN_NOISE');
  });

  it('n = 0: no rate, no interval, NO_DATA', () => {
    expect(rate(0, 0)).toBeNull();
    expect(wilson(0, 0)).toBeNull();
    expect(fig([0, 0, 0, 0, 0])).toEqual({
      validAnswers: 0,
      satisfiedAnswers: 0,
      rate: null,
      score: null,
      interval: null,
      verdict: 'NO_DATA',
    });
  });

  it('n = 1 satisfied: rate 1, interval [1/(1+z²), 1], MET; n = 1 dissatisfied: [0, z²/(1+z²)], NOT_MET', () => {
    const yes = fig(split(1, 1));
    expect(yes.rate).toBe(1);
    expect(yes.interval!.high).toBe(1);
    expect(yes.interval!.low).toBeCloseTo(1 / (1 + Z2), 12);
    expect(yes.interval!.low).toBeCloseTo(0.2065493143772, 12);
    expect(yes.verdict).toBe('MET');
    const no = fig(split(0, 1));
    expect(no.interval!.low).toBe(0);
    expect(no.interval!.high).toBeCloseTo(Z2 / (1 + Z2), 12);
    expect(no.verdict).toBe('NOT_MET');
  });

  it('all satisfied: the upper bound is exactly 1 and the lower n/(n+z²)', () => {
    for (const n of [2, 10, 278, 100_000]) {
      const i = wilson(n, n)!;
      expect(i.high).toBe(1);
      expect(i.low).toBeCloseTo(n / (n + Z2), 12);
    }
  });

  it('a shortfall within noise (90 of 100: upper 0.9448 ≥ 0.93) and a clear one (80 of 100: upper 0.8666)', () => {
    const near = fig(split(90, 100));
    expect(near.interval!.low).toBeCloseTo(0.8256343385, 9);
    expect(near.interval!.high).toBeCloseTo(0.9447708629, 9);
    expect(near.verdict).toBe('WITHIN_NOISE');
    const far = fig(split(80, 100));
    expect(far.interval!.high).toBeCloseTo(0.8666330667, 9);
    expect(far.verdict).toBe('NOT_MET');
    // The interval at 93 of 100, computed by hand from Wilson's formula.
    const at = wilson(93, 100)!;
    expect(at.low).toBeCloseTo(0.8625048526, 9);
    expect(at.high).toBeCloseTo(0.9656807389, 9);
  });

  it('the verdict at the upper bound itself is within noise (target ≤ upper bound)', () => {
    expect(verdict(0.9, { low: 0.8, high: 0.93 }, 0.93)).toBe('WITHIN_NOISE');
    expect(verdict(0.9, { low: 0.8, high: 0.9299999 }, 0.93)).toBe('NOT_MET');
  });
});

describe('basicallySatisfiedCounts', () => {
  const counts: LevelCounts = [50, 30, 13, 5, 2];
  it('off: 非常满意 + 满意 = 80 of 100, NOT_MET', () => {
    expect(satisfiedOf(counts, false)).toBe(80);
    expect(fig(counts).verdict).toBe('NOT_MET');
  });
  it('on: + 基本满意 = 93 of 100, MET', () => {
    expect(satisfiedOf(counts, true)).toBe(93);
    const f = fig(counts, { ...campaign, basicallySatisfiedCounts: true });
    expect(f.rate).toBe(0.93);
    expect(f.verdict).toBe('MET');
  });
});

describe('composite score', () => {
  it('one answer per level scores (100+80+60+30+0)/5 = 54', () => {
    expect(compositeScoreOfItems([{ weight: 1, counts: [1, 1, 1, 1, 1] }])).toBe(54);
  });
  it('weights by item: 2·(2·100) + 1·(1·0) over 2·2 + 1·1 = 80', () => {
    expect(
      compositeScoreOfItems([
        { weight: 2, counts: [2, 0, 0, 0, 0] },
        { weight: 1, counts: [0, 0, 0, 0, 1] },
      ]),
    ).toBe(80);
  });
  it('no answers: no score', () => {
    expect(compositeScoreOfItems([{ weight: 2, counts: [0, 0, 0, 0, 0] }])).toBeNull();
  });
});

describe('stratified county figure', () => {
  it('Σ W_h·p_h over strata with a population and answers; the others carry no weight', () => {
    const s = stratified(
      [
        { population: 300, validAnswers: 100, satisfiedAnswers: 95 },
        { population: 100, validAnswers: 50, satisfiedAnswers: 40 },
        { population: 0, validAnswers: 20, satisfiedAnswers: 0 },
        { population: 500, validAnswers: 0, satisfiedAnswers: 0 },
      ],
      0.93,
    );
    // W = 300/400, 100/400: 0.75·0.95 + 0.25·0.8 = 0.9125.
    expect(s.rate).toBeCloseTo(0.9125, 12);
    expect(s.strata).toBe(2);
    expect(s.interval!.low).toBeCloseTo(0.8701363181, 9);
    expect(s.interval!.high).toBeCloseTo(0.9548636819, 9);
    expect(s.verdict).toBe('WITHIN_NOISE');
  });
  it('no usable stratum: NO_DATA', () => {
    expect(stratified([{ population: 0, validAnswers: 5, satisfiedAnswers: 5 }], 0.93)).toEqual({
      rate: null,
      interval: null,
      verdict: 'NO_DATA',
      strata: 0,
    });
  });
});
