// The EventBus on its own, against the real database: hand-over between reading the log and
// live batches, buffer overflow, and shutdown. The sweep stays short: on a shared PostgreSQL
// server any other transaction in flight holds rows back, and only a later wake-up settles them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, EventBus, settledHead, type Position, type StoredEvent } from '@zhifa/core/events';
import { createHarness, type Harness } from '@zhifa/testkit';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

async function write(topic: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await h.db.prisma.$transaction((tx) => appendEvent(tx, { topic, public: true, payload: { i }, actor: 'test' }));
}

async function take(it: AsyncIterator<StoredEvent>, n: number): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  while (out.length < n) {
    const r = await Promise.race([
      it.next(),
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`got ${out.length} of ${n}`)), 10_000)),
    ]);
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

async function ids(topic: string): Promise<bigint[]> {
  const rows = await h.db.prisma.$queryRaw<
    { id: bigint }[]
  >`SELECT id FROM "Event" WHERE topic = ${topic} ORDER BY txid, id`;
  return rows.map((r) => r.id);
}

describe('EventBus', () => {
  it('a live subscriber that does not read for a while overflows, falls back to the log, and loses nothing', async () => {
    const bus = new EventBus(h.db.prisma, { sweepMs: 100, maxBuffered: 4, pageSize: 3 });
    await bus.start();
    const it = bus.subscribe({ accept: (e) => e.topic === 'overflow' });
    await write('overflow', 10);
    await bus.flush(); // one batch of 10 > maxBuffered: the buffer is dropped
    await write('overflow', 2);
    await bus.flush();
    const got = await take(it, 12);
    expect(got.map((e) => e.id)).toEqual(await ids('overflow'));
    await it.return?.();
    await bus.stop();
  });

  it('a subscriber ahead of the poller takes only the rest of the next batch', async () => {
    await write('ahead', 3);
    const all = await ids('ahead');
    const bus = new EventBus(h.db.prisma, { sweepMs: 100 });
    await bus.start();
    await write('ahead', 3); // the poller has not seen these
    const rows = await h.db.prisma.$queryRaw<
      Position[]
    >`SELECT txid, id FROM "Event" WHERE topic = 'ahead' ORDER BY txid, id`;
    // Resume from the 4th event (a cursor handed out by another instance whose poller was ahead).
    const it = bus.subscribe({ after: rows[3], accept: (e) => e.topic === 'ahead' });
    await bus.flush();
    const got = await take(it, 2);
    expect(got.map((e) => e.id)).toEqual((await ids('ahead')).slice(4));
    expect(all).toHaveLength(3);
    await it.return?.();
    await bus.stop();
  });

  it('a subscriber replaying from far behind while batches arrive gets every event once, in order', async () => {
    const start = await settledHead(h.db.prisma);
    await write('behind', 7);
    const bus = new EventBus(h.db.prisma, { sweepMs: 100, pageSize: 2 });
    await bus.start();
    const it = bus.subscribe({ after: start, accept: (e) => e.topic === 'behind' });
    const first = await take(it, 1); // mid-replay
    await write('behind', 5);
    await bus.flush(); // a live batch arrives while the subscriber is still 6 events behind
    const rest = await take(it, 11);
    expect([...first, ...rest].map((e) => e.id)).toEqual(await ids('behind'));
    await it.return?.();
    await bus.stop();
  });

  it('a subscriber whose log read ends while a batch is being handed out in chunks still catches up', async () => {
    // CI caught a subscriber stuck at 68 of 90: its catch-up read finished between two chunks of a
    // batch it had been skipped in (it was reading), while the bus still called its head the batch's
    // start — so it believed itself up to date and parked, and nothing woke it again.
    let gate: (() => void) | null = null;
    const gated = new Promise<void>((resolve) => (gate = resolve));
    let reads = 0;
    let firstRead: (() => void) | null = null;
    const firstReadDone = new Promise<void>((resolve) => (firstRead = resolve));
    class GatedBus extends EventBus {
      override async readAfter(from: Position): Promise<StoredEvent[]> {
        const rows = await super.readAfter(from);
        if (++reads === 1) {
          firstRead?.();
          await gated; // the first read answers only once the fan-out has begun
        }
        return rows;
      }
    }
    const start = await settledHead(h.db.prisma);
    await write('chunked', 1);
    // On a shared PostgreSQL server another test's transaction may hold the row back for a while:
    // the reader's first read must find it.
    const [first] = await h.db.prisma.$queryRaw<Position[]>`SELECT txid, id FROM "Event" WHERE topic = 'chunked'`;
    while ((await settledHead(h.db.prisma)).txid < first.txid) await new Promise((r) => setTimeout(r, 20));
    const bus = new GatedBus(h.db.prisma, { sweepMs: 100, fanoutChunk: 1 });
    await bus.start();
    const it = bus.subscribe({ after: start, accept: (e) => e.topic === 'chunked' });
    const got = take(it, 3); // a consumer that asks again at once: first it reads the log, held at the gate
    // Later subscribers: the first opens the gate from inside the fan-out, the rest keep it going
    // for a few more turns of the event loop, long enough for the reader's continuation to run.
    const others = Array.from({ length: 5 }, (_, i) => bus.subscribe({ accept: () => (i === 0 && gate?.(), false) }));
    await firstReadDone; // it holds the first event only
    await write('chunked', 2);
    await bus.flush();
    expect((await got).map((e) => e.id)).toEqual(await ids('chunked'));
    for (const o of [it, ...others]) await o.return?.();
    await bus.stop();
  });

  it('stop() ends every subscription and later wake-ups do nothing', async () => {
    const bus = new EventBus(h.db.prisma, { sweepMs: 100 });
    await bus.start();
    const it = bus.subscribe({ accept: () => true });
    const pending = it.next();
    expect(bus.subscriberCount).toBe(1);
    await bus.stop();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(bus.subscriberCount).toBe(0);
    bus.wake();
    await bus.flush();
    const late = bus.subscribe({ accept: () => true });
    expect(await late.next()).toEqual({ done: true, value: undefined });
  });

  it('return() releases a subscriber parked with nothing to read', async () => {
    const bus = new EventBus(h.db.prisma, { sweepMs: 100 });
    await bus.start();
    const it = bus.subscribe({ accept: () => true });
    const parked = it.next();
    await it.return?.();
    expect(bus.subscriberCount).toBe(0);
    expect((await parked).done).toBe(true);
    await bus.stop();
  });
});
