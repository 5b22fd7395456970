// Visits 扫码入企, findings and ratings through yoga.fetch: the code read from `viewer` and checked at the door
// (forged, expired at its second, another enterprise's), the officers (行政处罚法 第42条), the filing (its state,
// scheme and window), a visit without a filing, the finding once (a rectification's date, a case through core that
// links back), the rating once by the enterprise visited — read by supervisors and the enterprise, never by the
// agency (node, nested field, events). Every refusal typed, bilingual and writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, gid, rowCounts, untilEventsSettled, type GqlJson } from '@zhifa/testkit';
import { inspectionsSettings } from '../src/settings.js';
import {
  CODE,
  codeOf,
  createVisitWorld,
  FINDING,
  fileOk,
  hours,
  RATE,
  VISIT,
  visitOk,
  type VisitWorld,
} from './visit-helpers.js';

/** The default code TTL (settings.ts), the tests' world runs on. */
const TTL = inspectionsSettings.parse({}).data!.codeTtlMinutes;

let w: VisitWorld;
beforeAll(async () => {
  w = await createVisitWorld();
});
afterAll(() => w?.h.close());

const TABLES = ['InspectionVisit', 'InspectionVisitItem', 'InspectionVisitOfficer', 'InspectionFiling', 'Event'];
const officers = () => [w.people.officerA.gid, w.officerA2.gid];

async function refusedVisit(vars: Record<string, unknown>, typename: string, rule?: string, token = w.tokens.officerA) {
  const before = await rowCounts(w.h.db.prisma, TABLES);
  const r = await w.h.gql(VISIT, { o: officers(), ...vars }, token);
  expect(r.errors).toBeUndefined();
  const e = expectTyped(r.data.recordInspectionVisit, typename, rule ? { rule } : {});
  expect(await rowCounts(w.h.db.prisma, TABLES)).toEqual(before);
  return e;
}

describe('viewer.inspectionCode', () => {
  it('the enterprise reads its code, valid for the TTL; anyone else reads null', async () => {
    const r = await w.h.gql(CODE, {}, w.tokens.enterprise);
    const ttl = TTL;
    expect(r.data.viewer.inspectionCode).toMatchObject({ keyId: 'dev' });
    expect(new Date(r.data.viewer.inspectionCode.expiresAt).getTime()).toBe(
      Math.floor((w.clock.now.getTime() + ttl * 60_000) / 1000) * 1000,
    );
    for (const t of [w.tokens.officerA, w.tokens.supervisor, undefined])
      expect((await w.h.gql(CODE, {}, t)).data.viewer.inspectionCode).toBeNull();
  });
});

