// Keep-alive from one timer for all sockets (ws.ts): every socket is pinged once per interval, and
// one that has not answered by its next ping is ended — a dead peer does not hold a connection (and
// its place under the limits) for ever. A client that answers pings, as browsers and graphql-ws do,
// stays connected however long it is quiet (while it has a subscription).
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, emitPlugin } from '@zhifa/testkit';

const KEEPALIVE_MS = 600;

function open(url: string, autoPong: boolean) {
  const ws = new WebSocket(url, 'graphql-transport-ws', { autoPong });
  let pings = 0;
  const waiting: { n: number; resolve: () => void }[] = [];
  ws.on('ping', () => {
    pings++;
    for (const w of waiting.filter((w) => pings >= w.n)) w.resolve();
  });
  /** Resolves at the n-th ping received. */
  const pinged = (n: number) => new Promise<void>((resolve) => (pings >= n ? resolve() : waiting.push({ n, resolve })));
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  const ready = new Promise<void>((resolve) => {
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    ws.on('message', (m) => {
      if (JSON.parse((m as Buffer).toString()).type !== 'connection_ack') return;
      // A subscription, so the idle timeout does not end the quiet client.
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
  return { ws, ready, closed, pinged, pings: () => pings };
}

describe('WebSocket keep-alive', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ plugins: [emitPlugin], ws: { keepAliveMs: KEEPALIVE_MS, idleTimeoutMs: 60_000 } });
  });
  afterAll(() => s?.close());

  it('ends a socket that does not answer pings; keeps one that does', { timeout: 15_000 }, async () => {
    const silent = open(s.wsUrl, false);
    const alive = open(s.wsUrl, true);
    await Promise.all([silent.ready, alive.ready]);
    // Waits on what happens, not on a fixed pause: the silent socket is ended (the test times out if
    // it never is) after it was pinged at least once.
    await silent.closed;
    expect(silent.pings()).toBeGreaterThan(0);
    // The server pings a socket again only if it answered the last ping (else it ends it): a third
    // ping means two answered rounds. Closing first fails the test.
    const outcome = await Promise.race([
      alive.pinged(3).then(() => 'pinged thrice'),
      alive.closed.then(() => 'closed'),
    ]);
    expect(outcome).toBe('pinged thrice');
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    alive.ws.close();
    await alive.closed;
  });
});
