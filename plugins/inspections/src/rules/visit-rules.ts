// Pure rules of filings 线上报备, visits 扫码入企, findings and ratings (county plan task 14; 国办发〔2024〕54号),
// refusals as data: each names its rule code and its basis in both languages. The services (filings.ts,
// visits.ts) read the rows and throw what these return.
import type { InspectionScheme } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import type { CodeRefusal } from '../code.js';

export interface Refusal {
  rule: string;
  zh: string;
  en: string;
}

export const TASK14 = { zh: '县实施方案任务14；国办发〔2024〕54号', en: 'county plan task 14; 国办发〔2024〕54号' };

/** A filed window is at most this many days long: a filing announces one visit, not a season of them. */
export const MAX_WINDOW_DAYS = 30;
/** A visit may be recorded up to this long after it began (the officers scan at the door, then record). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Officers and items a visit or filing names at most. */
export const MAX_OFFICERS = 10;
export const MAX_ITEMS = 20;

export function codeRefusal(r: CodeRefusal): Refusal {
  switch (r) {
    case 'FORGED':
      return {
        rule: 'INSPECTION_CODE_FORGED',
        zh: `检查码无效：不是本平台签发的检查码（格式不符、密钥未配置或签名不符）（扫码入企，${TASK14.zh}）`,
        en: `invalid inspection code: not one this platform signed (malformed, unknown key or bad signature) (扫码入企, ${TASK14.en})`,
      };
    case 'EXPIRED':
      return {
        rule: 'INSPECTION_CODE_EXPIRED',
        zh: `检查码已过期，请企业重新出示（扫码入企，${TASK14.zh}）`,
        en: `the inspection code has expired; the enterprise shows a fresh one (扫码入企, ${TASK14.en})`,
      };
    case 'MISMATCH':
      return {
        rule: 'INSPECTION_CODE_OTHER_ENTERPRISE',
        zh: `检查码属于另一家企业，不是报备的检查对象（扫码入企，${TASK14.zh}）`,
        en: `the inspection code is another enterprise's, not the one the filing names (扫码入企, ${TASK14.en})`,
      };
  }
}

export const KEYS_MISSING: Refusal = {
  rule: 'INSPECTION_CODE_KEYS_MISSING',
  zh: '生产环境未配置检查码密钥（ZHIFA_INSPECTIONS_CODE_KEYS），不能签发或核验检查码（扫码入企，县实施方案任务14）',
  en: 'no inspection code key is configured in production (ZHIFA_INSPECTIONS_CODE_KEYS): codes are neither issued nor verified (county plan task 14)',
};

/** The scheme a filing or visit rests on: approved by the head, or urgent and pending within its deadline. */
export function schemeRefusal(
  s: Pick<InspectionScheme, 'status' | 'urgent' | 'approvalDueAt' | 'title'>,
  now: Date,
): Refusal | null {
  if (s.status === 'APPROVED') return null;
  if (s.status === 'PENDING' && s.urgent && (s.approvalDueAt === null || now.getTime() <= s.approvalDueAt.getTime()))
    return null;
  const why =
    s.status === 'REFUSED'
      ? { zh: '已被负责人否决', en: 'was refused by the head' }
      : s.urgent
        ? { zh: '紧急检查的事后审批已逾期', en: 'is urgent but its approval deadline has passed' }
        : { zh: '尚未经负责人批准，且非紧急检查', en: 'is not approved yet and not urgent' };
  return {
    rule: 'INSPECTION_SCHEME_NOT_APPROVED',
    zh: `检查方案“${s.title}”${why.zh}：入企检查须经行政机关负责人批准，情况紧急的可先实施、限时补批（县实施方案任务5、任务14）`,
    en: `the scheme "${s.title}" ${why.en}: an inspection needs the agency head's approval; an urgent one may start first and is approved within the set time (county plan tasks 5, 14)`,
  };
}

