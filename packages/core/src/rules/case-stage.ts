// Enforcement case rules: the stage machine, who may handle a case, what a decision must carry. Pure.
import type { Bilingual } from '../errors.js';
import type { CaseDecision, CaseProcedure, CaseStage } from '../generated/prisma/enums.js';
import { DECISION_NAMES, STAGE_NAMES } from './names.js';
import { ENFORCE_BLOCKER_MESSAGES, enforceBlocker, MIN_OFFICERS, type CertificateHolder } from './certificate.js';

export { DECISION_NAMES, STAGE_NAMES };

export const STAGE_ORDER: readonly CaseStage[] = [
  'REGISTERED',
  'INVESTIGATING',
  'LEGAL_REVIEW',
  'DECIDED',
  'EXECUTED',
  'CLOSED',
];

/** Decisions that impose a penalty, and so need a fine. */
export const PENALTY_DECISIONS: readonly CaseDecision[] = ['PENALTY', 'LIGHTER', 'MITIGATED'];

export function isPenalty(decision: CaseDecision): boolean {
  return PENALTY_DECISIONS.includes(decision);
}

export interface RuleRefusal {
  rule: string;
  message: Bilingual;
}

/**
 * How the stage changes: `advance` is the plain step (advanceCase); `decide` is the decision path,
 * the only way into DECIDED, so that a decision is never recorded without its content and guards;
 * `review` is a legal review returning the case for further investigation (行政处罚法 第58条).
 */
export type TransitionVia = 'advance' | 'decide' | 'review';

export interface TransitionRequest {
  from: CaseStage;
  to: CaseStage;
  /** The case's decision, once decided. */
  decision: CaseDecision | null;
  via: TransitionVia;
  /** 简易程序 (第51条) decides without legal review. */
  procedure: CaseProcedure;
  /** Whether the decision has been served (送达, 第61条): execution needs it. */
  served?: boolean;
}

/**
 * Legal moves: REGISTERED → INVESTIGATING → LEGAL_REVIEW → DECIDED → EXECUTED → CLOSED, never skipping,
 * and backwards only when legal review returns the case (LEGAL_REVIEW → INVESTIGATING). A simple-
 * procedure case (简易程序) is decided from REGISTERED or INVESTIGATING and never goes to review. A
 * decision is executed once served (第61条); one that imposes nothing (不予处罚, 撤销) has nothing to
 * execute, so it may close straight from DECIDED.
 */
export function transitionRefusal(r: TransitionRequest): RuleRefusal | null {
  const from = STAGE_NAMES[r.from];
  const to = STAGE_NAMES[r.to];
  const illegal = (zhWhy: string, enWhy: string, rule = 'CASE_ILLEGAL_TRANSITION'): RuleRefusal => ({
    rule,
    message: {
      zh: `案件不能从“${from.zh}”转到“${to.zh}”：${zhWhy}`,
      en: `A case cannot move from ${from.en} to ${to.en}: ${enWhy}`,
    },
  });

  if (r.via === 'review') {
    if (r.from === 'LEGAL_REVIEW' && r.to === 'INVESTIGATING') return null;
    return illegal(
      '只有法制审核退回可使案件回到调查取证',
      'only a returned legal review sends a case back to investigation',
    );
  }
  if (r.to === 'DECIDED' && r.via !== 'decide')
    return illegal('须通过作出处理决定进入决定阶段', 'a case is decided only by recording a decision');
  if (r.via === 'decide' && r.to !== 'DECIDED')
    return illegal('处理决定只能使案件进入决定阶段', 'a decision moves a case only to decided');
  if (r.via === 'decide') {
    if (r.procedure === 'SIMPLE') {
      if (r.from === 'REGISTERED' || r.from === 'INVESTIGATING') return null;
      return illegal(
        '简易程序案件在立案或调查取证阶段当场作出决定',
        'a simple-procedure case is decided when registered or investigating',
      );
    }
    if (r.from !== 'LEGAL_REVIEW')
      return illegal('作出决定前须经法制审核', 'a decision needs legal review (法制审核) first');
    return null;
  }
  if (r.procedure === 'SIMPLE' && r.to === 'LEGAL_REVIEW')
    return illegal(
      '简易程序案件不经法制审核（行政处罚法第51条）',
      'a simple-procedure case has no legal review (行政处罚法 art. 51)',
    );

  const fromIndex = STAGE_ORDER.indexOf(r.from);
  const toIndex = STAGE_ORDER.indexOf(r.to);
  if (toIndex <= fromIndex) return illegal('案件阶段不能回退或停留', 'stages never go backwards or repeat');
  if (r.from === 'DECIDED' && r.to === 'CLOSED') {
    if (r.decision && !isPenalty(r.decision)) return null;
    return illegal('处罚决定须执行后方可结案', 'a penalty must be executed before the case closes');
  }
  if (toIndex !== fromIndex + 1) return illegal('不能跳过中间阶段', 'stages cannot be skipped');
  if (r.to === 'EXECUTED' && !r.served)
    return illegal(
      '行政处罚决定书送达后方可执行（行政处罚法第61条）',
      'the decision is executed once served (行政处罚法 art. 61)',
      'CASE_NOT_SERVED',
    );
  return null;
}

