// inspectionStats (county plan tasks 5, 14, 15; 国办发〔2024〕54号 asks for fewer and lighter inspections): a year's
// visits of one agency or of the county, read with a fixed handful of aggregate statements on indexed columns
// (visits by agency and time, or by time alone; warnings by agency or rule and time; ratings by agency and time) —
// no row is loaded into the server, so 200 visits and 200,000 cost the same number of statements.
//
// Counting: a joint inspection 综合查一次 counts once for the enterprise however many agencies' visits it holds —
// an enterprise's inspections are its visits without a joint inspection plus its distinct joint inspections.
// Announced 事先沟通 and surprise 突击 follow the filing's notice; a visit without a filing is unfiled 应报备未报备.
// Years are Asia/Shanghai calendar years.
import { Prisma, type Db, type InspectionWarningRule, type InspectionWarningStatus } from '@zhifa/core/prisma';
import { SHANGHAI_OFFSET_MS } from '@zhifa/core/time';

/** The top list's length, and the distribution's last bucket ("this many or more"). */
export const TOP_ENTERPRISES = 10;
export const DISTRIBUTION_CAP = 10;

/** The instant a Shanghai calendar year starts. */
export function shanghaiYearStart(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS);
}

export interface YearFigures {
  /** Visits recorded (each agency's visit of a joint inspection counted). */
  visits: number;
  /** Inspections as the enterprises felt them: a joint inspection once. */
  inspections: number;
}

export interface InspectionStats {
  agencyId: number | null;
  year: number;
  visits: number;
  inspections: number;
  enterprises: number;
  announced: number;
  surprise: number;
  unfiled: number;
  jointVisits: number;
  jointInspections: number;
  previousYear: YearFigures;
  /** Enterprises by their number of inspections in the year; the last bucket is DISTRIBUTION_CAP or more. */
  distribution: { inspections: number; enterprises: number }[];
  topEnterprises: { enterpriseId: number; name: string; uscc: string; inspections: number }[];
  warnings: { rule: InspectionWarningRule; status: InspectionWarningStatus; count: number }[];
  /** Supervisors only (龙华 practice: ratings never reach the agency inspected); null for anyone else. */
  ratings: { count: number; average: number | null } | null;
}

const n = (v: bigint | number | null) => Number(v ?? 0);

