// 追责时效 (行政处罚法 第36条): a violation not discovered within two years (five where citizens'
// life, health or financial safety is involved and harm followed) is no longer penalised. The period
// runs from the day the violation occurred, or ended if it continued. Pure.
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

/**
 * CASE_TIME_BARRED: registering on `registeredOn` (a Shanghai day) a violation of `violationOn` after
 * the limitation period ended. The last allowed day is `violationOn` + `limitationYears` years; the
 * next day is the first refused.
 */
export function limitationRefusal(violationOn: Date, limitationYears: number, registeredOn: Date): RuleRefusal | null {
  const last = limitationLastDay(violationOn, limitationYears);
  if (registeredOn.getTime() <= last.getTime()) return null;
  return {
    rule: 'CASE_TIME_BARRED',
    message: {
      zh: `违法行为发生于 ${isoDay(violationOn)}，已超过 ${limitationYears} 年追责时效（最后一日 ${isoDay(last)}），依行政处罚法第36条不再给予行政处罚，不能立案`,
      en: `The violation of ${isoDay(violationOn)} is past its ${limitationYears}-year limitation period (last day ${isoDay(last)}); under art. 36 it is no longer penalised and no case may be opened`,
    },
  };
}

/** A violation day after today (Shanghai) cannot have happened yet. */
export function violationInFuture(violationOn: Date, now: Date): boolean {
  return violationOn.getTime() > shanghaiToday(now).getTime();
}
