// 不予处罚清单 (task 7): versioned non-penalty lists on core's list machinery, evaluation of an item
// against a case, grants that decide the case through core, statistics and live updates.
import type { ZhifaPlugin } from '@zhifa/core';
import { registerNonPenaltyList } from './schema/non-penalty-list.js';
import { registerNonPenaltyDecision } from './schema/non-penalty-decision.js';
import { registerNonPenaltyEvaluation } from './schema/non-penalty-evaluation.js';
import { registerGrantNonPenalty } from './schema/grant-non-penalty.js';
import { registerNonPenaltyStats } from './schema/non-penalty-stats.js';
import { registerNonPenaltySubscriptions } from './schema/subscriptions.js';
import { NON_PENALTY_KIND_LABEL } from './attributes.js';
import { nonPenaltySettings } from './settings.js';
import { NON_PENALTY_TOPICS } from './topics.js';
import { seedNonPenalty } from './seed.js';
import { nonPenaltyGuard } from './guard.js';

export const nonPenaltyPlugin: ZhifaPlugin = {
  name: 'non-penalty',
  settings: nonPenaltySettings,
  topics: NON_PENALTY_TOPICS,
  listKinds: [NON_PENALTY_KIND_LABEL],
  register(builder, { guards, core }) {
    guards.add(nonPenaltyGuard);
    const lists = registerNonPenaltyList(builder, core);
    const evaluation = registerNonPenaltyEvaluation(builder, lists);
    const decision = registerNonPenaltyDecision(builder, lists, evaluation);
    registerGrantNonPenalty(builder, evaluation);
    registerNonPenaltyStats(builder);
    registerNonPenaltySubscriptions(builder, { ...lists, decision });
  },
  seed: seedNonPenalty,
};

export default nonPenaltyPlugin;
export * from './rules.js';
export * from './attributes.js';
export * from './topics.js';
export { nonPenaltySettings, type NonPenaltySettings } from './settings.js';
export { grantNonPenaltyInTx, type GrantInput } from './grant.js';
export { nonPenaltyGuard, mandatoryItemCovering, PENALISING_DECISIONS } from './guard.js';
export { nonPenaltyStats, MAX_STATS_MONTHS } from './stats.js';
