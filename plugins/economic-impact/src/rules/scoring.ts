// The score of an assessment (county plan task 7; dimensions from 青岛西海岸 and 巴彦淖尔 2025 practice): each
// dimension scored 0–4 with its evidence, the weighted sum Σ weightᵢ × scoreᵢ (weights of the rules version, summing
// to 1) on the same 0–4 scale, and the level where that sum falls against the version's cut-offs. Computed in
// integers (weights in ten-thousandths) so that a sum exactly on a cut-off is that level, not a float's neighbour.
import type { ImpactLevel } from '@zhifa/core/prisma';
import { DIMENSION_LABEL, DIMENSIONS, WEIGHT_SCALE, type Dimension, type ImpactRulesValues } from './rules-values.js';
import type { Bilingual } from './triggers.js';

export interface DimensionScore {
  dimension: Dimension;
  score: number;
  evidence: string | null;
}

export interface ScoreTerm {
  dimension: Dimension;
  score: number;
  /** The weight, 0–1. */
  weight: number;
  /** weight × score. */
  contribution: number;
}

export interface Scored {
  weightedScore: number;
  level: ImpactLevel;
  terms: ScoreTerm[];
}

export interface ScoreIssue {
  rule: string;
  path: (string | number)[];
  message: Bilingual;
}

/**
 * What is wrong with the scores: a dimension twice, a score that is not a whole number from 0 to 4
 * (IMPACT_SCORE_RANGE), a non-zero score without evidence (IMPACT_EVIDENCE_REQUIRED); with `complete`, as at
 * submission, a dimension not scored (IMPACT_SCORES_INCOMPLETE).
 */
export function scoreIssues(scores: readonly DimensionScore[], complete: boolean): ScoreIssue[] {
  const issues: ScoreIssue[] = [];
  const seen = new Set<Dimension>();
  scores.forEach((s, i) => {
    const label = DIMENSION_LABEL[s.dimension];
    if (seen.has(s.dimension))
      issues.push({
        rule: 'IMPACT_SCORE_RANGE',
        path: ['scores', i, 'dimension'],
        message: { zh: `维度“${label.zh}”重复评分`, en: `${label.en} is scored twice` },
      });
    seen.add(s.dimension);
    if (!Number.isInteger(s.score) || s.score < 0 || s.score > 4)
      issues.push({
        rule: 'IMPACT_SCORE_RANGE',
        path: ['scores', i, 'score'],
        message: {
          zh: `维度“${label.zh}”的分值须为 0 至 4 的整数（方案任务7）`,
          en: `the score of ${label.en} must be a whole number from 0 to 4 (plan task 7)`,
        },
      });
    else if (s.score > 0 && !s.evidence?.trim())
      issues.push({
        rule: 'IMPACT_EVIDENCE_REQUIRED',
        path: ['scores', i, 'evidence'],
        message: {
          zh: `维度“${label.zh}”评分 ${s.score} 须附依据（非零评分须有证据，方案任务7）`,
          en: `${label.en} scored ${s.score} needs its evidence (a non-zero score needs evidence, plan task 7)`,
        },
      });
  });
  if (complete) {
    const missing = DIMENSIONS.filter((d) => !seen.has(d));
    if (missing.length)
      issues.push({
        rule: 'IMPACT_SCORES_INCOMPLETE',
        path: ['scores'],
        message: {
          zh: `提交前须对每个维度评分，尚缺：${missing.map((d) => DIMENSION_LABEL[d].zh).join('、')}`,
          en: `every dimension is scored before submission; missing: ${missing.map((d) => DIMENSION_LABEL[d].en).join(', ')}`,
        },
      });
  }
  return issues;
}

/** The weighted score, its level and each term's contribution; a dimension not scored counts 0. */
export function score(scores: readonly DimensionScore[], rules: ImpactRulesValues): Scored {
  const byDimension = new Map(scores.map((s) => [s.dimension, s.score]));
  let total = 0; // in ten-thousandths of a point
  const terms = DIMENSIONS.map((dimension) => {
    const s = byDimension.get(dimension) ?? 0;
    const w = rules.weights[dimension];
    total += w * s;
    return { dimension, score: s, weight: w / WEIGHT_SCALE, contribution: (w * s) / WEIGHT_SCALE };
  });
  return { weightedScore: total / WEIGHT_SCALE, level: levelOf(total, rules), terms };
}

/** The level of a weighted score given in ten-thousandths: each cut-off belongs to the level it starts. */
export function levelOf(totalScaled: number, rules: ImpactRulesValues): ImpactLevel {
  const at = (cut: number) => Math.round(cut * WEIGHT_SCALE);
  if (totalScaled >= at(rules.severeFrom)) return 'SEVERE';
  if (totalScaled >= at(rules.highFrom)) return 'HIGH';
  if (totalScaled >= at(rules.mediumFrom)) return 'MEDIUM';
  return 'LOW';
}

/**
 * The `scores` column as written (a JSON array of DimensionScore, checked by scoreIssues before it was stored), read
 * back checked by its shape: a stored value of another shape fails loudly instead of being read as scores.
 */
export function readScores(stored: unknown): DimensionScore[] {
  if (!Array.isArray(stored)) throw new Error('ImpactAssessment.scores: not an array');
  return stored.map((s: unknown, i) => {
    const row = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
    const { dimension, score: value, evidence } = row;
    if (
      typeof dimension !== 'string' ||
      !(DIMENSIONS as readonly string[]).includes(dimension) ||
      typeof value !== 'number' ||
      !(evidence === null || evidence === undefined || typeof evidence === 'string')
    )
      throw new Error(`ImpactAssessment.scores[${i}]: not a dimension score`);
    return { dimension: dimension as Dimension, score: value, evidence: evidence ?? null };
  });
}
