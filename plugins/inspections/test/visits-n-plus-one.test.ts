// `enterprises(first: N) { inspectionVisits { totalCount … officers items rating filing } }` costs the same
// statements for 5 enterprises as for 20 (the N+1 guard), for a supervisor and for the agency's officer (the
// row rules ANDed into the nested lists), and another agency's officer sees none of the visits, still constant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '@zhifa/core/rules';
import { countStatements, type GqlJson } from '@zhifa/testkit';
import { createInspectionWorld, insertFiling, insertVisit, type InspectionWorld } from './fixtures.js';

let w: InspectionWorld;
beforeAll(async () => {
  w = await createInspectionWorld();
  const p = w.h.db.prisma;
  const officerIds = [w.people.officerA.id, w.officerA2.id];
  for (let i = 0; i < 20; i++) {
    const e = await p.enterprise.create({
      data: {
        uscc: completeUscc(`91320923MA1VN${String(i).padStart(3, '0')}`),
        name: `检查企业${i}`,
        kind: 'COMPANY',
        legalRepresentative: '某',
        address: '阜宁县',
        industry: '食品',
        scale: 'SMALL',
        employees: 5,
        creditRiskClass: 'B',
      },
    });
    const at = new Date(Date.UTC(2026, 4, 1 + i, 2));
    const f = await insertFiling(w, {
      agencyId: w.agencyA.id,
      enterpriseId: e.id,
      schemeId: w.schemeA.id,
      itemIds: [w.itemA.id],
      officerIds,
      plannedFrom: at,
      plannedTo: new Date(at.getTime() + 86_400_000),
    });
    const filed = await insertVisit(w, {
      agencyId: w.agencyA.id,
      enterpriseId: e.id,
      visitedAt: at,
      itemIds: [w.itemA.id],
      officerIds,
      filingId: f.id,
    });
    await insertVisit(w, {
      agencyId: w.agencyA.id,
      enterpriseId: e.id,
      visitedAt: new Date(at.getTime() + 3600_000),
      itemIds: [w.itemA.id],
      officerIds,
    });
    await p.inspectionRating.create({
      data: {
        visitId: filed.id,
        enterpriseId: e.id,
        agencyId: w.agencyA.id,
        score: 4,
        ratedBy: `enterprise:${e.id}`,
        ratedAt: at,
      },
    });
  }
});
afterAll(() => w?.h.close());

const Q = `query($n: Int!) { enterprises(first: $n) { edges { node { name
  inspectionVisits(first: 5) { totalCount edges { node { visitedAt filed agency { name }
    officers { name certificateNumber } items { name basis } rating { score } filing { status notice } } } } } } } }`;

describe('N+1', () => {
  for (const who of ['supervisor', 'officerA'] as const)
    it(`${who}: the same statements for 5 enterprises as for 20`, async () => {
      const run = (n: number) => countStatements(w.h, () => w.h.gql(Q, { n }, w.tokens[who]));
      // 5: the world's two enterprises and three with visits (a hidden rating is checked once per page, batched).
      await run(5);
      const a = await run(5);
      const b = await run(20);
      expect(b.result.errors).toBeUndefined();
      const edges = b.result.data.enterprises.edges as GqlJson[];
      const visited = edges.filter((e) => e.node.inspectionVisits.totalCount === 2);
      expect(visited.length).toBeGreaterThanOrEqual(18);
      const filed = visited[0].node.inspectionVisits.edges.find((x: GqlJson) => x.node.filed);
      expect(filed.node.officers).toHaveLength(2);
      expect(filed.node.items).toEqual([{ name: '营业执照公示情况检查', basis: '《市场主体登记管理条例》第三十六条' }]);
      expect(filed.node.rating).toEqual(who === 'supervisor' ? { score: 4 } : null);
      expect(filed.node.filing).toEqual({ status: 'FILED', notice: 'AGREED' });
      expect(b.count).toBe(a.count);
    });

  it('another agency’s officer: the same enterprises, none of their visits, still constant', async () => {
    const run = (n: number) => countStatements(w.h, () => w.h.gql(Q, { n }, w.tokens.officerB));
    await run(2);
    const a = await run(2);
    const b = await run(20);
    expect(b.result.errors).toBeUndefined();
    expect(b.result.data.enterprises.edges.every((e: GqlJson) => e.node.inspectionVisits.totalCount === 0)).toBe(true);
    expect(b.count).toBe(a.count);
  });

  // What test/security/cursors.test.ts checks on the demo data, here on these rows until the demo data has visits.
  it('pages inspectionFilings, inspectionVisits and Enterprise.inspectionVisits with their own cursors', async () => {
    const ROOT = `query($a: String, $b: String, $f: Int, $l: Int) {
      inspectionVisits(after: $a, before: $b, first: $f, last: $l) { totalCount edges { cursor node { id } } }
      inspectionFilings(after: $a, before: $b, first: $f, last: $l) { totalCount edges { cursor node { id } } } }`;
    const first = await w.h.gql(ROOT, { f: 3 }, w.tokens.supervisor);
    expect(first.errors).toBeUndefined();
    for (const field of ['inspectionVisits', 'inspectionFilings']) {
      const edges = first.data[field].edges as GqlJson[];
      expect(edges).toHaveLength(3);
      const one = await w.h.gql(ROOT, { a: edges[0].cursor, f: 2 }, w.tokens.supervisor);
      expect(one.data[field].edges.map((e: GqlJson) => e.node.id)).toEqual(edges.slice(1).map((e) => e.node.id));
      const back = await w.h.gql(ROOT, { b: edges[2].cursor, l: 2 }, w.tokens.supervisor);
      expect(back.data[field].edges.map((e: GqlJson) => e.node.id)).toEqual(edges.slice(0, 2).map((e) => e.node.id));
    }
    const NESTED = `query($a: String) { enterprises(first: 5) { edges { node { inspectionVisits(first: 1, after: $a) {
      edges { cursor node { id } } } } } } }`;
    const page = await w.h.gql(NESTED, {}, w.tokens.supervisor);
    const withVisits = (page.data.enterprises.edges as GqlJson[]).filter((e) => e.node.inspectionVisits.edges.length);
    const cursor = withVisits[0].node.inspectionVisits.edges[0].cursor as string;
    const next = await w.h.gql(NESTED, { a: cursor }, w.tokens.supervisor);
    expect(next.errors).toBeUndefined();
  });
});
