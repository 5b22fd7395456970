// Non-penalty statistics in one SQL statement: totals, per Asia/Shanghai month and per agency through
// GROUPING SETS, so the cost does not grow with the number of agencies or months (never N+1).
// Months are local (Asia/Shanghai) months, computed in SQL with core's fixed offset: no daylight
// saving since 1991, so no time-zone data is needed (PGlite and 信创 engines alike).
import { ValidationError } from '@zhifa/core';
import { Prisma, type Db } from '@zhifa/core/prisma';
import { SHANGHAI_OFFSET_MS, startOfShanghaiDay } from '@zhifa/core/time';

const DAY = 86_400_000;

/** A range longer than this many months is refused (10 years: more than any report needs). */
export const MAX_STATS_MONTHS = 120;

export interface Figures {
  decisions: number;
  enterprisesBenefited: number;
  /** Sum of the known fines not imposed, in fen. */
  fineNotImposedFen: bigint;
  /** Decisions whose item names no fine. */
  fineUnknownCount: number;
}

export interface NonPenaltyStats extends Figures {
  from: Date;
  to: Date;
  agencyId: number | null;
  domain: string | null;
  byMonth: (Figures & { month: string })[];
  byAgency: (Figures & { agencyId: number })[];
}

const ZERO: Figures = { decisions: 0, enterprisesBenefited: 0, fineNotImposedFen: 0n, fineUnknownCount: 0 };

/** Every month "YYYY-MM" from `from` to `to` (calendar dates), or a ValidationError when the range is bad. */
export function monthsInRange(from: Date, to: Date): string[] {
  if (to.getTime() < from.getTime())
    throw ValidationError.one(['to'], { zh: '截止日期不能早于起始日期', en: '`to` must not be earlier than `from`' });
  const first = from.getUTCFullYear() * 12 + from.getUTCMonth();
  const last = to.getUTCFullYear() * 12 + to.getUTCMonth();
  if (last - first + 1 > MAX_STATS_MONTHS)
    throw ValidationError.one(['to'], {
      zh: `统计区间不能超过 ${MAX_STATS_MONTHS} 个月`,
      en: `the range may span at most ${MAX_STATS_MONTHS} months`,
    });
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const m = first + i;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

interface Row {
  gm: number;
  ga: number;
  month: string | null;
  agencyId: number | null;
  decisions: number;
  enterprises: number;
  fine: bigint;
  unknown: number;
}

const figures = (r: Row): Figures => ({
  decisions: Number(r.decisions),
  enterprisesBenefited: Number(r.enterprises),
  fineNotImposedFen: BigInt(r.fine),
  fineUnknownCount: Number(r.unknown),
});

/** `from` and `to` are calendar days (UTC midnight), both included, in Asia/Shanghai. */
export async function nonPenaltyStats(
  db: Db,
  filter: { agencyId: number | null; domain: string | null; from: Date; to: Date },
): Promise<NonPenaltyStats> {
  const months = monthsInRange(filter.from, filter.to);
  // From local midnight of `from` up to (not including) local midnight of the day after `to`.
  const start = startOfShanghaiDay(filter.from);
  const end = startOfShanghaiDay(new Date(filter.to.getTime() + DAY));
  const ts = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
  const rows = await db.$queryRaw<Row[]>`
    SELECT GROUPING(month)::int AS gm, GROUPING("agencyId")::int AS ga, month, "agencyId",
           count(*)::int AS decisions,
           count(DISTINCT "enterpriseId")::int AS enterprises,
           coalesce(sum("fineNotImposedFen"), 0)::bigint AS fine,
           (count(*) FILTER (WHERE "fineNotImposedFen" IS NULL))::int AS unknown
    FROM (
      SELECT "agencyId", "enterpriseId", "fineNotImposedFen",
             to_char("decidedAt" + make_interval(secs => ${SHANGHAI_OFFSET_MS / 1000}), 'YYYY-MM') AS month
      FROM "NonPenaltyDecision"
      WHERE "decidedAt" >= ${ts(start)}::timestamp AND "decidedAt" < ${ts(end)}::timestamp
        ${filter.agencyId === null ? Prisma.empty : Prisma.sql`AND "agencyId" = ${filter.agencyId}`}
        ${filter.domain === null ? Prisma.empty : Prisma.sql`AND "domain" = ${filter.domain}`}
    ) d
    GROUP BY GROUPING SETS ((), (month), ("agencyId"))`;

  const total = rows.find((r) => r.gm === 1 && r.ga === 1);
  const perMonth = new Map(rows.filter((r) => r.gm === 0).map((r) => [r.month!, figures(r)]));
  return {
    ...(total ? figures(total) : ZERO),
    ...filter,
    byMonth: months.map((month) => ({ month, ...(perMonth.get(month) ?? ZERO) })),
    byAgency: rows
      .filter((r) => r.ga === 0)
      .map((r) => ({ agencyId: r.agencyId!, ...figures(r) }))
      .sort((a, b) => b.decisions - a.decisions || a.agencyId - b.agencyId),
  };
}
