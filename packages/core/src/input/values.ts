// Calendar dates, instants and money as the API accepts them. Pure. The scalars (schema/scalars.ts)
// call these; a refused value becomes a RefusedInput, which the input plugin (plugin.ts) reports as
// a VALIDATION_FAILED issue at the value's path — a typed ValidationError result for a mutation —
// instead of an untyped error for the whole request or, worse, a value that reaches the database.
import type { Bilingual } from '../errors.js';

/** A scalar value the API refuses, with why; never reaches a resolver (the input plugin reports it). */
export class RefusedInput {
  constructor(readonly reason: Bilingual) {}
}

/**
 * Dates and times are accepted from 1900-01-01 to 2100-12-31: every date this domain records
 * (certificates, cases, lists, corrections) falls well inside, and anything outside is a typo
 * (0025 for 2025) or a probe — year 0 does not even exist in PostgreSQL's calendar.
 */
export const YEAR_RANGE = { min: 1900, max: 2100 } as const;

export interface InputLimits {
  /** Largest amount of money any `Fen` input may carry, in fen. Default ¥10 000 000 000 (10¹² fen). */
  maxFen: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxFen: 1_000_000_000_000 };

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function calendar(y: number, m: number, d: number): RefusedInput | null {
  if (y < YEAR_RANGE.min || y > YEAR_RANGE.max)
    return new RefusedInput({
      zh: `年份须在 ${YEAR_RANGE.min}–${YEAR_RANGE.max} 之间`,
      en: `the year must be from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}`,
    });
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m))
    return new RefusedInput({ zh: '不是真实存在的日期', en: 'not a real calendar date' });
  return null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD`, a real calendar day (2025-02-30 is refused, not read as 2025-03-02), 1900–2100. */
export function parseCalendarDate(v: unknown): Date | RefusedInput {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  if (!m) return new RefusedInput({ zh: '日期格式应为 YYYY-MM-DD', en: 'a date must be written YYYY-MM-DD' });
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return calendar(y, mo, d) ?? new Date(Date.UTC(y, mo - 1, d));
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** RFC 3339 date-time with an offset (`2025-03-01T08:00:00+08:00`, `…Z`), every part in range, 1900–2100. */
export function parseInstant(v: unknown): Date | RefusedInput {
  const m = typeof v === 'string' ? DATE_TIME.exec(v) : null;
  const format = new RefusedInput({
    zh: '时间格式应为 RFC 3339，如 2025-03-01T08:00:00+08:00 或 2025-03-01T00:00:00Z',
    en: 'a time must be RFC 3339, e.g. 2025-03-01T08:00:00+08:00 or 2025-03-01T00:00:00Z',
  });
  if (!m) return format;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const bad = calendar(y, mo, d);
  if (bad) return bad;
  if (h > 23 || mi > 59 || s > 59 || (m[9] && (Number(m[10]) > 23 || Number(m[11]) > 59))) return format;
  return new Date(v as string);
}

/**
 * Money in fen: a whole, non-negative number no larger than `maxFen` (InputLimits; configured by
 * the server). A fine beyond it is a typo or a probe, and amounts stay exact in JSON numbers.
 */
export function parseFenValue(v: unknown, maxFen: number): bigint | RefusedInput {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    return new RefusedInput({
      zh: '金额应为以分计的非负整数',
      en: 'an amount must be a whole, non-negative number of fen',
    });
  if (v > maxFen)
    return new RefusedInput({
      zh: `金额不能超过 ${maxFen} 分（${maxFen / 100} 元）`,
      en: `an amount must not exceed ${maxFen} fen (¥${maxFen / 100})`,
    });
  return BigInt(v);
}
