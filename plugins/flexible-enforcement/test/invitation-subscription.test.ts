// invitationChanged over graphql-ws on a real server port: every step, live and in order, to the inviting
// enterprise, the invited agency's staff and supervisors; never to another enterprise or another agency (live or on
// replay); asking for someone else's is refused; `after` replays what was missed, then goes live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '@zhifa/core/rules';
import {
  createBaseWorld,
  createMatter,
  gid,
  sleep,
  startTestServer,
  untilSubscribers,
  validCertificate,
  type BaseWorld,
  type GqlJson,
  type TestServer,
  subscribeField,
} from '@zhifa/testkit';
import { flexibleEnforcementPlugin } from '../src/index.js';
import { dayFromToday } from './invitation-helpers.js';

let s: TestServer;
let w: BaseWorld;
let matter: string;
let officer2: string;
let other: { gid: string; token: string };
beforeAll(async () => {
  s = await startTestServer({ plugins: [flexibleEnforcementPlugin] });
  w = await createBaseWorld(s);
  const p = s.db.prisma;
  matter = gid('EnforcementMatter', (await createMatter(p)).id);
  const second = await p.person.create({
    data: { agencyId: w.agencyA.id, name: '王执法', roles: ['OFFICER'], ...validCertificate(`INV-SUB-${process.pid}`) },
  });
  officer2 = gid('Person', second.id);
  const e = await p.enterprise.create({
    data: {
      uscc: completeUscc('91320923MA1SUB0X'),
      name: '阜宁县另一食品有限公司',
      kind: 'COMPANY',
      legalRepresentative: '李某',
      address: '阜宁县',
      industry: '食品',
      scale: 'SMALL',
      employees: 8,
      creditRiskClass: 'A',
    },
  });
  other = { gid: gid('Enterprise', e.id), token: s.token(`enterprise:${e.id}`) };
});
afterAll(() => s?.close());

const subscribe = (variables: Record<string, unknown>, token?: string) =>
  subscribeField(s.wsUrl, SUB, variables, token);

const SUB = `subscription($a: ID, $e: ID, $after: String) { invitationChanged(agencyId: $a, enterpriseId: $e, after: $after) {
  cursor action status invitation { id enterprise { id } } } }`;

async function http(query: string, variables: Record<string, unknown>, token: string): Promise<GqlJson> {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  expect(body.errors).toBeUndefined();
  const r = Object.values(body.data as object)[0];
  expect(r.__typename, JSON.stringify(r)).toMatch(/Success$/);
  return r.data;
}

const REQUEST = `mutation($i: RequestInvitationInput!) { requestInvitation(input: $i) { __typename ... on MutationRequestInvitationSuccess { data { id } } } }`;
const SCHEDULE = `mutation($i: ID!, $at: DateTime!, $o: [ID!]!) { scheduleInvitation(invitationId: $i, scheduledFor: $at, officerIds: $o) {
  __typename ... on MutationScheduleInvitationSuccess { data { id } } } }`;
const WITHDRAW = `mutation($i: ID!) { withdrawInvitation(invitationId: $i) { __typename ... on MutationWithdrawInvitationSuccess { data { id } } } }`;

const input = (enterpriseId: string) => ({
  enterpriseId,
  agencyId: w.agencyA.gid,
  topics: '合规体检',
  matterIds: [matter],
  preferredFrom: dayFromToday(1),
  preferredTo: dayFromToday(5),
});

const steps = (xs: GqlJson[]) => xs.map((x) => [x.action, x.status]);

