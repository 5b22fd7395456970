// 办案期限 (行政处罚法 第60条: 行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章
// 另有规定的，从其规定). The sector's procedural rules say how it is extended and what is not counted; the
// county's agencies follow 市场监督管理行政处罚程序规定 第64条 (生态环境行政处罚办法 第57条 is alike):
// 经负责人批准，可以延长三十日; 案情特别复杂…经延期仍不能作出处理决定的，应当由负责人集体讨论决定是否继续延期;
// 听证、公告、检测、检验、检疫、鉴定…等时间不计入办案期限. The case's `deadlineOn` is the last day: 90 days
// from 立案, plus each extension, plus each suspension's days. Pure.
import type { CaseProcedure, CaseStage } from '../generated/prisma/enums.js';
import type { RuleRefusal } from './case-stage.js';

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Days the agency head alone may extend by, once (市场监督管理行政处罚程序规定 第64条). */
export const DEFAULT_EXTENSION_DAYS = 30;

/**
 * CASE_DECISION_OVERDUE: a general-procedure decision after the case's last day (`deadlineOn`, with its
 * extensions and the days not counted) — the last day allowed, the next refused. 简易程序 is decided on the spot.
 */
export function decisionDeadlineRefusal(
  procedure: CaseProcedure,
  deadlineOn: Date | null,
  today: Date,
): RuleRefusal | null {
  if (procedure === 'SIMPLE' || deadlineOn === null || today.getTime() <= deadlineOn.getTime()) return null;
  return {
    rule: 'CASE_DECISION_OVERDUE',
    message: {
      zh: `行政处罚法第60条：办案期限至 ${ymd(deadlineOn)} 届满（含已批准的延长和不计入期限的听证、鉴定、公告时间），${ymd(today)} 不能再作出决定；须先依规定延长办案期限`,
      en: `行政处罚法 art. 60: the time limit ended on ${ymd(deadlineOn)} (with approved extensions and the hearing, appraisal and public-notice time not counted); no decision on ${ymd(today)} unless the limit is extended first`,
    },
  };
}

export interface ExtensionRequest {
  /** Extensions already recorded on the case. */
  prior: number;
  days: number;
  /** The heads' 集体讨论 conclusion, when they decided it. */
  discussion: string | null;
  deadlineOn: Date | null;
  today: Date;
  /** The most the head alone may extend by (setting, 30 by default). */
  headDays: number;
}

/**
 * CASE_EXTENSION_TOO_LONG / CASE_EXTENSION_NEEDS_DISCUSSION (市场监督管理行政处罚程序规定 第64条; 行政处罚法
 * 第60条): the head alone extends once, by at most `headDays` (30 allowed, 31 refused), and only while the time
 * limit runs; any further extension, or one after the limit ended, is decided by the heads' 集体讨论, recorded.
 */
export function caseExtensionRefusal(r: ExtensionRequest): RuleRefusal | null {
  if (r.discussion?.trim()) return null;
  if (r.prior > 0)
    return {
      rule: 'CASE_EXTENSION_NEEDS_DISCUSSION',
      message: {
        zh: '市场监督管理行政处罚程序规定第64条（行政处罚法第60条）：办案期限已经延长一次，继续延期须由负责人集体讨论决定，并写明讨论结论',
        en: 'the time limit was already extended once; a further extension is decided by the heads’ collective discussion, recorded (SAMR penalty procedure art. 64; 行政处罚法 art. 60)',
      },
    };
  if (r.deadlineOn !== null && r.today.getTime() > r.deadlineOn.getTime())
    return {
      rule: 'CASE_EXTENSION_NEEDS_DISCUSSION',
      message: {
        zh: `行政处罚法第60条：办案期限已于 ${ymd(r.deadlineOn)} 届满，负责人不能单独批准延长，须集体讨论决定`,
        en: `行政处罚法 art. 60: the time limit ended on ${ymd(r.deadlineOn)}; the head alone cannot extend it now — the heads decide collectively`,
      },
    };
  if (r.days > r.headDays)
    return {
      rule: 'CASE_EXTENSION_TOO_LONG',
      message: {
        zh: `市场监督管理行政处罚程序规定第64条：负责人批准可以延长 ${r.headDays} 日，${r.days} 日超出；更长的延期须集体讨论决定`,
        en: `the head may extend by ${r.headDays} days; ${r.days} is more — a longer extension is decided collectively (SAMR penalty procedure art. 64)`,
      },
    };
  return null;
}

/**
 * A suspension (听证、鉴定、公告 time not counted, 第60条) is recorded for a general-procedure case before its
 * decision, starting while the time limit still runs (on its last day at the latest): time already overrun
 * cannot be excluded afterwards.
 */
export function suspensionRefusal(
  procedure: CaseProcedure,
  stage: CaseStage,
  deadlineOn: Date | null,
  on: Date,
): RuleRefusal | null {
  if (procedure === 'SIMPLE')
    return {
      rule: 'CASE_STEP_NOT_IN_SIMPLE_PROCEDURE',
      message: {
        zh: '简易程序案件当场作出决定，没有办案期限可中止（行政处罚法第51条、第52条）',
        en: 'a simple-procedure case is decided on the spot; it has no time limit to suspend (行政处罚法 art. 51–52)',
      },
    };
  if (!['REGISTERED', 'INVESTIGATING', 'LEGAL_REVIEW'].includes(stage))
    return {
      rule: 'CASE_STEP_OUT_OF_ORDER',
      message: {
        zh: '行政处罚法第60条：不计入办案期限的时间只能在作出决定前记录',
        en: '行政处罚法 art. 60: time not counted is recorded only before the decision',
      },
    };
  if (deadlineOn !== null && on.getTime() > deadlineOn.getTime())
    return {
      rule: 'CASE_DECISION_OVERDUE',
      message: {
        zh: `行政处罚法第60条：办案期限已于 ${ymd(deadlineOn)} 届满，${ymd(on)} 起的时间不能再扣除`,
        en: `行政处罚法 art. 60: the time limit ended on ${ymd(deadlineOn)}; time from ${ymd(on)} can no longer be excluded`,
      },
    };
  return null;
}
