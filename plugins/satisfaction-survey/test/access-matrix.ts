// Who may call each root field this plugin adds (test/auth/authorisation-matrix.test.ts runs every row as every role).
import { defineAuthorisationMatrix } from '@zhifa/testkit';

export const authorisationMatrix = defineAuthorisationMatrix(() => [
  // ── campaigns, questionnaire, sampling frame ──
  // ── submission, call-backs ──
  // ── figures, subscriptions ──
]);
