// The 行政处罚法 general procedure through the API: 事先告知 → 陈述申辩 → 听证申请 → 听证 → 法制审核
// (returned once, then approved) → 集体讨论 → decision by the agency head → 送达 → executed → closed,
// each step refused out of order with its article; the day windows at their boundaries; who acts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '@zhifa/core/time';
import { createHarness, ERR, gid, type Harness, type GqlJson } from '@zhifa/testkit';
import { ADVANCE, DECIDE, directCase, expectError, seedCounty, type County } from './case-fixtures.js';

let h: Harness;
let c: County;
beforeAll(async () => {
  h = await createHarness();
  c = await seedCounty(h);
});
afterAll(() => h?.close());

const STEP = `kind on outcome documentNumber note days hearingOffered proposedPenalties { kind amountFen } actor case { stage }
  newFacts hearingOn place publicHearing closedReason presidingOfficer { name }`;
const m = (name: string, input: string) =>
  `mutation($caseId: ID!, $input: ${input}!) { ${name}(caseId: $caseId, input: $input) { ${ERR} ... on
    Mutation${name[0].toUpperCase()}${name.slice(1)}Success { data { ${STEP} } } } }`;
const NOTICE = m('recordNotice', 'RecordNoticeInput');
const STATEMENT = m('recordStatement', 'RecordStatementInput');
const HEARING_REQUEST = m('recordHearingRequest', 'RecordHearingRequestInput');
const HEARING_NOTICE = m('recordHearingNotice', 'RecordHearingNoticeInput');
const HEARING = m('recordHearing', 'RecordHearingInput');
const REVIEW = m('recordLegalReview', 'RecordLegalReviewInput');
const DISCUSSION = m('recordCollectiveDiscussion', 'RecordCollectiveDiscussionInput');
const SERVICE = m('recordService', 'RecordServiceInput');
const EXTEND = `mutation($caseId: ID!, $days: Int!, $reason: String!) { extendCaseDeadline(caseId: $caseId, days: $days, reason: $reason) { ${ERR} ...
  on MutationExtendCaseDeadlineSuccess { data { ${STEP} } } } }`;
const STEPS = `query($id: ID!) { case(id: $id) { steps(first: 50) { totalCount edges { node { kind on outcome actor note } } } } }`;

const DAY_MS = 86_400_000;
/** Today in Asia/Shanghai minus `n` days, YYYY-MM-DD. */
const day = (n = 0) => new Date(shanghaiToday(new Date()).getTime() - n * DAY_MS).toISOString().slice(0, 10);

/** A public hearing on `on`, presided over by 赵执法 (of the agency, not assigned to the cases here). */
const hearingInput = (on: string) => ({
  on,
  note: '听证笔录',
  presidingOfficerId: gid('Person', c.people.o3.id),
  public: true,
});

/** A fine decision. */
const fineDecision = (fen: number) => ({ decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: fen }] });

/** A general-procedure case of the market agency, registered `daysAgo` days ago, officers 张执法 and 李执法 assigned. */
async function generalCase(
  opts: {
    daysAgo?: number;
    naturalPerson?: boolean;
    serious?: boolean;
    stage?: 'REGISTERED' | 'INVESTIGATING' | 'LEGAL_REVIEW';
  } = {},
) {
  const k = await directCase(
    h,
    c.market.id,
    opts.naturalPerson ? null : c.shop.id,
    [c.people.o1.id, c.people.o2.id],
    opts.stage ?? 'REGISTERED',
    {
      serious: opts.serious ?? false,
    },
  );
  const registeredAt = new Date(Date.now() - (opts.daysAgo ?? 20) * DAY_MS);
  await h.db.prisma.enforcementCase.update({ where: { id: k.id }, data: { registeredAt } });
  return { ...k, caseId: gid('EnforcementCase', k.id) };
}

const stageOf = async (id: number) => (await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id } })).stage;

