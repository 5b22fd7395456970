// The plugin's demo data on core's: a published list of each kind and, on undecided cases of a matter the
// no-compulsory list names, the officers' waivers (WAIVED, announced like any other). Without core's demo data the
// hook writes nothing and does not fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, rowCounts, type Harness } from '@zhifa/testkit';
import { pluginSeedContext, seedDemoData } from '../../../packages/server/src/seed/index.js';
import { flexibleEnforcementPlugin } from '../src/index.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ plugins: [flexibleEnforcementPlugin] });
});
afterAll(() => h?.close());

describe('flexible-enforcement demo data', () => {
  it('writes nothing, and does not fail, without core demo data', async () => {
    const before = await rowCounts(h.db.prisma);
    await flexibleEnforcementPlugin.seed!(pluginSeedContext(h.db.prisma, flexibleEnforcementPlugin, { log: () => {} }));
    expect(await rowCounts(h.db.prisma)).toEqual(before);
  });

  it('waives a seal-up on undecided cases the no-compulsory list covers, each announced once', async () => {
    await seedDemoData(h.db.prisma, { plugins: [flexibleEnforcementPlugin], log: () => {} });
    const p = h.db.prisma;
    const checks = await p.compulsoryMeasureCheck.findMany({
      include: { case: true, item: { include: { list: true } } },
    });
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) {
      expect(c).toMatchObject({ outcome: 'WAIVED', measureKind: 'SEAL_UP', measureId: null });
      expect(c.item.list).toMatchObject({ kind: 'NO_COMPULSORY', status: 'PUBLISHED' });
      expect(['DECIDED', 'CLOSED']).not.toContain(c.case.stage);
    }
    expect(await p.event.count({ where: { topic: 'flexibleEnforcement.measureCheckRecorded' } })).toBe(checks.length);
  });
});
