// 邀约式执法服务 (county plan task 7): an enterprise invites an agency for a compliance check-up; the agency schedules
// two officers who may enforce (行政处罚法 第42条, core's rule), visits, records findings and advice, closes — or
// declines with a reason; the enterprise may withdraw before the visit and rates it once after. Each step runs in
// the caller's unit of work, checks the state machine (rules/invitation-state.ts) and emits INVITATION_CHANGED to
// the agency and the enterprise. A step changes the row only from the status it read (a conditional update), so
// two answers racing for one invitation cannot both pass.
import {
  CASE_SETTINGS,
  ForbiddenError,
  NotFoundError,
  RuleViolation,
  ValidationError,
  type UnitOfWork,
} from '@zhifa/core';
import { agencyMayEnforce } from '@zhifa/core/cases';
import type { Invitation, InvitationStatus, Prisma } from '@zhifa/core/prisma';
import { checkOfficers } from '@zhifa/core/rules';
import { shanghaiToday } from '@zhifa/core/time';
import { actorOf } from '@zhifa/core/auth';
import {
  invitationStepRefusal,
  ratingRefusal,
  statusAfter,
  visitDateRefusal,
  windowIssue,
  type InvitationRefusal,
  type InvitationStep,
} from './rules/invitation-state.js';
import { INVITATION_CHANGED, type InvitationAction } from './topics.js';

/** At most this many matters per invitation (the model's comment; a check-up, not an audit of everything). */
export const MAX_INVITATION_MATTERS = 10;

export function invitationNotFound(id: number | string): NotFoundError {
  return new NotFoundError('Invitation', String(id), { zh: '邀约', en: 'Invitation' });
}

export function refuse(r: InvitationRefusal | null): void {
  if (r) throw new RuleViolation(r.rule, r.message);
}

export async function emitInvitationChange(
  uow: UnitOfWork,
  inv: Pick<Invitation, 'id' | 'agencyId' | 'enterpriseId'>,
  action: InvitationAction,
  status: InvitationStatus,
): Promise<void> {
  await uow.emit(
    INVITATION_CHANGED,
    { invitationId: inv.id, agencyId: inv.agencyId, enterpriseId: inv.enterpriseId, action, status },
    { agencyId: inv.agencyId, enterpriseId: inv.enterpriseId },
  );
}

export interface InvitationRequest {
  enterpriseId: number;
  agencyId: number;
  topics: string;
  matterIds: number[];
  preferredFrom: Date;
  preferredTo: Date;
  contactName: string | null;
  contactPhone: string | null;
}

/** The enterprise's user invites an agency, about 1–10 published matters the agency enforces in its domains. */
export async function requestInvitationInTx(uow: UnitOfWork, input: InvitationRequest): Promise<Invitation> {
  const { tx, viewer, now } = uow;
  // The field's scope refused it already; kept for any other route (demo data acts as the enterprise).
  if (viewer.kind !== 'enterprise' || viewer.enterpriseId !== input.enterpriseId) throw notForOtherEnterprise();
  const matterIds = [...new Set(input.matterIds)];
  const issue = windowIssue(input.preferredFrom, input.preferredTo, shanghaiToday(now));
  if (issue) throw ValidationError.one([issue.field], issue);
  if (matterIds.length < 1 || matterIds.length > MAX_INVITATION_MATTERS)
    throw ValidationError.one(['matterIds'], {
      zh: `须选择 1 至 ${MAX_INVITATION_MATTERS} 项行政执法事项`,
      en: `name from 1 to ${MAX_INVITATION_MATTERS} enforcement matters`,
    });
  const agency = await tx.agency.findUnique({ where: { id: input.agencyId } });
  if (!agency) throw new NotFoundError('Agency', String(input.agencyId), { zh: '单位', en: 'Agency' });
  const matters = await tx.enforcementMatter.findMany({ where: { id: { in: matterIds } } });
  const byId = new Map(matters.map((m) => [m.id, m]));
  const wrong = matterIds.flatMap((id) => {
    const m = byId.get(id);
    if (!m) return [{ zh: `#${id}：不存在`, en: `#${id}: no such matter` }];
    if (!m.published) return [{ zh: `${m.code}：尚未公布`, en: `${m.code}: not published` }];
    if (!agencyMayEnforce(agency, m))
      return [{ zh: `${m.code}：不属${agency.name}的执法领域`, en: `${m.code}: not of ${agency.name}'s domains` }];
    return [];
  });
  if (wrong.length)
    throw new RuleViolation('FLEXIBLE_INVITATION_MATTER', {
      zh: `邀约的事项须为${agency.name}可以实施的已公布行政执法事项（行政处罚法第17条、第34条；方案任务7）：${wrong.map((w) => w.zh).join('；')}`,
      en: `an invitation names published enforcement matters ${agency.name} enforces (arts. 17, 34; county plan task 7): ${wrong.map((w) => w.en).join('; ')}`,
    });
  const inv = await tx.invitation.create({
    data: {
      enterpriseId: input.enterpriseId,
      agencyId: agency.id,
      topics: input.topics,
      preferredFrom: input.preferredFrom,
      preferredTo: input.preferredTo,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      requestedBy: actorOf(viewer),
      requestedAt: now,
      matters: { create: matterIds.map((matterId) => ({ matterId })) },
    },
  });
  await emitInvitationChange(uow, inv, 'REQUESTED', inv.status);
  return inv;
}

