// Coalescing a subscription's events (events/coalesce.ts): at most one value per interval, the last of a burst,
// the first after a quiet interval at once; an ending passes at once and nothing held is delivered after it.
import { expect, it } from 'vitest';
import { coalesce } from '../src/events/coalesce.js';
import { SubscriptionEnded } from '../src/events/recheck.js';

/** An async iterator the test pushes into. */
function channel<T>() {
  const queue: IteratorResult<T>[] = [];
  let wake: (() => void) | null = null;
  const source: AsyncIterableIterator<T> = {
    async next() {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      return queue.shift()!;
    },
    return() {
      queue.push({ done: true, value: undefined });
      wake?.();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  const push = (r: IteratorResult<T>) => {
    queue.push(r);
    wake?.();
  };
  return {
    source,
    push: (value: T) => push({ done: false, value }),
    end: () => push({ done: true, value: undefined }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('sends the first event at once, folds a burst into its last, and sends after a quiet interval at once', async () => {
  const ch = channel<string>();
  const it = coalesce(ch.source, 400);
  const t0 = Date.now();
  ch.push('a');
  expect((await it.next()).value).toBe('a');
  expect(Date.now() - t0).toBeLessThan(200);
  const burst = (async () => {
    for (const x of ['b', 'c', 'd']) {
      ch.push(x);
      await sleep(50);
    }
  })();
  const asked = Date.now();
  const second = await it.next();
  await burst;
  expect(second.value).toBe('d');
  // An interval from when the consumer asked, that is from when it had sent the last value.
  expect(Date.now() - asked).toBeGreaterThanOrEqual(390);
  // The consumer asks for the next value once it has sent the last (graphql-ws does): an event after a quiet
  // interval goes at once.
  const third = it.next();
  await sleep(500);
  const t1 = Date.now();
  ch.push('e');
  expect((await third).value).toBe('e');
  expect(Date.now() - t1).toBeLessThan(200);
});

it('an ending passes at once and drops what was held; the source ending delivers the held event first', async () => {
  const ch = channel<string | SubscriptionEnded>();
  const it = coalesce(ch.source, 300);
  ch.push('a');
  await it.next();
  const ended = new SubscriptionEnded(new Error('access changed'));
  ch.push('b');
  ch.push(ended);
  ch.push('c');
  expect((await it.next()).value).toBe(ended);

  const ch2 = channel<string>();
  const it2 = coalesce(ch2.source, 300);
  ch2.push('a');
  await it2.next();
  ch2.push('b');
  ch2.end();
  expect(await it2.next()).toEqual({ done: false, value: 'b' });
  expect((await it2.next()).done).toBe(true);
});

it('folds events already waiting (a replay after `after`) into one value, at once', async () => {
  const ch = channel<string>();
  const it = coalesce(ch.source, 10_000);
  for (const x of ['a', 'b', 'c']) ch.push(x);
  const t0 = Date.now();
  expect((await it.next()).value).toBe('c');
  expect(Date.now() - t0).toBeLessThan(200);
});
