// The procedure's legal edges through the API, each at its boundary: the stage every step needs (a
// hearing request on a closed case), the hearing's notice, presiding officer and publicity (第64条) and
// the decision resting on its record (第65条), a re-notice after the statement (第45条第2款), a notice
// checked against the matter, 第30–31条 grounds for natural persons only, and 简易程序's outcomes (第51条)
// with the conversion to the general procedure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '@zhifa/core/time';
import { createHarness, createMatter, ERR, gid, type Harness } from '@zhifa/testkit';
import { ADVANCE, DECIDE, directCase, expectError, readyToDecide, seedCounty, type County } from './case-fixtures.js';

let h: Harness;
let c: County;
beforeAll(async () => {
  h = await createHarness();
  c = await seedCounty(h);
});
afterAll(() => h?.close());

const STEP = `kind on outcome note newFacts hearingOn place publicHearing closedReason presidingOfficer { name }
  proposedPenalties { kind amountFen } case { stage procedure deadline }`;
const m = (name: string, input: string) =>
  `mutation($caseId: ID!, $input: ${input}!) { ${name}(caseId: $caseId, input: $input) { ${ERR} ... on
    Mutation${name[0].toUpperCase()}${name.slice(1)}Success { data { ${STEP} } } } }`;
const NOTICE = m('recordNotice', 'RecordNoticeInput');
const STATEMENT = m('recordStatement', 'RecordStatementInput');
const HEARING_REQUEST = m('recordHearingRequest', 'RecordHearingRequestInput');
const HEARING_NOTICE = m('recordHearingNotice', 'RecordHearingNoticeInput');
const HEARING = m('recordHearing', 'RecordHearingInput');
const REVIEW = m('recordLegalReview', 'RecordLegalReviewInput');
const CONVERT = `mutation($caseId: ID!, $reason: String!) { convertToGeneralProcedure(caseId: $caseId, reason: $reason) {
  ${ERR} ... on MutationConvertToGeneralProcedureSuccess { data { ${STEP} } } } }`;

const DAY_MS = 86_400_000;
const day = (n = 0) => new Date(shanghaiToday(new Date()).getTime() - n * DAY_MS).toISOString().slice(0, 10);
const stepCount = (caseId: number) => h.db.prisma.caseStep.count({ where: { caseId } });

/** A general-procedure case of the market agency, registered 20 days ago, 张执法 and 李执法 assigned. */
async function kase(
  opts: {
    naturalPerson?: boolean;
    stage?: 'REGISTERED' | 'INVESTIGATING' | 'LEGAL_REVIEW';
    matterId?: number;
    procedure?: 'SIMPLE' | 'GENERAL';
  } = {},
) {
  const k = await directCase(
    h,
    c.market.id,
    opts.naturalPerson ? null : c.shop.id,
    [c.people.o1.id, c.people.o2.id],
    opts.stage ?? 'INVESTIGATING',
    { matterId: opts.matterId, procedure: opts.procedure },
  );
  await h.db.prisma.enforcementCase.update({
    where: { id: k.id },
    data: { registeredAt: new Date(Date.now() - 20 * DAY_MS) },
  });
  return { ...k, caseId: gid('EnforcementCase', k.id) };
}

const notice = (caseId: string, on: string, proposedPenalties: unknown[], over: Record<string, unknown> = {}) =>
  h.gql(NOTICE, { caseId, input: { on, proposedPenalties, ...over } }, c.tokens.o1);

/** A hearing by 赵执法 (of the agency, not assigned) unless `over` says otherwise. */
const hearing = (caseId: string, on: string, over: Record<string, unknown> = {}) =>
  h.gql(
    HEARING,
    {
      caseId,
      input: {
        on,
        note: '听证笔录：当事人到场陈述申辩',
        presidingOfficerId: gid('Person', c.people.o3.id),
        public: true,
        ...over,
      },
    },
    c.tokens.o1,
  );

