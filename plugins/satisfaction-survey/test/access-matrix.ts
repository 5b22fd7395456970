// Who may call each root field this plugin adds (test/auth/authorisation-matrix.test.ts runs every row as every role).
import { defineAuthorisationMatrix, queryRow as query, subscriptionRow as subscription } from '@zhifa/testkit';
import { writeFigureMatrixFixtures } from './figure-matrix-fixtures.js';

export const authorisationMatrix = defineAuthorisationMatrix(writeFigureMatrixFixtures, (_w, f) => [
  // ── campaigns, questionnaire, sampling frame ──
  // ── submission, call-backs ──
  // ── figures, subscriptions ──
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // Across agencies: supervisors; the evaluated agency's staff are refused (their own aggregates only, through
  // Agency.satisfaction and SurveyCampaign.figures); the organisation reads no figures; who cannot see the open
  // campaign at all gets nothing. Once published, everyone (figures.test.ts).
  query(
    'countySatisfaction',
    'none   none       DENY    none         DENY        allow      DENY      allow  DENY  DENY',
    `query($c: ID!) { countySatisfaction(campaignId: $c) { pooled { validAnswers } } }`,
    { c: f.campaign },
  ),
  query(
    'surveyRanking',
    'none   none       DENY    none         DENY        allow      DENY      allow  DENY  DENY',
    `query($c: ID!) { surveyRanking(campaignId: $c, by: AGENCY) { totalCount edges { node { rank } } } }`,
    { c: f.campaign },
  ),
  // Live figures: whoever may read some figure of the campaign (supervisors; the evaluated agency's staff, their
  // own); the organisation and whoever cannot see the campaign are refused when subscribing.
  subscription(
    'satisfactionChanged',
    'DENY   DENY       allow   DENY         allow       allow      DENY      allow  allow  allow',
    `subscription($c: ID!) { satisfactionChanged(campaignId: $c) { cursor } }`,
    { c: f.campaign },
  ),
  // Batches as they land: supervisors (the organisation knows its own batches from its calls' results).
  subscription(
    'surveyBatchSubmitted',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
    `subscription($c: ID!) { surveyBatchSubmitted(campaignId: $c) { accepted } }`,
    { c: f.campaign },
  ),
]);
