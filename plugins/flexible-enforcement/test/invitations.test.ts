// 邀约式执法服务 through the API: the whole path, each step's refusals (typed, bilingual, nothing written), each role
// doing only its own part, and what each reader sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, gid, rowCounts, type GqlJson } from '@zhifa/testkit';
import { completeUscc } from '@zhifa/core/rules';
import { createWorld, type World } from './fixtures.js';
import {
  close,
  dayFromToday,
  decline,
  invitationWorld,
  rate,
  request,
  requestInput,
  schedule,
  visit,
  visited,
  withdraw,
  type InvitationWorld,
} from './invitation-helpers.js';

let w: World;
let iw: InvitationWorld;
beforeAll(async () => {
  w = await createWorld();
  iw = await invitationWorld(w);
});
afterAll(() => w?.h.close());

const soon = () => new Date(Date.now() + 3600_000).toISOString();

/** Runs `fn` and expects it to have written nothing (no row in any table, no event). */
async function writesNothing<T>(fn: () => Promise<T>): Promise<T> {
  const before = await rowCounts(w.h.db.prisma);
  const r = await fn();
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r;
}

async function events(invitationGid: string) {
  const id = Number(Buffer.from(invitationGid, 'base64').toString().split(':')[1]);
  const rows = await w.h.db.prisma.event.findMany({
    where: { topic: 'flexibleEnforcement.invitationChanged' },
    orderBy: { id: 'asc' },
  });
  return rows
    .filter((e) => (e.payload as { invitationId: number }).invitationId === id)
    .map((e) => ({
      action: (e.payload as { action: string }).action,
      agencyId: e.agencyId,
      enterpriseId: e.enterpriseId,
    }));
}