describe('every step checks the stage (naming its article)', () => {
  it('a hearing request on a closed case is refused and writes nothing; the same request while investigating is recorded', async () => {
    const k = await kase({ naturalPerson: true });
    await notice(k.caseId, day(2), [{ kind: 'REVOKE_LICENCE' }]);
    const before = await stepCount(k.id);
    for (const stage of ['CLOSED', 'DECIDED', 'LEGAL_REVIEW'] as const) {
      await h.db.prisma.enforcementCase.update({ where: { id: k.id }, data: { stage } });
      const r = await h.gql(
        HEARING_REQUEST,
        { caseId: k.caseId, input: { on: day(1), outcome: 'REQUESTED' } },
        c.tokens.o1,
      );
      expectError(r.data.recordHearingRequest, 'RuleViolation', {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        zh: ['第64条', '调查取证'],
        en: ['art. 64', 'investigating'],
      });
      const s = await h.gql(STATEMENT, { caseId: k.caseId, input: { on: day(1), outcome: 'RECEIVED' } }, c.tokens.o1);
      expectError(s.data.recordStatement, 'RuleViolation', { rule: 'CASE_STEP_OUT_OF_ORDER', zh: '第45条' });
    }
    expect(await stepCount(k.id)).toBe(before);
    await h.db.prisma.enforcementCase.update({ where: { id: k.id }, data: { stage: 'INVESTIGATING' } });
    const ok = await h.gql(
      HEARING_REQUEST,
      { caseId: k.caseId, input: { on: day(1), outcome: 'REQUESTED' } },
      c.tokens.o1,
    );
    expect(ok.data.recordHearingRequest.data).toMatchObject({ kind: 'HEARING_REQUEST', outcome: 'REQUESTED' });
  });
});

describe('hearings (第64条, 第65条)', () => {
  it('told 7 days ahead (day 7 ok, day 6 refused), presided over by one who did not investigate, public or for a named reason; the decision rests on its record', async () => {
    const k = await kase({ naturalPerson: true });
    await notice(k.caseId, day(12), [{ kind: 'FINE', amountFen: 1_500_000 }]);
    await h.gql(STATEMENT, { caseId: k.caseId, input: { on: day(12), outcome: 'WAIVED' } }, c.tokens.o1);
    // No hearing notice before the request; no hearing before its notice.
    const early = await h.gql(
      HEARING_NOTICE,
      { caseId: k.caseId, input: { on: day(12), hearingOn: day(3), place: '听证室' } },
      c.tokens.o1,
    );
    expectError(early.data.recordHearingNotice, 'RuleViolation', { rule: 'CASE_STEP_OUT_OF_ORDER', zh: '第64条' });
    await h.gql(HEARING_REQUEST, { caseId: k.caseId, input: { on: day(11), outcome: 'REQUESTED' } }, c.tokens.o1);
    expectError((await hearing(k.caseId, day(3))).data.recordHearing, 'RuleViolation', {
      rule: 'CASE_STEP_OUT_OF_ORDER',
      zh: '第64条第（二）项',
    });

    // 第64条第（二）项: the notice sets a day 7 days on at the earliest.
    const six = await h.gql(
      HEARING_NOTICE,
      { caseId: k.caseId, input: { on: day(10), hearingOn: day(4), place: '本局听证室' } },
      c.tokens.o1,
    );
    expectError(six.data.recordHearingNotice, 'RuleViolation', {
      rule: 'HEARING_NOTICE_TOO_SHORT',
      zh: ['第64条第（二）项', day(3)],
      en: 'art. 64(2)',
    });
    const seven = await h.gql(
      HEARING_NOTICE,
      { caseId: k.caseId, input: { on: day(10), hearingOn: day(3), place: '本局听证室' } },
      c.tokens.o1,
    );
    expect(seven.data.recordHearingNotice.data).toMatchObject({
      kind: 'HEARING_NOTICE',
      on: day(10),
      hearingOn: day(3),
      place: '本局听证室',
    });

    // The hearing itself: day 6 after the notice refused, day 7 allowed.
    expectError((await hearing(k.caseId, day(4))).data.recordHearing, 'RuleViolation', {
      rule: 'HEARING_NOTICE_TOO_SHORT',
      zh: '七日前',
    });
    // 第64条第（四）项: not an officer who investigates the case, nor an auxiliary, nor someone of another agency.
    for (const p of [c.people.o1, c.people.auxiliary, c.people.envOfficer])
      expectError(
        (await hearing(k.caseId, day(3), { presidingOfficerId: gid('Person', p.id) })).data.recordHearing,
        'RuleViolation',
        { rule: 'HEARING_PRESIDING_OFFICER_INELIGIBLE', zh: ['第64条第（四）项', p.name] },
      );
    // 第64条第（三）项: a closed hearing names its reason; a public one has none.
    expectError((await hearing(k.caseId, day(3), { public: false })).data.recordHearing, 'ValidationError', {
      zh: '第64条第（三）项',
    });
    expectError((await hearing(k.caseId, day(3), { closedReason: 'PRIVACY' })).data.recordHearing, 'ValidationError', {
      en: 'public hearing',
    });
    expect(await h.db.prisma.caseStep.count({ where: { caseId: k.id, kind: 'HEARING' } })).toBe(0);
    const held = await hearing(k.caseId, day(3), { public: false, closedReason: 'BUSINESS_SECRET' });
    expect(held.data.recordHearing.data).toMatchObject({
      kind: 'HEARING',
      on: day(3),
      publicHearing: false,
      closedReason: 'BUSINESS_SECRET',
      presidingOfficer: { name: '赵执法' },
    });

    // 第65条: the head's decision rests on the hearing's record.
    await h.gql(ADVANCE, { caseId: k.caseId, to: 'LEGAL_REVIEW' }, c.tokens.o1);
    await h.gql(REVIEW, { caseId: k.caseId, input: { on: day(1), outcome: 'APPROVED' } }, c.tokens.reviewer);
    const decided = await h.gql(
      DECIDE,
      { caseId: k.caseId, input: { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 1_500_000 }] } },
      c.tokens.head,
    );
    expect(decided.data.decideCase.data.stage).toBe('DECIDED');
    const record = await h.gql(
      `query($id: ID!) { case(id: $id) { hearingRecord { kind on note } } }`,
      { id: k.caseId },
      c.tokens.supervisor,
    );
    expect(record.data.case.hearingRecord).toEqual({
      kind: 'HEARING',
      on: day(3),
      note: '听证笔录：当事人到场陈述申辩',
    });
  });
});

