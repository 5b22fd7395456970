// End to end: a real server on a random port, urql over HTTP, graphql-ws over WebSocket.
import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createZhifaClient, type FollowedEvent } from '@zhifa/client';
import {
  startTestServer,
  type TestServer,
  emitPlugin,
  sleep,
  subscribeEvents,
  untilSubscribers,
  wsClient,
  type GqlJson,
} from '@zhifa/testkit';

const CREATE_AGENCY = `mutation($input: AgencyInput!) {
  createAgency(input: $input) { __typename ... on MutationCreateAgencySuccess { data { id name } } ... on Error { message } }
}`;
const EMIT = `mutation($topic: String!, $agencyId: Int, $public: Boolean, $n: Int) {
  testEmitEvent(topic: $topic, agencyId: $agencyId, public: $public, n: $n)
}`;

let s: TestServer;
let admin: string;
let supervisor: string;
let officerA: string;
let agencyA: number;
let agencyB: number;

beforeAll(async () => {
  s = await startTestServer({ plugins: [emitPlugin] });
  const p = s.db.prisma;
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
  agencyA = (await p.agency.create({ data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY' } })).id;
  agencyB = (await p.agency.create({ data: { name: '阜宁县生态环境局', kind: 'ENFORCEMENT_AGENCY' } })).id;
  const people = await Promise.all([
    p.person.create({ data: { name: '系统管理员', agencyId: county.id, roles: ['SYSTEM_ADMIN'] } }),
    p.person.create({ data: { name: '监督员', agencyId: bureau.id, roles: ['SUPERVISOR'] } }),
    p.person.create({ data: { name: '执法员', agencyId: agencyA, roles: ['OFFICER'] } }),
  ]);
  [admin, supervisor, officerA] = people.map((x) => s.token(`person:${x.id}`));
});
afterAll(() => s?.close());
// Each test counts the subscribers it opens; the previous test's must be gone first.
beforeEach(() => untilSubscribers(s.app.events, 0));

describe('events over real HTTP and WebSocket', () => {
  it('a mutation over urql (HTTP) reaches a graphql-ws subscriber on another connection', async () => {
    const sub = subscribeEvents(s.wsUrl, { token: supervisor, topics: ['agency.created'] });
    // The same subscription through urql's subscriptionExchange, as a frontend would hold it.
    const viaUrql = createZhifaClient({ url: s.url, token: supervisor, webSocketImpl: WebSocket });
    const urqlGot: GqlJson[] = [];
    const urqlSub = viaUrql.client
      .subscription(`subscription { events(topics: ["agency.created"]) { topic payload } }`, {})
      .subscribe((r) => urqlGot.push(r.data?.events ?? r.error));
    await untilSubscribers(s.app.events, 2);
    const zc = createZhifaClient({ url: s.url, token: admin, webSocketImpl: WebSocket });
    const res = await zc.client
      .mutation(CREATE_AGENCY, { input: { name: '阜宁县交通运输局', kind: 'ENFORCEMENT_AGENCY' } })
      .toPromise();
    expect(res.error).toBeUndefined();
    expect(res.data.createAgency.__typename).toBe('MutationCreateAgencySuccess');
    const [e] = await sub.waitFor(1);
    expect(e).toMatchObject({
      topic: 'agency.created',
      payload: { name: '阜宁县交通运输局' },
      actor: expect.stringMatching(/^person:/),
    });
    await until(() => urqlGot.length === 1);
    expect(urqlGot[0]).toMatchObject({ topic: 'agency.created', payload: { name: '阜宁县交通运输局' } });
    urqlSub.unsubscribe();
    await sub.close();
    await Promise.all([zc.close(), viaUrql.close()]);
  });

  it('a subscriber that reconnects with `after` gets what it missed, in order, once', async () => {
    const first = subscribeEvents(s.wsUrl, { token: supervisor, topics: ['resume.test'] });
    await untilSubscribers(s.app.events, 1);
    await emit(admin, { topic: 'resume.test', agencyId: agencyA, n: 1 });
    const [e1] = await first.waitFor(1);
    await first.close();

    await emit(admin, { topic: 'resume.test', agencyId: agencyA, n: 2 });
    await emit(admin, { topic: 'resume.test', agencyId: agencyB, n: 3 });

    const again = subscribeEvents(s.wsUrl, { token: supervisor, topics: ['resume.test'], after: e1.cursor });
    await again.waitFor(2);
    await emit(admin, { topic: 'resume.test', agencyId: agencyA, n: 4 });
    await again.waitFor(3);
    await sleep(300); // anything extra (a duplicate) would arrive within a sweep
    expect(again.events.map((e) => e.payload.n)).toEqual([2, 3, 4]);
    expect(new Set(again.events.map((e) => e.id)).size).toBe(3);
    await again.close();
  });

  it('authorises over connectionParams: the public, an officer and a supervisor each see their share', async () => {
    const pub = subscribeEvents(s.wsUrl, { topics: ['auth.test'] });
    const officer = subscribeEvents(s.wsUrl, { token: officerA, topics: ['auth.test'] });
    const sup = subscribeEvents(s.wsUrl, { token: supervisor, topics: ['auth.test'] });
    await untilSubscribers(s.app.events, 3);
    await emit(admin, { topic: 'auth.test', agencyId: agencyA, n: 1 }); // agency A, not public
    await emit(admin, { topic: 'auth.test', agencyId: agencyB, n: 2 }); // agency B, not public
    await emit(admin, { topic: 'auth.test', agencyId: agencyB, public: true, n: 3 });
    await sup.waitFor(3);
    await officer.waitFor(2);
    await pub.waitFor(1);
    await sleep(300);
    expect(sup.events.map((e) => e.payload.n)).toEqual([1, 2, 3]);
    expect(officer.events.map((e) => e.payload.n)).toEqual([1, 3]);
    expect(pub.events.map((e) => e.payload.n)).toEqual([3]);
    expect(pub.events[0].actor).toBeNull();
    expect(sup.events[0].actor).toMatch(/^person:/);
    await Promise.all([pub.close(), officer.close(), sup.close()]);
  });

  it('refuses a WebSocket connection with a bad token', async () => {
    const client = wsClient(s.wsUrl, 'not-a-jwt');
    const err = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { events { id } }' },
        { next: () => {}, error: resolve, complete: () => resolve(null) },
      );
    });
    expect((err as { code?: number })?.code).toBe(4403);
    await client.dispose();
  });

  it('@zhifa/client followEvents resumes after the socket drops, without loss or duplicates', async () => {
    const zc = createZhifaClient({ url: s.url, token: supervisor, webSocketImpl: WebSocket });
    let socket: WebSocket | null = null;
    zc.ws.on('connected', (sock) => (socket = sock as WebSocket));
    const got: FollowedEvent[] = [];
    const stop = zc.followEvents({
      topics: ['follow.test'],
      onEvent: (e) => got.push(e),
      onError: (e) => console.error(e),
    });
    await untilSubscribers(s.app.events, 1);
    await emit(admin, { topic: 'follow.test', n: 1 });
    await until(() => got.length === 1);

    // Drop the connection abruptly; while the client is away, two events are written.
    (socket as WebSocket | null)?.terminate();
    await emit(admin, { topic: 'follow.test', n: 2 });
    await emit(admin, { topic: 'follow.test', n: 3 });
    await until(() => got.length >= 3);
    await emit(admin, { topic: 'follow.test', n: 4 });
    await until(() => got.length >= 4);
    await sleep(300);
    expect(got.map((e) => (e.payload as { n: number }).n)).toEqual([1, 2, 3, 4]);
    stop();
    await zc.close();
  });

  it('Query.events over urql pages the log with endCursor, and the cursor resumes a subscription', async () => {
    const zc = createZhifaClient({ url: s.url, token: supervisor });
    const q = `query($after: String) { events(first: 2, topics: ["resume.test"], after: $after) { events { payload } endCursor hasNextPage } }`;
    const p1 = (await zc.client.query(q, {}).toPromise()).data.events;
    expect(p1.events.map((e: GqlJson) => e.payload.n)).toEqual([1, 2]);
    expect(p1.hasNextPage).toBe(true);
    const sub = subscribeEvents(s.wsUrl, { token: supervisor, topics: ['resume.test'], after: p1.endCursor });
    await sub.waitFor(2);
    expect(sub.events.map((e) => e.payload.n)).toEqual([3, 4]);
    await sub.close();
    await zc.close();
  });
});

