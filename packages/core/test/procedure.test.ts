import { describe, expect, it } from 'vitest';
import { addDays } from '../src/rules/limitation.js';
import {
  decisionProcedureRefusal,
  discussionRefusal,
  deadlineExtensionRefusal,
  hearingOffered,
  hearingNoticeRefusal,
  hearingRefusal,
  hearingRequestRefusal,
  presidingOfficerRefusal,
  conversionRefusal,
  stepStageRefusal,
  STEP_STAGES,
  hearingResolved,
  hearingThresholdFen,
  noticeRefusal,
  procedureState,
  reviewGateRefusal,
  legalReviewRefusal,
  serviceRefusal,
  statementRefusal,
  stepDateIssue,
  type DecisionProcedureRequest,
  type HearingNoticeFacts,
  type NoticeFacts,
  type ProposedPenalty,
  type StepFacts,
} from '../src/rules/procedure.js';
import { transitionRefusal } from '../src/rules/case-stage.js';
import type { CaseStage, CaseStepKind, CaseStepOutcome } from '../src/generated/prisma/enums.js';
import type { GqlJson } from '@zhifa/testkit';

const D = (s: string) => new Date(`${s}T00:00:00Z`);
const NOTICE_ON = D('2026-03-02');
let id = 0;
const step = (kind: CaseStepKind, on: string, outcome: CaseStepOutcome | null = null): StepFacts => ({
  id: ++id,
  kind,
  on: D(on),
  outcome,
});
const notice = (on: string, penalties: ProposedPenalty[], offered: boolean): NoticeFacts => ({
  ...step('NOTICE', on),
  penalties,
  hearingOffered: offered,
});
const fine = (fen: number): ProposedPenalty => ({ kind: 'FINE', amountFen: BigInt(fen) });
const hearingNotice = (on: string, hearingOn: string): HearingNoticeFacts => ({
  ...step('HEARING_NOTICE', on),
  hearingOn: D(hearingOn),
});

describe('第63条: whether a hearing is offered', () => {
  const thresholds = {
    '*': { naturalPersonFen: 1_000_000, organisationFen: 10_000_000 },
    生态环境: { naturalPersonFen: 500_000, organisationFen: 5_000_000 },
  };

  it('takes the domain threshold for the party kind, else the default', () => {
    expect(hearingThresholdFen(thresholds, '市场监管', true)).toBe(1_000_000n);
    expect(hearingThresholdFen(thresholds, '市场监管', false)).toBe(10_000_000n);
    expect(hearingThresholdFen(thresholds, '生态环境', true)).toBe(500_000n);
    expect(hearingThresholdFen(thresholds, '生态环境', false)).toBe(5_000_000n);
    expect(hearingThresholdFen(thresholds, null, false)).toBe(10_000_000n);
  });

  it('a fine at the threshold gives a hearing, one fen under does not', () => {
    expect(hearingOffered([fine(1_000_000)], 1_000_000n)).toBe(true);
    expect(hearingOffered([fine(999_999)], 1_000_000n)).toBe(false);
    expect(hearingOffered([{ kind: 'WARNING', amountFen: null }, fine(999_999)], 1_000_000n)).toBe(false);
  });

  it('confiscation at the threshold gives a hearing, one fen under does not', () => {
    for (const kind of ['CONFISCATE_GAINS', 'CONFISCATE_PROPERTY'] as const) {
      expect(hearingOffered([{ kind, amountFen: 10_000_000n }], 10_000_000n)).toBe(true);
      expect(hearingOffered([{ kind, amountFen: 9_999_999n }], 10_000_000n)).toBe(false);
    }
  });

  it('revocation, suspension, closing, bans, restrictions and lowered grades always give one; a warning or licence suspension never', () => {
    for (const kind of [
      'LOWER_QUALIFICATION',
      'REVOKE_LICENCE',
      'RESTRICT_ACTIVITIES',
      'SUSPEND_OPERATIONS',
      'CLOSE_DOWN',
      'BAN_PRACTICE',
    ] as const)
      expect(hearingOffered([{ kind, amountFen: null }], 1n << 60n)).toBe(true);
    for (const kind of ['WARNING', 'CRITICISM', 'SUSPEND_LICENCE'] as const)
      expect(hearingOffered([{ kind, amountFen: null }], 1n)).toBe(false);
  });
});