describe('recordInspectionVisit', () => {
  it('records a filed visit: the filing is visited, the items carry the visit’s agency, enterprise and time', async () => {
    const f = await fileOk(w);
    const v = await visitOk(w, { code: await codeOf(w, w.tokens.enterprise), f: f.id });
    expect(v).toMatchObject({ filed: true, filing: { id: f.id, status: 'VISITED' }, jointInspectionId: null });
    expect(v.items).toEqual([
      { itemId: w.itemA.gid, name: '营业执照公示情况检查', basis: '《市场主体登记管理条例》第三十六条' },
    ]);
    const row = await w.h.db.prisma.inspectionVisit.findFirstOrThrow({
      orderBy: { id: 'desc' },
      include: { items: true },
    });
    expect(row.items).toEqual([
      {
        visitId: row.id,
        itemId: w.itemA.id,
        agencyId: w.agencyA.id,
        enterpriseId: w.enterprise.id,
        visitedAt: row.visitedAt,
      },
    ]);
    expect(row.codeKeyId).toBe('dev');
    const ev = await w.h.db.prisma.event.findFirstOrThrow({
      where: { topic: 'inspections.visitRecorded' },
      orderBy: { id: 'desc' },
    });
    expect(ev).toMatchObject({ agencyId: w.agencyA.id, enterpriseId: w.enterprise.id });
    // Visited once: the filing is no basis for a second visit.
    await refusedVisit(
      { code: await codeOf(w, w.tokens.enterprise), f: f.id },
      'RuleViolation',
      'INSPECTION_FILING_STATE',
    );
  });

  it('a forged, expired or another enterprise’s code is refused and nothing is written', async () => {
    const f = await fileOk(w);
    const code = await codeOf(w, w.tokens.enterprise);
    const parts = code.split('.');
    const forged = [...parts.slice(0, 4), parts[4].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))].join('.');
    await refusedVisit({ code: forged, f: f.id }, 'RuleViolation', 'INSPECTION_CODE_FORGED');
    await refusedVisit({ code: 'not a code', f: f.id }, 'RuleViolation', 'INSPECTION_CODE_FORGED');
    await refusedVisit(
      { code: `zic1.dev.${w.enterprise.id}.9999999999.${'A'.repeat(43)}`, f: f.id },
      'RuleViolation',
      'INSPECTION_CODE_FORGED',
    );
    await refusedVisit(
      { code: await codeOf(w, w.enterprise2Token), f: f.id },
      'RuleViolation',
      'INSPECTION_CODE_OTHER_ENTERPRISE',
    );
    // Expiry at its second: the second before is valid, the expiry second is not.
    const ttl = TTL;
    const expires = Number(parts[3]) * 1000;
    const start = w.clock.now;
    try {
      w.clock.now = new Date(expires);
      await refusedVisit({ code, f: f.id }, 'RuleViolation', 'INSPECTION_CODE_EXPIRED');
      w.clock.now = new Date(expires - 1000);
      await visitOk(w, { code, f: f.id, at: new Date(expires - ttl * 60_000 + 1000).toISOString() });
    } finally {
      w.clock.now = start;
    }
  });

  it('a visit on a filing that joined a joint inspection carries the joint inspection', async () => {
    const joint = await w.h.db.prisma.jointInspection.create({
      data: {
        enterpriseId: w.enterprise.id,
        leadAgencyId: w.agencyB.id,
        windowFrom: hours(-2, w.clock.now),
        windowTo: hours(24, w.clock.now),
        createdBy: 'system:test',
        createdAt: w.clock.now,
      },
    });
    const f = await fileOk(w, { jointInspectionId: gid('JointInspection', joint.id) });
    const v = await visitOk(w, { code: await codeOf(w, w.tokens.enterprise), f: f.id });
    expect(v.jointInspectionId).toBe(gid('JointInspection', joint.id));
  });

  it('two officers of the agency who may enforce: one, an auxiliary or another agency’s refused', async () => {
    const f = await fileOk(w);
    const code = await codeOf(w, w.tokens.enterprise);
    await refusedVisit({ code, f: f.id, o: [w.people.officerA.gid] }, 'RuleViolation', 'INSPECTION_OFFICERS');
    await refusedVisit(
      { code, f: f.id, o: [w.people.officerA.gid, w.people.auxiliaryA.gid] },
      'RuleViolation',
      'INSPECTION_OFFICERS',
    );
    await refusedVisit(
      { code, f: f.id, o: [w.people.officerA.gid, w.people.officerB.gid] },
      'RuleViolation',
      'INSPECTION_OFFICERS',
    );
  });

  it('the filing: another agency’s unknown, its scheme no longer approved refused, its window by Shanghai days', async () => {
    const code = await codeOf(w, w.tokens.enterprise);
    const f = await fileOk(w);
    await refusedVisit(
      { code, f: f.id, o: [w.people.officerB.gid, w.officerB2.gid] },
      'NotFoundError',
      undefined,
      w.tokens.officerB,
    );
    const p = w.h.db.prisma;
    await p.inspectionScheme.update({ where: { id: w.schemeA.id }, data: { status: 'REFUSED' } });
    try {
      await refusedVisit({ code, f: f.id }, 'RuleViolation', 'INSPECTION_SCHEME_NOT_APPROVED');
    } finally {
      await p.inspectionScheme.update({ where: { id: w.schemeA.id }, data: { status: 'APPROVED' } });
    }
    // A window opening tomorrow (Shanghai): a visit today is outside it.
    const tomorrow = hours(30, w.clock.now);
    const later = await fileOk(w, {
      plannedFrom: tomorrow.toISOString(),
      plannedTo: hours(48, tomorrow).toISOString(),
    });
    const row = await p.inspectionFiling.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const dayStart = (d: Date) =>
      new Date(Math.floor((d.getTime() + 8 * 3600_000) / 86_400_000) * 86_400_000 - 8 * 3600_000);
    // Move the window so that it opens at the start of the next Shanghai day.
    await p.inspectionFiling.update({
      where: { id: row.id },
      data: { plannedFrom: new Date(dayStart(w.clock.now).getTime() + 86_400_000) },
    });
    await refusedVisit({ code, f: later.id }, 'RuleViolation', 'INSPECTION_VISIT_OUTSIDE_WINDOW');
    // Opening at the last millisecond of today is within it.
    await p.inspectionFiling.update({
      where: { id: row.id },
      data: { plannedFrom: new Date(dayStart(w.clock.now).getTime() + 86_400_000 - 1) },
    });
    await visitOk(w, { code, f: later.id });
  });

  it('a visit time in the future or before the code’s validity is refused', async () => {
    const f = await fileOk(w);
    const code = await codeOf(w, w.tokens.enterprise);
    await refusedVisit(
      { code, f: f.id, at: hours(0.1, w.clock.now).toISOString() },
      'RuleViolation',
      'INSPECTION_VISIT_TIME',
    );
    await refusedVisit(
      { code, f: f.id, at: hours(-1.1, w.clock.now).toISOString() },
      'RuleViolation',
      'INSPECTION_VISIT_TIME',
    );
  });

  it('without a filing: recorded with its items (required), flagged unfiled; the enterprise sees who came and why', async () => {
    const code = await codeOf(w, w.enterprise2Token);
    await refusedVisit({ code }, 'ValidationError');
    await refusedVisit({ code, i: [w.itemB.gid] }, 'RuleViolation', 'INSPECTION_ITEMS');
    const v = await visitOk(w, { code, i: [w.itemA.gid] });
    expect(v).toMatchObject({ filed: false, filing: null });
    const Q = `query($id: ID!) { node(id: $id) { ... on InspectionVisit { enterprise { id } filed
      officers { name certificateNumber person { id } } items { name basis } } } }`;
    const seen = await w.h.gql(Q, { id: v.id }, w.enterprise2Token);
    expect(seen.data.node.enterprise.id).toBe(w.enterprise2.gid);
    expect(seen.data.node.officers.map((o: GqlJson) => [o.name, o.certificateNumber !== null, o.person])).toEqual(
      expect.arrayContaining([[w.people.officerA.name, true, null]]),
    );
    expect(seen.data.node.items).toEqual([
      { name: '营业执照公示情况检查', basis: '《市场主体登记管理条例》第三十六条' },
    ]);
    expect((await w.h.gql(Q, { id: v.id }, w.tokens.enterprise)).data.node).toBeNull();
    expect((await w.h.gql(Q, { id: v.id }, w.tokens.officerB)).data.node).toBeNull();
  });

  it('another agency’s officer without a filing records for their own agency only; the enterprise and supervisors may not record', async () => {
    const code = await codeOf(w, w.tokens.enterprise);
    await refusedVisit({ code, i: [w.itemA.gid] }, 'ForbiddenError', undefined, w.tokens.supervisor);
    await refusedVisit({ code, i: [w.itemA.gid] }, 'ForbiddenError', undefined, w.tokens.enterprise);
    await refusedVisit(
      { code, i: [w.itemA.gid], o: [w.people.officerB.gid, w.officerB2.gid] },
      'RuleViolation',
      'INSPECTION_ITEMS',
      w.tokens.officerB,
    );
  });
});

