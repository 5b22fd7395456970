// 预警处置 交办 → 督办 → 整改 → 销号 (county plan task 15), each step in the caller's unit of work: the state machine
// (rules/warning-workflow.ts) allows it, the warning moves with a conditional update on the status read (two
// supervisors acting at once cannot both pass), an immutable InspectionWarningStep records who, what, when and the
// deadline, and INSPECTION_WARNING_CHANGED goes to the answerable agency (supervisors see every event).
import { NotFoundError, RuleViolation, ValidationError, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import type { InspectionWarning, InspectionWarningStatus } from '@zhifa/core/prisma';
import {
  deadlineIssue,
  defaultDeadline,
  stepHasDeadline,
  warningStatusAfter,
  warningStepRefusal,
  type WarningStep,
} from '../rules/warning-workflow.js';
import { inspectionsSettings } from '../settings.js';
import { INSPECTION_WARNING_CHANGED } from '../topics.js';

export function warningNotFound(id: number | string): NotFoundError {
  return new NotFoundError('InspectionWarning', String(id), { zh: '检查预警', en: 'Inspection warning' });
}

export interface WarningStepInput {
  comment: string;
  /** 交办 / 督办 / 退回: the new deadline; warningDays days from now when absent. */
  dueAt?: Date | null;
}

/** Take `step` on the warning; returns it as it is after the step. */
export async function stepWarningInTx(
  uow: UnitOfWork,
  warningId: number,
  step: WarningStep,
  input: WarningStepInput,
): Promise<InspectionWarning> {
  const { tx, now } = uow;
  const w = await tx.inspectionWarning.findUnique({ where: { id: warningId } });
  if (!w) throw warningNotFound(warningId);
  const refusal = warningStepRefusal(w.status, step);
  if (refusal) throw new RuleViolation(refusal.rule, refusal.message);
  let dueAt: Date | null = null;
  if (stepHasDeadline(step)) {
    dueAt = input.dueAt ?? defaultDeadline(now, uow.settings.get(inspectionsSettings).warningDays);
    const issue = deadlineIssue(dueAt, now);
    if (issue) throw ValidationError.one(['dueAt'], issue);
  } else if (input.dueAt)
    throw ValidationError.one(['dueAt'], {
      zh: '报告整改和销号不设办理期限',
      en: 'reporting rectification and closing set no deadline',
    });
  const status = warningStatusAfter(w.status, step, step === 'RETURN' ? await answering(uow, w.id) : null);
  const done = await tx.inspectionWarning.updateMany({
    where: { id: w.id, status: w.status },
    data: {
      status,
      // The agency's report ends the current deadline; the supervisor's review has none.
      dueAt: stepHasDeadline(step) ? dueAt : null,
      // Each deadline is announced overdue once (warnings/overdue-sweep.ts): a new one may be announced again.
      overdueAnnouncedAt: null,
      ...(step === 'CLOSE' ? { closedAt: now } : {}),
    },
  });
  if (done.count === 0) {
    const fresh = await tx.inspectionWarning.findUniqueOrThrow({ where: { id: w.id } });
    const late = warningStepRefusal(fresh.status, step) ?? {
      rule: 'INSPECTION_WARNING_STATE',
      message: {
        zh: `预警已由他人同时处理（现为${fresh.status}），请刷新后重试（方案任务15）`,
        en: `the warning was handled by someone else meanwhile (now ${fresh.status}); reload and retry (county plan task 15)`,
      },
    };
    throw new RuleViolation(late.rule, late.message);
  }
  await tx.inspectionWarningStep.create({
    data: { warningId: w.id, status, comment: input.comment, dueAt, actor: actorOf(uow.viewer), at: now },
  });
  await uow.emit(
    INSPECTION_WARNING_CHANGED,
    { warningId: w.id, rule: w.rule, agencyId: w.agencyId, status },
    { agencyId: w.agencyId },
  );
  return tx.inspectionWarning.findUniqueOrThrow({ where: { id: w.id } });
}

/** The status the agency was answering when it reported rectification: the last 交办 or 督办 step. */
async function answering(uow: UnitOfWork, warningId: number): Promise<InspectionWarningStatus | null> {
  const last = await uow.tx.inspectionWarningStep.findFirst({
    where: { warningId, status: { in: ['ASSIGNED', 'SUPERVISED'] } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: { status: true },
  });
  return last?.status ?? null;
}
