// Who may call each root field this plugin adds (test/auth/authorisation-matrix.test.ts runs every row as every role).
import { defineAuthorisationMatrix, mutationRow as mutation, queryRow as query } from '@zhifa/testkit';
import { campaignMatrixFixtures } from './campaign-matrix-fixtures.js';

export const authorisationMatrix = defineAuthorisationMatrix(campaignMatrixFixtures, (w, f) => [
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
    { input: f.input(w) },
  ),
  mutation(
    'updateSurveyCampaign',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
    `mutation($id: ID!, $input: SurveyCampaignInput!) { updateSurveyCampaign(id: $id, input: $input) { __typename } }`,
    { id: f.published, input: f.input(w) },
  ),
  ...(['openSurveyCampaign', 'closeSurveyCampaign', 'publishSurveyCampaign'] as const).map((field) =>
    mutation(
      field,
      'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
      `mutation($id: ID!) { ${field}(id: $id) { __typename } }`,
      { id: f.published },
    ),
  ),
  mutation(
    'setSurveyQuestionnaire',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
    `mutation($id: ID!) { setSurveyQuestionnaire(campaignId: $id, items: [{ code: "Q1", kind: LIKERT5,
      dimension: OVERALL, text: "总体满意度" }]) { __typename } }`,
    { id: f.published },
  ),
  // ── submission, call-backs ──
  // ── figures, subscriptions ──
]);
