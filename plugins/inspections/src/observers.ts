// 特邀行政执法监督员 (county plan task 15: 邀请特邀行政执法监督员参与重大执法检查、多部门联合检查): the filing's agency
// invites one to a major filing, the lead agency to a joint inspection; the observer then reads it and its visits
// (access.ts grants observers on filings, visits and joint inspections).
import { NotFoundError, RuleViolation, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import type { InspectionObserver } from '@zhifa/core/prisma';
import { filingNotFound, jointNotFound } from './joints.js';
import { JOINT_INSPECTION_CHANGED } from './topics.js';

const BASIS_ZH = '方案任务15：特邀行政执法监督员参与重大执法检查、多部门联合检查';
const BASIS_EN = 'county plan task 15: special supervisors take part in major and joint inspections';

function refuse(rule: string, zh: string, en: string): never {
  throw new RuleViolation(rule, { zh: `${zh}（${BASIS_ZH}）`, en: `${en} (${BASIS_EN})` });
}

export type ObserverTarget = { filingId: number } | { jointInspectionId: number };

export async function inviteInspectionObserverInTx(
  uow: UnitOfWork,
  personId: number,
  target: ObserverTarget,
): Promise<InspectionObserver> {
  const { tx, now } = uow;
  const person = await tx.person.findUnique({ where: { id: personId } });
  if (!person) throw new NotFoundError('Person', String(personId), { zh: '人员', en: 'Person' });
  if (!person.roles.includes('SPECIAL_SUPERVISOR'))
    refuse(
      'INSPECTION_OBSERVER_ROLE',
      `${person.name}不是特邀行政执法监督员`,
      `${person.name} is not a special supervisor (特邀行政执法监督员)`,
    );
  let scope: { agencyId: number; enterpriseId: number; filingId: number | null; jointInspectionId: number | null };
  if ('filingId' in target) {
    const filing = await tx.inspectionFiling.findUnique({ where: { id: target.filingId } });
    if (!filing) throw filingNotFound(target.filingId);
    if (!filing.major || filing.status === 'CANCELLED')
      refuse(
        'INSPECTION_OBSERVER_TARGET',
        '只能邀请参与重大检查（已撤销的除外）或联合检查',
        'an observer is invited to a major inspection (not cancelled) or a joint inspection',
      );
    scope = {
      agencyId: filing.agencyId,
      enterpriseId: filing.enterpriseId,
      filingId: filing.id,
      jointInspectionId: null,
    };
  } else {
    const joint = await tx.jointInspection.findUnique({ where: { id: target.jointInspectionId } });
    if (!joint) throw jointNotFound(target.jointInspectionId);
    scope = {
      agencyId: joint.leadAgencyId,
      enterpriseId: joint.enterpriseId,
      filingId: null,
      jointInspectionId: joint.id,
    };
  }
  const already = await tx.inspectionObserver.findFirst({
    where: { personId, filingId: scope.filingId, jointInspectionId: scope.jointInspectionId },
  });
  if (already) refuse('INSPECTION_OBSERVER_DUPLICATE', `${person.name}已受邀`, `${person.name} is invited already`);
  const observer = await tx.inspectionObserver.create({
    data: {
      personId,
      filingId: scope.filingId,
      jointInspectionId: scope.jointInspectionId,
      invitedBy: actorOf(uow.viewer),
      invitedAt: now,
    },
  });
  await uow.emit(
    JOINT_INSPECTION_CHANGED,
    {
      jointInspectionId: scope.jointInspectionId,
      filingId: scope.filingId,
      leadAgencyId: scope.agencyId,
      enterpriseId: scope.enterpriseId,
      action: 'INVITED',
    },
    { agencyId: scope.agencyId },
  );
  return observer;
}
