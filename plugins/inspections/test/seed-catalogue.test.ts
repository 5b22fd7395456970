// The demo catalogue on the demo world (seedCatalogue; the plugin's seed hook calls it once the slices are merged):
// every qualified enforcement agency has published items, a filed and published plan (one filed late), an approved
// scheme and an urgent one approved afterwards within its deadline; the three lists page with their own cursors,
// forwards and backwards, as test/security/cursors.test.ts does on every connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type GqlJson, type Harness } from '@zhifa/testkit';
import { pluginSeedContext, seedDemoData } from '../../../packages/server/src/seed/index.js';
import { inspectionsPlugin } from '../src/index.js';
import { catalogueYear, seedCatalogue, type CatalogueSeedResult } from '../src/seed-catalogue.js';

let h: Harness;
let seeded: CatalogueSeedResult;
let admin: string;
beforeAll(async () => {
  h = await createHarness({ plugins: [inspectionsPlugin] });
  await seedDemoData(h.db.prisma, { plugins: [] });
  seeded = await seedCatalogue(pluginSeedContext(h.db.prisma, inspectionsPlugin));
  const sysAdmin = await h.db.prisma.person.findFirstOrThrow({ where: { roles: { has: 'SYSTEM_ADMIN' } } });
  admin = h.token(`person:${sysAdmin.id}`);
}, 300_000);
afterAll(() => h?.close());

describe('the demo catalogue', () => {
  it('every qualified enforcement agency: published items, a published plan, an approved and an urgent scheme', async () => {
    const p = h.db.prisma;
    const qualified = await p.agency.count({
      where: { kind: 'ENFORCEMENT_AGENCY', inspectionQualifiedOn: { not: null } },
    });
    expect(seeded.agencies).toBeGreaterThanOrEqual(3);
    expect(seeded.agencies).toBeLessThanOrEqual(qualified);
    const year = catalogueYear(new Date());
    const plans = await h.gql(
      `query($y: Int!) { inspectionPlans(year: $y, status: PUBLISHED, first: 100) {
        totalCount edges { node { filedLate items { item { publishedLate } } } } } }`,
      { y: year },
    );
    expect(plans.data.inspectionPlans.totalCount).toBe(seeded.agencies);
    const nodes = (plans.data.inspectionPlans.edges as GqlJson[]).map((e) => e.node);
    expect(nodes.filter((n) => n.filedLate)).toHaveLength(1);
    expect(nodes.flatMap((n) => n.items).filter((i: GqlJson) => i.item.publishedLate)).toHaveLength(1);
    const schemes = await p.inspectionScheme.findMany();
    expect(schemes).toHaveLength(seeded.schemes);
    expect(schemes.every((s) => s.status === 'APPROVED' && s.decidedBy !== null)).toBe(true);
    const urgent = schemes.filter((s) => s.urgent);
    expect(urgent).toHaveLength(seeded.agencies);
    for (const s of urgent) {
      expect(s.urgentReason).toBeTruthy();
      expect(s.decidedAt!.getTime()).toBeGreaterThan(s.requestedAt.getTime());
      expect(s.decidedAt!.getTime()).toBeLessThanOrEqual(s.approvalDueAt!.getTime());
    }
    // Decided by the agency's head (AGENCY_HEAD), not by whoever compiled.
    const heads = await p.person.findMany({ where: { roles: { has: 'AGENCY_HEAD' } } });
    expect(schemes.every((s) => heads.some((h) => `person:${h.id}` === s.decidedBy && h.agencyId === s.agencyId))).toBe(
      true,
    );
  });

  it('pages every catalogue list with its own cursors, forwards and backwards', async () => {
    for (const field of ['inspectionItems', 'inspectionPlans', 'inspectionSchemes']) {
      const first = await h.gql(
        `{ ${field}(first: 2) { edges { cursor node { id } } pageInfo { endCursor } } }`,
        {},
        admin,
      );
      expect(first.errors, field).toBeUndefined();
      const edges = first.data[field].edges as GqlJson[];
      expect(edges.length, field).toBe(2);
      const after = await h.gql(
        `query($c: String) { ${field}(after: $c, first: 1) { edges { node { id } } } }`,
        { c: edges[0].cursor },
        admin,
      );
      expect(after.data[field].edges[0].node.id, field).toBe(edges[1].node.id);
      const before = await h.gql(
        `query($c: String) { ${field}(before: $c, last: 1) { edges { node { id } } } }`,
        { c: edges[1].cursor },
        admin,
      );
      expect(before.data[field].edges[0].node.id, field).toBe(edges[0].node.id);
    }
  });
});
