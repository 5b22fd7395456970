// The statistics' rollups: a count lands in its agency's and the county's cells at day, month and year grain, and a
// range of days reads a bounded set of cells that covers each day exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginSettings, unitOfWork, CaseGuards } from '@zhifa/core';
import { addToStats, COUNTY, rangeCells, readStats } from '../src/rollups.js';
import { createWorld, type World } from './fixtures.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w?.h.close());

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
/** The days a cell stands for. */
const covered = (c: { grain: string; day: string }) => {
  if (c.grain === 'D') return [c.day];
  if (c.grain === 'Y') return days(c.day, `${c.day.slice(0, 4)}-12-31`);
  const [y, m] = [Number(c.day.slice(0, 4)), Number(c.day.slice(5, 7))];
  return days(c.day, new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
};

describe('rangeCells', () => {
  it('covers every day of the range exactly once, with a bounded number of cells', () => {
    for (const [from, to] of [
      ['2026-03-15', '2026-03-15'],
      ['2026-01-01', '2026-12-31'],
      ['2024-02-01', '2024-02-29'],
      ['2023-11-17', '2026-02-03'],
      ['2016-01-02', '2026-12-30'],
    ]) {
      const cells = rangeCells(from, to);
      expect(cells.flatMap(covered)).toEqual(days(from, to));
      expect(cells.length).toBeLessThanOrEqual(30 + 11 + 11 + 30 + 12);
    }
    expect(rangeCells('2026-01-01', '2026-12-31')).toEqual([{ grain: 'Y', day: '2026-01-01' }]);
    expect(rangeCells('2026-05-02', '2026-05-01')).toEqual([]);
  });
});

describe('addToStats / readStats', () => {
  it('counts in the agency and the county, and reads any range the same', async () => {
    const env = {
      prisma: w.h.db.prisma,
      viewer: { kind: 'system' as const, name: 'test' },
      guards: new CaseGuards(),
      settings: new PluginSettings(),
      clock: () => new Date(),
    };
    // 2026-03-31T20:00Z is 1 April in Shanghai.
    await unitOfWork(
      env,
      (uow) =>
        addToStats(uow.tx, [
          {
            agencyId: w.agencyA.id,
            at: new Date('2026-03-31T20:00:00Z'),
            metric: 'trigger',
            key: 'LARGE_FINE',
            count: 1,
          },
          {
            agencyId: w.agencyA.id,
            at: new Date('2026-04-02T02:00:00Z'),
            metric: 'trigger',
            key: 'LARGE_FINE',
            count: 2,
          },
          { agencyId: w.agencyB.id, at: new Date('2026-04-02T02:00:00Z'), metric: 'trigger', key: 'LICENCE', count: 1 },
        ]),
      { silent: 'test set-up' },
    );
    const a = await readStats(w.h.db.prisma, w.agencyA.id, '2026-04-01', '2026-04-01');
    expect(a.get('trigger')?.get('LARGE_FINE')).toBe(1);
    expect((await readStats(w.h.db.prisma, w.agencyA.id, '2026-03-31', '2026-03-31')).size).toBe(0);
    expect(
      (await readStats(w.h.db.prisma, w.agencyA.id, '2026-01-01', '2026-12-31')).get('trigger')?.get('LARGE_FINE'),
    ).toBe(3);
    expect(
      (await readStats(w.h.db.prisma, w.agencyA.id, '2026-04-02', '2027-02-01')).get('trigger')?.get('LARGE_FINE'),
    ).toBe(2);
    const county = await readStats(w.h.db.prisma, COUNTY, '2025-12-01', '2026-06-30');
    expect(Object.fromEntries(county.get('trigger') ?? [])).toEqual({ LARGE_FINE: 3, LICENCE: 1 });
  });
});
