// WebSocket limits on a real server with small limits: connections in all, per address and per
// caller are refused with 1013 (graphql-ws clients retry it later); operations per connection are
// refused one by one; a connection that does nothing is closed; one that never says hello is
// closed by graphql-ws (4408); every connection ends after its maximum lifetime with 1001, and a
// client that resumes with `after` misses nothing.
import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import { createZhifaClient, type FollowedEvent } from '@zhifa/client';
import { closeReason, signToken } from '@zhifa/server';
import {
  TEST_SECRET,
  startTestServer,
  type TestServer,
  emitPlugin,
  sleep,
  untilSubscribers,
  type GqlJson,
} from '@zhifa/testkit';

interface Raw {
  ws: WebSocket;
  /** true once acknowledged; false if the socket closed first. */
  acked: Promise<boolean>;
  closed: Promise<{ code: number; reason: string }>;
  /** When this client last sent a message (Date.now()); the server's idle clock starts no earlier. */
  lastSent: () => number;
}

/** A bare graphql-transport-ws connection, optionally from another loopback address. */
function openRaw(url: string, opts: { authorization?: string; from?: string; init?: boolean } = {}): Raw {
  const ws = new WebSocket(url, 'graphql-transport-ws', opts.from ? { localAddress: opts.from } : {});
  let lastSent = 0;
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const acked = new Promise<boolean>((resolve) => {
    ws.once('open', () => {
      if (opts.init !== false) {
        lastSent = Date.now();
        ws.send(
          JSON.stringify({
            type: 'connection_init',
            payload: opts.authorization ? { authorization: opts.authorization } : {},
          }),
        );
      }
    });
    ws.on('message', (m) => JSON.parse((m as Buffer).toString()).type === 'connection_ack' && resolve(true));
    void closed.then(() => resolve(false));
  });
  return { ws, acked, closed, lastSent: () => lastSent };
}

