// Two server instances on one PostgreSQL database: LISTEN/NOTIFY wakes the other instance, and
// subscribers on either see every event in the same order.
import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createZhifaClient } from '@zhifa/client';
import {
  type TestServer,
  emitPlugin,
  sleep,
  subscribeEvents,
  untilSubscribers,
  startTwoInstances,
} from '@zhifa/testkit';

const EMIT = `mutation($topic: String!, $n: Int) { testEmitEvent(topic: $topic, n: $n, public: true) }`;

describe.skipIf(!process.env.ZHIFA_TEST_DATABASE_URL)('two instances on one PostgreSQL database', () => {
  let a: TestServer;
  let b: TestServer;
  let admin: string;

  beforeAll(async () => {
    // A slow sweep, so NOTIFY does the waking; the sweep still settles rows that some unrelated
    // transaction on the shared server held back when the last NOTIFY arrived.
    ({ a, b } = await startTwoInstances({ plugins: [emitPlugin], events: { sweepMs: 2_000 } }));
    const county = await a.db.prisma.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
    const p = await a.db.prisma.person.create({
      data: { name: '系统管理员', agencyId: county.id, roles: ['SYSTEM_ADMIN'] },
    });
    admin = a.token(`person:${p.id}`);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  beforeEach(async () => {
    await untilSubscribers(a.app.events, 0);
    await untilSubscribers(b.app.events, 0);
  });

  it('a subscriber on instance A receives a mutation made on instance B', async () => {
    const sub = subscribeEvents(a.wsUrl, { token: admin, topics: ['agency.created'] });
    await untilSubscribers(a.app.events, 1);
    const heard = a.notifications();
    const zb = createZhifaClient({ url: b.url, token: admin, webSocketImpl: WebSocket });
    const res = await zb.client
      .mutation(
        `mutation { createAgency(input: { name: "阜宁县水务局", kind: ENFORCEMENT_AGENCY }) { __typename ... on MutationCreateAgencySuccess { data { id } } } }`,
        {},
      )
      .toPromise();
    expect(res.error).toBeUndefined();
    expect(res.data.createAgency.__typename).toBe('MutationCreateAgencySuccess');
    const [e] = await sub.waitFor(1, 10_000);
    expect(e.payload).toMatchObject({ name: '阜宁县水务局' });
    expect(a.notifications()).toBeGreaterThan(heard);
    await sub.close();
    await zb.close();
  });

  it('an instance whose LISTEN connection drops reconnects and hears NOTIFY again', async () => {
    // Drop every LISTEN connection on the server, as a database restart or a network cut would.
    // Only this test's instances: other test files share the server.
    const app = a.target.kind === 'postgres' ? `zhifa/${a.target.schema}` : '';
    const killed = await a.db.prisma.$queryRaw<
      unknown[]
    >`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND application_name = ${app}`;
    expect(killed).toHaveLength(2);
    // Both instances listen again once they have reconnected (retry after 1 s).
    const listening = async () =>
      Number(
        (
          await a.db.prisma.$queryRaw<
            { n: bigint }[]
          >`SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND application_name = ${app}`
        )[0].n,
      );
    await sleep(500);
    for (let waited = 0; (await listening()) < 2 && waited < 15_000; waited += 100) await sleep(100);
    const sub = subscribeEvents(a.wsUrl, { topics: ['after-drop'] });
    await untilSubscribers(a.app.events, 1);
    const heard = a.notifications();
    await fetch(b.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: EMIT, variables: { topic: 'after-drop', n: 1 } }),
    }).then((r) => r.json());
    await sub.waitFor(1, 10_000);
    expect(a.notifications()).toBeGreaterThan(heard);
    await sub.close();
  });

  it('writes on both instances at once: subscribers on each see the same events in the same order', async () => {
    const onA = subscribeEvents(a.wsUrl, { topics: ['both'] });
    const onB = subscribeEvents(b.wsUrl, { topics: ['both'] });
    await untilSubscribers(a.app.events, 1);
    await untilSubscribers(b.app.events, 1);
    const N = 40;
    await Promise.all(
      Array.from({ length: N }, (_, n) =>
        fetch(n % 2 ? a.url : b.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify({ query: EMIT, variables: { topic: 'both', n } }),
        }).then((r) => r.json()),
      ),
    );
    await onA.waitFor(N, 15_000);
    await onB.waitFor(N, 15_000);
    await sleep(300);
    const rows = await a.db.prisma.$queryRaw<
      { id: bigint }[]
    >`SELECT id FROM "Event" WHERE topic = 'both' ORDER BY txid, id`;
    const ids = rows.map((r) => r.id.toString());
    expect(ids).toHaveLength(N);
    expect(onA.events.map((e) => e.id)).toEqual(ids);
    expect(onB.events.map((e) => e.id)).toEqual(ids);
    await Promise.all([onA.close(), onB.close()]);
  });

  it('a subscriber that moves from A to B resumes with the cursor A gave it', async () => {
    const onA = subscribeEvents(a.wsUrl, { topics: ['move'] });
    await untilSubscribers(a.app.events, 1);
    const emit = (url: string, n: number) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: EMIT, variables: { topic: 'move', n } }),
      });
    await emit(b.url, 1);
    const [first] = await onA.waitFor(1, 10_000);
    await onA.close();
    await emit(a.url, 2);
    await emit(b.url, 3);
    const onB = subscribeEvents(b.wsUrl, { topics: ['move'], after: first.cursor });
    await onB.waitFor(2, 10_000);
    await sleep(300);
    expect(onB.events.map((e) => e.payload.n)).toEqual([2, 3]);
    await onB.close();
  });
});
