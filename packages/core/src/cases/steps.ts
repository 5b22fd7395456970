// Recording the procedure's steps (行政处罚法): each locks the case, checks who acts and the order
// (rules/procedure.ts), writes one CaseStep and its `case.stepRecorded` event in the caller's unit of
// work. Bad input and refusals write nothing.
import type { UnitOfWork } from '../work/unit-of-work.js';
import type { CaseStep, EnforcementCase, Prisma } from '../generated/prisma/client.js';
import type { CaseStepKind, CaseStepOutcome, DeadlineSuspensionReason } from '../generated/prisma/enums.js';
import { caseExtensionRefusal, suspensionRefusal } from '../rules/deadline.js';
import { CORE_TOPICS } from '../topics.js';
import { ValidationError, type FieldIssue } from '../errors.js';
import { actorOf } from '../auth/viewer.js';
import type { CaseAction } from '../auth/rows.js';
import { CASE_SETTINGS } from '../case-settings.js';
import { transitionRefusal } from '../rules/case-stage.js';
import { PENALTY_KIND_NAMES } from '../rules/names.js';
import { addDays } from '../rules/limitation.js';
import {
  conversionRefusal,
  discussionRefusal,
  deadlineExtensionRefusal,
  hearingNoticeRefusal,
  hearingOffered,
  hearingPublicityIssue,
  hearingRefusal,
  hearingRequestRefusal,
  noticeRefusal,
  legalReviewRefusal,
  presidingOfficerRefusal,
  serviceRefusal,
  statementRefusal,
  stepDateIssue,
  type ProcedureState,
  type ProposedPenalty,
} from '../rules/procedure.js';
import type { HearingClosedReason } from '../generated/prisma/enums.js';
import type { RuleRefusal } from '../rules/case-stage.js';
import { shanghaiToday } from '../rules/shanghai-time.js';
import { assertCaseActor } from './actors.js';
import { caseEvent } from './events.js';
import { lockCase } from './lock.js';
import { caseHearingThresholdFen, loadProcedureState, noticeProposal } from './procedure.js';
import { refuse } from './refuse.js';

/** What every dated step carries. */
export interface StepInput {
  /** The day it took place (Asia/Shanghai calendar day, UTC midnight). */
  on: Date;
  /** 文书编号, e.g. 阜市监罚告〔2026〕5号. */
  documentNumber?: string | null;
  note?: string | null;
}

