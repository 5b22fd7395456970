// Benchmarks. Each prints a ratio against a baseline measured in the same process, on the same
// data, so machines of different speed give comparable numbers. Run: `pnpm bench`.
//  1. nested-query: the frontends' deepest list (agencies → cases → enterprise, officers → person)
//     against a flat agencies page — batching keeps the ratio small and the statement count fixed.
//  2. event fan-out: delivering a burst of events to 50 live subscribers against delivering it to 1
//     — one shared poller per instance keeps this close to 1×, not 50×.
import { performance } from 'node:perf_hooks';
import { appendEvent } from '@zhifa/core';
import { seedDemoData } from '../packages/server/src/seed/index.js';
import { createHarness } from '@zhifa/testkit';

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - start) / runs;
}

const h = await createHarness();
await seedDemoData(h.db.prisma);
const sup = await h.db.prisma.person.findFirstOrThrow({ where: { agency: { kind: 'JUSTICE_BUREAU' } }, orderBy: { id: 'asc' } });
await h.db.prisma.person.update({ where: { id: sup.id }, data: { roles: ['SUPERVISOR'] } });
const token = h.token(`person:${sup.id}`);

const FLAT = `{ agencies(first: 20) { edges { node { name } } } }`;
const NESTED = `{ agencies(first: 20) { edges { node { name cases(first: 10) { edges { node { number
  enterprise { name } officers { edges { node { person { name canEnforce } } } } } } } } } } }`;
const statements = async (q: string) => {
  h.queries.length = 0;
  const r = await h.gql(q, {}, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return h.queries.filter((s) => !s.includes('"Event"')).length;
};
const flatMs = await time(20, () => h.gql(FLAT, {}, token));
const nestedMs = await time(20, () => h.gql(NESTED, {}, token));
console.log(
  `nested-query   baseline ${flatMs.toFixed(1)} ms (${await statements(FLAT)} SQL) · nested ${nestedMs.toFixed(1)} ms (${await statements(NESTED)} SQL) · ratio ${(nestedMs / flatMs).toFixed(2)}×`,
);

async function deliver(subscribers: number, events: number): Promise<number> {
  const topic = `bench.${subscribers}.${Date.now()}`;
  const iterators = Array.from({ length: subscribers }, () =>
    h.app.events.subscribe({ accept: (e) => e.topic === topic }),
  );
  const start = performance.now();
  const received = iterators.map(async (it) => {
    for (let n = 0; n < events; n++) await it.next();
    await it.return?.();
  });
  for (let i = 0; i < events; i += 50) {
    await h.db.prisma.$transaction(async (tx) => {
      for (let j = 0; j < 50; j++) await appendEvent(tx, { topic, payload: { i: i + j }, actor: 'bench' });
    });
    h.app.events.wake();
  }
  await Promise.all(received);
  return performance.now() - start;
}
const one = await deliver(1, 500);
const fifty = await deliver(50, 500);
console.log(`event-fan-out  1 subscriber ${one.toFixed(0)} ms · 50 subscribers ${fifty.toFixed(0)} ms · ratio ${(fifty / one).toFixed(2)}× (500 events)`);

await h.close();
