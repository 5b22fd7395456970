import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, gid, idOf as caseIdOf, type Harness, type GqlJson } from '@zhifa/testkit';
import { addYears, shanghaiToday, shanghaiYear } from '@zhifa/core/time';
import {
  ADVANCE,
  ASSIGN,
  DECIDE,
  directCase,
  expectError,
  GENEROUS_PROPOSAL,
  MEASURE,
  measureInput,
  OPEN_CASE,
  readyToDecide,
  seedCounty,
  shanghaiDay,
  type County,
} from './case-fixtures.js';

let h: Harness;
let c: County;
beforeAll(async () => {
  h = await createHarness();
  c = await seedCounty(h);
});
afterAll(() => h?.close());

const eventsOf = (caseId: number) => h.db.prisma.event.findMany({ where: { caseId }, orderBy: { id: 'asc' } });

const YEAR = shanghaiYear(new Date());

function openInput(over: Record<string, unknown> = {}) {
  return {
    agencyId: gid('Agency', c.market.id),
    matterId: gid('EnforcementMatter', c.matters.licence.id),
    enterpriseId: gid('Enterprise', c.shop.id),
    violationOn: shanghaiDay(-10),
    ...over,
  };
}

/** The serial of a document number: 阜市监立〔2026〕7号 → 7. */
const serial = (n: string) => Number(/〔\d{4}〕(\d+)号$/.exec(n)![1]);

