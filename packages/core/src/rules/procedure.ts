// The 行政处罚法 (2021) procedure of a case: 事先告知 (第44条) → 陈述、申辩 (第45条) → 听证 (第63–64条) →
// 法制审核 (第58条) → 集体讨论 (第57条第2款) → 决定 by the agency head (第57条) → 送达 (第61条), with the
// 90-day limit and its extensions (第60条). 简易程序 (第51条) skips review, hearing and discussion. Pure:
// the services in cases/ read the steps and call these.
//
// Days are calendar days in Asia/Shanghai stored as UTC midnight. Counting follows 民法典 第201条: the
// day of the notice (or decision) is not counted, so "within 5 days of the notice" ends on notice + 5.
import type { Bilingual } from '../errors.js';
import type {
  CaseDecision,
  CaseProcedure,
  CaseStage,
  CaseStepKind,
  CaseStepOutcome,
  PenaltyKind,
} from '../generated/prisma/enums.js';
import { isPenalty, type RuleRefusal } from './case-stage.js';
import { PENALTY_KIND_NAMES, STAGE_NAMES } from './names.js';
import { addDays } from './limitation.js';

/** 第64条第(一)项: a hearing is requested within 5 days of the notice. */
export const HEARING_REQUEST_DAYS = 5;
/** 第61条: the decision is served within 7 days of the decision (if not handed over on the spot). */
export const SERVICE_DAYS = 7;

const ymd = (d: Date) => d.toISOString().slice(0, 10);

// ── penalties and the hearing (第63条) ────────────────────────────────────────────────────────────

export interface ProposedPenalty {
  kind: PenaltyKind;
  /** Fen for FINE, CONFISCATE_GAINS, CONFISCATE_PROPERTY; null for the other kinds. */
  amountFen: bigint | null;
}

/** Penalty kinds 第63条 gives a hearing for whatever their extent. */
export const HEARING_KINDS: readonly PenaltyKind[] = [
  'LOWER_QUALIFICATION',
  'REVOKE_LICENCE',
  'RESTRICT_ACTIVITIES',
  'SUSPEND_OPERATIONS',
  'CLOSE_DOWN',
  'BAN_PRACTICE',
];
/** Kinds for which 第63条 gives a hearing from 较大数额 on (the configured threshold). */
export const HEARING_AMOUNT_KINDS: readonly PenaltyKind[] = ['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY'];

export interface HearingThresholds {
  [domain: string]: { naturalPersonFen: number; organisationFen: number };
}

/**
 * 较大数额 for the case's domain and party: the domain's own threshold, else the `'*'` one. A case
 * without a known domain uses `'*'`.
 */
export function hearingThresholdFen(
  thresholds: HearingThresholds,
  domain: string | null,
  naturalPerson: boolean,
): bigint {
  const t = (domain !== null ? thresholds[domain] : undefined) ?? thresholds['*'];
  if (!t) throw new Error('hearingFineThresholds has no "*" entry');
  return BigInt(naturalPerson ? t.naturalPersonFen : t.organisationFen);
}

/** The penalties that give the party a hearing (第63条): the 较大数额 ones at or above the threshold. */
export function hearingPenalties(penalties: readonly ProposedPenalty[], thresholdFen: bigint): ProposedPenalty[] {
  return penalties.filter(
    (p) =>
      HEARING_KINDS.includes(p.kind) ||
      (HEARING_AMOUNT_KINDS.includes(p.kind) && p.amountFen !== null && p.amountFen >= thresholdFen),
  );
}

export function hearingOffered(penalties: readonly ProposedPenalty[], thresholdFen: bigint): boolean {
  return hearingPenalties(penalties, thresholdFen).length > 0;
}

// ── the steps recorded so far ───────────────────────────────────────────────────────────────────

export interface StepFacts {
  id: number;
  kind: CaseStepKind;
  on: Date;
  outcome: CaseStepOutcome | null;
}

