// Keep-alive from one timer for all sockets (ws.ts): every socket is pinged once per interval, and
// one that has not answered by its next ping is ended — a dead peer does not hold a connection (and
// its place under the limits) for ever. A client that answers pings, as browsers and graphql-ws do,
// stays connected however long it is quiet (while it has a subscription).
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, emitPlugin, sleep } from '@zhifa/testkit';

const KEEPALIVE_MS = 600;

function open(url: string, autoPong: boolean) {
  const ws = new WebSocket(url, 'graphql-transport-ws', { autoPong });
  let pings = 0;
  ws.on('ping', () => pings++);
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
  return { ws, ready, closed, pings: () => pings };
}

describe('WebSocket keep-alive', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ plugins: [emitPlugin], ws: { keepAliveMs: KEEPALIVE_MS, idleTimeoutMs: 60_000 } });
  });
  afterAll(() => s?.close());

  it('ends a socket that does not answer pings; keeps one that does', async () => {
    const silent = open(s.wsUrl, false);
    const alive = open(s.wsUrl, true);
    await Promise.all([silent.ready, alive.ready]);
    let silentClosed = false;
    void silent.closed.then(() => (silentClosed = true));
    await sleep(KEEPALIVE_MS * 4);
    expect(silent.pings()).toBeGreaterThan(0);
    expect(silentClosed).toBe(true);
    expect(alive.pings()).toBeGreaterThan(1);
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    alive.ws.close();
    await alive.closed;
  });
});