describe('openCase', () => {
  it('an officer registers a case on a matter against an enterprise: numbered, provisions copied, a deadline, an event', async () => {
    const res = await h.gql(OPEN_CASE, { input: openInput() }, c.tokens.o1);
    expect(res.errors).toBeUndefined();
    const data = res.data.openCase.data;
    expect(data).toMatchObject({
      number: `阜市监立〔${YEAR}〕1号`,
      stage: 'REGISTERED',
      partyKind: 'ENTERPRISE',
      partyDescription: null,
      enterprise: { name: '阜宁县某某食品店' },
      agency: { name: '阜宁县市场监督管理局' },
      matter: { code: 'SJ-DJ-048' },
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      violationOn: shanghaiDay(-10),
      procedure: 'GENERAL',
      serious: false,
      registeredBy: `person:${c.people.o1.id}`,
      // 第60条: 90 days from 立案, the day of 立案 not counted.
      deadline: shanghaiDay(90),
      isOverdue: false,
    });
    const id = caseIdOf(data.id);
    const [event] = await eventsOf(id);
    expect(event).toMatchObject({
      topic: 'case.opened',
      agencyId: c.market.id,
      enterpriseId: c.shop.id,
      caseId: id,
      public: false,
      actor: `person:${c.people.o1.id}`,
    });
    expect(event.payload).toMatchObject({
      caseId: id,
      number: data.number,
      stage: 'REGISTERED',
      matterId: c.matters.licence.id,
      procedure: 'GENERAL',
      violationOn: shanghaiDay(-10),
    });
  });

  it('an agency admin registers a 简易程序 case against an unnamed natural person, with the facts found; numbers follow on', async () => {
    const res = await h.gql(
      OPEN_CASE,
      {
        input: openInput({
          enterpriseId: null,
          partyDescription: '流动摊贩（不具名）',
          procedure: 'SIMPLE',
          facts: '  摊位未悬挂营业执照  ',
          serious: true,
        }),
      },
      c.tokens.marketAdmin,
    );
    expect(res.data.openCase.data).toMatchObject({
      number: `阜市监立〔${YEAR}〕2号`,
      partyKind: 'NATURAL_PERSON',
      partyDescription: '流动摊贩（不具名）',
      enterprise: null,
      violation: '摊位未悬挂营业执照',
      procedure: 'SIMPLE',
      serious: true,
      deadline: null,
      isOverdue: false,
    });
  });

  it('a system admin may register for any agency; each agency has its own sequence', async () => {
    const res = await h.gql(
      OPEN_CASE,
      { input: openInput({ agencyId: gid('Agency', c.env.id), matterId: gid('EnforcementMatter', c.matters.air.id) }) },
      c.tokens.sysAdmin,
    );
    expect(res.data.openCase.data).toMatchObject({
      agency: { name: '盐城市阜宁生态环境局' },
      number: `阜环立〔${YEAR}〕1号`,
    });
  });

  it('the limitation period (第36条): the same date two years on is the last day, the next day is refused', async () => {
    const today = shanghaiToday(new Date());
    const lastAllowed = addYears(today, -2).toISOString().slice(0, 10);
    const ok = await h.gql(OPEN_CASE, { input: openInput({ violationOn: lastAllowed }) }, c.tokens.o1);
    expect(ok.data.openCase.data.violationOn).toBe(lastAllowed);
    const barred = new Date(addYears(today, -2).getTime() - 86_400_000).toISOString().slice(0, 10);
    const res = await h.gql(OPEN_CASE, { input: openInput({ violationOn: barred }) }, c.tokens.o1);
    expectError(res.data.openCase, 'RuleViolation', {
      rule: 'CASE_TIME_BARRED',
      zh: ['第36条', '2 年'],
      en: ['art. 36', '2-year'],
    });
    // The food matter's period is five years.
    const five = await h.gql(
      OPEN_CASE,
      { input: openInput({ matterId: gid('EnforcementMatter', c.matters.food.id), violationOn: barred }) },
      c.tokens.o1,
    );
    expect(five.data.openCase.data.penaltyProvision).toBe('《中华人民共和国食品安全法》第一百二十四条第一款');
  });

  it('refuses a party that is both or neither, a future violation, unknown ids, writing nothing and taking no number', async () => {
    const before = await h.db.prisma.enforcementCase.count();
    const eventsBefore = await h.db.prisma.event.count();
    const sequence = () =>
      h.db.prisma.documentSequence.findUniqueOrThrow({
        where: { agencyId_kind_year: { agencyId: c.market.id, kind: 'REGISTRATION', year: YEAR } },
      });
    const last = (await sequence()).last;
    const both = await h.gql(OPEN_CASE, { input: openInput({ partyDescription: '某人' }) }, c.tokens.o1);
    expectError(both.data.openCase, 'ValidationError', { zh: '二者选一', en: 'exactly one' });
    const neither = await h.gql(OPEN_CASE, { input: openInput({ enterpriseId: null }) }, c.tokens.o1);
    expectError(neither.data.openCase, 'ValidationError', { zh: '二者选一' });
    const future = await h.gql(OPEN_CASE, { input: openInput({ violationOn: shanghaiDay(1) }) }, c.tokens.o1);
    expectError(future.data.openCase, 'ValidationError', { zh: '不能晚于今天', en: 'after today' });
    expect(future.data.openCase.issues[0].path).toEqual(['input', 'violationOn']);
    // zod input checks run before the resolver: with builder option errors.unsafelyHandleInputErrors they
    // come back as a typed ValidationError, without it as a top-level VALIDATION_FAILED error. Either way
    // the message names the field in both languages and nothing is written.
    const blank = await h.gql(OPEN_CASE, { input: openInput({ facts: '   ' }) }, c.tokens.o1);
    const failure = blank.data?.openCase ?? blank.errors?.[0];
    expect(failure.code ?? failure.extensions?.code).toBe('VALIDATION_FAILED');
    expect(failure.message).toContain('违法事实不能为空');
    expect(failure.messageEn ?? failure.message).toContain('facts must not be empty');
    const missing = await h.gql(
      OPEN_CASE,
      { input: openInput({ enterpriseId: gid('Enterprise', 999_999) }) },
      c.tokens.o1,
    );
    expectError(missing.data.openCase, 'NotFoundError', { zh: '经营主体', en: 'Enterprise not found' });
    const noMatter = await h.gql(
      OPEN_CASE,
      { input: openInput({ matterId: gid('EnforcementMatter', 999_999) }) },
      c.tokens.o1,
    );
    expectError(noMatter.data.openCase, 'NotFoundError', { zh: '行政执法事项', en: 'Enforcement matter not found' });
    const wrongType = await h.gql(
      OPEN_CASE,
      { input: openInput({ enterpriseId: gid('Agency', c.market.id) }) },
      c.tokens.o1,
    );
    expectError(wrongType.data.openCase, 'ValidationError', { en: 'not an id of a Enterprise' });
    expect(await h.db.prisma.enforcementCase.count()).toBe(before);
    expect(await h.db.prisma.event.count()).toBe(eventsBefore);
    expect((await sequence()).last).toBe(last);
  });

  it('refuses a matter not published, a matter of another domain, and an agency without a document prefix', async () => {
    const before = await h.db.prisma.enforcementCase.count();
    const draft = await h.gql(
      OPEN_CASE,
      { input: openInput({ matterId: gid('EnforcementMatter', c.matters.draft.id) }) },
      c.tokens.o1,
    );
    expectError(draft.data.openCase, 'RuleViolation', {
      rule: 'MATTER_NOT_PUBLISHED',
      zh: ['尚未公布', '第5条第3款'],
      en: ['not published', 'art. 5(3)'],
    });
    const air = await h.gql(
      OPEN_CASE,
      { input: openInput({ matterId: gid('EnforcementMatter', c.matters.air.id) }) },
      c.tokens.o1,
    );
    expectError(air.data.openCase, 'RuleViolation', {
      rule: 'MATTER_NOT_OF_AGENCY',
      zh: ['无权办理', '生态环境', '第17条'],
      en: ['may not enforce', 'arts. 17, 22'],
    });
    // The right domain but the wrong kind of agency: a township may not enforce what only enforcement agencies may.
    const township = await h.db.prisma.agency.create({
      data: { name: '益林镇（测试）', kind: 'TOWNSHIP', domains: ['市场监管'], documentPrefix: '益林' },
    });
    const wrongKind = await h.gql(
      OPEN_CASE,
      { input: openInput({ agencyId: gid('Agency', township.id) }) },
      c.tokens.sysAdmin,
    );
    expectError(wrongKind.data.openCase, 'RuleViolation', { rule: 'MATTER_NOT_OF_AGENCY' });
    const bare = await h.db.prisma.agency.create({
      data: { name: '阜宁县某新设执法机关', kind: 'ENFORCEMENT_AGENCY', domains: ['市场监管'] },
    });
    const noPrefix = await h.gql(
      OPEN_CASE,
      { input: openInput({ agencyId: gid('Agency', bare.id) }) },
      c.tokens.sysAdmin,
    );
    expectError(noPrefix.data.openCase, 'RuleViolation', {
      rule: 'AGENCY_NO_DOCUMENT_PREFIX',
      zh: '文书字号前缀',
      en: 'document-number prefix',
    });
    expect(await h.db.prisma.enforcementCase.count()).toBe(before);
  });

  it('refuses an officer of another agency, an auxiliary, a supervisor, an enterprise and the public', async () => {
    const before = await h.db.prisma.enforcementCase.count();
    const input = openInput();
    for (const token of [c.tokens.envOfficer, c.tokens.auxiliary, c.tokens.supervisor, c.tokens.shop]) {
      const res = await h.gql(OPEN_CASE, { input }, token);
      expectError(res.data.openCase, 'ForbiddenError', { zh: '无权', en: 'Not allowed' });
    }
    const anon = await h.gql(OPEN_CASE, { input });
    expectError(anon.data.openCase, 'UnauthenticatedError', { zh: '请先登录', en: 'Authentication required' });
    expect(await h.db.prisma.enforcementCase.count()).toBe(before);
  });
});

