// Events taken as they arrive (ImmediateSource: the bus's subscription under the access check),
// as shared-execution.ts takes them to write a shared result straight to a socket. Taking them this
// way must keep every guarantee of next(): each event once and in log order however the two ways
// interleave, nothing after the credential's expiry, and a recheck before any event about the
// caller. Against the real database and EventBus; the caller's credential is given as the facts
// app.ts's CredentialRecheck would report (an expiry, and who the credential names now).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_TOPICS, ForbiddenError, UnauthenticatedError, type CallerCheck } from '@zhifa/core';
import { PUBLIC_VIEWER, type Viewer } from '@zhifa/core/auth';
import {
  appendEvent,
  comparePositions,
  EventBus,
  SubscriptionEnded,
  whileAccessHolds,
  type ImmediateSource,
  type Position,
  type StoredEvent,
} from '@zhifa/core/events';
import { createHarness, sleep, type Harness } from '@zhifa/testkit';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

async function write(topic: string, count: number, payload: Record<string, unknown> = {}): Promise<void> {
  for (let i = 0; i < count; i++)
    await h.db.prisma.$transaction((tx) =>
      appendEvent(tx, { topic, public: true, payload: { i, ...payload }, actor: 'test' }),
    );
}

async function ids(topic: string): Promise<bigint[]> {
  const rows = await h.db.prisma.$queryRaw<
    { id: bigint }[]
  >`SELECT id FROM "Event" WHERE topic = ${topic} ORDER BY txid, id`;
  return rows.map((r) => r.id);
}

/**
 * Until the bus has handed out everything written to `topic`: on a shared PostgreSQL server another
 * test file's open transaction can hold rows back past one flush.
 */
async function handedOut(bus: EventBus, topic: string): Promise<void> {
  const [last] = await h.db.prisma.$queryRaw<
    Position[]
  >`SELECT txid, id FROM "Event" WHERE topic = ${topic} ORDER BY txid DESC, id DESC LIMIT 1`;
  for (const deadline = Date.now() + 10_000; ; await sleep(20)) {
    await bus.flush();
    if (comparePositions(bus.position, last) >= 0) return;
    if (Date.now() > deadline) throw new Error(`${topic}: not handed out in time`);
  }
}

async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  for (const deadline = Date.now() + ms; !cond(); await sleep(5))
    if (Date.now() > deadline) throw new Error('timed out');
}

/** Takes what it is offered while `accepting`, as SharedEventResults does while the socket can take it. */
class Taker {
  taken: StoredEvent[] = [];
  accepting = true;
  constructor(private readonly source: ImmediateSource<StoredEvent>) {
    expect(source.listen(this)).toBe(true);
  }
  ready(): void {
    while (this.accepting) {
      const e = this.source.peek();
      if (!e) return;
      this.taken.push(e);
      this.source.take();
    }
  }
}

/** graphql-ws' loop: next(), then hold the event until `sent` resolves (its socket write), then next() again. */
function ordinaryLoop(it: AsyncIterator<StoredEvent | SubscriptionEnded>) {
  const got: (StoredEvent | SubscriptionEnded)[] = [];
  const state = { got, sent: Promise.resolve(), done: false };
  void (async () => {
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      got.push(r.value);
      await state.sent;
    }
    state.done = true;
  })();
  return state;
}

const supervisor: Viewer = {
  kind: 'person',
  personId: 9001,
  name: '监督员',
  agencyId: 1,
  agencyKind: 'JUSTICE_BUREAU',
  roles: ['SUPERVISOR'],
};

