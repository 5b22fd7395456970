// 行政强制措施 through GraphQL: record (awaiting approval, or in force at once in an emergency),
// the agency head's approval, one extension of at most 30 days, release, the close guard, the
// overdue flag, list and sweep, and the officers loaded without N+1. Cases are written straight
// to the database (directCase).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SETTINGS, CaseGuards, PluginSettings, unitOfWork } from '@zhifa/core';
import { notifyOverdueMeasuresInTx } from '@zhifa/core/cases';
import { shanghaiToday, startOfShanghaiDay } from '@zhifa/core/time';
import { MEASURE_SWEEP_VIEWER } from '@zhifa/server';
import { countStatements, createHarness, ERR, gid, idOf, rowCounts, testSettings, type Harness } from '@zhifa/testkit';
import {
  ADVANCE,
  directCase,
  expectError,
  MEASURE,
  measureInput,
  seedCounty,
  taking,
  todayDate,
  type County,
} from './case-fixtures.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let h: Harness;
let c: County;
let settings: PluginSettings;
let head: string;
let envHead: string;
/** The harness's clock: the real time unless a test pins it (and unpins it after). */
let pinned: number | null = null;
const now = () => new Date(pinned ?? Date.now());

beforeAll(async () => {
  settings = testSettings();
  h = await createHarness({ settings, clock: now });
  c = await seedCounty(h);
  const p = h.db.prisma;
  head = h.token(
    `person:${(await p.person.create({ data: { agencyId: c.market.id, name: '市场局局长', roles: ['AGENCY_HEAD'] } })).id}`,
  );
  envHead = h.token(
    `person:${(await p.person.create({ data: { agencyId: c.env.id, name: '环保局局长', roles: ['AGENCY_HEAD'] } })).id}`,
  );
});
afterAll(() => h?.close());

const FIELDS = `id status emergency takenAt dueOn isOverdue approvalLapsed approvedAt approvedBy extendedDays extensionReason releasedOn
  releaseReason releasedBy noticeDocumentNumber noticeServedOn onSiteRecord { record partySignature partyRefusalNote witness }
  officers { name } case { number }`;
const ON_SITE = `mutation($m: ID!, $input: CompulsoryMeasureTakingInput!) { recordCompulsoryMeasureOnSite(measureId: $m, input: $input)
  { ${ERR} ... on MutationRecordCompulsoryMeasureOnSiteSuccess { data { ${FIELDS} } } } }`;
const APPROVE = `mutation($m: ID!, $approve: Boolean!, $reason: String) { approveCompulsoryMeasure(measureId: $m, approve: $approve, reason: $reason)
  { ${ERR} ... on MutationApproveCompulsoryMeasureSuccess { data { ${FIELDS} } } } }`;
const EXTEND = `mutation($m: ID!, $days: Int!, $reason: String!) { extendCompulsoryMeasure(measureId: $m, days: $days, reason: $reason) { ${ERR} ...
  on MutationExtendCompulsoryMeasureSuccess { data { ${FIELDS} } } } }`;
const RELEASE = `mutation($m: ID!, $on: Date!, $reason: String!) { releaseCompulsoryMeasure(measureId: $m, on: $on, reason: $reason) { ${ERR} ... on
  MutationReleaseCompulsoryMeasureSuccess { data { ${FIELDS} } } } }`;
const MEASURE_FULL = `mutation($caseId: ID!, $input: CompulsoryMeasureInput!) { recordCompulsoryMeasure(caseId: $caseId, input: $input) { ${ERR} ...
  on MutationRecordCompulsoryMeasureSuccess { data { ${FIELDS} } } } }`;
const LIST = `query($a: ID, $status: CompulsoryMeasureStatus, $overdue: Boolean) {
  compulsoryMeasures(agencyId: $a, status: $status, overdue: $overdue, first: 100) { totalCount edges { node { id status isOverdue } } }
}`;

const day = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
const topicsOf = async (caseId: number) =>
  (await h.db.prisma.event.findMany({ where: { caseId }, orderBy: { id: 'asc' } })).map((e) => e.topic);

async function investigating() {
  return directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'INVESTIGATING');
}

async function record(caseId: number, over: Record<string, unknown> = {}, token = c.tokens.o1) {
  const res = await h.gql(
    MEASURE_FULL,
    { caseId: gid('EnforcementCase', caseId), input: measureInput([c.people.o1.id, c.people.o2.id], over) },
    token,
  );
  return res.data.recordCompulsoryMeasure;
}

