// 线上报备 (county plan task 14): before a visit the agency files it — enterprise, items, scheme, officers, planned
// window, and 事先沟通 with the enterprise (with whom and when it was agreed) or a surprise check with its reason.
// Filing into an existing joint inspection (综合查一次) joins it instead of filing separately. The enterprise's row
// is locked first (enterprise-lock.ts) and the warning module judges the filing in the same transaction.
import { ForbiddenError, NotFoundError, RuleViolation, type UnitOfWork } from '@zhifa/core';
import { actorOf, isOfficerOf } from '@zhifa/core/auth';
import type { InspectionFiling, InspectionNotice } from '@zhifa/core/prisma';
import { lockEnterprise } from './enterprise-lock.js';
import { emitFilingChanged } from './events.js';
import { checkItems, enforceableOfficers, qualifiedAgency, refuse, usableScheme } from './inspection-checks.js';
import { TASK14, windowRefusal } from './rules/visit-rules.js';
import { raiseFilingWarningsInTx } from './warnings/raise.js';

export interface FilingInput {
  agencyId: number;
  enterpriseId: number;
  itemIds: number[];
  schemeId: number;
  officerIds: number[];
  plannedFrom: Date;
  plannedTo: Date;
  notice: InspectionNotice;
  noticeNote: string;
  major: boolean;
  jointInspectionId: number | null;
}

export const filingNotFound = (id: number) =>
  new NotFoundError('InspectionFiling', String(id), { zh: '检查报备', en: 'Inspection filing' });

const MAY_FILE = {
  zh: '只有本单位的执法人员和管理员可以为本单位报备、撤回入企检查（县实施方案任务14）',
  en: "Only the agency's officers and admins file and withdraw its inspections (county plan task 14)",
};

export async function fileInspectionInTx(uow: UnitOfWork, input: FilingInput): Promise<InspectionFiling> {
  const { tx, viewer, now } = uow;
  if (!isOfficerOf(viewer, input.agencyId) && viewer.kind !== 'system') throw new ForbiddenError(MAY_FILE);
  if (!(await lockEnterprise(tx, input.enterpriseId)))
    throw new NotFoundError('Enterprise', String(input.enterpriseId), { zh: '经营主体', en: 'Enterprise' });
  await qualifiedAgency(uow, input.agencyId);
  refuse(windowRefusal(input.plannedFrom, input.plannedTo, now));
  const scheme = await usableScheme(uow, input.agencyId, input.schemeId);
  const itemIds = await checkItems(uow, input.agencyId, input.itemIds, scheme);
  const officerIds = await enforceableOfficers(uow, input.agencyId, input.officerIds);
  if (input.jointInspectionId !== null) {
    const j = await tx.jointInspection.findUnique({ where: { id: input.jointInspectionId } });
    if (!j)
      throw new NotFoundError('JointInspection', String(input.jointInspectionId), {
        zh: '联合检查',
        en: 'Joint inspection',
      });
    const overlaps =
      input.plannedFrom.getTime() <= j.windowTo.getTime() && input.plannedTo.getTime() >= j.windowFrom.getTime();
    if (j.enterpriseId !== input.enterpriseId || !overlaps)
      throw new RuleViolation('INSPECTION_JOINT_MISMATCH', {
        zh: `加入联合检查的报备须针对同一企业，且计划时段与联合检查时段重叠（综合查一次；${TASK14.zh}）`,
        en: `a filing joins a joint inspection of the same enterprise whose window overlaps its own (综合查一次; ${TASK14.en})`,
      });
  }
  const f = await tx.inspectionFiling.create({
    data: {
      agencyId: input.agencyId,
      enterpriseId: input.enterpriseId,
      schemeId: scheme.id,
      plannedFrom: input.plannedFrom,
      plannedTo: input.plannedTo,
      notice: input.notice,
      noticeNote: input.noticeNote,
      major: input.major,
      jointInspectionId: input.jointInspectionId,
      filedBy: actorOf(viewer),
      filedAt: now,
      items: { create: itemIds.map((itemId) => ({ itemId })) },
      officers: { create: officerIds.map((personId) => ({ personId })) },
    },
  });
  await raiseFilingWarningsInTx(uow, f.id);
  await emitFilingChanged(uow, f, f.jointInspectionId === null ? 'FILED' : 'JOINED');
  return f;
}

/** Withdrawn before any visit: a FILED filing without visits (a conditional update — a visit racing it wins or loses whole). */
export async function cancelInspectionFilingInTx(uow: UnitOfWork, id: number): Promise<InspectionFiling> {
  const { tx, viewer, now } = uow;
  const found = await tx.inspectionFiling.findUnique({ where: { id }, select: { enterpriseId: true, agencyId: true } });
  if (!found) throw filingNotFound(id);
  if (!isOfficerOf(viewer, found.agencyId) && viewer.kind !== 'system') throw new ForbiddenError(MAY_FILE);
  await lockEnterprise(tx, found.enterpriseId);
  const done = await tx.inspectionFiling.updateManyAndReturn({
    where: { id, status: 'FILED', visits: { none: {} } },
    data: { status: 'CANCELLED', cancelledAt: now },
  });
  const f = done[0];
  if (!f) throw filingStateRefusal();
  await emitFilingChanged(uow, f, 'CANCELLED');
  return f;
}

export function filingStateRefusal(): RuleViolation {
  return new RuleViolation('INSPECTION_FILING_STATE', {
    zh: `报备已入企或已撤回：已入企的报备不能撤回或再次入企，已撤回的不能据以入企（${TASK14.zh}）`,
    en: `the filing was visited or withdrawn: a visited filing is neither withdrawn nor visited again, a withdrawn one is no basis for a visit (${TASK14.en})`,
  });
}
