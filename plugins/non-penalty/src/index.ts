import type { ZhifaPlugin } from '@zhifa/core';
import { registerNonPenaltyList } from './schema/non-penalty-list.js';
import { registerNonPenaltyDecision } from './schema/non-penalty-decision.js';
import { registerNonPenaltyStats } from './schema/non-penalty-stats.js';
import { registerNonPenaltySubscriptions } from './schema/subscriptions.js';
import { seedNonPenalty } from './seed.js';

export const nonPenaltyPlugin: ZhifaPlugin = {
  name: 'non-penalty',
  register(builder) {
    const refs = registerNonPenaltyList(builder);
    registerNonPenaltyDecision(builder, refs);
    registerNonPenaltyStats(builder);
    registerNonPenaltySubscriptions(builder, refs.topics);
  },
  seed: seedNonPenalty,
};

export default nonPenaltyPlugin;
export * from './rules.js';
export { nonPenaltyAttributesSchema, nonPenaltyCsvColumns, NON_PENALTY_TOPIC_PREFIX, type NonPenaltyAttributes } from './schema/non-penalty-list.js';
export { grantNonPenaltyInTx, NON_PENALTY_GRANTED_TOPIC, type GrantInput, type NonPenaltyFactsInput } from './grant.js';
export { nonPenaltyStats, MAX_STATS_MONTHS } from './stats.js';
