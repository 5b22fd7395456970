// 综合查一次 through the API: filings of two agencies for one enterprise in overlapping windows are offered, merged
// into one joint inspection (window = their common part), joined by a third agency; every refusal typed, bilingual
// and writing nothing. A joint inspection counts once for the enterprise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, gid, idOf, rowCounts, validCertificate, type GqlJson } from '@zhifa/testkit';
import { enterpriseInspectionCount, windowIntersection } from '../src/rules/joint.js';
import { createInspectionWorld, INSPECTION_ERR, insertFiling, insertVisit, type InspectionWorld } from './fixtures.js';

let w: InspectionWorld;
let agencyC: { id: number; gid: string; token: string; officerIds: number[] };
beforeAll(async () => {
  w = await createInspectionWorld();
  const p = w.h.db.prisma;
  const c = await p.agency.create({
    data: {
      name: '阜宁县应急管理局',
      kind: 'ENFORCEMENT_AGENCY',
      parentId: w.county.id,
      domains: ['安全生产'],
      inspectionQualifiedOn: new Date('2025-03-31'),
    },
  });
  const o1 = await p.person.create({
    data: { agencyId: c.id, name: '丙局执法员', roles: ['OFFICER'], ...validCertificate('JT-YJ-0001') },
  });
  const o2 = await p.person.create({
    data: { agencyId: c.id, name: '丙局执法员二', roles: ['OFFICER'], ...validCertificate('JT-YJ-0002') },
  });
  agencyC = { id: c.id, gid: gid('Agency', c.id), token: w.h.token(`person:${o1.id}`), officerIds: [o1.id, o2.id] };
});
afterAll(() => w?.h.close());

const DAY = 86_400_000;
const base = Date.UTC(new Date().getUTCFullYear() + 1, 4, 10); // a day next year: every window is still ahead
const at = (days: number, hours: number) => new Date(base + days * DAY + hours * 3600_000);

let schemeC = 0;
async function filing(agency: 'A' | 'B' | 'C', from: Date, to: Date, enterpriseId = w.enterprise.id) {
  if (agency === 'C' && !schemeC)
    schemeC = (
      await w.h.db.prisma.inspectionScheme.create({
        data: {
          agencyId: agencyC.id,
          title: '安全生产检查方案',
          content: '现场检查',
          status: 'APPROVED',
          requestedBy: 'system:test',
          requestedAt: new Date(),
        },
      })
    ).id;
  const of = {
    A: {
      agencyId: w.agencyA.id,
      schemeId: w.schemeA.id,
      itemIds: [w.itemA.id],
      officerIds: [w.people.officerA.id, w.officerA2.id],
    },
    B: {
      agencyId: w.agencyB.id,
      schemeId: w.schemeB.id,
      itemIds: [w.itemB.id],
      officerIds: [w.people.officerB.id, w.officerB2.id],
    },
    C: { agencyId: agencyC.id, schemeId: schemeC, itemIds: [], officerIds: agencyC.officerIds },
  }[agency];
  const f = await insertFiling(w, { ...of, enterpriseId, plannedFrom: from, plannedTo: to });
  return { id: f.id, gid: gid('InspectionFiling', f.id) };
}

const JOINT = `id windowFrom windowTo visited leadAgency { id } enterprise { id }
  filings(first: 10) { totalCount edges { node { id } } } visits(first: 10) { totalCount }`;

const merge = (filingIds: string[], leadAgencyId: string, token = w.tokens.officerA) =>
  w.h
    .gql(
      `mutation($f: [ID!]!, $l: ID!) { mergeInspectionFilings(filingIds: $f, leadAgencyId: $l) { ${INSPECTION_ERR}
        ... on MutationMergeInspectionFilingsSuccess { data { ${JOINT} } } } }`,
      { f: filingIds, l: leadAgencyId },
      token,
    )
    .then((r) => r.data.mergeInspectionFilings);

