// 邀约式执法服务 (county plan task 7): the invitation's state machine and its date and rating rules. Pure: the
// service (invitations.ts) reads the row, asks here, and writes. Refusals are data, with the rule code and a
// bilingual message naming the basis.
//
//   REQUESTED --schedule--> SCHEDULED --recordVisit--> VISITED --close--> CLOSED
//   REQUESTED --decline (with a reason)--> DECLINED
//   REQUESTED | SCHEDULED --withdraw (the enterprise)--> WITHDRAWN
//   SCHEDULED --schedule (the agency reschedules: new day, new officers)--> SCHEDULED
//   VISITED | CLOSED --rate (the enterprise, once, 1–5)--> (status unchanged)
//
// Where the issue is silent: the enterprise may withdraw until the visit (an invitation is its own request; after
// the visit there is nothing left to withdraw), and the agency may reschedule a scheduled visit (a day falls through
// on either side) — the first answer (respondedAt) stays the first.
import type { InvitationStatus } from '@zhifa/core/prisma';
import { addYears, shanghaiToday } from '@zhifa/core/time';

export type InvitationStep = 'SCHEDULE' | 'DECLINE' | 'VISIT' | 'CLOSE' | 'WITHDRAW' | 'RATE';

export const INVITATION_STATUSES: readonly InvitationStatus[] = [
  'REQUESTED',
  'SCHEDULED',
  'VISITED',
  'CLOSED',
  'DECLINED',
  'WITHDRAWN',
];
export const INVITATION_STEPS: readonly InvitationStep[] = [
  'SCHEDULE',
  'DECLINE',
  'VISIT',
  'CLOSE',
  'WITHDRAW',
  'RATE',
];

export interface InvitationRefusal {
  rule: string;
  message: { zh: string; en: string };
}

/** The statuses each step may start from; the step's target status (RATE keeps the status). */
export const INVITATION_TRANSITIONS: Record<
  InvitationStep,
  { from: readonly InvitationStatus[]; to?: InvitationStatus }
> = {
  SCHEDULE: { from: ['REQUESTED', 'SCHEDULED'], to: 'SCHEDULED' },
  DECLINE: { from: ['REQUESTED'], to: 'DECLINED' },
  VISIT: { from: ['SCHEDULED'], to: 'VISITED' },
  CLOSE: { from: ['VISITED'], to: 'CLOSED' },
  WITHDRAW: { from: ['REQUESTED', 'SCHEDULED'], to: 'WITHDRAWN' },
  RATE: { from: ['VISITED', 'CLOSED'] },
};

export const INVITATION_STATUS_NAMES: Record<InvitationStatus, { zh: string; en: string }> = {
  REQUESTED: { zh: '已邀约', en: 'requested' },
  SCHEDULED: { zh: '已安排', en: 'scheduled' },
  VISITED: { zh: '已上门', en: 'visited' },
  CLOSED: { zh: '已办结', en: 'closed' },
  DECLINED: { zh: '已婉拒', en: 'declined' },
  WITHDRAWN: { zh: '已撤回', en: 'withdrawn' },
};

const STEP_NAMES: Record<InvitationStep, { zh: string; en: string }> = {
  SCHEDULE: { zh: '安排上门', en: 'schedule the visit' },
  DECLINE: { zh: '婉拒邀约', en: 'decline' },
  VISIT: { zh: '记录上门服务', en: 'record the visit' },
  CLOSE: { zh: '办结', en: 'close' },
  WITHDRAW: { zh: '撤回邀约', en: 'withdraw' },
  RATE: { zh: '评价', en: 'rate the visit' },
};

/** The status a step leads to (RATE: unchanged), or the refusal when the invitation's status does not allow it. */
export function invitationStepRefusal(status: InvitationStatus, step: InvitationStep): InvitationRefusal | null {
  const t = INVITATION_TRANSITIONS[step];
  if (t.from.includes(status)) return null;
  if (step === 'RATE')
    return {
      rule: 'FLEXIBLE_INVITATION_RATING',
      message: {
        zh: `邀约${INVITATION_STATUS_NAMES[status].zh}，上门服务之后方可评价（方案任务7：邀约式执法服务）`,
        en: `the invitation is ${INVITATION_STATUS_NAMES[status].en}: a visit is rated only after it took place (county plan task 7)`,
      },
    };
  const allowed = t.from.map((s) => INVITATION_STATUS_NAMES[s]);
  return {
    rule: 'FLEXIBLE_INVITATION_STATE',
    message: {
      zh: `邀约${INVITATION_STATUS_NAMES[status].zh}，不能${STEP_NAMES[step].zh}（仅${allowed.map((a) => a.zh).join('或')}时可以；方案任务7：邀约式执法服务）`,
      en: `the invitation is ${INVITATION_STATUS_NAMES[status].en}; it cannot ${STEP_NAMES[step].en} (only when ${allowed.map((a) => a.en).join(' or ')}; county plan task 7)`,
    },
  };
}

