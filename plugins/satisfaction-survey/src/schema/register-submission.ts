// Submission: responses, batches, the batch API, call-backs, and what the campaign shows of them.
import type { ZhifaPlugin } from '@zhifa/core';
import type { registerSurveyEnums } from './enums.js';
import { registerSurveyResponse } from './survey-response.js';
import { registerSubmitSurveyResponses } from './submit-survey-responses.js';
import { registerMarkSurveyCallback } from './mark-survey-callback.js';
import { registerCampaignSubmissions } from './campaign-submissions.js';

export function registerSubmission(
  builder: Parameters<ZhifaPlugin['register']>[0],
  enums: ReturnType<typeof registerSurveyEnums>,
) {
  const refs = registerSurveyResponse(builder, enums);
  registerSubmitSurveyResponses(builder, enums, refs);
  registerMarkSurveyCallback(builder, enums);
  registerCampaignSubmissions(builder, enums);
}
