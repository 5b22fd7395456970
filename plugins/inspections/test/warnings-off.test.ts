// ZHIFA_INSPECTIONS_WARNINGS=false turns the warning module off: a visit that would trip 应报备未报备 and 多头检查 is
// recorded the same, and no warning is raised. With the module on (the default), the same visits raise both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createWarningWorld, recordVisit, visitOf, type WarningWorld } from './warning-helpers.js';

const worlds: WarningWorld[] = [];
afterAll(() => Promise.all(worlds.map((w) => w.h.close())));

async function twoUnfiledVisits(warnings: boolean) {
  const w = await createWarningWorld({ warnings });
  worlds.push(w);
  await recordVisit(w, visitOf(w, 'A', at('2026-05-10T02:00:00Z')));
  const second = await recordVisit(w, visitOf(w, 'B', at('2026-05-11T02:00:00Z')));
  const rules = (await w.h.db.prisma.inspectionWarning.findMany({ select: { rule: true } })).map((r) => r.rule);
  return { w, second, rules: rules.sort() };
}

describe('the warning module switch', () => {
  let on: Awaited<ReturnType<typeof twoUnfiledVisits>>;
  let off: Awaited<ReturnType<typeof twoUnfiledVisits>>;
  beforeAll(async () => {
    on = await twoUnfiledVisits(true);
    off = await twoUnfiledVisits(false);
  });

  it('on: two agencies’ unfiled visits a day apart raise 应报备未报备 twice and 多头检查 once', () => {
    expect(on.rules).toEqual(['MULTI_AGENCY', 'UNFILED', 'UNFILED']);
    expect(on.second.warningIds).toHaveLength(2);
  });

  it('off: the same visits are recorded and raise nothing', async () => {
    expect(off.rules).toEqual([]);
    expect(off.second.warningIds).toEqual([]);
    expect(await off.w.h.db.prisma.inspectionVisit.count()).toBe(2);
  });
});