describe('assignOfficers', () => {
  it('needs two enforceable officers: an auxiliary does not count', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, []);
    const res = await h.gql(
      ASSIGN,
      {
        caseId: gid('EnforcementCase', k.id),
        personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.auxiliary.id)],
      },
      c.tokens.marketAdmin,
    );
    expectError(res.data.assignOfficers, 'RuleViolation', {
      rule: 'CASE_TWO_OFFICERS',
      zh: ['至少 2 名', '钱辅助：不是执法人员'],
      en: ['at least 2', '钱辅助: not an enforcement officer'],
    });
    expect(await h.db.prisma.caseOfficer.count({ where: { caseId: k.id } })).toBe(0);
  });

  it('reports an expired and an unreviewed certificate, each with its reason', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, []);
    const res = await h.gql(
      ASSIGN,
      {
        caseId: gid('EnforcementCase', k.id),
        personIds: [c.people.o1.id, c.people.expired.id, c.people.unreviewed.id].map((id) => gid('Person', id)),
      },
      c.tokens.marketAdmin,
    );
    expectError(res.data.assignOfficers, 'RuleViolation', {
      rule: 'CASE_TWO_OFFICERS',
      zh: ['孙过期：执法证已过期', '周未审：执法证本年度未审验'],
      en: ['孙过期: certificate has expired', '周未审: certificate not reviewed this year'],
    });
  });

  it('counts the same person once, and refuses people of another agency', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, []);
    const same = await h.gql(
      ASSIGN,
      {
        caseId: gid('EnforcementCase', k.id),
        personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o1.id)],
      },
      c.tokens.marketAdmin,
    );
    expectError(same.data.assignOfficers, 'RuleViolation', { rule: 'CASE_TWO_OFFICERS', en: 'only 1' });
    const other = await h.gql(
      ASSIGN,
      {
        caseId: gid('EnforcementCase', k.id),
        personIds: [c.people.o1.id, c.people.o2.id, c.people.envOfficer.id].map((id) => gid('Person', id)),
      },
      c.tokens.marketAdmin,
    );
    expectError(other.data.assignOfficers, 'RuleViolation', {
      rule: 'CASE_OFFICER_INELIGIBLE',
      zh: '吴环保：不是本案承办单位的人员',
      en: "not of the case's agency",
    });
  });

  it('assigns two officers, then replaces them, each with an event', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [], 'REGISTERED', {
      registeredBy: `person:${c.people.o1.id}`,
    });
    const caseId = gid('EnforcementCase', k.id);
    const first = await h.gql(
      ASSIGN,
      { caseId, personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o2.id)] },
      c.tokens.o1,
    );
    expect(first.data.assignOfficers.data.officers.edges.map((e: GqlJson) => e.node.person.name)).toEqual([
      '张执法',
      '李执法',
    ]);
    const second = await h.gql(
      ASSIGN,
      { caseId, personIds: [gid('Person', c.people.o2.id), gid('Person', c.people.o3.id)] },
      c.tokens.marketAdmin,
    );
    expect(second.data.assignOfficers.data.officers).toMatchObject({
      totalCount: 2,
      edges: [{ node: { person: { name: '李执法' } } }, { node: { person: { name: '赵执法' } } }],
    });
    const events = await eventsOf(k.id);
    expect(events.map((e) => e.topic)).toEqual(['case.officersAssigned', 'case.officersAssigned']);
    expect(events[1]).toMatchObject({
      agencyId: c.market.id,
      enterpriseId: c.shop.id,
      caseId: k.id,
      payload: { personIds: [c.people.o2.id, c.people.o3.id] },
    });
  });

  it('an officer of another agency is not told the case exists (as for an unknown case); the public must sign in', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, []);
    const vars = {
      caseId: gid('EnforcementCase', k.id),
      personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o2.id)],
    };
    expectError((await h.gql(ASSIGN, vars, c.tokens.envOfficer)).data.assignOfficers, 'NotFoundError', {
      zh: '未找到案件',
      en: 'Case not found',
    });
    expectError((await h.gql(ASSIGN, vars, c.tokens.supervisor)).data.assignOfficers, 'ForbiddenError');
    expectError((await h.gql(ASSIGN, vars)).data.assignOfficers, 'UnauthenticatedError', { zh: '请先登录' });
    expect(await h.db.prisma.caseOfficer.count({ where: { caseId: k.id } })).toBe(0);
  });

  it('an unknown case is not found', async () => {
    const res = await h.gql(ASSIGN, { caseId: gid('EnforcementCase', 999_999), personIds: [] }, c.tokens.o1);
    expectError(res.data.assignOfficers, 'NotFoundError', { zh: '未找到案件', en: 'Case not found' });
  });
});

describe('advanceCase', () => {
  it('refuses investigation without two enforceable officers, including one whose certificate lapsed since', async () => {
    const none = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.auxiliary.id]);
    const r1 = await h.gql(ADVANCE, { caseId: gid('EnforcementCase', none.id), to: 'INVESTIGATING' }, c.tokens.o1);
    // Every officer act asks who acts (cases/actors.ts), which counts the enforceable officers first (issue 16).
    expectError(r1.data.advanceCase, 'RuleViolation', {
      rule: 'CASE_TWO_OFFICERS',
      zh: '须重新指派',
      en: 'fewer than 2',
    });
    const lapsing = await h.db.prisma.person.create({
      data: {
        ...c.people.o3,
        id: undefined,
        name: '冯将过期',
        certificateNumber: 'CERT-LAPSING',
        createdAt: undefined,
        updatedAt: undefined,
      },
    });
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, lapsing.id]);
    await h.db.prisma.person.update({ where: { id: lapsing.id }, data: { certificateStatus: 'SUSPENDED' } });
    const r2 = await h.gql(ADVANCE, { caseId: gid('EnforcementCase', k.id), to: 'INVESTIGATING' }, c.tokens.o1);
    expectError(r2.data.advanceCase, 'RuleViolation', { rule: 'CASE_TWO_OFFICERS', en: 'has 1 assigned officers' });
    expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).stage).toBe('REGISTERED');
  });

  it('moves forward one step at a time and never back', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id]);
    const caseId = gid('EnforcementCase', k.id);
    const skip = await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, c.tokens.o1);
    expectError(skip.data.advanceCase, 'RuleViolation', {
      rule: 'CASE_ILLEGAL_TRANSITION',
      zh: '不能跳过',
      en: 'cannot be skipped',
    });
    expect((await h.gql(ADVANCE, { caseId, to: 'INVESTIGATING' }, c.tokens.o1)).data.advanceCase.data.stage).toBe(
      'INVESTIGATING',
    );
    const back = await h.gql(ADVANCE, { caseId, to: 'REGISTERED' }, c.tokens.o1);
    expectError(back.data.advanceCase, 'RuleViolation', {
      rule: 'CASE_ILLEGAL_TRANSITION',
      zh: '不能回退',
      en: 'never go backwards',
    });
    expect((await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, c.tokens.o1)).data.advanceCase.data.stage).toBe(
      'LEGAL_REVIEW',
    );
    const decide = await h.gql(ADVANCE, { caseId, to: 'DECIDED' }, c.tokens.o1);
    expectError(decide.data.advanceCase, 'RuleViolation', {
      rule: 'CASE_ILLEGAL_TRANSITION',
      zh: '处理决定',
      en: 'recording a decision',
    });
    const events = await eventsOf(k.id);
    expect(events.map((e) => [e.topic, (e.payload as GqlJson).from, (e.payload as GqlJson).to])).toEqual([
      ['case.advanced', 'REGISTERED', 'INVESTIGATING'],
      ['case.advanced', 'INVESTIGATING', 'LEGAL_REVIEW'],
    ]);
  });

  it('an officer of another agency is not told the case exists (as for an unknown case); the public must sign in', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id]);
    const vars = { caseId: gid('EnforcementCase', k.id), to: 'INVESTIGATING' };
    expectError((await h.gql(ADVANCE, vars, c.tokens.envOfficer)).data.advanceCase, 'NotFoundError', {
      zh: '未找到案件',
      en: 'Case not found',
    });
    expectError((await h.gql(ADVANCE, vars)).data.advanceCase, 'UnauthenticatedError');
    expect((await h.gql(ADVANCE, vars, c.tokens.sysAdmin)).data.advanceCase.data.stage).toBe('INVESTIGATING');
  });
});