async function emergency(caseId: number, takenAt = new Date(now().getTime() - HOUR)) {
  const r = await record(caseId, {
    emergency: true,
    takenAt: takenAt.toISOString(),
    ...taking(day(shanghaiToday(takenAt))),
  });
  expect(r.data, JSON.stringify(r)).toBeTruthy();
  return r.data;
}

describe('the lifecycle of a measure taken with prior approval (第18条)', () => {
  it('requested → approved by the head → extended once → released; the case closes only then', async () => {
    const k = await investigating();
    const caseId = gid('EnforcementCase', k.id);
    const requested = await record(k.id);
    expect(requested.data).toMatchObject({
      status: 'REQUESTED',
      emergency: false,
      takenAt: null,
      dueOn: null,
      isOverdue: false,
      approvedAt: null,
    });
    expect(requested.data.officers.map((o: { name: string }) => o.name)).toEqual(['张执法', '李执法']);
    const m = requested.data.id;

    // Officers do not approve; the head of another agency neither, and is not told the measure exists.
    expectError(
      (await h.gql(APPROVE, { m, approve: true }, c.tokens.o1)).data.approveCompulsoryMeasure,
      'ForbiddenError',
      { zh: '负责人', en: 'head' },
    );
    expectError((await h.gql(APPROVE, { m, approve: true }, envHead)).data.approveCompulsoryMeasure, 'NotFoundError', {
      en: 'Compulsory measure not found',
    });
    expectError((await h.gql(APPROVE, { m, approve: true })).data.approveCompulsoryMeasure, 'UnauthenticatedError');

    const approved = (await h.gql(APPROVE, { m, approve: true }, head)).data.approveCompulsoryMeasure.data;
    const today = shanghaiToday(now());
    expect(approved).toMatchObject({ status: 'IN_FORCE', dueOn: day(plusDays(today, 30)), isOverdue: false });
    expect(approved.takenAt).toBe(approved.approvedAt);
    expectError((await h.gql(APPROVE, { m, approve: true }, head)).data.approveCompulsoryMeasure, 'RuleViolation', {
      rule: 'MEASURE_NOT_PENDING_APPROVAL',
    });

    // Extension: the head's, at most 30 days (31 refused), once.
    expectError(
      (await h.gql(EXTEND, { m, days: 10, reason: '案情复杂' }, c.tokens.o1)).data.extendCompulsoryMeasure,
      'ForbiddenError',
    );
    expectError(
      (await h.gql(EXTEND, { m, days: 31, reason: '案情复杂' }, head)).data.extendCompulsoryMeasure,
      'RuleViolation',
      {
        rule: 'MEASURE_EXTENSION_TOO_LONG',
        zh: '行政强制法第25条',
        en: 'art. 25',
      },
    );
    expectError(
      (await h.gql(EXTEND, { m, days: 0, reason: '案情复杂' }, head)).data.extendCompulsoryMeasure,
      'ValidationError',
    );
    const extended = (await h.gql(EXTEND, { m, days: 30, reason: '案情复杂，需检验鉴定' }, head)).data
      .extendCompulsoryMeasure.data;
    expect(extended).toMatchObject({
      extendedDays: 30,
      extensionReason: '案情复杂，需检验鉴定',
      dueOn: day(plusDays(today, 60)),
    });
    expectError(
      (await h.gql(EXTEND, { m, days: 1, reason: '再延长' }, head)).data.extendCompulsoryMeasure,
      'RuleViolation',
      {
        rule: 'MEASURE_EXTENDED_ONCE',
        zh: '只能延长一次',
      },
    );

    // Decided without penalty: the case still cannot close while the measure is in force.
    await h.db.prisma.enforcementCase.update({
      where: { id: k.id },
      data: { stage: 'DECIDED', decision: 'NO_PENALTY', decidedAt: now() },
    });
    expectError((await h.gql(ADVANCE, { caseId, to: 'CLOSED' }, c.tokens.o1)).data.advanceCase, 'RuleViolation', {
      rule: 'CASE_MEASURE_IN_FORCE',
      zh: '行政强制法第28条',
      en: 'art. 28',
    });

    // Release: the case's officers, not the head, dated on or after the day taken and not later than today.
    const on = day(today);
    expectError(
      (await h.gql(RELEASE, { m, on, reason: '已检验完毕' }, head)).data.releaseCompulsoryMeasure,
      'ForbiddenError',
    );
    expectError(
      (await h.gql(RELEASE, { m, on: day(plusDays(today, 1)), reason: '已检验完毕' }, c.tokens.o1)).data
        .releaseCompulsoryMeasure,
      'ValidationError',
      {
        en: 'future',
      },
    );
    expectError(
      (await h.gql(RELEASE, { m, on: day(plusDays(today, -1)), reason: '已检验完毕' }, c.tokens.o1)).data
        .releaseCompulsoryMeasure,
      'ValidationError',
      {
        en: 'before the day',
      },
    );
    const released = (
      await h.gql(RELEASE, { m, on, reason: '已检验完毕，不再需要' }, h.token(`person:${c.people.o2.id}`))
    ).data.releaseCompulsoryMeasure.data;
    expect(released).toMatchObject({
      status: 'RELEASED',
      releasedOn: on,
      releaseReason: '已检验完毕，不再需要',
      isOverdue: false,
    });
    expectError(
      (await h.gql(RELEASE, { m, on, reason: '再解除' }, c.tokens.o1)).data.releaseCompulsoryMeasure,
      'RuleViolation',
      { rule: 'MEASURE_NOT_IN_FORCE' },
    );

    expect((await h.gql(ADVANCE, { caseId, to: 'CLOSED' }, c.tokens.o1)).data.advanceCase.data.stage).toBe('CLOSED');
    expect(await topicsOf(k.id)).toEqual([
      'case.compulsoryMeasureRecorded',
      'compulsoryMeasure.approved',
      'compulsoryMeasure.extended',
      'compulsoryMeasure.released',
      'case.advanced',
    ]);
    const events = await h.db.prisma.event.findMany({
      where: { caseId: k.id, topic: { startsWith: 'compulsoryMeasure.' } },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.agencyId, e.enterpriseId])).toEqual(Array(3).fill([c.market.id, c.shop.id]));
    expect(events[1].payload).toMatchObject({ measureId: idOf(m), days: 30, dueOn: day(plusDays(today, 60)) });
  });

  it('a request still awaiting approval also keeps the case open; refused, it never takes effect', async () => {
    const k = await investigating();
    const caseId = gid('EnforcementCase', k.id);
    const m = (await record(k.id)).data.id;
    await h.db.prisma.enforcementCase.update({
      where: { id: k.id },
      data: { stage: 'DECIDED', decision: 'NO_PENALTY', decidedAt: now() },
    });
    expectError((await h.gql(ADVANCE, { caseId, to: 'CLOSED' }, c.tokens.o1)).data.advanceCase, 'RuleViolation', {
      rule: 'CASE_MEASURE_IN_FORCE',
      zh: '1 项待批准',
    });
    // After the decision a request can no longer be approved (taking it would be after the decision)…
    expectError((await h.gql(APPROVE, { m, approve: true }, head)).data.approveCompulsoryMeasure, 'RuleViolation', {
      rule: 'CASE_MEASURE_AFTER_DECISION',
    });
    // …but it can be refused, with a reason.
    expectError((await h.gql(APPROVE, { m, approve: false }, head)).data.approveCompulsoryMeasure, 'ValidationError', {
      en: 'reason',
    });
    const refused = (await h.gql(APPROVE, { m, approve: false, reason: '情节显著轻微，可不采取（第16条第2款）' }, head))
      .data.approveCompulsoryMeasure.data;
    expect(refused).toMatchObject({
      status: 'REFUSED',
      takenAt: null,
      dueOn: null,
      approvedAt: null,
      releaseReason: '情节显著轻微，可不采取（第16条第2款）',
    });
    expect((await h.gql(ADVANCE, { caseId, to: 'CLOSED' }, c.tokens.o1)).data.advanceCase.data.stage).toBe('CLOSED');
  });
});

