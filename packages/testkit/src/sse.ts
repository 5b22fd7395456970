// A subscription over a real HTTP stream (`accept: text/event-stream`), read as it arrives, optionally
// from another loopback address: the client an intranet behind a proxy that blocks WebSocket uses.
import { request } from 'node:http';
import type { GqlJson } from './harness.js';

export interface EventStream {
  /** The response's status, once its head has come. */
  status: Promise<number>;
  /** Each `next` event's payload, as it arrives. */
  results: { data?: unknown; errors?: GqlJson[] }[];
  /** Resolves when the server ends the stream (after `complete`, or the connection closing); says whether `complete` came. */
  ended: Promise<{ completed: boolean; at: number }>;
  /** End the stream from the client's side. */
  close(): void;
}

export function openEventStream(
  url: string,
  body: { query: string; variables?: Record<string, unknown> },
  opts: { authorization?: string; from?: string } = {},
): EventStream {
  const results: EventStream['results'] = [];
  let completed = false;
  let setStatus!: (n: number) => void;
  const status = new Promise<number>((r) => (setStatus = r));
  let setEnded!: (e: { completed: boolean; at: number }) => void;
  const ended = new Promise<{ completed: boolean; at: number }>((r) => (setEnded = r));
  const finish = () => setEnded({ completed, at: Date.now() });
  const json = JSON.stringify(body);
  const req = request(url, {
    method: 'POST',
    localAddress: opts.from,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(json),
      accept: 'text/event-stream',
      ...(opts.authorization ? { authorization: opts.authorization } : {}),
    },
  });
  req.on('response', (res) => {
    setStatus(res.statusCode ?? 0);
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: ?(.*)$/m.exec(block)?.[1];
        if (event === 'next' && data) results.push(JSON.parse(data) as EventStream['results'][number]);
        if (event === 'complete') completed = true;
      }
    });
    res.on('end', finish);
    res.on('close', finish);
  });
  req.on('error', () => {
    setStatus(0);
    finish();
  });
  req.end(json);
  return { status, results, ended, close: () => req.destroy() };
}
