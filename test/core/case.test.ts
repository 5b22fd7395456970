import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '@zhifa/core';
import { createHarness, ERR, gid, idOf as caseIdOf, type Harness } from '@zhifa/testkit';
import {
  ADVANCE, ASSIGN, caseNumber, DECIDE, directCase, expectError, MEASURE, measureInput, OPEN_CASE, readyToDecide, seedCounty, type County,
} from './case-fixtures.js';

let h: Harness;
let c: County;
beforeAll(async () => {
  h = await createHarness();
  c = await seedCounty(h);
});
afterAll(() => h?.close());

const SERVICE = `mutation($caseId: ID!, $input: RecordServiceInput!) { recordService(caseId: $caseId, input: $input) { ${ERR} ... on MutationRecordServiceSuccess { data { kind on } } } }`;
const eventsOf = (caseId: number) => h.db.prisma.event.findMany({ where: { caseId }, orderBy: { id: 'asc' } });

function openInput(over: Record<string, unknown> = {}) {
  return {
    number: caseNumber(),
    agencyId: gid('Agency', c.market.id),
    enterpriseId: gid('Enterprise', c.shop.id),
    violation: '销售超过保质期的食品',
    violatedProvision: '《食品安全法》第三十四条第十项',
    penaltyProvision: '《食品安全法》第一百二十四条第一款第五项',
    ...over,
  };
}

