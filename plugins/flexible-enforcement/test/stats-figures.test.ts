// The statistics' pure arithmetic (src/stats/figures.ts): the range rule at its edges, and figures from sums.
import { describe, expect, it } from 'vitest';
import { flexibleFigures, MAX_STATS_DAYS, statsRangeRefusal, type Sums } from '../src/stats/figures.js';

const d = (day: string) => new Date(`${day}T00:00:00Z`);

describe('statsRangeRefusal', () => {
  it('allows one day and 366 days (a leap year); refuses 367 days and an end before the start', () => {
    expect(MAX_STATS_DAYS).toBe(366);
    expect(statsRangeRefusal(d('2026-06-15'), d('2026-06-15'))).toBeNull();
    expect(statsRangeRefusal(d('2024-01-01'), d('2024-12-31'))).toBeNull();
    expect(statsRangeRefusal(d('2024-01-01'), d('2025-01-01'))?.rule).toBe('FLEXIBLE_STATS_RANGE');
    expect(statsRangeRefusal(d('2026-06-15'), d('2026-06-14'))?.rule).toBe('FLEXIBLE_STATS_RANGE');
  });
});

describe('flexibleFigures', () => {
  const sums = (cells: Record<string, Record<string, bigint>>): Sums =>
    new Map(Object.entries(cells).map(([m, keys]) => [m, new Map(Object.entries(keys))]));

  it('zeros and nulls for nothing', () => {
    const f = flexibleFigures(new Map(), '2026-06-15');
    expect(f.softMeasures).toMatchObject({ total: 0, overdue: 0, followedByCaseShare: null });
    expect(f.invitations).toMatchObject({
      total: 0,
      medianResponseHours: null,
      averageResponseHours: null,
      averageRating: null,
    });
    expect(f.lighter).toEqual({ decisions: 0, fineImposedFen: 0n, fineNotImposedFen: 0n, maximumUnknown: 0 });
  });

  it('overdue: open follow-ups due before today, not today', () => {
    const f = flexibleFigures(
      sums({ softOpenFollowUp: { '2026-06-14': 2n, '2026-06-15': 1n, '2026-07-01': 4n } }),
      '2026-06-15',
    );
    expect(f.softMeasures.overdue).toBe(2);
  });

  it('the mean rating and response time from their sums; fen stay exact beyond 2^53', () => {
    const f = flexibleFigures(
      sums({
        invRating: { '1': 1n, '4': 2n },
        invResponseHours: { '0': 1n, '2': 1n },
        invResponseMs: { '': 9_000_000n },
        decision: { LIGHTER: 1n },
        decisionFineFen: { LIGHTER: 9_007_199_254_740_993n },
      }),
      '2026-06-15',
    );
    expect(f.invitations).toMatchObject({ rated: 3, averageRating: 3, responded: 2, medianResponseHours: 1 });
    expect(f.invitations.averageResponseHours).toBe(1.25);
    expect(f.lighter.fineImposedFen).toBe(9_007_199_254_740_993n);
  });
});
