// 跨部门联合检查 / 综合查一次 (国办发〔2024〕54号: 能合并的合并、能联合的联合; county plan task 14): filings of several
// agencies for one enterprise whose planned windows overlap are merged into one joint inspection led by one of them,
// or an agency joins an existing one with its filing instead of visiting on its own. The window of a joint inspection
// is the intersection of its filings' windows: the one time every agency planned to be there. A joint inspection
// counts once for the enterprise (rules/joint.ts). Every write takes the enterprise's lock first
// (enterprise-lock.ts), as the warning module's judgments rely on.
import { NotFoundError, RuleViolation, ValidationError, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import type { InspectionFiling, JointInspection } from '@zhifa/core/prisma';
import { lockEnterprise } from './enterprise-lock.js';
import { emitFilingChanged } from './events.js';
import { JOINT_INSPECTION_CHANGED } from './topics.js';
import { raiseFilingWarningsInTx } from './warnings/raise.js';
import { windowIntersection } from './rules/joint.js';

/** At most this many filings merge into one joint inspection. */
export const MAX_MERGE_FILINGS = 20;

const BASIS_ZH = '国办发〔2024〕54号：跨部门联合检查、综合查一次；方案任务14';
const BASIS_EN = '国办发〔2024〕54号 (joint inspections, 综合查一次); county plan task 14';

function refuse(rule: string, zh: string, en: string): never {
  throw new RuleViolation(rule, { zh: `${zh}（${BASIS_ZH}）`, en: `${en} (${BASIS_EN})` });
}

export function filingNotFound(id: number | string): NotFoundError {
  return new NotFoundError('InspectionFiling', String(id), { zh: '检查报备', en: 'Filing' });
}

export function jointNotFound(id: number | string): NotFoundError {
  return new NotFoundError('JointInspection', String(id), { zh: '联合检查', en: 'Joint inspection' });
}

/** A filing that may still be merged or joined: filed, no visit yet, not cancelled, in no joint inspection. */
function stateRefusal(filings: readonly InspectionFiling[]): void {
  const bad = filings.filter((f) => f.status !== 'FILED' || f.jointInspectionId !== null);
  if (bad.length)
    refuse(
      'INSPECTION_MERGE_STATE',
      `只有已报备、尚未入企、未撤销且未并入联合检查的报备可以合并或加入：${bad.map((f) => `#${f.id}`).join('、')}不符合`,
      `only filings that are filed, not yet visited, not cancelled and in no joint inspection merge or join: ${bad.map((f) => `#${f.id}`).join(', ')} are not`,
    );
}

async function emitJoint(
  uow: UnitOfWork,
  joint: JointInspection,
  filings: readonly Pick<InspectionFiling, 'notice'>[],
  filingId: number | null,
  action: 'MERGED' | 'JOINED',
): Promise<void> {
  // A surprise check stays one: the enterprise hears of the joint inspection only when every filing was agreed.
  const enterpriseId = filings.every((f) => f.notice === 'AGREED') ? joint.enterpriseId : null;
  await uow.emit(
    JOINT_INSPECTION_CHANGED,
    {
      jointInspectionId: joint.id,
      filingId,
      leadAgencyId: joint.leadAgencyId,
      enterpriseId: joint.enterpriseId,
      action,
    },
    { agencyId: joint.leadAgencyId, enterpriseId },
  );
}

/** Merge ≥ 2 filings of ≥ 2 agencies for one enterprise with overlapping windows into one joint inspection. */
export async function mergeInspectionFilingsInTx(
  uow: UnitOfWork,
  filingIds: number[],
  leadAgencyId: number,
): Promise<JointInspection> {
  const { tx, now } = uow;
  const ids = [...new Set(filingIds)];
  if (ids.length > MAX_MERGE_FILINGS)
    throw ValidationError.one(['filingIds'], {
      zh: `至多合并 ${MAX_MERGE_FILINGS} 份报备`,
      en: `at most ${MAX_MERGE_FILINGS} filings merge`,
    });
  const first = await tx.inspectionFiling.findMany({
    where: { id: { in: ids } },
    select: { id: true, enterpriseId: true },
  });
  const missing = ids.find((id) => !first.some((f) => f.id === id));
  if (missing !== undefined) throw filingNotFound(missing);
  const enterprises = new Set(first.map((f) => f.enterpriseId));
  if (ids.length < 2 || enterprises.size !== 1)
    refuse(
      'INSPECTION_MERGE_FILINGS',
      '联合检查须合并同一企业的至少 2 份报备',
      'a joint inspection merges at least 2 filings for one enterprise',
    );
  const enterpriseId = first[0].enterpriseId;
  await lockEnterprise(tx, enterpriseId);
  // Read again under the lock: a visit or another merge that got there first is seen.
  const filings = await tx.inspectionFiling.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
  const agencies = new Set(filings.map((f) => f.agencyId));
  if (agencies.size < 2)
    refuse(
      'INSPECTION_MERGE_FILINGS',
      '联合检查须由至少 2 个单位参加',
      'a joint inspection brings together filings of at least 2 agencies',
    );
  if (!agencies.has(leadAgencyId))
    refuse(
      'INSPECTION_MERGE_LEAD',
      '牵头单位须为参加联合检查的单位之一',
      'the lead agency is one of the agencies whose filings merge',
    );
  stateRefusal(filings);
  const window = windowIntersection(filings.map((f) => ({ from: f.plannedFrom, to: f.plannedTo })));
  if (!window)
    refuse(
      'INSPECTION_MERGE_WINDOW',
      '各报备的计划检查时间须有重叠，联合检查在共同时间内进行',
      'the filings’ planned windows must overlap; the joint inspection takes place in their common window',
    );
  const joint = await tx.jointInspection.create({
    data: {
      enterpriseId,
      leadAgencyId,
      windowFrom: window.from,
      windowTo: window.to,
      createdBy: actorOf(uow.viewer),
      createdAt: now,
    },
  });
  await tx.inspectionFiling.updateMany({ where: { id: { in: ids } }, data: { jointInspectionId: joint.id } });
  await emitJoint(uow, joint, filings, null, 'MERGED');
  for (const f of filings) {
    await emitFilingChanged(uow, { ...f, jointInspectionId: joint.id }, 'MERGED');
    await raiseFilingWarningsInTx(uow, f.id);
  }
  return joint;
}

/** An agency joins an existing joint inspection with its filing (filed, for the same enterprise, overlapping). */
export async function joinJointInspectionInTx(
  uow: UnitOfWork,
  jointInspectionId: number,
  filingId: number,
): Promise<JointInspection> {
  const { tx } = uow;
  const before = await tx.jointInspection.findUnique({ where: { id: jointInspectionId } });
  if (!before) throw jointNotFound(jointInspectionId);
  await lockEnterprise(tx, before.enterpriseId);
  const joint = await tx.jointInspection.findUniqueOrThrow({
    where: { id: jointInspectionId },
    include: { filings: { select: { agencyId: true, notice: true } }, _count: { select: { visits: true } } },
  });
  const filing = await tx.inspectionFiling.findUnique({ where: { id: filingId } });
  if (!filing) throw filingNotFound(filingId);
  if (filing.enterpriseId !== joint.enterpriseId)
    refuse(
      'INSPECTION_JOIN_FILING',
      '只能以同一企业的报备加入联合检查',
      'a filing joins a joint inspection of its own enterprise',
    );
  if (joint.filings.some((f) => f.agencyId === filing.agencyId))
    refuse(
      'INSPECTION_JOIN_FILING',
      '本单位已参加该联合检查',
      'the agency takes part in this joint inspection already',
    );
  if (joint._count.visits > 0)
    refuse(
      'INSPECTION_JOIN_FILING',
      '联合检查已入企，不能再加入',
      'the joint inspection has been visited; it is joined before its visit',
    );
  stateRefusal([filing]);
  const window = windowIntersection([
    { from: joint.windowFrom, to: joint.windowTo },
    { from: filing.plannedFrom, to: filing.plannedTo },
  ]);
  if (!window)
    refuse(
      'INSPECTION_MERGE_WINDOW',
      '报备的计划检查时间须与联合检查时间重叠',
      'the filing’s planned window must overlap the joint inspection’s',
    );
  await tx.inspectionFiling.update({ where: { id: filing.id }, data: { jointInspectionId: joint.id } });
  await emitJoint(uow, joint, [...joint.filings, filing], filing.id, 'JOINED');
  await emitFilingChanged(uow, { ...filing, jointInspectionId: joint.id }, 'JOINED');
  await raiseFilingWarningsInTx(uow, filing.id);
  return joint;
}
