// The assessment's workflow (county plan task 7), each step in the caller's unit of work against the locked case, each
// an event: a draft is created or revised by the case's officers and edited while DRAFT or RETURNED; submission fixes
// the weighted score and level under the rules in force; the legal reviewer (行政处罚法 第58条) reviews or returns it;
// the agency head (第57条) approves or returns it. Nobody reviews or approves what they submitted. An approved
// revision never changes: approval snapshots the triggers it answers and the penalties proposed then (the guard
// compares them at the decision), and a change is a new revision. Follow-up visits (案后回访) come after the decision,
// against the revision the decision relied on.
import { globalId, NotFoundError, RuleViolation, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { assertCaseActor, lockCase, readProposal } from '@zhifa/core/cases';
import { Prisma, type EnforcementCase, type ImpactAssessment, type ImpactMitigation } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import { addToStats, type StatDelta } from './rollups.js';
import { enterpriseCase, factTriggers, recordTriggersInTx } from './triggers.js';
import { currentRules } from './rules-store.js';
import { mitigationIssues, proposesFine, type MitigationDraft } from './rules/mitigations.js';
import { readScores, score, scoreIssues, type DimensionScore } from './rules/scoring.js';
import {
  IMPACT_ASSESSMENT_CHANGED,
  IMPACT_FOLLOW_UP_RECORDED,
  IMPACT_HIGH_FLAGGED,
  type AssessmentAction,
} from './topics.js';

/** What officers write on a draft, whole (an update replaces it). */
export interface AssessmentContent {
  scores: DimensionScore[];
  stoppageDays: number | null;
  revenueSharePct: number | null;
  jobsAffected: number | null;
  summary: string | null;
  mitigations: MitigationDraft[];
}

const OPEN = ['DRAFT', 'SUBMITTED', 'REVIEWED', 'RETURNED'] as const;
const TASK7 = { zh: '方案任务7', en: 'plan task 7' };
const DAY_MS = 86_400_000;

export function assessmentNotFound(id: number | string): NotFoundError {
  return new NotFoundError('ImpactAssessment', typeof id === 'number' ? globalId('ImpactAssessment', id) : id, {
    zh: '经济影响评估',
    en: 'economic impact assessment',
  });
}

/** Task 7 concerns cases whose party is an enterprise (an 个体工商户 included). */
function assertEnterpriseCase(c: EnforcementCase): number {
  if (c.partyKind !== 'ENTERPRISE' || c.enterpriseId === null)
    throw new RuleViolation('IMPACT_NOT_ENTERPRISE', {
      zh: `案件 ${c.number} 的当事人不是企业，无需经济影响评估（方案任务7：涉企案件）`,
      en: `the party of case ${c.number} is not an enterprise: no economic impact assessment (plan task 7: enterprise cases)`,
    });
  return c.enterpriseId;
}

/** The assessment informs the decision: once it is taken, the requirement's record no longer changes. */
function assertUndecided(c: EnforcementCase): void {
  if (c.decision !== null || c.decidedAt !== null || ['DECIDED', 'EXECUTED', 'CLOSED'].includes(c.stage))
    throw new RuleViolation('IMPACT_CASE_DECIDED', {
      zh: `案件 ${c.number} 已作出决定，不得再评估或修改评估（${TASK7.zh}）`,
      en: `case ${c.number} is decided: its assessment can no longer be made or changed (${TASK7.en})`,
    });
}

function statusRefusal(a: ImpactAssessment, wanted: string): RuleViolation {
  if (a.status === 'APPROVED')
    return new RuleViolation('IMPACT_APPROVED_IMMUTABLE', {
      zh: `第 ${a.revision} 版评估已批准，不得修改；如需变更请提出新版本（${TASK7.zh}）`,
      en: `revision ${a.revision} is approved and never changes; a change is a new revision (${TASK7.en})`,
    });
  return new RuleViolation('IMPACT_STATUS', {
    zh: `第 ${a.revision} 版评估当前状态为 ${a.status}，${wanted}（草稿或退回 → 提交 → 法制审核 → 机关负责人批准，${TASK7.zh}）`,
    en: `revision ${a.revision} is ${a.status}: ${wanted} (draft or returned → submitted → reviewed → approved, ${TASK7.en})`,
  });
}

/** 行政处罚法 第58条 separates review from investigation: whoever submitted a revision neither reviews nor approves it. */
function assertNotSubmitter(uow: UnitOfWork, a: ImpactAssessment, what: { zh: string; en: string }): void {
  if (a.submittedBy !== null && a.submittedBy === actorOf(uow.viewer))
    throw new RuleViolation('IMPACT_SELF_APPROVAL', {
      zh: `提交第 ${a.revision} 版评估的人员不得${what.zh}（行政处罚法第58条，${TASK7.zh}）`,
      en: `whoever submitted revision ${a.revision} may not ${what.en} it (Administrative Penalty Law art. 58, ${TASK7.en})`,
    });
}

/** The assessment and its case, the case locked: every step on one case's assessment is serialised. */
export async function lockAssessment(uow: UnitOfWork, id: number) {
  const found = await uow.tx.impactAssessment.findUnique({ where: { id }, select: { caseId: true } });
  if (!found) throw assessmentNotFound(id);
  const c = await lockCase(uow.tx, found.caseId);
  const a = await uow.tx.impactAssessment.findUniqueOrThrow({ where: { id } });
  return { a, c };
}

/** The penalties proposed by the case's latest notice (事先告知, 第44条), or null before one. */
export async function latestProposal(uow: UnitOfWork, caseId: number) {
  const step = await uow.tx.caseStep.findFirst({
    where: { caseId, kind: 'NOTICE' },
    orderBy: { id: 'desc' },
    select: { kind: true, proposal: true },
  });
  return step ? readProposal(step) : null;
}

async function checkContent(uow: UnitOfWork, caseId: number, content: AssessmentContent, complete: boolean) {
  const [scoreIssue] = scoreIssues(content.scores, complete);
  if (scoreIssue) throw new RuleViolation(scoreIssue.rule, scoreIssue.message);
  const proposal = await latestProposal(uow, caseId);
  const [mitigationIssue] = mitigationIssues(content.mitigations, {
    fineProposed: proposesFine(proposal?.penalties ?? []),
    today: shanghaiToday(uow.now),
  });
  if (mitigationIssue) throw new RuleViolation(mitigationIssue.rule, mitigationIssue.message);
}

function contentData(content: AssessmentContent) {
  return {
    scores: content.scores.map((s) => ({
      dimension: s.dimension,
      score: s.score,
      evidence: s.evidence?.trim() || null,
    })) as Prisma.InputJsonArray,
    stoppageDays: content.stoppageDays,
    revenueSharePct: content.revenueSharePct,
    jobsAffected: content.jobsAffected,
    summary: content.summary?.trim() || null,
  };
}

async function writeMitigations(uow: UnitOfWork, assessmentId: number, mitigations: readonly MitigationDraft[]) {
  await uow.tx.impactMitigation.deleteMany({ where: { assessmentId } });
  if (mitigations.length)
    await uow.tx.impactMitigation.createMany({
      data: mitigations.map((m, position) => ({
        assessmentId,
        position,
        kind: m.kind,
        text: m.text.trim(),
        instalments: m.instalments,
        dueOn: m.dueOn,
      })),
    });
}

async function emitChanged(uow: UnitOfWork, c: EnforcementCase, a: ImpactAssessment, action: AssessmentAction) {
  await uow.emit(
    IMPACT_ASSESSMENT_CHANGED,
    {
      caseId: c.id,
      number: c.number,
      agencyId: c.agencyId,
      assessmentId: a.id,
      revision: a.revision,
      action,
      status: a.status,
      level: a.level,
    },
    { agencyId: c.agencyId, caseId: c.id },
  );
}

async function assertNoOpenRevision(uow: UnitOfWork, c: EnforcementCase) {
  const open = await uow.tx.impactAssessment.findFirst({
    where: { caseId: c.id, status: { in: [...OPEN] } },
    select: { revision: true },
  });
  if (open)
    throw new RuleViolation('IMPACT_REVISION_OPEN', {
      zh: `案件 ${c.number} 的第 ${open.revision} 版评估尚未完成，同一时间只能有一个在办版本（${TASK7.zh}）`,
      en: `revision ${open.revision} of case ${c.number} is still in progress: one revision at a time (${TASK7.en})`,
    });
}

async function nextRevision(uow: UnitOfWork, caseId: number): Promise<number> {
  const last = await uow.tx.impactAssessment.findFirst({
    where: { caseId },
    orderBy: { revision: 'desc' },
    select: { revision: true },
  });
  return (last?.revision ?? 0) + 1;
}

/** A new draft on an enterprise case not yet decided, with no other revision in progress. */
export async function createAssessmentInTx(
  uow: UnitOfWork,
  caseId: number,
  content: AssessmentContent,
): Promise<ImpactAssessment> {
  const c = await lockCase(uow.tx, caseId);
  await assertCaseActor(uow, c, 'act');
  const enterpriseId = assertEnterpriseCase(c);
  assertUndecided(c);
  await assertNoOpenRevision(uow, c);
  await checkContent(uow, c.id, content, false);
  const actor = actorOf(uow.viewer);
  const a = await uow.tx.impactAssessment.create({
    data: {
      caseId: c.id,
      agencyId: c.agencyId,
      enterpriseId,
      revision: await nextRevision(uow, c.id),
      ...contentData(content),
      createdBy: actor,
      createdAt: uow.now,
      updatedAt: uow.now,
    },
  });
  await writeMitigations(uow, a.id, content.mitigations);
  await emitChanged(uow, c, a, 'CREATED');
  return a;
}

/** The draft's content replaced, while DRAFT or RETURNED. */
export async function updateAssessmentInTx(
  uow: UnitOfWork,
  id: number,
  content: AssessmentContent,
): Promise<ImpactAssessment> {
  const { a, c } = await lockAssessment(uow, id);
  await assertCaseActor(uow, c, 'act');
  if (a.status !== 'DRAFT' && a.status !== 'RETURNED') throw statusRefusal(a, '只有草稿或退回的评估可以修改');
  assertUndecided(c);
  await checkContent(uow, c.id, content, false);
  const updated = await uow.tx.impactAssessment.update({
    where: { id },
    data: { ...contentData(content), updatedAt: uow.now },
  });
  await writeMitigations(uow, id, content.mitigations);
  await emitChanged(uow, c, updated, 'UPDATED');
  return updated;
}

/** Submission: every dimension scored, the weighted score and level fixed under the rules in force. */
export async function submitAssessmentInTx(uow: UnitOfWork, id: number): Promise<ImpactAssessment> {
  const { a, c } = await lockAssessment(uow, id);
  await assertCaseActor(uow, c, 'act');
  if (a.status !== 'DRAFT' && a.status !== 'RETURNED') throw statusRefusal(a, '只有草稿或退回的评估可以提交');
  assertUndecided(c);
  const mitigations = await uow.tx.impactMitigation.findMany({
    where: { assessmentId: id },
    orderBy: { position: 'asc' },
  });
  const content = { ...storedContent(a, mitigations) };
  await checkContent(uow, c.id, content, true);
  const rules = await currentRules(uow.tx);
  const scored = score(content.scores, rules);
  const updated = await uow.tx.impactAssessment.update({
    where: { id },
    data: {
      status: 'SUBMITTED',
      weightedScore: scored.weightedScore,
      level: scored.level,
      rulesVersion: rules.version,
      submittedBy: actorOf(uow.viewer),
      submittedAt: uow.now,
      // A resubmitted revision is reviewed afresh.
      reviewedBy: null,
      reviewedAt: null,
      updatedAt: uow.now,
    },
  });
  await emitChanged(uow, c, updated, 'SUBMITTED');
  return updated;
}

/** 法制审核 (第58条): the agency's legal reviewer passes a submitted revision to the head. */
export async function reviewAssessmentInTx(uow: UnitOfWork, id: number, comment: string | null) {
  const { a, c } = await lockAssessment(uow, id);
  await assertCaseActor(uow, c, 'review');
  if (a.status !== 'SUBMITTED') throw statusRefusal(a, '只有已提交的评估可以法制审核');
  assertUndecided(c);
  assertNotSubmitter(uow, a, { zh: '审核', en: 'review' });
  const updated = await uow.tx.impactAssessment.update({
    where: { id },
    data: { status: 'REVIEWED', reviewedBy: actorOf(uow.viewer), reviewedAt: uow.now, reviewComment: comment },
  });
  await emitChanged(uow, c, updated, 'REVIEWED');
  return updated;
}

/**
 * Returned with comments: by the legal reviewer while SUBMITTED, by the head while REVIEWED (the scope asked the
 * matching role); the officers edit and submit it again.
 */
export async function returnAssessmentInTx(uow: UnitOfWork, id: number, comment: string) {
  const { a, c } = await lockAssessment(uow, id);
  if (a.status !== 'SUBMITTED' && a.status !== 'REVIEWED') throw statusRefusal(a, '只有待审核或待批准的评估可以退回');
  await assertCaseActor(uow, c, a.status === 'SUBMITTED' ? 'review' : 'head');
  assertUndecided(c);
  assertNotSubmitter(uow, a, { zh: '退回', en: 'return' });
  const updated = await uow.tx.impactAssessment.update({
    where: { id },
    data: { status: 'RETURNED', returnedBy: actorOf(uow.viewer), returnedAt: uow.now, returnComment: comment },
  });
  await emitChanged(uow, c, updated, 'RETURNED');
  return updated;
}

/**
 * The head's approval (第57条): the revision becomes immutable, with the triggers recorded on the case now and the
 * penalties proposed now; the statistics count its level and mitigations in place of the previous approved
 * revision's, and the days from the first trigger on the case's first approval; HIGH and SEVERE are flagged to
 * supervisors.
 */
export async function approveAssessmentInTx(uow: UnitOfWork, id: number) {
  const { a, c } = await lockAssessment(uow, id);
  await assertCaseActor(uow, c, 'head');
  if (a.status !== 'REVIEWED') throw statusRefusal(a, '只有法制审核通过的评估可以批准');
  assertUndecided(c);
  assertNotSubmitter(uow, a, { zh: '批准', en: 'approve' });
  // What the facts fire now is recorded first, so that the approval answers it: a case written before the plugin
  // (its triggers never recorded by a reaction) would otherwise stay refused at the decision after its approval.
  const party = await enterpriseCase(uow.tx, c.id);
  if (party) {
    const rules = await currentRules(uow.tx);
    await recordTriggersInTx(uow, c, await factTriggers(uow.tx, party, rules), rules.version);
  }
  const triggers = await uow.tx.impactTrigger.findMany({
    where: { caseId: c.id },
    orderBy: { firedAt: 'asc' },
    select: { id: true, firedAt: true },
  });
  const proposal = await latestProposal(uow, c.id);
  const previous = await uow.tx.impactAssessment.findFirst({
    where: { caseId: c.id, status: 'APPROVED' },
    orderBy: { revision: 'desc' },
    include: { mitigations: { select: { kind: true } } },
  });
  const updated = await uow.tx.impactAssessment.update({
    where: { id },
    data: {
      status: 'APPROVED',
      approvedBy: actorOf(uow.viewer),
      approvedAt: uow.now,
      coveredTriggerIds: triggers.map((t) => t.id).sort((x, y) => x - y),
      assessedProposal: proposal ?? Prisma.JsonNull,
    },
    include: { mitigations: { select: { kind: true } } },
  });
  await addToStats(uow.tx, approvalDeltas(c.agencyId, uow.now, updated, previous, triggers[0]?.firedAt ?? null));
  await emitChanged(uow, c, updated, 'APPROVED');
  if (updated.level === 'HIGH' || updated.level === 'SEVERE')
    await uow.emit(
      IMPACT_HIGH_FLAGGED,
      {
        caseId: c.id,
        number: c.number,
        agencyId: c.agencyId,
        reason: 'LEVEL',
        level: updated.level,
        assessmentId: updated.id,
        measureId: null,
      },
      {},
    );
  return updated;
}

type Approved = Pick<ImpactAssessment, 'level' | 'approvedAt'> & { mitigations: { kind: string }[] };

/**
 * The rollups an approval changes: the case counts at its newest approved level and mitigations (each kind once per
 * revision), taken off the previous approved revision's on that revision's day; on the first approval, the Shanghai
 * days since the case's first trigger (none when the assessment was made without one).
 */
export function approvalDeltas(
  agencyId: number,
  now: Date,
  approved: Approved,
  previous: Approved | null,
  firstTriggerAt: Date | null,
): StatDelta[] {
  const counted = (r: Approved, at: Date, count: number): StatDelta[] => [
    ...(r.level ? [{ agencyId, at, metric: 'level' as const, key: r.level, count }] : []),
    ...[...new Set(r.mitigations.map((m) => m.kind))].map((key) => ({
      agencyId,
      at,
      metric: 'mitigation' as const,
      key,
      count,
    })),
  ];
  const deltas = counted(approved, now, 1);
  if (previous) deltas.push(...counted(previous, previous.approvedAt ?? now, -1));
  else if (firstTriggerAt) {
    const days = Math.round((shanghaiToday(now).getTime() - shanghaiToday(firstTriggerAt).getTime()) / DAY_MS);
    deltas.push({ agencyId, at: now, metric: 'daysToApproval', key: String(days), count: 1 });
  }
  return deltas;
}

/** A new draft revision copying the latest approved one's content; the approved one stays as it was. */
export async function reviseAssessmentInTx(uow: UnitOfWork, id: number): Promise<ImpactAssessment> {
  const { a, c } = await lockAssessment(uow, id);
  await assertCaseActor(uow, c, 'act');
  if (a.status !== 'APPROVED')
    throw new RuleViolation('IMPACT_STATUS', {
      zh: `只能在已批准的评估基础上提出新版本，第 ${a.revision} 版当前状态为 ${a.status}（${TASK7.zh}）`,
      en: `a new revision starts from an approved one; revision ${a.revision} is ${a.status} (${TASK7.en})`,
    });
  assertUndecided(c);
  await assertNoOpenRevision(uow, c);
  const latest = await nextRevision(uow, c.id);
  if (latest !== a.revision + 1)
    throw new RuleViolation('IMPACT_STATUS', {
      zh: `第 ${a.revision} 版不是最新批准的版本，请在最新版本基础上修订（${TASK7.zh}）`,
      en: `revision ${a.revision} is not the latest: revise the latest approved revision (${TASK7.en})`,
    });
  const mitigations = await uow.tx.impactMitigation.findMany({
    where: { assessmentId: id },
    orderBy: { position: 'asc' },
  });
  const content = storedContent(a, mitigations);
  const actor = actorOf(uow.viewer);
  const draft = await uow.tx.impactAssessment.create({
    data: {
      caseId: c.id,
      agencyId: a.agencyId,
      enterpriseId: a.enterpriseId,
      revision: latest,
      ...contentData(content),
      createdBy: actor,
      createdAt: uow.now,
      updatedAt: uow.now,
    },
  });
  await writeMitigations(uow, draft.id, content.mitigations);
  await emitChanged(uow, c, draft, 'REVISED');
  return draft;
}

/** A revision's stored content as the input it was written from. */
export function storedContent(a: ImpactAssessment, mitigations: readonly ImpactMitigation[]): AssessmentContent {
  return {
    scores: readScores(a.scores),
    stoppageDays: a.stoppageDays,
    revenueSharePct: a.revenueSharePct,
    jobsAffected: a.jobsAffected,
    summary: a.summary,
    mitigations: mitigations.map((m) => ({
      kind: m.kind,
      text: m.text,
      instalments: m.instalments,
      dueOn: m.dueOn,
    })),
  };
}

/**
 * 案后回访: a visit after the decision, recorded against the revision the decision relied on (ImpactDecision), on a
 * day neither before the decision nor after today.
 */
export async function recordFollowUpInTx(
  uow: UnitOfWork,
  caseId: number,
  input: { visitedOn: Date; findings: string },
) {
  const c = await lockCase(uow.tx, caseId);
  await assertCaseActor(uow, c, 'act');
  assertEnterpriseCase(c);
  const decision = await uow.tx.impactDecision.findUnique({ where: { caseId }, select: { assessmentId: true } });
  const refuse = (zh: string, en: string) =>
    new RuleViolation('IMPACT_FOLLOW_UP_BEFORE_DECISION', {
      zh: `${zh}（案后回访，${TASK7.zh}）`,
      en: `${en} (follow-up visit, ${TASK7.en})`,
    });
  if (!decision || decision.assessmentId === null || c.decidedAt === null)
    throw refuse(
      `案件 ${c.number} 尚未依据经批准的评估作出决定，回访在决定后针对所依据的评估记录`,
      `case ${c.number} has no decision relying on an approved assessment: a visit follows the decision and is recorded against that assessment`,
    );
  const today = shanghaiToday(uow.now);
  const decidedOn = shanghaiToday(c.decidedAt);
  if (input.visitedOn.getTime() < decidedOn.getTime() || input.visitedOn.getTime() > today.getTime())
    throw refuse(
      `回访日期须在决定之日（${day(decidedOn)}）至今日（${day(today)}）之间`,
      `the visit's day must be from the decision's day (${day(decidedOn)}) to today (${day(today)})`,
    );
  const followUp = await uow.tx.impactFollowUp.create({
    data: {
      assessmentId: decision.assessmentId,
      visitedOn: input.visitedOn,
      findings: input.findings.trim(),
      recordedBy: actorOf(uow.viewer),
      recordedAt: uow.now,
    },
  });
  await uow.emit(
    IMPACT_FOLLOW_UP_RECORDED,
    {
      caseId: c.id,
      number: c.number,
      agencyId: c.agencyId,
      assessmentId: decision.assessmentId,
      followUpId: followUp.id,
      visitedOn: day(input.visitedOn),
    },
    { agencyId: c.agencyId, caseId: c.id },
  );
  return followUp;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