describe('the order of steps', () => {
  const noticeAt = (stage: CaseStage) =>
    noticeRefusal({
      stage,
      state: procedureState([]),
      penalties: [fine(100)],
      newFacts: null,
      matter: null,
      illegalGainsFen: null,
      mitigatingCircumstance: null,
    });
  it('a notice only while investigating', () => {
    expect(noticeAt('INVESTIGATING')).toBeNull();
    for (const stage of ['REGISTERED', 'LEGAL_REVIEW', 'DECIDED', 'EXECUTED', 'CLOSED'] as const) {
      const r = noticeAt(stage);
      expect(r?.rule).toBe('CASE_STEP_OUT_OF_ORDER');
      expect(r?.message.zh).toContain('第44条');
      expect(r?.message.en).toContain('art. 44');
    }
  });

  it('第45条第2款: a re-notice no heavier than the last, or heavier on new facts stated as such', () => {
    const state = procedureState([
      notice('2026-03-02', [fine(1_000_000), { kind: 'WARNING', amountFen: null }], false),
      step('STATEMENT', '2026-03-03', 'RECEIVED'),
    ]);
    const renotice = (penalties: ProposedPenalty[], newFacts: string | null = null) =>
      noticeRefusal({
        stage: 'INVESTIGATING',
        state,
        penalties,
        newFacts,
        matter: null,
        illegalGainsFen: null,
        mitigatingCircumstance: null,
      });
    expect(renotice([fine(1_000_000)])).toBeNull();
    expect(renotice([fine(999_999), { kind: 'WARNING', amountFen: null }])).toBeNull();
    const more = renotice([fine(1_000_001)]);
    expect(more?.rule).toBe('CASE_RENOTICE_HEAVIER');
    expect(more?.message.zh).toContain('第45条第2款');
    expect(more?.message.en).toContain('new facts');
    expect(renotice([fine(100), { kind: 'REVOKE_LICENCE', amountFen: null }])?.rule).toBe('CASE_RENOTICE_HEAVIER');
    expect(renotice([fine(1_000_001)], '补充查明违法经营额为 12 万元')).toBeNull();
    expect(renotice([fine(1_000_001)], '   ')?.rule).toBe('CASE_RENOTICE_HEAVIER');
  });

  it('第44条, 第4条: a notice proposes only what the matter allows, within its range', () => {
    const matter = {
      penaltyProvision: '《某条例》第三十条',
      penaltyKinds: ['WARNING', 'FINE'] as const,
      fineMinFen: 100_000n,
      fineMaxFen: 3_000_000n,
      gainsMultipleMin: null,
      gainsMultipleMax: null,
    };
    const n = (penalties: ProposedPenalty[], mitigatingCircumstance: string | null = null) =>
      noticeRefusal({
        stage: 'INVESTIGATING',
        state: procedureState([]),
        penalties,
        newFacts: null,
        matter: { ...matter, penaltyKinds: [...matter.penaltyKinds] },
        illegalGainsFen: null,
        mitigatingCircumstance,
      });
    expect(n([fine(3_000_000)])).toBeNull();
    expect(n([fine(3_000_001)])?.rule).toBe('FINE_ABOVE_MAXIMUM');
    expect(n([fine(100_000)])).toBeNull();
    expect(n([fine(99_999)])?.rule).toBe('FINE_BELOW_MINIMUM');
    expect(n([fine(99_999)], '主动消除危害后果')).toBeNull();
    expect(n([{ kind: 'REVOKE_LICENCE', amountFen: null }])?.rule).toBe('PENALTY_KIND_NOT_ALLOWED');
    expect(n([{ kind: 'CONFISCATE_GAINS', amountFen: 500n }])).toBeNull();
  });

  it('every step has its stages, named with its article; nothing on a closed case', () => {
    for (const kind of Object.keys(STEP_STAGES) as CaseStepKind[]) {
      const r = stepStageRefusal(kind, 'CLOSED');
      expect(r?.rule, kind).toBe('CASE_STEP_OUT_OF_ORDER');
      expect(r?.message.zh, kind).toMatch(/行政处罚法第\d+条/);
      expect(r?.message.en, kind).toContain('the case is closed');
    }
    for (const kind of ['STATEMENT', 'HEARING_REQUEST', 'HEARING_NOTICE', 'HEARING'] as const) {
      expect(stepStageRefusal(kind, 'INVESTIGATING'), kind).toBeNull();
      for (const stage of ['REGISTERED', 'LEGAL_REVIEW', 'DECIDED', 'EXECUTED'] as const)
        expect(stepStageRefusal(kind, stage)?.rule, `${kind} ${stage}`).toBe('CASE_STEP_OUT_OF_ORDER');
    }
    expect(statementRefusal('DECIDED', procedureState([]), NOTICE_ON)?.message.zh).toContain('“决定”阶段');
  });

  it('第51条: only a simple-procedure case converts, before its decision', () => {
    expect(conversionRefusal('SIMPLE', 'REGISTERED')).toBeNull();
    expect(conversionRefusal('SIMPLE', 'INVESTIGATING')).toBeNull();
    expect(conversionRefusal('SIMPLE', 'DECIDED')?.message.zh).toContain('第51条');
    expect(conversionRefusal('GENERAL', 'INVESTIGATING')?.message.en).toContain('already follows the general');
  });

  it('a statement after a notice, once, not dated before it', () => {
    expect(statementRefusal('INVESTIGATING', procedureState([]), NOTICE_ON)?.message.zh).toContain('第45条');
    const s = procedureState([notice('2026-03-02', [fine(100)], false)]);
    expect(statementRefusal('INVESTIGATING', s, D('2026-03-02'))).toBeNull();
    expect(statementRefusal('INVESTIGATING', s, D('2026-03-01'))?.rule).toBe('CASE_STEP_OUT_OF_ORDER');
    const done = procedureState([
      notice('2026-03-02', [fine(100)], false),
      step('STATEMENT', '2026-03-03', 'RECEIVED'),
    ]);
    expect(statementRefusal('INVESTIGATING', done, D('2026-03-04'))?.message.en).toContain('already recorded');
  });

  it('a new notice (after a return) asks for a new statement and hearing request', () => {
    const s = procedureState([
      notice('2026-03-02', [fine(100)], true),
      step('STATEMENT', '2026-03-03', 'WAIVED'),
      step('HEARING_REQUEST', '2026-03-03', 'WAIVED'),
      step('LEGAL_REVIEW', '2026-03-10', 'RETURNED'),
      notice('2026-03-20', [fine(50)], true),
    ]);
    expect(s.notice?.on).toEqual(D('2026-03-20'));
    expect(s.statement).toBeNull();
    expect(s.hearingRequest).toBeNull();
    expect(s.review?.outcome).toBe('RETURNED');
  });

  describe('第64条: the hearing request within 5 days of the notice', () => {
    const offered = procedureState([notice('2026-03-02', [fine(2_000_000)], true)]);

    it('the 5th day is allowed, the 6th refused', () => {
      expect(hearingRequestRefusal('GENERAL', 'INVESTIGATING', offered, D('2026-03-02'))).toBeNull();
      expect(hearingRequestRefusal('GENERAL', 'INVESTIGATING', offered, D('2026-03-07'))).toBeNull();
      const late = hearingRequestRefusal('GENERAL', 'INVESTIGATING', offered, D('2026-03-08'));
      expect(late?.rule).toBe('HEARING_REQUEST_LATE');
      expect(late?.message.zh).toContain('第64条');
      expect(late?.message.zh).toContain('2026-03-07');
      expect(late?.message.en).toContain('art. 64');
    });

    it('counts across a month end', () => {
      const s = procedureState([notice('2026-02-26', [fine(2_000_000)], true)]);
      expect(hearingRequestRefusal('GENERAL', 'INVESTIGATING', s, D('2026-03-03'))).toBeNull();
      expect(hearingRequestRefusal('GENERAL', 'INVESTIGATING', s, D('2026-03-04'))?.rule).toBe('HEARING_REQUEST_LATE');
    });

    it('only when the notice offered one, once, never in the simple procedure', () => {
      expect(hearingRequestRefusal('GENERAL', 'INVESTIGATING', procedureState([]), NOTICE_ON)?.rule).toBe(
        'CASE_STEP_OUT_OF_ORDER',
      );
      const none = procedureState([notice('2026-03-02', [fine(100)], false)]);
      const r = hearingRequestRefusal('GENERAL', 'INVESTIGATING', none, NOTICE_ON);
      expect(r?.rule).toBe('CASE_HEARING_NOT_OFFERED');
      expect(r?.message.zh).toContain('第63条');
      const again = procedureState([
        notice('2026-03-02', [fine(2_000_000)], true),
        step('HEARING_REQUEST', '2026-03-03', 'REQUESTED'),
      ]);
      expect(hearingRequestRefusal('GENERAL', 'INVESTIGATING', again, D('2026-03-04'))?.rule).toBe(
        'CASE_STEP_OUT_OF_ORDER',
      );
      expect(hearingRequestRefusal('SIMPLE', 'INVESTIGATING', offered, NOTICE_ON)?.rule).toBe(
        'CASE_STEP_NOT_IN_SIMPLE_PROCEDURE',
      );
    });

    it('the hearing needs a request and its notice, is held once, 7 days after the notice at the earliest', () => {
      expect(hearingRefusal('GENERAL', 'INVESTIGATING', offered, D('2026-03-10'))?.message.en).toContain(
        'after the party requests',
      );
      const waived = procedureState([
        notice('2026-03-02', [fine(2_000_000)], true),
        step('HEARING_REQUEST', '2026-03-03', 'WAIVED'),
      ]);
      expect(hearingRefusal('GENERAL', 'INVESTIGATING', waived, D('2026-03-10'))?.rule).toBe('CASE_STEP_OUT_OF_ORDER');
      const requested = procedureState([
        notice('2026-03-02', [fine(2_000_000)], true),
        step('HEARING_REQUEST', '2026-03-05', 'REQUESTED'),
      ]);
      const unnotified = hearingRefusal('GENERAL', 'INVESTIGATING', requested, D('2026-03-20'));
      expect(unnotified?.rule).toBe('CASE_STEP_OUT_OF_ORDER');
      expect(unnotified?.message.zh).toContain('第64条第（二）项');
      const told = procedureState([
        notice('2026-03-02', [fine(2_000_000)], true),
        step('HEARING_REQUEST', '2026-03-05', 'REQUESTED'),
        hearingNotice('2026-03-06', '2026-03-13'),
      ]);
      expect(hearingRefusal('GENERAL', 'INVESTIGATING', told, D('2026-03-13'))).toBeNull();
      const sixth = hearingRefusal('GENERAL', 'INVESTIGATING', told, D('2026-03-12'));
      expect(sixth?.rule).toBe('HEARING_NOTICE_TOO_SHORT');
      expect(sixth?.message.zh).toContain('2026-03-13');
      expect(sixth?.message.en).toContain('art. 64(2)');
      for (const stage of ['LEGAL_REVIEW', 'DECIDED', 'CLOSED'] as const)
        expect(hearingRefusal('GENERAL', stage, told, D('2026-03-13'))?.message.zh).toContain('第64条');
      const held = procedureState([
        notice('2026-03-02', [fine(2_000_000)], true),
        step('HEARING_REQUEST', '2026-03-05', 'REQUESTED'),
        hearingNotice('2026-03-05', '2026-03-12'),
        step('HEARING', '2026-03-12'),
      ]);
      expect(hearingRefusal('GENERAL', 'INVESTIGATING', held, D('2026-03-13'))?.message.en).toContain(
        'already recorded',
      );
    });

    it('第64条第（二）项: the hearing notice sets a day 7 days on at the earliest, after a request', () => {
      const requested = procedureState([
        notice('2026-03-02', [fine(2_000_000)], true),
        step('HEARING_REQUEST', '2026-03-05', 'REQUESTED'),
      ]);
      expect(hearingNoticeRefusal('GENERAL', 'INVESTIGATING', requested, D('2026-03-05'), D('2026-03-12'))).toBeNull();
      expect(hearingNoticeRefusal('GENERAL', 'INVESTIGATING', requested, D('2026-03-05'), D('2026-03-11'))?.rule).toBe(
        'HEARING_NOTICE_TOO_SHORT',
      );
      expect(hearingNoticeRefusal('GENERAL', 'INVESTIGATING', requested, D('2026-03-04'), D('2026-03-20'))?.rule).toBe(
        'CASE_STEP_OUT_OF_ORDER',
      );
      expect(hearingNoticeRefusal('GENERAL', 'INVESTIGATING', offered, D('2026-03-04'), D('2026-03-20'))?.rule).toBe(
        'CASE_STEP_OUT_OF_ORDER',
      );
      expect(
        hearingNoticeRefusal('GENERAL', 'CLOSED', requested, D('2026-03-05'), D('2026-03-12'))?.message.en,
      ).toContain('the case is closed');
      expect(hearingNoticeRefusal('SIMPLE', 'INVESTIGATING', requested, D('2026-03-05'), D('2026-03-12'))?.rule).toBe(
        'CASE_STEP_NOT_IN_SIMPLE_PROCEDURE',
      );
    });

    it('第64条第（四）项: the presiding officer is of the agency, not an auxiliary, not assigned to the case', () => {
      const p = { id: 9, name: '王主持', agencyId: 1, auxiliary: false };
      expect(presidingOfficerRefusal(p, 1, [3, 4])).toBeNull();
      expect(presidingOfficerRefusal(p, 1, [3, 9])?.rule).toBe('HEARING_PRESIDING_OFFICER_INELIGIBLE');
      expect(presidingOfficerRefusal(p, 1, [3, 9])?.message.zh).toContain('第64条第（四）项');
      expect(presidingOfficerRefusal(p, 2, [3])?.message.en).toContain("not of the case's agency");
      expect(presidingOfficerRefusal({ ...p, auxiliary: true }, 1, [3])?.message.en).toContain('auxiliary');
    });

    it('is settled once waived, held, or the 5th day has passed with no request', () => {
      expect(hearingResolved(offered, D('2026-03-07'))).toBe(false);
      expect(hearingResolved(offered, D('2026-03-08'))).toBe(true);
      const requested = procedureState([
        notice('2026-03-02', [fine(2_000_000)], true),
        step('HEARING_REQUEST', '2026-03-05', 'REQUESTED'),
      ]);
      expect(hearingResolved(requested, D('2026-04-30'))).toBe(false);
      expect(hearingResolved(procedureState([...[notice('2026-03-02', [fine(100)], false)]]), D('2026-03-02'))).toBe(
        true,
      );
    });
  });

  it('sending for review: statement recorded and hearing settled, once a notice exists', () => {
    expect(reviewGateRefusal('GENERAL', procedureState([]), NOTICE_ON)).toBeNull();
    const n = notice('2026-03-02', [fine(2_000_000)], true);
    const noStatement = reviewGateRefusal('GENERAL', procedureState([n]), D('2026-03-20'));
    expect(noStatement?.rule).toBe('CASE_PROCEDURE_INCOMPLETE');
    expect(noStatement?.message.zh).toContain('第45条');
    const st = step('STATEMENT', '2026-03-03', 'RECEIVED');
    expect(reviewGateRefusal('GENERAL', procedureState([n, st]), D('2026-03-07'))?.message.zh).toContain('第64条');
    expect(reviewGateRefusal('GENERAL', procedureState([n, st]), D('2026-03-08'))).toBeNull();
  });

  it('legal review in the review stage of a general case, once approved stays approved', () => {
    expect(legalReviewRefusal('GENERAL', 'LEGAL_REVIEW', procedureState([]))).toBeNull();
    expect(legalReviewRefusal('GENERAL', 'INVESTIGATING', procedureState([]))?.message.zh).toContain('第58条');
    expect(legalReviewRefusal('SIMPLE', 'LEGAL_REVIEW', procedureState([]))?.rule).toBe(
      'CASE_STEP_NOT_IN_SIMPLE_PROCEDURE',
    );
    expect(
      legalReviewRefusal('GENERAL', 'LEGAL_REVIEW', procedureState([step('LEGAL_REVIEW', '2026-03-01', 'RETURNED')])),
    ).toBeNull();
    expect(
      legalReviewRefusal('GENERAL', 'LEGAL_REVIEW', procedureState([step('LEGAL_REVIEW', '2026-03-01', 'APPROVED')]))
        ?.rule,
    ).toBe('CASE_STEP_OUT_OF_ORDER');
  });

  it('collective discussion after an approved review', () => {
    const approved = procedureState([step('LEGAL_REVIEW', '2026-03-10', 'APPROVED')]);
    expect(discussionRefusal('GENERAL', 'LEGAL_REVIEW', approved, D('2026-03-10'))).toBeNull();
    expect(discussionRefusal('GENERAL', 'LEGAL_REVIEW', approved, D('2026-03-09'))?.rule).toBe(
      'CASE_STEP_OUT_OF_ORDER',
    );
    expect(discussionRefusal('GENERAL', 'LEGAL_REVIEW', procedureState([]), D('2026-03-10'))?.message.zh).toContain(
      '第57条第2款',
    );
    const returned = procedureState([step('LEGAL_REVIEW', '2026-03-10', 'RETURNED')]);
    expect(discussionRefusal('GENERAL', 'LEGAL_REVIEW', returned, D('2026-03-10'))?.rule).toBe(
      'CASE_STEP_OUT_OF_ORDER',
    );
    const twice = procedureState([
      step('LEGAL_REVIEW', '2026-03-10', 'APPROVED'),
      step('COLLECTIVE_DISCUSSION', '2026-03-11'),
    ]);
    expect(discussionRefusal('GENERAL', 'LEGAL_REVIEW', twice, D('2026-03-12'))?.message.en).toContain(
      'already recorded',
    );
  });

  describe('第61条: service within 7 days of the decision', () => {
    const decided = D('2026-04-01');
    it('the 7th day is allowed, the 8th refused', () => {
      expect(serviceRefusal('DECIDED', decided, procedureState([]), D('2026-04-01'))).toBeNull();
      expect(serviceRefusal('DECIDED', decided, procedureState([]), D('2026-04-08'))).toBeNull();
      const late = serviceRefusal('DECIDED', decided, procedureState([]), D('2026-04-09'));
      expect(late?.rule).toBe('SERVICE_LATE');
      expect(late?.message.zh).toContain('第61条');
      expect(late?.message.en).toContain('by 2026-04-08');
      // Late service still happened: recorded with the reason for the delay, never refused for good.
      expect(
        serviceRefusal('DECIDED', decided, procedureState([]), D('2026-04-09'), '当事人外出，首次送达未果'),
      ).toBeNull();
    });
    it('after the decision, once, not dated before it', () => {
      expect(serviceRefusal('LEGAL_REVIEW', null, procedureState([]), D('2026-04-01'))?.rule).toBe(
        'CASE_STEP_OUT_OF_ORDER',
      );
      expect(serviceRefusal('DECIDED', decided, procedureState([]), D('2026-03-31'))?.rule).toBe(
        'CASE_STEP_OUT_OF_ORDER',
      );
      expect(
        serviceRefusal('DECIDED', decided, procedureState([step('SERVICE', '2026-04-02')]), D('2026-04-03'))?.message
          .en,
      ).toContain('already');
    });
  });

  it('extensions before the decision of a general case', () => {
    for (const stage of ['REGISTERED', 'INVESTIGATING', 'LEGAL_REVIEW'] as const)
      expect(deadlineExtensionRefusal('GENERAL', stage)).toBeNull();
    expect(deadlineExtensionRefusal('GENERAL', 'DECIDED')?.message.zh).toContain('第60条');
    expect(deadlineExtensionRefusal('SIMPLE', 'INVESTIGATING')?.rule).toBe('CASE_STEP_NOT_IN_SIMPLE_PROCEDURE');
  });

  it('step dates: today and the registration day allowed, tomorrow and the day before refused', () => {
    const today = D('2026-03-10');
    expect(stepDateIssue(today, today, D('2026-03-01'))).toBeNull();
    expect(stepDateIssue(D('2026-03-01'), today, D('2026-03-01'))).toBeNull();
    expect(stepDateIssue(addDays(today, 1), today, D('2026-03-01'))?.en).toContain('after today');
    expect(stepDateIssue(D('2026-02-28'), today, D('2026-03-01'))?.en).toContain('before the case was registered');
  });
});