describe('a plugin subscription declared with defineTopicSubscription', () => {
  it('resolves each event against fresh data, with its filter and the caller’s authorisation', async () => {
    const p = s.db.prisma;
    const parent1 = await p.agency.create({ data: { name: '阜宁县甲镇', kind: 'TOWNSHIP' } });
    const parent2 = await p.agency.create({ data: { name: '阜宁县乙镇', kind: 'TOWNSHIP' } });
    const child = await p.agency.create({
      data: { name: '阜宁县甲镇司法所', kind: 'JUSTICE_OFFICE', parentId: parent1.id },
    });
    const client = wsClient(s.wsUrl, supervisor);
    const got: GqlJson[] = [];
    const failed: unknown[] = [];
    const done = new Promise<void>((resolve, reject) =>
      client.subscribe(
        {
          query: `subscription($id: Int) { testAgencyUpdated(agencyId: $id) { name testLoadedName parent { name } } }`,
          variables: { id: child.id },
        },
        {
          next: (r) => (r.errors ? reject(new Error(JSON.stringify(r.errors))) : got.push(r.data?.testAgencyUpdated)),
          error: reject,
          complete: resolve,
        },
      ),
    ).catch((err) => void failed.push(err));
    await untilSubscribers(s.app.events, 1);
    const update = async (name: string, parentId: number) => {
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          query: `mutation($id: ID!, $input: AgencyInput!) { updateAgency(id: $id, input: $input) { __typename ... on MutationUpdateAgencySuccess {
            data { id } } } }`,
          variables: { id: Buffer.from(`Agency:${parentId}`).toString('base64'), input: { name, kind: 'TOWNSHIP' } },
        }),
      });
      expect((await res.json()).data.updateAgency.__typename).toBe('MutationUpdateAgencySuccess');
    };
    const rename = async (id: number, name: string, parentId: number) => {
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          query: `mutation($id: ID!, $input: AgencyInput!) { updateAgency(id: $id, input: $input) { __typename ... on MutationUpdateAgencySuccess {
            data { id } } } }`,
          variables: {
            id: Buffer.from(`Agency:${id}`).toString('base64'),
            input: { name, kind: 'JUSTICE_OFFICE', parentId: Buffer.from(`Agency:${parentId}`).toString('base64') },
          },
        }),
      });
      expect((await res.json()).data.updateAgency.__typename).toBe('MutationUpdateAgencySuccess');
    };
    const move = async (parentId: number) => {
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          query: `mutation($id: ID!, $input: AgencyInput!) { updateAgency(id: $id, input: $input) { __typename ... on MutationUpdateAgencySuccess {
            data { id } } ... on Error { message } } }`,
          variables: {
            id: Buffer.from(`Agency:${child.id}`).toString('base64'),
            input: {
              name: child.name,
              kind: 'JUSTICE_OFFICE',
              parentId: Buffer.from(`Agency:${parentId}`).toString('base64'),
            },
          },
        }),
      });
      const body = await res.json();
      expect(body.data.updateAgency.__typename).toBe('MutationUpdateAgencySuccess');
    };
    await move(parent2.id);
    await until(() => got.length === 1);
    await update('阜宁县乙镇（更名）', parent2.id); // another agency: filtered out
    await move(parent1.id);
    await until(() => got.length === 2);
    await move(parent2.id);
    await until(() => got.length === 3);
    expect(got.map((a) => a.parent.name)).toEqual(['阜宁县乙镇', '阜宁县甲镇', '阜宁县乙镇（更名）']);
    await rename(child.id, '阜宁县甲镇司法所（新）', parent2.id);
    await until(() => got.length === 4);
    expect(got.map((a) => a.testLoadedName)).toEqual([child.name, child.name, child.name, '阜宁县甲镇司法所（新）']);
    await client.dispose();
    await done;
    expect(failed).toEqual([]);
  });
});

async function emit(token: string, vars: { topic: string; agencyId?: number; public?: boolean; n?: number }) {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: EMIT, variables: vars }),
  });
  const body = await res.json();
  expect(body.errors).toBeUndefined();
}

async function until(cond: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}
