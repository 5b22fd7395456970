// The geometry of rollups kept at day, month and year grain (a plugin's statistics table: counts per agency ×
// period × metric × key), pure: which cells make up a range of days, and the median of a histogram read from them.
// A range then costs a bounded number of cells whatever the number of rows counted. Shared by the economic-impact
// and flexible-enforcement plugins' statistics.

export type RollupGrain = 'D' | 'M' | 'Y';

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const nextMonth = (day: string) => {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * The cells that make up the days `from`..`to` (YYYY-MM-DD, inclusive): a year where a whole year fits, else a month
 * where a whole month fits, else a day. At most 30 + 11 days and months on each edge plus the whole years between.
 */
export function rangeCells(from: string, to: string): { grain: RollupGrain; day: string }[] {
  const cells: { grain: RollupGrain; day: string }[] = [];
  let at = from;
  while (at <= to) {
    const yearEnd = `${at.slice(0, 4)}-12-31`;
    if (at.endsWith('-01-01') && yearEnd <= to) {
      cells.push({ grain: 'Y', day: at });
      at = addDays(yearEnd, 1);
      continue;
    }
    const monthEnd = addDays(nextMonth(at), -1);
    if (at.endsWith('-01') && monthEnd <= to) {
      cells.push({ grain: 'M', day: at });
      at = nextMonth(at);
      continue;
    }
    cells.push({ grain: 'D', day: at });
    at = addDays(at, 1);
  }
  return cells;
}

/**
 * The median of a histogram { value → count }: the middle value, or the mean of the two middle ones for an even
 * total. Null for an empty histogram. Cells at zero or below (a count taken back) add nothing.
 */
export function medianOfHistogram(cells: readonly { value: number; count: number }[]): number | null {
  const sorted = cells.filter((c) => c.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, c) => s + c.count, 0);
  if (total === 0) return null;
  const ranks = total % 2 === 1 ? [(total + 1) / 2] : [total / 2, total / 2 + 1];
  const at = (rank: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.count;
      if (seen >= rank) return c.value;
    }
    return sorted[sorted.length - 1].value;
  };
  return ranks.reduce((s, r) => s + at(r), 0) / ranks.length;
}
