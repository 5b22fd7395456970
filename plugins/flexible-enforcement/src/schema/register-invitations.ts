// The invitation service 邀约式执法服务 (county plan task 7), registered in one call: its types and queries, its
// mutations, its subscription, and the reaction that makes a later case about a visited enterprise and matter cite
// the visit (invitation-binding.ts).
import type { CaseGuards, CoreRefs, ZhifaBuilder } from '@zhifa/core';
import { registerInvitationBinding } from '../invitation-binding.js';
import { registerInvitationTypes } from './invitation.js';
import { registerInvitationMutations } from './invitation-mutations.js';
import { registerInvitationSubscription } from './invitation-subscription.js';

export function registerInvitations(builder: ZhifaBuilder, core: CoreRefs, guards: CaseGuards): void {
  const refs = registerInvitationTypes(builder);
  registerInvitationMutations(builder, core, refs);
  registerInvitationSubscription(builder, refs);
  registerInvitationBinding(guards);
}
