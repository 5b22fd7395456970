// The rollups impactStats reads (ImpactStatsRollup): counts per agency × period × metric × key, changed by every write
// that changes what the statistics count, in its own transaction — a trigger fired, a revision approved (its level and
// mitigations, replacing the case's previous approved revision; the days from the first trigger on the first
// approval), a decision taken. Each count is kept for its agency and for the county (agency 0), each at three grains:
// its Asia/Shanghai day, that day's month and its year. A range of days then reads whole years, whole months and the
// days at its two edges — at most about a hundred cells per key, however many cases there are (rangeCells).
import type { UnitOfWork } from '@zhifa/core';
import type { Db } from '@zhifa/core/prisma';
import { rangeCells, type RollupGrain } from '@zhifa/core/rules';
import { shanghaiToday } from '@zhifa/core/time';

export type StatMetric = 'trigger' | 'level' | 'mitigation' | 'daysToApproval' | 'decided';

/** `decided` keys: how a decision of an enterprise case stood against the requirement. */
export type DecidedKey = 'notRequired' | 'withAssessment' | 'exempt' | 'withoutRequired' | 'penaltiesChanged';

/** The county's own cells: every agency's counts summed as they are written. */
export const COUNTY = 0;

export interface StatDelta {
  agencyId: number;
  /** When it happened; counted on its Asia/Shanghai day. */
  at: Date;
  metric: StatMetric;
  key: string;
  count: number;
}

type Grain = RollupGrain;
interface Cell {
  agencyId: number;
  grain: Grain;
  day: string;
  metric: string;
  key: string;
  count: number;
}

/** The three periods a day belongs to: the day, its month, its year (each named by its first day). */
function periodsOf(day: string): [Grain, string][] {
  return [
    ['D', day],
    ['M', `${day.slice(0, 7)}-01`],
    ['Y', `${day.slice(0, 4)}-01-01`],
  ];
}

/** Apply the deltas in one statement, cells merged and written in key order (no deadlock between two writers). */
export async function addToStats(tx: UnitOfWork['tx'], deltas: readonly StatDelta[]): Promise<void> {
  const cells = new Map<string, Cell>();
  for (const d of deltas) {
    const day = shanghaiToday(d.at).toISOString().slice(0, 10);
    for (const agencyId of [d.agencyId, COUNTY])
      for (const [grain, start] of periodsOf(day)) {
        const id = [agencyId, grain, start, d.metric, d.key].join('\u0000');
        const cell = cells.get(id);
        if (cell) cell.count += d.count;
        else cells.set(id, { agencyId, grain, day: start, metric: d.metric, key: d.key, count: d.count });
      }
  }
  const rows = [...cells.values()]
    .filter((c) => c.count !== 0)
    .sort(
      (a, b) =>
        a.agencyId - b.agencyId ||
        a.grain.localeCompare(b.grain) ||
        a.day.localeCompare(b.day) ||
        a.metric.localeCompare(b.metric) ||
        a.key.localeCompare(b.key),
    );
  if (!rows.length) return;
  await tx.$executeRaw`
    INSERT INTO "ImpactStatsRollup" ("agencyId", "grain", "day", "metric", "key", "count")
    SELECT a, g, d, m, k, c
    FROM unnest(${rows.map((r) => r.agencyId)}::int[], ${rows.map((r) => r.grain)}::text[],
      ${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.metric)}::text[], ${rows.map((r) => r.key)}::text[],
      ${rows.map((r) => r.count)}::int[]) AS x(a, g, d, m, k, c)
    ON CONFLICT ("agencyId", "grain", "day", "metric", "key")
    DO UPDATE SET "count" = "ImpactStatsRollup"."count" + EXCLUDED."count"`;
}

// The cells a range reads: core's rangeCells (the same geometry the flexible-enforcement statistics read).
export { rangeCells };

/** The counts of `agencyId` (COUNTY for all) over `from`..`to`, by metric and key: one statement. */
export async function readStats(
  db: Db,
  agencyId: number,
  from: string,
  to: string,
): Promise<Map<StatMetric, Map<string, number>>> {
  const cells = rangeCells(from, to);
  const out = new Map<StatMetric, Map<string, number>>();
  if (!cells.length) return out;
  const rows = await db.$queryRaw<{ metric: StatMetric; key: string; count: bigint }[]>`
    SELECT r."metric", r."key", SUM(r."count")::bigint AS "count"
    FROM "ImpactStatsRollup" r
    JOIN unnest(${cells.map((c) => c.grain)}::text[], ${cells.map((c) => c.day)}::date[]) AS c(g, d)
      ON r."grain" = c.g AND r."day" = c.d
    WHERE r."agencyId" = ${agencyId}
    GROUP BY r."metric", r."key"`;
  for (const r of rows) {
    const byKey = out.get(r.metric) ?? new Map<string, number>();
    byKey.set(r.key, Number(r.count));
    out.set(r.metric, byKey);
  }
  return out;
}