export interface NoticeFacts extends StepFacts {
  penalties: ProposedPenalty[];
  /** Whether the notice told the party of a right to a hearing (fixed when the notice was given). */
  hearingOffered: boolean;
}

/** Where the procedure stands, read from the steps in the order they were recorded. */
export interface ProcedureState {
  /** The latest notice: a case returned by review may be notified again. */
  notice: NoticeFacts | null;
  /** The statement (or its waiver) after the latest notice. */
  statement: StepFacts | null;
  /** The hearing request (or waiver) after the latest notice. */
  hearingRequest: StepFacts | null;
  /** The hearing held after that request. */
  hearing: StepFacts | null;
  /** The latest legal review. */
  review: StepFacts | null;
  /** The collective discussion after the latest review, when that review approved. */
  discussion: StepFacts | null;
  service: StepFacts | null;
}

export function procedureState(steps: readonly (StepFacts | NoticeFacts)[]): ProcedureState {
  const s: ProcedureState = {
    notice: null,
    statement: null,
    hearingRequest: null,
    hearing: null,
    review: null,
    discussion: null,
    service: null,
  };
  for (const step of [...steps].sort((a, b) => a.id - b.id)) {
    switch (step.kind) {
      case 'NOTICE':
        s.notice = step as NoticeFacts;
        s.statement = s.hearingRequest = s.hearing = null;
        break;
      case 'STATEMENT':
        if (s.notice) s.statement = step;
        break;
      case 'HEARING_REQUEST':
        if (s.notice) {
          s.hearingRequest = step;
          s.hearing = null;
        }
        break;
      case 'HEARING':
        if (s.hearingRequest) s.hearing = step;
        break;
      case 'LEGAL_REVIEW':
        s.review = step;
        s.discussion = null;
        break;
      case 'COLLECTIVE_DISCUSSION':
        if (s.review?.outcome === 'APPROVED') s.discussion = step;
        break;
      case 'SERVICE':
        s.service = step;
        break;
      case 'DEADLINE_EXTENSION':
        break;
    }
  }
  return s;
}

/** The hearing offered by the latest notice is settled: waived, held, or its 5 days passed with no request. */
export function hearingResolved(s: ProcedureState, today: Date): boolean {
  if (!s.notice?.hearingOffered) return true;
  if (s.hearingRequest?.outcome === 'WAIVED') return true;
  if (s.hearingRequest?.outcome === 'REQUESTED') return s.hearing !== null;
  return today.getTime() > addDays(s.notice.on, HEARING_REQUEST_DAYS).getTime();
}

// ── refusals ────────────────────────────────────────────────────────────────────────────────────

const outOfOrder = (zh: string, en: string): RuleRefusal => ({ rule: 'CASE_STEP_OUT_OF_ORDER', message: { zh, en } });

/** A step's date: not in the future, not before the case was registered. */
export function stepDateIssue(on: Date, today: Date, registeredOn: Date): Bilingual | null {
  if (on.getTime() > today.getTime())
    return { zh: `日期 ${ymd(on)} 晚于今天`, en: `the date ${ymd(on)} is after today` };
  if (on.getTime() < registeredOn.getTime())
    return {
      zh: `日期 ${ymd(on)} 早于立案日 ${ymd(registeredOn)}`,
      en: `the date ${ymd(on)} is before the case was registered (${ymd(registeredOn)})`,
    };
  return null;
}

/** A step dated before the step it answers is out of order. */
function notBefore(
  on: Date,
  prior: StepFacts,
  zhPrior: string,
  enPrior: string,
  article: Bilingual,
): RuleRefusal | null {
  if (on.getTime() >= prior.on.getTime()) return null;
  return outOfOrder(
    `${article.zh}：日期 ${ymd(on)} 早于${zhPrior}（${ymd(prior.on)}）`,
    `${article.en}: the date ${ymd(on)} is before the ${enPrior} (${ymd(prior.on)})`,
  );
}

