// 追责时效 (行政处罚法 第36条: 违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且
// 有危害后果的，上述期限延长至五年。…期限从违法行为发生之日起计算；违法行为有连续或者继续状态的，从行为终了之日
// 起计算). Five years is a fact of the case — the violation endangered life, health or financial safety AND
// harmful consequences followed — not of the matter, whose limitation is only the default. The period stops
// at 发现, the day the agency discovered the violation, which may come before the registration day. Pure.
import type { RuleRefusal } from './case-stage.js';
import { shanghaiToday } from './shanghai-time.js';

const DAY = 86_400_000;

/** YYYY-MM-DD of a UTC-midnight day. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * The same calendar date `years` later (民法典 第202条: the corresponding day of the final month; a
 * 29 February with no counterpart ends on the last day of February). Days are UTC-midnight Dates.
 */
export function addYears(day: Date, years: number): Date {
  const y = day.getUTCFullYear() + years;
  const m = day.getUTCMonth();
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(day.getUTCDate(), lastOfMonth)));
}

/** Add whole days to a UTC-midnight day. */
export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY);
}

/** The last day on which a case may still be registered for a violation of `violationOn`. */
export function limitationLastDay(violationOn: Date, limitationYears: number): Date {
  return addYears(violationOn, limitationYears);
}

/** The case's facts under 第36条. */
export interface LimitationFacts {
  /** The violation endangered 公民生命健康安全、金融安全. */
  endangersSafety: boolean;
  /** Harmful consequences followed. */
  harmFollowed: boolean;
}

/** 第36条: five years only when the violation endangered life, health or financial safety and harm followed. */
export function caseLimitationYears(f: LimitationFacts): 2 | 5 {
  return f.endangersSafety && f.harmFollowed ? 5 : 2;
}

/** The matter's default for a case that does not state its facts: its 5 years presume both facts. */
export function defaultLimitationFacts(matterLimitationYears: number): LimitationFacts {
  const five = matterLimitationYears === 5;
  return { endangersSafety: five, harmFollowed: five };
}

/**
 * CASE_TIME_BARRED: a violation of `violationOn` discovered on `discoveredOn` (a Shanghai day) after
 * the limitation period ended. The last allowed day is `violationOn` + `limitationYears` years; the
 * next day is the first refused.
 */
export function limitationRefusal(violationOn: Date, limitationYears: number, discoveredOn: Date): RuleRefusal | null {
  const last = limitationLastDay(violationOn, limitationYears);
  if (discoveredOn.getTime() <= last.getTime()) return null;
  return {
    rule: 'CASE_TIME_BARRED',
    message: {
      zh: `违法行为发生（或终了）于 ${isoDay(violationOn)}，${isoDay(discoveredOn)} 发现时已超过 ${limitationYears} 年追责时效（最后一日 ${isoDay(last)}），依行政处罚法第36条不再给予行政处罚，不能立案`,
      en: `The violation of ${isoDay(violationOn)} was discovered on ${isoDay(discoveredOn)}, past its ${limitationYears}-year limitation period (last day ${isoDay(last)}); under art. 36 it is no longer penalised and no case may be opened`,
    },
  };
}

/** A violation day after today (Shanghai) cannot have happened yet. */
export function violationInFuture(violationOn: Date, now: Date): boolean {
  return violationOn.getTime() > shanghaiToday(now).getTime();
}
