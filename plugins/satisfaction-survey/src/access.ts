// Row rules for this plugin's types, in one place (DOMAIN.md § satisfaction surveys; county plan task 13).
// - Supervisors (the justice bureau, 司法所, system admins) read everything, single answers included.
// - The survey organisation reads the campaigns it executes, its own batches and responses — never figures.
// - An evaluated agency's staff read the campaigns that evaluate them; their figures are aggregates only.
// - Everyone reads a published campaign (向社会公布).
// Single answers and free text are for supervisors (and the organisation that collected them) alone:
// enterprise ratings never reach the agency they rate (深圳 practice).
import { defineRowRule, isSupervisor, rowsThrough, type Viewer } from '@zhifa/core/auth';

export const campaignRule = defineRowRule('SurveyCampaign', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'surveyOrg') return { OR: [{ organisationId: v.agencyId }, { status: 'PUBLISHED' }] };
    if (v.kind === 'person')
      return { OR: [{ status: 'PUBLISHED' }, { units: { some: { agencyId: v.agencyId, evaluated: true } } }] };
    return { status: 'PUBLISHED' };
  },
});

export const questionnaireRule = rowsThrough('SurveyQuestionnaire', 'campaign', campaignRule);
export const itemRule = rowsThrough('SurveyItem', 'questionnaire', questionnaireRule);

/** The organisation that executes the campaign, and supervisors. */
function collectedBy(v: Viewer): { campaign: { organisationId: number } } | Record<string, never> | null {
  if (isSupervisor(v)) return {};
  if (v.kind === 'surveyOrg') return { campaign: { organisationId: v.agencyId } };
  return null;
}

export const batchRule = defineRowRule('SurveyBatch', { where: collectedBy });
export const responseRule = defineRowRule('SurveyResponse', { where: collectedBy });

/** Free-text answers: supervisors only (they may name officers; the agency evaluated never reads them). */
export const freeTextRule = defineRowRule('SurveyFreeText', { where: (v) => (isSupervisor(v) ? {} : null) });

/** Runs campaigns (create, questionnaire, open, close, publish) and marks call-backs. */
export function canRunCampaigns(v: Viewer): boolean {
  return isSupervisor(v);
}

/** The organisation executing this campaign (the only caller who may submit to it). */
export function isOrganisationOf(v: Viewer, campaign: { organisationId: number }): boolean {
  return v.kind === 'surveyOrg' && v.agencyId === campaign.organisationId;
}

/** The evaluated agencies and townships of a campaign: seen with the campaign. */
export const unitRule = rowsThrough('SurveyCampaignUnit', 'campaign', campaignRule);

/** The frozen sampling frame: supervisors and the organisation that samples from it (no agency reads its own). */
export const stratumRule = defineRowRule('SurveyStratum', { where: collectedBy });
