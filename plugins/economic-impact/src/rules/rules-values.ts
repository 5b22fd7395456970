// The county's rules for the assessment (ImpactRules), as values: thresholds, the triggers in force, the weights of
// the dimensions and where each level starts. Version 0 is the published default (潜山 2025: 罚款、没收 ¥50,000 for
// an organisation, ¥5,000 for an 个体工商户); a supervisor's change is a new version, and a trigger or an assessment
// records the version it was judged under.
import type { ImpactTriggerKind } from '@zhifa/core/prisma';
import type { Bilingual } from './triggers.js';

export const DIMENSIONS = [
  'SURVIVAL',
  'OPERATIONS',
  'EMPLOYMENT',
  'SUPPLY_CHAIN',
  'REGIONAL_ECONOMY',
  'TAX',
  'CREDIT',
  'PUBLIC_OPINION',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABEL: Readonly<Record<Dimension, Bilingual>> = {
  SURVIVAL: { zh: '企业存续', en: 'survival of the enterprise' },
  OPERATIONS: { zh: '生产经营', en: 'production and operations' },
  EMPLOYMENT: { zh: '就业', en: 'employment' },
  SUPPLY_CHAIN: { zh: '产业链', en: 'supply chain' },
  REGIONAL_ECONOMY: { zh: '区域经济', en: 'regional economy' },
  TAX: { zh: '税收', en: 'tax revenue' },
  CREDIT: { zh: '信用 / 融资', en: 'credit and financing' },
  PUBLIC_OPINION: { zh: '舆情', en: 'public opinion' },
};

/** Weights are kept in ten-thousandths so that "sums to 1" is exact: 0.2 is 2000. */
export const WEIGHT_SCALE = 10_000;

export interface ImpactRulesValues {
  version: number;
  organisationThresholdFen: bigint;
  individualBusinessThresholdFen: bigint;
  enabledTriggers: readonly ImpactTriggerKind[];
  /** Ten-thousandths per dimension, summing to WEIGHT_SCALE. */
  weights: Readonly<Record<Dimension, number>>;
  /** The weighted score (0–4) from which MEDIUM, HIGH and SEVERE start; below mediumFrom is LOW. */
  mediumFrom: number;
  highFrom: number;
  severeFrom: number;
}

export const ALL_TRIGGERS: readonly ImpactTriggerKind[] = [
  'LARGE_FINE',
  'LARGE_CONFISCATION',
  'LICENCE',
  'OPERATIONS',
  'PRODUCTION_MEASURE',
  'KEY_ENTERPRISE',
  'COOPERATIVE',
  'STOPPAGE_RISK',
  'SUPPLY_CHAIN_RISK',
  'PUBLIC_OPINION_RISK',
];

/** Version 1, written by the plugin's first migration; a supervisor's change is version 2 on. */
export const DEFAULT_RULES: ImpactRulesValues = {
  version: 1,
  organisationThresholdFen: 5_000_000n,
  individualBusinessThresholdFen: 500_000n,
  enabledTriggers: ALL_TRIGGERS,
  weights: {
    SURVIVAL: 2000,
    OPERATIONS: 2000,
    EMPLOYMENT: 1500,
    SUPPLY_CHAIN: 1000,
    REGIONAL_ECONOMY: 1000,
    TAX: 1000,
    CREDIT: 1000,
    PUBLIC_OPINION: 500,
  },
  mediumFrom: 1,
  highFrom: 2,
  severeFrom: 3,
};

export interface RulesIssue {
  rule: string;
  path: string[];
  message: Bilingual;
}

/**
 * What is wrong with a proposed version: weights of every dimension, none negative, summing to exactly 1
 * (IMPACT_WEIGHTS_SUM); cut-offs rising within (0, 4] (IMPACT_LEVEL_CUTOFFS); thresholds above zero, the
 * 个体工商户 one not above the organisations' (IMPACT_THRESHOLDS). Empty when it may be recorded.
 */
export function rulesIssues(r: Omit<ImpactRulesValues, 'version'>): RulesIssue[] {
  const issues: RulesIssue[] = [];
  const sum = DIMENSIONS.reduce((s, d) => s + (r.weights[d] ?? 0), 0);
  const negative = DIMENSIONS.filter((d) => (r.weights[d] ?? 0) < 0 || !Number.isInteger(r.weights[d] ?? 0));
  if (negative.length)
    issues.push({
      rule: 'IMPACT_WEIGHTS_SUM',
      path: ['weights', negative[0]],
      message: {
        zh: `权重须为 0 至 1 之间、至多四位小数的数（${negative.join('、')}）`,
        en: `weights must be between 0 and 1 with at most four decimals (${negative.join(', ')})`,
      },
    });
  else if (sum !== WEIGHT_SCALE)
    issues.push({
      rule: 'IMPACT_WEIGHTS_SUM',
      path: ['weights'],
      message: {
        zh: `各维度权重之和须为 1，现为 ${sum / WEIGHT_SCALE}（县涉企案件经济影响评估规则，方案任务7）`,
        en: `the dimensions' weights must sum to 1; they sum to ${sum / WEIGHT_SCALE} (county economic impact rules, plan task 7)`,
      },
    });
  if (!(r.mediumFrom > 0 && r.mediumFrom < r.highFrom && r.highFrom < r.severeFrom && r.severeFrom <= 4))
    issues.push({
      rule: 'IMPACT_LEVEL_CUTOFFS',
      path: ['mediumFrom'],
      message: {
        zh: '等级分界须满足 0 < 中 < 高 < 严重 ≤ 4',
        en: 'level cut-offs must rise: 0 < medium < high < severe ≤ 4',
      },
    });
  if (r.organisationThresholdFen <= 0n || r.individualBusinessThresholdFen <= 0n)
    issues.push({
      rule: 'IMPACT_THRESHOLDS',
      path: ['organisationThresholdFen'],
      message: { zh: '数额标准须大于零', en: 'thresholds must be above zero' },
    });
  else if (r.individualBusinessThresholdFen > r.organisationThresholdFen)
    issues.push({
      rule: 'IMPACT_THRESHOLDS',
      path: ['individualBusinessThresholdFen'],
      message: {
        zh: '个体工商户的数额标准不得高于企业等组织的标准',
        en: "an individual business's threshold may not exceed an organisation's",
      },
    });
  return issues;
}
