// 涉企行政执法案件经济影响评估 (county plan task 7): the triggers that make an assessment of an enterprise case's economic
// effect required — kept as the case's facts change —, exemptions by the agency head, the assessment with its
// weighted score, mitigations and workflow (draft → legal review → the head's approval, revisions), follow-up visits,
// a case guard that refuses every decision a required assessment has not been approved for, statistics from rollups,
// and live updates for the agency and for supervisors.
import type { ZhifaPlugin } from '@zhifa/core';
import { ECONOMIC_IMPACT_TOPICS } from './topics.js';
import { registerImpactEnums } from './schema/enums.js';
import { registerImpactRules } from './schema/impact-rules.js';
import { registerImpactTrigger } from './schema/impact-trigger.js';
import { registerImpactExemption } from './schema/impact-exemption.js';
import { registerTriggerReactions } from './reactions.js';
import { registerImpactAssessment } from './schema/impact-assessment.js';
import { registerImpactAssessmentWorkflow } from './schema/impact-assessment-workflow.js';
import { registerImpactDecision } from './schema/impact-decision.js';
import { registerImpactStats } from './schema/impact-stats.js';
import { registerHighImpactFlagged } from './schema/high-impact-flagged.js';
import { economicImpactGuard, registerDecidedStats } from './guard.js';
import { seedEconomicImpact } from './seed.js';

export const economicImpactPlugin: ZhifaPlugin = {
  name: 'economic-impact',
  topics: ECONOMIC_IMPACT_TOPICS,
  register(builder, { guards, core }) {
    const enums = registerImpactEnums(builder);
    // Each part registers its types here, with the enums: rules and triggers, assessments, the guard and figures.
    registerImpactRules(builder, enums);
    registerImpactTrigger(builder, enums);
    registerImpactExemption(builder, enums);
    registerTriggerReactions(guards);
    registerImpactAssessmentWorkflow(builder, enums, registerImpactAssessment(builder, enums));
    guards.add(economicImpactGuard);
    registerDecidedStats(guards);
    registerImpactDecision(builder, enums);
    registerImpactStats(builder, enums);
    registerHighImpactFlagged(builder, enums);
    void core;
  },
  seed: seedEconomicImpact,
};

export default economicImpactPlugin;
export * from './topics.js';
export { catchUpImpactTriggersInTx } from './triggers.js';
