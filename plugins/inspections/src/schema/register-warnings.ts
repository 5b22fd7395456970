// The warning module 预警 (county plan task 15), registered in one call: the warning and its steps with their lists,
// the 交办 → 督办 → 整改 → 销号 mutations, and the supervisors' live subscription.
import type { CoreRefs, ZhifaBuilder } from '@zhifa/core';
import { registerWarningTypes } from './inspection-warning.js';
import { registerWarningMutations } from './warning-mutations.js';
import { registerWarningSubscription } from './warning-subscription.js';

export function registerWarnings(builder: ZhifaBuilder, core: CoreRefs): void {
  const refs = registerWarningTypes(builder, core);
  registerWarningMutations(builder, refs);
  registerWarningSubscription(builder, refs);
}
