// Calendar time in Asia/Shanghai. China has had no daylight saving since 1991, so a fixed UTC+8
// offset is exact and needs no time-zone database. Dates are stored as UTC midnight of the local day.

export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The local calendar day of `now`, as a UTC-midnight Date. */
export function shanghaiToday(now: Date): Date {
  const d = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** The local year of `now`: a review done on 31 December local time counts for that year. */
export function shanghaiYear(now: Date): number {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** The instant local midnight of `day` (a UTC-midnight Date) begins. */
export function startOfShanghaiDay(day: Date): Date {
  return new Date(day.getTime() - SHANGHAI_OFFSET_MS);
}