/** The status after `step` (assumes invitationStepRefusal answered null). */
export function statusAfter(status: InvitationStatus, step: InvitationStep): InvitationStatus {
  return INVITATION_TRANSITIONS[step].to ?? status;
}

export const MIN_RATING = 1;
export const MAX_RATING = 5;

/** A rating: once, after the visit, a whole number from 1 to 5. */
export function ratingRefusal(
  inv: { status: InvitationStatus; rating: number | null },
  rating: number,
): InvitationRefusal | null {
  const state = invitationStepRefusal(inv.status, 'RATE');
  if (state) return state;
  if (inv.rating !== null)
    return {
      rule: 'FLEXIBLE_INVITATION_RATING',
      message: {
        zh: `该次上门服务已评价（${inv.rating} 分），每次邀约只能评价一次（方案任务7）`,
        en: `the visit was already rated (${inv.rating}); an invitation is rated once (county plan task 7)`,
      },
    };
  if (!ratingInRange(rating))
    return {
      rule: 'FLEXIBLE_INVITATION_RATING',
      message: {
        zh: `评价须为 ${MIN_RATING} 至 ${MAX_RATING} 的整数（方案任务7）`,
        en: `a rating is a whole number from ${MIN_RATING} to ${MAX_RATING} (county plan task 7)`,
      },
    };
  return null;
}

export function ratingInRange(rating: number): boolean {
  return Number.isInteger(rating) && rating >= MIN_RATING && rating <= MAX_RATING;
}

/** The preferred window: from ≤ to, and not before today (Asia/Shanghai days, UTC midnights). */
export function windowIssue(
  from: Date,
  to: Date,
  today: Date,
): { field: 'preferredFrom' | 'preferredTo'; zh: string; en: string } | null {
  if (from.getTime() < today.getTime())
    return {
      field: 'preferredFrom',
      zh: '期望上门日期不能早于今天',
      en: 'the preferred window cannot start before today',
    };
  if (to.getTime() < from.getTime())
    return {
      field: 'preferredTo',
      zh: '期望上门的截止日期不能早于起始日期',
      en: 'the preferred window cannot end before it starts',
    };
  return null;
}

/**
 * The visit: not on a day (Asia/Shanghai) before the day it was scheduled for, and not in the future. Findings are of
 * a visit that took place as arranged (county plan task 7).
 */
export function visitDateRefusal(visitedAt: Date, scheduledFor: Date, now: Date): InvitationRefusal | null {
  const scheduledOn = shanghaiToday(scheduledFor);
  if (shanghaiToday(visitedAt).getTime() < scheduledOn.getTime())
    return {
      rule: 'FLEXIBLE_INVITATION_VISIT_DATE',
      message: {
        zh: `上门日期不能早于安排的日期（${day(scheduledOn)}）（方案任务7：邀约式执法服务按约上门）`,
        en: `the visit cannot be recorded on a day before the one it was scheduled for (${day(scheduledOn)}; county plan task 7)`,
      },
    };
  if (visitedAt.getTime() > now.getTime())
    return {
      rule: 'FLEXIBLE_INVITATION_VISIT_DATE',
      message: {
        zh: '上门服务尚未发生：上门时间不能晚于现在（方案任务7）',
        en: 'the visit cannot be recorded before it happened: its time is not in the future (county plan task 7)',
      },
    };
  return null;
}

/**
 * How long an invited visit binds: a case opened about the same enterprise and matter by the invited agency within
 * this many years of the visit's day must cite the visit (the issue is silent; one year, as the county's
 * 包容审慎监管 cycles and annual compliance check-ups run). Inclusive: the anniversary still binds, the day after not.
 */
export const INVITATION_BINDING_YEARS = 1;

/** Whether a visit on `visitedOn` (a Shanghai day) still binds a case opened on `today`. */
export function visitBinds(visitedOn: Date, today: Date): boolean {
  return today.getTime() <= addYears(visitedOn, INVITATION_BINDING_YEARS).getTime();
}

const day = (d: Date) => d.toISOString().slice(0, 10);
