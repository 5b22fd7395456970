// Both subscriptions over graphql-ws on a real server port: the public hears publications of its
// domain; the agency's staff and supervisors hear grants, another agency's officer is refused.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { gid, sleep, startTestServer, untilSubscribers, wsClient, type TestServer, type GqlJson } from '@zhifa/testkit';
import { nonPenaltyPlugin } from '../src/index.js';
import { createCase, createEnterprise, createList, GOOD_FACTS, PROVISION } from './decision-fixtures.js';

let s: TestServer;
let agencyA: number;
let agencyB: number;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer({ plugins: [nonPenaltyPlugin] });
  const p = s.db.prisma;
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
  agencyA = (
    await p.agency.create({
      data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY', documentPrefix: '阜市监' },
    })
  ).id;
  agencyB = (
    await p.agency.create({
      data: { name: '盐城市阜宁生态环境局', kind: 'ENFORCEMENT_AGENCY', documentPrefix: '阜环' },
    })
  ).id;
  const person = async (
    agencyId: number,
    name: string,
    roles: ('OFFICER' | 'AGENCY_ADMIN' | 'AGENCY_HEAD' | 'SUPERVISOR')[],
  ) => s.token(`person:${(await p.person.create({ data: { agencyId, name, roles } })).id}`);
  tokens.officerA = await person(agencyA, '张执法', ['OFFICER']);
  tokens.adminA = await person(agencyA, '李局长', ['AGENCY_ADMIN']);
  // The grant decides the case: the agency head's (行政处罚法 第57条).
  tokens.headA = await person(agencyA, '王局长', ['AGENCY_HEAD']);
  tokens.adminB = await person(agencyB, '周局长', ['AGENCY_ADMIN']);
  tokens.officerB = await person(agencyB, '陈执法', ['OFFICER']);
  tokens.supervisor = await person(bureau.id, '孙监督', ['SUPERVISOR']);
});
afterAll(() => s?.close());
beforeEach(() => untilSubscribers(s.app.events, 0));

interface Sub<T> {
  got: T[];
  errors: unknown[];
  until(n: number, ms?: number): Promise<T[]>;
  client: Client;
}