describe('invitationChanged', () => {
  it('each reader its own, live and in order; another enterprise and another agency nothing; someone else’s refused', async () => {
    const enterprise = subscribe({}, w.tokens.enterprise);
    const otherEnterprise = subscribe({}, other.token);
    const agency = subscribe({ a: w.agencyA.gid }, w.tokens.officerA);
    const otherAgency = subscribe({}, w.tokens.officerB);
    const supervisor = subscribe({}, w.tokens.supervisor);
    await untilSubscribers(s.app.events, 5);
    const refusedAgency = subscribe({ a: w.agencyA.gid }, w.tokens.officerB);
    const refusedEnterprise = subscribe({ e: w.enterprise.gid }, other.token);
    const publicCaller = subscribe({});

    const inv = await http(REQUEST, { i: input(w.enterprise.gid) }, w.tokens.enterprise);
    await http(
      SCHEDULE,
      { i: inv.id, at: new Date(Date.now() + 86_400_000).toISOString(), o: [w.people.officerA.gid, officer2] },
      w.tokens.officerA,
    );
    await http(WITHDRAW, { i: inv.id }, w.tokens.enterprise);
    const expected = [
      ['REQUESTED', 'REQUESTED'],
      ['SCHEDULED', 'SCHEDULED'],
      ['WITHDRAWN', 'WITHDRAWN'],
    ];
    expect(steps(await enterprise.until(3))).toEqual(expected);
    expect(steps(await agency.until(3))).toEqual(expected);
    expect(steps(await supervisor.until(3))).toEqual(expected);
    expect(
      enterprise.got.every((x) => x.invitation.id === inv.id && x.invitation.enterprise.id === w.enterprise.gid),
    ).toBe(true);

    // The other enterprise's own invitation reaches it, and not the first enterprise.
    const own = await http(REQUEST, { i: input(other.gid) }, other.token);
    expect((await otherEnterprise.until(1)).map((x) => x.invitation.id)).toEqual([own.id]);
    await supervisor.until(4);
    await sleep(300);
    expect(enterprise.got).toHaveLength(3);
    expect(otherEnterprise.got).toHaveLength(1);
    expect(otherAgency.got).toEqual([]);
    expect(otherAgency.errors).toEqual([]);
    for (const r of [refusedAgency, refusedEnterprise]) {
      expect(r.got).toEqual([]);
      expect(JSON.stringify(r.errors)).toContain('FORBIDDEN');
    }
    expect(JSON.stringify(publicCaller.errors)).toContain('UNAUTHENTICATED');
    await Promise.all(
      [
        enterprise,
        otherEnterprise,
        agency,
        otherAgency,
        supervisor,
        refusedAgency,
        refusedEnterprise,
        publicCaller,
      ].map(async (x) => x.client.dispose()),
    );
  });

  it('replays after a cursor, then goes live — only what the caller may see', async () => {
    const watch = subscribe({}, w.tokens.supervisor);
    await untilSubscribers(s.app.events, 1);
    const inv = await http(REQUEST, { i: input(w.enterprise.gid) }, w.tokens.enterprise);
    const [first] = await watch.until(1);
    await http(
      SCHEDULE,
      { i: inv.id, at: new Date(Date.now() + 86_400_000).toISOString(), o: [w.people.officerA.gid, officer2] },
      w.tokens.officerA,
    );
    await watch.until(2);
    await watch.client.dispose();

    // Reconnecting after the first: the schedule is replayed, the withdrawal arrives live.
    const resumed = subscribe({ after: first.cursor }, w.tokens.enterprise);
    expect(steps(await resumed.until(1))).toEqual([['SCHEDULED', 'SCHEDULED']]);
    // Another enterprise resuming from the same cursor replays nothing of it.
    const stranger = subscribe({ after: first.cursor }, other.token);
    await http(WITHDRAW, { i: inv.id }, w.tokens.enterprise);
    expect(steps(await resumed.until(2))).toEqual([
      ['SCHEDULED', 'SCHEDULED'],
      ['WITHDRAWN', 'WITHDRAWN'],
    ]);
    await sleep(300);
    expect(stranger.got).toEqual([]);
    expect(stranger.errors).toEqual([]);
    await Promise.all([resumed, stranger].map(async (x) => x.client.dispose()));
  });
});