describe('emergency measures (第19条)', () => {
  it('reported 24 hours after being taken is on time; 24 hours and 1 ms is late, writing nothing', async () => {
    const k = await investigating();
    const t = Date.now();
    pinned = t;
    try {
      const input = (takenAt: number) => ({
        emergency: true,
        takenAt: new Date(takenAt).toISOString(),
        ...taking(day(shanghaiToday(new Date(takenAt)))),
      });
      const late = await record(k.id, input(t - DAY - 1));
      expectError(late, 'RuleViolation', {
        rule: 'MEASURE_EMERGENCY_REPORT_LATE',
        zh: '行政强制法第19条',
        en: 'art. 19',
      });
      expect(await h.db.prisma.compulsoryMeasure.count({ where: { caseId: k.id } })).toBe(0);
      const onTime = await record(k.id, input(t - DAY));
      expect(onTime.data).toMatchObject({
        status: 'IN_FORCE',
        emergency: true,
        approvedAt: null,
        takenAt: new Date(t - DAY).toISOString(),
      });
      expect(onTime.data.dueOn).toBe(day(plusDays(shanghaiToday(new Date(t - DAY)), 30)));
    } finally {
      pinned = null;
    }
  });

  it('is in force at once; extension waits for approval; the head refusing it releases it at once', async () => {
    const k = await investigating();
    const taken = await emergency(k.id);
    expect(taken.status).toBe('IN_FORCE');
    expectError(
      (await h.gql(EXTEND, { m: taken.id, days: 5, reason: '需检验' }, head)).data.extendCompulsoryMeasure,
      'RuleViolation',
      { rule: 'MEASURE_NOT_APPROVED' },
    );
    const refused = (await h.gql(APPROVE, { m: taken.id, approve: false, reason: '不符合采取条件' }, head)).data
      .approveCompulsoryMeasure.data;
    expect(refused).toMatchObject({
      status: 'RELEASED',
      releasedOn: todayDate(now()),
      releaseReason: '不符合采取条件',
    });
    expect(refused.takenAt).toBe(taken.takenAt);

    const second = await emergency(k.id);
    const approved = (await h.gql(APPROVE, { m: second.id, approve: true }, head)).data.approveCompulsoryMeasure.data;
    // Approval afterwards keeps the time taken and the term.
    expect(approved).toMatchObject({ status: 'IN_FORCE', takenAt: second.takenAt, dueOn: second.dueOn });
    expect(approved.approvedAt).not.toBeNull();
  });

  it('says when it was taken; a request does not; nothing in the future', async () => {
    const k = await investigating();
    expectError(await record(k.id, { emergency: true }), 'ValidationError', { en: 'time it was taken' });
    expectError(await record(k.id, { takenAt: now().toISOString() }), 'ValidationError', { en: 'leave takenAt empty' });
    expectError(
      await record(k.id, { emergency: true, takenAt: new Date(now().getTime() + 60_000).toISOString() }),
      'ValidationError',
      { en: 'future' },
    );
    const takenAt = new Date(now().getTime() - HOUR).toISOString();
    expectError(
      await record(k.id, { emergency: true, takenAt, ...taking(day(plusDays(shanghaiToday(now()), 1))) }),
      'ValidationError',
      { en: 'served in the future' },
    );
    expectError(
      await record(k.id, { emergency: true, takenAt, ...taking(day(plusDays(shanghaiToday(new Date(takenAt)), -1))) }),
      'ValidationError',
      { en: 'before the day the measure was taken' },
    );
    expect(await h.db.prisma.compulsoryMeasure.count({ where: { caseId: k.id } })).toBe(0);
  });
});

