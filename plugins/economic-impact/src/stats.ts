// impactStats (county plan task 7): sums over ImpactStatsRollup in one statement (rollups.ts readStats) — whole years,
// whole months and the edge days of the range, for the agency or the county's own cells: a bounded number of cells
// per key, whatever the number of cases or assessments. Days are Asia/Shanghai calendar days, both ends included.
import { ValidationError } from '@zhifa/core';
import { ImpactLevel, ImpactMitigationKind, ImpactTriggerKind, type Db } from '@zhifa/core/prisma';
import { COUNTY, readStats, type StatMetric } from './rollups.js';
import { medianOfHistogram } from '@zhifa/core/rules';
import { decisionFigures, type DecisionFigures } from './rules/figures.js';

const DAY = 86_400_000;
/** A range longer than this is refused (ten years: more than any report needs). */
export const MAX_STATS_DAYS = 3660;

export interface ImpactStats {
  agencyId: number | null;
  from: Date;
  to: Date;
  byLevel: { level: ImpactLevel; count: number }[];
  byTrigger: { kind: ImpactTriggerKind; count: number }[];
  mitigations: { kind: ImpactMitigationKind; count: number }[];
  /** Cases approved for the first time in the range (the histogram's total). */
  firstApprovals: number;
  medianDaysToApproval: number | null;
  decisions: DecisionFigures;
}

export function checkRange(from: Date, to: Date): void {
  if (to.getTime() < from.getTime())
    throw ValidationError.one(['to'], { zh: '截止日期不能早于起始日期', en: '`to` must not be earlier than `from`' });
  if ((to.getTime() - from.getTime()) / DAY + 1 > MAX_STATS_DAYS)
    throw ValidationError.one(['to'], {
      zh: `统计区间不能超过 ${MAX_STATS_DAYS} 天`,
      en: `the range may span at most ${MAX_STATS_DAYS} days`,
    });
}

/** `agencyId` null: the county (every agency). */
export async function impactStats(db: Db, f: { agencyId: number | null; from: Date; to: Date }): Promise<ImpactStats> {
  checkRange(f.from, f.to);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const sums = await readStats(db, f.agencyId ?? COUNTY, day(f.from), day(f.to));
  const of = (metric: StatMetric) => sums.get(metric) ?? new Map<string, number>();
  const levels = of('level');
  const triggers = of('trigger');
  const mitigations = of('mitigation');
  const days = [...of('daysToApproval')].map(([key, count]) => ({ value: Number(key), count }));
  return {
    agencyId: f.agencyId,
    from: f.from,
    to: f.to,
    byLevel: Object.values(ImpactLevel).map((level) => ({ level, count: levels.get(level) ?? 0 })),
    byTrigger: Object.values(ImpactTriggerKind).map((kind) => ({ kind, count: triggers.get(kind) ?? 0 })),
    mitigations: Object.values(ImpactMitigationKind).map((kind) => ({ kind, count: mitigations.get(kind) ?? 0 })),
    firstApprovals: days.reduce((s, d) => s + Math.max(d.count, 0), 0),
    medianDaysToApproval: medianOfHistogram(days),
    decisions: decisionFigures(Object.fromEntries(of('decided'))),
  };
}
