// Sample size of one stratum of the sampling frame 抽样框 (统计调查 practice for estimating a proportion):
// n0 = z²·p(1−p)/e² for a simple random sample, then the finite-population correction
// n = n0 / (1 + (n0 − 1)/N), rounded up and never above N. At p = 0.93 (the county plan's target, task 13),
// e = 0.03 and z for 95 %, n0 ≈ 277.9: a large stratum needs 278 enterprises, a stratum of 10 all ten.

/** z for a two-sided 95 % interval (the same z as the figures' Wilson interval). */
export const Z95 = 1.959963984540054;

/** The margin asked for when none is given: ±3 percentage points. */
export const DEFAULT_MARGIN = 0.03;
/** Margins the frame accepts: from ±0.5 to ±20 percentage points. */
export const MARGIN_MIN = 0.005;
export const MARGIN_MAX = 0.2;
/** The formula needs 0 < p < 1; a campaign whose target is 100 % plans for 99 %. */
export const EXPECTED_RATE_MAX = 0.99;

/** The uncorrected size, n0 = z²·p(1−p)/e². */
export function infiniteSampleSize(p: number, e: number, z = Z95): number {
  return (z * z * p * (1 - p)) / (e * e);
}

/**
 * The sample size of a stratum of `population` units: finite-population corrected, rounded up, at most the
 * population (0 for an empty stratum). The quotient is rounded to 1e-9 before it is rounded up, so a value a
 * floating-point error puts a hair above an integer does not ask for one unit more.
 */
export function sampleSize(population: number, p: number, e: number, z = Z95): number {
  if (population <= 0) return 0;
  const n0 = infiniteSampleSize(p, e, z);
  const n = n0 / (1 + (n0 - 1) / population);
  return Math.min(population, Math.ceil(Math.round(n * 1e9) / 1e9));
}

/** The expected rate the frame plans with by default: the campaign's target, below 1 (the formula needs p < 1). */
export function defaultExpectedRate(targetRate: number): number {
  return Math.min(targetRate, EXPECTED_RATE_MAX);
}
