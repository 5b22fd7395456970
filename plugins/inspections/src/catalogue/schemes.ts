// 检查方案 (county plan task 5; 国办发〔2024〕54号): each inspection follows a scheme approved by the agency head
// (行政机关负责人 — the AGENCY_HEAD, never an agency admin or the head of an internal office: 不得仅由内设机构负责人
// 批准). An urgent inspection (情况紧急) may start first: its scheme states why, and the head approves it afterwards
// within the setting urgentApprovalHours; one decided after that is recorded late, and the sweep (scheme-sweep.ts)
// announces each missed deadline once.
import { ForbiddenError, RuleViolation, type UnitOfWork } from '@zhifa/core';
import { actorOf, isAgencyHeadOf } from '@zhifa/core/auth';
import type { InspectionScheme, InspectionSchemeStatus } from '@zhifa/core/prisma';
import { approvalDueAt, schemeDecisionRefusal } from '../rules/catalogue.js';
import { inspectionsSettings } from '../settings.js';
import { INSPECTION_SCHEME_CHANGED } from '../topics.js';
import { assertCompiles, planNotFound, publishedItemsOf, qualifiedAgency, refuse, schemeNotFound } from './common.js';

export interface SchemeInput {
  agencyId: number;
  planId: number | null;
  title: string;
  content: string;
  itemIds: number[];
  urgent: boolean;
  /** Required when urgent (the resolver's validation says so); ignored otherwise. */
  urgentReason: string | null;
}

export type SchemeAction = 'REQUESTED' | 'APPROVED' | 'REFUSED' | 'OVERDUE';

export async function emitScheme(
  uow: UnitOfWork,
  s: Pick<InspectionScheme, 'id' | 'agencyId' | 'status' | 'urgent'>,
  action: SchemeAction,
) {
  // The agency's working papers (supervisors read every event); never public.
  await uow.emit(
    INSPECTION_SCHEME_CHANGED,
    { schemeId: s.id, agencyId: s.agencyId, status: s.status, urgent: s.urgent, action },
    { agencyId: s.agencyId },
  );
}

export async function requestInspectionSchemeInTx(uow: UnitOfWork, input: SchemeInput): Promise<InspectionScheme> {
  const { tx, viewer, now } = uow;
  assertCompiles(viewer, input.agencyId);
  const agency = await qualifiedAgency(uow, input.agencyId);
  const itemIds = await publishedItemsOf(uow, agency.id, input.itemIds, 'INSPECTION_SCHEME_ITEMS', {
    zh: '检查方案',
    en: 'a scheme',
  });
  if (input.planId !== null) {
    const plan = await tx.inspectionPlan.findUnique({ where: { id: input.planId }, select: { agencyId: true } });
    if (!plan) throw planNotFound(input.planId);
    if (plan.agencyId !== agency.id)
      throw new RuleViolation('INSPECTION_SCHEME_PLAN', {
        zh: '检查方案只能实施本单位的年度检查计划（县实施方案任务5）',
        en: "a scheme implements the agency's own annual plan (county plan task 5)",
      });
  }
  const hours = uow.settings.get(inspectionsSettings).urgentApprovalHours;
  const scheme = await tx.inspectionScheme.create({
    data: {
      agencyId: agency.id,
      planId: input.planId,
      title: input.title,
      content: input.content,
      urgent: input.urgent,
      urgentReason: input.urgent ? input.urgentReason : null,
      approvalDueAt: input.urgent ? approvalDueAt(now, hours) : null,
      requestedBy: actorOf(viewer),
      requestedAt: now,
      items: { create: itemIds.map((itemId) => ({ itemId })) },
    },
  });
  await emitScheme(uow, scheme, 'REQUESTED');
  return scheme;
}

export const HEAD_ONLY = {
  zh: '检查方案只能由本单位行政机关负责人批准，不得仅由内设机构负责人或管理员批准（县实施方案任务5；国办发〔2024〕54号）',
  en: "Only the agency's head (行政机关负责人) decides a scheme — never an internal office's head or an agency admin (county plan task 5)",
};

/** The agency head approves or refuses a pending scheme, once (a conditional update on PENDING). */
export async function decideInspectionSchemeInTx(
  uow: UnitOfWork,
  id: number,
  decision: Exclude<InspectionSchemeStatus, 'PENDING'>,
  note: string | null,
): Promise<InspectionScheme> {
  const { tx, viewer, now } = uow;
  const scheme = await tx.inspectionScheme.findUnique({ where: { id } });
  if (!scheme) throw schemeNotFound(id);
  if (!isAgencyHeadOf(viewer, scheme.agencyId)) throw new ForbiddenError(HEAD_ONLY);
  refuse(schemeDecisionRefusal(scheme.status));
  const done = await tx.inspectionScheme.updateMany({
    where: { id, status: 'PENDING' },
    data: { status: decision, decidedBy: actorOf(viewer), decidedAt: now, decisionNote: note },
  });
  const fresh = await tx.inspectionScheme.findUniqueOrThrow({ where: { id } });
  if (done.count === 0) refuse(schemeDecisionRefusal(fresh.status));
  await emitScheme(uow, fresh, decision === 'APPROVED' ? 'APPROVED' : 'REFUSED');
  return fresh;
}