const simpleRefusal = (step: Bilingual): RuleRefusal => ({
  rule: 'CASE_STEP_NOT_IN_SIMPLE_PROCEDURE',
  message: {
    zh: `简易程序案件不经${step.zh}（行政处罚法第51条、第52条）`,
    en: `A simple-procedure case has no ${step.en} (行政处罚法 art. 51–52)`,
  },
});

/** 事先告知 (第44条): given while investigating, before the case goes to review and decision. */
export function noticeRefusal(stage: CaseStage): RuleRefusal | null {
  if (stage === 'INVESTIGATING') return null;
  return outOfOrder(
    `行政处罚法第44条：事先告知须在调查取证阶段、作出决定前进行，案件现处于“${STAGE_NAMES[stage].zh}”阶段`,
    `行政处罚法 art. 44: the prior notice is given while investigating, before the decision; the case is ${STAGE_NAMES[stage].en}`,
  );
}

/** 陈述、申辩 (第45条): received or waived once per notice, not before it. */
export function statementRefusal(s: ProcedureState, on: Date): RuleRefusal | null {
  const art = { zh: '行政处罚法第45条', en: '行政处罚法 art. 45' };
  if (!s.notice)
    return outOfOrder(
      '行政处罚法第45条：陈述、申辩须在事先告知（第44条）之后',
      '行政处罚法 art. 45: a statement follows the prior notice (art. 44)',
    );
  if (s.statement)
    return outOfOrder(
      '行政处罚法第45条：本次告知的陈述、申辩已经记录',
      '行政处罚法 art. 45: the statement for this notice is already recorded',
    );
  return notBefore(on, s.notice, '事先告知', 'prior notice', art);
}

/** 听证申请 (第64条第(一)项): only when the notice offered a hearing, within 5 days of it. */
export function hearingRequestRefusal(procedure: CaseProcedure, s: ProcedureState, on: Date): RuleRefusal | null {
  if (procedure === 'SIMPLE') return simpleRefusal({ zh: '听证', en: 'hearing' });
  if (!s.notice)
    return outOfOrder(
      '行政处罚法第64条：听证申请须在事先告知（第44条）之后',
      '行政处罚法 art. 64: a hearing request follows the prior notice (art. 44)',
    );
  if (!s.notice.hearingOffered)
    return {
      rule: 'CASE_HEARING_NOT_OFFERED',
      message: {
        zh: '行政处罚法第63条：事先告知拟作出的处罚不属于应当告知听证权利的情形，不能申请听证',
        en: '行政处罚法 art. 63: the penalties notified give no right to a hearing',
      },
    };
  if (s.hearingRequest)
    return outOfOrder(
      '行政处罚法第64条：本次告知的听证申请（或放弃）已经记录',
      '行政处罚法 art. 64: the hearing request (or waiver) for this notice is already recorded',
    );
  const early = notBefore(on, s.notice, '事先告知', 'prior notice', {
    zh: '行政处罚法第64条',
    en: '行政处罚法 art. 64',
  });
  if (early) return early;
  const last = addDays(s.notice.on, HEARING_REQUEST_DAYS);
  if (on.getTime() > last.getTime())
    return {
      rule: 'HEARING_REQUEST_LATE',
      message: {
        zh: `行政处罚法第64条第（一）项：当事人应在告知后五日内提出听证，告知日 ${ymd(s.notice.on)}，期限至 ${ymd(last)}，${ymd(on)} 已超期`,
        en: `行政处罚法 art. 64(1): a hearing is requested within 5 days of the notice (${ymd(s.notice.on)}), by ${ymd(last)}; ${ymd(on)} is too late`,
      },
    };
  return null;
}

