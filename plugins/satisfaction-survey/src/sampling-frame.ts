// The sampling frame 抽样框 for enterprise respondents (county plan task 13; 统计调查 sampling practice): the
// distinct enterprises that were party to an enforcement case of each evaluated agency registered (立案,
// EnforcementCase.registeredAt) within the campaign's period, one stratum per agency. An enterprise with cases at
// two agencies is in both strata: it can rate each. Registration is the day the agency's contact with the
// enterprise as a party began; inspections join the frame once the inspections plugin exists.
// Raw SQL: one grouped statement for the counts (however many agencies), one keyset page for the files.
import type { Db } from '@zhifa/core/prisma';
import { addDays, startOfShanghaiDay } from '@zhifa/core/time';
import { sampleSize } from './rules/sample-size.js';

export interface FramePeriod {
  periodStart: Date;
  periodEnd: Date;
  /**
   * When the campaign opened, once it has: the frame is the one frozen then, so cases registered later (core
   * registers a case at the moment it is opened, never backdated) stay out of it. Null while a draft: live.
   */
  openedAt: Date | null;
}

/**
 * The instants the frame covers: from local midnight of the period's first day to local midnight after its last,
 * or to the opening if that came first.
 */
function bounds(p: FramePeriod): { from: Date; to: Date } {
  const end = startOfShanghaiDay(addDays(p.periodEnd, 1));
  return { from: startOfShanghaiDay(p.periodStart), to: p.openedAt && p.openedAt < end ? p.openedAt : end };
}

/** Each agency's population (0 for an agency without enterprise cases in the period), in one statement. */
export async function framePopulations(
  db: Pick<Db, '$queryRaw'>,
  period: FramePeriod,
  agencyIds: readonly number[],
): Promise<Map<number, number>> {
  const populations = new Map(agencyIds.map((id) => [id, 0]));
  if (agencyIds.length === 0) return populations;
  const { from, to } = bounds(period);
  const rows = await db.$queryRaw<{ agencyId: number; population: number }[]>`
    SELECT c."agencyId" AS "agencyId", count(DISTINCT c."enterpriseId")::int AS population
    FROM "EnforcementCase" c
    WHERE c."agencyId" = ANY(${[...agencyIds]}::int[]) AND c."enterpriseId" IS NOT NULL
      AND c."registeredAt" >= ${from} AND c."registeredAt" < ${to}
    GROUP BY c."agencyId"`;
  for (const r of rows) populations.set(r.agencyId, r.population);
  return populations;
}

export interface Stratum {
  agencyId: number;
  population: number;
  sampleSize: number;
}

/** Strata in agency-id order, each with its sample size for the margin and expected rate. */
export function strataOf(populations: ReadonlyMap<number, number>, p: number, e: number): Stratum[] {
  return [...populations]
    .sort(([a], [b]) => a - b)
    .map(([agencyId, population]) => ({ agencyId, population, sampleSize: sampleSize(population, p, e) }));
}

export interface FrameRow {
  agencyId: number;
  agencyName: string;
  enterpriseId: number;
  enterpriseName: string;
  uscc: string;
  address: string;
}

/** At most this many rows a file; a page never splits an enterprise's rows (at most one per evaluated agency). */
export const FRAME_FILE_MAX_ROWS = 5000;
/** The smallest page: at least one enterprise in all its strata (a campaign evaluates at most 100 agencies). */
export const FRAME_FILE_MIN_ROWS = 100;

export interface FramePage {
  rows: FrameRow[];
  /** The last enterprise on the page, when another page follows; null on the last page. */
  nextAfter: number | null;
}

/**
 * One page of the frame's rows, ordered by enterprise then agency, starting after enterprise `after`. Reads one
 * row beyond the page: if it belongs to the page's last enterprise, that enterprise moves whole to the next page.
 */
export async function frameRows(
  db: Pick<Db, '$queryRaw'>,
  period: FramePeriod,
  agencyIds: readonly number[],
  after: number,
  first: number,
): Promise<FramePage> {
  if (agencyIds.length === 0) return { rows: [], nextAfter: null };
  const { from, to } = bounds(period);
  const rows = await db.$queryRaw<FrameRow[]>`
    SELECT f."agencyId", a.name AS "agencyName", e.id AS "enterpriseId", e.name AS "enterpriseName", e.uscc,
      e.address
    FROM (SELECT DISTINCT c."agencyId", c."enterpriseId" FROM "EnforcementCase" c
          WHERE c."agencyId" = ANY(${[...agencyIds]}::int[]) AND c."enterpriseId" > ${after}
            AND c."registeredAt" >= ${from} AND c."registeredAt" < ${to}) f
    JOIN "Enterprise" e ON e.id = f."enterpriseId"
    JOIN "Agency" a ON a.id = f."agencyId"
    ORDER BY e.id, f."agencyId"
    LIMIT ${first + 1}`;
  if (rows.length <= first) return { rows, nextAfter: null };
  let page = rows.slice(0, first);
  const cut = rows[first].enterpriseId;
  if (page[page.length - 1].enterpriseId === cut) page = page.filter((r) => r.enterpriseId !== cut);
  return { rows: page, nextAfter: page[page.length - 1].enterpriseId };
}
