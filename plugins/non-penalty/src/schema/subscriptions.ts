// Live updates through core's defineTopicSubscription: authorisation (canSeeEvent), replay with
// `after` and in-order delivery come from core; here only the topic, the filter and the row to yield.
import { defineTopicSubscription, tryParseId, type ZhifaBuilder } from '@zhifa/core';
import { NON_PENALTY_GRANTED, NON_PENALTY_LIST_TOPICS } from '../topics.js';
import type { NonPenaltyListRefs } from './non-penalty-list.js';
import type { registerNonPenaltyDecision } from './non-penalty-decision.js';

export function registerNonPenaltySubscriptions(
  builder: ZhifaBuilder,
  refs: NonPenaltyListRefs & { decision: ReturnType<typeof registerNonPenaltyDecision> },
): void {
  // `nonPenaltyList.published` is a public event: the list is 向社会公布, no token needed.
  defineTopicSubscription(builder, {
    field: 'nonPenaltyListPublished',
    description: '不予处罚清单公布（公开）A non-penalty list version was published (public)',
    topics: [NON_PENALTY_LIST_TOPICS.published],
    type: refs.list,
    args: (arg) => ({ domain: arg.string({ required: false, description: '监管领域 Only this domain' }) }),
    filter: (e, args) => !args.domain || e.payload.domain === args.domain,
    resolve: (e, _args, ctx) => ctx.prisma.enforcementList.findUnique({ where: { id: e.payload.listId } }),
  });

  // The event carries the case's agency and enterprise, so canSeeEvent lets through the agency's
  // staff, supervisors and the enterprise itself — the readers of the case.
  defineTopicSubscription(builder, {
    field: 'nonPenaltyGranted',
    description:
      '作出不予处罚决定（本单位人员及监督人员）A no-penalty decision was granted (the agency’s staff, supervisors)',
    topics: [NON_PENALTY_GRANTED],
    type: refs.decision,
    args: (arg) => ({ agencyId: arg.globalID({ required: false, description: '办案单位 Only this agency' }) }),
    // Asking for another agency's decisions is refused up front rather than left silent.
    authScopes: (_parent, args) =>
      args.agencyId
        ? { $any: { supervisor: true, officerOf: tryParseId(args.agencyId, 'Agency') ?? -1 } }
        : { staff: true },
    filter: (e, args) => !args.agencyId || e.agencyId === tryParseId(args.agencyId, 'Agency'),
    resolve: (e, _args, ctx) => ctx.prisma.nonPenaltyDecision.findUnique({ where: { id: e.payload.decisionId } }),
  });
}
