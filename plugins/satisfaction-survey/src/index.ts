// 满意度调查 (county plan task 13: 群众和企业对行政执法满意率达 93% 以上, measured by a commissioned third party):
// campaigns run by supervisors, versioned questionnaires, the enterprise sampling frame, the survey organisation's
// batch API, live figures against the target kept as rollups, and their subscriptions.
import type { ZhifaPlugin } from '@zhifa/core';
import { satisfactionSurveySettings } from './settings.js';
import { SATISFACTION_SURVEY_TOPICS } from './topics.js';
import { seedSatisfactionSurvey } from './seed.js';
import { registerSurveyEnums } from './schema/enums.js';
import { registerSurveyCampaign } from './schema/survey-campaign.js';
import { registerSurveyItem } from './schema/survey-item.js';
import { registerSurveyQuestionnaire } from './schema/survey-questionnaire.js';
import { registerSurveySamplingFrame } from './schema/survey-sampling-frame.js';
import { registerSubmission } from './schema/register-submission.js';
import { registerSurveyFigures } from './schema/register-figures.js';

export const satisfactionSurveyPlugin: ZhifaPlugin = {
  name: 'satisfaction-survey',
  settings: satisfactionSurveySettings,
  topics: SATISFACTION_SURVEY_TOPICS,
  seed: seedSatisfactionSurvey,
  register(builder, { core }) {
    const enums = registerSurveyEnums(builder);
    // Each part registers its types here, with the enums: campaigns, submission, figures.
    registerSurveyCampaign(builder, enums, core);
    registerSurveyItem(builder, enums);
    registerSurveyQuestionnaire(builder, enums);
    registerSurveySamplingFrame(builder, core);
    registerSubmission(builder, enums);
    registerSurveyFigures(builder, enums, core);
  },
};

export default satisfactionSurveyPlugin;
export * from './topics.js';
export * from './levels.js';
export { readFigures, readFigureCells, type FigureKey, type SurveyFigure } from './figures.js';
export { satisfactionSurveySettings, type SatisfactionSurveySettings } from './settings.js';