async function visitNow(code?: string) {
  const f = await fileOk(w);
  return visitOk(w, { code: code ?? (await codeOf(w, w.tokens.enterprise)), f: f.id });
}

describe('recordInspectionFinding', () => {
  it('compliant, once', async () => {
    const v = await visitNow();
    const r = await w.h.gql(FINDING, { v: v.id, f: 'COMPLIANT', n: '未发现问题' }, w.tokens.officerA);
    expect(r.data.recordInspectionFinding.data).toMatchObject({ finding: 'COMPLIANT', case: null });
    const again = await w.h.gql(FINDING, { v: v.id, f: 'COMPLIANT' }, w.tokens.officerA);
    expectTyped(again.data.recordInspectionFinding, 'RuleViolation', { rule: 'INSPECTION_FINDING_RECORDED' });
    const other = await w.h.gql(FINDING, { v: v.id, f: 'COMPLIANT' }, w.tokens.officerB);
    expectTyped(other.data.recordInspectionFinding, 'NotFoundError');
  });

  it('a rectification names its date, not before the visit’s day', async () => {
    const v = await visitNow();
    const day = (offset: number) =>
      new Date(
        Math.floor((new Date(v.visitedAt).getTime() + 8 * 3600_000) / 86_400_000) * 86_400_000 + offset * 86_400_000,
      )
        .toISOString()
        .slice(0, 10);
    for (const d of [undefined, day(-1)]) {
      const r = await w.h.gql(FINDING, { v: v.id, f: 'RECTIFICATION_ORDERED', d }, w.tokens.officerA);
      expectTyped(r.data.recordInspectionFinding, 'RuleViolation', { rule: 'INSPECTION_RECTIFICATION_DATE' });
    }
    const ok = await w.h.gql(
      FINDING,
      { v: v.id, f: 'RECTIFICATION_ORDERED', d: day(0), n: '责令当日整改' },
      w.tokens.officerA,
    );
    expect(ok.data.recordInspectionFinding.data).toMatchObject({
      finding: 'RECTIFICATION_ORDERED',
      rectificationDueOn: day(0),
    });
  });

  it('a case is opened through core on a matter of the visit’s items and links back; another matter refused', async () => {
    const v = await visitNow();
    const today = new Date(Math.floor((w.clock.now.getTime() + 8 * 3600_000) / 86_400_000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const c = (matterId: string) => ({
      agencyId: w.agencyA.gid,
      matterId,
      enterpriseId: w.enterprise.gid,
      violationOn: today,
    });
    const before = await rowCounts(w.h.db.prisma, ['EnforcementCase']);
    const wrong = await w.h.gql(FINDING, { v: v.id, f: 'CASE_OPENED', c: c(w.matterB.gid) }, w.tokens.officerA);
    expectTyped(wrong.data.recordInspectionFinding, 'RuleViolation', { rule: 'INSPECTION_FINDING_CASE' });
    const missing = await w.h.gql(FINDING, { v: v.id, f: 'CASE_OPENED' }, w.tokens.officerA);
    expectTyped(missing.data.recordInspectionFinding, 'ValidationError');
    expect(await rowCounts(w.h.db.prisma, ['EnforcementCase'])).toEqual(before);
    const ok = await w.h.gql(FINDING, { v: v.id, f: 'CASE_OPENED', c: c(w.matterA.gid) }, w.tokens.officerA);
    const data = ok.data.recordInspectionFinding.data;
    expect(data).toMatchObject({ finding: 'CASE_OPENED', case: { enterprise: { id: w.enterprise.gid } } });
    const row = await w.h.db.prisma.enforcementCase.findUniqueOrThrow({
      where: { id: Number(Buffer.from(data.case.id, 'base64').toString().split(':')[1]) },
      include: { inspectionVisit: true },
    });
    expect(row.inspectionVisit?.id).toBe(Number(Buffer.from(v.id, 'base64').toString().split(':')[1]));
    const again = await w.h.gql(FINDING, { v: v.id, f: 'CASE_OPENED', c: c(w.matterA.gid) }, w.tokens.officerA);
    expectTyped(again.data.recordInspectionFinding, 'RuleViolation', { rule: 'INSPECTION_FINDING_RECORDED' });
    expect(await rowCounts(w.h.db.prisma, ['EnforcementCase'])).toEqual({
      EnforcementCase: before.EnforcementCase + 1,
    });
  });
});

describe('rateInspectionVisit', () => {
  it('the enterprise visited rates once; a second, another enterprise’s or an unknown visit refused', async () => {
    const v = await visitNow();
    const counts = () => rowCounts(w.h.db.prisma, ['InspectionRating', 'Event']);
    let before = await counts();
    const stranger = await w.h.gql(RATE, { v: v.id, s: 1 }, w.enterprise2Token);
    expectTyped(stranger.data.rateInspectionVisit, 'NotFoundError');
    const unknown = await w.h.gql(RATE, { v: gid('InspectionVisit', 2_000_000), s: 1 }, w.tokens.enterprise);
    expectTyped(unknown.data.rateInspectionVisit, 'NotFoundError');
    for (const s of [0, 6]) {
      const bad = await w.h.gql(RATE, { v: v.id, s }, w.tokens.enterprise);
      expectTyped(bad.data.rateInspectionVisit, 'ValidationError');
    }
    const agency = await w.h.gql(RATE, { v: v.id, s: 5 }, w.tokens.officerA);
    expectTyped(agency.data.rateInspectionVisit, 'ForbiddenError');
    expect(await counts()).toEqual(before);
    const ok = await w.h.gql(RATE, { v: v.id, s: 5, c: '检查规范，亮证说明来意' }, w.tokens.enterprise);
    expect(ok.data.rateInspectionVisit.data).toMatchObject({ score: 5, visit: { id: v.id } });
    before = await counts();
    const twice = await w.h.gql(RATE, { v: v.id, s: 1 }, w.tokens.enterprise);
    expectTyped(twice.data.rateInspectionVisit, 'RuleViolation', { rule: 'INSPECTION_RATING_TWICE' });
    expect(await counts()).toEqual(before);
  });

  it('the rating reaches supervisors and the enterprise, never the agency: node, nested field, events', async () => {
    const v = await visitNow();
    const ok = await w.h.gql(RATE, { v: v.id, s: 1, c: '态度生硬' }, w.tokens.enterprise);
    const ratingId = ok.data.rateInspectionVisit.data.id as string;
    // Events are read in commit order once older transactions ended (on a shared PostgreSQL server, other files' too).
    await untilEventsSettled(w.h, w.tokens.supervisor);
    const NESTED = `query($id: ID!) { node(id: $id) { ... on InspectionVisit { id rating { score comment } } } }`;
    const NODE = `query($id: ID!) { node(id: $id) { ... on InspectionRating { score } } }`;
    const EVENTS = `{ events(topics: ["inspections.visitRated"], first: 100) { events { payload } } }`;
    const rated = (r: GqlJson) =>
      (r.data.events.events as GqlJson[]).filter(
        (e) => e.payload.visitId === Number(Buffer.from(v.id, 'base64').toString().split(':')[1]),
      );
    for (const t of [w.tokens.supervisor, w.tokens.enterprise]) {
      expect((await w.h.gql(NESTED, { id: v.id }, t)).data.node.rating).toEqual({ score: 1, comment: '态度生硬' });
      expect((await w.h.gql(NODE, { id: ratingId }, t)).data.node).toEqual({ score: 1 });
      expect(rated(await w.h.gql(EVENTS, {}, t))).toHaveLength(1);
    }
    for (const t of [w.tokens.officerA, w.officerA2.token, w.headA.token, w.tokens.adminA]) {
      const nested = await w.h.gql(NESTED, { id: v.id }, t);
      expect(nested.data.node).toEqual({ id: v.id, rating: null });
      expect((await w.h.gql(NODE, { id: ratingId }, t)).data.node).toBeNull();
      expect(rated(await w.h.gql(EVENTS, {}, t))).toEqual([]);
    }
  });
});