export function notForOtherEnterprise(): ForbiddenError {
  return new ForbiddenError({
    zh: '企业用户只能为本企业邀约、撤回和评价（方案任务7：邀约式执法服务）',
    en: 'an enterprise user invites, withdraws and rates for its own enterprise only (county plan task 7)',
  });
}

/**
 * Moves the invitation by `step` when its status allows it, writing `data`; the update is conditional on the status
 * read, so a concurrent step that got there first turns this one into the state refusal.
 */
async function advance(
  uow: UnitOfWork,
  id: number,
  step: InvitationStep,
  data: (
    inv: Invitation,
  ) => Promise<Prisma.InvitationUncheckedUpdateManyInput> | Prisma.InvitationUncheckedUpdateManyInput,
  extraCheck?: (inv: Invitation) => InvitationRefusal | null,
): Promise<Invitation> {
  const inv = await uow.tx.invitation.findUnique({ where: { id } });
  if (!inv) throw invitationNotFound(id);
  refuse(invitationStepRefusal(inv.status, step));
  refuse(extraCheck?.(inv) ?? null);
  const status = statusAfter(inv.status, step);
  const done = await uow.tx.invitation.updateMany({
    where: { id, status: inv.status, ...(step === 'RATE' ? { rating: null } : {}) },
    data: { ...(await data(inv)), status },
  });
  const fresh = await uow.tx.invitation.findUniqueOrThrow({ where: { id } });
  if (done.count === 0) refuse(step === 'RATE' ? ratingRefusal(fresh, 1) : invitationStepRefusal(fresh.status, step));
  return fresh;
}

export interface ScheduleInput {
  scheduledFor: Date;
  officerIds: number[];
}

/**
 * The agency accepts and schedules (or reschedules) the visit: a time not in the past, and two or more officers of
 * the invited agency who may enforce today (行政处罚法 第42条; core's certificate rule, CASE_SETTINGS.reviewGraceUntil).
 */
export async function scheduleInvitationInTx(uow: UnitOfWork, id: number, input: ScheduleInput): Promise<Invitation> {
  const { tx, now } = uow;
  if (input.scheduledFor.getTime() < now.getTime())
    throw ValidationError.one(['scheduledFor'], {
      zh: '上门时间不能早于现在',
      en: 'the visit cannot be scheduled in the past',
    });
  let officerIds: number[] = [];
  const inv = await advance(uow, id, 'SCHEDULE', async (row) => {
    officerIds = await enforceableOfficers(uow, row, input.officerIds);
    return {
      scheduledFor: input.scheduledFor,
      scheduledBy: actorOf(uow.viewer),
      respondedAt: row.respondedAt ?? now,
    };
  });
  await tx.invitationOfficer.deleteMany({ where: { invitationId: id } });
  await tx.invitationOfficer.createMany({ data: officerIds.map((personId) => ({ invitationId: id, personId })) });
  await emitInvitationChange(uow, inv, 'SCHEDULED', inv.status);
  return inv;
}

