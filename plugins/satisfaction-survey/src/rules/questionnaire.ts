// A questionnaire's rules (county plan task 13; DOMAIN.md § satisfaction surveys): five-level items on the plan's
// dimensions, single-choice and free-text items, weights, required items. Pure; refusals as data.
import type { FieldIssue } from '@zhifa/core';
import type { RuleRefusal } from '@zhifa/core/rules';
import type { SurveyCampaignStatus, SurveyDimension, SurveyItemKind } from '@zhifa/core/prisma';
import { CAMPAIGN_STATUS_NAMES } from '../names.js';

/**
 * At most 60 items: a telephone survey of 60 questions already runs past what respondents sit through; the
 * list input's own limit (100) is the hard ceiling before this.
 */
export const MAX_ITEMS = 60;
export const OPTIONS_MIN = 2;
export const OPTIONS_MAX = 20;
export const WEIGHT_MAX = 100;

export interface ItemFacts {
  code: string;
  kind: SurveyItemKind;
  dimension: SurveyDimension | null;
  options: readonly string[];
  weight: number;
  required: boolean;
}

const issue = (path: (string | number)[], zh: string, en: string): FieldIssue => ({
  path,
  messageZh: zh,
  messageEn: en,
});

/** Every problem with the items, at `items.<index>.<field>`. */
export function itemIssues(items: readonly ItemFacts[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (items.length > MAX_ITEMS)
    issues.push(issue(['items'], `问卷至多 ${MAX_ITEMS} 题`, `a questionnaire has at most ${MAX_ITEMS} items`));
  const codes = new Set<string>();
  items.forEach((it, i) => {
    const at = (field: string) => ['items', i, field];
    if (codes.has(it.code)) issues.push(issue(at('code'), '题号重复', 'item code used twice'));
    codes.add(it.code);
    if (it.kind === 'SINGLE_CHOICE') {
      if (it.dimension !== null)
        issues.push(
          issue(at('dimension'), '单选题不计入评价维度', 'a single-choice item has no dimension (it is not rated)'),
        );
      const distinct = new Set(it.options);
      if (distinct.size !== it.options.length) issues.push(issue(at('options'), '选项重复', 'option listed twice'));
      if (it.options.length < OPTIONS_MIN || it.options.length > OPTIONS_MAX)
        issues.push(
          issue(
            at('options'),
            `单选题须有 ${OPTIONS_MIN}–${OPTIONS_MAX} 个选项`,
            `a single-choice item has ${OPTIONS_MIN}–${OPTIONS_MAX} options`,
          ),
        );
    } else {
      if (it.dimension === null)
        issues.push(
          issue(
            at('dimension'),
            '五级满意度题和文字题须指明评价维度',
            'a five-level or free-text item needs a dimension',
          ),
        );
      if (it.options.length > 0)
        issues.push(issue(at('options'), '只有单选题有选项', 'only a single-choice item has options'));
    }
    if (it.kind === 'LIKERT5' && !(it.weight > 0 && it.weight <= WEIGHT_MAX))
      issues.push(
        issue(at('weight'), `权重须大于 0 且不超过 ${WEIGHT_MAX}`, `the weight is above 0 and at most ${WEIGHT_MAX}`),
      );
  });
  return issues;
}

/**
 * The headline rate is read over the OVERALL items, one answer per respondent (county plan task 13: 满意率达 93%
 * 以上): a questionnaire without a required five-level OVERALL item could not give it.
 */
export function overallRefusal(items: readonly ItemFacts[]): RuleRefusal | null {
  if (items.some((it) => it.kind === 'LIKERT5' && it.dimension === 'OVERALL' && it.required)) return null;
  return {
    rule: 'SURVEY_QUESTIONNAIRE_NO_OVERALL',
    message: {
      zh: '问卷须至少有一道必答的“总体”五级满意度题：满意率按总体题计算（县实施方案任务13：满意率达 93% 以上）',
      en: 'A questionnaire needs at least one required five-level OVERALL item: the satisfaction rate is read over it (county plan task 13: 93 % or more)',
    },
  };
}

/** Once the campaign opens its questionnaire is frozen: every answer is read against the questions asked. */
export function frozenRefusal(status: SurveyCampaignStatus): RuleRefusal | null {
  if (status === 'DRAFT') return null;
  return {
    rule: 'SURVEY_QUESTIONNAIRE_FROZEN',
    message: {
      zh: `调查项目处于“${CAMPAIGN_STATUS_NAMES[status].zh}”状态，问卷已冻结，不能再修改（县实施方案任务13）`,
      en: `The campaign is ${CAMPAIGN_STATUS_NAMES[status].en}: its questionnaire is frozen and cannot change (county plan task 13)`,
    },
  };
}

/** A campaign opens only with a questionnaire to freeze. */
export const MISSING_QUESTIONNAIRE: RuleRefusal = {
  rule: 'SURVEY_QUESTIONNAIRE_MISSING',
  message: {
    zh: '调查项目尚无问卷，不能开始调查（县实施方案任务13）',
    en: 'The campaign has no questionnaire yet and cannot open (county plan task 13)',
  },
};