const join = (jointInspectionId: string, filingId: string, token = agencyC.token) =>
  w.h
    .gql(
      `mutation($j: ID!, $f: ID!) { joinJointInspection(jointInspectionId: $j, filingId: $f) { ${INSPECTION_ERR}
        ... on MutationJoinJointInspectionSuccess { data { ${JOINT} } } } }`,
      { j: jointInspectionId, f: filingId },
      token,
    )
    .then((r) => r.data.joinJointInspection);

const candidates = (token: string, agencyId?: string) =>
  w.h.gql(
    `query($a: ID) { jointInspectionCandidates(agencyId: $a, first: 50) { totalCount edges { node {
      filingId agency { id } enterprise { id } partners { filingId agency { id } plannedFrom plannedTo } } } } }`,
    { a: agencyId },
    token,
  );

async function writesNothing<T>(fn: () => Promise<T>): Promise<T> {
  const before = await rowCounts(w.h.db.prisma);
  const r = await fn();
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r;
}

describe('candidates and the merge', () => {
  let fA: { id: number; gid: string };
  let fB: { id: number; gid: string };
  let jointGid: string;

  it('offers each agency its filing with the other agency’s overlapping one', async () => {
    fA = await filing('A', at(0, 1), at(0, 9));
    fB = await filing('B', at(0, 5), at(1, 0));
    await filing('B', at(0, 9), at(0, 12)); // touches fA's end only: no overlap
    const a = (await candidates(w.tokens.officerA)).data.jointInspectionCandidates;
    expect(a.edges.map((e: GqlJson) => e.node)).toEqual([
      {
        filingId: fA.gid,
        agency: { id: w.agencyA.gid },
        enterprise: { id: w.enterprise.gid },
        partners: [
          {
            filingId: fB.gid,
            agency: { id: w.agencyB.gid },
            plannedFrom: at(0, 5).toISOString(),
            plannedTo: at(1, 0).toISOString(),
          },
        ],
      },
    ]);
    const b = (await candidates(w.tokens.officerB)).data.jointInspectionCandidates;
    expect(b.edges.map((e: GqlJson) => [e.node.filingId, e.node.partners.map((p: GqlJson) => p.filingId)])).toEqual([
      [fB.gid, [fA.gid]],
    ]);
    const sup = (await candidates(w.tokens.supervisor, w.agencyA.gid)).data.jointInspectionCandidates;
    expect(sup.totalCount).toBe(1);
    const other = await candidates(w.tokens.officerA, w.agencyB.gid);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ent = await candidates(w.tokens.enterprise);
    expect(ent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('merges them under the lead agency: the window is their common part; events for the joint and each filing', async () => {
    const j = expectTyped(await merge([fA.gid, fB.gid], w.agencyA.gid), 'MutationMergeInspectionFilingsSuccess').data;
    jointGid = j.id;
    expect(j).toMatchObject({
      windowFrom: at(0, 5).toISOString(),
      windowTo: at(0, 9).toISOString(),
      visited: false,
      leadAgency: { id: w.agencyA.gid },
      enterprise: { id: w.enterprise.gid },
      filings: { totalCount: 2 },
    });
    const filings = await w.h.db.prisma.inspectionFiling.findMany({ where: { id: { in: [fA.id, fB.id] } } });
    expect(new Set(filings.map((f) => f.jointInspectionId)).size).toBe(1);
    const events = await w.h.db.prisma.event.findMany({ orderBy: { id: 'desc' }, take: 3 });
    expect(events.map((e) => [e.topic, (e.payload as { action: string }).action, e.agencyId]).reverse()).toEqual([
      ['inspections.jointInspectionChanged', 'MERGED', w.agencyA.id],
      ['inspections.filingChanged', 'MERGED', w.agencyA.id],
      ['inspections.filingChanged', 'MERGED', w.agencyB.id],
    ]);
    expect((await candidates(w.tokens.officerA)).data.jointInspectionCandidates.totalCount).toBe(0);
    // Both member agencies and the enterprise (agreed filings) read it; another agency does not.
    const list = (token: string) =>
      w.h
        .gql(`{ jointInspections(first: 10) { edges { node { id } } } }`, {}, token)
        .then((r) => r.data.jointInspections);
    expect((await list(w.tokens.officerB)).edges).toEqual([{ node: { id: j.id } }]);
    expect((await list(w.tokens.enterprise)).edges).toEqual([{ node: { id: j.id } }]);
    expect((await list(agencyC.token)).edges).toEqual([]);
  });

  it('lets a third agency join with its overlapping filing, before the visit', async () => {
    const fC = await filing('C', at(0, 8), at(0, 20));
    const j = expectTyped(await join(jointGid, fC.gid), 'MutationJoinJointInspectionSuccess').data;
    // A member sees its own filing in it (filingRule: the agency, the lead, observers); the lead sees all three.
    expect(j.filings.totalCount).toBe(1);
    const lead = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on JointInspection { filings { totalCount } } } }`,
      {
        id: jointGid,
      },
      w.tokens.officerA,
    );
    expect(lead.data.node.filings.totalCount).toBe(3);
    expect(j).toMatchObject({ windowFrom: at(0, 5).toISOString(), windowTo: at(0, 9).toISOString() });
    // Another filing of a member agency, of another enterprise, or outside the window: refused.
    const again = await filing('C', at(0, 6), at(0, 7));
    expectTyped(await writesNothing(() => join(jointGid, again.gid)), 'RuleViolation', {
      rule: 'INSPECTION_JOIN_FILING',
    });
    const elsewhere = await filing('C', at(0, 6), at(0, 7), w.enterprise2.id);
    expectTyped(await writesNothing(() => join(jointGid, elsewhere.gid)), 'RuleViolation', {
      rule: 'INSPECTION_JOIN_FILING',
    });
  });

  it('counts a joint visit once for the enterprise, each agency’s record for the agency', async () => {
    const jointId = (await w.h.db.prisma.jointInspection.findFirstOrThrow()).id;
    const v = [];
    for (const [agencyId, officerIds] of [
      [w.agencyA.id, [w.people.officerA.id, w.officerA2.id]],
      [w.agencyB.id, [w.people.officerB.id, w.officerB2.id]],
    ] as const)
      v.push(
        await insertVisit(w, {
          agencyId,
          enterpriseId: w.enterprise.id,
          visitedAt: at(0, 6),
          itemIds: [],
          officerIds: [...officerIds],
          jointInspectionId: jointId,
        }),
      );
    const node = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on JointInspection { visited visits(first: 5) { totalCount } } } }`,
      {
        id: jointGid,
      },
      w.tokens.supervisor,
    );
    expect(node.data.node).toEqual({ visited: true, visits: { totalCount: 2 } });
    expect(enterpriseInspectionCount([...v, { jointInspectionId: null }])).toBe(2);
    // Visited: nobody joins any more.
    const late = await filing('C', at(0, 6), at(0, 7));
    await w.h.db.prisma.inspectionFiling.deleteMany({
      where: { agencyId: agencyC.id, jointInspectionId: { not: null } },
    });
    expectTyped(await writesNothing(() => join(jointGid, late.gid)), 'RuleViolation', {
      rule: 'INSPECTION_JOIN_FILING',
    });
  });
});

