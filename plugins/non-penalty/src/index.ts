import type { ZhifaPlugin } from '@zhifa/core';
import { registerNonPenaltyList } from './schema/non-penalty-list.js';
import { seedNonPenalty } from './seed.js';

export const nonPenaltyPlugin: ZhifaPlugin = {
  name: 'non-penalty',
  register(builder) {
    registerNonPenaltyList(builder);
  },
  seed: seedNonPenalty,
};

export default nonPenaltyPlugin;
export * from './rules.js';
export { nonPenaltyAttributesSchema, nonPenaltyCsvColumns, NON_PENALTY_TOPIC_PREFIX, type NonPenaltyAttributes } from './schema/non-penalty-list.js';