/** Kinds that carry an amount (fen); the others carry none. */
const AMOUNT_KINDS = new Set(['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY']);
const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/** The proposed penalties of a notice: at least one, one per kind, an amount exactly where the kind has one. */
export function proposalIssues(penalties: readonly ProposedPenalty[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const at = (i: number | null, zh: string, en: string) =>
    issues.push({ path: ['input', 'proposedPenalties', ...(i === null ? [] : [i])], messageZh: zh, messageEn: en });
  if (penalties.length === 0)
    at(null, '事先告知须写明拟作出的处罚（第44条）', 'a notice names the penalties proposed (art. 44)');
  const seen = new Set<string>();
  penalties.forEach((p, i) => {
    const name = PENALTY_KIND_NAMES[p.kind];
    if (seen.has(p.kind)) at(i, `“${name.zh}”重复`, `${name.en} is listed twice`);
    seen.add(p.kind);
    if (AMOUNT_KINDS.has(p.kind)) {
      if (p.amountFen === null || p.amountFen <= 0n || p.amountFen > MAX_FEN)
        at(i, `“${name.zh}”须写明金额（大于 0 分）`, `${name.en} needs an amount above 0 fen`);
    } else if (p.amountFen !== null) at(i, `“${name.zh}”不写金额`, `${name.en} carries no amount`);
  });
  return issues;
}

type StepExtra = Partial<
  Pick<
    Prisma.CaseStepUncheckedCreateInput,
    | 'proposal'
    | 'days'
    | 'suspendedFor'
    | 'discussion'
    | 'newFacts'
    | 'hearingOn'
    | 'place'
    | 'presidingOfficerId'
    | 'publicHearing'
    | 'closedReason'
  >
>;

interface Recorded {
  c: EnforcementCase;
  step: CaseStep;
}

/**
 * The common frame: lock, who acts, the date, the rule (given the procedure state), then write the
 * step and its event.
 */
async function recordStep(
  uow: UnitOfWork,
  caseId: number,
  action: CaseAction,
  input: StepInput,
  kind: CaseStepKind,
  outcome: CaseStepOutcome | null,
  rule: (c: EnforcementCase, s: ProcedureState) => RuleRefusal | null | Promise<RuleRefusal | null>,
  /** Columns of the step beyond the common ones, once the rule has passed. */
  extra: (c: EnforcementCase) => Promise<StepExtra> | StepExtra = () => ({}),
): Promise<Recorded> {
  const { tx, now } = uow;
  const c = await lockCase(tx, caseId);
  await assertCaseActor(uow, c, action);
  const dateIssue = stepDateIssue(input.on, shanghaiToday(now), shanghaiToday(c.registeredAt));
  if (dateIssue) throw ValidationError.one(['input', 'on'], dateIssue);
  refuse(await rule(c, await loadProcedureState(tx, c.id)));
  const step = await tx.caseStep.create({
    data: {
      caseId,
      kind,
      on: input.on,
      outcome,
      documentNumber: input.documentNumber ?? null,
      note: input.note ?? null,
      actor: actorOf(uow.viewer),
      recordedAt: now,
      ...(await extra(c)),
    },
  });
  await caseEvent(uow, CORE_TOPICS.caseStepRecorded, c, {
    stepId: step.id,
    kind,
    outcome,
    on: step.on.toISOString().slice(0, 10),
  });
  return { c, step };
}

/** What a notice carries beyond the common step fields. */
export interface NoticeInput extends StepInput {
  proposedPenalties: ProposedPenalty[];
  /** The new facts a heavier re-notice rests on (第45条第2款). */
  newFacts?: string | null;
  /** Illegal gains established so far (a fine set as a multiple of them). */
  illegalGainsFen?: bigint | null;
  /** The 第32条 减轻 circumstance, when the fine proposed goes below the matter's minimum. */
  mitigatingCircumstance?: string | null;
}

/**
 * 事先告知 (第44条): the penalties proposed, checked against the case's matter as the decision is, no
 * heavier than the notice before unless on new facts (第45条第2款), and whether they give the party a
 * hearing (第63条).
 */
export async function recordNoticeInTx(uow: UnitOfWork, caseId: number, input: NoticeInput) {
  const issues = proposalIssues(input.proposedPenalties);
  if (input.illegalGainsFen != null && (input.illegalGainsFen < 0n || input.illegalGainsFen > MAX_FEN))
    issues.push({
      path: ['input', 'illegalGainsFen'],
      messageZh: '违法所得须为非负整数分且不超过上限',
      messageEn: 'illegal gains must be a non-negative number of fen within range',
    });
  if (issues.length) throw new ValidationError(issues);
  const newFacts = input.newFacts?.trim() || null;
  const mitigatingCircumstance = input.mitigatingCircumstance?.trim() || null;
  const illegalGainsFen = input.illegalGainsFen ?? null;
  return recordStep(
    uow,
    caseId,
    'act',
    input,
    'NOTICE',
    null,
    async (c, state) =>
      noticeRefusal({
        stage: c.stage,
        state,
        penalties: input.proposedPenalties,
        newFacts,
        matter: c.matterId === null ? null : await uow.tx.enforcementMatter.findUnique({ where: { id: c.matterId } }),
        illegalGainsFen,
        mitigatingCircumstance,
      }),
    async (c) => {
      const threshold = await caseHearingThresholdFen(uow, c);
      const offered = hearingOffered(input.proposedPenalties, threshold);
      return {
        proposal: noticeProposal(input.proposedPenalties, offered, threshold, {
          illegalGainsFen,
          mitigatingCircumstance,
        }),
        newFacts,
      };
    },
  );
}

/** 陈述、申辩 (第45条): received, or waived by the party. */
export function recordStatementInTx(
  uow: UnitOfWork,
  caseId: number,
  input: StepInput & { outcome: 'RECEIVED' | 'WAIVED' },
) {
  return recordStep(uow, caseId, 'act', input, 'STATEMENT', input.outcome, (c, s) =>
    statementRefusal(c.stage, s, input.on),
  );
}

/** 听证申请 (第64条): requested or waived, within 5 days of a notice that offered a hearing. */
export function recordHearingRequestInTx(
  uow: UnitOfWork,
  caseId: number,
  input: StepInput & { outcome: 'REQUESTED' | 'WAIVED' },
) {
  return recordStep(uow, caseId, 'act', input, 'HEARING_REQUEST', input.outcome, (c, s) =>
    hearingRequestRefusal(c.procedure, c.stage, s, input.on),
  );
}

/** 听证通知 (第64条第(二)项): the party told the hearing's day and place, at least 7 days before it. */
export function recordHearingNoticeInTx(
  uow: UnitOfWork,
  caseId: number,
  input: StepInput & { hearingOn: Date; place: string },
) {
  return recordStep(
    uow,
    caseId,
    'act',
    input,
    'HEARING_NOTICE',
    null,
    (c, s) => hearingNoticeRefusal(c.procedure, c.stage, s, input.on, input.hearingOn),
    () => ({ hearingOn: input.hearingOn, place: input.place }),
  );
}

/**
 * 听证 (第64条): held after its notice; `note` is the record (听证笔录, 第64条第(八)项) the decision rests on
 * (第65条); the presiding officer designated by the agency, not one who investigated (第64条第(四)项);
 * public or, for a reason the law names, not (第64条第(三)项).
 */
export function recordHearingInTx(
  uow: UnitOfWork,
  caseId: number,
  input: StepInput & {
    note: string;
    presidingOfficerId: number;
    publicHearing: boolean;
    closedReason: HearingClosedReason | null;
  },
) {
  const publicity = hearingPublicityIssue(input.publicHearing, input.closedReason);
  if (publicity) throw ValidationError.one(['input', 'closedReason'], publicity);
  return recordStep(
    uow,
    caseId,
    'act',
    input,
    'HEARING',
    null,
    async (c, s) => {
      const r = hearingRefusal(c.procedure, c.stage, s, input.on);
      if (r) return r;
      const [p, assigned] = await Promise.all([
        uow.tx.person.findUnique({ where: { id: input.presidingOfficerId } }),
        uow.tx.caseOfficer.findMany({ where: { caseId }, select: { personId: true } }),
      ]);
      if (!p) throw ValidationError.one(['input', 'presidingOfficerId'], { zh: '人员不存在', en: 'no such person' });
      return presidingOfficerRefusal(
        { id: p.id, name: p.name, agencyId: p.agencyId, auxiliary: p.roles.includes('AUXILIARY') },
        c.agencyId,
        assigned.map((a) => a.personId),
      );
    },
    () => ({
      presidingOfficerId: input.presidingOfficerId,
      publicHearing: input.publicHearing,
      closedReason: input.closedReason,
    }),
  );
}

/**
 * 法制审核 (第58条) by a legal reviewer of the agency who is not handling the case. RETURNED (with
 * reasons in `note`) sends the case back to investigation.
 */
export async function recordLegalReviewInTx(
  uow: UnitOfWork,
  caseId: number,
  input: StepInput & { outcome: 'APPROVED' | 'RETURNED' },
) {
  if (input.outcome === 'RETURNED' && !input.note?.trim())
    throw ValidationError.one(['input', 'note'], { zh: '退回须写明理由', en: 'a returned review states its reasons' });
  const recorded = await recordStep(uow, caseId, 'review', input, 'LEGAL_REVIEW', input.outcome, async (c, s) => {
    const r = legalReviewRefusal(c.procedure, c.stage, s);
    if (r) return r;
    const v = uow.viewer;
    if (v.kind === 'person' && (await uow.tx.caseOfficer.count({ where: { caseId, personId: v.personId } })) > 0)
      return {
        rule: 'CASE_REVIEWER_NOT_INDEPENDENT',
        message: {
          zh: '行政处罚法第58条：法制审核人员不得审核本人承办的案件',
          en: '行政处罚法 art. 58: a legal reviewer may not review a case they handle',
        },
      };
    return null;
  });
  if (input.outcome === 'RETURNED') {
    const { c } = recorded;
    refuse(
      transitionRefusal({
        from: c.stage,
        to: 'INVESTIGATING',
        decision: c.decision,
        via: 'review',
        procedure: c.procedure,
      }),
    );
    const updated = await uow.tx.enforcementCase.update({ where: { id: caseId }, data: { stage: 'INVESTIGATING' } });
    await caseEvent(uow, CORE_TOPICS.caseAdvanced, updated, { from: c.stage, to: 'INVESTIGATING' });
  }
  return recorded;
}

/** 集体讨论 (第57条第2款), recorded by the agency head after an approved review; `note` is the conclusion. */
export function recordCollectiveDiscussionInTx(uow: UnitOfWork, caseId: number, input: StepInput & { note: string }) {
  return recordStep(uow, caseId, 'head', input, 'COLLECTIVE_DISCUSSION', null, (c, s) =>
    discussionRefusal(c.procedure, c.stage, s, input.on),
  );
}

/** 送达 (第61条): the decision served, within 7 days of the decision (later only with the reason in the note). */
export function recordServiceInTx(uow: UnitOfWork, caseId: number, input: StepInput) {
  return recordStep(uow, caseId, 'act', input, 'SERVICE', null, (c, s) =>
    serviceRefusal(c.stage, c.decidedAt === null ? null : shanghaiToday(c.decidedAt), s, input.on, input.note ?? null),
  );
}

export const MAX_EXTENSION_DAYS = 365;

/**
 * 办案期限延长 (第60条): the agency head adds `days` to the case's deadline, before the decision — once by at
 * most ZHIFA_CASE_EXTENSION_DAYS alone, further only as the heads' 集体讨论 decided (`discussion`, its
 * conclusion; rules/deadline.ts). A case registered before deadlines were recorded counts from its
 * registration day.
 */
export async function extendCaseDeadlineInTx(
  uow: UnitOfWork,
  caseId: number,
  days: number,
  reason: string,
  discussion: string | null = null,
) {
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS)
    throw ValidationError.one(['days'], {
      zh: `延长天数须为 1 至 ${MAX_EXTENSION_DAYS} 的整数`,
      en: `days must be a whole number from 1 to ${MAX_EXTENSION_DAYS}`,
    });
  if (!reason.trim())
    throw ValidationError.one(['reason'], { zh: '须写明延长理由', en: 'an extension states its reason' });
  const today = shanghaiToday(uow.now);
  const recorded = await recordStep(
    uow,
    caseId,
    'head',
    { on: today, note: reason.trim() },
    'DEADLINE_EXTENSION',
    null,
    async (c) =>
      deadlineExtensionRefusal(c.procedure, c.stage) ??
      caseExtensionRefusal({
        prior: await uow.tx.caseStep.count({ where: { caseId, kind: 'DEADLINE_EXTENSION' } }),
        days,
        discussion,
        deadlineOn: c.deadlineOn,
        today,
        headDays: uow.settings.get(CASE_SETTINGS).extensionDays,
      }),
    () => ({ days, discussion: discussion?.trim() || null }),
  );
  const { c } = recorded;
  const base = c.deadlineOn ?? addDays(shanghaiToday(c.registeredAt), uow.settings.get(CASE_SETTINGS).decisionDays);
  const updated = await uow.tx.enforcementCase.update({
    where: { id: caseId },
    data: { deadlineOn: addDays(base, days) },
  });
  return { c: updated, step: recorded.step };
}