describe('re-notice after the statement (第45条第2款)', () => {
  it('no heavier than the last notice (the same amount ok, one fen more refused) unless on new facts, which restart the statement', async () => {
    const k = await kase();
    await notice(k.caseId, day(5), [{ kind: 'FINE', amountFen: 1_500_000 }, { kind: 'WARNING' }]);
    await h.gql(
      STATEMENT,
      { caseId: k.caseId, input: { on: day(4), outcome: 'RECEIVED', note: '当事人申辩' } },
      c.tokens.o1,
    );
    const before = await stepCount(k.id);
    const heavier = await notice(k.caseId, day(3), [{ kind: 'FINE', amountFen: 1_500_001 }]);
    expectError(heavier.data.recordNotice, 'RuleViolation', {
      rule: 'CASE_RENOTICE_HEAVIER',
      zh: ['第45条第2款', '新的事实'],
      en: 'new facts',
    });
    const newKind = await notice(k.caseId, day(3), [{ kind: 'FINE', amountFen: 100 }, { kind: 'REVOKE_LICENCE' }]);
    expectError(newKind.data.recordNotice, 'RuleViolation', { rule: 'CASE_RENOTICE_HEAVIER', zh: '吊销许可证件' });
    expect(await stepCount(k.id)).toBe(before);

    const same = await notice(k.caseId, day(3), [{ kind: 'FINE', amountFen: 1_500_000 }]);
    expect(same.data.recordNotice.data.kind).toBe('NOTICE');
    const onNewFacts = await notice(k.caseId, day(2), [{ kind: 'FINE', amountFen: 1_500_001 }], {
      newFacts: '补充调查查明违法经营期间延长至六个月',
    });
    expect(onNewFacts.data.recordNotice.data).toMatchObject({
      kind: 'NOTICE',
      newFacts: '补充调查查明违法经营期间延长至六个月',
      proposedPenalties: [{ kind: 'FINE', amountFen: 1_500_001 }],
    });
    // The new notice restarts the party's rights: the statement is asked for again before review.
    expectError(
      (await h.gql(ADVANCE, { caseId: k.caseId, to: 'LEGAL_REVIEW' }, c.tokens.o1)).data.advanceCase,
      'RuleViolation',
      {
        rule: 'CASE_PROCEDURE_INCOMPLETE',
        zh: '第45条',
      },
    );
  });
});

