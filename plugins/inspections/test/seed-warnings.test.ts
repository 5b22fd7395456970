// The warnings' demo handling on the demo world: with the warnings demo visits raised (reproduced here — the visits'
// seed is another slice's), seedWarnings walks them through the workflow's service to each state the demo shows,
// each step recorded, and a second run changes nothing it already handled. Without warnings it writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, rowCounts, testSettings, type Harness } from '@zhifa/testkit';
import { pluginSeedContext, seedDemoData } from '../../../packages/server/src/seed/index.js';
import { lockEnterprise } from '../src/enterprise-lock.js';
import { inspectionsPlugin } from '../src/index.js';
import { seedWarnings } from '../src/seed-warnings.js';
import { raiseVisitWarningsInTx } from '../src/warnings/raise.js';

let h: Harness;
const settings = testSettings();
const context = () => pluginSeedContext(h.db.prisma, inspectionsPlugin, { settings });
beforeAll(async () => {
  h = await createHarness({ plugins: [inspectionsPlugin], settings });
  await seedDemoData(h.db.prisma, { plugins: [], settings });
}, 300_000);
afterAll(() => h?.close());

/** What the visits' seed does per visit: lock, write, raise — here without a filing, so each is warned. */
async function demoVisit(agencyId: number, enterpriseId: number, visitedAt: Date) {
  await context().work({ kind: 'system', name: 'demo-visits' }, async (uow) => {
    await lockEnterprise(uow.tx, enterpriseId);
    const v = await uow.tx.inspectionVisit.create({
      data: { agencyId, enterpriseId, visitedAt, codeKeyId: 'demo', recordedBy: 'system:demo', recordedAt: visitedAt },
    });
    await raiseVisitWarningsInTx(uow, v.id);
  });
}

describe('seedWarnings', () => {
  it('without warnings writes nothing', async () => {
    const before = await rowCounts(h.db.prisma);
    await seedWarnings(context());
    expect(await rowCounts(h.db.prisma)).toEqual(before);
  });

  it('walks the demo visits’ warnings to each state, each step recorded; a second run changes nothing handled', async () => {
    const p = h.db.prisma;
    const agencies = await p.agency.findMany({
      where: { kind: 'ENFORCEMENT_AGENCY' },
      orderBy: { id: 'asc' },
      take: 2,
    });
    const [e] = await p.enterprise.findMany({ orderBy: { id: 'asc' }, take: 1 });
    const day = (d: number) => new Date(Date.UTC(2026, 4, d, 2));
    // A three times (the third above the yearly cap of 2), B once within 15 days (多头检查); none filed.
    await demoVisit(agencies[0].id, e.id, day(1));
    await demoVisit(agencies[1].id, e.id, day(3));
    await demoVisit(agencies[0].id, e.id, day(20));
    await demoVisit(agencies[0].id, e.id, day(28));
    const raised = await p.inspectionWarning.findMany({ orderBy: { id: 'asc' } });
    expect(raised.length).toBeGreaterThanOrEqual(6);
    await seedWarnings(context());
    const after = await p.inspectionWarning.findMany({ orderBy: { id: 'asc' }, include: { steps: true } });
    expect(new Set(after.map((w) => w.status))).toEqual(
      new Set(['CLOSED', 'RECTIFIED', 'SUPERVISED', 'ASSIGNED', 'RAISED']),
    );
    const closed = after.find((w) => w.status === 'CLOSED')!;
    expect(closed.steps.map((s) => s.status)).toEqual(['ASSIGNED', 'RECTIFIED', 'CLOSED']);
    expect(closed.closedAt).not.toBeNull();
    const returned = after.find((w) => w.steps.length === 3 && w.steps[2].status === 'ASSIGNED')!;
    expect(returned.steps.map((s) => s.status)).toEqual(['ASSIGNED', 'RECTIFIED', 'ASSIGNED']);
    expect(after.filter((w) => w.status !== 'RAISED').every((w) => w.steps.length > 0)).toBe(true);
    const events = await p.event.count({ where: { topic: 'inspections.warningChanged' } });
    expect(events).toBe(after.reduce((n, w) => n + w.steps.length, 0));
    // Again: only the one left RAISED is taken up (now as the first of the cycle).
    await seedWarnings(context());
    const again = await p.inspectionWarning.findMany({ orderBy: { id: 'asc' }, include: { steps: true } });
    const changed = again.filter((w, i) => w.steps.length !== after[i].steps.length);
    expect(changed.every((w) => after.find((x) => x.id === w.id)!.status === 'RAISED')).toBe(true);
  });
});