describe('the whole general procedure', () => {
  it('notice → statement → hearing → review returned, then approved → discussion → head decides → service → executed → closed', async () => {
    // A natural person: 较大数额 is ¥10,000 (1,000,000 fen) by default.
    const k = await generalCase({ naturalPerson: true, serious: true });
    const { caseId } = k;
    const o1 = c.tokens.o1;

    // Out of order before anything: notice while registered, statement, hearing, review, discussion, service.
    expectError(
      (
        await h.gql(
          NOTICE,
          { caseId, input: { on: day(18), proposedPenalties: [{ kind: 'FINE', amountFen: 1_500_000 }] } },
          o1,
        )
      ).data.recordNotice,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        zh: '第44条',
        en: 'art. 44',
      },
    );
    expect((await h.gql(ADVANCE, { caseId, to: 'INVESTIGATING' }, o1)).data.advanceCase.data.stage).toBe(
      'INVESTIGATING',
    );
    expectError(
      (await h.gql(STATEMENT, { caseId, input: { on: day(18), outcome: 'RECEIVED' } }, o1)).data.recordStatement,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        zh: '第45条',
        en: 'art. 45',
      },
    );
    expectError(
      (await h.gql(HEARING_REQUEST, { caseId, input: { on: day(18), outcome: 'REQUESTED' } }, o1)).data
        .recordHearingRequest,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        zh: '第64条',
      },
    );
    expectError(
      (await h.gql(HEARING, { caseId, input: hearingInput(day(18)) }, o1)).data.recordHearing,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        en: 'art. 64',
      },
    );
    expectError(
      (await h.gql(REVIEW, { caseId, input: { on: day(18), outcome: 'APPROVED' } }, c.tokens.reviewer)).data
        .recordLegalReview,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        zh: '第58条',
      },
    );
    expectError(
      (await h.gql(DISCUSSION, { caseId, input: { on: day(18), note: '同意' } }, c.tokens.head)).data
        .recordCollectiveDiscussion,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        zh: '第57条第2款',
      },
    );
    expectError((await h.gql(SERVICE, { caseId, input: { on: day(18) } }, o1)).data.recordService, 'RuleViolation', {
      rule: 'CASE_STEP_OUT_OF_ORDER',
      zh: '第61条',
    });

    // 事先告知: a fine of ¥15,000 gives a hearing (第63条).
    const notice = await h.gql(
      NOTICE,
      {
        caseId,
        input: {
          on: day(18),
          documentNumber: '阜市监罚告〔2026〕5号',
          note: '拟处罚款',
          proposedPenalties: [{ kind: 'FINE', amountFen: 1_500_000 }, { kind: 'WARNING' }],
        },
      },
      o1,
    );
    expect(notice.data.recordNotice.data).toMatchObject({
      kind: 'NOTICE',
      on: day(18),
      documentNumber: '阜市监罚告〔2026〕5号',
      hearingOffered: true,
      proposedPenalties: [
        { kind: 'FINE', amountFen: 1_500_000 },
        { kind: 'WARNING', amountFen: null },
      ],
      actor: `person:${c.people.o1.id}`,
    });
    // Sending for review needs the statement first.
    expectError((await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, o1)).data.advanceCase, 'RuleViolation', {
      rule: 'CASE_PROCEDURE_INCOMPLETE',
      zh: '第45条',
    });
    expect(
      (await h.gql(STATEMENT, { caseId, input: { on: day(17), outcome: 'RECEIVED', note: '当事人称系初次' } }, o1)).data
        .recordStatement.data.outcome,
    ).toBe('RECEIVED');
    expectError(
      (await h.gql(STATEMENT, { caseId, input: { on: day(17), outcome: 'WAIVED' } }, o1)).data.recordStatement,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        en: 'already recorded',
      },
    );
    // 听证: requested within 5 days, notified 7 days ahead, presided over by one who did not investigate, then held
    // with its record (第64条).
    expect(
      (await h.gql(HEARING_REQUEST, { caseId, input: { on: day(16), outcome: 'REQUESTED' } }, o1)).data
        .recordHearingRequest.data.outcome,
    ).toBe('REQUESTED');
    expect(
      (
        await h.gql(
          HEARING_NOTICE,
          {
            caseId,
            input: { on: day(16), hearingOn: day(9), place: '本局听证室', documentNumber: '阜市监听通〔2026〕1号' },
          },
          o1,
        )
      ).data.recordHearingNotice.data,
    ).toMatchObject({ kind: 'HEARING_NOTICE', on: day(16), hearingOn: day(9), place: '本局听证室' });
    expectError((await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, o1)).data.advanceCase, 'RuleViolation', {
      rule: 'CASE_PROCEDURE_INCOMPLETE',
      zh: '第64条',
    });
    expect(
      (await h.gql(HEARING, { caseId, input: { ...hearingInput(day(9)), note: '听证笔录：当事人到场陈述' } }, o1)).data
        .recordHearing.data,
    ).toMatchObject({ kind: 'HEARING', publicHearing: true, presidingOfficer: { name: '赵执法' } });
    expect((await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, o1)).data.advanceCase.data.stage).toBe('LEGAL_REVIEW');

    // 法制审核 returned: back to investigation; the case cannot be decided meanwhile.
    const noReason = await h.gql(REVIEW, { caseId, input: { on: day(8), outcome: 'RETURNED' } }, c.tokens.reviewer);
    expectError(noReason.data.recordLegalReview, 'ValidationError', { zh: '退回须写明理由', en: 'states its reasons' });
    const returned = await h.gql(
      REVIEW,
      { caseId, input: { on: day(8), outcome: 'RETURNED', note: '违法所得未查清' } },
      c.tokens.reviewer,
    );
    expect(returned.data.recordLegalReview.data).toMatchObject({
      outcome: 'RETURNED',
      case: { stage: 'INVESTIGATING' },
    });
    expectError(
      (await h.gql(DECIDE, { caseId, input: fineDecision(1_200_000) }, c.tokens.head)).data.decideCase,
      'RuleViolation',
      { rule: 'CASE_ILLEGAL_TRANSITION' },
    );
    expect((await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, o1)).data.advanceCase.data.stage).toBe('LEGAL_REVIEW');
    expectError(
      (await h.gql(DECIDE, { caseId, input: fineDecision(1_200_000) }, c.tokens.head)).data.decideCase,
      'RuleViolation',
      {
        rule: 'CASE_REVIEW_NOT_APPROVED',
        zh: '第58条',
      },
    );
    expect(
      (await h.gql(REVIEW, { caseId, input: { on: day(6), outcome: 'APPROVED', note: '同意' } }, c.tokens.reviewer))
        .data.recordLegalReview.data,
    ).toMatchObject({
      outcome: 'APPROVED',
      case: { stage: 'LEGAL_REVIEW' },
    });
    expectError(
      (await h.gql(REVIEW, { caseId, input: { on: day(6), outcome: 'RETURNED', note: '再议' } }, c.tokens.reviewer))
        .data.recordLegalReview,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
      },
    );

    // A serious case: 集体讨论 before the decision.
    expectError(
      (await h.gql(DECIDE, { caseId, input: fineDecision(1_200_000) }, c.tokens.head)).data.decideCase,
      'RuleViolation',
      {
        rule: 'CASE_DISCUSSION_REQUIRED',
        zh: '第57条第2款',
      },
    );
    expect(
      (await h.gql(DISCUSSION, { caseId, input: { on: day(5), note: '集体讨论同意罚款' } }, c.tokens.head)).data
        .recordCollectiveDiscussion.data.kind,
    ).toBe('COLLECTIVE_DISCUSSION');

    // The decision: the head's, no heavier than notified (第45条第2款).
    expectError(
      (await h.gql(DECIDE, { caseId, input: fineDecision(1_200_000) }, o1)).data.decideCase,
      'ForbiddenError',
      { zh: '第57条', en: 'agency head' },
    );
    expectError(
      (await h.gql(DECIDE, { caseId, input: fineDecision(1_500_001) }, c.tokens.head)).data.decideCase,
      'RuleViolation',
      {
        rule: 'CASE_PENALTY_NOT_NOTIFIED',
        zh: '第45条第2款',
      },
    );
    expect(
      (await h.gql(DECIDE, { caseId, input: fineDecision(1_200_000) }, c.tokens.head)).data.decideCase.data,
    ).toMatchObject({ stage: 'DECIDED', fineFen: 1_200_000 });
    // 第65条: the decision rests on the hearing's record.
    const rests = await h.gql(
      `query($id: ID!) { case(id: $id) { hearingRecord { kind on note } } }`,
      { id: caseId },
      c.tokens.supervisor,
    );
    expect(rests.data.case.hearingRecord).toEqual({ kind: 'HEARING', on: day(9), note: '听证笔录：当事人到场陈述' });
    expectError((await h.gql(ADVANCE, { caseId, to: 'EXECUTED' }, o1)).data.advanceCase, 'RuleViolation', {
      rule: 'CASE_NOT_SERVED',
    });
    expectError(
      (await h.gql(EXTEND, { caseId, days: 30, reason: '案情复杂' }, c.tokens.head)).data.extendCaseDeadline,
      'RuleViolation',
      {
        rule: 'CASE_STEP_OUT_OF_ORDER',
        zh: '第60条',
      },
    );

    // 送达, then execution and closing.
    expect(
      (
        await h.gql(
          SERVICE,
          { caseId, input: { on: day(0), documentNumber: '阜市监罚〔2026〕送5号', note: '直接送达' } },
          o1,
        )
      ).data.recordService.data.kind,
    ).toBe('SERVICE');
    expect((await h.gql(ADVANCE, { caseId, to: 'EXECUTED' }, o1)).data.advanceCase.data.stage).toBe('EXECUTED');
    expect((await h.gql(ADVANCE, { caseId, to: 'CLOSED' }, o1)).data.advanceCase.data.stage).toBe('CLOSED');

    // The record, in order, and its events.
    const steps = (await h.gql(STEPS, { id: caseId }, c.tokens.supervisor)).data.case.steps;
    expect(steps.edges.map((e: GqlJson) => [e.node.kind, e.node.outcome])).toEqual([
      ['NOTICE', null],
      ['STATEMENT', 'RECEIVED'],
      ['HEARING_REQUEST', 'REQUESTED'],
      ['HEARING_NOTICE', null],
      ['HEARING', null],
      ['LEGAL_REVIEW', 'RETURNED'],
      ['LEGAL_REVIEW', 'APPROVED'],
      ['COLLECTIVE_DISCUSSION', null],
      ['SERVICE', null],
    ]);
    const events = await h.db.prisma.event.findMany({ where: { caseId: k.id }, orderBy: { id: 'asc' } });
    const recorded = events.filter((e) => e.topic === 'case.stepRecorded');
    expect(recorded).toHaveLength(9);
    expect(recorded[0]).toMatchObject({
      agencyId: c.market.id,
      caseId: k.id,
      payload: { kind: 'NOTICE', outcome: null, on: day(18), number: k.number },
    });
    expect(events.map((e) => e.topic)).toContain('case.decided');
    // The review's return is a stage change too.
    expect(
      events
        .filter((e) => e.topic === 'case.advanced')
        .map((e) => [(e.payload as GqlJson).from, (e.payload as GqlJson).to]),
    ).toEqual([
      ['REGISTERED', 'INVESTIGATING'],
      ['INVESTIGATING', 'LEGAL_REVIEW'],
      ['LEGAL_REVIEW', 'INVESTIGATING'],
      ['INVESTIGATING', 'LEGAL_REVIEW'],
      ['DECIDED', 'EXECUTED'],
      ['EXECUTED', 'CLOSED'],
    ]);
  });

  it('a decision with penalties needs a notice; a statement waived and no hearing offered suffice', async () => {
    const k = await generalCase({ stage: 'INVESTIGATING' });
    const { caseId } = k;
    expect((await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, c.tokens.o1)).data.advanceCase.data.stage).toBe(
      'LEGAL_REVIEW',
    );
    await h.gql(REVIEW, { caseId, input: { on: day(1), outcome: 'APPROVED' } }, c.tokens.reviewer);
    expectError(
      (await h.gql(DECIDE, { caseId, input: fineDecision(100_000) }, c.tokens.head)).data.decideCase,
      'RuleViolation',
      { rule: 'CASE_NOTICE_REQUIRED', zh: '第44条' },
    );
    expect(
      (await h.gql(DECIDE, { caseId, input: { decision: 'NO_PENALTY', ground: 'MINOR_CORRECTED' } }, c.tokens.head))
        .data.decideCase.data.stage,
    ).toBe('DECIDED');
  });
});

