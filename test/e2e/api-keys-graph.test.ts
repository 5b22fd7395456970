// The survey organisation's API keys through the graph (county plan task 13): the justice bureau
// issues a key, shown once and stored hashed; lists keys without their hashes; revokes one, which
// ends the key's live subscription at once and leaves it refused with 401. Real HTTP and graphql-ws.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '@zhifa/core';

import { startTestServer, untilSubscribers, watchEvents, type GqlJson, type TestServer } from '@zhifa/testkit';

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');

const CREATE = `mutation($agencyId: ID!, $label: String!) {
  createApiKey(agencyId: $agencyId, label: $label) {
    __typename
    ... on MutationCreateApiKeySuccess { data { key apiKey { id label prefix revokedAt createdAt agency { name } } } }
    ... on Error { code message messageEn }
    ... on RuleViolation { rule }
    ... on ValidationError { issues { path messageEn } }
  }
}`;
const REVOKE = `mutation($id: ID!, $reason: String!) {
  revokeApiKey(id: $id, reason: $reason) {
    __typename
    ... on MutationRevokeApiKeySuccess { data { alreadyRevoked apiKey { id revokedAt } } }
    ... on Error { code message messageEn }
    ... on ValidationError { issues { path messageEn } }
  }
}`;
const LIST = `query($agencyId: ID, $revoked: Boolean) {
  apiKeys(first: 100, agencyId: $agencyId, revoked: $revoked) { totalCount edges { node { id label prefix revokedAt } } }
}`;

let s: TestServer;
let supervisor: string;
let admin: string;
let officeSupervisor: string;
let officer: string;
let org: number;
let otherOrg: number;
let agency: number;

async function post(authorization: string | undefined, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body: { data?: GqlJson; errors?: GqlJson[] } = await res.json();
  return { status: res.status, body };
}
const as = (token: string) => `Bearer ${token}`;
const counts = async () => ({
  keys: await s.db.prisma.apiKey.count(),
  events: await s.db.prisma.event.count({ where: { topic: { startsWith: 'apiKey.' } } }),
});

