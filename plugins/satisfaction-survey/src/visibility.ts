// Who may read which figures of a campaign, decided in this one place for every path that hands figures out
// (SurveyCampaign.figures and its exports, Agency.satisfaction, countySatisfaction, surveyRanking,
// satisfactionChanged). County plan task 13 and DOMAIN.md § satisfaction surveys:
// - supervisors (the justice bureau, 司法所, system admins) read everything, unsuppressed;
// - a PUBLISHED campaign's figures are public (向社会公布) — every respondent type, every agency, with cells of
//   fewer than `smallCell` answers suppressed: a published table must not let a reader infer what a handful of
//   identifiable respondents said (统计法 第25条: 能够识别或者推断单个统计调查对象身份的资料…不得对外提供、泄露),
//   and a township's three enterprises rating one agency are identifiable;
// - before publication, an evaluated agency's staff read their own agency's aggregates only, never answers of
//   business respondents (ENTERPRISE, INDIVIDUAL_BUSINESS: the agency they rate must not learn how they rated it,
//   深圳 practice), with cells of fewer than `smallCell` answers suppressed; no county figure, no ranking;
// - the survey organisation reads no figures (its counts are on its batches); nor does anyone else.
import { isSupervisor, type Viewer } from '@zhifa/core/auth';
import type { RespondentType } from './rollups.js';
import { WHOLE_CAMPAIGN, type FigureScope } from './figures.js';

export const BUSINESS_RESPONDENTS: readonly RespondentType[] = ['ENTERPRISE', 'INDIVIDUAL_BUSINESS'];

export interface CampaignForFigures {
  id: number;
  status: 'DRAFT' | 'OPEN' | 'CLOSED' | 'PUBLISHED';
  targetRate: number;
  basicallySatisfiedCounts: boolean;
  /** The agencies the campaign evaluates. */
  evaluatedAgencyIds: readonly number[];
}

export interface FigureAccess {
  scope: FigureScope;
  /** A cell with fewer valid answers than this is suppressed; 0: nothing is. */
  suppressBelow: number;
  /** May read figures across agencies: the county figure and the ranking. */
  county: boolean;
}

export const FIGURE_ACCESS_DENIED = {
  zh: '无权查看该调查的满意度结果（被评价单位仅可查看本单位汇总，调查机构不查看结果；结果公布后公开）',
  en: "You may not read this campaign's figures (an evaluated agency reads its own aggregates only, the survey organisation none; they are public once published)",
};

export const COUNTY_FIGURES_DENIED = {
  zh: '被评价单位仅可查看本单位汇总；全县结果和排名在公布后公开',
  en: "An evaluated agency reads its own aggregates only; the county's figures and ranking are public once published",
};

/** What `viewer` may read of `campaign`'s figures; null: nothing. */
export function figureAccess(viewer: Viewer, campaign: CampaignForFigures, smallCell: number): FigureAccess | null {
  if (isSupervisor(viewer)) return { scope: WHOLE_CAMPAIGN, suppressBelow: 0, county: true };
  if (campaign.status === 'PUBLISHED') return { scope: WHOLE_CAMPAIGN, suppressBelow: smallCell, county: true };
  if (viewer.kind === 'person' && campaign.evaluatedAgencyIds.includes(viewer.agencyId))
    return {
      scope: { agencyIds: [viewer.agencyId], excludeRespondentTypes: BUSINESS_RESPONDENTS },
      suppressBelow: smallCell,
      county: false,
    };
  return null;
}