/** Stages in which compulsory measures (行政强制措施) may still be taken: before the decision. */
export function measureRefusal(stage: CaseStage): RuleRefusal | null {
  if (STAGE_ORDER.indexOf(stage) < STAGE_ORDER.indexOf('DECIDED')) return null;
  return {
    rule: 'CASE_MEASURE_AFTER_DECISION',
    message: {
      zh: `案件已处于“${STAGE_NAMES[stage].zh}”阶段，不能再采取行政强制措施`,
      en: `The case is ${STAGE_NAMES[stage].en}; compulsory measures may be taken only before the decision`,
    },
  };
}

export interface CandidateOfficer extends CertificateHolder {
  id: number;
  name: string;
  agencyId: number;
}

export interface OfficerRefusal {
  /** The id asked for. */
  personId: number;
  name: string | null;
  reason: Bilingual;
}

export interface OfficerCheck {
  eligible: number[];
  refused: OfficerRefusal[];
}

/**
 * Sort the requested people (deduplicated) into those who may handle a case of `agencyId` and those who
 * may not, each with the reason. `found` holds the people that exist.
 */
export function checkOfficers(
  requested: number[],
  found: CandidateOfficer[],
  agencyId: number,
  now: Date,
  graceUntil: string,
): OfficerCheck {
  const byId = new Map(found.map((p) => [p.id, p]));
  const eligible: number[] = [];
  const refused: OfficerRefusal[] = [];
  for (const id of [...new Set(requested)]) {
    const p = byId.get(id);
    if (!p) {
      refused.push({ personId: id, name: null, reason: { zh: '人员不存在', en: 'no such person' } });
      continue;
    }
    if (p.agencyId !== agencyId) {
      refused.push({
        personId: id,
        name: p.name,
        reason: { zh: '不是本案承办单位的人员', en: "not of the case's agency" },
      });
      continue;
    }
    const blocker = enforceBlocker(p, now, graceUntil);
    if (blocker) refused.push({ personId: id, name: p.name, reason: ENFORCE_BLOCKER_MESSAGES[blocker] });
    else eligible.push(id);
  }
  return { eligible, refused };
}

/**
 * Refusal of an assignment: every person named must be able to enforce (an auxiliary may help but is
 * never an assigned handler), and there must be at least two of them (行政处罚法 第42条).
 */
