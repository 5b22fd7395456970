// The events this plugin emits. Campaign lifecycle events are for supervisors (the published one is public);
// a batch event carries counts, never answers.
import { defineTopic } from '@zhifa/core';

export type CampaignEventPayload = {
  campaignId: number;
  title: string;
  status: 'DRAFT' | 'OPEN' | 'CLOSED' | 'PUBLISHED';
};

export const SURVEY_CAMPAIGN_CREATED = defineTopic<CampaignEventPayload>('satisfactionSurvey.campaignCreated');
export const SURVEY_CAMPAIGN_UPDATED = defineTopic<CampaignEventPayload>('satisfactionSurvey.campaignUpdated');
export const SURVEY_QUESTIONNAIRE_SET = defineTopic<CampaignEventPayload & { version: number; items: number }>(
  'satisfactionSurvey.questionnaireSet',
);
export const SURVEY_CAMPAIGN_OPENED = defineTopic<CampaignEventPayload & { questionnaireVersion: number }>(
  'satisfactionSurvey.campaignOpened',
);
export const SURVEY_CAMPAIGN_CLOSED = defineTopic<CampaignEventPayload>('satisfactionSurvey.campaignClosed');
export const SURVEY_CAMPAIGN_PUBLISHED = defineTopic<CampaignEventPayload>('satisfactionSurvey.campaignPublished');

/** One accepted batch: what it added and the campaign's totals after it (counts only). */
export const SURVEY_BATCH_SUBMITTED = defineTopic<{
  campaignId: number;
  batchId: number;
  accepted: number;
  duplicates: number;
  flagged: number;
  responseCount: number;
}>('satisfactionSurvey.batchSubmitted');

/** A call-back 回访 result; a response marked NOT_REACHED moves to the UNCONFIRMED quality class. */
export const SURVEY_CALLBACK_MARKED = defineTopic<{
  campaignId: number;
  responseId: number;
  status: 'CONFIRMED' | 'NOT_REACHED';
}>('satisfactionSurvey.callbackMarked');

export const SATISFACTION_SURVEY_TOPICS = [
  SURVEY_CAMPAIGN_CREATED,
  SURVEY_CAMPAIGN_UPDATED,
  SURVEY_QUESTIONNAIRE_SET,
  SURVEY_CAMPAIGN_OPENED,
  SURVEY_CAMPAIGN_CLOSED,
  SURVEY_CAMPAIGN_PUBLISHED,
  SURVEY_BATCH_SUBMITTED,
  SURVEY_CALLBACK_MARKED,
];

/** Every topic after which a campaign's figures may have changed (satisfactionChanged listens to these). */
export const FIGURE_TOPICS = [SURVEY_BATCH_SUBMITTED, SURVEY_CALLBACK_MARKED, SURVEY_CAMPAIGN_PUBLISHED];
