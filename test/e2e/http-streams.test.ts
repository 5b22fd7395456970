// Subscriptions over HTTP streams (`accept: text/event-stream`), read by a real HTTP client, are held
// to the WebSocket limits: per address and per caller (sockets and streams counting together), with
// TOO_MANY_CONNECTIONS (429) before any event; a place is given back when the client goes; a stream
// ends at its credential's expiry without waiting for an event, and at its maximum lifetime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signToken } from '@zhifa/server';
import {
  TEST_SECRET,
  emitPlugin,
  openEventStream,
  sleep,
  startTestServer,
  untilSubscribers,
  type EventStream,
  type TestServer,
} from '@zhifa/testkit';

const EVENTS = { query: 'subscription { events(topics: ["stream.test"]) { payload } }' };

async function until(ok: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

/** Opened and streaming: the head has come with 200 and the subscription is on the bus. */
async function opened(s: TestServer, streams: EventStream[]) {
  expect(await Promise.all(streams.map((x) => x.status))).toEqual(streams.map(() => 200));
  await until(() => s.app.streams.open >= streams.length);
}

async function refusal(stream: EventStream) {
  expect(await stream.status).toBe(429);
  const end = await stream.ended;
  expect(end.completed).toBe(true);
  expect(stream.results).toHaveLength(1);
  const [error] = stream.results[0].errors!;
  expect(error.extensions).toMatchObject({
    code: 'TOO_MANY_CONNECTIONS',
    messageZh: expect.stringMatching(/连接数已满/),
    messageEn: expect.stringMatching(/connection limit/),
  });
  return error as { message: string; extensions: { messageEn: string } };
}

describe('subscriptions over HTTP streams: admission', () => {
  let s: TestServer;
  let supervisor: number;
  beforeAll(async () => {
    s = await startTestServer({
      plugins: [emitPlugin],
      ws: { maxConnections: 6, maxConnectionsPerIp: 3, maxConnectionsPerCaller: 2 },
    });
    const bureau = await s.db.prisma.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
    supervisor = (
      await s.db.prisma.person.create({ data: { name: '监督员', agencyId: bureau.id, roles: ['SUPERVISOR'] } })
    ).id;
  });
  afterAll(() => s?.close());

  it('refuses a public stream over the per-address limit; another address streams; a place left is taken again', async () => {
    const mine = [0, 1, 2].map(() => openEventStream(s.url, EVENTS));
    await opened(s, mine);
    const over = await refusal(openEventStream(s.url, EVENTS));
    expect(over.extensions.messageEn).toBe(
      'connection limit for this address (limit 3); retry later or end other subscriptions',
    );
    expect(s.app.ws.connections).toBe(3);

    const other = openEventStream(s.url, EVENTS, { from: '127.0.0.2' });
    await opened(s, [...mine, other]);

    // The client that goes gives its place back.
    mine[0].close();
    await until(() => s.app.streams.open === 3);
    const again = openEventStream(s.url, EVENTS);
    await opened(s, [again]);
    for (const x of [...mine, other, again]) x.close();
    await until(() => s.app.ws.connections === 0);
  });

  it('refuses a third stream for one caller, whatever token it holds, and counts its WebSocket too', async () => {
    const [t1, t2, t3] = [3600, 3601, 3602].map((ttl) => signToken(TEST_SECRET, `person:${supervisor}`, ttl));
    // From three addresses: the caller's limit, not the address's, is what refuses.
    const a = openEventStream(s.url, EVENTS, { authorization: `Bearer ${t1}`, from: '127.0.0.3' });
    const b = openEventStream(s.url, EVENTS, { authorization: `Bearer ${t2}`, from: '127.0.0.4' });
    await opened(s, [a, b]);
    const c = await refusal(openEventStream(s.url, EVENTS, { authorization: `Bearer ${t3}`, from: '127.0.0.5' }));
    expect(c.message).toBe(
      '本用户连接数已满（上限 2），请稍后重试或结束其他订阅 / connection limit for this caller (limit 2); retry later or end other subscriptions',
    );

    // One stream ends; a WebSocket of the same caller takes its place, and the next stream is refused.
    a.close();
    await until(() => s.app.ws.connections === 1);
    const ws = new WebSocket(s.wsUrl, 'graphql-transport-ws');
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t1}` } }));
    await new Promise((r) => ws.once('message', r));
    await refusal(openEventStream(s.url, EVENTS, { authorization: `Bearer ${t3}` }));
    ws.close();
    b.close();
    await until(() => s.app.ws.connections === 0);
  });

  it('ends a stream at its token’s expiry, with no event to wait for', async () => {
    const token = signToken(TEST_SECRET, `person:${supervisor}`, 2);
    const exp = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp * 1000;
    const stream = openEventStream(s.url, EVENTS, { authorization: `Bearer ${token}` });
    await opened(s, [stream]);
    const end = await stream.ended;
    expect(end.completed).toBe(true);
    // At the deadline (the sweep's tick is 250 ms), not at the next event: none came.
    expect(end.at).toBeGreaterThanOrEqual(exp);
    expect(end.at - exp).toBeLessThan(1_000);
    expect(stream.results).toEqual([
      {
        errors: [
          expect.objectContaining({
            extensions: expect.objectContaining({
              code: 'UNAUTHENTICATED',
              messageEn: expect.stringMatching(/expired/),
            }),
          }),
        ],
      },
    ]);
    await until(() => s.app.ws.connections === 0 && s.app.events.subscriberCount === 0);
  });
});

describe('subscriptions over HTTP streams: lifetime', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ plugins: [emitPlugin], ws: { maxLifetimeMs: 2_000 } });
  });
  afterAll(() => s?.close());

  it('delivers events, then ends the stream at its maximum lifetime with MAX_LIFETIME', async () => {
    // The writer exists before the stream opens: only the event's round trip has to fit in the lifetime.
    const bureau = await s.db.prisma.agency.create({ data: { name: '司法局', kind: 'JUSTICE_BUREAU' } });
    const sup = await s.db.prisma.person.create({
      data: { name: '监督员', agencyId: bureau.id, roles: ['SUPERVISOR'] },
    });
    const started = Date.now();
    const stream = openEventStream(s.url, EVENTS);
    await opened(s, [stream]);
    await untilSubscribers(s.app.events, 1);
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token(`person:${sup.id}`)}` },
      body: JSON.stringify({ query: 'mutation { testEmitEvent(topic: "stream.test", public: true, n: 1) }' }),
    });
    expect(((await res.json()) as { data: unknown }).data).toEqual({ testEmitEvent: true });
    const end = await stream.ended;
    // A 0–10 % shorter lifetime, one sweep tick late at most.
    expect(end.at - started).toBeGreaterThanOrEqual(1_800);
    expect(end.at - started).toBeLessThan(3_000);
    expect(end.completed).toBe(true);
    expect(stream.results).toEqual([
      { data: { events: { payload: { n: 1 } } } },
      {
        errors: [
          expect.objectContaining({
            extensions: expect.objectContaining({ code: 'MAX_LIFETIME', messageZh: expect.stringMatching(/最长时限/) }),
          }),
        ],
      },
    ]);
    await until(() => s.app.ws.connections === 0 && s.app.events.subscriberCount === 0);
  });
});
