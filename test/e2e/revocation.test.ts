// A live subscription does not keep the access its caller had when it started: a removed role, a
// revoked API key or an expired token ends it before the next event the caller may no longer
// read. Real server, real graphql-ws clients.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newApiKey, revokeApiKey } from '@zhifa/core';
import { signToken } from '@zhifa/server';
import {
  startTestServer,
  type TestServer,
  emitPlugin,
  sleep,
  untilSubscribers,
  watchEvents,
  TEST_SECRET,
} from '@zhifa/testkit';

const EMIT = `mutation($topic: String!, $agencyId: Int, $public: Boolean, $n: Int) {
  testEmitEvent(topic: $topic, agencyId: $agencyId, public: $public, n: $n)
}`;
const UPDATE_PERSON = `mutation($id: ID!, $input: UpdatePersonInput!) {
  updatePerson(id: $id, input: $input) { __typename ... on Error { message } }
}`;

interface World {
  s: TestServer;
  admin: string;
  bureau: number;
  agencyB: number;
  org: number;
}

/** A county, its justice bureau, two enforcement agencies, a survey organisation and a system admin. */
async function world(s: TestServer): Promise<World> {
  const p = s.db.prisma;
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
  const agencyB = await p.agency.create({ data: { name: '阜宁县生态环境局', kind: 'ENFORCEMENT_AGENCY' } });
  const org = await p.agency.create({ data: { name: '江苏众信社会调查有限公司', kind: 'SURVEY_ORGANISATION' } });
  const admin = await p.person.create({ data: { name: '系统管理员', agencyId: county.id, roles: ['SYSTEM_ADMIN'] } });
  return { s, admin: s.token(`person:${admin.id}`), bureau: bureau.id, agencyB: agencyB.id, org: org.id };
}

