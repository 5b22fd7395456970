// The rollups impactStats reads (ImpactStatsRollup): counts per agency × Shanghai day × metric × key, changed by
// every write that changes what the statistics count, in its own transaction — a trigger fired, a revision
// approved (its level and mitigations, replacing the case's previous approved revision; the days from the first
// trigger on the first approval), a decision taken. Statistics sum a number of rows bounded by agencies × days ×
// keys, never a scan of cases or assessments.
import type { UnitOfWork } from '@zhifa/core';
import { shanghaiToday } from '@zhifa/core/time';

export type StatMetric = 'trigger' | 'level' | 'mitigation' | 'daysToApproval' | 'decided';

/** `decided` keys: how a decision of an enterprise case stood against the requirement. */
export type DecidedKey = 'notRequired' | 'withAssessment' | 'exempt' | 'withoutRequired' | 'penaltiesChanged';

export interface StatDelta {
  agencyId: number;
  /** When it happened; counted on its Asia/Shanghai day. */
  at: Date;
  metric: StatMetric;
  key: string;
  count: number;
}

/** Apply the deltas in one statement, cells merged and written in key order (no deadlock between two writers). */
export async function addToStats(tx: UnitOfWork['tx'], deltas: readonly StatDelta[]): Promise<void> {
  const cells = new Map<string, { agencyId: number; day: Date; metric: string; key: string; count: number }>();
  for (const d of deltas) {
    const day = shanghaiToday(d.at);
    const id = [d.agencyId, day.toISOString(), d.metric, d.key].join('\u0000');
    const cell = cells.get(id);
    if (cell) cell.count += d.count;
    else cells.set(id, { agencyId: d.agencyId, day, metric: d.metric, key: d.key, count: d.count });
  }
  const rows = [...cells.values()]
    .filter((c) => c.count !== 0)
    .sort(
      (a, b) =>
        a.agencyId - b.agencyId ||
        a.day.getTime() - b.day.getTime() ||
        a.metric.localeCompare(b.metric) ||
        a.key.localeCompare(b.key),
    );
  if (!rows.length) return;
  await tx.$executeRaw`
    INSERT INTO "ImpactStatsRollup" ("agencyId", "day", "metric", "key", "count")
    SELECT a, d, m, k, c
    FROM unnest(${rows.map((r) => r.agencyId)}::int[], ${rows.map((r) => r.day.toISOString().slice(0, 10))}::date[],
      ${rows.map((r) => r.metric)}::text[], ${rows.map((r) => r.key)}::text[], ${rows.map((r) => r.count)}::int[])
      AS x(a, d, m, k, c)
    ON CONFLICT ("agencyId", "day", "metric", "key") DO UPDATE SET "count" = "ImpactStatsRollup"."count" + EXCLUDED."count"`;
}