describe('the whole path', () => {
  it('requested → scheduled → visited → closed → rated; every step an event to the agency and the enterprise', async () => {
    const inv = expectTyped(
      await request(w, requestInput(w, iw, { matterIds: [iw.matter.gid, iw.matter2.gid] })),
      'MutationRequestInvitationSuccess',
    );
    expect(inv).toMatchObject({ status: 'REQUESTED', respondedAt: null });
    const s = await schedule(w, inv.id, soon(), [w.people.officerA.gid, iw.officerA2.gid]);
    expect(s.status).toBe('SCHEDULED');
    expect(s.respondedAt).not.toBeNull();
    // Rescheduled: a new time, the first answer stays the first.
    const later = new Date(Date.now() + 2000).toISOString();
    const r = await schedule(w, inv.id, later, [iw.officerA2.gid, w.people.officerA.gid], w.tokens.adminA);
    expect(r).toMatchObject({ status: 'SCHEDULED', scheduledFor: later, respondedAt: s.respondedAt });
    const v = await visit(w, inv.id, new Date().toISOString());
    expect(v).toMatchObject({ status: 'VISITED', findings: '进货查验记录不全', advice: '建立进货查验台账' });
    const c = await close(w, inv.id);
    expect(c.status).toBe('CLOSED');
    const rated = await rate(w, inv.id, 5, w.tokens.enterprise, '服务很好');
    expect(rated).toMatchObject({ status: 'CLOSED', rating: 5, ratingComment: '服务很好' });
    const scope = { agencyId: w.agencyA.id, enterpriseId: w.enterprise.id };
    expect(await events(inv.id)).toEqual(
      ['REQUESTED', 'SCHEDULED', 'SCHEDULED', 'VISITED', 'CLOSED', 'RATED'].map((action) => ({ action, ...scope })),
    );
    const read = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on Invitation { status rating
        matters(first: 10) { totalCount edges { node { matter { code } } } }
        officers(first: 10) { totalCount edges { node { name certificateNumber } } } } } }`,
      { id: inv.id },
      w.tokens.enterprise,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.node.matters.edges.map((e: GqlJson) => e.node.matter.code)).toEqual([
      iw.matter.code,
      iw.matter2.code,
    ]);
    // The enterprise reads no person record, but the names and certificate numbers shown at the door.
    expect(read.data.node.officers.edges.map((e: GqlJson) => e.node.name).sort()).toEqual(['张执法', '王执法'].sort());
    expect(read.data.node.officers.edges.every((e: GqlJson) => e.node.certificateNumber)).toBe(true);
  });

  it('declined with a reason: answered, and nothing further but nothing', async () => {
    const inv = await request(w, requestInput(w, iw));
    const d = await decline(w, inv.id, '本月执法力量已排满，请下月再约');
    expect(d).toMatchObject({ status: 'DECLINED', declineReason: '本月执法力量已排满，请下月再约' });
    expect(d.respondedAt).not.toBeNull();
    for (const step of [
      () => schedule(w, inv.id, soon(), [w.people.officerA.gid, iw.officerA2.gid]),
      () => withdraw(w, inv.id),
      () => decline(w, inv.id, '再次婉拒'),
    ])
      expectTyped(await writesNothing(step), 'RuleViolation', {
        rule: 'FLEXIBLE_INVITATION_STATE',
        zh: '已婉拒',
        en: 'declined',
      });
    expectTyped(await writesNothing(() => rate(w, inv.id, 3)), 'RuleViolation', { rule: 'FLEXIBLE_INVITATION_RATING' });
  });

  it('the enterprise withdraws before the visit (requested or scheduled), not after', async () => {
    const a = await request(w, requestInput(w, iw));
    expect((await withdraw(w, a.id)).status).toBe('WITHDRAWN');
    const b = await request(w, requestInput(w, iw));
    await schedule(w, b.id, soon(), [w.people.officerA.gid, iw.officerA2.gid]);
    expect((await withdraw(w, b.id)).status).toBe('WITHDRAWN');
    expectTyped(await writesNothing(() => visit(w, b.id, new Date().toISOString())), 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_STATE',
    });
    const c = await visited(w, iw);
    expectTyped(await writesNothing(() => withdraw(w, c)), 'RuleViolation', { rule: 'FLEXIBLE_INVITATION_STATE' });
  });
});

describe('bad input: typed, bilingual, nothing written', () => {
  it('request: another enterprise, the window, the matters', async () => {
    const other = await w.h.db.prisma.enterprise.create({
      data: {
        name: '另一企业',
        kind: 'COMPANY',
        legalRepresentative: '某',
        industry: '餐饮',
        scale: 'MICRO',
        employees: 3,
        creditRiskClass: 'A',
        uscc: completeUscc('91320923MA1INV0X'),
        address: '阜宁县',
      },
    });
    expectTyped(
      await writesNothing(() => request(w, requestInput(w, iw, { enterpriseId: gid('Enterprise', other.id) }))),
      'ForbiddenError',
      { en: 'own enterprise' },
    );
    // An officer may not invite for an enterprise.
    expectTyped(await writesNothing(() => request(w, requestInput(w, iw), w.tokens.officerA)), 'ForbiddenError');
    const past = await writesNothing(() => request(w, requestInput(w, iw, { preferredFrom: dayFromToday(-1) })));
    expectTyped(past, 'ValidationError');
    expect(past.issues[0].path).toEqual(['preferredFrom']);
    // Today is the earliest start; a window of one day is fine.
    expect((await request(w, requestInput(w, iw, { preferredTo: dayFromToday(0) }))).status).toBe('REQUESTED');
    const backwards = await writesNothing(() =>
      request(w, requestInput(w, iw, { preferredFrom: dayFromToday(3), preferredTo: dayFromToday(2) })),
    );
    expect(backwards.issues[0].path).toEqual(['preferredTo']);
    expectTyped(await writesNothing(() => request(w, requestInput(w, iw, { matterIds: [] }))), 'ValidationError');
    const eleven = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        w.h.db.prisma.enforcementMatter.create({
          data: {
            code: `INV-11-${process.pid}-${i}`,
            name: `事项${i}`,
            domain: '市场监管',
            agencyKinds: ['ENFORCEMENT_AGENCY'],
            violatedProvision: '某条',
            penaltyProvision: '某条',
            penaltyKinds: ['WARNING'],
            limitationYears: 2,
            published: true,
          },
        }),
      ),
    );
    const ids = eleven.map((m) => gid('EnforcementMatter', m.id));
    expectTyped(await writesNothing(() => request(w, requestInput(w, iw, { matterIds: ids }))), 'ValidationError', {
      en: 'from 1 to 10',
    });
    expect((await request(w, requestInput(w, iw, { matterIds: ids.slice(0, 10) }))).status).toBe('REQUESTED');
    expectTyped(
      await writesNothing(() => request(w, requestInput(w, iw, { matterIds: [iw.matter.gid, iw.matterB.gid] }))),
      'RuleViolation',
      { rule: 'FLEXIBLE_INVITATION_MATTER', zh: iw.matterB.code },
    );
    expectTyped(
      await writesNothing(() => request(w, requestInput(w, iw, { matterIds: [iw.unpublished.gid] }))),
      'RuleViolation',
      { rule: 'FLEXIBLE_INVITATION_MATTER', en: 'not published' },
    );
  });

  it('schedule: two officers of the agency who may enforce, a time not in the past, the agency’s staff only', async () => {
    const inv = await request(w, requestInput(w, iw));
    const officers = (...ids: string[]) => writesNothing(() => schedule(w, inv.id, soon(), ids));
    expectTyped(await officers(w.people.officerA.gid), 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_OFFICERS',
      en: 'at least 2',
    });
    expectTyped(await officers(w.people.officerA.gid, w.people.officerB.gid), 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_OFFICERS',
      en: 'not of the invited agency',
    });
    expectTyped(await officers(w.people.officerA.gid, iw.expiredA.gid), 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_OFFICERS',
      zh: '已过期',
    });
    expectTyped(await officers(w.people.officerA.gid, w.people.auxiliaryA.gid), 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_OFFICERS',
    });
    const past = await writesNothing(() =>
      schedule(w, inv.id, new Date(Date.now() - 60_000).toISOString(), [w.people.officerA.gid, iw.officerA2.gid]),
    );
    expectTyped(past, 'ValidationError');
    expect(past.issues[0].path).toEqual(['scheduledFor']);
    // Another agency cannot see it; the enterprise and supervisors see it but do not schedule.
    const ok = [w.people.officerA.gid, iw.officerA2.gid];
    expectTyped(await writesNothing(() => schedule(w, inv.id, soon(), ok, w.tokens.officerB)), 'NotFoundError');
    expectTyped(await writesNothing(() => schedule(w, inv.id, soon(), ok, w.tokens.enterprise)), 'ForbiddenError');
    expectTyped(await writesNothing(() => schedule(w, inv.id, soon(), ok, w.tokens.supervisor)), 'ForbiddenError');
    expectTyped(await writesNothing(() => decline(w, inv.id, '理由', w.tokens.officerB)), 'NotFoundError');
    expectTyped(await writesNothing(() => withdraw(w, inv.id, w.tokens.officerA)), 'ForbiddenError');
  });

  it('visit: not on a day before the one scheduled, not in the future', async () => {
    const inv = await request(w, requestInput(w, iw, { preferredFrom: dayFromToday(2), preferredTo: dayFromToday(5) }));
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await schedule(w, inv.id, inTwoDays, [w.people.officerA.gid, iw.officerA2.gid]);
    expectTyped(await writesNothing(() => visit(w, inv.id, new Date().toISOString())), 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_VISIT_DATE',
      en: 'scheduled for',
    });
    expectTyped(await writesNothing(() => close(w, inv.id)), 'RuleViolation', { rule: 'FLEXIBLE_INVITATION_STATE' });
    const b = await request(w, requestInput(w, iw));
    await schedule(w, b.id, new Date(Date.now() + 1000).toISOString(), [w.people.officerA.gid, iw.officerA2.gid]);
    expectTyped(
      await writesNothing(() => visit(w, b.id, new Date(Date.now() + 3600_000).toISOString())),
      'RuleViolation',
      {
        rule: 'FLEXIBLE_INVITATION_VISIT_DATE',
        en: 'future',
      },
    );
  });

  it('rating: after the visit, once, 1 to 5; the enterprise only', async () => {
    const before = await request(w, requestInput(w, iw));
    expectTyped(await writesNothing(() => rate(w, before.id, 5)), 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_RATING',
      en: 'only after',
    });
    const id = await visited(w, iw);
    for (const bad of [0, 6])
      expectTyped(await writesNothing(() => rate(w, id, bad)), 'RuleViolation', {
        rule: 'FLEXIBLE_INVITATION_RATING',
        en: 'from 1 to 5',
      });
    expectTyped(await writesNothing(() => rate(w, id, 3, w.tokens.officerA)), 'ForbiddenError');
    expect((await rate(w, id, 1)).rating).toBe(1);
    expectTyped(await writesNothing(() => rate(w, id, 5)), 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_RATING',
      en: 'already rated',
    });
    const other = await visited(w, iw);
    expect((await rate(w, other, 5)).rating).toBe(5);
  });
});

describe('who reads what', () => {
  it('invitations: the enterprise its own, the agency its own, supervisors all; another agency refused', async () => {
    const q = `query($a: ID, $e: ID, $s: InvitationStatus) { invitations(agencyId: $a, enterpriseId: $e, status: $s, first: 100) {
      totalCount edges { node { id status enterprise { id } agency { id } } } } }`;
    const total = await w.h.db.prisma.invitation.count();
    const sup = await w.h.gql(q, {}, w.tokens.supervisor);
    expect(sup.data.invitations.totalCount).toBe(total);
    const ent = await w.h.gql(q, {}, w.tokens.enterprise);
    expect(ent.data.invitations.totalCount).toBe(
      await w.h.db.prisma.invitation.count({ where: { enterpriseId: w.enterprise.id } }),
    );
    const closed = await w.h.gql(q, { s: 'CLOSED' }, w.tokens.officerA);
    expect(closed.data.invitations.edges.every((e: GqlJson) => e.node.status === 'CLOSED')).toBe(true);
    expect(closed.data.invitations.totalCount).toBeGreaterThan(0);
    const b = await w.h.gql(q, {}, w.tokens.officerB);
    expect(b.data.invitations.totalCount).toBe(0);
    const refused = await w.h.gql(q, { a: w.agencyA.gid }, w.tokens.officerB);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const pub = await w.h.gql(q, {});
    expect(pub.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const nested = await w.h.gql(
      `query($e: ID!, $a: ID!) { e: node(id: $e) { ... on Enterprise { invitations(first: 100) { totalCount } } }
        a: node(id: $a) { ... on Agency { invitations(first: 100) { totalCount } } } }`,
      { e: w.enterprise.gid, a: w.agencyA.gid },
      w.tokens.officerB,
    );
    expect(nested.data.e.invitations.totalCount).toBe(0);
    expect(nested.data.a.invitations.totalCount).toBe(0);
  });

  it('from / to: the request’s Asia/Shanghai day, inclusive', async () => {
    const q = `query($f: Date, $t: Date) { invitations(from: $f, to: $t, first: 1) { totalCount } }`;
    const all = await w.h.db.prisma.invitation.count();
    expect(
      (await w.h.gql(q, { f: dayFromToday(0), t: dayFromToday(0) }, w.tokens.supervisor)).data.invitations.totalCount,
    ).toBe(all);
    expect((await w.h.gql(q, { f: dayFromToday(1) }, w.tokens.supervisor)).data.invitations.totalCount).toBe(0);
    expect((await w.h.gql(q, { t: dayFromToday(-1) }, w.tokens.supervisor)).data.invitations.totalCount).toBe(0);
  });
});
