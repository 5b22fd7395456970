// 涉企行政检查 (county plan tasks 5, 6, 14, 15; 国办发〔2024〕54号): inspection items and annual plans, schemes
// approved by the agency head, visits filed online 线上报备 and recorded at the door with the enterprise's
// signed code 扫码入企 (rated by the enterprise, for supervisors), 双随机 draws, joint inspections 综合查一次
// and the warning module 预警 (应报备未报备, 多头检查, 重复检查, 高频次检查) with its 交办 → 督办 → 整改 → 销号.
import type { ZhifaPlugin } from '@zhifa/core';
import { inspectionsSettings } from './settings.js';
import { INSPECTIONS_TOPICS } from './topics.js';
import { registerCatalogue } from './schema/register-catalogue.js';
import { schemeApprovalSweep } from './catalogue/scheme-sweep.js';

export const inspectionsPlugin: ZhifaPlugin = {
  name: 'inspections',
  settings: inspectionsSettings,
  topics: INSPECTIONS_TOPICS,
  register(builder) {
    // One line per slice: registerXxx(builder, core) from src/schema/.
    registerCatalogue(builder);
  },
  sweeps: [schemeApprovalSweep],
};

export default inspectionsPlugin;
export * from './topics.js';
export * from './access.js';
export { inspectionsSettings, type InspectionsSettings } from './settings.js';
export { lockEnterprise } from './enterprise-lock.js';
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
