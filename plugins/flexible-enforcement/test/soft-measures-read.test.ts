// Who reads soft measures, and where: `softMeasures` (filters by kind, agency, enterprise, days taken), the
// enterprise's, the agency's and the case's lists, node(id). Staff of the agency and supervisors read them; the
// enterprise user those addressed to its enterprise and nothing else; the public nothing. Another agency's list asked
// by staff, or another enterprise's by an enterprise user, is refused up front (FORBIDDEN), not answered empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, type GqlJson } from '@zhifa/testkit';
import {
  createSoftWorld,
  enterpriseOf,
  recordSoftMeasure,
  reminder,
  shanghaiDay,
  type SoftWorld,
} from './soft-fixtures.js';

let w: SoftWorld;
let mine: string[]; // A's measures addressed to the world's enterprise
let others: string[]; // A's measure addressed to another enterprise, B's to the world's enterprise
let other: Awaited<ReturnType<typeof enterpriseOf>>;

async function record(over: Record<string, unknown>, token = w.tokens.officerA): Promise<string> {
  const r = await recordSoftMeasure(w, reminder(w, over), token);
  expect(r.__typename, JSON.stringify(r)).toBe('MutationRecordSoftMeasureSuccess');
  return r.data.id as string;
}

beforeAll(async () => {
  w = await createSoftWorld();
  other = await enterpriseOf(w);
  mine = [
    await record({ kind: 'REMINDER', takenOn: shanghaiDay(-10), followUpOn: null }),
    await record({ kind: 'NOTICE', takenOn: shanghaiDay(-5), followUpOn: null }),
    await record({
      kind: 'INTERVIEW',
      participants: ['王某（法定代表人）'],
      takenOn: shanghaiDay(-1),
      followUpOn: null,
    }),
  ];
  others = [
    await record({ enterpriseId: other.gid, takenOn: shanghaiDay(-5), followUpOn: null }),
    await record({ takenOn: shanghaiDay(-5), followUpOn: null, officerId: null }, w.tokens.officerB),
  ];
});
afterAll(() => w?.h.close());

const LIST = `query($kind: SoftMeasureKind, $a: ID, $e: ID, $from: Date, $to: Date) {
  softMeasures(kind: $kind, agencyId: $a, enterpriseId: $e, from: $from, to: $to, first: 100) {
    totalCount edges { node { id kind takenOn agency { name } } } } }`;
const ids = (res: GqlJson) => res.data.softMeasures.edges.map((e: GqlJson) => e.node.id as string);