describe('taking it: the decision served on the spot and the 现场笔录 (第18条第(七)–(九)项, 第24条)', () => {
  it('a request carries no notice yet (writing nothing if it does); the approved measure is taken and recorded once', async () => {
    const k = await investigating();
    const before = await rowCounts(h.db.prisma);
    for (const early of [
      taking(),
      { noticeDocumentNumber: '阜市监封〔2025〕早1号' },
      { noticeServedOn: todayDate(now()) },
      { onSiteRecord: taking().onSiteRecord },
    ])
      expectError(await record(k.id, early), 'RuleViolation', {
        rule: 'MEASURE_NOTICE_BEFORE_APPROVAL',
        zh: '行政强制法第18条、第24条',
        en: 'arts. 18 and 24',
      });
    expect(await rowCounts(h.db.prisma)).toEqual(before);

    const requested = (await record(k.id)).data;
    expect(requested).toMatchObject({
      status: 'REQUESTED',
      noticeDocumentNumber: null,
      noticeServedOn: null,
      onSiteRecord: null,
    });
    const m = requested.id;
    const onSite = async (input: Record<string, unknown>, token = c.tokens.o1) =>
      (await h.gql(ON_SITE, { m, input }, token)).data.recordCompulsoryMeasureOnSite;
    // Not before it is approved and taken.
    expectError(await onSite(taking()), 'RuleViolation', { rule: 'MEASURE_NOT_IN_FORCE', zh: '行政强制法第18条' });
    const approved = (await h.gql(APPROVE, { m, approve: true }, head)).data.approveCompulsoryMeasure.data;
    expect(approved).toMatchObject({ status: 'IN_FORCE', noticeServedOn: null, onSiteRecord: null });

    // 第(九)项: an absent party's place is taken by a witness; 第(八)项: a refusal to sign is noted.
    expectError(await onSite(taking(todayDate(now()), { partySignature: 'ABSENT' })), 'RuleViolation', {
      rule: 'MEASURE_ON_SITE_RECORD_INCOMPLETE',
      zh: '第18条第(九)项',
      en: 'art. 18(9)',
    });
    expectError(await onSite(taking(todayDate(now()), { partySignature: 'REFUSED' })), 'RuleViolation', {
      rule: 'MEASURE_ON_SITE_RECORD_INCOMPLETE',
      zh: '第18条第(八)项',
      en: 'art. 18(8)',
    });
    expectError(await onSite(taking(day(plusDays(shanghaiToday(now()), -1)))), 'ValidationError', {
      en: 'before the day the measure was taken',
    });
    // An officer of another agency does not see the case: the same answer as for an unknown measure (no probing).
    expectError(await onSite(taking(), c.tokens.envOfficer), 'NotFoundError');
    expect(await topicsOf(k.id)).toEqual(['case.compulsoryMeasureRecorded', 'compulsoryMeasure.approved']);

    const refusal = {
      partySignature: 'REFUSED',
      partyRefusalNote: '当事人拒绝签名，执法人员已在笔录中注明',
      witness: '社区网格员王某',
    };
    const recorded = await onSite(taking(todayDate(now()), refusal));
    expect(recorded.data).toMatchObject({
      status: 'IN_FORCE',
      noticeServedOn: todayDate(now()),
      onSiteRecord: {
        partySignature: 'REFUSED',
        partyRefusalNote: refusal.partyRefusalNote,
        witness: '社区网格员王某',
      },
    });
    expect(recorded.data.noticeDocumentNumber).toMatch(/^阜市监封〔2025〕\d+号$/);
    expectError(await onSite(taking()), 'RuleViolation', { rule: 'MEASURE_ON_SITE_ALREADY_RECORDED' });
    const events = await h.db.prisma.event.findMany({ where: { caseId: k.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.topic)).toEqual([
      'case.compulsoryMeasureRecorded',
      'compulsoryMeasure.approved',
      'compulsoryMeasure.onSiteRecorded',
    ]);
    expect(events[2].payload).toMatchObject({
      measureId: idOf(m),
      partySignature: 'REFUSED',
      noticeServedOn: todayDate(now()),
    });
  });

  it('an emergency measure, taken on the spot, comes with both (writing nothing without them)', async () => {
    const k = await investigating();
    const takenAt = new Date(now().getTime() - HOUR);
    const served = day(shanghaiToday(takenAt));
    const before = await rowCounts(h.db.prisma);
    for (const without of [
      {},
      { ...taking(served), onSiteRecord: undefined },
      { ...taking(served), noticeServedOn: undefined },
    ])
      expectError(
        await record(k.id, { emergency: true, takenAt: takenAt.toISOString(), ...without }),
        'RuleViolation',
        { rule: 'MEASURE_TAKING_RECORD_REQUIRED', zh: '当场送达决定书并制作现场笔录', en: 'served and recorded there' },
      );
    expectError(
      await record(k.id, {
        emergency: true,
        takenAt: takenAt.toISOString(),
        ...taking(served, { partySignature: 'ABSENT' }),
      }),
      'RuleViolation',
      { rule: 'MEASURE_ON_SITE_RECORD_INCOMPLETE' },
    );
    expect(await rowCounts(h.db.prisma)).toEqual(before);
    const ok = await record(k.id, {
      emergency: true,
      takenAt: takenAt.toISOString(),
      ...taking(served, { partySignature: 'ABSENT', witness: '村民委员会委员李某' }),
    });
    expect(ok.data).toMatchObject({
      status: 'IN_FORCE',
      noticeServedOn: served,
      onSiteRecord: { partySignature: 'ABSENT', witness: '村民委员会委员李某', partyRefusalNote: null },
    });
    // Its record came with it.
    expectError(
      (await h.gql(ON_SITE, { m: ok.data.id, input: taking() }, c.tokens.o1)).data.recordCompulsoryMeasureOnSite,
      'RuleViolation',
      {
        rule: 'MEASURE_ON_SITE_ALREADY_RECORDED',
      },
    );
  });
});

describe('approval of an emergency measure within 24 hours (第19条)', () => {
  it('24 h after it was taken may be approved; 24 h + 1 min may not, and it must be released', async () => {
    const k = await investigating();
    const start = Date.now();
    pinned = start;
    try {
      const takenAt = new Date(start - HOUR);
      const first = await emergency(k.id, takenAt);
      const second = await emergency(k.id, takenAt);
      const node = `query($m: ID!) { node(id: $m) { ... on CompulsoryMeasure { approvalLapsed isOverdue } } }`;

      pinned = takenAt.getTime() + DAY; // 24 h exactly
      expect((await h.gql(node, { m: first.id }, c.tokens.o1)).data.node).toEqual({
        approvalLapsed: false,
        isOverdue: false,
      });
      const onTime = (await h.gql(APPROVE, { m: first.id, approve: true }, head)).data.approveCompulsoryMeasure;
      expect(onTime.data).toMatchObject({ status: 'IN_FORCE', approvalLapsed: false });
      expect(onTime.data.approvedAt).toBe(new Date(pinned).toISOString());

      pinned = takenAt.getTime() + DAY + 60_000; // 24 h + 1 min
      expect((await h.gql(node, { m: second.id }, c.tokens.o1)).data.node.approvalLapsed).toBe(true);
      const before = await rowCounts(h.db.prisma);
      expectError(
        (await h.gql(APPROVE, { m: second.id, approve: true }, head)).data.approveCompulsoryMeasure,
        'RuleViolation',
        {
          rule: 'MEASURE_EMERGENCY_APPROVAL_LATE',
          zh: '行政强制法第19条',
          en: 'art. 19',
        },
      );
      expect(await rowCounts(h.db.prisma)).toEqual(before);

      // The sweep tells the agency and supervisors once; the officers release it (or the head refuses it).
      expect(await h.app.sweeps.runOnce()).toBeGreaterThanOrEqual(1);
      await h.app.sweeps.runOnce();
      const lapsed = await h.db.prisma.event.findMany({
        where: { topic: 'compulsoryMeasure.approvalLapsed', caseId: k.id },
      });
      expect(lapsed).toHaveLength(1);
      expect(lapsed[0]).toMatchObject({ agencyId: c.market.id, actor: 'system:measure-overdue' });
      expect(lapsed[0].payload).toMatchObject({
        measureId: idOf(second.id),
        number: k.number,
        takenAt: takenAt.toISOString(),
        lapsedAt: new Date(takenAt.getTime() + DAY).toISOString(),
      });
      const refused = (
        await h.gql(APPROVE, { m: second.id, approve: false, reason: '超过 24 小时未补办批准手续' }, head)
      ).data.approveCompulsoryMeasure.data;
      expect(refused).toMatchObject({ status: 'RELEASED', approvalLapsed: false });
    } finally {
      pinned = null;
    }
  });
});

describe('who takes it (第17–18条)', () => {
  it('two officers assigned to the case who can enforce; bad input writes nothing', async () => {
    const k = await investigating();
    const caseId = gid('EnforcementCase', k.id);
    const before = await rowCounts(h.db.prisma);
    const one = await h.gql(MEASURE, { caseId, input: measureInput([c.people.o1.id]) }, c.tokens.o1);
    expectError(one.data.recordCompulsoryMeasure, 'RuleViolation', {
      rule: 'MEASURE_TWO_OFFICERS',
      zh: '行政强制法第18条第(二)项',
      en: 'art. 18(2)',
    });
    const unassigned = await h.gql(
      MEASURE,
      { caseId, input: measureInput([c.people.o1.id, c.people.o2.id, c.people.o3.id]) },
      c.tokens.o1,
    );
    expectError(unassigned.data.recordCompulsoryMeasure, 'RuleViolation', {
      rule: 'MEASURE_OFFICER_INELIGIBLE',
      zh: '赵执法：不是本案承办人员',
    });
    const envPeople = await h.gql(
      MEASURE,
      { caseId, input: measureInput([c.people.o1.id, c.people.envOfficer.id]) },
      c.tokens.o1,
    );
    expectError(envPeople.data.recordCompulsoryMeasure, 'RuleViolation', {
      rule: 'MEASURE_TWO_OFFICERS',
      zh: '不是本案承办单位的人员',
    });
    expect(await rowCounts(h.db.prisma)).toEqual(before);
  });

  it('freezing only by agency kinds a law authorises (freezeAgencyKinds)', async () => {
    const k = await investigating();
    const freeze = { kind: 'FREEZE', object: '对公账户存款 50 万元' };
    expectError(await record(k.id, freeze), 'RuleViolation', {
      rule: 'MEASURE_FREEZE_NOT_AUTHORISED',
      zh: '第29条',
      en: 'arts. 17 and 29',
    });
    const saved = settings.get(CASE_SETTINGS);
    settings.set(CASE_SETTINGS, { ...saved, freezeAgencyKinds: ['ENFORCEMENT_AGENCY'] });
    try {
      expect((await record(k.id, freeze)).data.status).toBe('REQUESTED');
    } finally {
      settings.set(CASE_SETTINGS, saved);
    }
  });
});

describe('overdue (第25条): day 30 in force, day 31 overdue', () => {
  it('is flagged and listed from day 31, can no longer be extended, and is reported once by the sweep', async () => {
    const k = await investigating();
    const taken = await emergency(k.id);
    const m = taken.id;
    await h.gql(APPROVE, { m, approve: true }, head);
    const dueOn = new Date(`${taken.dueOn}T00:00:00Z`);
    const lastMoment = startOfShanghaiDay(plusDays(dueOn, 1)).getTime() - 1;
    const node = `query($m: ID!) { node(id: $m) { ... on CompulsoryMeasure { isOverdue } } }`;
    const listed = async (overdue: boolean) =>
      (
        await h.gql(LIST, { a: gid('Agency', c.market.id), overdue }, c.tokens.supervisor)
      ).data.compulsoryMeasures.edges.map((e: { node: { id: string } }) => e.node.id);
    try {
      // Day 30, 23:59:59.999 Beijing time.
      pinned = lastMoment;
      expect((await h.gql(node, { m }, c.tokens.o1)).data.node.isOverdue).toBe(false);
      expect(await listed(true)).not.toContain(m);
      expect(await listed(false)).toContain(m);
      // (Measures of earlier tests may be reported; this one not yet.)
      await h.app.sweeps.runOnce();
      const reportedNow = () =>
        h.db.prisma.event.findMany({ where: { topic: 'compulsoryMeasure.overdue', caseId: k.id } });
      expect(await reportedNow()).toHaveLength(0);

      // Day 31, 00:00 Beijing time.
      pinned = lastMoment + 1;
      expect((await h.gql(node, { m }, c.tokens.o1)).data.node.isOverdue).toBe(true);
      expect(await listed(true)).toContain(m);
      expect(await listed(false)).not.toContain(m);
      expectError(
        (await h.gql(EXTEND, { m, days: 5, reason: '补办延长' }, head)).data.extendCompulsoryMeasure,
        'RuleViolation',
        { rule: 'MEASURE_OVERDUE' },
      );

      expect(await h.app.sweeps.runOnce()).toBeGreaterThanOrEqual(1);
      expect(await h.app.sweeps.runOnce()).toBe(0);
      const reported = await reportedNow();
      expect(reported).toHaveLength(1);
      expect(reported[0]).toMatchObject({ agencyId: c.market.id, enterpriseId: null, actor: 'system:measure-overdue' });
      expect(reported[0].payload).toMatchObject({
        measureId: idOf(m),
        number: k.number,
        kind: 'SEAL_UP',
        dueOn: taken.dueOn,
      });

      // Supervisors and the agency read it in the event log; the party does not.
      const log = `{ events(topics: ["compulsoryMeasure.overdue"], first: 100) { events { topic payload } } }`;
      const seen = async (token: string) =>
        (await h.gql(log, {}, token)).data.events.events.filter(
          (e: { payload: { measureId: number } }) => e.payload.measureId === idOf(m),
        ).length;
      // The log hands out an event once every older transaction has ended (on PostgreSQL, any in the cluster: other
      // test files' included), so it may take a moment to appear; it must appear, once.
      await expect.poll(() => seen(c.tokens.supervisor), { timeout: 10_000 }).toBe(1);
      expect(await seen(c.tokens.o1)).toBe(1);
      expect(await seen(c.tokens.shop)).toBe(0);
      expect(await seen(h.token(`person:${c.people.envOfficer.id}`))).toBe(0);

      // Released late, it is no longer overdue.
      await h.gql(RELEASE, { m, on: day(shanghaiToday(now())), reason: '已作出处理决定' }, c.tokens.o1);
      expect(await listed(true)).not.toContain(m);
    } finally {
      pinned = null;
    }
  });
});

describe('the overdue sweep, twice at once (two instances)', () => {
  it('reports each measure once', async () => {
    const k = await investigating();
    const m = await h.db.prisma.compulsoryMeasure.create({
      data: {
        caseId: k.id,
        kind: 'SEIZURE',
        object: '货车一辆',
        recordedBy: 'person:1',
        status: 'IN_FORCE',
        takenAt: new Date(Date.now() - 40 * DAY),
        dueOn: plusDays(shanghaiToday(now()), -10),
        officerIds: [],
      },
    });
    const env = { prisma: h.db.prisma, viewer: MEASURE_SWEEP_VIEWER, guards: new CaseGuards(), settings, clock: now };
    const sweep = () => unitOfWork(env, notifyOverdueMeasuresInTx, { silent: 'may find nothing' });
    await Promise.all([sweep(), sweep(), sweep()]);
    const events = await h.db.prisma.event.findMany({ where: { topic: 'compulsoryMeasure.overdue', caseId: k.id } });
    expect(events.map((e) => (e.payload as { measureId: number }).measureId)).toEqual([m.id]);
  });
});

describe('compulsoryMeasures', () => {
  it('follows the case row rule, filters by status, and refuses a caller with no case rights', async () => {
    const k = await investigating();
    const m = (await record(k.id)).data.id;
    const ids = async (token: string, vars: Record<string, unknown> = {}) =>
      (await h.gql(LIST, vars, token)).data.compulsoryMeasures.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await ids(c.tokens.o1)).toContain(m);
    expect(await ids(c.tokens.supervisor)).toContain(m);
    expect(await ids(c.tokens.shop)).toContain(m);
    expect(await ids(c.tokens.factory)).not.toContain(m);
    expect(await ids(c.tokens.envOfficer)).toEqual([]);
    expect(await ids(c.tokens.supervisor, { a: gid('Agency', c.env.id) })).not.toContain(m);
    expect(await ids(c.tokens.o1, { status: 'REQUESTED' })).toContain(m);
    expect(await ids(c.tokens.o1, { status: 'IN_FORCE' })).not.toContain(m);
    const anonymous = await h.gql(LIST, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('loads every measure’s officers and case in a fixed number of statements', async () => {
    const p = h.db.prisma;
    const agency = await p.agency.create({ data: { name: '阜宁县交通运输局（N+1）', kind: 'ENFORCEMENT_AGENCY' } });
    const query = `query($a: ID!, $n: Int!) { compulsoryMeasures(agencyId: $a, first: $n) { totalCount edges { node {
      id status isOverdue dueOn case { number agency { name } } officers { name certificateNumber }
    } } } }`;
    const cost = async (measures: number) => {
      const people = await Promise.all(
        [0, 1, 2].map((i) =>
          p.person.create({ data: { agencyId: agency.id, name: `交通执法员${measures}-${i}`, roles: ['OFFICER'] } }),
        ),
      );
      for (let i = 0; i < measures; i++) {
        const k = await directCase(
          h,
          agency.id,
          c.shop.id,
          people.map((x) => x.id),
        );
        await p.compulsoryMeasure.create({
          data: {
            caseId: k.id,
            kind: 'SEIZURE',
            object: `货车 ${i}`,
            recordedBy: 'person:1',
            officerIds: [people[i % 3].id, people[(i + 1) % 3].id],
            dueOn: new Date('2030-01-01T00:00:00Z'),
          },
        });
      }
      const r = await countStatements(h, () =>
        h.gql(query, { a: gid('Agency', agency.id), n: 100 }, c.tokens.supervisor),
      );
      expect(r.result.errors).toBeUndefined();
      expect(
        r.result.data.compulsoryMeasures.edges.every(
          (e: { node: { officers: unknown[] } }) => e.node.officers.length === 2,
        ),
      ).toBe(true);
      return { count: r.count, rows: r.result.data.compulsoryMeasures.totalCount, statements: r.statements };
    };
    const small = await cost(2);
    const large = await cost(12);
    expect(large.rows).toBe(14);
    expect(large.count, large.statements.join('\n')).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(8);
  });
});