async function gql(w: World, query: string, variables: Record<string, unknown>, token = w.admin) {
  const res = await fetch(w.s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

async function emit(w: World, vars: { topic: string; agencyId?: number; public?: boolean; n: number }) {
  const body = await gql(w, EMIT, vars);
  expect(body.errors).toBeUndefined();
}

const personId = (id: number) => Buffer.from(`Person:${id}`).toString('base64');

describe('a live subscription re-checks its caller', () => {
  let w: World;
  beforeAll(async () => {
    w = await world(await startTestServer({ plugins: [emitPlugin] }));
  });
  afterAll(() => w?.s.close());
  beforeEach(() => untilSubscribers(w.s.app.events, 0));

  it('a supervisor whose role is removed gets FORBIDDEN instead of the next event of another agency', async () => {
    const sup = await w.s.db.prisma.person.create({
      data: { name: '监督员甲', agencyId: w.bureau, roles: ['SUPERVISOR'] },
    });
    const token = w.s.token(`person:${sup.id}`);
    const sub = watchEvents(w.s.wsUrl, { token, topics: ['demote.test'] });
    await untilSubscribers(w.s.app.events, 1);
    await emit(w, { topic: 'demote.test', agencyId: w.agencyB, n: 1 });
    await sub.waitFor(1);

    const demoted = await gql(w, UPDATE_PERSON, {
      id: personId(sup.id),
      input: { name: sup.name, roles: ['AUXILIARY'], reason: '调离监督岗位' },
    });
    expect(demoted.data.updatePerson.__typename).toBe('MutationUpdatePersonSuccess');
    // Over HTTP the other agency's event is out of sight at once (roles are read per request)…
    const log = await gql(w, '{ events(topics: ["demote.test"]) { events { payload } } }', {}, token);
    expect(log.data.events.events).toEqual([]);
    // …and the open subscription ends before the next non-public event of another agency.
    await emit(w, { topic: 'demote.test', agencyId: w.agencyB, n: 2 });
    const end = await sub.ended();
    expect(sub.ns()).toEqual([1]);
    expect(end.completed).toBe(true);
    expect(end.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      messageZh: expect.stringContaining('权限已变更'),
      messageEn: expect.stringContaining('access changed'),
    });
    expect(end.close?.code).not.toBe(4403); // the credential is still good: only the subscription ends
    await sleep(300);
    expect(sub.ns()).toEqual([1]);
    await sub.close();
  });

  it('a supervisor whose role is removed through changePersonRoles (person.rolesChanged) loses the subscription too', async () => {
    const sup = await w.s.db.prisma.person.create({
      data: { name: '监督员己', agencyId: w.bureau, roles: ['SUPERVISOR'] },
    });
    const token = w.s.token(`person:${sup.id}`);
    // A topic of its own: the test before may still have an event settling on 'demote.test' (an event is read once every
    // older transaction in the cluster has ended), which this subscriber, starting at the settled head, would receive.
    const sub = watchEvents(w.s.wsUrl, { token, topics: ['demote.roles'] });
    await untilSubscribers(w.s.app.events, 1);
    await emit(w, { topic: 'demote.roles', agencyId: w.agencyB, n: 1 });
    await sub.waitFor(1);
    const demoted = await gql(
      w,
      `mutation($id: ID!) { changePersonRoles(personId: $id, roles: [AUXILIARY], reason: "调离监督岗位") { __typename } }`,
      { id: personId(sup.id) },
    );
    expect(demoted.data.changePersonRoles.__typename).toBe('MutationChangePersonRolesSuccess');
    await emit(w, { topic: 'demote.roles', agencyId: w.agencyB, n: 2 });
    const end = await sub.ended();
    expect(sub.ns()).toEqual([1]);
    expect(end.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    await sub.close();
  });

  it('a supervisor whose agency kind changes (no longer the justice bureau) loses the subscription too', async () => {
    const office = await w.s.db.prisma.agency.create({ data: { name: '阜宁县某某司法所', kind: 'JUSTICE_OFFICE' } });
    const sup = await w.s.db.prisma.person.create({
      data: { name: '监督员乙', agencyId: office.id, roles: ['SUPERVISOR'] },
    });
    const sub = watchEvents(w.s.wsUrl, { token: w.s.token(`person:${sup.id}`), topics: ['kind.test'] });
    await untilSubscribers(w.s.app.events, 1);
    const moved = await gql(
      w,
      `mutation($id: ID!) { updateAgency(id: $id, input: { name: "阜宁县某某镇", kind: TOWNSHIP }) { __typename ... on Error { message } } }`,
      { id: Buffer.from(`Agency:${office.id}`).toString('base64') },
    );
    expect(moved.data.updateAgency.__typename).toBe('MutationUpdateAgencySuccess');
    await emit(w, { topic: 'kind.test', agencyId: w.agencyB, n: 1 });
    const end = await sub.ended();
    expect(sub.ns()).toEqual([]);
    expect(end.errors[0].extensions.code).toBe('FORBIDDEN');
    await sub.close();
  });

  it('a revoked API key closes the connection with 4403 before the next event of its agency', async () => {
    const k = newApiKey();
    const key = await w.s.db.prisma.apiKey.create({
      data: { agencyId: w.org, label: 'revocation test', prefix: k.prefix, hash: k.hash },
    });
    const sub = watchEvents(w.s.wsUrl, { authorization: `ApiKey ${k.key}`, topics: ['key.test'] });
    await untilSubscribers(w.s.app.events, 1);
    await emit(w, { topic: 'key.test', agencyId: w.org, n: 1 });
    await sub.waitFor(1);

    const revoked = await revokeApiKey(w.s.db.prisma, String(key.id), { events: w.s.app.events });
    expect(revoked).toMatchObject({ id: key.id, already: false });
    await emit(w, { topic: 'key.test', agencyId: w.org, n: 2 });
    const end = await sub.ended();
    expect(end.close).toMatchObject({ code: 4403, reason: expect.stringContaining('UNAUTHENTICATED') });
    expect(sub.ns()).toEqual([1]);
    // The revocation is in the event log, like every write.
    const logged = await w.s.db.prisma.event.findMany({ where: { topic: 'apiKey.revoked' } });
    expect(logged.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ apiKeyId: key.id, prefix: k.prefix }),
    );
    expect((await revokeApiKey(w.s.db.prisma, k.prefix)).already).toBe(true);
  });

  it('an expired token closes the connection with 4403', async () => {
    const sup = await w.s.db.prisma.person.create({
      data: { name: '监督员丙', agencyId: w.bureau, roles: ['SUPERVISOR'] },
    });
    const shortLived = signToken(TEST_SECRET, `person:${sup.id}`, 2);
    const sub = watchEvents(w.s.wsUrl, { token: shortLived, topics: ['exp.test'] });
    await untilSubscribers(w.s.app.events, 1);
    await emit(w, { topic: 'exp.test', agencyId: w.agencyB, n: 1 });
    await sub.waitFor(1);
    const end = await sub.ended(5_000);
    expect(end.close).toMatchObject({ code: 4403, reason: expect.stringContaining('expired') });
    expect(sub.ns()).toEqual([1]);
  });

  it('a caller whose access holds keeps its subscription through changes to itself', async () => {
    const sup = await w.s.db.prisma.person.create({
      data: { name: '监督员丁', agencyId: w.bureau, roles: ['SUPERVISOR'] },
    });
    const sub = watchEvents(w.s.wsUrl, { token: w.s.token(`person:${sup.id}`), topics: ['keep.test'] });
    await untilSubscribers(w.s.app.events, 1);
    const renamed = await gql(w, UPDATE_PERSON, {
      id: personId(sup.id),
      input: { name: '监督员丁（更名）', roles: ['SUPERVISOR'] },
    });
    expect(renamed.data.updatePerson.__typename).toBe('MutationUpdatePersonSuccess');
    await emit(w, { topic: 'keep.test', agencyId: w.agencyB, n: 1 });
    await sub.waitFor(1);
    expect(sub.ns()).toEqual([1]);
    await sub.close();
  });
});

