// The catalogue's deadlines and lifecycles (county plan task 5; 国办发〔2024〕54号): 检查事项 published by 15 April,
// annual plans filed 备案 with the justice bureau by 31 March, an urgent inspection's scheme approved afterwards by
// its deadline. Pure: the services read the rows, ask here, and write. Days are Asia/Shanghai calendar days; a
// deadline day is allowed to its last millisecond (15 April 23:59 Shanghai on time, 16 April 00:00 late).
import type { InspectionPlanStatus, InspectionSchemeStatus } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';

export interface CatalogueRefusal {
  rule: string;
  zh: string;
  en: string;
}

/** The last day (month 1–12, day) of the year on which an item is published on time: 15 April (task 5). */
export const ITEM_PUBLISH_DEADLINE = { month: 4, day: 15 } as const;
/** The last day on which an annual plan is filed on time: 31 March (task 5). */
export const PLAN_FILE_DEADLINE = { month: 3, day: 31 } as const;

/** Whether `at` falls on a Shanghai day after the deadline day of `year`. */
function afterDeadline(at: Date, year: number, deadline: { month: number; day: number }): boolean {
  return shanghaiToday(at).getTime() > Date.UTC(year, deadline.month - 1, deadline.day);
}

/** 检查事项 published after 15 April of its year (Shanghai): shown as late (task 5: 4月15日前公布). */
export function itemPublishedLate(year: number, publishedAt: Date | null): boolean {
  return publishedAt !== null && afterDeadline(publishedAt, year, ITEM_PUBLISH_DEADLINE);
}

/** 年度检查计划 filed after 31 March of its year (Shanghai): shown as late (task 5: 3月31日前备案). */
export function planFiledLate(year: number, filedAt: Date | null): boolean {
  return filedAt !== null && afterDeadline(filedAt, year, PLAN_FILE_DEADLINE);
}

/** An urgent scheme decided after its approval deadline (事后补批 late); the deadline instant itself is on time. */
export function schemeApprovalLate(s: { approvalDueAt: Date | null; decidedAt: Date | null }): boolean {
  return s.approvalDueAt !== null && s.decidedAt !== null && s.decidedAt.getTime() > s.approvalDueAt.getTime();
}

/** An urgent scheme's deadline: `hours` after the request (the setting urgentApprovalHours). */
export function approvalDueAt(requestedAt: Date, hours: number): Date {
  return new Date(requestedAt.getTime() + hours * 3600_000);
}

export const PLAN_STATUS_NAMES: Record<InspectionPlanStatus, { zh: string; en: string }> = {
  DRAFT: { zh: '草稿', en: 'draft' },
  FILED: { zh: '已备案', en: 'filed' },
  PUBLISHED: { zh: '已公布', en: 'published' },
};

export type PlanStep = 'UPDATE' | 'FILE' | 'PUBLISH';

/** draft (edited) → filed 备案 → published: each step from one status only. */
export const PLAN_STEP_FROM: Record<PlanStep, InspectionPlanStatus> = {
  UPDATE: 'DRAFT',
  FILE: 'DRAFT',
  PUBLISH: 'FILED',
};
const PLAN_STEP_NAMES: Record<PlanStep, { zh: string; en: string }> = {
  UPDATE: { zh: '修改', en: 'edited' },
  FILE: { zh: '报司法局备案', en: 'filed with the justice bureau' },
  PUBLISH: { zh: '向社会公布', en: 'published' },
};

export function planStepRefusal(status: InspectionPlanStatus, step: PlanStep): CatalogueRefusal | null {
  const from = PLAN_STEP_FROM[step];
  if (status === from) return null;
  return {
    rule: 'INSPECTION_PLAN_STATE',
    zh: `检查计划${PLAN_STATUS_NAMES[status].zh}，不能${PLAN_STEP_NAMES[step].zh}（仅${PLAN_STATUS_NAMES[from].zh}时可以；县实施方案任务5：年度检查计划先备案、后公布，备案后不再修改）`,
    en: `the plan is ${PLAN_STATUS_NAMES[status].en}; it cannot be ${PLAN_STEP_NAMES[step].en} (only when ${PLAN_STATUS_NAMES[from].en}; county plan task 5: filed, then published, not edited once filed)`,
  };
}

export const SCHEME_STATUS_NAMES: Record<InspectionSchemeStatus, { zh: string; en: string }> = {
  PENDING: { zh: '待审批', en: 'pending' },
  APPROVED: { zh: '已批准', en: 'approved' },
  REFUSED: { zh: '未批准', en: 'refused' },
};

export function schemeDecisionRefusal(status: InspectionSchemeStatus): CatalogueRefusal | null {
  if (status === 'PENDING') return null;
  return {
    rule: 'INSPECTION_SCHEME_STATE',
    zh: `检查方案${SCHEME_STATUS_NAMES[status].zh}，不能再次审批（县实施方案任务5：检查方案经行政机关负责人批准，一经决定不再改变）`,
    en: `the scheme is ${SCHEME_STATUS_NAMES[status].en}; it is decided once (county plan task 5: the agency head approves a scheme)`,
  };
}

/** An item is published once, and a repealed one is neither published nor repealed again (谁编制、谁公示). */
export function itemStepRefusal(
  item: { publishedAt: Date | null; repealedAt: Date | null },
  step: 'PUBLISH' | 'REPEAL',
): CatalogueRefusal | null {
  if (item.repealedAt !== null)
    return {
      rule: 'INSPECTION_ITEM_STATE',
      zh: '检查事项已废止，不能再公布或废止（县实施方案任务5：检查事项谁编制、谁公示）',
      en: 'the inspection item is repealed; it is neither published nor repealed again (county plan task 5)',
    };
  if (step === 'PUBLISH' && item.publishedAt !== null)
    return {
      rule: 'INSPECTION_ITEM_STATE',
      zh: '检查事项已公布；已公布的事项不再修改，调整的须废止后另行编制公布（县实施方案任务5）',
      en: 'the inspection item is already published; a published item is not changed — repeal it and publish a new one (county plan task 5)',
    };
  return null;
}
