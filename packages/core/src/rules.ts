// @zhifa/core/rules — the pure domain rules (no I/O): refusals as data, each with its legal basis.
export { isPenalty, STAGE_ORDER } from './rules/case-stage.js';
export { canEnforce, DEFAULT_REVIEW_GRACE_UNTIL } from './rules/certificate.js';
export { measureDueOn } from './rules/compulsory-measure.js';
export { decisionInputIssues, decisionRefusal, SIMPLE_FINE_LIMIT_FEN } from './rules/decision.js';
export { limitationRefusal } from './rules/limitation.js';
export { matterProblems } from './rules/matter.js';
export { partyIsNaturalPerson } from './rules/party.js';
export {
  decisionProcedureRefusal,
  discussionRefusal,
  hearingNoticeRefusal,
  hearingOffered,
  hearingRefusal,
  hearingRequestRefusal,
  hearingThresholdFen,
  legalReviewRefusal,
  noticeRefusal,
  presidingOfficerRefusal,
  procedureState,
  reviewGateRefusal,
  serviceRefusal,
  statementRefusal,
  type HearingNoticeFacts,
  type NoticeFacts,
  type StepFacts,
} from './rules/procedure.js';
export { checkUscc, completeUscc, USCC_ALPHABET } from './rules/uscc.js';