describe('a change made outside the unit of work (no event)', () => {
  let w: World;
  beforeAll(async () => {
    // Re-check before every delivery: the only way to notice a change nothing announced.
    w = await world(await startTestServer({ plugins: [emitPlugin], subscriptionRecheckMs: 0 }));
  });
  afterAll(() => w?.s.close());

  it('is noticed at the next delivery once the recheck interval has passed', async () => {
    const sup = await w.s.db.prisma.person.create({
      data: { name: '监督员戊', agencyId: w.bureau, roles: ['SUPERVISOR'] },
    });
    const sub = watchEvents(w.s.wsUrl, { token: w.s.token(`person:${sup.id}`), topics: ['quiet.test'] });
    await untilSubscribers(w.s.app.events, 1);
    await emit(w, { topic: 'quiet.test', agencyId: w.agencyB, n: 1 });
    await sub.waitFor(1);
    await w.s.db.prisma.person.update({ where: { id: sup.id }, data: { roles: ['AUXILIARY'] } });
    await emit(w, { topic: 'quiet.test', agencyId: w.agencyB, n: 2 });
    const end = await sub.ended();
    expect(end.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(sub.ns()).toEqual([1]);
    await sub.close();
  });
});

describe('an expired token', () => {
  let w: World;
  // The WebSocket deadline timers (packages/server/src/ws-deadlines.ts: the sweep that closes a
  // connection at its credential's expiry, and keep-alive) are started through this wrapper, so the
  // test can hold them: the socket then stays open past the expiry, and what is (not) delivered is seen
  // while it is still open, not after the close that would hide any delivery anyway. Only those: the
  // event bus's own sweep must keep running, or an event held back by another transaction still in
  // flight on a shared PostgreSQL server would never be handed out (seen in CI).
  let held = false;
  let deadlineTimers = 0;
  beforeAll(async () => {
    const real = globalThis.setInterval;
    globalThis.setInterval = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const deadlineTimer = new Error().stack?.includes('ws-deadlines') ?? false;
      if (deadlineTimer) deadlineTimers++;
      return real(() => {
        if (!held || !deadlineTimer) fn(...args);
      }, ms);
    }) as typeof setInterval;
    try {
      w = await world(await startTestServer({ plugins: [emitPlugin] }));
    } finally {
      globalThis.setInterval = real;
    }
    // The sweep and keep-alive were both started through the wrapper, so holding them holds the close.
    expect(deadlineTimers).toBe(2);
  });
  afterAll(() => {
    held = false;
    return w?.s.close();
  });

  it('delivers nothing after the expiry while the socket is still open: the subscription ends instead', async () => {
    const sup = await w.s.db.prisma.person.create({
      data: { name: '监督员丙', agencyId: w.bureau, roles: ['SUPERVISOR'] },
    });
    const shortLived = signToken(TEST_SECRET, `person:${sup.id}`, 2);
    const expiresAt =
      (JSON.parse(Buffer.from(shortLived.split('.')[1], 'base64url').toString()) as { exp: number }).exp * 1000;
    const sub = watchEvents(w.s.wsUrl, { token: shortLived, topics: ['exp.test'] });
    await untilSubscribers(w.s.app.events, 1);
    await emit(w, { topic: 'exp.test', agencyId: w.agencyB, n: 1 });
    await sub.waitFor(1);

    held = true; // no sweep: the connection outlives its credential
    await sleep(Math.max(0, expiresAt - Date.now()) + 50);
    expect(Date.now()).toBeGreaterThan(expiresAt);
    expect(w.s.app.ws.connections).toBe(1);
    await emit(w, { topic: 'exp.test', agencyId: w.agencyB, n: 2 });
    // Instead of event 2, the subscription ends on the still open socket.
    const end = await sub.ended(5_000);
    // Not closed by the server (that would hide a delivery): only the lazy client closes its own
    // socket (1000) once its last subscription has ended.
    expect(end.close === null || end.close.code === 1000, JSON.stringify(end.close)).toBe(true);
    expect(end.errors[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(sub.ns()).toEqual([1]);
    held = false;
  });
});
