// `events` results are executed once per (event, operation, staff-or-not) and, on a WebSocket,
// serialised once and written straight to each waiting subscriber's socket (core's
// shared-execution.ts, the server's ws.ts SocketSink). What reaches the wire must be byte for byte
// what an unshared subscription sends the same caller, and a serialisation made for staff (who see
// `actor`) must never reach anyone else, nor the other way round. Raw sockets, so the bytes are
// compared, not what a client library makes of them.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, emitPlugin, untilSubscribers } from '@zhifa/testkit';

const EMIT = `mutation($topic: String!, $agencyId: Int, $public: Boolean, $n: Int) {
  testEmitEvent(topic: $topic, agencyId: $agencyId, public: $public, n: $n)
}`;
const FIELDS = '{ id cursor topic agencyId payload actor }';
/** `events` alone: shared, and written directly. */
const SHARED = `subscription { events(topics: ["wire.test"]) ${FIELDS} }`;
/** The same selection with a directive on the root field: shared-execution.ts leaves it alone. */
const UNSHARED = `subscription { events(topics: ["wire.test"]) @include(if: true) ${FIELDS} }`;

interface RawClient {
  /** Every text message after connection_ack, as received. */
  messages: string[];
  until(n: number): Promise<void>;
  /** The client ends its subscription (a `complete` message), keeping the socket open. */
  complete(): void;
  close(): void;
}

async function rawSubscribe(url: string, token: string | null, query: string): Promise<RawClient> {
  const ws = new WebSocket(url, 'graphql-transport-ws');
  const messages: string[] = [];
  let acked = false;
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data) => {
      const text = (data as Buffer).toString();
      if (!acked && text.includes('"connection_ack"')) {
        acked = true;
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        resolve();
      } else if (acked && !text.includes('"type":"ping"')) messages.push(text);
    });
    ws.once('open', () =>
      ws.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} })),
    );
  });
  return {
    messages,
    async until(n) {
      for (const deadline = Date.now() + 10_000; messages.length < n; await new Promise((r) => setTimeout(r, 10)))
        if (Date.now() > deadline) throw new Error(`got ${messages.length} of ${n} messages: ${messages.join(' | ')}`);
    },
    complete: () => ws.send(JSON.stringify({ id: '1', type: 'complete' })),
    close: () => ws.close(),
  };
}

async function emit(n: number): Promise<void> {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ query: EMIT, variables: { topic: 'wire.test', agencyId: agency, public: true, n } }),
  });
  expect((await res.json()).errors).toBeUndefined();
}

let s: TestServer;
let admin: string;
let supervisor: string;
let agency: number;
beforeAll(async () => {
  s = await startTestServer({ plugins: [emitPlugin] });
  const p = s.db.prisma;
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
  agency = (await p.agency.create({ data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY' } })).id;
  admin = s.token(
    `person:${(await p.person.create({ data: { name: '系统管理员', agencyId: county.id, roles: ['SYSTEM_ADMIN'] } })).id}`,
  );
  supervisor = s.token(
    `person:${(await p.person.create({ data: { name: '监督员', agencyId: bureau.id, roles: ['SUPERVISOR'] } })).id}`,
  );
});
afterAll(() => s?.close());

describe('shared delivery of `events`', () => {
  it('staff and the public each get exactly what an unshared subscription sends them, and never the other’s', async () => {
    // Interleaved, so staff and public subscribers alternate in the bus's hand-out.
    const staffShared = await rawSubscribe(s.wsUrl, supervisor, SHARED);
    const publicShared = await rawSubscribe(s.wsUrl, null, SHARED);
    const staffUnshared = await rawSubscribe(s.wsUrl, supervisor, UNSHARED);
    const publicUnshared = await rawSubscribe(s.wsUrl, null, UNSHARED);
    const staffShared2 = await rawSubscribe(s.wsUrl, supervisor, SHARED);
    const publicShared2 = await rawSubscribe(s.wsUrl, null, SHARED);
    const all = [staffShared, publicShared, staffUnshared, publicUnshared, staffShared2, publicShared2];
    await untilSubscribers(s.app.events, all.length);
    const before = { ...s.app.ws.nextMessages };

    for (let n = 1; n <= 3; n++) {
      await emit(n);
      await Promise.all(all.map((c) => c.until(n)));
    }

    // The shared subscribers' messages went the direct way, the unshared ones through graphql-ws'
    // emit: otherwise this test would compare the ordinary path with itself.
    expect(s.app.ws.nextMessages.direct - before.direct).toBe(4 * 3);
    expect(s.app.ws.nextMessages.protocol - before.protocol).toBe(2 * 3);

    expect(staffShared.messages).toEqual(staffUnshared.messages);
    expect(staffShared2.messages).toEqual(staffUnshared.messages);
    expect(publicShared.messages).toEqual(publicUnshared.messages);
    expect(publicShared2.messages).toEqual(publicUnshared.messages);
    for (let i = 0; i < 3; i++) {
      const staff = JSON.parse(staffShared.messages[i]);
      const pub = JSON.parse(publicShared.messages[i]);
      expect(staff).toMatchObject({
        id: '1',
        type: 'next',
        payload: { data: { events: { payload: { n: i + 1 }, actor: expect.stringMatching(/^person:/) } } },
      });
      expect(pub).toMatchObject({
        id: '1',
        type: 'next',
        payload: { data: { events: { payload: { n: i + 1 }, actor: null } } },
      });
      expect(publicShared.messages[i]).not.toContain(staff.payload.data.events.actor);
    }
    for (const c of all) c.close();
  });

  it('a subscription the client completes gets nothing more on its still open socket', async () => {
    await untilSubscribers(s.app.events, 0);
    const stays = await rawSubscribe(s.wsUrl, supervisor, SHARED);
    const leaves = await rawSubscribe(s.wsUrl, supervisor, SHARED);
    await untilSubscribers(s.app.events, 2);
    await emit(10);
    await Promise.all([stays.until(1), leaves.until(1)]);
    leaves.complete();
    await untilSubscribers(s.app.events, 1);
    await emit(11);
    await stays.until(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(leaves.messages).toHaveLength(1);
    expect(stays.messages[1]).toContain('"n":11');
    stays.close();
    leaves.close();
  });
});
