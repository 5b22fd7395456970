// The draws slice's demo data on the demo world, through its services: two published draws that replay exactly, and
// a joint inspection merged from two agencies' filings with a special supervisor invited (the filings are written
// here as the visits slice's demo data will write them), and the special supervisor on the earliest major filing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '@zhifa/testkit';
import { pluginSeedContext, seedDemoData } from '../../../packages/server/src/seed/index.js';
import { inspectionsPlugin } from '../src/index.js';
import { replayDraw } from '../src/draws.js';
import { seedDraws, type SeedDrawsResult } from '../src/seed-draws.js';

let h: Harness;
let result: SeedDrawsResult;
beforeAll(async () => {
  h = await createHarness({ plugins: [inspectionsPlugin] });
  const now = new Date();
  await seedDemoData(h.db.prisma, { plugins: [], now });
  const p = h.db.prisma;
  const agencies = await p.agency.findMany({
    where: { kind: 'ENFORCEMENT_AGENCY', inspectionQualifiedOn: { not: null } },
    orderBy: { id: 'asc' },
    take: 2,
  });
  const enterprise = await p.enterprise.findFirstOrThrow({ orderBy: { id: 'asc' } });
  const day = 86_400_000;
  const filingIds: number[] = [];
  for (const [i, a] of agencies.entries()) {
    const scheme = await p.inspectionScheme.create({
      data: {
        agencyId: a.id,
        title: '演示检查方案',
        content: '现场检查',
        status: 'APPROVED',
        requestedBy: 'system:demo',
        requestedAt: now,
      },
    });
    const f = await p.inspectionFiling.create({
      data: {
        agencyId: a.id,
        enterpriseId: enterprise.id,
        schemeId: scheme.id,
        plannedFrom: new Date(now.getTime() + (7 + i) * day),
        plannedTo: new Date(now.getTime() + (9 + i) * day),
        notice: 'AGREED',
        noticeNote: '已与企业负责人商定',
        filedBy: 'system:demo',
        filedAt: now,
        major: i === 0,
      },
    });
    filingIds.push(f.id);
  }
  result = await seedDraws(pluginSeedContext(h.db.prisma, inspectionsPlugin, { now }), { jointFilingIds: filingIds });
}, 300_000);
afterAll(() => h?.close());

describe('draws demo data', () => {
  it('publishes two draws of five enterprises, two officers each, that replay exactly', async () => {
    expect(result.drawIds).toHaveLength(2);
    for (const id of result.drawIds) {
      const d = await h.db.prisma.inspectionDraw.findUniqueOrThrow({ where: { id }, include: { enterprises: true } });
      expect(d.publishedAt).not.toBeNull();
      expect(d.enterprises).toHaveLength(5);
      expect(d.enterprises.every((e) => e.officerIds.length === 2)).toBe(true);
      expect(replayDraw(d, d.enterprises).reproduced).toBe(true);
    }
  });

  it('merges the two agencies’ filings into a joint inspection with a special supervisor invited', async () => {
    const j = await h.db.prisma.jointInspection.findUniqueOrThrow({
      where: { id: result.jointInspectionId! },
      include: { filings: true, observers: { include: { person: true } } },
    });
    expect(j.filings).toHaveLength(2);
    expect(j.observers.map((o) => o.person.roles)).toEqual([['SPECIAL_SUPERVISOR']]);
    // … and to the earliest major filing.
    const o = await h.db.prisma.inspectionObserver.findUniqueOrThrow({ where: { id: result.filingObserverId! } });
    expect(o.filingId).toBe(j.filings.find((f) => f.major)!.id);
  });
});
