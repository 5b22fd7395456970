// An open WebSocket connection arms no timer of its own: lifetime, idle, connection_init and
// credential-expiry deadlines are checked by one sweep (ws.ts). Per-connection timers cost memory per
// idle subscriber, and Node keeps a timer list per distinct delay until it passes, so jittered
// per-connection delays left one behind for every connection a busy server churned.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, emitPlugin } from '@zhifa/testkit';

const N = 40;
const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

function subscribe(url: string, token: string) {
  const ws = new WebSocket(url, 'graphql-transport-ws');
  const ready = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('close', (code, reason) => reject(new Error(`closed ${code} ${String(reason)}`)));
    ws.once('open', () =>
      ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    ws.on('message', (m) => {
      if (JSON.parse((m as Buffer).toString()).type !== 'connection_ack') return;
      ws.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: 'subscription { events(topics: ["nothing"]) { id } }' },
        }),
      );
      resolve();
    });
  });
  return { ws, ready };
}

describe('WebSocket deadlines', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ plugins: [emitPlugin], ws: { maxConnectionsPerCaller: N + 1 } });
  });
  afterAll(() => s?.close());

  it(`${N} authenticated subscribers with expiring tokens add no timer per connection`, async () => {
    const agency = await s.db.prisma.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
    const sup = await s.db.prisma.person.create({
      data: { name: '监督员', agencyId: agency.id, roles: ['SUPERVISOR'] },
    });
    const token = s.token(`person:${sup.id}`);
    // One connection first, so the sweep and keep-alive timers that exist once per server are running.
    const first = subscribe(s.wsUrl, token);
    await first.ready;
    const before = timeouts();
    const subs = Array.from({ length: N }, () => subscribe(s.wsUrl, token));
    await Promise.all(subs.map((x) => x.ready));
    // Per-connection timers would add at least N (one lifetime, one expiry, one idle each).
    expect(timeouts() - before).toBeLessThan(5);
    for (const x of [first, ...subs]) x.ws.close();
  });
});
