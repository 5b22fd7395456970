// Security headers on every response, and GraphiQL served from this server alone: the page names
// no other origin and runs no inline script; its files come from /graphiql/. The browser proof
// (offline, every other host blocked) is test/e2e/graphiql.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CSP, createApp, GRAPHIQL_CSP, openDatabase, type App, type Database } from '@zhifa/server';
import { freshDatabaseTarget, startTestServer, TEST_SECRET, type TestServer } from '@zhifa/testkit';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const base = () => `http://127.0.0.1:${s.port}`;

function expectSecurityHeaders(res: Response, csp = API_CSP) {
  expect(res.headers.get('content-security-policy')).toBe(csp);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
}

describe('security headers', () => {
  it('are on API responses: GraphQL results, errors, health, readiness, 404 and 413', async () => {
    const statuses: number[] = [];
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    for (const res of [
      await post(JSON.stringify({ query: '{ viewer { kind } }' })),
      await post('{ not json'),
      await post(JSON.stringify({ query: '{ viewer { kind } }' }), { authorization: 'Bearer forged' }),
      await fetch(`${base()}/health`),
      await fetch(`${base()}/ready`),
      await fetch(`${base()}/nothing-here`),
      await fetch(`${base()}/graphiql/nothing-here.js`),
      // Chunked: no declared size, refused with 413 before yoga sees it.
      await fetch(s.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Blob(['{}']).stream(),
        duplex: 'half',
      } as RequestInit),
    ]) {
      expectSecurityHeaders(res);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 400, 401, 200, 200, 404, 404, 413]);
  });

  it('the GraphiQL page allows this origin only, with no inline script and no other origin named', async () => {
    const res = await fetch(s.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, GRAPHIQL_CSP);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\/|\/\/[a-z]/i);
    // Every <script> either has a same-origin src or is inert JSON.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(2);
    for (const [, attrs, body] of scripts)
      expect(attrs.includes('src="/graphiql/') || (attrs.includes('type="application/json"') && body.length > 0)).toBe(
        true,
      );
    expect(GRAPHIQL_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(GRAPHIQL_CSP).not.toMatch(/https?:|\*/);
    // Subscriptions over WebSocket, as before.
    expect(html).toContain('"subscriptionsProtocol":"WS"');
  });

  it('serves the bundle, its workers and icon from /graphiql/, revalidated by ETag', async () => {
    for (const [file, type] of [
      ['graphiql.js', 'text/javascript'],
      ['graphiql.css', 'text/css'],
      ['editor.worker.js', 'text/javascript'],
      ['json.worker.js', 'text/javascript'],
      ['graphql.worker.js', 'text/javascript'],
      ['favicon.ico', 'image/'],
    ]) {
      const res = await fetch(`${base()}/graphiql/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expectSecurityHeaders(res);
      const etag = res.headers.get('etag')!;
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
      const again = await fetch(`${base()}/graphiql/${file}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
  });
});

describe('in production', () => {
  let app: App;
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabaseTarget();
    drop = fresh.drop;
    db = await openDatabase(fresh.target);
    app = await createApp({ db, plugins: [], jwtSecret: TEST_SECRET, production: true });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await drop?.();
  });

  it('GraphiQL and its files are off unless enabled; API responses keep their headers', async () => {
    const page = await app.yoga.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
    expectSecurityHeaders(page);
    const asset = await app.yoga.fetch('http://test/graphiql/graphiql.js');
    expect(asset.status).toBe(404);
    expectSecurityHeaders(asset);
  });
});
