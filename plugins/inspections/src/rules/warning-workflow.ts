// 预警处置 交办 → 督办 → 整改 → 销号 (county plan task 15: the justice bureau's 行政执法协调监督 follows each warning
// to its end). Pure: the service (warnings/workflow.ts) reads the warning, asks here, and writes. Refusals are data,
// with the rule code and a bilingual message naming the basis.
//
//   RAISED --assign 交办 (supervisor; comment, deadline)--> ASSIGNED
//   ASSIGNED | SUPERVISED --supervise 督办 (supervisor; comment, new deadline)--> SUPERVISED
//   ASSIGNED | SUPERVISED --rectify 整改 (the answerable agency's staff; comment)--> RECTIFIED
//   RECTIFIED --close 销号 (supervisor; comment)--> CLOSED
//   RECTIFIED --return 退回 (supervisor; comment, new deadline)--> the status it was rectified from
//
// Where the issue is silent: a warning is closed only after the agency reported (销号 follows 整改; a warning raised
// in error is answered by the agency's report and closed), a deadline is a future instant (the default: warningDays
// days from now), and a return goes back to ASSIGNED or SUPERVISED — whichever the agency was answering.
import type { InspectionWarningStatus } from '@zhifa/core/prisma';

export type WarningStep = 'ASSIGN' | 'SUPERVISE' | 'RECTIFY' | 'CLOSE' | 'RETURN';

export const WARNING_STEPS: readonly WarningStep[] = ['ASSIGN', 'SUPERVISE', 'RECTIFY', 'CLOSE', 'RETURN'];

export interface WarningRefusal {
  rule: string;
  message: { zh: string; en: string };
}

/** The statuses each step may start from, and its target (RETURN: the status before the rectification). */
export const WARNING_TRANSITIONS: Record<
  WarningStep,
  { from: readonly InspectionWarningStatus[]; to?: InspectionWarningStatus }
> = {
  ASSIGN: { from: ['RAISED'], to: 'ASSIGNED' },
  SUPERVISE: { from: ['ASSIGNED', 'SUPERVISED'], to: 'SUPERVISED' },
  RECTIFY: { from: ['ASSIGNED', 'SUPERVISED'], to: 'RECTIFIED' },
  CLOSE: { from: ['RECTIFIED'], to: 'CLOSED' },
  RETURN: { from: ['RECTIFIED'] },
};

export const WARNING_STATUS_NAMES: Record<InspectionWarningStatus, { zh: string; en: string }> = {
  RAISED: { zh: '已预警', en: 'raised' },
  ASSIGNED: { zh: '已交办', en: 'assigned' },
  SUPERVISED: { zh: '已督办', en: 'supervised' },
  RECTIFIED: { zh: '已整改', en: 'rectified' },
  CLOSED: { zh: '已销号', en: 'closed' },
};

export const WARNING_STEP_NAMES: Record<WarningStep, { zh: string; en: string }> = {
  ASSIGN: { zh: '交办', en: 'assign' },
  SUPERVISE: { zh: '督办', en: 'supervise' },
  RECTIFY: { zh: '报告整改', en: 'report rectification' },
  CLOSE: { zh: '销号', en: 'close' },
  RETURN: { zh: '退回整改', en: 'return' },
};

/** Null when `step` may be taken from `status`; otherwise the refusal INSPECTION_WARNING_STATE. */
export function warningStepRefusal(status: InspectionWarningStatus, step: WarningStep): WarningRefusal | null {
  const t = WARNING_TRANSITIONS[step];
  if (t.from.includes(status)) return null;
  const allowed = t.from.map((s) => WARNING_STATUS_NAMES[s]);
  return {
    rule: 'INSPECTION_WARNING_STATE',
    message: {
      zh: `预警${WARNING_STATUS_NAMES[status].zh}，不能${WARNING_STEP_NAMES[step].zh}（仅${allowed.map((a) => a.zh).join('或')}时可以；交办→督办→整改→销号，方案任务15）`,
      en: `the warning is ${WARNING_STATUS_NAMES[status].en}; it cannot ${WARNING_STEP_NAMES[step].en} (only when ${allowed.map((a) => a.en).join(' or ')}; assign → supervise → rectify → close, county plan task 15)`,
    },
  };
}

/**
 * The status after `step` from `status` (assumes warningStepRefusal answered null). `answering`: for RETURN, the
 * status the agency was answering when it reported (ASSIGNED or SUPERVISED; ASSIGNED when unknown).
 */
export function warningStatusAfter(
  status: InspectionWarningStatus,
  step: WarningStep,
  answering: InspectionWarningStatus | null = null,
): InspectionWarningStatus {
  if (step === 'RETURN') return answering === 'SUPERVISED' ? 'SUPERVISED' : 'ASSIGNED';
  return WARNING_TRANSITIONS[step].to ?? status;
}

/** Whether the step sets a deadline (交办, 督办, 退回); its default is warningDays days from now. */
export function stepHasDeadline(step: WarningStep): boolean {
  return step === 'ASSIGN' || step === 'SUPERVISE' || step === 'RETURN';
}

export const MAX_WARNING_DEADLINE_DAYS = 365;

/** A deadline: after now, at most a year ahead. Null when acceptable. */
export function deadlineIssue(dueAt: Date, now: Date): { zh: string; en: string } | null {
  if (dueAt.getTime() <= now.getTime()) return { zh: '办理期限须晚于现在', en: 'the deadline must be in the future' };
  if (dueAt.getTime() > now.getTime() + MAX_WARNING_DEADLINE_DAYS * 86_400_000)
    return {
      zh: `办理期限至多为 ${MAX_WARNING_DEADLINE_DAYS} 日`,
      en: `the deadline is at most ${MAX_WARNING_DEADLINE_DAYS} days ahead`,
    };
  return null;
}

/** The default deadline of a step: `warningDays` days from now (the setting ZHIFA_INSPECTIONS_WARNING_DAYS). */
export function defaultDeadline(now: Date, warningDays: number): Date {
  return new Date(now.getTime() + warningDays * 86_400_000);
}
