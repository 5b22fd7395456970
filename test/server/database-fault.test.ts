// A database outage is not a bad credential: while PostgreSQL cannot be reached, a graphql-ws
// connect is closed with 1013 (try again later, which graphql-ws clients retry) instead of 4403,
// and HTTP answers 503 with SERVICE_UNAVAILABLE; once the database is back, the same credential
// works. The server reaches PostgreSQL through a proxy the test cuts.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../packages/server/src/faults.js';
import { DEFAULT_LEASE_MS } from '../../packages/server/src/viewer-cache.js';
import { freshDatabaseTarget, startTestServer, type TestServer, startTcpProxy, type TcpProxy } from '@zhifa/testkit';

/** Connect and say hello: the ack, or the close code and reason. */
function connect(url: string, authorization: string): Promise<{ acked: true } | { code: number; reason: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    ws.on('message', (m) => {
      if (JSON.parse((m as Buffer).toString()).type === 'connection_ack') {
        ws.close();
        resolve({ acked: true });
      }
    });
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

describe('isDatabaseUnavailable', () => {
  it('recognises the shapes a lost database takes, and nothing else', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable({ name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } })).toBe(true);
    expect(isDatabaseUnavailable({ code: 'P1001', message: "Can't reach database server" })).toBe(true);
    expect(isDatabaseUnavailable({ message: 'x', cause: { originalCode: '57P01', kind: 'postgres' } })).toBe(true);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable({ code: 'P2002', message: 'Unique constraint failed' })).toBe(false);
    expect(isDatabaseUnavailable({ cause: { kind: 'postgres', originalCode: '23505' } })).toBe(false);
  });
});

describe.skipIf(!process.env.ZHIFA_TEST_DATABASE_URL)(
  'a database fault (PostgreSQL behind a proxy the test cuts)',
  () => {
    let proxy: TcpProxy;
    let s: TestServer;
    let drop: () => Promise<void>;
    let token: string;

    beforeAll(async () => {
      const fresh = await freshDatabaseTarget();
      drop = fresh.drop;
      if (fresh.target.kind !== 'postgres') throw new Error('PostgreSQL only');
      const real = new URL(fresh.target.url);
      proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
      // A slow sweep: the bus would otherwise log a failed poll twice a second while the database is away.
      s = await startTestServer({
        target: { ...fresh.target, url: proxy.via(fresh.target.url) },
        events: { sweepMs: 60_000 },
      });
      const bureau = await s.db.prisma.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
      token = s.token(
        `person:${(await s.db.prisma.person.create({ data: { name: '监督员', agencyId: bureau.id, roles: ['SUPERVISOR'] } })).id}`,
      );
    });
    afterAll(async () => {
      await proxy?.restore().catch(() => {});
      await s?.close();
      await proxy?.close();
      await drop?.();
    });

    it('closes a graphql-ws connect with 1013, answers HTTP with 503 SERVICE_UNAVAILABLE, and recovers', async () => {
      expect(await connect(s.wsUrl, `Bearer ${token}`)).toEqual({ acked: true });
      await proxy.cut();
      // The viewer cache answers only while its lease on the change log is fresh (viewer-cache.ts): once
      // the database has been away longer than the lease, identifying the caller needs the database.
      await new Promise((r) => setTimeout(r, DEFAULT_LEASE_MS + 300));

      const refused = await connect(s.wsUrl, `Bearer ${token}`);
      expect(refused).toMatchObject({ code: 1013, reason: expect.stringMatching(/^SERVICE_UNAVAILABLE /) });

      // Identifying the caller fails: 503 before anything runs.
      const res = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { kind } }' }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const body = await res.json();
      expect(body.errors[0].extensions).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        messageZh: expect.stringContaining('稍后重试'),
        messageEn: expect.stringContaining('retry later'),
      });

      // A public query fails while it runs: 503 as well, never a masked 500.
      const anon = await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ agencies(first: 1) { totalCount } }' }),
      });
      expect(anon.status).toBe(503);
      expect((await anon.json()).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');

      await proxy.restore();
      let back: Awaited<ReturnType<typeof connect>> = refused;
      for (let i = 0; i < 50 && !('acked' in back); i++) {
        await new Promise((r) => setTimeout(r, 100));
        back = await connect(s.wsUrl, `Bearer ${token}`);
      }
      expect(back).toEqual({ acked: true });
    });
  },
);