describe('a joint inspection with a surprise check', () => {
  it('is hidden from the enterprise until visited, as its surprise filing is; its agencies read it throughout', async () => {
    const a = await filing('A', at(20, 2), at(20, 8));
    await w.h.db.prisma.inspectionFiling.update({
      where: { id: a.id },
      data: { notice: 'SURPRISE', noticeNote: '群众举报，事先告知可能影响取证' },
    });
    const b = await filing('B', at(20, 4), at(20, 10));
    const j = (await merge([a.gid, b.gid], w.agencyA.gid)).data;
    const read = (token: string) =>
      w.h
        .gql(`query($id: ID!) { node(id: $id) { ... on JointInspection { id } } }`, { id: j.id }, token)
        .then((r) => r.data.node);
    const listed = (token: string) =>
      w.h
        .gql(`{ jointInspections(first: 50) { edges { node { id } } } }`, {}, token)
        .then((r) => (r.data.jointInspections.edges as { node: { id: string } }[]).map((e) => e.node.id));
    expect(await read(w.tokens.enterprise)).toBeNull();
    expect(await listed(w.tokens.enterprise)).not.toContain(j.id);
    expect(await read(w.tokens.officerB)).toEqual({ id: j.id });
    await insertVisit(w, {
      agencyId: w.agencyA.id,
      enterpriseId: w.enterprise.id,
      visitedAt: at(20, 5),
      itemIds: [w.itemA.id],
      officerIds: [w.people.officerA.id, w.officerA2.id],
      jointInspectionId: idOf(j.id as string),
    });
    expect(await read(w.tokens.enterprise)).toEqual({ id: j.id });
    expect(await listed(w.tokens.enterprise)).toContain(j.id);
  });
});