describe('day windows', () => {
  it('第64条: a hearing request on the 5th day after the notice is recorded, on the 6th refused', async () => {
    const k = await generalCase({ naturalPerson: true, stage: 'INVESTIGATING' });
    await h.gql(
      NOTICE,
      { caseId: k.caseId, input: { on: day(6), proposedPenalties: [{ kind: 'REVOKE_LICENCE' }] } },
      c.tokens.o1,
    );
    const late = await h.gql(
      HEARING_REQUEST,
      { caseId: k.caseId, input: { on: day(0), outcome: 'REQUESTED' } },
      c.tokens.o1,
    );
    expectError(late.data.recordHearingRequest, 'RuleViolation', {
      rule: 'HEARING_REQUEST_LATE',
      zh: ['第64条', day(1)],
      en: 'within 5 days',
    });
    const fifth = await h.gql(
      HEARING_REQUEST,
      { caseId: k.caseId, input: { on: day(1), outcome: 'WAIVED' } },
      c.tokens.o1,
    );
    expect(fifth.data.recordHearingRequest.data).toMatchObject({
      kind: 'HEARING_REQUEST',
      outcome: 'WAIVED',
      on: day(1),
    });
  });

  it('第63条 via the API: a fine at the threshold offers a hearing, one fen under does not; no request without the offer', async () => {
    const k = await generalCase({ naturalPerson: true, stage: 'INVESTIGATING' });
    const at = await h.gql(
      NOTICE,
      { caseId: k.caseId, input: { on: day(2), proposedPenalties: [{ kind: 'FINE', amountFen: 1_000_000 }] } },
      c.tokens.o1,
    );
    expect(at.data.recordNotice.data.hearingOffered).toBe(true);
    // A new notice (e.g. a lower fine after the statement) replaces the former one.
    const under = await h.gql(
      NOTICE,
      { caseId: k.caseId, input: { on: day(1), proposedPenalties: [{ kind: 'FINE', amountFen: 999_999 }] } },
      c.tokens.o1,
    );
    expect(under.data.recordNotice.data.hearingOffered).toBe(false);
    const request = await h.gql(
      HEARING_REQUEST,
      { caseId: k.caseId, input: { on: day(0), outcome: 'REQUESTED' } },
      c.tokens.o1,
    );
    expectError(request.data.recordHearingRequest, 'RuleViolation', { rule: 'CASE_HEARING_NOT_OFFERED', zh: '第63条' });
    // An organisation's threshold is ¥100,000.
    const org = await generalCase({ stage: 'INVESTIGATING' });
    const orgNotice = await h.gql(
      NOTICE,
      { caseId: org.caseId, input: { on: day(0), proposedPenalties: [{ kind: 'FINE', amountFen: 9_999_999 }] } },
      c.tokens.o1,
    );
    expect(orgNotice.data.recordNotice.data.hearingOffered).toBe(false);
  });

  it('第61条: service on the 7th day after the decision is recorded, on the 8th refused', async () => {
    const late = await generalCase({ naturalPerson: true });
    const decidedAt = new Date(shanghaiToday(new Date()).getTime() - 8 * DAY_MS + 4 * 3600_000); // noon in Shanghai, 8 days ago
    await h.db.prisma.enforcementCase.update({
      where: { id: late.id },
      data: { stage: 'DECIDED', decision: 'NO_PENALTY', decidedAt },
    });
    const eighth = await h.gql(SERVICE, { caseId: late.caseId, input: { on: day(0) } }, c.tokens.o1);
    expectError(eighth.data.recordService, 'RuleViolation', {
      rule: 'SERVICE_LATE',
      zh: ['第61条', day(1)],
      en: 'within 7 days',
    });
    const seventh = await h.gql(SERVICE, { caseId: late.caseId, input: { on: day(1) } }, c.tokens.o1);
    expect(seventh.data.recordService.data).toMatchObject({ kind: 'SERVICE', on: day(1) });
  });

  it('a step dated tomorrow or before registration is refused, writing nothing', async () => {
    const k = await generalCase({ daysAgo: 3, stage: 'INVESTIGATING' });
    const tomorrow = new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10);
    const future = await h.gql(
      NOTICE,
      { caseId: k.caseId, input: { on: tomorrow, proposedPenalties: [{ kind: 'WARNING' }] } },
      c.tokens.o1,
    );
    expectError(future.data.recordNotice, 'ValidationError', { zh: '晚于今天', en: 'after today' });
    const early = await h.gql(
      NOTICE,
      { caseId: k.caseId, input: { on: day(4), proposedPenalties: [{ kind: 'WARNING' }] } },
      c.tokens.o1,
    );
    expectError(early.data.recordNotice, 'ValidationError', { zh: '早于立案日', en: 'before the case was registered' });
    const noPenalty = await h.gql(
      NOTICE,
      { caseId: k.caseId, input: { on: day(0), proposedPenalties: [] } },
      c.tokens.o1,
    );
    expectError(noPenalty.data.recordNotice, 'ValidationError', { zh: '拟作出的处罚', en: 'penalties proposed' });
    const noAmount = await h.gql(
      NOTICE,
      { caseId: k.caseId, input: { on: day(0), proposedPenalties: [{ kind: 'FINE' }] } },
      c.tokens.o1,
    );
    expectError(noAmount.data.recordNotice, 'ValidationError', { zh: '罚款', en: 'needs an amount' });
    const wrongOutcome = await h.gql(
      STATEMENT,
      { caseId: k.caseId, input: { on: day(0), outcome: 'APPROVED' } },
      c.tokens.o1,
    );
    expectError(wrongOutcome.data.recordStatement, 'ValidationError', { en: 'RECEIVED, WAIVED' });
    expect(await h.db.prisma.caseStep.count({ where: { caseId: k.id } })).toBe(0);
  });
});

