// flexibleEnforcementStats: the rollup's cells for the range summed in one statement — whole years, whole months and
// the edge days, of the agency or the county's own cells (agency 0) — so a range costs a bounded number of cells
// whatever the number of soft measures, invitations, decisions and checks. The cells are kept by database triggers
// on those four tables (migration 20261207171058_flexible_enforcement_stats), in the writer's transaction.
// Days are Asia/Shanghai calendar days, both ends included.
import type { Db } from '@zhifa/core/prisma';
import { rangeCells } from '@zhifa/core/rules';
import { shanghaiToday } from '@zhifa/core/time';
import { flexibleFigures, statsRangeRefusal, type FlexibleFigures } from './figures.js';

/** The county's own cells: every agency's values summed as they are written. */
export const COUNTY = 0;

export interface FlexibleStats extends FlexibleFigures {
  /** null: the county (every agency). */
  agencyId: number | null;
  from: Date;
  to: Date;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function flexibleStats(
  db: Db,
  f: { agencyId: number | null; from: Date; to: Date; now: Date },
): Promise<FlexibleStats> {
  const refusal = statsRangeRefusal(f.from, f.to);
  if (refusal) throw refusal;
  const cells = rangeCells(day(f.from), day(f.to));
  // Each cell looked up by the primary key's prefix (agency, grain, day). OFFSET 0 keeps the subquery apart: joined
  // flat, the planner hashes the cells and scans every cell the agency ever had, a cost that grows with the years.
  const rows = await db.$queryRaw<{ metric: string; key: string; value: bigint }[]>`
    SELECT r."metric", r."key", SUM(r."value")::bigint AS "value"
    FROM unnest(${cells.map((c) => c.grain)}::text[], ${cells.map((c) => c.day)}::date[]) AS c(g, d)
    CROSS JOIN LATERAL (
      SELECT x."metric", x."key", x."value" FROM "FlexibleStatsRollup" x
      WHERE x."agencyId" = ${f.agencyId ?? COUNTY} AND x."grain" = c.g AND x."day" = c.d
      OFFSET 0
    ) r
    GROUP BY r."metric", r."key"`;
  const sums = new Map<string, Map<string, bigint>>();
  for (const r of rows) {
    const byKey = sums.get(r.metric) ?? new Map<string, bigint>();
    byKey.set(r.key, BigInt(r.value));
    sums.set(r.metric, byKey);
  }
  return { agencyId: f.agencyId, from: f.from, to: f.to, ...flexibleFigures(sums, day(shanghaiToday(f.now))) };
}