describe('openCase', () => {
  it('an officer registers a case against an enterprise, with its event', async () => {
    const input = openInput({ number: '阜市监罚〔2025〕12号' });
    const res = await h.gql(OPEN_CASE, { input }, c.tokens.o1);
    expect(res.errors).toBeUndefined();
    const data = res.data.openCase.data;
    expect(data).toMatchObject({
      number: '阜市监罚〔2025〕12号',
      stage: 'REGISTERED',
      partyKind: 'ENTERPRISE',
      partyDescription: null,
      enterprise: { name: '阜宁县某某食品店' },
      agency: { name: '阜宁县市场监督管理局' },
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
    expect(event!.payload).toMatchObject({ caseId: id, number: '阜市监罚〔2025〕12号', stage: 'REGISTERED' });
  });

  it('an agency admin registers a case against an unnamed natural person', async () => {
    const res = await h.gql(
      OPEN_CASE,
      { input: openInput({ enterpriseId: null, partyDescription: '流动摊贩（不具名）' }) },
      c.tokens.marketAdmin,
    );
    expect(res.data.openCase.data).toMatchObject({ partyKind: 'NATURAL_PERSON', partyDescription: '流动摊贩（不具名）', enterprise: null });
  });

  it('a system admin may register for any agency', async () => {
    const res = await h.gql(OPEN_CASE, { input: openInput({ agencyId: gid('Agency', c.env.id) }) }, c.tokens.sysAdmin);
    expect(res.data.openCase.data.agency.name).toBe('盐城市阜宁生态环境局');
  });

  it('refuses a duplicate number, or a party that is both or neither, writing nothing', async () => {
    const before = await h.db.prisma.enforcementCase.count();
    const eventsBefore = await h.db.prisma.event.count();
    const dup = await h.gql(OPEN_CASE, { input: openInput({ number: '阜市监罚〔2025〕12号' }) }, c.tokens.o1);
    expectError(dup.data.openCase, 'ValidationError', { zh: '案号已存在', en: 'a case with this number exists' });
    expect(dup.data.openCase.issues[0].path).toEqual(['input', 'number']);
    const both = await h.gql(OPEN_CASE, { input: openInput({ partyDescription: '某人' }) }, c.tokens.o1);
    expectError(both.data.openCase, 'ValidationError', { zh: '二者选一', en: 'exactly one' });
    const neither = await h.gql(OPEN_CASE, { input: openInput({ enterpriseId: null }) }, c.tokens.o1);
    expectError(neither.data.openCase, 'ValidationError', { zh: '二者选一' });
    // zod input checks run before the resolver: with builder option errors.unsafelyHandleInputErrors they
    // come back as a typed ValidationError, without it as a top-level VALIDATION_FAILED error. Either way
    // the message names the field in both languages and nothing is written.
    const blank = await h.gql(OPEN_CASE, { input: openInput({ violation: '   ' }) }, c.tokens.o1);
    const failure = blank.data?.openCase ?? blank.errors?.[0];
    expect(failure.code ?? failure.extensions?.code).toBe('VALIDATION_FAILED');
    expect(failure.message).toContain('违法行为不能为空');
    expect(failure.messageEn ?? failure.message).toContain('violation must not be empty');
    const missing = await h.gql(OPEN_CASE, { input: openInput({ enterpriseId: gid('Enterprise', 999_999) }) }, c.tokens.o1);
    expectError(missing.data.openCase, 'NotFoundError', { zh: '经营主体', en: 'Enterprise not found' });
    const wrongType = await h.gql(OPEN_CASE, { input: openInput({ enterpriseId: gid('Agency', c.market.id) }) }, c.tokens.o1);
    expectError(wrongType.data.openCase, 'ValidationError', { en: 'not an id of a Enterprise' });
    expect(await h.db.prisma.enforcementCase.count()).toBe(before);
    expect(await h.db.prisma.event.count()).toBe(eventsBefore);
  });

  it('refuses an officer of another agency, an auxiliary, a supervisor, an enterprise and the public', async () => {
    const input = openInput();
    for (const token of [c.tokens.envOfficer, c.tokens.auxiliary, c.tokens.supervisor, c.tokens.shop]) {
      const res = await h.gql(OPEN_CASE, { input }, token);
      expectError(res.data.openCase, 'ForbiddenError', { zh: '无权', en: 'Not allowed' });
    }
    const anon = await h.gql(OPEN_CASE, { input });
    expectError(anon.data.openCase, 'UnauthenticatedError', { zh: '请先登录', en: 'Authentication required' });
    expect(await h.db.prisma.enforcementCase.findUnique({ where: { number: input.number } })).toBeNull();
  });
});

describe('assignOfficers', () => {
  it('needs two enforceable officers: an auxiliary does not count', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, []);
    const res = await h.gql(ASSIGN, { caseId: gid('EnforcementCase', k.id), personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.auxiliary.id)] }, c.tokens.marketAdmin);
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
      { caseId: gid('EnforcementCase', k.id), personIds: [c.people.o1.id, c.people.expired.id, c.people.unreviewed.id].map((id) => gid('Person', id)) },
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
    const same = await h.gql(ASSIGN, { caseId: gid('EnforcementCase', k.id), personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o1.id)] }, c.tokens.marketAdmin);
    expectError(same.data.assignOfficers, 'RuleViolation', { rule: 'CASE_TWO_OFFICERS', en: 'only 1' });
    const other = await h.gql(
      ASSIGN,
      { caseId: gid('EnforcementCase', k.id), personIds: [c.people.o1.id, c.people.o2.id, c.people.envOfficer.id].map((id) => gid('Person', id)) },
      c.tokens.marketAdmin,
    );
    expectError(other.data.assignOfficers, 'RuleViolation', { rule: 'CASE_OFFICER_INELIGIBLE', zh: '吴环保：不是本案承办单位的人员', en: "not of the case's agency" });
  });

  it('assigns two officers, then replaces them, each with an event', async () => {
    // While no one is assigned, the officer who registered the case assigns.
    const k = await directCase(h, c.market.id, c.shop.id, [], 'REGISTERED', { registeredBy: `person:${c.people.o1.id}` });
    const caseId = gid('EnforcementCase', k.id);
    const first = await h.gql(ASSIGN, { caseId, personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o2.id)] }, c.tokens.o1);
    expect(first.data.assignOfficers.data.officers.edges.map((e: any) => e.node.person.name)).toEqual(['张执法', '李执法']);
    const second = await h.gql(ASSIGN, { caseId, personIds: [gid('Person', c.people.o2.id), gid('Person', c.people.o3.id)] }, c.tokens.marketAdmin);
    expect(second.data.assignOfficers.data.officers).toMatchObject({ totalCount: 2, edges: [{ node: { person: { name: '李执法' } } }, { node: { person: { name: '赵执法' } } }] });
    const events = await eventsOf(k.id);
    expect(events.map((e) => e.topic)).toEqual(['case.officersAssigned', 'case.officersAssigned']);
    expect(events[1]).toMatchObject({ agencyId: c.market.id, enterpriseId: c.shop.id, caseId: k.id, payload: { personIds: [c.people.o2.id, c.people.o3.id] } });
  });

  it('an officer of another agency is forbidden; the public must sign in', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, []);
    const vars = { caseId: gid('EnforcementCase', k.id), personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o2.id)] };
    expectError((await h.gql(ASSIGN, vars, c.tokens.envOfficer)).data.assignOfficers, 'ForbiddenError', { en: 'Not allowed' });
    // Officers of the agency who did not register it, and its legal reviewer, do not assign.
    expectError((await h.gql(ASSIGN, vars, c.tokens.o1)).data.assignOfficers, 'ForbiddenError');
    expectError((await h.gql(ASSIGN, vars, c.tokens.reviewer)).data.assignOfficers, 'ForbiddenError');
    expectError((await h.gql(ASSIGN, vars, c.tokens.supervisor)).data.assignOfficers, 'ForbiddenError');
    expectError((await h.gql(ASSIGN, vars)).data.assignOfficers, 'UnauthenticatedError', { zh: '请先登录' });
    expect(await h.db.prisma.caseOfficer.count({ where: { caseId: k.id } })).toBe(0);
  });

  it('the agency head assigns; once assigned, the assigned officers reassign and the registering officer no longer may', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [], 'REGISTERED', { registeredBy: `person:${c.people.o3.id}` });
    const caseId = gid('EnforcementCase', k.id);
    const byHead = await h.gql(ASSIGN, { caseId, personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o2.id)] }, c.tokens.head);
    expect(byHead.data.assignOfficers.data.officers.totalCount).toBe(2);
    const byRegistrar = await h.gql(ASSIGN, { caseId, personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o3.id)] }, c.tokens.o3);
    expectError(byRegistrar.data.assignOfficers, 'ForbiddenError');
    const byAssigned = await h.gql(ASSIGN, { caseId, personIds: [gid('Person', c.people.o2.id), gid('Person', c.people.o3.id)] }, c.tokens.o1);
    expect(byAssigned.data.assignOfficers.data.officers.totalCount).toBe(2);
  });

  it('an unknown case is not found', async () => {
    const res = await h.gql(ASSIGN, { caseId: gid('EnforcementCase', 999_999), personIds: [] }, c.tokens.o1);
    expectError(res.data.assignOfficers, 'NotFoundError', { zh: '未找到案件', en: 'Case not found' });
  });
});