function subscribe<T = GqlJson>(query: string, variables: Record<string, unknown>, token?: string): Sub<T> {
  const client = wsClient(s.wsUrl, token);
  const got: T[] = [];
  const errors: unknown[] = [];
  client.subscribe<GqlJson>(
    { query, variables },
    {
      next: (r) => (r.errors ? errors.push(...r.errors) : got.push(Object.values(r.data)[0] as T)),
      error: (e) => errors.push(e),
      complete: () => {},
    },
  );
  return {
    got,
    errors,
    client,
    async until(n, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (got.length < n) {
        if (errors.length) throw new Error(JSON.stringify(errors));
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${n}; got ${got.length}`);
        await sleep(20);
      }
      return got;
    },
  };
}

async function http(query: string, variables: Record<string, unknown>, token: string) {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  expect(body.errors).toBeUndefined();
  return Object.values(body.data)[0] as GqlJson;
}

const PUBLISH = `mutation($id: ID!) { publishNonPenaltyList(id: $id) { __typename ... on Error { message } } }`;

describe('nonPenaltyListPublished', () => {
  it('the public hears lists of its domain as they are published', async () => {
    const p = s.db.prisma;
    const market = await createList(
      p,
      agencyA,
      [{ violatedProvision: PROVISION.licence, itemKind: 'MINOR', days: 3 }],
      { status: 'DRAFT', domain: '市场监管' },
    );
    const env = await createList(p, agencyB, [{ violatedProvision: PROVISION.food, itemKind: 'MINOR', days: 3 }], {
      status: 'DRAFT',
      domain: '生态环境',
    });
    const sub = subscribe(
      `subscription($domain: String) { nonPenaltyListPublished(domain: $domain) { id title domain version status items(first: 5) { totalCount } } }`,
      { domain: '市场监管' },
    );
    const all = subscribe(`subscription { nonPenaltyListPublished { domain } }`, {});
    await untilSubscribers(s.app.events, 2);
    expect((await http(PUBLISH, { id: env.listGid }, tokens.adminB)).__typename).toBe(
      'MutationPublishNonPenaltyListSuccess',
    );
    expect((await http(PUBLISH, { id: market.listGid }, tokens.adminA)).__typename).toBe(
      'MutationPublishNonPenaltyListSuccess',
    );
    const [got] = await sub.until(1);
    expect(got).toEqual({
      id: market.listGid,
      title: market.list.title,
      domain: '市场监管',
      version: 1,
      status: 'PUBLISHED',
      items: { totalCount: 1 },
    });
    expect((await all.until(2)).map((x: GqlJson) => x.domain)).toEqual(['生态环境', '市场监管']);
    await sleep(200);
    expect(sub.got).toHaveLength(1);
    await Promise.all([sub.client.dispose(), all.client.dispose()]);
  });
});

describe('nonPenaltyGranted', () => {
  it('the agency’s staff and supervisors hear grants; another agency’s officer is refused', async () => {
    const p = s.db.prisma;
    const list = await createList(
      p,
      agencyA,
      [{ violatedProvision: PROVISION.licence, itemKind: 'FIRST_OFFENCE', days: 10, fineFen: 300000 }],
      { version: 2 },
    );
    const e = await createEnterprise(p);
    const c = await createCase(p, { agencyId: agencyA, enterpriseId: e.id, violatedProvision: PROVISION.licence });
    const FIELDS = `listVersion fineNotImposedFen case { number decision } item { seq }`;
    const sup = subscribe(`subscription { nonPenaltyGranted { ${FIELDS} } }`, {}, tokens.supervisor);
    const own = subscribe(
      `subscription($a: ID) { nonPenaltyGranted(agencyId: $a) { ${FIELDS} } }`,
      { a: gid('Agency', agencyA) },
      tokens.officerA,
    );
    const otherAgency = subscribe(`subscription { nonPenaltyGranted { listVersion } }`, {}, tokens.officerB);
    const refused = subscribe(
      `subscription($a: ID) { nonPenaltyGranted(agencyId: $a) { listVersion } }`,
      { a: gid('Agency', agencyA) },
      tokens.officerB,
    );
    const publicSub = subscribe(`subscription { nonPenaltyGranted { listVersion } }`, {});
    await untilSubscribers(s.app.events, 3);
    // Refusals arrive asynchronously over the socket; under load they can lag the others.
    for (
      let waited = 0;
      (refused.errors.length === 0 || publicSub.errors.length === 0) && waited < 10_000;
      waited += 50
    )
      await sleep(50);
    expect(refused.errors).toHaveLength(1);
    expect(JSON.stringify(refused.errors)).toMatch(/FORBIDDEN|Not allowed|无权/);
    expect(publicSub.errors).toHaveLength(1);

    const facts = GOOD_FACTS();
    const r = await http(
      `mutation($c: ID!, $i: ID!, $f: NonPenaltyFactsInput!, $o: NonPenaltyCorrectionOrderInput!, $on: Date!) {
        grantNonPenalty(caseId: $c, itemId: $i, facts: $f, correctionOrder: $o, education: "批评教育", creditCheck: { checked: true, checkedOn: $on }) {
          __typename ... on Error { message } } }`,
      {
        c: c.gid,
        i: list.items[0].gid,
        f: facts,
        o: { content: '公示营业执照', orderedOn: facts.correctionOrderedOn },
        on: facts.correctedOn,
      },
      tokens.headA,
    );
    expect(r.__typename).toBe('MutationGrantNonPenaltySuccess');
    const expected = {
      listVersion: 2,
      fineNotImposedFen: 300000,
      case: { number: c.number, decision: 'NO_PENALTY' },
      item: { seq: 1 },
    };
    expect(await sup.until(1)).toEqual([expected]);
    expect(await own.until(1)).toEqual([expected]);
    await sleep(200);
    expect(otherAgency.got).toEqual([]);
    await Promise.all([sup, own, otherAgency, refused, publicSub].map((x) => Promise.resolve(x.client.dispose())));
  });
});
