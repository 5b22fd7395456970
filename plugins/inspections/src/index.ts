// 涉企行政检查 (county plan tasks 5, 6, 14, 15; 国办发〔2024〕54号): inspection items and annual plans, schemes
// approved by the agency head, visits filed online 线上报备 and recorded at the door with the enterprise's
// signed code 扫码入企 (rated by the enterprise, for supervisors), 双随机 draws, joint inspections 综合查一次
// and the warning module 预警 (应报备未报备, 多头检查, 重复检查, 高频次检查) with its 交办 → 督办 → 整改 → 销号.
import type { ZhifaPlugin } from '@zhifa/core';
import { inspectionsSettings } from './settings.js';
import { INSPECTIONS_TOPICS } from './topics.js';
import { registerDraws } from './schema/register-draws.js';
import { registerWarnings } from './schema/register-warnings.js';
import { warningOverdueSweep } from './warnings/overdue-sweep.js';
import { registerVisits } from './schema/register-visits.js';
import { registerCatalogue } from './schema/register-catalogue.js';
import { schemeApprovalSweep } from './catalogue/scheme-sweep.js';
import { seedInspections } from './seed.js';

export const inspectionsPlugin: ZhifaPlugin = {
  name: 'inspections',
  settings: inspectionsSettings,
  topics: INSPECTIONS_TOPICS,
  register(builder, { core }) {
    registerCatalogue(builder);
    registerVisits(builder, core);
    registerDraws(builder, core);
    registerWarnings(builder, core);
  },
  sweeps: [schemeApprovalSweep, warningOverdueSweep],
  seed: seedInspections,
};

export default inspectionsPlugin;
export * from './topics.js';
export * from './access.js';
export { inspectionsSettings, type InspectionsSettings } from './settings.js';
export { lockEnterprise } from './enterprise-lock.js';
export { drawInspectionSampleInTx, publishInspectionDrawInTx, replayDraw } from './draws.js';
export { mergeInspectionFilingsInTx, joinJointInspectionInTx } from './joints.js';
export { inviteInspectionObserverInTx } from './observers.js';
export { enterpriseInspectionCount, windowIntersection } from './rules/joint.js';
export { seedDraws, type SeedDrawsOptions } from './seed-draws.js';
export { drawSample, streamValue, MAX_DRAW_POOL, MAX_DRAW_COUNT, OFFICERS_PER_ENTERPRISE } from './rules/draw.js';
export { raiseVisitWarningsInTx, raiseFilingWarningsInTx } from './warnings/raise.js';
export { stepWarningInTx } from './warnings/workflow.js';
export { seedWarnings } from './seed-warnings.js';
export { announceOverdueWarningsInTx } from './warnings/overdue-sweep.js';
export {
  codeKeysInForce,
  signInspectionCode,
  verifyInspectionCode,
  codeEnterpriseId,
  type InspectionCode,
} from './code.js';
export { fileInspectionInTx, cancelInspectionFilingInTx, type FilingInput } from './filings.js';
export {
  recordInspectionVisitInTx,
  recordInspectionFindingInTx,
  rateInspectionVisitInTx,
  type VisitInput,
  type FindingInput,
} from './visits.js';
export { seedVisits, type SeedScheme, type SeededVisits } from './seed-visits.js';
export { createInspectionItemInTx, publishInspectionItemInTx, repealInspectionItemInTx } from './catalogue/items.js';
export {
  createInspectionPlanInTx,
  fileInspectionPlanInTx,
  publishInspectionPlanInTx,
  updateInspectionPlanInTx,
} from './catalogue/plans.js';
export { decideInspectionSchemeInTx, requestInspectionSchemeInTx } from './catalogue/schemes.js';
export { announceOverdueSchemeApprovalsInTx } from './catalogue/scheme-sweep.js';
export { inspectionStats, type InspectionStats } from './stats/inspection-stats.js';
export { seedCatalogue, catalogueYear, type CatalogueSeedResult } from './seed-catalogue.js';
