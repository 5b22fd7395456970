// Every request is bounded: oversized or undeclared-size HTTP bodies and oversized WebSocket
// messages are refused before anything parses them.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, MAX_WS_MESSAGE_BYTES } from '@zhifa/server';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

describe('request limits', () => {
  it('refuses an HTTP body over the limit with 413 and a bilingual message', async () => {
    const body = JSON.stringify({ query: '{ viewer { kind } }', variables: { pad: 'x'.repeat(MAX_REQUEST_BYTES) } });
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    const json = await res.json();
    expect(json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(json.errors[0].message).toMatch(/请求过大.*request too large/);
  });

  it('accepts an ordinary request', async () => {
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ viewer { kind } }' }) });
    expect(await res.json()).toEqual({ data: { viewer: { kind: 'public' } } });
  });

  it('closes a WebSocket that sends a message over the limit', async () => {
    const ws = new WebSocket(s.wsUrl, 'graphql-transport-ws');
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('x'.repeat(MAX_WS_MESSAGE_BYTES + 1));
    expect(await closed).toBe(1009);
  });
});