export async function inspectionStats(
  db: Db,
  f: { agencyId: number | null; year: number; withRatings: boolean },
): Promise<InspectionStats> {
  const prev = shanghaiYearStart(f.year - 1);
  const start = shanghaiYearStart(f.year);
  const end = shanghaiYearStart(f.year + 1);
  const ofAgency = (col: Prisma.Sql) => (f.agencyId === null ? Prisma.empty : Prisma.sql`AND ${col} = ${f.agencyId}`);

  const [totals] = await db.$queryRaw<Record<string, bigint>[]>`
    SELECT
      count(*) FILTER (WHERE v."visitedAt" >= ${start}) AS "visits",
      count(*) FILTER (WHERE v."visitedAt" >= ${start} AND v."jointInspectionId" IS NULL) AS "solo",
      count(*) FILTER (WHERE v."visitedAt" >= ${start} AND v."jointInspectionId" IS NOT NULL) AS "jointVisits",
      count(DISTINCT v."jointInspectionId") FILTER (WHERE v."visitedAt" >= ${start}) AS "jointInspections",
      count(DISTINCT v."enterpriseId") FILTER (WHERE v."visitedAt" >= ${start}) AS "enterprises",
      count(*) FILTER (WHERE v."visitedAt" >= ${start} AND f."notice" = 'AGREED') AS "announced",
      count(*) FILTER (WHERE v."visitedAt" >= ${start} AND f."notice" = 'SURPRISE') AS "surprise",
      count(*) FILTER (WHERE v."visitedAt" >= ${start} AND v."filingId" IS NULL) AS "unfiled",
      count(*) FILTER (WHERE v."visitedAt" < ${start}) AS "prevVisits",
      count(*) FILTER (WHERE v."visitedAt" < ${start} AND v."jointInspectionId" IS NULL) AS "prevSolo",
      count(DISTINCT v."jointInspectionId") FILTER (WHERE v."visitedAt" < ${start}) AS "prevJoint"
    FROM "InspectionVisit" v
    LEFT JOIN "InspectionFiling" f ON f."id" = v."filingId"
    WHERE v."visitedAt" >= ${prev} AND v."visitedAt" < ${end} ${ofAgency(Prisma.sql`v."agencyId"`)}`;

  // Per enterprise: one aggregate; the distribution and the top list are read from it in the same statement.
  const perEnterprise = await db.$queryRaw<
    { kind: string; k: number; name: string | null; uscc: string | null; c: bigint }[]
  >`
    WITH per AS (
      SELECT v."enterpriseId" AS e,
        count(*) FILTER (WHERE v."jointInspectionId" IS NULL) + count(DISTINCT v."jointInspectionId") AS c
      FROM "InspectionVisit" v
      WHERE v."visitedAt" >= ${start} AND v."visitedAt" < ${end} ${ofAgency(Prisma.sql`v."agencyId"`)}
      GROUP BY v."enterpriseId"
    )
    SELECT 'bucket' AS kind, LEAST(per.c, ${DISTRIBUTION_CAP})::int AS k, NULL AS name, NULL AS uscc, count(*) AS c
    FROM per GROUP BY 2
    UNION ALL
    SELECT 'top', t.e, en."name", en."uscc", t.c
    FROM (SELECT per.e, per.c FROM per ORDER BY per.c DESC, per.e ASC LIMIT ${TOP_ENTERPRISES}) t
    JOIN "Enterprise" en ON en."id" = t.e`;

  const warnings = await db.$queryRaw<{ rule: InspectionWarningRule; status: InspectionWarningStatus; c: bigint }[]>`
    SELECT w."rule", w."status", count(*) AS c
    FROM "InspectionWarning" w
    WHERE w."raisedAt" >= ${start} AND w."raisedAt" < ${end} ${ofAgency(Prisma.sql`w."agencyId"`)}
    GROUP BY w."rule", w."status"
    ORDER BY w."rule", w."status"`;

  let ratings: InspectionStats['ratings'] = null;
  if (f.withRatings) {
    const [r] = await db.$queryRaw<{ c: bigint; avg: number | null }[]>`
      SELECT count(*) AS c, avg(r."score")::float8 AS avg
      FROM "InspectionRating" r
      WHERE r."ratedAt" >= ${start} AND r."ratedAt" < ${end} ${ofAgency(Prisma.sql`r."agencyId"`)}`;
    ratings = { count: n(r.c), average: r.avg === null ? null : Number(r.avg) };
  }

  return {
    agencyId: f.agencyId,
    year: f.year,
    visits: n(totals.visits),
    inspections: n(totals.solo) + n(totals.jointInspections),
    enterprises: n(totals.enterprises),
    announced: n(totals.announced),
    surprise: n(totals.surprise),
    unfiled: n(totals.unfiled),
    jointVisits: n(totals.jointVisits),
    jointInspections: n(totals.jointInspections),
    previousYear: { visits: n(totals.prevVisits), inspections: n(totals.prevSolo) + n(totals.prevJoint) },
    distribution: perEnterprise
      .filter((r) => r.kind === 'bucket')
      .map((r) => ({ inspections: Number(r.k), enterprises: n(r.c) }))
      .sort((a, b) => a.inspections - b.inspections),
    topEnterprises: perEnterprise
      .filter((r) => r.kind === 'top')
      .map((r) => ({ enterpriseId: Number(r.k), name: r.name ?? '', uscc: r.uscc ?? '', inspections: n(r.c) }))
      .sort((a, b) => b.inspections - a.inspections || a.enterpriseId - b.enterpriseId),
    warnings: warnings.map((w) => ({ rule: w.rule, status: w.status, count: n(w.c) })),
    ratings,
  };
}

/** The change against the previous year, as a fraction (-0.25 = a quarter fewer); null when there were none. */
export function yearOnYear(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous;
}
