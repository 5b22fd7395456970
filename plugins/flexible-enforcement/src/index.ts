// 柔性执法 (county plan task 7): 从轻处罚, 减轻处罚 and 不予实施行政强制措施 lists on core's versioned list
// machinery (行政处罚法 第32条、第34条; 行政强制法 第16条第2款), each item naming the enforcement matter it
// concerns. The guards that check decisions and measures against them come next (docs/plugin-author.md).
import type { ZhifaPlugin } from '@zhifa/core';
import { LIGHTER_KIND_LABEL, MITIGATED_KIND_LABEL, NO_COMPULSORY_KIND_LABEL } from './rules.js';
import { FLEXIBLE_ENFORCEMENT_TOPICS } from './topics.js';
import { registerLighterList } from './schema/lighter-list.js';
import { registerMitigatedList } from './schema/mitigated-list.js';
import { registerNoCompulsoryList } from './schema/no-compulsory-list.js';
import { seedFlexibleEnforcement } from './seed.js';
import { registerFlexibleBasis } from './schema/flexible-basis.js';
import { flexibleEnforcementGuard } from './decision-basis.js';
import { noCompulsoryGuard, registerMeasureReactions } from './measure-guard.js';
import { registerSoftMeasures } from './schema/soft-measure.js';
import { softMeasureFollowUpSweep } from './soft-measure-sweep.js';
import { registerInvitations } from './schema/register-invitations.js';
import { registerMeasureChecks } from './schema/measure-check.js';
import { registerFlexibleListPublished } from './schema/flexible-list-published.js';
import { registerBasisItem } from './schema/basis-item.js';
import { registerFlexibleStats } from './schema/flexible-stats.js';

export const flexibleEnforcementPlugin: ZhifaPlugin = {
  name: 'flexible-enforcement',
  topics: FLEXIBLE_ENFORCEMENT_TOPICS,
  listKinds: [LIGHTER_KIND_LABEL, MITIGATED_KIND_LABEL, NO_COMPULSORY_KIND_LABEL],
  register(builder, { guards, core }) {
    guards.add(flexibleEnforcementGuard);
    guards.add(noCompulsoryGuard);
    registerMeasureReactions(guards);
    const lighter = registerLighterList(builder, core);
    const mitigated = registerMitigatedList(builder, core);
    registerFlexibleBasis(builder, mitigated.CircumstanceEnum);
    const noCompulsory = registerNoCompulsoryList(builder, core);
    registerMeasureChecks(builder, noCompulsory);
    registerFlexibleListPublished(builder, { lighter, mitigated, noCompulsory });
    registerBasisItem(builder, { lighter, mitigated });
    registerSoftMeasures(builder, core);
    registerInvitations(builder, core, guards);
    registerFlexibleStats(builder);
  },
  sweeps: [softMeasureFollowUpSweep],
  seed: seedFlexibleEnforcement,
};

export default flexibleEnforcementPlugin;
export * from './rules.js';
export * from './attributes.js';
export * from './topics.js';
export { basisRefusal } from './basis-rules.js';
export { citeFlexibleBasisInTx, flexibleEnforcementGuard } from './decision-basis.js';
export { recordSoftMeasureInTx, recordSoftMeasureOutcomeInTx, openCaseFromSoftMeasureInTx } from './soft-measures.js';
export { notifyOverdueSoftMeasuresInTx } from './soft-measure-sweep.js';
export * from './rules/invitation-state.js';
export { bindingVisits, openCaseAfterInvitationInTx } from './invitation-binding.js';
export {
  closeInvitationInTx,
  declineInvitationInTx,
  rateInvitationInTx,
  recordInvitationVisitInTx,
  requestInvitationInTx,
  scheduleInvitationInTx,
  withdrawInvitationInTx,
} from './invitations.js';
export { flexibleStats, type FlexibleStats } from './stats/read.js';
export { MAX_STATS_DAYS as FLEXIBLE_MAX_STATS_DAYS, statsRangeRefusal } from './stats/figures.js';