describe('merge refusals', () => {
  it('refuses one filing, one agency, two enterprises, a lead not taking part, windows that only touch, a filing not open', async () => {
    const a1 = await filing('A', at(3, 1), at(3, 5));
    const a2 = await filing('A', at(3, 2), at(3, 6));
    const b1 = await filing('B', at(3, 4), at(3, 8));
    const bOther = await filing('B', at(3, 2), at(3, 6), w.enterprise2.id);
    const bTouch = await filing('B', at(3, 5), at(3, 9));
    const rule = async (p: Promise<GqlJson>, r: string) =>
      expectTyped(await writesNothing(() => p), 'RuleViolation', { rule: r });
    await rule(merge([a1.gid], w.agencyA.gid), 'INSPECTION_MERGE_FILINGS');
    await rule(merge([a1.gid, a2.gid], w.agencyA.gid), 'INSPECTION_MERGE_FILINGS');
    await rule(merge([a1.gid, bOther.gid], w.agencyA.gid), 'INSPECTION_MERGE_FILINGS');
    await rule(merge([a1.gid, b1.gid], agencyC.gid, w.tokens.supervisor), 'INSPECTION_MERGE_LEAD');
    await rule(merge([a1.gid, bTouch.gid], w.agencyA.gid), 'INSPECTION_MERGE_WINDOW');
    await w.h.db.prisma.inspectionFiling.update({ where: { id: b1.id }, data: { status: 'VISITED' } });
    await rule(merge([a1.gid, b1.gid], w.agencyA.gid), 'INSPECTION_MERGE_STATE');
    await w.h.db.prisma.inspectionFiling.update({ where: { id: b1.id }, data: { status: 'FILED' } });
    // An hour of overlap is enough (the windows above that only touch are not).
    expectTyped(await merge([a1.gid, b1.gid], w.agencyA.gid), 'MutationMergeInspectionFilingsSuccess');
    await rule(merge([a2.gid, b1.gid], w.agencyA.gid), 'INSPECTION_MERGE_STATE');
  });

  it('refuses a caller who is not of the lead agency, and the enterprise', async () => {
    const a = await filing('A', at(5, 1), at(5, 5));
    const b = await filing('B', at(5, 2), at(5, 6));
    expectTyped(await writesNothing(() => merge([a.gid, b.gid], w.agencyA.gid, w.tokens.officerB)), 'ForbiddenError');
    expectTyped(await writesNothing(() => merge([a.gid, b.gid], w.agencyA.gid, w.tokens.enterprise)), 'ForbiddenError');
  });
});

describe('windows', () => {
  it('intersect to their common part; touching windows do not overlap', () => {
    const d = (h: number) => new Date(Date.UTC(2026, 0, 1, h));
    expect(
      windowIntersection([
        { from: d(1), to: d(5) },
        { from: d(4), to: d(8) },
      ]),
    ).toEqual({ from: d(4), to: d(5) });
    expect(
      windowIntersection([
        { from: d(1), to: d(5) },
        { from: d(5), to: d(8) },
      ]),
    ).toBeNull();
    expect(
      enterpriseInspectionCount([{ jointInspectionId: 1 }, { jointInspectionId: 1 }, { jointInspectionId: null }]),
    ).toBe(2);
  });
});
