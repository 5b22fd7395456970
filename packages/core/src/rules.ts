// @zhifa/core/rules — the pure domain rules (no I/O): refusals as data, each with its legal basis.
export {
  assignmentRefusal,
  checkOfficers,
  investigationRefusal,
  isPenalty,
  measureRefusal,
  STAGE_ORDER,
  transitionRefusal,
  type RuleRefusal,
} from './rules/case-stage.js';
export { canEnforce, DEFAULT_REVIEW_GRACE_UNTIL } from './rules/certificate.js';
export {
  approvalRefusal,
  emergencyApprovalRefusal,
  emergencyReportRefusal,
  freezeRefusal,
  isApprovalLapsed,
  measureDueOn,
  measureExtensionRefusal,
  measureInputIssues,
  measureOfficersRefusal,
  measuresOpenRefusal,
  measureTakingRefusal,
  noticeServedOnIssue,
  onSiteRecordRefusal,
  onSiteRefusal,
  releaseDateIssue,
  releaseRefusal,
  takingRecordRefusal,
} from './rules/compulsory-measure.js';
export { decisionInputIssues, decisionRefusal, SIMPLE_FINE_LIMIT_FEN } from './rules/decision.js';
export { caseExtensionRefusal, DEFAULT_EXTENSION_DAYS, suspensionRefusal } from './rules/deadline.js';
export { decisionMatterRefusal } from './rules/decision-matter.js';
export { readBenchmark } from './rules/discretion.js';
export { caseLimitationYears, limitationRefusal, violationInFuture } from './rules/limitation.js';
export { matterProblems } from './rules/matter.js';
export { partyIsNaturalPerson } from './rules/party.js';
export {
  conversionRefusal,
  deadlineExtensionRefusal,
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
  stepDateIssue,
  type HearingNoticeFacts,
  type NoticeFacts,
  type StepFacts,
} from './rules/procedure.js';
export { checkUscc, completeUscc, USCC_ALPHABET } from './rules/uscc.js';
export { yuan } from './rules/decision.js';
export { medianOfHistogram, rangeCells, type RollupGrain } from './rules/rollup-range.js';