describe('advanceCase', () => {
  it('refuses investigation without two enforceable officers, including one whose certificate lapsed since', async () => {
    // An auxiliary may be recorded beside an officer, but does not count.
    const none = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.auxiliary.id]);
    const r1 = await h.gql(ADVANCE, { caseId: gid('EnforcementCase', none.id), to: 'INVESTIGATING' }, c.tokens.o1);
    expectError(r1.data.advanceCase, 'RuleViolation', { rule: 'CASE_TWO_OFFICERS', zh: '调查取证', en: 'Investigation needs' });
    const lapsing = await h.db.prisma.person.create({
      data: { ...c.people.o3, id: undefined, name: '冯将过期', certificateNumber: 'CERT-LAPSING', createdAt: undefined, updatedAt: undefined },
    });
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, lapsing.id]);
    await h.db.prisma.person.update({ where: { id: lapsing.id }, data: { certificateStatus: 'SUSPENDED' } });
    const r2 = await h.gql(ADVANCE, { caseId: gid('EnforcementCase', k.id), to: 'INVESTIGATING' }, c.tokens.o1);
    expectError(r2.data.advanceCase, 'RuleViolation', { rule: 'CASE_TWO_OFFICERS', en: 'there are 1' });
    expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).stage).toBe('REGISTERED');
  });

  it('moves forward one step at a time and never back', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id]);
    const caseId = gid('EnforcementCase', k.id);
    const skip = await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, c.tokens.o1);
    expectError(skip.data.advanceCase, 'RuleViolation', { rule: 'CASE_ILLEGAL_TRANSITION', zh: '不能跳过', en: 'cannot be skipped' });
    expect((await h.gql(ADVANCE, { caseId, to: 'INVESTIGATING' }, c.tokens.o1)).data.advanceCase.data.stage).toBe('INVESTIGATING');
    const back = await h.gql(ADVANCE, { caseId, to: 'REGISTERED' }, c.tokens.o1);
    expectError(back.data.advanceCase, 'RuleViolation', { rule: 'CASE_ILLEGAL_TRANSITION', zh: '不能回退', en: 'never go backwards' });
    expect((await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, c.tokens.o1)).data.advanceCase.data.stage).toBe('LEGAL_REVIEW');
    const decide = await h.gql(ADVANCE, { caseId, to: 'DECIDED' }, c.tokens.o1);
    expectError(decide.data.advanceCase, 'RuleViolation', { rule: 'CASE_ILLEGAL_TRANSITION', zh: '处理决定', en: 'recording a decision' });
    const events = await eventsOf(k.id);
    expect(events.map((e) => [e.topic, (e.payload as any).from, (e.payload as any).to])).toEqual([
      ['case.advanced', 'REGISTERED', 'INVESTIGATING'],
      ['case.advanced', 'INVESTIGATING', 'LEGAL_REVIEW'],
    ]);
  });

  it('an officer of another agency is forbidden; the public must sign in', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id]);
    const vars = { caseId: gid('EnforcementCase', k.id), to: 'INVESTIGATING' };
    expectError((await h.gql(ADVANCE, vars, c.tokens.envOfficer)).data.advanceCase, 'ForbiddenError');
    expectError((await h.gql(ADVANCE, vars)).data.advanceCase, 'UnauthenticatedError');
    // Only the assigned officers act: not another officer of the agency, its admin, head or reviewer, nor a supervisor.
    for (const token of [c.tokens.o3, c.tokens.marketAdmin, c.tokens.head, c.tokens.reviewer, c.tokens.supervisor])
      expectError((await h.gql(ADVANCE, vars, token)).data.advanceCase, 'ForbiddenError');
    expect((await h.gql(ADVANCE, vars, c.tokens.sysAdmin)).data.advanceCase.data.stage).toBe('INVESTIGATING');
  });
});

