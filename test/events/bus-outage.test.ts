// The event bus while the database is away: its poller retries on every sweep (twice a second by
// default) and subscribers that are behind retry their catch-up reads, but the log gets one JSON
// warning when an outage begins and one when reading works again — not a multi-line dump per poll
// and per subscriber (it used to be 12–13 per instance for a 6 s outage). The database is made to
// fail at the client: every query throws the error a refused connection gives.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, EventBus } from '@zhifa/core/events';
import type { PrismaClient } from '@zhifa/core/prisma';
import { createLogger } from '@zhifa/server';
import { createHarness, sleep, type Harness } from '@zhifa/testkit';

let h: Harness;
let down = false;
let lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

/** The harness's client, except that while `down` every query fails as a lost database does. */
function faulty(prisma: PrismaClient): PrismaClient {
  return new Proxy(prisma, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key !== '$queryRaw' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (down)
          return Promise.reject(
            Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432\n    detail: SELECT … WHERE name = 张三'), {
              code: 'ECONNREFUSED',
            }),
          );
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

describe('event bus during a database outage', () => {
  it('logs one JSON warning per outage and one when it recovers, however many polls and readers fail', async () => {
    const bus = new EventBus(faulty(h.db.prisma), { sweepMs: 20, log: createLogger('info', sink) });
    await bus.start();
    await h.db.prisma.$transaction((tx) => appendEvent(tx, { topic: 't', public: true, payload: {}, actor: 'test' }));
    // Three subscribers replaying from the start: each reads the log itself while behind.
    const readers = [0, 1, 2].map(() => bus.subscribe({ after: { txid: 0n, id: 0n }, accept: () => true }));
    try {
      for (let outage = 0; outage < 2; outage++) {
        lines = [];
        down = true;
        for (const r of readers) void r.next();
        bus.wake();
        await sleep(500); // some 25 sweeps
        down = false;
        await sleep(200);
        const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(logged.map((l) => [l.level, l.msg])).toEqual([
          ['warn', expect.stringMatching(/reading the event log failed/)],
          ['warn', expect.stringMatching(/reading the event log again/)],
        ]);
        expect(logged[0].error).toEqual({
          type: 'Error',
          code: 'ECONNREFUSED',
          message: 'connect ECONNREFUSED 127.0.0.1:5432',
        });
        expect(logged[1].failedReads).toBeGreaterThanOrEqual(10);
        expect(logged[1].outageMs).toBeGreaterThanOrEqual(400);
        expect(lines.join('\n')).not.toMatch(/张三|stack|\n\s+at /);
      }
    } finally {
      await bus.stop();
    }
  });
});
