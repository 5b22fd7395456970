// Concurrent writers: transactions commit out of id order, yet every subscriber sees every event
// exactly once, in cursor order, with no gap.
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  appendEvent,
  comparePositions,
  decodeCursor,
  encodeCursor,
  EventBus,
  settledHead,
  type StoredEvent,
} from '@zhifa/core/events';
import {
  startTestServer,
  type TestServer,
  emitPlugin,
  sleep,
  subscribeEvents,
  untilSubscribers,
  type ReceivedEvent,
} from '@zhifa/testkit';

const onPostgres = !!process.env.ZHIFA_TEST_DATABASE_URL;
const EMIT = `mutation($topic: String!, $agencyId: Int, $public: Boolean, $n: Int, $holdMs: Int) {
  testEmitEvent(topic: $topic, agencyId: $agencyId, public: $public, n: $n, holdMs: $holdMs)
}`;

let s: TestServer;
let tokens: string[];

beforeAll(async () => {
  s = await startTestServer({ plugins: [emitPlugin], poolSize: 12 });
  const county = await s.db.prisma.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  tokens = [];
  for (let i = 0; i < 5; i++) {
    const p = await s.db.prisma.person.create({
      data: { name: `管理员${i}`, agencyId: county.id, roles: ['SYSTEM_ADMIN'] },
    });
    tokens.push(s.token(`person:${p.id}`));
  }
});
afterAll(() => s?.close());
// Each test counts the subscribers it opens; the previous test's must be gone first.
beforeEach(() => untilSubscribers(s.app.events, 0));

/** The table's view of a topic, in delivery order. */
async function logged(topic: string): Promise<string[]> {
  const rows = await s.db.prisma.$queryRaw<
    { id: bigint }[]
  >`SELECT id FROM "Event" WHERE topic = ${topic} ORDER BY txid, id`;
  return rows.map((r) => r.id.toString());
}

function expectCursorOrder(events: { cursor: string }[]) {
  for (let i = 1; i < events.length; i++)
    expect(comparePositions(decodeCursor(events[i - 1].cursor)!, decodeCursor(events[i].cursor)!)).toBe(-1);
}

async function emit(token: string, vars: Record<string, unknown>) {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: EMIT, variables: vars }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

describe.skipIf(!onPostgres)('a transaction that commits late (PostgreSQL: real concurrent transactions)', () => {
  it('holds back later commits until the older transaction ends, then delivers both in cursor order', async () => {
    const sub = subscribeEvents(s.wsUrl, { topics: ['late'], token: tokens[0] });
    await untilSubscribers(s.app.events, 1);

    // T1 takes its transaction id first, then waits; T2 inserts (lower id), commits first.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let t1HasXid!: () => void;
    const t1Started = new Promise<void>((r) => (t1HasXid = r));
    const t1 = s.db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT pg_current_xact_id()::text AS xid`;
        t1HasXid();
        await gate;
        await appendEvent(tx, { topic: 'late', public: true, payload: { who: 'T1' }, actor: 'test' });
      },
      { timeout: 30_000 },
    );
    await t1Started;
    await s.db.prisma.$transaction((tx) =>
      appendEvent(tx, { topic: 'late', public: true, payload: { who: 'T2' }, actor: 'test' }),
    );
    s.app.events.wake();

    // T2 is committed, but a reader that took it now would never see T1's row slot in before it.
    await sleep(1_200); // two sweeps
    expect(sub.events).toEqual([]);
    const visible = await s.db.prisma.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM "Event" WHERE topic = 'late'`;
    expect(Number(visible[0].n)).toBe(1);

    release();
    await t1;
    await sub.waitFor(2);
    await sleep(300);
    expect(sub.events.map((e) => e.payload.who)).toEqual(['T1', 'T2']);
    // Ids say T2 came first; the delivery order (txid, id) says T1, and it never changes.
    const [e1, e2] = sub.events;
    expect(BigInt(e1.id) > BigInt(e2.id)).toBe(true);
    expectCursorOrder(sub.events);
    expect(sub.events.map((e) => e.id)).toEqual(await logged('late'));
    await sub.close();
  });

  it('many interleaved slow and fast transactions: exactly once, in order, no gap', async () => {
    const sub = subscribeEvents(s.wsUrl, { topics: ['interleave'], token: tokens[0] });
    await untilSubscribers(s.app.events, 1);
    const n = 30;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        emit(tokens[i % tokens.length], {
          topic: 'interleave',
          n: i,
          public: true,
          holdMs: (i * 37) % 5 === 0 ? 400 : (i * 7) % 40,
        }),
      ),
    );
    await sub.waitFor(n, 15_000);
    await sleep(600);
    const ids = await logged('interleave');
    expect(ids).toHaveLength(n);
    expect(sub.events.map((e) => e.id)).toEqual(ids);
    expectCursorOrder(sub.events);
    await sub.close();
  });
});

describe('a burst of concurrent mutations from several connections', () => {
  it('every subscriber — live, replaying from a cursor, and a slow one that overflows — gets the table exactly', async () => {
    const N = 50;
    const start = encodeCursor(await settledHead(s.db.prisma));
    const live = subscribeEvents(s.wsUrl, { topics: ['burst'], token: tokens[1] });
    await untilSubscribers(s.app.events, 1);

    // A bus of its own with tiny pages and buffer and a consumer slower than the writers: it
    // replays, goes live, and falls back to the log whenever its buffer overflows.
    const slowBus = new EventBus(s.db.prisma, { sweepMs: 50, pageSize: 3, maxBuffered: 4 });
    await slowBus.start();
    onTestFinished(() => slowBus.stop());
    const slowGot: StoredEvent[] = [];
    const slow = (async () => {
      const it = slowBus.subscribe({ after: decodeCursor(start)!, accept: (e) => e.topic === 'burst' });
      for await (const e of it) {
        slowGot.push(e);
        await sleep(5);
        if (slowGot.length === N) break;
      }
    })();

    let replay: ReturnType<typeof subscribeEvents> | null = null;
    const writes = Array.from({ length: N }, (_, i) => {
      // Halfway through the burst, a subscriber joins from the cursor taken before it started.
      if (i === N / 2) replay = subscribeEvents(s.wsUrl, { topics: ['burst'], token: tokens[2], after: start });
      return emit(tokens[i % tokens.length], {
        topic: 'burst',
        n: i,
        public: i % 2 === 0,
        holdMs: onPostgres ? (i * 13) % 25 : null,
      });
    });
    await Promise.all(writes);

    const ids = await logged('burst');
    expect(ids).toHaveLength(N);
    for (const [name, sub] of [
      ['live', live],
      ['replay', replay!],
    ] as const) {
      await sub.waitFor(N, 15_000).catch((err) => {
        const got = new Set(sub.events.map((e) => e.id));
        throw new Error(
          `${name}: ${err.message}; missing ${ids.filter((id) => !got.has(id)).join(',')} of ${ids.join(',')}`,
        );
      });
    }
    await Promise.race([
      slow,
      sleep(20_000).then(() => Promise.reject(new Error(`slow subscriber got ${slowGot.length}`))),
    ]);
    await sleep(600); // room for any duplicate to show up
    for (const sub of [live, replay!]) {
      expect(sub.events.map((e: ReceivedEvent) => e.id)).toEqual(ids);
      expectCursorOrder(sub.events);
    }
    expect(slowGot.map((e) => e.id.toString())).toEqual(ids);
    await Promise.all([live.close(), replay!.close()]);
  });
});