/** 听证 (第64条): held after a request, with its record. */
export function hearingRefusal(procedure: CaseProcedure, s: ProcedureState, on: Date): RuleRefusal | null {
  if (procedure === 'SIMPLE') return simpleRefusal({ zh: '听证', en: 'hearing' });
  if (s.hearingRequest?.outcome !== 'REQUESTED')
    return outOfOrder(
      '行政处罚法第64条：当事人申请听证后方可举行听证',
      '行政处罚法 art. 64: a hearing is held after the party requests one',
    );
  if (s.hearing)
    return outOfOrder('行政处罚法第64条：听证已经举行并记录', '行政处罚法 art. 64: the hearing is already recorded');
  return notBefore(on, s.hearingRequest, '听证申请', 'hearing request', {
    zh: '行政处罚法第64条',
    en: '行政处罚法 art. 64',
  });
}

/**
 * Advancing INVESTIGATING → LEGAL_REVIEW: once a notice is given, the statement is recorded and an
 * offered hearing is waived, held, or its 5 days have passed with no request.
 */
export function reviewGateRefusal(procedure: CaseProcedure, s: ProcedureState, today: Date): RuleRefusal | null {
  if (procedure === 'SIMPLE' || !s.notice) return null;
  if (!s.statement)
    return {
      rule: 'CASE_PROCEDURE_INCOMPLETE',
      message: {
        zh: '行政处罚法第45条：事先告知后须记录当事人的陈述、申辩（或其放弃），方可送法制审核',
        en: '行政处罚法 art. 45: after the notice, the party’s statement (or its waiver) is recorded before legal review',
      },
    };
  if (!hearingResolved(s, today))
    return {
      rule: 'CASE_PROCEDURE_INCOMPLETE',
      message: {
        zh: `行政处罚法第64条：已告知听证权利，须待当事人放弃、听证举行完毕或告知后五日（至 ${ymd(addDays(s.notice.on, HEARING_REQUEST_DAYS))}）届满未申请`,
        en: `行政处罚法 art. 64: a hearing was offered; it must be waived, held, or its 5 days (to ${ymd(addDays(s.notice.on, HEARING_REQUEST_DAYS))}) pass with no request`,
      },
    };
  return null;
}

/** 法制审核 (第58条): in the review stage of a general-procedure case, once per round. */
export function legalReviewRefusal(procedure: CaseProcedure, stage: CaseStage, s: ProcedureState): RuleRefusal | null {
  if (procedure === 'SIMPLE') return simpleRefusal({ zh: '法制审核', en: 'legal review' });
  if (stage !== 'LEGAL_REVIEW')
    return outOfOrder(
      `行政处罚法第58条：法制审核在案件送审后、决定前进行，案件现处于“${STAGE_NAMES[stage].zh}”阶段`,
      `行政处罚法 art. 58: legal review takes place once the case is sent for review, before the decision; the case is ${STAGE_NAMES[stage].en}`,
    );
  if (s.review?.outcome === 'APPROVED')
    return outOfOrder(
      '行政处罚法第58条：本案已经法制审核通过',
      '行政处罚法 art. 58: the case has already passed legal review',
    );
  return null;
}

/** 集体讨论 (第57条第2款): after an approved review, before the decision. */
export function discussionRefusal(
  procedure: CaseProcedure,
  stage: CaseStage,
  s: ProcedureState,
  on: Date,
): RuleRefusal | null {
  if (procedure === 'SIMPLE') return simpleRefusal({ zh: '集体讨论', en: 'collective discussion' });
  if (stage !== 'LEGAL_REVIEW' || s.review?.outcome !== 'APPROVED')
    return outOfOrder(
      '行政处罚法第57条第2款：集体讨论在法制审核通过后、作出决定前进行',
      '行政处罚法 art. 57(2): collective discussion follows an approved legal review and precedes the decision',
    );
  if (s.discussion)
    return outOfOrder(
      '行政处罚法第57条第2款：集体讨论已经记录',
      '行政处罚法 art. 57(2): the collective discussion is already recorded',
    );
  return notBefore(on, s.review, '法制审核', 'legal review', {
    zh: '行政处罚法第57条第2款',
    en: '行政处罚法 art. 57(2)',
  });
}

