// A small closed-loop HTTP load generator: `connections` keep-alive sockets, each sending the same
// request as soon as the previous answer is complete. Raw sockets and a minimal response parser,
// so the generator costs far less CPU than the servers it measures (they share a 2-core machine).
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { GqlJson } from '@zhifa/testkit';

export interface LoadOptions {
  port: number;
  path?: string;
  /** GraphQL query (POST JSON) */
  query: string;
  variables?: Record<string, unknown>;
  authorization?: string;
  connections?: number;
  durationMs: number;
  warmupMs?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export function requestBytes(o: Pick<LoadOptions, 'path' | 'query' | 'variables' | 'authorization'>): Buffer {
  const body = JSON.stringify({ query: o.query, variables: o.variables ?? {} });
  const head =
    `POST ${o.path ?? '/graphql'} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\n` +
    (o.authorization ? `Authorization: ${o.authorization}\r\n` : '') +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.from(body)]);
}

/** Parses keep-alive responses with Content-Length or chunked bodies; calls done(status) per response. */
class ResponseReader {
  private buf: Buffer = Buffer.alloc(0);
  constructor(private readonly done: (status: number, body: Buffer) => void) {}
  push(chunk: Buffer) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buf.subarray(0, end).toString('latin1');
      const status = Number(head.slice(9, 12));
      const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (cl) {
        const total = end + 4 + Number(cl[1]);
        if (this.buf.length < total) return;
        const body = this.buf.subarray(end + 4, total);
        this.buf = this.buf.subarray(total);
        this.done(status, body);
        continue;
      }
      // chunked
      let pos = end + 4;
      const parts: Buffer[] = [];
      for (;;) {
        const lineEnd = this.buf.indexOf('\r\n', pos);
        if (lineEnd < 0) return;
        const size = parseInt(this.buf.subarray(pos, lineEnd).toString('latin1'), 16);
        if (this.buf.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          pos = lineEnd + 4;
          break;
        }
        parts.push(this.buf.subarray(lineEnd + 2, lineEnd + 2 + size));
        pos = lineEnd + 2 + size + 2;
      }
      this.buf = this.buf.subarray(pos);
      this.done(status, Buffer.concat(parts));
    }
  }
}

/** One request, its status and parsed body (checks a scenario answers what it should before it is timed). */
export async function once(o: Omit<LoadOptions, 'durationMs'>): Promise<{ status: number; body: GqlJson }> {
  const res = await fetch(`http://127.0.0.1:${o.port}${o.path ?? '/graphql'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(o.authorization ? { authorization: o.authorization } : {}) },
    body: JSON.stringify({ query: o.query, variables: o.variables ?? {} }),
  });
  return { status: res.status, body: await res.json() };
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const req = requestBytes(o);
  const connections = o.connections ?? 8;
  const latencies: number[] = [];
  let measuring = false;
  let stop = false;
  let errors = 0;
  let requests = 0;

  const sockets = await Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const s = net.connect(o.port, '127.0.0.1', () => resolve(s));
          s.setNoDelay(true);
          s.once('error', reject);
        }),
    ),
  );
  const finished = sockets.map(
    (s) =>
      new Promise<void>((resolve) => {
        let sent = 0;
        const send = () => {
          if (stop) return resolve();
          sent = performance.now();
          s.write(req);
        };
        const reader = new ResponseReader((status) => {
          if (measuring) {
            requests++;
            latencies.push(performance.now() - sent);
            if (status !== 200) errors++;
          }
          send();
        });
        s.on('data', (c: Buffer) => reader.push(c));
        s.on('error', () => resolve());
        s.on('close', () => resolve());
        send();
      }),
  );
  await new Promise((r) => setTimeout(r, o.warmupMs ?? 1_000));
  measuring = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, o.durationMs));
  measuring = false;
  const elapsed = performance.now() - start;
  stop = true;
  await Promise.race([Promise.all(finished), new Promise((r) => setTimeout(r, 5_000))]);
  for (const s of sockets) s.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { requests, rps: (requests / elapsed) * 1000, p50: q(0.5), p99: q(0.99), errors };
}

/** Interleaved rounds: each variant runs once per round, the median round is reported. */
export async function interleaved(
  rounds: number,
  variants: { name: string; run: () => Promise<LoadResult> }[],
): Promise<Map<string, LoadResult>> {
  const runs = new Map<string, LoadResult[]>();
  for (let r = 0; r < rounds; r++)
    for (const v of variants) {
      const res = await v.run();
      (runs.get(v.name) ?? runs.set(v.name, []).get(v.name)!).push(res);
    }
  const out = new Map<string, LoadResult>();
  for (const [name, rs] of runs) {
    const sorted = [...rs].sort((a, b) => a.rps - b.rps);
    out.set(name, sorted[Math.floor(sorted.length / 2)]);
  }
  return out;
}