describe('a notice is checked against the matter as the decision is', () => {
  it('kinds the matter allows; the fine at its maximum ok, one fen more refused; below the minimum only as 减轻', async () => {
    const licence = await kase({ matterId: c.matters.licence.id });
    expectError(
      (await notice(licence.caseId, day(1), [{ kind: 'SUSPEND_OPERATIONS' }])).data.recordNotice,
      'RuleViolation',
      { rule: 'PENALTY_KIND_NOT_ALLOWED', zh: ['第4条', '责令停产停业'] },
    );
    expectError(
      (await notice(licence.caseId, day(1), [{ kind: 'FINE', amountFen: 3_000_001 }])).data.recordNotice,
      'RuleViolation',
      { rule: 'FINE_ABOVE_MAXIMUM', zh: '¥30,000.00' },
    );
    expect(await stepCount(licence.id)).toBe(0);
    expect(
      (await notice(licence.caseId, day(1), [{ kind: 'FINE', amountFen: 3_000_000 }])).data.recordNotice.data.kind,
    ).toBe('NOTICE');

    const food = await kase({ matterId: c.matters.food.id });
    expectError(
      (await notice(food.caseId, day(1), [{ kind: 'FINE', amountFen: 4_999_999 }])).data.recordNotice,
      'RuleViolation',
      { rule: 'FINE_BELOW_MINIMUM', zh: '第32条' },
    );
    expect(
      (await notice(food.caseId, day(1), [{ kind: 'FINE', amountFen: 5_000_000 }])).data.recordNotice.data.kind,
    ).toBe('NOTICE');
    const mitigated = await notice(food.caseId, day(0), [{ kind: 'FINE', amountFen: 4_999_999 }], {
      mitigatingCircumstance: '主动消除违法行为危害后果（第32条第一项）',
    });
    expect(mitigated.data.recordNotice.data.kind).toBe('NOTICE');
    // A fine set as a multiple of the illegal gains: 20 times ¥6,000 is ¥120,000.
    const gains = await kase({ matterId: c.matters.food.id });
    expect(
      (await notice(gains.caseId, day(0), [{ kind: 'FINE', amountFen: 12_000_000 }], { illegalGainsFen: 600_000 })).data
        .recordNotice.data.kind,
    ).toBe('NOTICE');
    expectError(
      (await notice(gains.caseId, day(0), [{ kind: 'FINE', amountFen: 12_000_001 }], { illegalGainsFen: 600_000 })).data
        .recordNotice,
      'RuleViolation',
      { rule: 'FINE_ABOVE_MAXIMUM' },
    );
  });
});

describe('a notice proposes what the provision imposes together (并处), as the decision must', () => {
  it('处…罚款: a warning alone is refused, the fine with it accepted; 减轻 (第32条) may leave the fine out', async () => {
    const m = await createMatter(h.db.prisma, { penaltyKinds: ['WARNING', 'FINE'], mandatoryKinds: ['FINE'] });
    const alone = await kase({ matterId: m.id });
    expectError((await notice(alone.caseId, day(1), [{ kind: 'WARNING' }])).data.recordNotice, 'RuleViolation', {
      rule: 'MISSING_JOINT_PENALTY',
      zh: ['拟作出的处罚', '罚款', '第4条'],
      en: 'the proposal',
    });
    expect(await stepCount(alone.id)).toBe(0);
    const both = await notice(alone.caseId, day(1), [{ kind: 'WARNING' }, { kind: 'FINE', amountFen: 100_000 }]);
    expect(both.data.recordNotice.data.kind).toBe('NOTICE');
    const mitigated = await kase({ matterId: m.id });
    const lighter = await notice(mitigated.caseId, day(1), [{ kind: 'WARNING' }], {
      mitigatingCircumstance: '主动消除违法行为危害后果（第32条第一项）',
    });
    expect(lighter.data.recordNotice.data.kind).toBe('NOTICE');
  });
});