async function untilConnections(s: TestServer, n: number, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (s.app.ws.connections !== n) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} connections; have ${s.app.ws.connections}`);
    await sleep(10);
  }
}

describe('WebSocket limits', () => {
  let s: TestServer;
  let supervisor: number;
  beforeAll(async () => {
    s = await startTestServer({
      plugins: [emitPlugin],
      ws: {
        maxConnections: 4,
        maxConnectionsPerIp: 3,
        maxConnectionsPerCaller: 2,
        maxSubscriptionsPerConnection: 2,
        idleTimeoutMs: 1_000,
        initTimeoutMs: 500,
      },
    });
    const bureau = await s.db.prisma.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
    supervisor = (
      await s.db.prisma.person.create({ data: { name: '监督员', agencyId: bureau.id, roles: ['SUPERVISOR'] } })
    ).id;
  });
  afterAll(() => s?.close());
  beforeEach(() => untilConnections(s, 0));

  it('refuses a connection over the per-address limit, then over the total, with 1013 and a coded reason', async () => {
    const mine = [openRaw(s.wsUrl), openRaw(s.wsUrl), openRaw(s.wsUrl)];
    expect(await Promise.all(mine.map((c) => c.acked))).toEqual([true, true, true]);
    const fourth = openRaw(s.wsUrl);
    expect(await fourth.closed).toEqual({
      code: 1013,
      reason: closeReason('TOO_MANY_CONNECTIONS', '本地址连接数已满', 'connection limit for this address'),
    });

    const other = openRaw(s.wsUrl, { from: '127.0.0.2' });
    expect(await other.acked).toBe(true);
    const overTotal = openRaw(s.wsUrl, { from: '127.0.0.3' });
    const closed = await overTotal.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toMatch(/^TOO_MANY_CONNECTIONS .*server connection limit/);

    // A place freed is a place taken again.
    mine[0].ws.close();
    await untilConnections(s, 3);
    expect(await openRaw(s.wsUrl).acked).toBe(true);
    for (const c of [...mine, other]) c.ws.close();
  });

  it('refuses a third connection for the same caller, whatever token it holds', async () => {
    // Different lifetimes make different tokens for the same person.
    const [t1, t2, t3] = [3600, 3601, 3602].map((ttl) => signToken(TEST_SECRET, `person:${supervisor}`, ttl));
    const a = openRaw(s.wsUrl, { authorization: `Bearer ${t1}` });
    const b = openRaw(s.wsUrl, { authorization: `Bearer ${t2}` });
    expect(await Promise.all([a.acked, b.acked])).toEqual([true, true]);
    const c = openRaw(s.wsUrl, { authorization: `Bearer ${t3}` });
    const closed = await c.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toMatch(/^TOO_MANY_CONNECTIONS .*this caller/);
    a.ws.close();
    b.ws.close();
  });

  it('refuses an operation over the per-connection limit with TOO_MANY_SUBSCRIPTIONS; the others go on', async () => {
    const client = createClient({ url: s.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    const got: unknown[][] = [[], [], []];
    const errors: unknown[][] = [[], [], []];
    const stops = [0, 1, 2].map((i) =>
      client.subscribe(
        { query: 'subscription { events(topics: ["limit.test"]) { payload } }' },
        {
          next: (r) => got[i].push(r.data),
          error: (e) => errors[i].push(...(Array.isArray(e) ? e : [e])),
          complete: () => {},
        },
      ),
    );
    await until(() => errors[2].length > 0);
    expect((errors[2][0] as GqlJson).extensions).toMatchObject({
      code: 'TOO_MANY_SUBSCRIPTIONS',
      messageZh: expect.any(String),
      messageEn: expect.stringContaining('limit 2'),
    });
    await untilSubscribers(s.app.events, 2);
    const admin = await s.db.prisma.person.create({
      data: { name: '系统管理员', agencyId: (await s.db.prisma.agency.findFirstOrThrow()).id, roles: ['SYSTEM_ADMIN'] },
    });
    await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token(`person:${admin.id}`)}` },
      body: JSON.stringify({ query: 'mutation { testEmitEvent(topic: "limit.test", public: true, n: 1) }' }),
    });
    await until(() => got[0].length === 1 && got[1].length === 1);
    expect(errors[0].concat(errors[1])).toEqual([]);
    stops.forEach((stop) => stop());
    await client.dispose();
  });

  it('closes a connection that does nothing, but not one with a live subscription', async () => {
    const idle = openRaw(s.wsUrl);
    expect(await idle.acked).toBe(true);
    const busy = openRaw(s.wsUrl);
    expect(await busy.acked).toBe(true);
    busy.ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { events { id } }' } }));
    expect(await idle.closed).toEqual({
      code: 1000,
      reason: closeReason('IDLE_TIMEOUT', '连接空闲超时', 'idle timeout'),
    });
    // Not early: measured from the idle client's own last message (its connection_init), which the
    // server received no earlier — not from after the second handshake, which a loaded machine delays.
    expect(idle.lastSent()).toBeGreaterThan(0);
    expect(Date.now() - idle.lastSent()).toBeGreaterThanOrEqual(1_000);
    await sleep(1_200);
    expect(busy.ws.readyState).toBe(WebSocket.OPEN);
    busy.ws.close();
  });

  it('closes a socket that never sends connection_init (graphql-ws 4408)', async () => {
    const mute = openRaw(s.wsUrl, { init: false });
    expect((await mute.closed).code).toBe(4408);
  });
});

describe('maximum connection lifetime', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer({ plugins: [emitPlugin], ws: { maxLifetimeMs: 1_500 } });
    const county = await s.db.prisma.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
    admin = s.token(
      `person:${(await s.db.prisma.person.create({ data: { name: '系统管理员', agencyId: county.id, roles: ['SYSTEM_ADMIN'] } })).id}`,
    );
  });
  afterAll(() => s?.close());

  it('closes with 1001 (retried by graphql-ws); the client resumes with `after` and misses nothing', async () => {
    const zc = createZhifaClient({ url: s.url, token: admin, webSocketImpl: WebSocket });
    const closes: number[] = [];
    zc.ws.on('closed', (e) => closes.push((e as { code: number }).code));
    const got: FollowedEvent[] = [];
    const stop = zc.followEvents({
      topics: ['life.test'],
      onEvent: (e) => got.push(e),
      onError: (e) => console.error(e),
    });
    await untilSubscribers(s.app.events, 1);
    const emit = (n: number) =>
      fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: `mutation { testEmitEvent(topic: "life.test", public: true, n: ${n}) }` }),
      });
    await emit(1);
    await until(() => got.length === 1);
    await until(() => closes.length >= 1, 5_000);
    expect(closes[0]).toBe(1001);
    // Written while the client is away or just back: none lost, none twice.
    await emit(2);
    await emit(3);
    await until(() => got.length >= 3, 15_000);
    await sleep(300);
    expect(got.map((e) => (e.payload as { n: number }).n)).toEqual([1, 2, 3]);
    stop();
    await zc.close();
  });
});

async function until(cond: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}