/** The planned window: to after from, at most MAX_WINDOW_DAYS long, not over already. */
export function windowRefusal(from: Date, to: Date, now: Date): Refusal | null {
  const base = {
    rule: 'INSPECTION_FILING_WINDOW',
    zhTail: `（线上报备须在入企前，写明计划入企时段，至多 ${MAX_WINDOW_DAYS} 天；${TASK14.zh}）`,
    enTail: ` (a filing precedes the visit and names its window, at most ${MAX_WINDOW_DAYS} days; ${TASK14.en})`,
  };
  let why: { zh: string; en: string } | null = null;
  if (to.getTime() <= from.getTime())
    why = { zh: '计划截止时间须晚于起始时间', en: 'plannedTo must be after plannedFrom' };
  else if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    why = { zh: `计划时段超过 ${MAX_WINDOW_DAYS} 天`, en: `the window is longer than ${MAX_WINDOW_DAYS} days` };
  else if (to.getTime() <= now.getTime()) why = { zh: '计划时段已过', en: 'the window is over already' };
  return why ? { rule: base.rule, zh: why.zh + base.zhTail, en: why.en + base.enTail } : null;
}

/**
 * A filed visit happens within its window, by whole Asia/Shanghai days: from the day of plannedFrom through the
 * day of plannedTo (a visit at 08:50 for a window opening at 09:00 is the planned visit, one the day before is not).
 */
export function visitWindowRefusal(visitedAt: Date, from: Date, to: Date): Refusal | null {
  const day = shanghaiToday(visitedAt).getTime();
  if (day >= shanghaiToday(from).getTime() && day <= shanghaiToday(to).getTime()) return null;
  const d = (x: Date) => shanghaiToday(x).toISOString().slice(0, 10);
  return {
    rule: 'INSPECTION_VISIT_OUTSIDE_WINDOW',
    zh: `入企日期须在报备的计划时段内（${d(from)} 至 ${d(to)}，按上海日期计）；时段外入企须重新报备（${TASK14.zh}）`,
    en: `a filed visit is made within its window (${d(from)} to ${d(to)}, Asia/Shanghai days); outside it, file again (${TASK14.en})`,
  };
}

/** visitedAt: not in the future (five minutes of device clock skew allowed), not before the code was shown. */
export function visitTimeRefusal(visitedAt: Date, now: Date, ttlMinutes: number): Refusal | null {
  if (visitedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS)
    return {
      rule: 'INSPECTION_VISIT_TIME',
      zh: `入企时间不能晚于现在（${TASK14.zh}）`,
      en: `the visit cannot be recorded in the future (${TASK14.en})`,
    };
  if (visitedAt.getTime() < now.getTime() - ttlMinutes * 60_000)
    return {
      rule: 'INSPECTION_VISIT_TIME',
      zh: `入企时间早于检查码的有效期（${ttlMinutes} 分钟）：扫码入企须当场记录（${TASK14.zh}）`,
      en: `the visit time lies before the code's validity (${ttlMinutes} minutes): a visit is recorded at the door (${TASK14.en})`,
    };
  return null;
}

/** RECTIFICATION_ORDERED names its due day, not before the visit's day (Asia/Shanghai). */
export function rectificationRefusal(dueOn: Date | null, visitedAt: Date): Refusal | null {
  if (dueOn && dueOn.getTime() >= shanghaiToday(visitedAt).getTime()) return null;
  return {
    rule: 'INSPECTION_RECTIFICATION_DATE',
    zh: `责令整改须写明整改期限，且不早于检查当日（行政处罚法第28条：责令改正；${TASK14.zh}）`,
    en: `a rectification order names its due day, not before the day of the visit (行政处罚法 art. 28; ${TASK14.en})`,
  };
}

export const FINDING_RECORDED: Refusal = {
  rule: 'INSPECTION_FINDING_RECORDED',
  zh: `该次检查已记录检查结果，不再更改（${TASK14.zh}）`,
  en: `the visit's finding is recorded already and final (${TASK14.en})`,
};

export const RATED_TWICE: Refusal = {
  rule: 'INSPECTION_RATING_TWICE',
  zh: '企业对每次入企检查只评价一次（县实施方案任务14；龙华扫码入企实践）',
  en: 'an enterprise rates each visit once (county plan task 14; 龙华 practice)',
};