describe('第30条, 第31条: grounds of a natural person', () => {
  it('不满十四周岁 and 精神病人 are refused for an enterprise party, accepted for a natural person', async () => {
    for (const ground of ['UNDER_FOURTEEN', 'MENTAL_ILLNESS'] as const) {
      const org = await kase({ stage: 'INVESTIGATING' });
      await readyToDecide(h, org.id, null);
      const refused = await h.gql(
        DECIDE,
        { caseId: org.caseId, input: { decision: 'NO_PENALTY', ground } },
        c.tokens.head,
      );
      expectError(refused.data.decideCase, 'RuleViolation', {
        rule: 'CASE_GROUND_NATURAL_PERSON_ONLY',
        zh: ['第30条', '已满十四周岁不满十八周岁'],
        en: 'natural person',
      });
      const person = await kase({ naturalPerson: true });
      await readyToDecide(h, person.id, null);
      const ok = await h.gql(
        DECIDE,
        { caseId: person.caseId, input: { decision: 'NO_PENALTY', ground } },
        c.tokens.head,
      );
      expect(ok.data.decideCase.data).toMatchObject({ stage: 'DECIDED', decision: 'NO_PENALTY', ground });
    }
  });
});

describe('简易程序 (第51条) and its conversion', () => {
  it('on the spot a warning is decided; NO_PENALTY and DROPPED are refused until the case is converted, then the head decides (第57条)', async () => {
    const warned = await kase({ naturalPerson: true, stage: 'REGISTERED', procedure: 'SIMPLE' });
    expect(
      (
        await h.gql(
          DECIDE,
          { caseId: warned.caseId, input: { decision: 'PENALTY', penalties: [{ kind: 'WARNING' }] } },
          c.tokens.o1,
        )
      ).data.decideCase.data.stage,
    ).toBe('DECIDED');
    expectError(
      (await h.gql(CONVERT, { caseId: warned.caseId, reason: '拟不予处罚' }, c.tokens.o1)).data
        .convertToGeneralProcedure,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        zh: '第51条',
      },
    );

    const k = await kase({ naturalPerson: true, stage: 'REGISTERED', procedure: 'SIMPLE' });
    for (const input of [
      { decision: 'NO_PENALTY', ground: 'MINOR_CORRECTED' },
      { decision: 'DROPPED', ground: 'FACTS_NOT_ESTABLISHED' },
    ])
      expectError((await h.gql(DECIDE, { caseId: k.caseId, input }, c.tokens.o1)).data.decideCase, 'RuleViolation', {
        rule: 'CASE_SIMPLE_PROCEDURE_OUTCOME',
        zh: ['第51条', '普通程序'],
        en: 'converted',
      });
    expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).stage).toBe('REGISTERED');

    const converted = await h.gql(
      CONVERT,
      { caseId: k.caseId, reason: '违法行为轻微并已改正，拟不予处罚' },
      c.tokens.o1,
    );
    const registered = shanghaiToday(
      (await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).registeredAt,
    );
    expect(converted.data.convertToGeneralProcedure.data).toMatchObject({
      kind: 'PROCEDURE_CONVERSION',
      on: day(0),
      note: '违法行为轻微并已改正，拟不予处罚',
      case: { procedure: 'GENERAL', deadline: new Date(registered.getTime() + 90 * DAY_MS).toISOString().slice(0, 10) },
    });
    expectError(
      (await h.gql(CONVERT, { caseId: k.caseId, reason: '再次' }, c.tokens.o1)).data.convertToGeneralProcedure,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        en: 'already follows the general procedure',
      },
    );
    // Now the general procedure: investigation, review, and the head's decision.
    const input = { decision: 'NO_PENALTY', ground: 'MINOR_CORRECTED' };
    expectError((await h.gql(DECIDE, { caseId: k.caseId, input }, c.tokens.o1)).data.decideCase, 'ForbiddenError', {
      zh: '第57条',
    });
    await h.gql(ADVANCE, { caseId: k.caseId, to: 'INVESTIGATING' }, c.tokens.o1);
    await h.gql(ADVANCE, { caseId: k.caseId, to: 'LEGAL_REVIEW' }, c.tokens.o1);
    await h.gql(REVIEW, { caseId: k.caseId, input: { on: day(0), outcome: 'APPROVED' } }, c.tokens.reviewer);
    expect((await h.gql(DECIDE, { caseId: k.caseId, input }, c.tokens.head)).data.decideCase.data).toMatchObject({
      stage: 'DECIDED',
      decision: 'NO_PENALTY',
    });
  });
});
