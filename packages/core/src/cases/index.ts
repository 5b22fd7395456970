// Case operations: each runs inside the caller's unit of work and writes its outbox event there.
// The GraphQL mutations in schema/ call these; plugins that decide cases by their own route (a
// non-penalty grant, for instance) call decideCaseInTx so that core rules and every plugin's
// guards apply to them too.
import { CORE_TOPICS } from '../topics.js';

/** Kept for plugins and tests that name the case topics. */
export const CASE_TOPICS = {
  opened: CORE_TOPICS.caseOpened,
  officersAssigned: CORE_TOPICS.caseOfficersAssigned,
  advanced: CORE_TOPICS.caseAdvanced,
  compulsoryMeasureRecorded: CORE_TOPICS.caseCompulsoryMeasureRecorded,
  decided: CORE_TOPICS.caseDecided,
  stepRecorded: CORE_TOPICS.caseStepRecorded,
} as const;

export { caseNotFound, lockCase } from './lock.js';
export { assertCanActOnCase, assertCaseActor, caseActors, CASE_ACTION_REFUSALS } from './actors.js';
export { openCaseInTx, agencyMayEnforce, type OpenCaseData } from './open.js';
export { nextDocumentNumber, nextSerial, formatDocumentNumber, DOCUMENT_MARKS } from './numbers.js';
export { assignOfficersInTx } from './officers.js';
export { advanceCaseInTx } from './advance.js';
export {
  recordCompulsoryMeasureInTx,
  approveCompulsoryMeasureInTx,
  extendCompulsoryMeasureInTx,
  releaseCompulsoryMeasureInTx,
  recordCompulsoryMeasureOnSiteInTx,
  measuresInForceRefusal,
  notifyOverdueMeasuresInTx,
} from './measures.js';
export {
  decideCaseInTx,
  decideCaseInput,
  decisionDocumentKind,
  decisionRuleRefusal,
  type DecisionRequest,
} from './decide.js';
export {
  loadDecisionFacts,
  assertMayDecide,
  decisionFactsOf,
  DECISION_FACTS_SELECT,
  type DecisionFactsRows,
} from './decision-facts.js';
export {
  loadProcedureState,
  caseHearingThresholdFen,
  hearingThresholdOf,
  readProposal,
  stepFacts,
  type NoticeProposal,
} from './procedure.js';
export {
  recordNoticeInTx,
  recordStatementInTx,
  recordHearingRequestInTx,
  recordHearingNoticeInTx,
  recordHearingInTx,
  recordLegalReviewInTx,
  recordCollectiveDiscussionInTx,
  recordServiceInTx,
  extendCaseDeadlineInTx,
  convertToGeneralProcedureInTx,
  proposalIssues,
  type StepInput,
} from './steps.js';