/** The officers asked for, when every one is of the invited agency and may enforce and there are at least two. */
async function enforceableOfficers(uow: UnitOfWork, inv: Invitation, requested: number[]): Promise<number[]> {
  const ids = [...new Set(requested)];
  const found = await uow.tx.person.findMany({ where: { id: { in: ids } } });
  const check = checkOfficers(ids, found, inv.agencyId, uow.now, uow.settings.get(CASE_SETTINGS).reviewGraceUntil);
  if (check.eligible.length >= 2 && check.refused.length === 0) return check.eligible;
  const agencyOf = new Map(found.map((p) => [p.id, p.agencyId]));
  const reasons = check.refused.map((r) => {
    const other = agencyOf.has(r.personId) && agencyOf.get(r.personId) !== inv.agencyId;
    const reason = other ? { zh: '不是受邀单位的人员', en: 'not of the invited agency' } : r.reason;
    const who = r.name ?? `#${r.personId}`;
    return { zh: `${who}：${reason.zh}`, en: `${who}: ${reason.en}` };
  });
  throw new RuleViolation('FLEXIBLE_INVITATION_OFFICERS', {
    zh: `上门服务须由受邀单位至少 2 名持有效执法证的执法人员进行（行政处罚法第42条；方案任务7），现可安排 ${check.eligible.length} 名${reasons.length ? `：${reasons.map((r) => r.zh).join('；')}` : ''}`,
    en: `an invited visit is made by at least 2 officers of the invited agency with valid certificates (art. 42; county plan task 7); ${check.eligible.length} may go${reasons.length ? `: ${reasons.map((r) => r.en).join('; ')}` : ''}`,
  });
}

/** The agency declines, with its reason; only a request not yet answered. */
export async function declineInvitationInTx(uow: UnitOfWork, id: number, reason: string): Promise<Invitation> {
  const inv = await advance(uow, id, 'DECLINE', (row) => ({
    declineReason: reason,
    respondedAt: row.respondedAt ?? uow.now,
  }));
  await emitInvitationChange(uow, inv, 'DECLINED', inv.status);
  return inv;
}

export interface VisitInput {
  visitedAt: Date;
  findings: string;
  advice: string;
}

/** The agency records the visit: findings and advice, never a case by themselves (invitation-binding.ts). */
export async function recordInvitationVisitInTx(uow: UnitOfWork, id: number, input: VisitInput): Promise<Invitation> {
  const inv = await advance(
    uow,
    id,
    'VISIT',
    () => ({ visitedAt: input.visitedAt, findings: input.findings, advice: input.advice }),
    // A SCHEDULED invitation always has its time (scheduleInvitationInTx writes it with the status).
    (row) => visitDateRefusal(input.visitedAt, row.scheduledFor ?? input.visitedAt, uow.now),
  );
  await emitInvitationChange(uow, inv, 'VISITED', inv.status);
  return inv;
}

export async function closeInvitationInTx(uow: UnitOfWork, id: number): Promise<Invitation> {
  const inv = await advance(uow, id, 'CLOSE', () => ({ closedAt: uow.now }));
  await emitInvitationChange(uow, inv, 'CLOSED', inv.status);
  return inv;
}

/** The enterprise withdraws its invitation before the visit. */
export async function withdrawInvitationInTx(uow: UnitOfWork, id: number): Promise<Invitation> {
  const inv = await advance(uow, id, 'WITHDRAW', (row) => {
    if (uow.viewer.kind !== 'enterprise' || uow.viewer.enterpriseId !== row.enterpriseId) throw notForOtherEnterprise();
    return { withdrawnAt: uow.now };
  });
  await emitInvitationChange(uow, inv, 'WITHDRAWN', inv.status);
  return inv;
}

/** The enterprise rates the visit: once, after it, 1–5 with an optional comment. */
export async function rateInvitationInTx(
  uow: UnitOfWork,
  id: number,
  rating: number,
  comment: string | null,
): Promise<Invitation> {
  const inv = await advance(
    uow,
    id,
    'RATE',
    (row) => {
      if (uow.viewer.kind !== 'enterprise' || uow.viewer.enterpriseId !== row.enterpriseId)
        throw notForOtherEnterprise();
      return { rating, ratingComment: comment, ratedAt: uow.now };
    },
    (row) => ratingRefusal(row, rating),
  );
  await emitInvitationChange(uow, inv, 'RATED', inv.status);
  return inv;
}