beforeAll(async () => {
  s = await startTestServer();
  const p = s.db.prisma;
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
  const office = await p.agency.create({ data: { name: '阜城司法所', kind: 'JUSTICE_OFFICE' } });
  agency = (await p.agency.create({ data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY' } })).id;
  org = (await p.agency.create({ data: { name: '江苏众信社会调查有限公司', kind: 'SURVEY_ORGANISATION' } })).id;
  otherOrg = (await p.agency.create({ data: { name: '南京民意调查中心', kind: 'SURVEY_ORGANISATION' } })).id;
  const person = async (agencyId: number, roles: ('SUPERVISOR' | 'SYSTEM_ADMIN' | 'OFFICER')[]) =>
    s.token(`person:${(await p.person.create({ data: { name: roles.join('+'), agencyId, roles } })).id}`);
  supervisor = await person(bureau.id, ['SUPERVISOR']);
  officeSupervisor = await person(office.id, ['SUPERVISOR']);
  admin = await person(county.id, ['SYSTEM_ADMIN']);
  officer = await person(agency, ['OFFICER']);
});
afterAll(() => s?.close());

describe('createApiKey', () => {
  it('returns the key once, stores only its hash, writes apiKey.created without the secret, and the key authenticates', async () => {
    const { body } = await post(as(supervisor), CREATE, {
      agencyId: gid('Agency', org),
      label: ' 2026年度满意度调查 ',
    });
    const r = body.data!.createApiKey;
    expect(r.__typename).toBe('MutationCreateApiKeySuccess');
    const { key, apiKey } = r.data;
    expect(key).toMatch(new RegExp(`^zfk_${apiKey.prefix}_`));
    expect(apiKey).toMatchObject({
      label: '2026年度满意度调查',
      revokedAt: null,
      agency: { name: '江苏众信社会调查有限公司' },
    });
    const row = await s.db.prisma.apiKey.findFirstOrThrow({ where: { prefix: apiKey.prefix } });
    expect(row.hash).toBe(hashApiKey(key));
    const created = await s.db.prisma.event.findMany({ where: { topic: 'apiKey.created' } });
    expect(created.at(-1)!.payload).toEqual({ apiKeyId: row.id, prefix: apiKey.prefix, label: '2026年度满意度调查' });
    expect(created.at(-1)!.actor).toMatch(/^person:/);
    const payloads = JSON.stringify(created.map((e) => e.payload));
    expect(payloads).not.toContain(key.split('_').slice(2).join('_'));
    expect(payloads).not.toContain(row.hash);
    const me = await post(`ApiKey ${key}`, '{ viewer { kind name } }');
    expect(me.body.data!.viewer).toEqual({ kind: 'surveyOrg', name: '江苏众信社会调查有限公司' });
    // Shown once: no field anywhere gives the key or the hash back.
    const listed = await post(as(supervisor), LIST, { agencyId: gid('Agency', org) });
    expect(JSON.stringify(listed.body)).not.toContain(key.split('_').slice(2).join('_'));
    expect(JSON.stringify(listed.body)).not.toContain(row.hash);
  });

  it('a system admin may; a 司法所 supervisor, an officer, a key and the public may not', async () => {
    const ok = await post(as(admin), CREATE, { agencyId: gid('Agency', otherOrg), label: '管理员签发' });
    expect(ok.body.data!.createApiKey.__typename).toBe('MutationCreateApiKeySuccess');
    const key = ok.body.data!.createApiKey.data.key as string;
    const before = await counts();
    for (const [auth, type] of [
      [as(officeSupervisor), 'ForbiddenError'],
      [as(officer), 'ForbiddenError'],
      [`ApiKey ${key}`, 'ForbiddenError'],
      [undefined, 'UnauthenticatedError'],
    ] as const) {
      const r = await post(auth, CREATE, { agencyId: gid('Agency', otherOrg), label: '越权' });
      expect(r.body.data!.createApiKey.__typename).toBe(type);
    }
    expect(await counts()).toEqual(before);
  });

  it('bad input is typed, bilingual, and writes nothing', async () => {
    const before = await counts();
    const call = async (agencyId: string, label: string) =>
      (await post(as(supervisor), CREATE, { agencyId, label })).body.data!.createApiKey;
    // API_KEY_SURVEY_ORGANISATION_ONLY (county plan task 13)
    const notSurvey = await call(gid('Agency', agency), '执法局');
    expect(notSurvey).toMatchObject({ __typename: 'RuleViolation', rule: 'API_KEY_SURVEY_ORGANISATION_ONLY' });
    expect(notSurvey.message).toContain('任务13');
    expect(notSurvey.messageEn).toContain('task 13');
    expect(await call(gid('Agency', 999_999), '无此单位')).toMatchObject({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
    });
    expect(await call(gid('Person', org), '不是单位')).toMatchObject({ __typename: 'ValidationError' });
    const empty = await call(gid('Agency', org), '   ');
    expect(empty.__typename).toBe('ValidationError');
    expect(empty.issues[0].path).toEqual(['label']);
    // 100 characters is the last allowed label; 101 the first refused.
    const long = await call(gid('Agency', org), '长'.repeat(101));
    expect(long.__typename).toBe('ValidationError');
    expect(long.issues[0]).toMatchObject({ path: ['label'], messageEn: expect.stringContaining('too long') });
    expect(await counts()).toEqual(before);
    const longest = await call(gid('Agency', org), '长'.repeat(100));
    expect(longest.__typename).toBe('MutationCreateApiKeySuccess');
  });
});

describe('apiKeys', () => {
  it('the justice bureau and system admins see every key, a key its own organisation’s, others none', async () => {
    const all = await s.db.prisma.apiKey.count();
    const mine = await s.db.prisma.apiKey.count({ where: { agencyId: org } });
    for (const token of [supervisor, admin])
      expect((await post(as(token), LIST)).body.data!.apiKeys.totalCount).toBe(all);
    const { body } = await post(as(admin), CREATE, { agencyId: gid('Agency', org), label: '机构自查' });
    const key = body.data!.createApiKey.data.key as string;
    const own = (await post(`ApiKey ${key}`, LIST)).body.data!.apiKeys;
    expect(own.totalCount).toBe(mine + 1);
    expect(
      (await post(`ApiKey ${key}`, LIST, { agencyId: gid('Agency', otherOrg) })).body.data!.apiKeys.totalCount,
    ).toBe(0);
    for (const token of [officeSupervisor, officer])
      expect((await post(as(token), LIST)).body.data!.apiKeys).toEqual({ totalCount: 0, edges: [] });
    expect((await post(undefined, LIST)).body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const page = await post(as(admin), '{ apiKeys(first: 101) { totalCount } }');
    expect(page.body.errors![0].extensions.code).toBeDefined();
  });

  it('filters by revoked', async () => {
    const made = await post(as(supervisor), CREATE, { agencyId: gid('Agency', org), label: '用后吊销' });
    const id = made.body.data!.createApiKey.data.apiKey.id as string;
    await post(as(supervisor), REVOKE, { id, reason: '筛选测试' });
    const revoked = await post(as(supervisor), LIST, { revoked: true });
    const working = await post(as(supervisor), LIST, { revoked: false });
    const all = await s.db.prisma.apiKey.count();
    expect(revoked.body.data!.apiKeys.totalCount + working.body.data!.apiKeys.totalCount).toBe(all);
    const revokedAt = (r: typeof revoked) =>
      r.body.data!.apiKeys.edges.map((e: { node: { revokedAt: string | null } }) => e.node.revokedAt);
    expect(revokedAt(revoked).length).toBeGreaterThan(0);
    expect(revokedAt(revoked)).not.toContain(null);
    expect(revokedAt(working).length).toBeGreaterThan(0);
    expect(new Set(revokedAt(working))).toEqual(new Set([null]));
  });
});

describe('revokeApiKey', () => {
  it('ends the key’s live subscription at once; the key then gets 401; a second revocation changes nothing', async () => {
    const { body } = await post(as(supervisor), CREATE, { agencyId: gid('Agency', org), label: '即将吊销' });
    const { key, apiKey } = body.data!.createApiKey.data;
    const sub = watchEvents(s.wsUrl, { authorization: `ApiKey ${key}`, topics: ['case.opened'] });
    await untilSubscribers(s.app.events, 1);

    const revoked = await post(as(supervisor), REVOKE, { id: apiKey.id, reason: '合同到期' });
    expect(revoked.body.data!.revokeApiKey).toMatchObject({
      __typename: 'MutationRevokeApiKeySuccess',
      data: { alreadyRevoked: false, apiKey: { id: apiKey.id, revokedAt: expect.any(String) } },
    });
    // No other event is needed: the revocation itself ends the subscription.
    const end = await sub.ended();
    expect(end.close).toMatchObject({ code: 4403, reason: expect.stringContaining('UNAUTHENTICATED') });
    await sub.close();

    const refused = await post(`ApiKey ${key}`, '{ viewer { kind } }');
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');

    const logged = await s.db.prisma.event.findMany({
      where: { topic: 'apiKey.revoked', payload: { path: ['prefix'], equals: apiKey.prefix } },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0].payload).toMatchObject({ prefix: apiKey.prefix, label: '即将吊销', reason: '合同到期' });
    expect(logged[0].actor).toMatch(/^person:/);

    const again = await post(as(admin), REVOKE, { id: apiKey.id, reason: '再次吊销' });
    expect(again.body.data!.revokeApiKey).toMatchObject({
      data: { alreadyRevoked: true, apiKey: { revokedAt: revoked.body.data!.revokeApiKey.data.apiKey.revokedAt } },
    });
    const events = await s.db.prisma.event.count({
      where: { topic: 'apiKey.revoked', payload: { path: ['prefix'], equals: apiKey.prefix } },
    });
    expect(events).toBe(1);
  });

  it('nobody else revokes, a key not even itself; bad input is typed and writes nothing', async () => {
    const { body } = await post(as(supervisor), CREATE, { agencyId: gid('Agency', org), label: '留用' });
    const { key, apiKey } = body.data!.createApiKey.data;
    const before = await counts();
    for (const [auth, type] of [
      [as(officeSupervisor), 'ForbiddenError'],
      [as(officer), 'ForbiddenError'],
      [`ApiKey ${key}`, 'ForbiddenError'],
      [undefined, 'UnauthenticatedError'],
    ] as const)
      expect((await post(auth, REVOKE, { id: apiKey.id, reason: '越权吊销' })).body.data!.revokeApiKey.__typename).toBe(
        type,
      );
    const unknown = await post(as(supervisor), REVOKE, { id: gid('ApiKey', 999_999), reason: '不存在' });
    expect(unknown.body.data!.revokeApiKey).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const wrongType = await post(as(supervisor), REVOKE, { id: gid('Agency', org), reason: '类型不对' });
    expect(wrongType.body.data!.revokeApiKey.__typename).toBe('ValidationError');
    const noReason = await post(as(supervisor), REVOKE, { id: apiKey.id, reason: ' ' });
    expect(noReason.body.data!.revokeApiKey.__typename).toBe('ValidationError');
    expect(noReason.body.data!.revokeApiKey.issues[0].path).toEqual(['reason']);
    expect(await counts()).toEqual(before);
    expect((await post(`ApiKey ${key}`, '{ viewer { kind } }')).status).toBe(200);
  });
});