describe('deadline extensions (第60条)', () => {
  it('the agency head extends before the decision; officers may not', async () => {
    const k = await generalCase({ stage: 'INVESTIGATING' });
    // A time limit still running (the head alone extends only then, 行政处罚法 第60条).
    const last = new Date(shanghaiToday(new Date()).getTime() + 5 * DAY_MS);
    await h.db.prisma.enforcementCase.update({ where: { id: k.id }, data: { deadlineOn: last } });
    expectError(
      (await h.gql(EXTEND, { caseId: k.caseId, days: 30, reason: '案情复杂' }, c.tokens.o1)).data.extendCaseDeadline,
      'ForbiddenError',
      { en: 'agency head' },
    );
    const bad = await h.gql(EXTEND, { caseId: k.caseId, days: 0, reason: '案情复杂' }, c.tokens.head);
    expect((bad.data?.extendCaseDeadline ?? bad.errors?.[0])?.message).toContain('至少 1 天');
    const ok = await h.gql(EXTEND, { caseId: k.caseId, days: 30, reason: '案情复杂，需鉴定' }, c.tokens.head);
    expect(ok.data.extendCaseDeadline.data).toMatchObject({
      kind: 'DEADLINE_EXTENSION',
      days: 30,
      note: '案情复杂，需鉴定',
      on: day(0),
    });
    expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).deadlineOn).toEqual(
      new Date(last.getTime() + 30 * DAY_MS),
    );
  });

  it('a case with no recorded deadline counts from its registration day', async () => {
    const k = await generalCase({ daysAgo: 10, stage: 'INVESTIGATING' });
    await h.gql(EXTEND, { caseId: k.caseId, days: 15, reason: '需鉴定' }, c.tokens.head);
    const registered = shanghaiToday(
      (await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).registeredAt,
    );
    const deadline = (await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).deadlineOn!;
    expect((deadline.getTime() - registered.getTime()) / DAY_MS).toBe(90 + 15);
  });
});

