// Who may call each root field this plugin adds (test/auth/authorisation-matrix.test.ts runs every row as every role).
import {
  defineAuthorisationMatrix,
  mutationRow as mutation,
  queryRow as query,
  subscriptionRow as subscription,
} from '@zhifa/testkit';
import { campaignMatrixFixtures } from './campaign-matrix-fixtures.js';
import { writeSubmissionMatrixFixtures } from './submit-matrix-fixtures.js';
import { writeFigureMatrixFixtures } from './figure-matrix-fixtures.js';

export const authorisationMatrix = defineAuthorisationMatrix(
  async (world, prisma) => ({
    campaigns: await campaignMatrixFixtures(world, prisma),
    submission: await writeSubmissionMatrixFixtures(world, prisma),
    figures: await writeFigureMatrixFixtures(world, prisma),
  }),
  (w, f) => [
    // ── campaigns, questionnaire, sampling frame ──
    //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
    // The list is open to all, each caller seeing what campaignRule lets them (a published campaign at least).
    query(
      'surveyCampaigns',
      'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
      `{ surveyCampaigns(first: 5) { edges { node { id } } } }`,
    ),
    // Running campaigns is the supervisors' (canRunCampaigns), refused before the input is looked at. Harmless
    // inputs: a period ending before it starts; steps on a published campaign (SURVEY_CAMPAIGN_TRANSITION,
    // SURVEY_CAMPAIGN_NOT_DRAFT, SURVEY_QUESTIONNAIRE_FROZEN).
    mutation(
      'createSurveyCampaign',
      'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
      `mutation($input: SurveyCampaignInput!) { createSurveyCampaign(input: $input) { __typename } }`,
      { input: f.campaigns.input(w) },
    ),
    mutation(
      'updateSurveyCampaign',
      'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
      `mutation($id: ID!, $input: SurveyCampaignInput!) { updateSurveyCampaign(id: $id, input: $input) { __typename } }`,
      { id: f.campaigns.published, input: f.campaigns.input(w) },
    ),
    ...(['openSurveyCampaign', 'closeSurveyCampaign', 'publishSurveyCampaign'] as const).map((field) =>
      mutation(
        field,
        'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
        `mutation($id: ID!) { ${field}(id: $id) { __typename } }`,
        { id: f.campaigns.published },
      ),
    ),
    mutation(
      'setSurveyQuestionnaire',
      'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
      `mutation($id: ID!) { setSurveyQuestionnaire(campaignId: $id, items: [{ code: "Q1", kind: LIKERT5,
      dimension: OVERALL, text: "总体满意度" }]) { __typename } }`,
      { id: f.campaigns.published },
    ),
    // ── submission, call-backs ──
    //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
    // Only the organisation executing the campaign submits, by its API key; the harmless batch is refused whole
    // by validation (an empty external id) and writes nothing.
    mutation(
      'submitSurveyResponses',
      'DENY   DENY       DENY    DENY         DENY        DENY       allow     DENY   DENY  DENY',
      `mutation($c: ID!, $r: [SurveyResponseInput!]!) { submitSurveyResponses(campaignId: $c, responses: $r) { __typename } }`,
      {
        c: f.submission.campaign,
        r: [
          {
            externalId: '',
            respondentType: 'PUBLIC',
            agency: w.agency.id,
            township: w.county.id,
            channel: 'PHONE',
            collectedAt: '2026-03-01T02:00:00Z',
            answers: [{ item: 'Q1', level: 'SATISFIED' }],
          },
        ],
      },
    ),
    // Call-backs are the supervisors' (the justice bureau, system admins); the harmless response is not in the
    // sample, so a supervisor meets SURVEY_CALLBACK_NOT_SAMPLED and nothing is written.
    mutation(
      'markSurveyCallback',
      'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
      `mutation($r: ID!) { markSurveyCallback(responseId: $r, status: CONFIRMED) { __typename } }`,
      { r: f.submission.response },
    ),
    // ── figures, subscriptions ──
    //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
    // Across agencies: supervisors; the evaluated agency's staff are refused (their own aggregates only, through
    // Agency.satisfaction and SurveyCampaign.figures); the organisation reads no figures; who cannot see the open
    // campaign at all gets nothing. Once published, everyone (figures.test.ts).
    query(
      'countySatisfaction',
      'none   none       DENY    none         DENY        allow      DENY      allow  DENY  DENY',
      `query($c: ID!) { countySatisfaction(campaignId: $c) { pooled { validAnswers } } }`,
      { c: f.figures.campaign },
    ),
    query(
      'surveyRanking',
      'none   none       DENY    none         DENY        allow      DENY      allow  DENY  DENY',
      `query($c: ID!) { surveyRanking(campaignId: $c, by: AGENCY) { totalCount edges { node { rank } } } }`,
      { c: f.figures.campaign },
    ),
    // Live figures: whoever may read some figure of the campaign (supervisors; the evaluated agency's staff, their
    // own); the organisation and whoever cannot see the campaign are refused when subscribing.
    subscription(
      'satisfactionChanged',
      'DENY   DENY       allow   DENY         allow       allow      DENY      allow  allow  allow',
      `subscription($c: ID!) { satisfactionChanged(campaignId: $c) { cursor } }`,
      { c: f.figures.campaign },
    ),
    // Batches as they land: supervisors (the organisation knows its own batches from its calls' results).
    subscription(
      'surveyBatchSubmitted',
      'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
      `subscription($c: ID!) { surveyBatchSubmitted(campaignId: $c) { accepted } }`,
      { c: f.figures.campaign },
    ),
  ],
);
