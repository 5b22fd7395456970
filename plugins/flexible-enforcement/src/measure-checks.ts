// What the no-compulsory guard's check becomes after the measure was asked for: the agency head approves it
// (行政强制法 第18条第(一)项; an emergency measure afterwards, 第19条) or refuses it (REFUSED: a request is never
// taken, an emergency one is released). Every outcome is announced once (MEASURE_CHECK_RECORDED) to the case's
// agency and supervisors, never to the party.
import type { UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import type { CompulsoryMeasureCheck } from '@zhifa/core/prisma';
import { MEASURE_CHECK_RECORDED } from './topics.js';

export async function emitMeasureCheck(uow: UnitOfWork, check: CompulsoryMeasureCheck): Promise<void> {
  await uow.emit(
    MEASURE_CHECK_RECORDED,
    {
      checkId: check.id,
      caseId: check.caseId,
      agencyId: check.agencyId,
      measureKind: check.measureKind,
      outcome: check.outcome,
      approved: check.approvedAt !== null && check.outcome === 'JUSTIFIED',
      itemId: check.itemId,
    },
    { agencyId: check.agencyId, caseId: check.caseId },
  );
}

/**
 * The head's answer on a measure the guard checked (core's approveCompulsoryMeasure, in its transaction): approved,
 * the JUSTIFIED check carries who approved it and when; refused, it becomes REFUSED with who refused and when. A
 * measure no item matched has no check: one indexed read, nothing written.
 */
export async function recordApprovalInTx(
  uow: UnitOfWork,
  payload: { measureId: number; approved: boolean },
): Promise<void> {
  const by = actorOf(uow.viewer);
  // Only a JUSTIFIED check not yet answered: core refuses a second approval, so this holds once per measure.
  const [check] = await uow.tx.compulsoryMeasureCheck.updateManyAndReturn({
    where: { measureId: payload.measureId, outcome: 'JUSTIFIED', approvedAt: null },
    data: { approvedBy: by, approvedAt: uow.now, ...(payload.approved ? {} : { outcome: 'REFUSED' as const }) },
  });
  if (check) await emitMeasureCheck(uow, check);
}
