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
import { matterFineRefusal, matterKindRefusal, type MatterTerms } from './decision.js';
import { jointPenaltyRefusal, type JointKinds } from './joint-penalties.js';
import { PENALTY_KIND_NAMES, STAGE_NAMES } from './names.js';
import { addDays } from './limitation.js';

/** 第64条第(一)项: a hearing is requested within 5 days of the notice. */
export const HEARING_REQUEST_DAYS = 5;
/** 第61条: the decision is served within 7 days of the decision (if not handed over on the spot). */
export const SERVICE_DAYS = 7;
/** 第64条第(二)项: the party is told the hearing's time and place 7 days before it. */
export const HEARING_NOTICE_DAYS = 7;

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const fen = (v: bigint) => `${v} 分`;

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
  /** The new facts a heavier re-notice rests on (第45条第2款); null for a first or no heavier notice. */
  newFacts?: string | null;
}

/** 听证通知 (第64条第(二)项): the day the party was told, and the day the hearing is set for. */
export interface HearingNoticeFacts extends StepFacts {
  hearingOn: Date;
}

/**
 * A penalty of `proposed` that goes beyond `than` (第45条第2款's "heavier"): a kind `than` does not hold,
 * or an amount above the one it holds (or states none). Null when `proposed` is no heavier.
 */
export function heavierPenalty(
  proposed: readonly ProposedPenalty[],
  than: readonly ProposedPenalty[],
): { penalty: ProposedPenalty; was: ProposedPenalty | null } | null {
  for (const p of proposed) {
    const was = than.find((n) => n.kind === p.kind) ?? null;
    if (!was) return { penalty: p, was };
    if (p.amountFen !== null && (was.amountFen === null || p.amountFen > was.amountFen)) return { penalty: p, was };
  }
  return null;
}