describe('the decision gate', () => {
  const base = (over: Partial<DecisionProcedureRequest> = {}): DecisionProcedureRequest => ({
    procedure: 'GENERAL',
    serious: false,
    decision: 'PENALTY',
    penalties: [fine(500_000)],
    hearingThresholdFen: 1_000_000n,
    today: D('2026-03-30'),
    state: procedureState([
      notice('2026-03-02', [fine(500_000), { kind: 'WARNING', amountFen: null }], false),
      step('STATEMENT', '2026-03-03', 'RECEIVED'),
      step('LEGAL_REVIEW', '2026-03-10', 'APPROVED'),
    ]),
    ...over,
  });

  it('passes a complete general procedure and any simple case', () => {
    expect(decisionProcedureRefusal(base())).toBeNull();
    expect(decisionProcedureRefusal(base({ penalties: [{ kind: 'WARNING', amountFen: null }] }))).toBeNull();
    expect(decisionProcedureRefusal(base({ procedure: 'SIMPLE', state: procedureState([]) }))).toBeNull();
  });

  it('needs the latest review approved, later than any return', () => {
    expect(decisionProcedureRefusal(base({ state: procedureState([]) }))?.rule).toBe('CASE_REVIEW_NOT_APPROVED');
    const returned = procedureState([
      step('LEGAL_REVIEW', '2026-03-10', 'APPROVED'),
      step('LEGAL_REVIEW', '2026-03-11', 'RETURNED'),
    ]);
    const r = decisionProcedureRefusal(base({ state: returned }));
    expect(r?.rule).toBe('CASE_REVIEW_NOT_APPROVED');
    expect(r?.message.zh).toContain('第58条');
  });

  it('a serious case needs a collective discussion after the approval', () => {
    const r = decisionProcedureRefusal(base({ serious: true }));
    expect(r?.rule).toBe('CASE_DISCUSSION_REQUIRED');
    expect(r?.message.en).toContain('art. 57(2)');
    const discussed = procedureState([
      notice('2026-03-02', [fine(500_000)], false),
      step('STATEMENT', '2026-03-03', 'RECEIVED'),
      step('LEGAL_REVIEW', '2026-03-10', 'APPROVED'),
      step('COLLECTIVE_DISCUSSION', '2026-03-11'),
    ]);
    expect(decisionProcedureRefusal(base({ serious: true, state: discussed }))).toBeNull();
    // 第57条第2款 is about penalising: not penalising a serious case needs no discussion.
    expect(decisionProcedureRefusal(base({ serious: true, decision: 'NO_PENALTY', penalties: [] }))).toBeNull();
  });

  it('a decision with penalties needs a notice; one without needs none', () => {
    const reviewed = procedureState([step('LEGAL_REVIEW', '2026-03-10', 'APPROVED')]);
    expect(decisionProcedureRefusal(base({ state: reviewed }))?.rule).toBe('CASE_NOTICE_REQUIRED');
    expect(decisionProcedureRefusal(base({ decision: 'NO_PENALTY', penalties: [], state: reviewed }))).toBeNull();
    expect(decisionProcedureRefusal(base({ decision: 'DROPPED', penalties: [], state: reviewed }))).toBeNull();
  });

  it('no heavier than notified (第45条第2款): the notified amount allowed, one fen more refused, other kinds refused', () => {
    expect(decisionProcedureRefusal(base({ penalties: [fine(499_999)] }))).toBeNull();
    const more = decisionProcedureRefusal(base({ penalties: [fine(500_001)] }));
    expect(more?.rule).toBe('CASE_PENALTY_NOT_NOTIFIED');
    expect(more?.message.zh).toContain('第45条第2款');
    const other = decisionProcedureRefusal(base({ penalties: [{ kind: 'REVOKE_LICENCE', amountFen: null }] }));
    expect(other?.rule).toBe('CASE_PENALTY_NOT_NOTIFIED');
    expect(other?.message.en).toContain('revocation of a licence was not in the prior notice');
  });

  it('the statement recorded', () => {
    const st = procedureState([
      notice('2026-03-02', [fine(500_000)], false),
      step('LEGAL_REVIEW', '2026-03-10', 'APPROVED'),
    ]);
    expect(decisionProcedureRefusal(base({ state: st }))?.rule).toBe('CASE_PROCEDURE_INCOMPLETE');
  });

  it('a 第63条 penalty needs the hearing offered and settled', () => {
    const big = [fine(1_000_000)];
    const offered = (...more: StepFacts[]) =>
      // Numbered in this order: the steps passed in were made before the notice.
      procedureState(
        [
          notice('2026-03-02', big, true),
          step('STATEMENT', '2026-03-03', 'RECEIVED'),
          ...more,
          step('LEGAL_REVIEW', '2026-03-10', 'APPROVED'),
        ].map((s, i) => ({ ...s, id: i + 1 })),
      );
    expect(decisionProcedureRefusal(base({ penalties: big, state: offered(), today: D('2026-03-08') }))).toBeNull();
    expect(decisionProcedureRefusal(base({ penalties: big, state: offered(), today: D('2026-03-07') }))?.rule).toBe(
      'CASE_PROCEDURE_INCOMPLETE',
    );
    const requested = offered(step('HEARING_REQUEST', '2026-03-04', 'REQUESTED'));
    expect(decisionProcedureRefusal(base({ penalties: big, state: requested }))?.message.zh).toContain('第64条');
    expect(
      decisionProcedureRefusal(
        base({
          penalties: big,
          state: offered(step('HEARING_REQUEST', '2026-03-04', 'REQUESTED'), step('HEARING', '2026-03-09')),
        }),
      ),
    ).toBeNull();
    // The threshold fell after a notice that offered none: the party must be told again.
    const notOffered = procedureState([
      notice('2026-03-02', big, false),
      step('STATEMENT', '2026-03-03', 'RECEIVED'),
      step('LEGAL_REVIEW', '2026-03-10', 'APPROVED'),
    ]);
    expect(decisionProcedureRefusal(base({ penalties: big, state: notOffered }))?.rule).toBe(
      'CASE_HEARING_NOT_OFFERED',
    );
    // An offered hearing is settled before any penalty, even one below the threshold.
    expect(decisionProcedureRefusal(base({ penalties: [fine(500_000)], state: requested }))?.rule).toBe(
      'CASE_PROCEDURE_INCOMPLETE',
    );
    // One fen under the threshold: no hearing needed.
    expect(decisionProcedureRefusal(base({ penalties: [fine(999_999)], state: notOffered }))).toBeNull();
  });
});