describe('recordCompulsoryMeasure', () => {
  const measure = () =>
    measureInput([c.people.o1.id, c.people.o2.id], {
      kind: 'SEAL_UP',
      object: '过期食品 12 箱',
      isProductionEquipment: false,
      justification: '防止继续销售',
    });

  it('records a measure before the decision, awaiting approval, with its event', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'INVESTIGATING');
    const res = await h.gql(MEASURE, { caseId: gid('EnforcementCase', k.id), input: measure() }, c.tokens.o1);
    expect(res.data.recordCompulsoryMeasure.data).toMatchObject({
      kind: 'SEAL_UP',
      object: '过期食品 12 箱',
      isProductionEquipment: false,
      justification: '防止继续销售',
      status: 'REQUESTED',
      takenAt: null,
      dueOn: null,
      recordedBy: `person:${c.people.o1.id}`,
      case: { number: k.number },
    });
    const [event] = await eventsOf(k.id);
    expect(event).toMatchObject({
      topic: 'case.compulsoryMeasureRecorded',
      agencyId: c.market.id,
      enterpriseId: c.shop.id,
      payload: {
        kind: 'SEAL_UP',
        object: '过期食品 12 箱',
        isProductionEquipment: false,
        justified: true,
        status: 'REQUESTED',
        emergency: false,
        dueOn: null,
      },
    });
  });

  it('refuses a measure after the decision, and strangers', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id]);
    await h.db.prisma.enforcementCase.update({
      where: { id: k.id },
      data: { stage: 'DECIDED', decision: 'PENALTY', fineFen: 100n },
    });
    const caseId = gid('EnforcementCase', k.id);
    const late = await h.gql(MEASURE, { caseId, input: measure() }, c.tokens.o1);
    expectError(late.data.recordCompulsoryMeasure, 'RuleViolation', {
      rule: 'CASE_MEASURE_AFTER_DECISION',
      zh: '不能再采取',
      en: 'only before the decision',
    });
    expectError(
      (await h.gql(MEASURE, { caseId, input: measure() }, c.tokens.envOfficer)).data.recordCompulsoryMeasure,
      'NotFoundError',
      { en: 'Case not found' },
    );
    expectError(
      (await h.gql(MEASURE, { caseId, input: measure() })).data.recordCompulsoryMeasure,
      'UnauthenticatedError',
    );
    expect(await h.db.prisma.compulsoryMeasure.count({ where: { caseId: k.id } })).toBe(0);
  });
});