/** Where the procedure stands, read from the steps in the order they were recorded. */
export interface ProcedureState {
  /** The latest notice: a case returned by review may be notified again. */
  notice: NoticeFacts | null;
  /** The statement (or its waiver) after the latest notice. */
  statement: StepFacts | null;
  /** The hearing request (or waiver) after the latest notice. */
  hearingRequest: StepFacts | null;
  /** The latest notice of the hearing after that request (a postponed hearing is notified again). */
  hearingNotice: HearingNoticeFacts | null;
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
    hearingNotice: null,
    hearing: null,
    review: null,
    discussion: null,
    service: null,
  };
  for (const step of [...steps].sort((a, b) => a.id - b.id)) {
    switch (step.kind) {
      case 'NOTICE':
        // A new notice restarts the party's rights (第44–45条, 第64条): its statement and hearing are its own.
        s.notice = step as NoticeFacts;
        s.statement = s.hearingRequest = s.hearingNotice = s.hearing = null;
        break;
      case 'STATEMENT':
        if (s.notice) s.statement = step;
        break;
      case 'HEARING_REQUEST':
        if (s.notice) {
          s.hearingRequest = step;
          s.hearingNotice = s.hearing = null;
        }
        break;
      case 'HEARING_NOTICE':
        if (s.hearingRequest?.outcome === 'REQUESTED' && !s.hearing) s.hearingNotice = step as HearingNoticeFacts;
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
      case 'PROCEDURE_CONVERSION':
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

const PRE_DECISION: readonly CaseStage[] = ['REGISTERED', 'INVESTIGATING', 'LEGAL_REVIEW'];

/**
 * Where the law places each step, and the article that places it: the party's steps (告知, 陈述申辩,
 * 听证) while investigating — they come before the case is sent for review (第44–45条, 第63–65条) —,
 * review and discussion in review (第57–58条), service after the decision (第61条), an extension
 * before it (第60条), a conversion before the on-the-spot decision (第51条). Never on a closed case.
 */
export const STEP_STAGES: Record<CaseStepKind, { stages: readonly CaseStage[]; article: Bilingual; what: Bilingual }> =
  {
    NOTICE: {
      stages: ['INVESTIGATING'],
      article: { zh: '行政处罚法第44条', en: '行政处罚法 art. 44' },
      what: { zh: '事先告知', en: 'prior notice' },
    },
    STATEMENT: {
      stages: ['INVESTIGATING'],
      article: { zh: '行政处罚法第45条', en: '行政处罚法 art. 45' },
      what: { zh: '陈述、申辩', en: 'statement' },
    },
    HEARING_REQUEST: {
      stages: ['INVESTIGATING'],
      article: { zh: '行政处罚法第64条第（一）项', en: '行政处罚法 art. 64(1)' },
      what: { zh: '听证申请', en: 'hearing request' },
    },
    HEARING_NOTICE: {
      stages: ['INVESTIGATING'],
      article: { zh: '行政处罚法第64条第（二）项', en: '行政处罚法 art. 64(2)' },
      what: { zh: '听证通知', en: 'notice of the hearing' },
    },
    HEARING: {
      stages: ['INVESTIGATING'],
      article: { zh: '行政处罚法第64条、第65条', en: '行政处罚法 arts. 64–65' },
      what: { zh: '听证', en: 'hearing' },
    },
    LEGAL_REVIEW: {
      stages: ['LEGAL_REVIEW'],
      article: { zh: '行政处罚法第58条', en: '行政处罚法 art. 58' },
      what: { zh: '法制审核', en: 'legal review' },
    },
    COLLECTIVE_DISCUSSION: {
      stages: ['LEGAL_REVIEW'],
      article: { zh: '行政处罚法第57条第2款', en: '行政处罚法 art. 57(2)' },
      what: { zh: '集体讨论', en: 'collective discussion' },
    },
    SERVICE: {
      stages: ['DECIDED'],
      article: { zh: '行政处罚法第61条', en: '行政处罚法 art. 61' },
      what: { zh: '送达', en: 'service' },
    },
    DEADLINE_EXTENSION: {
      stages: PRE_DECISION,
      article: { zh: '行政处罚法第60条', en: '行政处罚法 art. 60' },
      what: { zh: '办案期限延长', en: 'deadline extension' },
    },
    DEADLINE_SUSPENSION: {
      stages: PRE_DECISION,
      article: { zh: '行政处罚法第60条', en: '行政处罚法 art. 60' },
      what: { zh: '不计入办案期限的时间', en: 'time not counted in the deadline' },
    },
    PROCEDURE_CONVERSION: {
      stages: ['REGISTERED', 'INVESTIGATING'],
      article: { zh: '行政处罚法第51条', en: '行政处罚法 art. 51' },
      what: { zh: '简易程序转为普通程序', en: 'conversion to the general procedure' },
    },
  };

/** A step recorded in a stage the law has no place for it in (STEP_STAGES), naming its article. */
export function stepStageRefusal(kind: CaseStepKind, stage: CaseStage): RuleRefusal | null {
  const { stages, article, what } = STEP_STAGES[kind];
  if (stages.includes(stage)) return null;
  return outOfOrder(
    `${article.zh}：${what.zh}只能在“${stages.map((x) => STAGE_NAMES[x].zh).join('”“')}”阶段记录，案件现处于“${STAGE_NAMES[stage].zh}”阶段`,
    `${article.en}: a ${what.en} is recorded only while the case is ${stages.map((x) => STAGE_NAMES[x].en).join(' or ')}; the case is ${STAGE_NAMES[stage].en}`,
  );
}

export interface NoticeRequest {
  stage: CaseStage;
  state: ProcedureState;
  penalties: readonly ProposedPenalty[];
  /** The new facts a heavier re-notice rests on (第45条第2款). */
  newFacts: string | null;
  /** The case's enforcement matter (with its 并处 kinds); null for a case registered before matters existed. */
  matter: (MatterTerms & Partial<Pick<JointKinds, 'mandatoryKinds' | 'alternativeKinds'>>) | null;
  /** Illegal gains established so far, for a fine set as a multiple of them. */
  illegalGainsFen: bigint | null;
  /** The 第32条 减轻 circumstance the notice states: only then may a fine go below the minimum. */
  mitigatingCircumstance: string | null;
}

/**
 * 事先告知 (第44条): while investigating; what it proposes is what the matter allows, checked as the
 * decision is (rules/decision.ts: kinds, then the fine range; rules/joint-penalties.ts: 并处); and a re-notice is no heavier than the
 * notice before it (第45条第2款: 不得因当事人陈述、申辩而给予更重的处罚) unless it states the new facts it
 * rests on (CASE_RENOTICE_HEAVIER) — a new notice restarts the party's statement and hearing.
 */
export function noticeRefusal(r: NoticeRequest): RuleRefusal | null {
  const stage = stepStageRefusal('NOTICE', r.stage);
  if (stage) return stage;
  if (r.matter) {
    const kind = matterKindRefusal(r.penalties, r.matter);
    if (kind) return kind;
    const mitigated = !!r.mitigatingCircumstance?.trim();
    const fine = matterFineRefusal(r.penalties, r.matter, r.illegalGainsFen, mitigated);
    if (fine) return fine;
    // 并处: what the decision must impose together, the notice proposes together (第44条: 拟作出的行政处罚).
    const joint = jointPenaltyRefusal(
      mitigated ? 'MITIGATED' : 'PENALTY',
      r.penalties.map((p) => p.kind),
      r.matter.mandatoryKinds && r.matter.alternativeKinds
        ? {
            penaltyProvision: r.matter.penaltyProvision,
            penaltyKinds: r.matter.penaltyKinds,
            mandatoryKinds: r.matter.mandatoryKinds,
            alternativeKinds: r.matter.alternativeKinds,
          }
        : null,
      'notice',
    );
    if (joint) return joint;
  }
  const prior = r.state.notice;
  if (!prior || r.newFacts?.trim()) return null;
  const heavier = heavierPenalty(r.penalties, prior.penalties);
  if (!heavier) return null;
  const name = PENALTY_KIND_NAMES[heavier.penalty.kind];
  const what = heavier.was
    ? {
        zh: `“${name.zh}” ${fen(heavier.penalty.amountFen!)} 超过前次告知的 ${heavier.was.amountFen === null ? '（未告知金额）' : fen(heavier.was.amountFen)}`,
        en: `${name.en} of ${heavier.penalty.amountFen} fen exceeds the ${heavier.was.amountFen === null ? 'unstated amount' : `${heavier.was.amountFen} fen`} notified before`,
      }
    : { zh: `“${name.zh}”前次告知中没有`, en: `${name.en} was not in the notice before` };
  return {
    rule: 'CASE_RENOTICE_HEAVIER',
    message: {
      zh: `行政处罚法第45条第2款：不得因当事人陈述、申辩而给予更重的处罚；重新告知${what.zh}（前次告知 ${ymd(prior.on)}），只有基于新查明的事实方可加重，须写明新的事实`,
      en: `行政处罚法 art. 45(2): no heavier penalty because the party spoke; the new notice's ${what.en} (notice of ${ymd(prior.on)}) — a heavier re-notice rests on new facts, stated as such`,
    },
  };
}

/** 陈述、申辩 (第45条): while investigating, received or waived once per notice, not before it. */
export function statementRefusal(stage: CaseStage, s: ProcedureState, on: Date): RuleRefusal | null {
  const art = { zh: '行政处罚法第45条', en: '行政处罚法 art. 45' };
  const wrongStage = stepStageRefusal('STATEMENT', stage);
  if (wrongStage) return wrongStage;
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

/** 听证申请 (第64条第(一)项): while investigating, only when the notice offered a hearing, within 5 days of it. */
export function hearingRequestRefusal(
  procedure: CaseProcedure,
  stage: CaseStage,
  s: ProcedureState,
  on: Date,
): RuleRefusal | null {
  if (procedure === 'SIMPLE') return simpleRefusal({ zh: '听证', en: 'hearing' });
  const wrongStage = stepStageRefusal('HEARING_REQUEST', stage);
  if (wrongStage) return wrongStage;
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

/** Fewer than 7 days between telling the party and the hearing (第64条第(二)项). */
function hearingNoticeTooShort(toldOn: Date, hearingOn: Date, zhWhat: string, enWhat: string): RuleRefusal | null {
  const first = addDays(toldOn, HEARING_NOTICE_DAYS);
  if (hearingOn.getTime() >= first.getTime()) return null;
  return {
    rule: 'HEARING_NOTICE_TOO_SHORT',
    message: {
      zh: `行政处罚法第64条第（二）项：行政机关应当在举行听证的七日前，通知当事人举行听证的时间、地点；通知日 ${ymd(toldOn)}，听证最早 ${ymd(first)}，${zhWhat} ${ymd(hearingOn)} 不足七日`,
      en: `行政处罚法 art. 64(2): the party is told the hearing's time and place 7 days before; told on ${ymd(toldOn)}, the hearing is on ${ymd(first)} at the earliest — ${enWhat} ${ymd(hearingOn)} is too soon`,
    },
  };
}

/**
 * 听证通知 (第64条第(二)项): after a request, before the hearing is held, setting a day at least 7 days
 * after the party is told. A postponed hearing is notified again.
 */
export function hearingNoticeRefusal(
  procedure: CaseProcedure,
  stage: CaseStage,
  s: ProcedureState,
  on: Date,
  hearingOn: Date,
): RuleRefusal | null {
  if (procedure === 'SIMPLE') return simpleRefusal({ zh: '听证', en: 'hearing' });
  const wrongStage = stepStageRefusal('HEARING_NOTICE', stage);
  if (wrongStage) return wrongStage;
  if (s.hearingRequest?.outcome !== 'REQUESTED')
    return outOfOrder(
      '行政处罚法第64条：当事人申请听证后方可通知听证',
      '行政处罚法 art. 64: a hearing is notified after the party requests one',
    );
  if (s.hearing)
    return outOfOrder('行政处罚法第64条：听证已经举行并记录', '行政处罚法 art. 64: the hearing is already recorded');
  const early = notBefore(on, s.hearingRequest, '听证申请', 'hearing request', {
    zh: '行政处罚法第64条',
    en: '行政处罚法 art. 64',
  });
  if (early) return early;
  return hearingNoticeTooShort(on, hearingOn, '拟定的听证日', 'the day set,');
}

export interface PresidingCandidate {
  id: number;
  name: string;
  agencyId: number;
  auxiliary: boolean;
}

/**
 * 听证主持人 (第64条第(四)项): designated by the agency — a person of the case's agency, not an
 * auxiliary — who did not investigate the case (none of its assigned officers).
 */
export function presidingOfficerRefusal(
  p: PresidingCandidate,
  caseAgencyId: number,
  assignedIds: readonly number[],
): RuleRefusal | null {
  const refusal = (zh: string, en: string): RuleRefusal => ({
    rule: 'HEARING_PRESIDING_OFFICER_INELIGIBLE',
    message: {
      zh: `行政处罚法第64条第（四）项：听证由行政机关指定的非本案调查人员主持；${p.name}${zh}`,
      en: `行政处罚法 art. 64(4): the hearing is presided over by someone the agency designates who did not investigate the case; ${p.name} ${en}`,
    },
  });
  if (p.agencyId !== caseAgencyId) return refusal('不是本案办案单位的人员', "is not of the case's agency");
  if (p.auxiliary) return refusal('是辅助人员', 'is an auxiliary');
  if (assignedIds.includes(p.id)) return refusal('是本案承办（调查）人员', 'investigates the case');
  return null;
}

/** 第64条第(三)项: a hearing is public unless it is kept closed for one of the reasons the law names. */
export function hearingPublicityIssue(publicHearing: boolean, closedReason: string | null): Bilingual | null {
  if (!publicHearing && !closedReason)
    return {
      zh: '行政处罚法第64条第（三）项：听证公开举行，不公开须写明理由（国家秘密、商业秘密、个人隐私或当事人申请）',
      en: '行政处罚法 art. 64(3): a hearing is public; a closed one states why (state or business secret, privacy, or the party asked)',
    };
  if (publicHearing && closedReason)
    return { zh: '公开举行的听证不写不公开理由', en: 'a public hearing has no reason for being closed' };
  return null;
}

/**
 * 听证 (第64条): while investigating, after a request and its notice, at least 7 days after the party was
 * told (第64条第(二)项: day 7 allowed, day 6 refused), once.
 */
export function hearingRefusal(
  procedure: CaseProcedure,
  stage: CaseStage,
  s: ProcedureState,
  on: Date,
): RuleRefusal | null {
  if (procedure === 'SIMPLE') return simpleRefusal({ zh: '听证', en: 'hearing' });
  const wrongStage = stepStageRefusal('HEARING', stage);
  if (wrongStage) return wrongStage;
  if (s.hearingRequest?.outcome !== 'REQUESTED')
    return outOfOrder(
      '行政处罚法第64条：当事人申请听证后方可举行听证',
      '行政处罚法 art. 64: a hearing is held after the party requests one',
    );
  if (s.hearing)
    return outOfOrder('行政处罚法第64条：听证已经举行并记录', '行政处罚法 art. 64: the hearing is already recorded');
  if (!s.hearingNotice)
    return outOfOrder(
      '行政处罚法第64条第（二）项：举行听证前须通知当事人听证的时间、地点',
      '行政处罚法 art. 64(2): the party is told the hearing’s time and place before it is held',
    );
  return hearingNoticeTooShort(s.hearingNotice.on, on, '听证日', 'the hearing on');
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
  const wrongStage = stepStageRefusal('LEGAL_REVIEW', stage);
  if (wrongStage) return wrongStage;
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
  const wrongStage = stepStageRefusal('COLLECTIVE_DISCUSSION', stage);
  if (wrongStage) return wrongStage;
  if (s.review?.outcome !== 'APPROVED')
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
  const wrongStage = stepStageRefusal('SERVICE', stage);
  if (wrongStage || decidedOn === null)
    return (
      wrongStage ??
      outOfOrder(
        '行政处罚法第61条：送达在作出决定后进行',
        '行政处罚法 art. 61: the decision is served after it is made',
      )
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
  return stepStageRefusal('DEADLINE_EXTENSION', stage);
}

/**
 * 简易程序转为普通程序: 第51条 covers only a warning or a small fine decided on the spot; a case heading
 * for any other outcome (不予处罚, 撤销, a heavier penalty) leaves the simple procedure before its
 * decision and then follows the general one — notice, statement, review — decided by the head (第57条).
 */
export function conversionRefusal(procedure: CaseProcedure, stage: CaseStage): RuleRefusal | null {
  if (procedure !== 'SIMPLE')
    return outOfOrder(
      '行政处罚法第51条：本案已适用普通程序，无需转换',
      '行政处罚法 art. 51: the case already follows the general procedure',
    );
  return stepStageRefusal('PROCEDURE_CONVERSION', stage);
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
  const heavier = heavierPenalty(r.penalties, s.notice.penalties);
  if (heavier) {
    const { penalty: p, was } = heavier;
    const name = PENALTY_KIND_NAMES[p.kind];
    const refusal = (zh: string, en: string): RuleRefusal => ({
      rule: 'CASE_PENALTY_NOT_NOTIFIED',
      message: {
        zh: `行政处罚法第44条、第45条第2款：${zh}，不得作出未经告知或者更重的处罚`,
        en: `行政处罚法 art. 44, 45(2): ${en}; no penalty beyond what was notified`,
      },
    });
    if (!was) return refusal(`“${name.zh}”未在事先告知中告知`, `${name.en} was not in the prior notice`);
    return refusal(
      `“${name.zh}” ${fen(p.amountFen!)} 超过告知的 ${was.amountFen === null ? '（未告知金额）' : fen(was.amountFen)}`,
      `${name.en} of ${p.amountFen} fen exceeds the ${was.amountFen === null ? 'unstated amount' : `${was.amountFen} fen`} notified`,
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
