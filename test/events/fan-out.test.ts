// Exactly-once delivery under fan-out: many live subscribers on one instance, several writers
// committing at once (out of id order), some subscribers too slow to keep up live (they fall back
// to reading the log) — every subscriber still receives every event once, in the log's order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, emitPlugin, sleep, subscribeEvents, untilSubscribers } from '@zhifa/testkit';

const SUBSCRIBERS = 150;
const WRITERS = 6;
const PER_WRITER = 15;
const EMIT = `mutation($topic: String!, $n: Int) { testEmitEvent(topic: $topic, n: $n, public: true) }`;

let s: TestServer;
let admin: string;
beforeAll(async () => {
  // A small live buffer, so the slowest subscribers overflow it and catch up from the log; a small
  // fan-out chunk, so each batch is handed over across many turns of the event loop while writers commit.
  s = await startTestServer({
    plugins: [emitPlugin],
    poolSize: 12,
    events: { maxBuffered: 20, fanoutChunk: 7 },
    ws: { maxConnectionsPerCaller: 1_000, maxConnectionsPerIp: 1_000 },
  });
  const county = await s.db.prisma.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  admin = s.token(
    `person:${(await s.db.prisma.person.create({ data: { name: '系统管理员', agencyId: county.id, roles: ['SYSTEM_ADMIN'] } })).id}`,
  );
});
afterAll(() => s?.close());

describe('fan-out', () => {
  it(`${SUBSCRIBERS} subscribers, ${WRITERS} concurrent writers: each event exactly once, in log order, for everyone`, async () => {
    const subs = Array.from({ length: SUBSCRIBERS }, (_, i) =>
      subscribeEvents(s.wsUrl, { topics: ['fan'], token: i % 2 ? admin : undefined }),
    );
    await untilSubscribers(s.app.events, SUBSCRIBERS, 30_000);
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let k = 0; k < PER_WRITER; k++) {
          const res = await fetch(s.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
            body: JSON.stringify({ query: EMIT, variables: { topic: 'fan', n: w * 100 + k } }),
          });
          expect((await res.json()).errors).toBeUndefined();
        }
      }),
    );
    const total = WRITERS * PER_WRITER;
    await Promise.all(subs.map((sub) => sub.waitFor(total, 30_000)));
    await sleep(500); // nothing more may arrive
    const logged = (
      await s.db.prisma.$queryRaw<{ id: bigint }[]>`SELECT id FROM "Event" WHERE topic = 'fan' ORDER BY txid, id`
    ).map((r) => r.id.toString());
    expect(logged).toHaveLength(total);
    for (const sub of subs) {
      expect(sub.errors).toEqual([]);
      expect(sub.events.map((e) => e.id)).toEqual(logged);
    }
    await Promise.all(subs.map((sub) => sub.close()));
  });
});
