// The survey's statistics, pure (no I/O): 满意率, the composite score, the Wilson 95% interval, the verdict
// against the campaign's target (county plan task 13: 满意率达 93% 以上), and the county figure pooled and
// stratified. Inputs are counts read from the rollups; the definitions are survey-design.md's.
import { LEVELS, LEVEL_SCORES, satisfiedLevels, type Level } from './levels.js';

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** Answers per level, in LEVELS order (非常满意 … 非常不满意). */
export type LevelCounts = readonly [number, number, number, number, number];

export type Verdict = 'MET' | 'WITHIN_NOISE' | 'NOT_MET' | 'NO_DATA';

export interface Interval {
  low: number;
  high: number;
}

export function totalOf(counts: LevelCounts): number {
  return counts[0] + counts[1] + counts[2] + counts[3] + counts[4];
}

/** Satisfied answers: 非常满意 + 满意, plus 基本满意 when the campaign counts it. */
export function satisfiedOf(counts: LevelCounts, basicallySatisfiedCounts: boolean): number {
  const levels: readonly Level[] = satisfiedLevels(basicallySatisfiedCounts);
  return levels.reduce((sum, level) => sum + counts[LEVELS.indexOf(level)], 0);
}

/** 满意率: satisfied / valid; null without answers (a rate of nothing is not zero). */
export function rate(satisfied: number, n: number): number | null {
  return n === 0 ? null : satisfied / n;
}

/** Σ count·score of one item's answers (100/80/60/30/0), before weighting. */
export function scoreSum(counts: LevelCounts): number {
  return LEVELS.reduce((sum, level, i) => sum + counts[i] * LEVEL_SCORES[level], 0);
}

/**
 * Composite score Σ_items w·Σ_levels count·score / Σ_items w·n, from the two weighted sums the reader
 * accumulates per group; null when no weighted answer.
 */
export function compositeScore(weightedScoreSum: number, weightedAnswers: number): number | null {
  return weightedAnswers === 0 ? null : weightedScoreSum / weightedAnswers;
}

/** The score of a list of items (weight and counts each): what the reader's SQL sums, spelled out. */
export function compositeScoreOfItems(items: readonly { weight: number; counts: LevelCounts }[]): number | null {
  let num = 0;
  let den = 0;
  for (const it of items) {
    num += it.weight * scoreSum(it.counts);
    den += it.weight * totalOf(it.counts);
  }
  return compositeScore(num, den);
}

/**
 * Wilson score interval (Wilson 1927) at 95%: sound at small n and at rates near 0 or 1, where the normal
 * approximation gives bounds outside [0, 1] or of zero width. Null when n = 0.
 */
export function wilson(satisfied: number, n: number, z = Z95): Interval | null {
  if (n === 0) return null;
  const p = satisfied / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 1 (or 0) the bound is exactly 1 (0) algebraically; floating point may miss it by an ulp.
  return { low: clamp01(p === 0 ? 0 : centre - half), high: clamp01(p === 1 ? 1 : centre + half) };
}

/**
 * Against the target: MET when the rate reaches it (exactly 93% is met — 达 93% 以上); WITHIN_NOISE when it
 * falls short but the target is inside the interval (the shortfall is not statistically clear); NOT_MET when
 * even the upper bound is below it; NO_DATA without answers.
 */
export function verdict(r: number | null, interval: Interval | null, target: number): Verdict {
  if (r === null || interval === null) return 'NO_DATA';
  if (r >= target) return 'MET';
  if (target <= interval.high) return 'WITHIN_NOISE';
  return 'NOT_MET';
}

export interface Figure {
  validAnswers: number;
  satisfiedAnswers: number;
  rate: number | null;
  score: number | null;
  interval: Interval | null;
  verdict: Verdict;
}

/** One group's figure from its counts (rate over `counts`, score from the weighted sums). */
export function figureOf(
  counts: LevelCounts,
  weighted: { scoreSum: number; answers: number },
  campaign: { basicallySatisfiedCounts: boolean; targetRate: number },
): Figure {
  const n = totalOf(counts);
  const satisfied = satisfiedOf(counts, campaign.basicallySatisfiedCounts);
  const r = rate(satisfied, n);
  const interval = wilson(satisfied, n);
  return {
    validAnswers: n,
    satisfiedAnswers: satisfied,
    rate: r,
    score: compositeScore(weighted.scoreSum, weighted.answers),
    interval,
    verdict: verdict(r, interval, campaign.targetRate),
  };
}

export interface Stratum {
  /** Frame population N_h (enterprises that had a case with the agency in the period). */
  population: number;
  /** Overall answers n_h and satisfied answers of the agency. */
  validAnswers: number;
  satisfiedAnswers: number;
}

export interface StratifiedFigure {
  rate: number | null;
  /** Normal approximation with Var = Σ W_h² p_h(1−p_h)/n_h (the stratified estimator's variance). */
  interval: Interval | null;
  verdict: Verdict;
  /** Strata that entered the estimate (population > 0 and at least one answer). */
  strata: number;
}

/**
 * The stratified county figure Σ_h W_h·p_h, W_h = N_h / Σ N_h over the strata that have a frame population and
 * answers (a stratum without answers cannot be estimated; its weight goes to the others rather than to zero).
 */
export function stratified(strata: readonly Stratum[], target: number, z = Z95): StratifiedFigure {
  const used = strata.filter((s) => s.population > 0 && s.validAnswers > 0);
  const total = used.reduce((sum, s) => sum + s.population, 0);
  if (used.length === 0 || total === 0) return { rate: null, interval: null, verdict: 'NO_DATA', strata: 0 };
  let r = 0;
  let variance = 0;
  for (const s of used) {
    const w = s.population / total;
    const p = s.satisfiedAnswers / s.validAnswers;
    r += w * p;
    variance += (w * w * p * (1 - p)) / s.validAnswers;
  }
  const half = z * Math.sqrt(variance);
  const interval = { low: clamp01(r - half), high: clamp01(r + half) };
  return { rate: r, interval, verdict: verdict(r, interval, target), strata: used.length };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