/**
 * 送达 (第61条): after the decision, once, within 7 days of the decision day. A service that came
 * later still happened and the decision takes effect only once served, so refusing it for good would
 * leave the case stuck before execution: a late service is recorded only with the reason for the
 * delay in its note (`lateReason`), which the record keeps for supervisors to see.
 */
export function serviceRefusal(
  stage: CaseStage,
  decidedOn: Date | null,
  s: ProcedureState,
  on: Date,
  lateReason: string | null = null,
): RuleRefusal | null {
  if (stage !== 'DECIDED' || decidedOn === null)
    return outOfOrder(
      `行政处罚法第61条：送达在作出决定后、执行前进行，案件现处于“${STAGE_NAMES[stage].zh}”阶段`,
      `行政处罚法 art. 61: the decision is served after it is made and before execution; the case is ${STAGE_NAMES[stage].en}`,
    );
  if (s.service)
    return outOfOrder('行政处罚法第61条：决定书已经送达', '行政处罚法 art. 61: the decision has already been served');
  if (on.getTime() < decidedOn.getTime())
    return outOfOrder(
      `行政处罚法第61条：送达日期 ${ymd(on)} 早于决定日 ${ymd(decidedOn)}`,
      `行政处罚法 art. 61: the service date ${ymd(on)} is before the decision (${ymd(decidedOn)})`,
    );
  const last = addDays(decidedOn, SERVICE_DAYS);
  if (on.getTime() > last.getTime() && !lateReason)
    return {
      rule: 'SERVICE_LATE',
      message: {
        zh: `行政处罚法第61条：决定书应在决定之日起七日内送达，决定日 ${ymd(decidedOn)}，期限至 ${ymd(last)}，${ymd(on)} 已超期；逾期送达须在备注中写明原因`,
        en: `行政处罚法 art. 61: the decision is served within 7 days of ${ymd(decidedOn)}, by ${ymd(last)}; ${ymd(on)} is late — a late service is recorded only with the reason for the delay in its note`,
      },
    };
  return null;
}

/** 办案期限延长 (第60条): a general-procedure case, before its decision. */
export function deadlineExtensionRefusal(procedure: CaseProcedure, stage: CaseStage): RuleRefusal | null {
  if (procedure === 'SIMPLE') return simpleRefusal({ zh: '办案期限延长', en: 'deadline extension' });
  if (['REGISTERED', 'INVESTIGATING', 'LEGAL_REVIEW'].includes(stage)) return null;
  return outOfOrder(
    '行政处罚法第60条：办案期限只能在作出决定前延长',
    '行政处罚法 art. 60: the time limit can be extended only before the decision',
  );
}

export interface DecisionProcedureRequest {
  procedure: CaseProcedure;
  serious: boolean;
  decision: CaseDecision;
  penalties: readonly ProposedPenalty[];
  state: ProcedureState;
  /** 较大数额 for this case (hearingThresholdFen). */
  hearingThresholdFen: bigint;
  today: Date;
}

const fen = (v: bigint) => `${v} 分`;

/**
 * What the procedure still lacks before a decision (general procedure): an approved review later than
 * any return (第58条); a collective discussion before penalising a serious case (第57条第2款: 给予行政
 * 处罚); for a decision with penalties, a notice whose proposal covers them (第44条; no heavier — 第45条
 * 第2款), the statement, a hearing offered when the decided penalties are 第63条 ones, and an offered
 * hearing settled. 简易程序: nothing here (its limits are rules/decision.ts's).
 */