describe('softMeasures', () => {
  it('staff: their agency’s, newest first; a supervisor: all', async () => {
    const a = await w.h.gql(LIST, {}, w.tokens.officerA);
    const days = a.data.softMeasures.edges.map((e: GqlJson) => e.node.takenOn as string);
    expect(days).toEqual([...days].sort().reverse());
    expect(ids(a)).toEqual(expect.arrayContaining([...mine, others[0]]));
    expect(ids(a)).not.toContain(others[1]);
    expect(a.data.softMeasures.totalCount).toBe(4);
    expect(a.data.softMeasures.edges[0].node).toMatchObject({ id: mine[2], takenOn: shanghaiDay(-1) });
    const s = await w.h.gql(LIST, {}, w.tokens.supervisor);
    expect(ids(s)).toEqual(expect.arrayContaining([...mine, ...others]));
  });

  it('filters by kind, enterprise and the days taken (inclusive)', async () => {
    expect(ids(await w.h.gql(LIST, { kind: 'NOTICE' }, w.tokens.officerA))).toEqual([mine[1]]);
    expect(ids(await w.h.gql(LIST, { e: other.gid }, w.tokens.officerA))).toEqual([others[0]]);
    const window = await w.h.gql(LIST, { from: shanghaiDay(-5), to: shanghaiDay(-5) }, w.tokens.officerA);
    expect(ids(window).sort()).toEqual([mine[1], others[0]].sort());
    expect(ids(await w.h.gql(LIST, { from: shanghaiDay(-4), to: shanghaiDay(-2) }, w.tokens.officerA))).toEqual([]);
    expect(ids(await w.h.gql(LIST, { from: shanghaiDay(-10), to: shanghaiDay(-10) }, w.tokens.officerA))).toEqual([
      mine[0],
    ]);
  });

  it('agencyId: staff their own agency (another refused), supervisors any', async () => {
    expect(ids(await w.h.gql(LIST, { a: w.agencyA.gid }, w.tokens.officerA))).toHaveLength(4);
    expectRefused(await w.h.gql(LIST, { a: w.agencyA.gid }, w.tokens.officerB), 'softMeasures', 'FORBIDDEN');
    expect(ids(await w.h.gql(LIST, { a: w.agencyB.gid }, w.tokens.supervisor))).toEqual([others[1]]);
  });

  it('the enterprise user: the measures addressed to it, from every agency; another enterprise’s refused', async () => {
    const e = await w.h.gql(LIST, {}, w.tokens.enterprise);
    expect(ids(e).sort()).toEqual([...mine, others[1]].sort());
    expect(ids(await w.h.gql(LIST, { e: w.enterprise.gid, a: w.agencyB.gid }, w.tokens.enterprise))).toEqual([
      others[1],
    ]);
    expectRefused(await w.h.gql(LIST, { e: other.gid }, w.tokens.enterprise), 'softMeasures', 'FORBIDDEN');
    expect(ids(await w.h.gql(LIST, {}, other.token))).toEqual([others[0]]);
  });

  it('the public: nothing (UNAUTHENTICATED), nor through node(id)', async () => {
    expectRefused(await w.h.gql(LIST, {}), 'softMeasures', 'UNAUTHENTICATED');
    const n = await w.h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: mine[0] });
    expect(n.data?.node ?? null).toBeNull();
  });

  it('node(id): another agency’s staff and another enterprise see null', async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on SoftMeasure { id kind } } }`;
    expect((await w.h.gql(q, { id: mine[0] }, w.tokens.officerB)).data.node).toBeNull();
    expect((await w.h.gql(q, { id: mine[0] }, other.token)).data.node).toBeNull();
    expect((await w.h.gql(q, { id: mine[0] }, w.tokens.enterprise)).data.node).toMatchObject({ id: mine[0] });
  });

  it('the enterprise sees who recorded it only as a kind of actor; staff see the account', async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on SoftMeasure { recordedBy officer { name } participants } } }`;
    const e = (await w.h.gql(q, { id: mine[2] }, w.tokens.enterprise)).data.node;
    expect(e.recordedBy).toBe('工作人员 agency staff');
    expect(e.participants).toEqual(['王某（法定代表人）']);
    const staff = (await w.h.gql(q, { id: mine[2] }, w.tokens.officerA)).data.node;
    expect(staff).toMatchObject({
      recordedBy: `person:${w.people.officerA.id}`,
      officer: { name: w.people.officerA.name },
    });
  });
});

describe('Enterprise.softMeasures, Agency.softMeasures', () => {
  const ENTERPRISE = `query($id: ID!) { node(id: $id) { ... on Enterprise { softMeasures(first: 10) { totalCount edges { node { id } } } } } }`;
  const AGENCY = `query($id: ID!) { node(id: $id) { ... on Agency { softMeasures(first: 10) { totalCount edges { node { id } } } } } }`;

  it('an enterprise’s: the caller’s visible ones (staff their agency’s, the enterprise all addressed to it)', async () => {
    const staff = await w.h.gql(ENTERPRISE, { id: w.enterprise.gid }, w.tokens.officerA);
    expect(staff.data.node.softMeasures.totalCount).toBe(3);
    const own = await w.h.gql(ENTERPRISE, { id: w.enterprise.gid }, w.tokens.enterprise);
    expect(own.data.node.softMeasures.edges.map((e: GqlJson) => e.node.id).sort()).toEqual([...mine, others[1]].sort());
    expect(own.data.node.softMeasures.totalCount).toBe(4);
  });

  it('an agency’s: its staff and supervisors all of it, the enterprise its own, other agencies none, the public refused', async () => {
    expect((await w.h.gql(AGENCY, { id: w.agencyA.gid }, w.tokens.officerA)).data.node.softMeasures.totalCount).toBe(4);
    expect((await w.h.gql(AGENCY, { id: w.agencyA.gid }, w.tokens.supervisor)).data.node.softMeasures.totalCount).toBe(
      4,
    );
    expect((await w.h.gql(AGENCY, { id: w.agencyA.gid }, w.tokens.enterprise)).data.node.softMeasures.totalCount).toBe(
      3,
    );
    expect((await w.h.gql(AGENCY, { id: w.agencyA.gid }, w.tokens.officerB)).data.node.softMeasures.totalCount).toBe(0);
    const pub = await w.h.gql(AGENCY, { id: w.agencyA.gid });
    expect(pub.data.node.softMeasures).toBeNull();
    expect(pub.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
