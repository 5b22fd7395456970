// The statistics' arithmetic over the rollups (rollups.ts), pure: the median of a histogram of whole days, and the
// decisions' counts by how they stood against the requirement (county plan task 7).
import type { DecidedKey } from '../rollups.js';

/**
 * The median of a histogram { value → count } (values are whole days): the middle value, or the mean of the two
 * middle ones for an even total. Null for an empty histogram. Cells at zero or below (a count taken back) add nothing.
 */
export function medianOfHistogram(cells: readonly { value: number; count: number }[]): number | null {
  const sorted = cells.filter((c) => c.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, c) => s + c.count, 0);
  if (total === 0) return null;
  // 1-based ranks of the middle: one for an odd total, two for an even one.
  const ranks = total % 2 === 1 ? [(total + 1) / 2] : [total / 2, total / 2 + 1];
  const at = (rank: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.count;
      if (seen >= rank) return c.value;
    }
    return sorted[sorted.length - 1].value;
  };
  return ranks.reduce((s, r) => s + at(r), 0) / ranks.length;
}

export interface DecisionFigures {
  /** Enterprise cases decided: the four ways below together. */
  total: number;
  notRequired: number;
  withAssessment: number;
  exempt: number;
  withoutRequiredAssessment: number;
  /** Of those with an assessment: the penalties decided differ from those assessed. */
  penaltiesChangedAfterAssessment: number;
}

export function decisionFigures(sums: Partial<Record<DecidedKey, number>>): DecisionFigures {
  const n = (k: DecidedKey) => sums[k] ?? 0;
  return {
    total: n('notRequired') + n('withAssessment') + n('exempt') + n('withoutRequired'),
    notRequired: n('notRequired'),
    withAssessment: n('withAssessment'),
    exempt: n('exempt'),
    withoutRequiredAssessment: n('withoutRequired'),
    penaltiesChangedAfterAssessment: n('penaltiesChanged'),
  };
}