export function decisionProcedureRefusal(r: DecisionProcedureRequest): RuleRefusal | null {
  if (r.procedure === 'SIMPLE') return null;
  const s = r.state;
  if (s.review?.outcome !== 'APPROVED')
    return {
      rule: 'CASE_REVIEW_NOT_APPROVED',
      message: {
        zh: s.review
          ? '行政处罚法第58条：法制审核意见为退回，须补充调查后重新送审并经审核通过，方可作出决定'
          : '行政处罚法第58条：普通程序案件须经法制审核通过，方可作出决定',
        en: s.review
          ? '行政处罚法 art. 58: legal review returned the case; it must be reviewed again and approved before the decision'
          : '行政处罚法 art. 58: a general-procedure case is decided only after legal review approves it',
      },
    };
  if (r.serious && isPenalty(r.decision) && !s.discussion)
    return {
      rule: 'CASE_DISCUSSION_REQUIRED',
      message: {
        zh: '行政处罚法第57条第2款：情节复杂或者重大违法行为给予行政处罚，须经行政机关负责人集体讨论决定',
        en: '行政处罚法 art. 57(2): a serious or complex case is decided after collective discussion by the agency’s heads',
      },
    };
  if (r.penalties.length === 0) return null;
  if (!s.notice)
    return {
      rule: 'CASE_NOTICE_REQUIRED',
      message: {
        zh: '行政处罚法第44条：作出行政处罚决定前，须告知当事人拟作出的处罚内容及事实、理由、依据',
        en: '行政处罚法 art. 44: the party is notified of the proposed penalty, its facts, reasons and basis before the decision',
      },
    };
  for (const p of r.penalties) {
    const name = PENALTY_KIND_NAMES[p.kind];
    const notified = s.notice.penalties.find((n) => n.kind === p.kind);
    const heavier = (zh: string, en: string): RuleRefusal => ({
      rule: 'CASE_PENALTY_NOT_NOTIFIED',
      message: {
        zh: `行政处罚法第44条、第45条第2款：${zh}，不得作出未经告知或者更重的处罚`,
        en: `行政处罚法 art. 44, 45(2): ${en}; no penalty beyond what was notified`,
      },
    });
    if (!notified) return heavier(`“${name.zh}”未在事先告知中告知`, `${name.en} was not in the prior notice`);
    if (p.amountFen !== null && (notified.amountFen === null || p.amountFen > notified.amountFen))
      return heavier(
        `“${name.zh}” ${fen(p.amountFen)} 超过告知的 ${notified.amountFen === null ? '（未告知金额）' : fen(notified.amountFen)}`,
        `${name.en} of ${p.amountFen} fen exceeds the ${notified.amountFen === null ? 'unstated amount' : `${notified.amountFen} fen`} notified`,
      );
  }
  if (!s.statement)
    return {
      rule: 'CASE_PROCEDURE_INCOMPLETE',
      message: {
        zh: '行政处罚法第45条：须记录当事人的陈述、申辩（或其放弃）后方可作出决定',
        en: '行政处罚法 art. 45: the party’s statement (or its waiver) is recorded before the decision',
      },
    };
  if (hearingOffered(r.penalties, r.hearingThresholdFen) && !s.notice.hearingOffered)
    return {
      rule: 'CASE_HEARING_NOT_OFFERED',
      message: {
        zh: '行政处罚法第63条：决定的处罚属于应当告知听证权利的情形，但事先告知未告知听证权利，须重新告知',
        en: '行政处罚法 art. 63: the penalties decided give a right to a hearing the notice did not offer; notify again',
      },
    };
  if (s.notice.hearingOffered && !hearingResolved(s, r.today))
    return {
      rule: 'CASE_PROCEDURE_INCOMPLETE',
      message: {
        zh: '行政处罚法第64条：当事人的听证权利尚未了结（放弃、举行听证或告知后五日内未申请）',
        en: '行政处罚法 art. 64: the hearing is not settled (waived, held, or not requested within 5 days of the notice)',
      },
    };
  return null;
}
