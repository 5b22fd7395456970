// The plugin's whole demo data, as `pnpm start` writes it on a fresh embedded database (seedDemoData with the
// plugin): the catalogue, a year of visits with every warning rule tripped, a joint inspection merged from two
// agencies' filings and visited once (counted once), published draws that replay exactly, an invited observer, and
// warnings handled through the workflow. Each slice's own seed test checks its part in detail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '@zhifa/testkit';
import { seedDemoData } from '../../../packages/server/src/seed/index.js';
import { inspectionsPlugin } from '../src/index.js';
import { replayDraw } from '../src/draws.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ plugins: [inspectionsPlugin] });
  await seedDemoData(h.db.prisma, { plugins: [inspectionsPlugin] });
}, 300_000);
afterAll(() => h?.close());

describe('the inspections demo data', () => {
  it('has the catalogue, a year of visits with each warning rule, and warnings in several states', async () => {
    const p = h.db.prisma;
    expect(await p.inspectionItem.count({ where: { publishedAt: { not: null } } })).toBeGreaterThan(0);
    expect(await p.inspectionPlan.count({ where: { status: 'PUBLISHED' } })).toBeGreaterThan(0);
    expect(await p.inspectionScheme.count({ where: { status: 'APPROVED', urgent: true } })).toBeGreaterThan(0);
    expect(await p.inspectionVisit.count()).toBeGreaterThanOrEqual(11);
    const rules = await p.inspectionWarning.groupBy({ by: ['rule'], _count: true });
    expect(rules.map((r) => r.rule).sort()).toEqual(['HIGH_FREQUENCY', 'MULTI_AGENCY', 'REPEATED', 'UNFILED']);
    const states = await p.inspectionWarning.groupBy({ by: ['status'], _count: true });
    expect(states.length).toBeGreaterThanOrEqual(3);
    expect(await p.inspectionRating.count()).toBeGreaterThanOrEqual(5);
  });

  it('has a joint inspection of two agencies, visited once by its lead, with an observer', async () => {
    const p = h.db.prisma;
    const joint = await p.jointInspection.findFirstOrThrow({
      include: { filings: true, visits: true, observers: true },
    });
    expect(new Set(joint.filings.map((f) => f.agencyId)).size).toBe(2);
    expect(joint.visits).toHaveLength(1);
    expect(joint.visits[0].agencyId).toBe(joint.leadAgencyId);
    expect(joint.observers.length).toBeGreaterThanOrEqual(1);
  });

  it('has published draws that replay exactly', async () => {
    const draws = await h.db.prisma.inspectionDraw.findMany({
      where: { publishedAt: { not: null } },
      include: { enterprises: { orderBy: { position: 'asc' } } },
    });
    expect(draws.length).toBeGreaterThanOrEqual(1);
    for (const d of draws) expect(replayDraw(d, d.enterprises).reproduced).toBe(true);
  });
});
