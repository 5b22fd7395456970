// 满意度调查 (county plan task 13: 群众和企业对行政执法满意率达 93% 以上, measured by a commissioned third party):
// campaigns run by supervisors, versioned questionnaires, the enterprise sampling frame, the survey organisation's
// batch API, live figures against the target kept as rollups, and their subscriptions.
import type { ZhifaPlugin } from '@zhifa/core';
import { satisfactionSurveySettings } from './settings.js';
import { SATISFACTION_SURVEY_TOPICS } from './topics.js';
import { registerSurveyEnums } from './schema/enums.js';
import { registerSurveyCampaign } from './schema/survey-campaign.js';
import { registerSurveyResponse } from './schema/survey-response.js';
import { registerSubmitSurveyResponses } from './schema/submit-survey-responses.js';
import { registerMarkSurveyCallback } from './schema/mark-survey-callback.js';
import { registerCampaignSubmissions } from './schema/campaign-submissions.js';

export const satisfactionSurveyPlugin: ZhifaPlugin = {
  name: 'satisfaction-survey',
  settings: satisfactionSurveySettings,
  topics: SATISFACTION_SURVEY_TOPICS,
  register(builder) {
    const enums = registerSurveyEnums(builder);
    // Each part registers its types here, with the enums: campaigns, submission, figures.
    registerSurveyCampaign(builder, enums);
    registerSubmission(builder, enums);
  },
};

/** Submission: responses, batches, the batch API, call-backs, and what the campaign shows of them. */
function registerSubmission(
  builder: Parameters<ZhifaPlugin['register']>[0],
  enums: ReturnType<typeof registerSurveyEnums>,
) {
  const refs = registerSurveyResponse(builder, enums);
  registerSubmitSurveyResponses(builder, enums, refs);
  registerMarkSurveyCallback(builder, enums);
  registerCampaignSubmissions(builder, enums);
}

export default satisfactionSurveyPlugin;
export * from './topics.js';
export * from './levels.js';
export { satisfactionSurveySettings, type SatisfactionSurveySettings } from './settings.js';