describe('recordCompulsoryMeasure', () => {
  const measure = () =>
    measureInput([c.people.o1.id, c.people.o2.id], { kind: 'SEAL_UP', object: '过期食品 12 箱', isProductionEquipment: false, justification: '防止继续销售' });

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
      payload: { kind: 'SEAL_UP', object: '过期食品 12 箱', isProductionEquipment: false, justified: true, status: 'REQUESTED', emergency: false, dueOn: null },
    });
  });

  it('refuses a measure after the decision, and strangers', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id]);
    await h.db.prisma.enforcementCase.update({ where: { id: k.id }, data: { stage: 'DECIDED', decision: 'PENALTY', fineFen: 100n } });
    const caseId = gid('EnforcementCase', k.id);
    const late = await h.gql(MEASURE, { caseId, input: measure() }, c.tokens.o1);
    expectError(late.data.recordCompulsoryMeasure, 'RuleViolation', { rule: 'CASE_MEASURE_AFTER_DECISION', zh: '不能再采取', en: 'only before the decision' });
    expectError((await h.gql(MEASURE, { caseId, input: measure() }, c.tokens.envOfficer)).data.recordCompulsoryMeasure, 'ForbiddenError');
    expectError((await h.gql(MEASURE, { caseId, input: measure() })).data.recordCompulsoryMeasure, 'UnauthenticatedError');
    expect(await h.db.prisma.compulsoryMeasure.count({ where: { caseId: k.id } })).toBe(0);
  });
});