describe('decideCase', () => {
  const fine = (amountFen: number) => ({ kind: 'FINE', amountFen });
  /** A case on `matter`, opened through the API, at LEGAL_REVIEW with its procedure recorded. */
  async function openedCase(
    over: Record<string, unknown> = {},
    proposal: { kind: string; amountFen: number | null }[] | null = GENEROUS_PROPOSAL,
  ) {
    const res = await h.gql(OPEN_CASE, { input: openInput(over) }, c.tokens.o1);
    const id = caseIdOf(res.data.openCase.data.id);
    await h.db.prisma.caseOfficer.createMany({
      data: [c.people.o1.id, c.people.o2.id].map((personId) => ({ caseId: id, personId })),
    });
    await readyToDecide(h, id, proposal);
    return { id, caseId: res.data.openCase.data.id as string, number: res.data.openCase.data.number as string };
  }
  const nothingWritten = async (id: number) => {
    const row = await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ stage: 'LEGAL_REVIEW', decision: null, decisionNumber: null, fineFen: null });
    expect(await h.db.prisma.casePenalty.count({ where: { caseId: id } })).toBe(0);
    expect((await eventsOf(id)).map((e) => e.topic)).not.toContain('case.decided');
  };

  it('needs legal review first', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'INVESTIGATING');
    const res = await h.gql(
      DECIDE,
      { caseId: gid('EnforcementCase', k.id), input: { decision: 'PENALTY', penalties: [fine(500_000)] } },
      c.tokens.head,
    );
    expectError(res.data.decideCase, 'RuleViolation', {
      rule: 'CASE_ILLEGAL_TRANSITION',
      zh: '法制审核',
      en: 'legal review',
    });
  });

  it('the whole path through the API: open, assign, investigate, review, decide a warning and a fine at the maximum — numbered', async () => {
    const opened = await h.gql(OPEN_CASE, { input: openInput() }, c.tokens.o1);
    const caseId = opened.data.openCase.data.id;
    const id = caseIdOf(caseId);
    expect(
      (
        await h.gql(
          ASSIGN,
          { caseId, personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o2.id)] },
          c.tokens.o1,
        )
      ).data.assignOfficers.data.officers.totalCount,
    ).toBe(2);
    expect((await h.gql(ADVANCE, { caseId, to: 'INVESTIGATING' }, c.tokens.o1)).data.advanceCase.data.stage).toBe(
      'INVESTIGATING',
    );
    expect((await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, c.tokens.o1)).data.advanceCase.data.stage).toBe(
      'LEGAL_REVIEW',
    );
    await readyToDecide(h, id, [{ kind: 'WARNING', amountFen: null }, fine(3_000_000)]);

    // One fen over the matter's maximum (¥30,000): refused, nothing written, no number taken.
    const over = await h.gql(
      DECIDE,
      { caseId, input: { decision: 'PENALTY', penalties: [{ kind: 'WARNING' }, fine(3_000_001)] } },
      c.tokens.head,
    );
    expectError(over.data.decideCase, 'RuleViolation', {
      rule: 'FINE_ABOVE_MAXIMUM',
      zh: ['¥30,000.01', '第四十八条'],
      en: 'exceeds the maximum',
    });
    await nothingWritten(id);

    const res = await h.gql(
      DECIDE,
      { caseId, input: { decision: 'PENALTY', penalties: [{ kind: 'WARNING' }, fine(3_000_000)] } },
      c.tokens.head,
    );
    expect(res.data.decideCase.data).toMatchObject({
      stage: 'DECIDED',
      decision: 'PENALTY',
      decisionNumber: `阜市监罚〔${YEAR}〕1号`,
      decidedBy: `person:${c.people.head.id}`,
      ground: null,
      fineFen: 3_000_000,
      confiscationFen: null,
      penalties: {
        totalCount: 2,
        edges: [{ node: { kind: 'WARNING', amountFen: null } }, { node: { kind: 'FINE', amountFen: 3_000_000 } }],
      },
    });
    const events = await eventsOf(id);
    expect(events.map((e) => e.topic)).toEqual([
      'case.opened',
      'case.officersAssigned',
      'case.advanced',
      'case.advanced',
      'case.decided',
    ]);
    expect(events.at(-1)!.payload).toMatchObject({
      decision: 'PENALTY',
      decisionNumber: `阜市监罚〔${YEAR}〕1号`,
      ground: null,
      penalties: [
        { kind: 'WARNING', amountFen: null },
        { kind: 'FINE', amountFen: 3_000_000 },
      ],
      fineFen: 3_000_000,
      confiscationFen: null,
      via: 'decideCase',
    });
    // The enterprise (the party) reads the decision, but not who decided.
    const party = await h.gql(
      `query($id: ID!) { case(id: $id) { decisionNumber decidedBy registeredBy } }`,
      { id: caseId },
      c.tokens.shop,
    );
    expect(party.data.case).toEqual({
      decisionNumber: `阜市监罚〔${YEAR}〕1号`,
      decidedBy: '工作人员 agency staff',
      registeredBy: '工作人员 agency staff',
    });

    const again = await h.gql(DECIDE, { caseId, input: { decision: 'PENALTY', penalties: [fine(1)] } }, c.tokens.head);
    expectError(again.data.decideCase, 'RuleViolation', { rule: 'CASE_ILLEGAL_TRANSITION' });
    const close = await h.gql(ADVANCE, { caseId, to: 'CLOSED' }, c.tokens.o1);
    expectError(close.data.advanceCase, 'RuleViolation', {
      rule: 'CASE_ILLEGAL_TRANSITION',
      zh: '须执行后方可结案',
      en: 'must be executed',
    });
    // Executed once served (送达, 第61条).
    await h.db.prisma.caseStep.create({
      data: { caseId: id, kind: 'SERVICE', on: new Date(`${shanghaiDay()}T00:00:00Z`), actor: 'system:test' },
    });
    expect((await h.gql(ADVANCE, { caseId, to: 'EXECUTED' }, c.tokens.o1)).data.advanceCase.data.stage).toBe(
      'EXECUTED',
    );
    const closed = (await h.gql(ADVANCE, { caseId, to: 'CLOSED' }, c.tokens.o1)).data.advanceCase.data;
    expect(closed.stage).toBe('CLOSED');
    expect(closed.closedAt).toBeTruthy();
    const reassign = await h.gql(
      ASSIGN,
      { caseId, personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o3.id)] },
      c.tokens.o1,
    );
    expectError(reassign.data.assignOfficers, 'RuleViolation', { rule: 'CASE_CLOSED' });
  });

  it('the shape of a decision: penalties for a penalty, an amount exactly where the kind has one, each kind once', async () => {
    const k = await openedCase();
    const bad = async (input: Record<string, unknown>, path: (string | number)[], zh: string, en: string) => {
      const res = await h.gql(DECIDE, { caseId: k.caseId, input }, c.tokens.head);
      expectError(res.data.decideCase, 'ValidationError', { zh, en });
      expect(res.data.decideCase.issues[0].path).toEqual(path.map(String));
    };
    await bad(
      { decision: 'LIGHTER', mitigatingCircumstance: '配合调查' },
      ['input', 'penalties'],
      '至少一项处罚',
      'at least one penalty',
    );
    await bad(
      { decision: 'PENALTY', penalties: [{ kind: 'FINE' }] },
      ['input', 'penalties', 0, 'amountFen'],
      '须写明金额',
      'needs an amount',
    );
    await bad(
      { decision: 'PENALTY', penalties: [{ kind: 'WARNING', amountFen: 100 }] },
      ['input', 'penalties', 0, 'amountFen'],
      '没有金额',
      'carries no amount',
    );
    await bad(
      { decision: 'PENALTY', penalties: [fine(100), fine(200)] },
      ['input', 'penalties', 1, 'kind'],
      '重复',
      'appears twice',
    );
    await bad(
      { decision: 'NO_PENALTY', ground: 'MINOR_CORRECTED', penalties: [fine(100)] },
      ['input', 'penalties', 0, 'kind'],
      '第28条第2款',
      'art. 28(2)',
    );
    await nothingWritten(k.id);
  });

  it('every kind must be one the matter allows; below the minimum only when mitigated under 第32条', async () => {
    const k = await openedCase({ matterId: gid('EnforcementMatter', c.matters.food.id) });
    const suspend = await h.gql(
      DECIDE,
      { caseId: k.caseId, input: { decision: 'PENALTY', penalties: [{ kind: 'LOWER_QUALIFICATION' }] } },
      c.tokens.head,
    );
    expectError(suspend.data.decideCase, 'RuleViolation', {
      rule: 'PENALTY_KIND_NOT_ALLOWED',
      zh: ['降低资质等级', '第一百二十四条'],
      en: 'art. 4',
    });
    const atMin = { decision: 'LIGHTER', mitigatingCircumstance: '主动供述', penalties: [fine(5_000_000)] };
    const lighterBelow = await h.gql(
      DECIDE,
      { caseId: k.caseId, input: { ...atMin, penalties: [fine(4_999_999)] } },
      c.tokens.head,
    );
    expectError(lighterBelow.data.decideCase, 'RuleViolation', {
      rule: 'FINE_BELOW_MINIMUM',
      zh: '第32条',
      en: 'below the minimum',
    });
    const noCircumstance = await h.gql(
      DECIDE,
      { caseId: k.caseId, input: { decision: 'MITIGATED', penalties: [fine(4_999_999)] } },
      c.tokens.head,
    );
    expectError(noCircumstance.data.decideCase, 'RuleViolation', {
      rule: 'CASE_MITIGATING_CIRCUMSTANCE_REQUIRED',
      zh: '第32条',
      en: 'art. 32',
    });
    await nothingWritten(k.id);
    const mitigated = await h.gql(
      DECIDE,
      {
        caseId: k.caseId,
        input: {
          decision: 'MITIGATED',
          mitigatingCircumstance: '受他人胁迫实施违法行为',
          penalties: [fine(1_000_000), { kind: 'CONFISCATE_PROPERTY', amountFen: 88_000 }],
        },
      },
      c.tokens.head,
    );
    expect(mitigated.data.decideCase.data).toMatchObject({
      decision: 'MITIGATED',
      mitigatingCircumstance: '受他人胁迫实施违法行为',
      fineFen: 1_000_000,
      confiscationFen: 88_000,
    });
    expect(serial(mitigated.data.decideCase.data.decisionNumber)).toBeGreaterThan(0);
  });

  it('a fine set as a multiple of the illegal gains: 20 times allowed, one fen more refused', async () => {
    const k = await openedCase({ matterId: gid('EnforcementMatter', c.matters.food.id) });
    const gains = 1_000_000; // ¥10,000: 10–20 times = ¥100,000–¥200,000 (above the fixed maximum of ¥100,000)
    const over = await h.gql(
      DECIDE,
      {
        caseId: k.caseId,
        input: {
          decision: 'PENALTY',
          illegalGainsFen: gains,
          penalties: [fine(20_000_001), { kind: 'CONFISCATE_GAINS', amountFen: gains }],
        },
      },
      c.tokens.head,
    );
    expectError(over.data.decideCase, 'RuleViolation', {
      rule: 'FINE_ABOVE_MAXIMUM',
      zh: '倍',
      en: 'times the illegal gains',
    });
    const ok = await h.gql(
      DECIDE,
      {
        caseId: k.caseId,
        input: {
          decision: 'PENALTY',
          illegalGainsFen: gains,
          penalties: [fine(20_000_000), { kind: 'CONFISCATE_GAINS', amountFen: gains }],
        },
      },
      c.tokens.head,
    );
    expect(ok.data.decideCase.data).toMatchObject({
      illegalGainsFen: gains,
      fineFen: 20_000_000,
      confiscationFen: gains,
    });
  });

  it('no penalty needs its ground and gets a 不罚 number of its own sequence; a dropped case gets none', async () => {
    const k = await openedCase();
    const none = await h.gql(DECIDE, { caseId: k.caseId, input: { decision: 'NO_PENALTY' } }, c.tokens.head);
    expectError(none.data.decideCase, 'RuleViolation', {
      rule: 'CASE_GROUND_REQUIRED',
      zh: '第33条',
      en: 'legal ground',
    });
    const wrong = await h.gql(
      DECIDE,
      { caseId: k.caseId, input: { decision: 'NO_PENALTY', ground: 'FACTS_NOT_ESTABLISHED' } },
      c.tokens.head,
    );
    expectError(wrong.data.decideCase, 'RuleViolation', { rule: 'CASE_GROUND_NOT_FOR_DECISION' });
    await nothingWritten(k.id);
    const res = await h.gql(
      DECIDE,
      {
        caseId: k.caseId,
        input: {
          decision: 'NO_PENALTY',
          ground: 'FIRST_OFFENCE',
          groundNote: '首次违法，当场改正',
          penalties: [{ kind: 'CONFISCATE_GAINS', amountFen: 3_000 }],
        },
      },
      c.tokens.head,
    );
    expect(res.data.decideCase.data).toMatchObject({
      decision: 'NO_PENALTY',
      decisionNumber: `阜市监不罚〔${YEAR}〕1号`,
      ground: 'FIRST_OFFENCE',
      groundNote: '首次违法，当场改正',
      fineFen: null,
      confiscationFen: 3_000,
    });
    expect((await h.gql(ADVANCE, { caseId: k.caseId, to: 'CLOSED' }, c.tokens.o1)).data.advanceCase.data.stage).toBe(
      'CLOSED',
    );

    const d = await openedCase({ enterpriseId: null, partyDescription: '流动摊贩（不具名）' });
    const other = await h.gql(
      DECIDE,
      { caseId: d.caseId, input: { decision: 'DROPPED', ground: 'OTHER' } },
      c.tokens.head,
    );
    expectError(other.data.decideCase, 'RuleViolation', {
      rule: 'CASE_GROUND_REQUIRED',
      zh: '其他理由',
      en: 'another ground',
    });
    const dropped = await h.gql(
      DECIDE,
      { caseId: d.caseId, input: { decision: 'DROPPED', ground: 'OTHER', groundNote: '当事人已注销' } },
      c.tokens.head,
    );
    expect(dropped.data.decideCase.data).toMatchObject({
      decision: 'DROPPED',
      decisionNumber: null,
      ground: 'OTHER',
      groundNote: '当事人已注销',
    });
    const [decided] = (await eventsOf(d.id)).filter((e) => e.topic === 'case.decided');
    expect(decided).toMatchObject({
      enterpriseId: null,
      payload: { decisionNumber: null, ground: 'OTHER', penalties: [] },
    });
  });

  describe('简易程序 (第51条)', () => {
    const simpleCase = (enterpriseId: number | null) =>
      // 简易程序: decided on the spot by an assigned officer, without legal review.
      directCase(h, c.market.id, enterpriseId, [c.people.o1.id, c.people.o2.id], 'INVESTIGATING', {
        matterId: c.matters.licence.id,
        procedure: 'SIMPLE',
        violationOn: new Date(`${shanghaiDay(-1)}T00:00:00Z`),
      });
    const decide = (id: number, amountFen: number) =>
      h.gql(
        DECIDE,
        {
          caseId: gid('EnforcementCase', id),
          input: { decision: 'PENALTY', penalties: [{ kind: 'WARNING' }, fine(amountFen)] },
        },
        c.tokens.o1,
      );

    it('a citizen, and an 个体工商户 as one: ¥200 decided, ¥200.01 refused', async () => {
      for (const party of [null, c.stall.id]) {
        const k = await simpleCase(party);
        expectError((await decide(k.id, 20_001)).data.decideCase, 'RuleViolation', {
          rule: 'CASE_SIMPLE_PROCEDURE_LIMIT',
          zh: ['¥200.00', '第51条'],
          en: 'art. 51',
        });
        expect((await decide(k.id, 20_000)).data.decideCase.data).toMatchObject({
          decision: 'PENALTY',
          fineFen: 20_000,
        });
      }
    });

    it('an organisation: ¥3,000 decided, ¥3,000.01 refused; only a warning and a fine', async () => {
      const k = await simpleCase(c.shop.id);
      expectError((await decide(k.id, 300_001)).data.decideCase, 'RuleViolation', {
        rule: 'CASE_SIMPLE_PROCEDURE_LIMIT',
        zh: '¥3,000.00',
      });
      const revoke = await h.gql(
        DECIDE,
        {
          caseId: gid('EnforcementCase', k.id),
          input: { decision: 'PENALTY', penalties: [{ kind: 'REVOKE_LICENCE' }] },
        },
        c.tokens.o1,
      );
      expectError(revoke.data.decideCase, 'RuleViolation', { rule: 'CASE_SIMPLE_PROCEDURE_LIMIT', zh: '吊销许可证件' });
      expect((await decide(k.id, 300_000)).data.decideCase.data).toMatchObject({ fineFen: 300_000 });
    });
  });

  it('two concurrent decisions on one case: exactly one wins', async () => {
    const k = await openedCase();
    const results = await Promise.all([
      h.gql(DECIDE, { caseId: k.caseId, input: { decision: 'PENALTY', penalties: [fine(100_000)] } }, c.tokens.head),
      h.gql(
        DECIDE,
        {
          caseId: k.caseId,
          input: { decision: 'LIGHTER', mitigatingCircumstance: '配合调查', penalties: [fine(50_000)] },
        },
        c.tokens.sysAdmin,
      ),
    ]);
    const kinds = results.map((r) => r.data.decideCase.__typename).sort();
    expect(kinds).toEqual(['MutationDecideCaseSuccess', 'RuleViolation']);
    expect(results.find((r) => r.data.decideCase.rule)!.data.decideCase.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect((await eventsOf(k.id)).map((e) => e.topic)).toEqual(['case.opened', 'case.decided']);
  });

  it('concurrent decisions on many cases get distinct, gap-free numbers (real concurrency on PostgreSQL)', async () => {
    const cases = [];
    for (let i = 0; i < 8; i++) cases.push(await openedCase());
    const before = await h.db.prisma.documentSequence.findUnique({
      where: { agencyId_kind_year: { agencyId: c.market.id, kind: 'PENALTY_DECISION', year: YEAR } },
    });
    const results = await Promise.all(
      cases.map((k, i) =>
        h.gql(
          DECIDE,
          // Every third one is refused (above the maximum): its transaction takes no number.
          {
            caseId: k.caseId,
            input: { decision: 'PENALTY', penalties: [fine(i % 3 === 2 ? 3_000_001 : 100_000 + i)] },
          },
          i % 2 ? c.tokens.head : c.tokens.sysAdmin,
        ),
      ),
    );
    const numbers = results
      .filter((r) => r.data.decideCase.data)
      .map((r) => r.data.decideCase.data.decisionNumber as string);
    expect(numbers).toHaveLength(6);
    const start = before?.last ?? 0;
    expect(numbers.map(serial).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6].map((n) => start + n));
    expect(numbers.every((n) => n.startsWith(`阜市监罚〔${YEAR}〕`))).toBe(true);
  });

  it('an officer of another agency is not told the case exists (as for an unknown case); the public must sign in', async () => {
    const k = await openedCase();
    const vars = { caseId: k.caseId, input: { decision: 'PENALTY', penalties: [fine(100)] } };
    expectError((await h.gql(DECIDE, vars, c.tokens.envOfficer)).data.decideCase, 'NotFoundError', {
      zh: '未找到案件',
      en: 'Case not found',
    });
    expectError((await h.gql(DECIDE, vars, c.tokens.shop)).data.decideCase, 'ForbiddenError');
    expectError((await h.gql(DECIDE, vars)).data.decideCase, 'UnauthenticatedError', { en: 'Authentication required' });
    await nothingWritten(k.id);
  });
});