describe('events taken as they arrive', () => {
  it('interleave with next() in log order, each once: offered only while next() waits with nothing in flight', async () => {
    const bus = new EventBus(h.db.prisma, { sweepMs: 100 });
    await bus.start();
    const live = whileAccessHolds(
      { viewer: PUBLIC_VIEWER },
      bus.subscribe({ accept: (e) => e.topic === 'mix' }),
      (e) => e.topic === 'mix',
    );
    const taker = new Taker(live);
    const loop = ordinaryLoop(live);

    await write('mix', 2);
    await handedOut(bus, 'mix');
    expect(taker.taken).toHaveLength(2); // the loop waits: both taken at once
    expect(loop.got).toHaveLength(0);

    // Not taken (the socket is busy): next() yields it, and the loop holds it, writing.
    taker.accepting = false;
    let sent!: () => void;
    loop.sent = new Promise<void>((resolve) => (sent = resolve));
    await write('mix', 1);
    await handedOut(bus, 'mix');
    await until(() => loop.got.length === 1);

    // The loop has an event in flight: a new one is not offered, however willing the taker.
    taker.accepting = true;
    await write('mix', 1);
    await handedOut(bus, 'mix');
    await sleep(50);
    expect(taker.taken).toHaveLength(2);
    expect(loop.got).toHaveLength(1);
    sent();
    await until(() => loop.got.length === 2);

    // The loop waits again: offered again.
    await sleep(20);
    await write('mix', 1);
    await handedOut(bus, 'mix');
    expect(taker.taken).toHaveLength(3);

    const all = await ids('mix');
    expect(taker.taken.map((e) => e.id)).toEqual([all[0], all[1], all[4]]);
    expect(loop.got.map((e) => (e as StoredEvent).id)).toEqual([all[2], all[3]]);
    await live.return?.();
    await bus.stop();
  });

  it('nothing is taken once the credential has expired; next() ends the subscription instead', async () => {
    const bus = new EventBus(h.db.prisma, { sweepMs: 100 });
    await bus.start();
    const expiresAt = new Date(Date.now() + 2_000);
    const caller: CallerCheck = { expiresAt, maxAgeMs: 60_000, recheck: () => Promise.resolve(supervisor) };
    const live = whileAccessHolds(
      { viewer: supervisor, caller },
      bus.subscribe({ accept: (e) => e.topic === 'exp' }),
      () => true,
    );
    const taker = new Taker(live);
    const loop = ordinaryLoop(live);

    await write('exp', 1);
    await handedOut(bus, 'exp');
    expect(taker.taken).toHaveLength(1);

    await sleep(expiresAt.getTime() - Date.now() + 10);
    await write('exp', 2);
    await handedOut(bus, 'exp');
    await until(() => loop.done);
    expect(taker.taken).toHaveLength(1);
    expect(loop.got).toHaveLength(1);
    expect(loop.got[0]).toBeInstanceOf(SubscriptionEnded);
    expect((loop.got[0] as SubscriptionEnded).error).toBeInstanceOf(UnauthenticatedError);
    await bus.stop();
  });

  it('an event about the caller is left to next(), which identifies the caller again first', async () => {
    const bus = new EventBus(h.db.prisma, { sweepMs: 100 });
    await bus.start();
    const rechecks: (boolean | undefined)[] = [];
    // The credential now names someone who lost the supervisor role.
    const caller: CallerCheck = {
      expiresAt: null,
      maxAgeMs: 60_000,
      recheck: (o) => (rechecks.push(o?.fresh), Promise.resolve({ ...supervisor, roles: [] })),
    };
    const topic = CORE_TOPICS.personUpdated.name;
    const live = whileAccessHolds(
      { viewer: supervisor, caller },
      bus.subscribe({ accept: (e) => e.topic === topic }),
      () => true,
    );
    const taker = new Taker(live);
    const loop = ordinaryLoop(live);

    await write(topic, 1, { personId: 1 }); // someone else
    await handedOut(bus, topic);
    expect(taker.taken).toHaveLength(1);
    expect(rechecks).toEqual([]);

    await write(topic, 1, { personId: supervisor.kind === 'person' ? supervisor.personId : 0 }); // the caller
    await write(topic, 1, { personId: 2 });
    await handedOut(bus, topic);
    await until(() => loop.done);
    expect(rechecks).toEqual([true]);
    expect(taker.taken).toHaveLength(1);
    expect(loop.got).toHaveLength(1);
    expect((loop.got[0] as SubscriptionEnded).error).toBeInstanceOf(ForbiddenError);
    await bus.stop();
  });
});