describe('stage transitions of the procedure', () => {
  const t = (from: GqlJson, to: GqlJson, over: Record<string, unknown> = {}) =>
    transitionRefusal({ from, to, decision: null, via: 'advance', procedure: 'GENERAL', ...over } as GqlJson);

  it('a simple case is decided when registered or investigating, never reviewed', () => {
    expect(t('REGISTERED', 'DECIDED', { via: 'decide', procedure: 'SIMPLE' })).toBeNull();
    expect(t('INVESTIGATING', 'DECIDED', { via: 'decide', procedure: 'SIMPLE' })).toBeNull();
    expect(t('INVESTIGATING', 'LEGAL_REVIEW', { procedure: 'SIMPLE' })?.message.zh).toContain('第51条');
    expect(t('REGISTERED', 'DECIDED', { via: 'decide' })?.rule).toBe('CASE_ILLEGAL_TRANSITION');
  });

  it('a returned review goes back to investigation, and nothing else does', () => {
    expect(t('LEGAL_REVIEW', 'INVESTIGATING', { via: 'review' })).toBeNull();
    expect(t('LEGAL_REVIEW', 'INVESTIGATING')?.rule).toBe('CASE_ILLEGAL_TRANSITION');
    expect(t('DECIDED', 'INVESTIGATING', { via: 'review' })?.rule).toBe('CASE_ILLEGAL_TRANSITION');
  });

  it('execution needs the decision served', () => {
    const r = t('DECIDED', 'EXECUTED', { decision: 'PENALTY', served: false });
    expect(r?.rule).toBe('CASE_NOT_SERVED');
    expect(r?.message.zh).toContain('第61条');
    expect(t('DECIDED', 'EXECUTED', { decision: 'PENALTY', served: true })).toBeNull();
  });
});