describe('who acts', () => {
  it('only the assigned officers record the party-facing steps', async () => {
    const k = await generalCase({ stage: 'INVESTIGATING' });
    const input = { on: day(0), proposedPenalties: [{ kind: 'WARNING' }] };
    for (const token of [
      c.tokens.o3,
      c.tokens.marketAdmin,
      c.tokens.head,
      c.tokens.reviewer,
      c.tokens.supervisor,
      c.tokens.shop,
    ])
      expectError((await h.gql(NOTICE, { caseId: k.caseId, input }, token)).data.recordNotice, 'ForbiddenError');
    // Another agency's officer may not see the case: told what an unknown case is told.
    expectError(
      (await h.gql(NOTICE, { caseId: k.caseId, input }, c.tokens.envOfficer)).data.recordNotice,
      'NotFoundError',
    );
    expectError((await h.gql(NOTICE, { caseId: k.caseId, input })).data.recordNotice, 'UnauthenticatedError');
    expect((await h.gql(NOTICE, { caseId: k.caseId, input }, c.tokens.o2)).data.recordNotice.data.kind).toBe('NOTICE');
    expect(
      (await h.gql(NOTICE, { caseId: gid('EnforcementCase', 999_999), input }, c.tokens.o1)).data.recordNotice
        .__typename,
    ).toBe('NotFoundError');
  });

  it('the review is the legal reviewers’, and not of a case they handle (第58条)', async () => {
    const both = await h.db.prisma.person.create({
      data: {
        ...c.people.o3,
        id: undefined,
        name: '审核兼执法',
        roles: ['OFFICER', 'LEGAL_REVIEWER'],
        certificateNumber: 'CERT-BOTH',
        createdAt: undefined,
        updatedAt: undefined,
      },
    });
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, both.id], 'LEGAL_REVIEW');
    const caseId = gid('EnforcementCase', k.id);
    for (const token of [c.tokens.o1, c.tokens.head, c.tokens.marketAdmin])
      expectError(
        (await h.gql(REVIEW, { caseId, input: { on: day(0), outcome: 'APPROVED' } }, token)).data.recordLegalReview,
        'ForbiddenError',
        { zh: '法制审核人员' },
      );
    const own = await h.gql(
      REVIEW,
      { caseId, input: { on: day(0), outcome: 'APPROVED' } },
      h.token(`person:${both.id}`),
    );
    expectError(own.data.recordLegalReview, 'RuleViolation', {
      rule: 'CASE_REVIEWER_NOT_INDEPENDENT',
      zh: '第58条',
      en: 'a case they handle',
    });
    expect(
      (await h.gql(REVIEW, { caseId, input: { on: day(0), outcome: 'APPROVED' } }, c.tokens.reviewer)).data
        .recordLegalReview.data.outcome,
    ).toBe('APPROVED');
  });

  it('简易程序: an assigned officer decides on the spot, without review; the head does not', async () => {
    const k = await directCase(h, c.market.id, null, [c.people.o1.id, c.people.o2.id], 'REGISTERED', {
      procedure: 'SIMPLE',
    });
    const caseId = gid('EnforcementCase', k.id);
    expectError(
      (await h.gql(DECIDE, { caseId, input: fineDecision(5_000) }, c.tokens.head)).data.decideCase,
      'ForbiddenError',
      { zh: '第51条' },
    );
    expectError(
      (await h.gql(REVIEW, { caseId, input: { on: day(0), outcome: 'APPROVED' } }, c.tokens.reviewer)).data
        .recordLegalReview,
      'RuleViolation',
      {
        rule: 'CASE_STEP_NOT_IN_SIMPLE_PROCEDURE',
        zh: '第51条',
      },
    );
    expect((await h.gql(DECIDE, { caseId, input: fineDecision(5_000) }, c.tokens.o2)).data.decideCase.data.stage).toBe(
      'DECIDED',
    );
    expect(await stageOf(k.id)).toBe('DECIDED');
    const other = await directCase(h, c.market.id, null, [c.people.o1.id, c.people.o2.id], 'INVESTIGATING', {
      procedure: 'SIMPLE',
    });
    expectError(
      (await h.gql(ADVANCE, { caseId: gid('EnforcementCase', other.id), to: 'LEGAL_REVIEW' }, c.tokens.o1)).data
        .advanceCase,
      'RuleViolation',
      {
        rule: 'CASE_ILLEGAL_TRANSITION',
        zh: '第51条',
      },
    );
  });

  it('the steps are read with the case: the party sees them without who recorded them nor the internal notes; another agency sees nothing', async () => {
    const k = await generalCase({ stage: 'INVESTIGATING' });
    await h.gql(
      NOTICE,
      { caseId: k.caseId, input: { on: day(0), note: '告知事实理由依据', proposedPenalties: [{ kind: 'WARNING' }] } },
      c.tokens.o1,
    );
    await h.gql(EXTEND, { caseId: k.caseId, days: 10, reason: '内部：等待鉴定' }, c.tokens.head);
    const party = await h.gql(STEPS, { id: k.caseId }, c.tokens.shop);
    expect(party.data.case.steps).toMatchObject({
      totalCount: 2,
      edges: [
        { node: { kind: 'NOTICE', note: '告知事实理由依据', actor: expect.stringContaining('agency staff') } },
        { node: { kind: 'DEADLINE_EXTENSION', note: null } },
      ],
    });
    const staff = await h.gql(STEPS, { id: k.caseId }, c.tokens.supervisor);
    expect(staff.data.case.steps.edges[1].node).toMatchObject({
      note: '内部：等待鉴定',
      actor: `person:${c.people.head.id}`,
    });
    expect((await h.gql(STEPS, { id: k.caseId }, c.tokens.envOfficer)).data.case).toBeNull();
  });
});