export function assignmentRefusal(check: OfficerCheck): RuleRefusal | null {
  if (check.eligible.length >= MIN_OFFICERS && check.refused.length === 0) return null;
  const zhList = check.refused.map((r) => `${r.name ?? `#${r.personId}`}：${r.reason.zh}`).join('；');
  const enList = check.refused.map((r) => `${r.name ?? `#${r.personId}`}: ${r.reason.en}`).join('; ');
  if (check.eligible.length < MIN_OFFICERS)
    return {
      rule: 'CASE_TWO_OFFICERS',
      message: {
        zh: `案件须由至少 ${MIN_OFFICERS} 名持有效执法证的执法人员承办，现仅 ${check.eligible.length} 名${zhList ? `（${zhList}）` : ''}`,
        en: `A case needs at least ${MIN_OFFICERS} officers with valid certificates; only ${check.eligible.length}${enList ? ` (${enList})` : ''}`,
      },
    };
  return {
    rule: 'CASE_OFFICER_INELIGIBLE',
    message: { zh: `以下人员不能承办案件：${zhList}`, en: `These people may not handle the case: ${enList}` },
  };
}

/** Investigation (调查取证) is an on-site action: it needs two officers who can enforce today (`graceUntil`: CASE_SETTINGS.reviewGraceUntil). */
export function investigationRefusal(assigned: CertificateHolder[], now: Date, graceUntil: string): RuleRefusal | null {
  const able = assigned.filter((p) => enforceBlocker(p, now, graceUntil) === null).length;
  if (able >= MIN_OFFICERS) return null;
  return {
    rule: 'CASE_TWO_OFFICERS',
    message: {
      zh: `调查取证须有至少 ${MIN_OFFICERS} 名持有效执法证的承办人员，现有 ${able} 名`,
      en: `Investigation needs at least ${MIN_OFFICERS} assigned officers with valid certificates; there are ${able}`,
    },
  };
}

/**
 * Every act of an officer on a case is done by 具有行政执法资格的执法人员, at least two (行政处罚法
 * 第42条), judged on the day of the act — not only on the day of assignment: a certificate suspended,
 * withdrawn, expired or unreviewed since stops its holder at once (CASE_OFFICER_CANNOT_ENFORCE), and a
 * case left with fewer than two officers able to enforce does not move until it is reassigned
 * (CASE_TWO_OFFICERS). `actor` is the caller when acting as one of the assigned officers, else null;
 * `assigned` the assigned officers, or null when their number is not in question (changing them).
 */
export function officerActRefusal(
  actor: CertificateHolder | null,
  assigned: readonly CertificateHolder[] | null,
  now: Date,
  graceUntil: string,
): RuleRefusal | null {
  const blocker = actor && enforceBlocker(actor, now, graceUntil);
  if (blocker)
    return {
      rule: 'CASE_OFFICER_CANNOT_ENFORCE',
      message: {
        zh: `你现在不能办理本案：${ENFORCE_BLOCKER_MESSAGES[blocker].zh}（行政处罚法第42条：行政处罚应当由具有行政执法资格的执法人员实施）`,
        en: `You may not act on the case now: ${ENFORCE_BLOCKER_MESSAGES[blocker].en} (Administrative Penalty Law art. 42: penalties are carried out by officers qualified to enforce)`,
      },
    };
  if (!assigned) return null;
  const able = assigned.filter((p) => enforceBlocker(p, now, graceUntil) === null).length;
  if (able >= MIN_OFFICERS) return null;
  return {
    rule: 'CASE_TWO_OFFICERS',
    message: {
      zh: `本案现有可执法的承办人员 ${able} 名，不足 ${MIN_OFFICERS} 名，须重新指派承办人员后才能继续办理（行政处罚法第42条）`,
      en: `The case has ${able} assigned officers able to enforce, fewer than ${MIN_OFFICERS}; reassign it before it can go on (Administrative Penalty Law art. 42)`,
    },
  };
}

/**
 * 法制审核 (行政处罚法 第58条) is done by reviewers who did not investigate; the reverse holds too: a
 * reviewer who approved the case does not become one of its investigators afterwards, or the review
 * would have checked their own case. `approvers`: person ids of the reviewers who approved it.
 */
export function reviewerAssignmentRefusal(
  requested: readonly { id: number; name: string }[],
  approvers: readonly number[],
): RuleRefusal | null {
  const own = requested.filter((p) => approvers.includes(p.id));
  if (own.length === 0) return null;
  const names = own.map((p) => p.name);
  return {
    rule: 'CASE_REVIEWER_ASSIGNED',
    message: {
      zh: `${names.join('、')}已对本案作出法制审核，不能再被指派为承办人员（行政处罚法第58条）`,
      en: `${names.join(', ')} approved the case in legal review and cannot be assigned to it (Administrative Penalty Law art. 58)`,
    },
  };
}

/**
 * 行政处罚法 第57条: at the end of the investigation the agency head reviews its results and decides;
 * the head who decides a general-procedure case is therefore not one of its investigators (assigned
 * officers) — unless the county allows it (CASE_SETTINGS.headMayInvestigate, default off), and then
 * the decision records it (EnforcementCase.decidedByInvestigator). A simple-procedure case is decided
 * on the spot by its officers (第51条) and is not concerned.
 */
export function headInvestigatedRefusal(
  procedure: CaseProcedure,
  deciderId: number | null,
  officerIds: readonly number[],
  allowed: boolean,
): RuleRefusal | null {
  if (procedure !== 'GENERAL' || deciderId === null || !officerIds.includes(deciderId) || allowed) return null;
  return {
    rule: 'CASE_HEAD_INVESTIGATED',
    message: {
      zh: '承办本案的执法人员不能以行政机关负责人身份决定本案（行政处罚法第57条：负责人对调查结果进行审查）',
      en: "An officer assigned to the case cannot decide it as the agency head (Administrative Penalty Law art. 57: the head reviews the investigation's results)",
    },
  };
}