describe('decideCase', () => {
  it('needs legal review first', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'INVESTIGATING');
    const res = await h.gql(DECIDE, { caseId: gid('EnforcementCase', k.id), input: { decision: 'PENALTY', fineFen: 500_000 } }, c.tokens.head);
    expectError(res.data.decideCase, 'RuleViolation', { rule: 'CASE_ILLEGAL_TRANSITION', zh: '法制审核', en: 'legal review' });
  });

  it('a penalty needs a fine, a no-penalty decision carries none', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'LEGAL_REVIEW');
    const caseId = gid('EnforcementCase', k.id);
    const noFine = await h.gql(DECIDE, { caseId, input: { decision: 'LIGHTER' } }, c.tokens.head);
    expectError(noFine.data.decideCase, 'ValidationError', { zh: '从轻处罚', en: 'needs a fine' });
    expect(noFine.data.decideCase.issues[0].path).toEqual(['input', 'fineFen']);
    const fined = await h.gql(DECIDE, { caseId, input: { decision: 'NO_PENALTY', fineFen: 100 } }, c.tokens.head);
    expectError(fined.data.decideCase, 'ValidationError', { zh: '不得有罚款', en: 'carries no fine' });
    const negative = await h.gql(DECIDE, { caseId, input: { decision: 'PENALTY', fineFen: -1 } }, c.tokens.head);
    expectError(negative.data.decideCase, 'ValidationError', { zh: '非负整数', en: 'non-negative' });
    expect(negative.data.decideCase.issues[0].path).toEqual(['input', 'fineFen']);
    expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).stage).toBe('LEGAL_REVIEW');
    expect(await eventsOf(k.id)).toEqual([]);
  });

  it('decides a penalty, then executes and closes it', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'LEGAL_REVIEW');
    await readyToDecide(h, k.id, [{ kind: 'FINE', amountFen: 5_000_000 }, { kind: 'CONFISCATE_GAINS', amountFen: 12_345 }]);
    const caseId = gid('EnforcementCase', k.id);
    const res = await h.gql(DECIDE, { caseId, input: { decision: 'PENALTY', fineFen: 5_000_000, confiscationFen: 12_345 } }, c.tokens.head);
    expect(res.data.decideCase.data).toMatchObject({ stage: 'DECIDED', decision: 'PENALTY', fineFen: 5_000_000, confiscationFen: 12_345 });
    expect(res.data.decideCase.data.decidedAt).toBeTruthy();
    const again = await h.gql(DECIDE, { caseId, input: { decision: 'PENALTY', fineFen: 1 } }, c.tokens.head);
    expectError(again.data.decideCase, 'RuleViolation', { rule: 'CASE_ILLEGAL_TRANSITION' });
    const close = await h.gql(ADVANCE, { caseId, to: 'CLOSED' }, c.tokens.o1);
    expectError(close.data.advanceCase, 'RuleViolation', { rule: 'CASE_ILLEGAL_TRANSITION', zh: '须执行后方可结案', en: 'must be executed' });
    const unserved = await h.gql(ADVANCE, { caseId, to: 'EXECUTED' }, c.tokens.o1);
    expectError(unserved.data.advanceCase, 'RuleViolation', { rule: 'CASE_NOT_SERVED', zh: '第61条', en: 'art. 61' });
    const today = shanghaiToday(new Date()).toISOString().slice(0, 10);
    const served = await h.gql(SERVICE, { caseId, input: { on: today, documentNumber: '阜市监罚〔2025〕送1号' } }, c.tokens.o1);
    expect(served.data.recordService.data).toMatchObject({ kind: 'SERVICE', on: today });
    expect((await h.gql(ADVANCE, { caseId, to: 'EXECUTED' }, c.tokens.o1)).data.advanceCase.data.stage).toBe('EXECUTED');
    const closed = (await h.gql(ADVANCE, { caseId, to: 'CLOSED' }, c.tokens.o1)).data.advanceCase.data;
    expect(closed.stage).toBe('CLOSED');
    expect(closed.closedAt).toBeTruthy();
    const events = await eventsOf(k.id);
    expect(events.map((e) => e.topic)).toEqual(['case.decided', 'case.stepRecorded', 'case.advanced', 'case.advanced']);
    expect(events[0]).toMatchObject({
      agencyId: c.market.id,
      enterpriseId: c.shop.id,
      caseId: k.id,
      payload: { decision: 'PENALTY', fineFen: 5_000_000, confiscationFen: 12_345, via: 'decideCase' },
    });
    const reassign = await h.gql(ASSIGN, { caseId, personIds: [gid('Person', c.people.o1.id), gid('Person', c.people.o3.id)] }, c.tokens.o1);
    expectError(reassign.data.assignOfficers, 'RuleViolation', { rule: 'CASE_CLOSED' });
  });

  it('two concurrent decisions on one case: exactly one wins', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'LEGAL_REVIEW');
    await readyToDecide(h, k.id, [{ kind: 'FINE', amountFen: 100_000 }]);
    const caseId = gid('EnforcementCase', k.id);
    const results = await Promise.all([
      h.gql(DECIDE, { caseId, input: { decision: 'PENALTY', fineFen: 100_000 } }, c.tokens.head),
      h.gql(DECIDE, { caseId, input: { decision: 'LIGHTER', fineFen: 50_000 } }, c.tokens.sysAdmin),
    ]);
    const kinds = results.map((r) => r.data.decideCase.__typename).sort();
    expect(kinds).toEqual(['MutationDecideCaseSuccess', 'RuleViolation']);
    expect(results.find((r) => r.data.decideCase.rule)!.data.decideCase.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect((await eventsOf(k.id)).map((e) => e.topic)).toEqual(['case.decided']);
  });

  it('a no-penalty decision closes straight away', async () => {
    const k = await directCase(h, c.market.id, null, [c.people.o1.id, c.people.o2.id], 'LEGAL_REVIEW');
    await readyToDecide(h, k.id);
    const caseId = gid('EnforcementCase', k.id);
    expect((await h.gql(DECIDE, { caseId, input: { decision: 'NO_PENALTY' } }, c.tokens.head)).data.decideCase.data).toMatchObject({
      decision: 'NO_PENALTY',
      fineFen: null,
    });
    expect((await h.gql(ADVANCE, { caseId, to: 'CLOSED' }, c.tokens.o1)).data.advanceCase.data.stage).toBe('CLOSED');
    const [decided] = await eventsOf(k.id);
    expect(decided).toMatchObject({ topic: 'case.decided', enterpriseId: null });
  });

  it('an officer of another agency is forbidden; the public must sign in', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'LEGAL_REVIEW');
    const vars = { caseId: gid('EnforcementCase', k.id), input: { decision: 'PENALTY', fineFen: 100 } };
    expectError((await h.gql(DECIDE, vars, c.tokens.envOfficer)).data.decideCase, 'ForbiddenError', { zh: '无权', en: 'Not allowed' });
    // A general-procedure case is the agency head's to decide (第57条): not its officers, admin or reviewer.
    for (const token of [c.tokens.o1, c.tokens.marketAdmin, c.tokens.reviewer, c.tokens.supervisor])
      expectError((await h.gql(DECIDE, vars, token)).data.decideCase, 'ForbiddenError');
    expectError((await h.gql(DECIDE, vars, c.tokens.shop)).data.decideCase, 'ForbiddenError');
    expectError((await h.gql(DECIDE, vars)).data.decideCase, 'UnauthenticatedError', { en: 'Authentication required' });
    expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).decision).toBeNull();
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

  const LIST = `query($agencyId: ID, $enterpriseId: ID, $stage: CaseStage) { cases(first: 100, agencyId: $agencyId, enterpriseId: $enterpriseId, stage: $stage) { totalCount edges { node { id number agency { name } } } } }`;
  const ids = (res: any) => res.data.cases.edges.map((e: any) => caseIdOf(e.node.id));

  it('an officer sees only the cases of their agency', async () => {
    const mine = await h.gql(LIST, {}, c.tokens.o1);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.cases.edges.every((e: any) => e.node.agency.name === '阜宁县市场监督管理局')).toBe(true);
    expect(ids(mine)).toContain(marketCase);
    expect(ids(mine)).not.toContain(envCase);
    const theirs = await h.gql(LIST, { agencyId: gid('Agency', c.env.id) }, c.tokens.o1);
    expect(theirs.data.cases).toEqual({ totalCount: 0, edges: [] });
  });

  it('filters by agency, enterprise and stage, with a total count', async () => {
    const res = await h.gql(LIST, { agencyId: gid('Agency', c.env.id), enterpriseId: gid('Enterprise', c.factory.id) }, c.tokens.supervisor);
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
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toContain('请先登录');
    expect(res.errors![0].message).toContain('Authentication required');
    const one = await h.gql(`query($id: ID!) { case(id: $id) { number } }`, { id: gid('EnforcementCase', marketCase) });
    expect(one.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const back = await h.gql(`query($id: ID!) { agency(id: $id) { name cases { totalCount } } }`, { id: gid('Agency', c.market.id) });
    expect(back.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('case(id) and node(id) hide another agency\'s case', async () => {
    const Q = `query($id: ID!) { case(id: $id) { number stage } node(id: $id) { id } }`;
    const own = await h.gql(Q, { id: gid('EnforcementCase', marketCase) }, c.tokens.o1);
    expect(own.data.case.stage).toBe('INVESTIGATING');
    expect(own.data.node.id).toBe(gid('EnforcementCase', marketCase));
    const other = await h.gql(`query($id: ID!) { case(id: $id) { number } }`, { id: gid('EnforcementCase', envCase) }, c.tokens.o1);
    expect(other.data.case).toBeNull();
    // Hidden answers exactly as unknown: null, no error that would tell the row exists.
    const node = await h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: gid('EnforcementCase', envCase) }, c.tokens.o1);
    expect(node).toEqual({ data: { node: null } });
  });

  it('Agency.cases and Enterprise.cases apply the same row rule', async () => {
    const Q = `query($a: ID!, $e: ID!) {
      agency(id: $a) { cases(first: 50) { totalCount edges { node { id } } } }
      node(id: $e) { ... on Enterprise { cases(first: 50) { totalCount edges { node { id agency { name } } } } } } }`;
    const vars = { a: gid('Agency', c.env.id), e: gid('Enterprise', c.shop.id) };
    const officer = await h.gql(Q, vars, c.tokens.o1);
    expect(officer.errors).toBeUndefined();
    expect(officer.data.agency.cases).toEqual({ totalCount: 0, edges: [] });
    const shopCases = officer.data.node.cases.edges.map((e: any) => caseIdOf(e.node.id));
    expect(shopCases).toContain(marketCase);
    expect(shopCases).not.toContain(envCase);
    expect(officer.data.node.cases.totalCount).toBe(shopCases.length);
    const sup = await h.gql(Q, vars, c.tokens.supervisor);
    expect(sup.data.agency.cases.edges.map((e: any) => caseIdOf(e.node.id))).toEqual(expect.arrayContaining([envCase, factoryCase]));
    expect(sup.data.agency.cases.totalCount).toBe(await h.db.prisma.enforcementCase.count({ where: { agencyId: c.env.id } }));
    expect(sup.data.node.cases.edges.map((e: any) => caseIdOf(e.node.id))).toEqual(expect.arrayContaining([marketCase, envCase]));
  });
});
