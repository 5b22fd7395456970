// The statistics' arithmetic over the rollups (rollups.ts), pure: the decisions' counts by how they stood against the requirement (county plan task 7).
import type { DecidedKey } from '../rollups.js';

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
