// Core's rollup geometry: the cells that make up a range of days (each day once, a bounded number of cells), and the
// median of a histogram read from them.
import { describe, expect, it } from 'vitest';
import { medianOfHistogram, rangeCells } from '../src/rules.js';

const DAY = 86_400_000;
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
const lastOf = (c: { grain: string; day: string }) => {
  const [y, m] = [Number(c.day.slice(0, 4)), Number(c.day.slice(5, 7))];
  if (c.grain === 'D') return c.day;
  if (c.grain === 'Y') return `${y}-12-31`;
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

describe('rangeCells', () => {
  it('covers every day of the range exactly once, in a bounded number of cells', () => {
    for (const [from, to] of [
      ['2026-03-15', '2026-03-15'],
      ['2026-01-01', '2026-12-31'],
      ['2024-02-01', '2024-02-29'],
      ['2025-06-15', '2026-06-15'],
      ['2023-11-17', '2026-02-03'],
    ]) {
      const cells = rangeCells(from, to);
      expect(cells.flatMap((c) => days(c.day, lastOf(c)))).toEqual(days(from, to));
      expect(cells.length).toBeLessThanOrEqual(30 + 11 + 11 + 30 + 12);
    }
    expect(rangeCells('2026-01-01', '2026-12-31')).toEqual([{ grain: 'Y', day: '2026-01-01' }]);
    expect(rangeCells('2026-05-02', '2026-05-01')).toEqual([]);
  });
});

describe('medianOfHistogram', () => {
  it('takes the middle value, or the mean of the middle two; ignores cells at zero or below; null when empty', () => {
    expect(medianOfHistogram([])).toBeNull();
    expect(medianOfHistogram([{ value: 3, count: 0 }])).toBeNull();
    expect(
      medianOfHistogram([
        { value: 10, count: 1 },
        { value: 1, count: 1 },
        { value: 3, count: 1 },
      ]),
    ).toBe(3);
    expect(
      medianOfHistogram([
        { value: 10, count: 2 },
        { value: 3, count: 2 },
      ]),
    ).toBe(6.5);
    expect(
      medianOfHistogram([
        { value: 5, count: -1 },
        { value: 2, count: 3 },
      ]),
    ).toBe(2);
  });
});
