// The visits slice's demo data on the demo world, through the services: items and approved schemes (the catalogue
// part's, written here with Prisma) for two qualified agencies, then a year of filings and visits in which each
// warning rule's pattern occurs, findings of each kind (a case linking back), ratings, a pending and a withdrawn filing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '@zhifa/testkit';
import { agencyMayEnforce } from '@zhifa/core/cases';
import { pluginSeedContext, seedDemoData } from '../../../packages/server/src/seed/index.js';
import { inspectionsPlugin } from '../src/index.js';
import { seedVisits, type SeedScheme, type SeededVisits } from '../src/seed-visits.js';

let h: Harness;
let seeded: SeededVisits;
const DAY = 86_400_000;
beforeAll(async () => {
  h = await createHarness({ plugins: [inspectionsPlugin] });
  await seedDemoData(h.db.prisma, { plugins: [] });
  const p = h.db.prisma;
  const now = new Date();
  const agencies = await p.agency.findMany({
    where: { kind: 'ENFORCEMENT_AGENCY', inspectionQualifiedOn: { not: null } },
    orderBy: { id: 'asc' },
  });
  const matters = await p.enforcementMatter.findMany({ where: { published: true }, orderBy: { id: 'asc' } });
  const schemes: SeedScheme[] = [];
  for (const a of agencies) {
    const m = matters.find((x) => agencyMayEnforce(a, x));
    if (!m) continue;
    const item = await p.inspectionItem.create({
      data: {
        agencyId: a.id,
        name: `${m.name}情况检查`,
        basis: m.violatedProvision,
        domain: m.domain,
        year: now.getUTCFullYear(),
        publishedAt: new Date(now.getTime() - 400 * DAY),
        publishedBy: 'system:demo',
        createdBy: 'system:demo',
        createdAt: new Date(now.getTime() - 410 * DAY),
        matters: { create: [{ matterId: m.id }] },
      },
    });
    const s = await p.inspectionScheme.create({
      data: {
        agencyId: a.id,
        title: '年度双随机检查方案',
        content: '按年度计划开展现场检查',
        status: 'APPROVED',
        requestedBy: 'system:demo',
        requestedAt: new Date(now.getTime() - 400 * DAY),
        decidedBy: 'system:demo',
        decidedAt: new Date(now.getTime() - 399 * DAY),
        items: { create: [{ itemId: item.id }] },
      },
    });
    schemes.push({ agencyId: a.id, schemeId: s.id, itemIds: [item.id] });
  }
  const lines: string[] = [];
  seeded = await seedVisits(pluginSeedContext(p, inspectionsPlugin, { log: (l) => void lines.push(l) }), schemes);
}, 300_000);
afterAll(() => h?.close());

describe('visits demo data', () => {
  it('a year of filings and visits through the services, with each warning rule’s pattern', async () => {
    const p = h.db.prisma;
    expect(seeded.visits).toBe(10);
    const visits = await p.inspectionVisit.findMany({
      include: { items: true, rating: true },
      orderBy: { visitedAt: 'asc' },
    });
    expect(visits).toHaveLength(10);
    const span = visits.at(-1)!.visitedAt.getTime() - visits[0].visitedAt.getTime();
    expect(span).toBeGreaterThan(250 * DAY);
    // 应报备未报备
    expect(visits.filter((v) => v.filingId === null)).toHaveLength(1);
    // 多头检查: two agencies at one enterprise within 15 days
    expect(
      visits.some((a) =>
        visits.some(
          (b) =>
            a.enterpriseId === b.enterpriseId &&
            a.agencyId !== b.agencyId &&
            Math.abs(a.visitedAt.getTime() - b.visitedAt.getTime()) <= 15 * DAY,
        ),
      ),
    ).toBe(true);
    // 重复检查: the same agency and item at one enterprise within 30 days
    expect(
      visits.some((a) =>
        visits.some(
          (b) =>
            a.id !== b.id &&
            a.enterpriseId === b.enterpriseId &&
            a.agencyId === b.agencyId &&
            a.items[0].itemId === b.items[0].itemId &&
            Math.abs(a.visitedAt.getTime() - b.visitedAt.getTime()) <= 30 * DAY,
        ),
      ),
    ).toBe(true);
    // 高频次检查: a third visit by one agency to one enterprise within a year
    const pairs = new Map<string, number>();
    for (const v of visits)
      pairs.set(`${v.agencyId}:${v.enterpriseId}`, (pairs.get(`${v.agencyId}:${v.enterpriseId}`) ?? 0) + 1);
    expect(Math.max(...pairs.values())).toBeGreaterThanOrEqual(3);
    // Findings of each kind; the case links back; ratings.
    expect(new Set(visits.map((v) => v.finding))).toEqual(
      new Set(['COMPLIANT', 'RECTIFICATION_ORDERED', 'CASE_OPENED']),
    );
    const opened = visits.find((v) => v.finding === 'CASE_OPENED')!;
    const c = await p.enforcementCase.findUniqueOrThrow({ where: { id: opened.caseId! } });
    expect(c).toMatchObject({ agencyId: opened.agencyId, enterpriseId: opened.enterpriseId });
    expect(visits.filter((v) => v.rating).length).toBeGreaterThanOrEqual(5);
    const filings = await p.inspectionFiling.groupBy({ by: ['status'], _count: true });
    expect(Object.fromEntries(filings.map((f) => [f.status, f._count]))).toEqual({
      VISITED: 9,
      FILED: 1,
      CANCELLED: 1,
    });
    expect(await p.event.count({ where: { topic: 'inspections.visitRecorded' } })).toBe(10);
  });
});
