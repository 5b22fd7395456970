// Who may call each root field this plugin adds (test/auth/authorisation-matrix.test.ts runs every row as every role).
import { defineAuthorisationMatrix, queryRow as query } from '@zhifa/testkit';
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
]);