export const MAX_SUSPENSION_DAYS = 365;

/**
 * 不计入办案期限 (第60条; 市场监督管理行政处罚程序规定 第64条第2款): `days` from `on` spent on a hearing, an
 * appraisal or a public notice are added to the case's deadline, recorded by the assigned officers before the
 * decision, starting while the time limit runs (rules/deadline.ts).
 */
export async function recordDeadlineSuspensionInTx(
  uow: UnitOfWork,
  caseId: number,
  input: StepInput & { days: number; reason: DeadlineSuspensionReason },
) {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_SUSPENSION_DAYS)
    throw ValidationError.one(['input', 'days'], {
      zh: `不计入的天数须为 1 至 ${MAX_SUSPENSION_DAYS} 的整数`,
      en: `days must be a whole number from 1 to ${MAX_SUSPENSION_DAYS}`,
    });
  const recorded = await recordStep(
    uow,
    caseId,
    'act',
    input,
    'DEADLINE_SUSPENSION',
    null,
    (c) => suspensionRefusal(c.procedure, c.stage, c.deadlineOn, input.on),
    () => ({ days: input.days, suspendedFor: input.reason }),
  );
  const { c } = recorded;
  if (c.deadlineOn === null) return recorded;
  const updated = await uow.tx.enforcementCase.update({
    where: { id: caseId },
    data: { deadlineOn: addDays(c.deadlineOn, input.days) },
  });
  return { c: updated, step: recorded.step };
}

/**
 * 简易程序转为普通程序 (第51条, 第57条): by the assigned officers, before the on-the-spot decision; the case
 * then follows the general procedure — its 90 days (第60条) counted from registration — and is decided
 * by the agency head.
 */
export async function convertToGeneralProcedureInTx(uow: UnitOfWork, caseId: number, reason: string) {
  if (!reason.trim())
    throw ValidationError.one(['reason'], { zh: '须写明转换理由', en: 'a conversion states its reason' });
  const recorded = await recordStep(
    uow,
    caseId,
    'act',
    { on: shanghaiToday(uow.now), note: reason.trim() },
    'PROCEDURE_CONVERSION',
    null,
    (c) => conversionRefusal(c.procedure, c.stage),
  );
  const { c } = recorded;
  const updated = await uow.tx.enforcementCase.update({
    where: { id: caseId },
    data: {
      procedure: 'GENERAL',
      deadlineOn: c.deadlineOn ?? addDays(shanghaiToday(c.registeredAt), uow.settings.get(CASE_SETTINGS).decisionDays),
    },
  });
  return { c: updated, step: recorded.step };
}
