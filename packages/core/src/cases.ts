// @zhifa/core/cases — case operations that run inside the caller's unit of work, for plugins that
// act on a case by their own route (a non-penalty grant decides the case through decideCaseInTx, so
// core's rules and every plugin's guards apply to it too).
export {
  agencyMayEnforce,
  approveCompulsoryMeasureInTx,
  recordCompulsoryMeasureInTx,
  assertCaseActor,
  assertMayDecide,
  caseNotFound,
  decideCaseInput,
  decideCaseInTx,
  decisionFactsOf,
  decisionRuleRefusal,
  DECISION_FACTS_SELECT,
  formatDocumentNumber,
  lockCase,
  nextSerial,
  notifyOverdueMeasuresInTx,
  openCaseInTx,
  type OpenCaseData,
  proposalIssues,
  readProposal,
  stepFacts,
} from './cases/index.js';
export { loadDecisionFacts } from './cases/decision-facts.js';