describe('reading cases', () => {
  let marketCase: number;
  let envCase: number;
  let factoryCase: number;
  beforeAll(async () => {
    marketCase = (await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'INVESTIGATING')).id;
    envCase = (await directCase(h, c.env.id, c.shop.id, [c.people.envOfficer.id, c.people.envOfficer2.id])).id;
    factoryCase = (await directCase(h, c.env.id, c.factory.id, [c.people.envOfficer.id, c.people.envOfficer2.id])).id;
  });

  const LIST = `query($agencyId: ID, $enterpriseId: ID, $stage: CaseStage) { cases(first: 100, agencyId: $agencyId, enterpriseId: $enterpriseId,
    stage: $stage) { totalCount edges { node { id number agency { name } } } } }`;
  const ids = (res: GqlJson) => res.data.cases.edges.map((e: GqlJson) => caseIdOf(e.node.id));

  it('an officer sees only the cases of their agency', async () => {
    const mine = await h.gql(LIST, {}, c.tokens.o1);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.cases.edges.every((e: GqlJson) => e.node.agency.name === '阜宁县市场监督管理局')).toBe(true);
    expect(ids(mine)).toContain(marketCase);
    expect(ids(mine)).not.toContain(envCase);
    const theirs = await h.gql(LIST, { agencyId: gid('Agency', c.env.id) }, c.tokens.o1);
    expect(theirs.data.cases).toEqual({ totalCount: 0, edges: [] });
  });

  it('filters by agency, enterprise and stage, with a total count', async () => {
    const res = await h.gql(
      LIST,
      { agencyId: gid('Agency', c.env.id), enterpriseId: gid('Enterprise', c.factory.id) },
      c.tokens.supervisor,
    );
    expect(ids(res)).toEqual([factoryCase]);
    expect(res.data.cases.totalCount).toBe(1);
    const investigating = await h.gql(LIST, { stage: 'INVESTIGATING' }, c.tokens.supervisor);
    expect(ids(investigating)).toContain(marketCase);
    expect(ids(investigating)).not.toContain(envCase);
    expect(investigating.data.cases.totalCount).toBe(ids(investigating).length);
  });

  it('a supervisor sees every case; an enterprise sees only its own', async () => {
    const all = await h.gql(LIST, {}, c.tokens.supervisor);
    expect(all.data.cases.totalCount).toBe(await h.db.prisma.enforcementCase.count());
    const factory = await h.gql(LIST, {}, c.tokens.factory);
    expect(ids(factory)).toEqual([factoryCase]);
  });

  it('the public must sign in', async () => {
    const res = await h.gql(LIST, {});
    // The refused connection is null, not the response (every connection is nullable: core input/paging.ts).
    expect(res.data).toEqual({ cases: null });
    expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toContain('请先登录');
    expect(res.errors![0].message).toContain('Authentication required');
    const one = await h.gql(`query($id: ID!) { case(id: $id) { number } }`, { id: gid('EnforcementCase', marketCase) });
    expect(one.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const back = await h.gql(`query($id: ID!) { agency(id: $id) { name cases { totalCount } } }`, {
      id: gid('Agency', c.market.id),
    });
    expect(back.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("case(id) and node(id) hide another agency's case", async () => {
    const Q = `query($id: ID!) { case(id: $id) { number stage } node(id: $id) { id } }`;
    const own = await h.gql(Q, { id: gid('EnforcementCase', marketCase) }, c.tokens.o1);
    expect(own.data.case.stage).toBe('INVESTIGATING');
    expect(own.data.node.id).toBe(gid('EnforcementCase', marketCase));
    const other = await h.gql(
      `query($id: ID!) { case(id: $id) { number } }`,
      { id: gid('EnforcementCase', envCase) },
      c.tokens.o1,
    );
    expect(other.data.case).toBeNull();
    // Hidden answers exactly as unknown: null, no error that would tell the row exists.
    const node = await h.gql(
      `query($id: ID!) { node(id: $id) { id } }`,
      { id: gid('EnforcementCase', envCase) },
      c.tokens.o1,
    );
    expect(node).toEqual({ data: { node: null } });
  });

  it('cases(overdue:) and isOverdue: undecided and past the deadline; the deadline day itself is not overdue', async () => {
    const day = (n: number) => new Date(`${shanghaiDay(n)}T00:00:00Z`);
    const mk = async (deadline: Date | null, stage: 'INVESTIGATING' | 'LEGAL_REVIEW' = 'INVESTIGATING') => {
      const k = await directCase(h, c.env.id, c.shop.id, [c.people.envOfficer.id, c.people.envOfficer2.id], stage);
      await h.db.prisma.enforcementCase.update({ where: { id: k.id }, data: { deadlineOn: deadline } });
      return k.id;
    };
    const late = await mk(day(-1));
    const lastDay = await mk(day(0));
    const simple = await mk(null);
    const decidedLate = await mk(day(-30));
    await h.db.prisma.enforcementCase.update({
      where: { id: decidedLate },
      data: { stage: 'DECIDED', decision: 'DROPPED', ground: 'FACTS_NOT_ESTABLISHED' },
    });
    const Q = `query($a: ID!, $o: Boolean) { cases(first: 100, agencyId: $a, overdue: $o) { totalCount edges { node { id deadline isOverdue } } } }`;
    const a = gid('Agency', c.env.id);
    const overdue = await h.gql(Q, { a, o: true }, c.tokens.supervisor);
    expect(overdue.errors).toBeUndefined();
    expect(ids(overdue)).toEqual([late]);
    expect(overdue.data.cases.edges[0].node).toMatchObject({ deadline: shanghaiDay(-1), isOverdue: true });
    const notOverdue = await h.gql(Q, { a, o: false }, c.tokens.supervisor);
    expect(ids(notOverdue)).toEqual(expect.arrayContaining([lastDay, simple, decidedLate]));
    expect(ids(notOverdue)).not.toContain(late);
    expect(notOverdue.data.cases.edges.every((e: GqlJson) => e.node.isOverdue === false)).toBe(true);
    const all = await h.gql(Q, { a }, c.tokens.supervisor);
    expect(all.data.cases.totalCount).toBe(overdue.data.cases.totalCount + notOverdue.data.cases.totalCount);
  });

  it('Agency.cases and Enterprise.cases apply the same row rule', async () => {
    const Q = `query($a: ID!, $e: ID!) {
      agency(id: $a) { cases(first: 50) { totalCount edges { node { id } } } }
      node(id: $e) { ... on Enterprise { cases(first: 50) { totalCount edges { node { id agency { name } } } } } } }`;
    const vars = { a: gid('Agency', c.env.id), e: gid('Enterprise', c.shop.id) };
    const officer = await h.gql(Q, vars, c.tokens.o1);
    expect(officer.errors).toBeUndefined();
    expect(officer.data.agency.cases).toEqual({ totalCount: 0, edges: [] });
    const shopCases = officer.data.node.cases.edges.map((e: GqlJson) => caseIdOf(e.node.id));
    expect(shopCases).toContain(marketCase);
    expect(shopCases).not.toContain(envCase);
    expect(officer.data.node.cases.totalCount).toBe(shopCases.length);
    const sup = await h.gql(Q, vars, c.tokens.supervisor);
    expect(sup.data.agency.cases.edges.map((e: GqlJson) => caseIdOf(e.node.id))).toEqual(
      expect.arrayContaining([envCase, factoryCase]),
    );
    expect(sup.data.agency.cases.totalCount).toBe(
      await h.db.prisma.enforcementCase.count({ where: { agencyId: c.env.id } }),
    );
    expect(sup.data.node.cases.edges.map((e: GqlJson) => caseIdOf(e.node.id))).toEqual(
      expect.arrayContaining([marketCase, envCase]),
    );
  });
});
