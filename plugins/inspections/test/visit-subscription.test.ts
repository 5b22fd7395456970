// inspectionVisitRecorded over graphql-ws on a real server port: each visit as it is recorded, to the enterprise
// visited, the inspecting agency's staff and supervisors — never to another enterprise or another agency, live or on
// replay; an enterprise asking for another's is refused; `after` replays what was missed, then goes live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '@zhifa/core/rules';
import {
  createBaseWorld,
  createMatter,
  gid,
  sleep,
  startTestServer,
  untilSubscribers,
  validCertificate,
  type BaseWorld,
  type GqlJson,
  type TestServer,
  subscribeField,
} from '@zhifa/testkit';
import { inspectionsPlugin } from '../src/index.js';

let s: TestServer;
let w: BaseWorld;
let other: { gid: string; token: string };
let officerA2: string;
let officerB2: string;
let itemA: string;
let itemB: string;
beforeAll(async () => {
  s = await startTestServer({ plugins: [inspectionsPlugin] });
  w = await createBaseWorld(s);
  const p = s.db.prisma;
  const now = new Date();
  for (const a of [w.agencyA, w.agencyB])
    await p.agency.update({ where: { id: a.id }, data: { inspectionQualifiedOn: new Date('2025-03-31') } });
  const second = async (agencyId: number, n: string) =>
    gid(
      'Person',
      (
        await p.person.create({
          data: { agencyId, name: n, roles: ['OFFICER'], ...validCertificate(`VS-${n}-${process.pid}`) },
        })
      ).id,
    );
  officerA2 = await second(w.agencyA.id, '甲二');
  officerB2 = await second(w.agencyB.id, '乙二');
  const item = async (agencyId: number, domain: string) => {
    const m = await createMatter(p, { domain, agencyKinds: ['ENFORCEMENT_AGENCY'] });
    const i = await p.inspectionItem.create({
      data: {
        agencyId,
        name: `${domain}检查`,
        basis: '依据',
        domain,
        year: now.getUTCFullYear(),
        publishedAt: now,
        publishedBy: 'system:test',
        createdBy: 'system:test',
        createdAt: now,
        matters: { create: [{ matterId: m.id }] },
      },
    });
    return gid('InspectionItem', i.id);
  };
  itemA = await item(w.agencyA.id, '市场监管');
  itemB = await item(w.agencyB.id, '生态环境');
  const e = await p.enterprise.create({
    data: {
      uscc: completeUscc('91320923MA1VS00X'),
      name: '阜宁县另一家公司',
      kind: 'COMPANY',
      legalRepresentative: '李某',
      address: '阜宁县',
      industry: '食品',
      scale: 'SMALL',
      employees: 8,
      creditRiskClass: 'A',
    },
  });
  other = { gid: gid('Enterprise', e.id), token: s.token(`enterprise:${e.id}`) };
});
afterAll(() => s?.close());

const SUB = `subscription($e: ID, $after: String) { inspectionVisitRecorded(enterpriseId: $e, after: $after) {
  cursor visit { id enterprise { id } agency { id } } } }`;

const subscribe = (variables: Record<string, unknown>, token?: string) =>
  subscribeField(s.wsUrl, SUB, variables, token);

async function http(query: string, variables: Record<string, unknown>, token: string): Promise<GqlJson> {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  expect(body.errors).toBeUndefined();
  return body.data;
}

const CODE = `{ viewer { inspectionCode { code } } }`;
const VISIT = `mutation($code: String!, $o: [ID!]!, $i: [ID!]) { recordInspectionVisit(code: $code, officerIds: $o, itemIds: $i) {
  __typename ... on MutationRecordInspectionVisitSuccess { data { id } } } }`;

/** An unfiled visit (the simplest the service records) by agency A or B at the enterprise whose token is given. */
async function visit(enterpriseToken: string, by: 'A' | 'B'): Promise<string> {
  const code = (await http(CODE, {}, enterpriseToken)).viewer.inspectionCode.code as string;
  const [token, o, i] =
    by === 'A'
      ? [w.tokens.officerA, [w.people.officerA.gid, officerA2], [itemA]]
      : [w.tokens.officerB, [w.people.officerB.gid, officerB2], [itemB]];
  const r = (await http(VISIT, { code, o, i }, token)).recordInspectionVisit;
  expect(r.__typename, JSON.stringify(r)).toBe('MutationRecordInspectionVisitSuccess');
  return r.data.id as string;
}

const ids = (xs: GqlJson[]) => xs.map((x) => x.visit.id as string);

describe('inspectionVisitRecorded', () => {
  it('the enterprise its own, the agency its own, supervisors all; nobody else; another enterprise’s refused', async () => {
    const enterprise = subscribe({}, w.tokens.enterprise);
    const otherEnterprise = subscribe({}, other.token);
    const agencyA = subscribe({ e: w.enterprise.gid }, w.tokens.officerA);
    const agencyB = subscribe({}, w.tokens.officerB);
    const supervisor = subscribe({}, w.tokens.supervisor);
    await untilSubscribers(s.app.events, 5);
    const refused = subscribe({ e: w.enterprise.gid }, other.token);
    const publicCaller = subscribe({});

    const v1 = await visit(w.tokens.enterprise, 'A');
    const v2 = await visit(other.token, 'A');
    const v3 = await visit(w.tokens.enterprise, 'B');
    expect(ids(await enterprise.until(2))).toEqual([v1, v3]);
    expect(ids(await otherEnterprise.until(1))).toEqual([v2]);
    expect(ids(await supervisor.until(3))).toEqual([v1, v2, v3]);
    expect(ids(await agencyA.until(1))).toEqual([v1]);
    expect(ids(await agencyB.until(1))).toEqual([v3]);
    await sleep(300);
    expect(enterprise.got).toHaveLength(2);
    expect(otherEnterprise.got).toHaveLength(1);
    expect(agencyA.got).toHaveLength(1);
    expect(agencyB.got).toHaveLength(1);
    expect(refused.got).toEqual([]);
    expect(JSON.stringify(refused.errors)).toContain('FORBIDDEN');
    expect(JSON.stringify(publicCaller.errors)).toContain('UNAUTHENTICATED');
    await Promise.all(
      [enterprise, otherEnterprise, agencyA, agencyB, supervisor, refused, publicCaller].map(async (x) =>
        x.client.dispose(),
      ),
    );
  });

  it('replays after a cursor, then goes live — only what the caller may see', async () => {
    const watch = subscribe({}, w.tokens.supervisor);
    await untilSubscribers(s.app.events, 1);
    await visit(w.tokens.enterprise, 'A');
    const [first] = await watch.until(1);
    const missedOwn = await visit(w.tokens.enterprise, 'B');
    const missedOther = await visit(other.token, 'B');
    await watch.until(3);
    await watch.client.dispose();

    const resumed = subscribe({ after: first.cursor }, w.tokens.enterprise);
    expect(ids(await resumed.until(1))).toEqual([missedOwn]);
    const stranger = subscribe({ after: first.cursor }, w.tokens.officerA);
    const live = await visit(w.tokens.enterprise, 'B');
    expect(ids(await resumed.until(2))).toEqual([missedOwn, live]);
    await sleep(300);
    // Agency A's officer replays none of agency B's visits.
    expect(stranger.got).toEqual([]);
    expect(stranger.errors).toEqual([]);
    expect(ids(resumed.got)).not.toContain(missedOther);
    await Promise.all([resumed, stranger].map(async (x) => x.client.dispose()));
  });
});
