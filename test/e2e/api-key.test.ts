// The survey organisation's API key over real HTTP and WebSocket: it identifies the organisation,
// reaches only what that role may, and stops working when revoked.
import WebSocket from 'ws';
import { newApiKey } from '@zhifa/core';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer, type GqlJson } from '@zhifa/testkit';
import { DEFAULT_LEASE_MS } from '../../packages/server/src/viewer-cache.js';

let s: TestServer;
let key: string;
let keyId: number;
let orgId: number;

const post = (query: string, authorization?: string) =>
  fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });

beforeAll(async () => {
  s = await startTestServer();
  const org = await s.db.prisma.agency.create({
    data: { name: '江苏众信社会调查有限公司', kind: 'SURVEY_ORGANISATION' },
  });
  orgId = org.id;
  const k = newApiKey();
  key = k.key;
  keyId = (
    await s.db.prisma.apiKey.create({ data: { agencyId: org.id, label: 'test', prefix: k.prefix, hash: k.hash } })
  ).id;
});
afterAll(() => s?.close());

describe('survey organisation API key', () => {
  it('identifies the organisation over HTTP, with either scheme', async () => {
    for (const auth of [`ApiKey ${key}`, `Bearer ${key}`]) {
      const res = await (await post('{ viewer { kind name agency { name } } }', auth)).json();
      expect(res.data.viewer).toEqual({
        kind: 'surveyOrg',
        name: '江苏众信社会调查有限公司',
        agency: { name: '江苏众信社会调查有限公司' },
      });
    }
  });

  it('does not open cases or people', async () => {
    const res = await (await post('{ cases(first: 1) { totalCount } }', `ApiKey ${key}`)).json();
    expect(res.errors[0].extensions.code).toBe('FORBIDDEN');
    const people = await (await post('{ people(first: 1) { totalCount } }', `ApiKey ${key}`)).json();
    expect(people.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('works as graphql-ws connectionParams', async () => {
    const client = createClient({
      url: s.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `ApiKey ${key}` },
      retryAttempts: 0,
    });
    const result = await new Promise<GqlJson>((resolve, reject) =>
      client.subscribe({ query: '{ viewer { kind } }' }, { next: resolve, error: reject, complete: () => {} }),
    );
    expect(result.data.viewer.kind).toBe('surveyOrg');
    await client.dispose();
  });

  it('a wrong or revoked key is refused with 401, never treated as public', async () => {
    const wrong = await post('{ viewer { kind } }', `ApiKey ${key.slice(0, -2)}xx`);
    expect(wrong.status).toBe(401);
    await s.db.prisma.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    // Written straight to the database, not through the app's revocation (which waits it out): on
    // PostgreSQL the viewer caches drop the key within their lease (viewer-cache.ts).
    await new Promise((r) => setTimeout(r, DEFAULT_LEASE_MS + 100));
    const revoked = await post('{ viewer { kind } }', `ApiKey ${key}`);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).errors[0].message).toMatch(/令牌无效.*invalid credentials/);
    expect(orgId).toBeGreaterThan(0);
  });
});
