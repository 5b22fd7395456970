// Who may call each root field this plugin adds (test/auth/authorisation-matrix.test.ts runs every row as every role).
import { defineAuthorisationMatrix, mutationRow as mutation } from '@zhifa/testkit';
import { writeSubmissionMatrixFixtures } from './submit-matrix-fixtures.js';

export const authorisationMatrix = defineAuthorisationMatrix(
  async (world, prisma) => ({ submission: await writeSubmissionMatrixFixtures(world, prisma) }),
  (w, f) => [
    // ── campaigns, questionnaire, sampling frame ──
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
  ],
);
