// Subscription.inspectionVisitRecorded: each visit as it is recorded at the door, live, with replay (`after`) from
// core. The event is scoped to the inspecting agency and the enterprise (events.ts), so core's canSeeEvent lets
// through the enterprise itself, the agency's staff and supervisors; nobody else. An enterprise asking for another
// enterprise's visits is refused up front rather than left silent.
import { defineTopicSubscription, tryParseId, type ZhifaBuilder } from '@zhifa/core';
import { isSupervisor } from '@zhifa/core/auth';
import { encodeCursor } from '@zhifa/core/events';
import { INSPECTION_VISIT_RECORDED } from '../topics.js';
import type { registerVisitTypes } from './inspection-visit.js';

interface VisitRecorded {
  cursor: string;
  visitId: number;
  at: Date;
}

export function registerVisitSubscription(builder: ZhifaBuilder, refs: ReturnType<typeof registerVisitTypes>) {
  const Ref = builder.objectRef<VisitRecorded>('InspectionVisitRecorded').implement({
    description: '一次入企检查已记录 A visit was recorded at the door',
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: '事件游标（续传用 after）Event cursor, for `after`' }),
      at: t.expose('at', { type: 'DateTime', description: '记录时间 When' }),
      visit: t.prismaField({
        type: refs.VisitRef,
        nullable: true,
        description: '入企检查（当前状态）The visit, as it is now',
        resolve: (query, e, _args, ctx) =>
          ctx.prisma.inspectionVisit.findUnique({ ...query, where: { id: e.visitId } }),
      }),
    }),
  });

  defineTopicSubscription(builder, {
    field: 'inspectionVisitRecorded',
    description:
      '入企检查实时推送（企业见本企业的，检查单位见本单位的，监督人员见全部）Visits as they are recorded: the enterprise its own, the agency its own, supervisors all',
    topics: [INSPECTION_VISIT_RECORDED],
    type: Ref,
    args: (arg) => ({
      enterpriseId: arg.globalID({ required: false, description: '被检查企业 Only this enterprise' }),
    }),
    authScopes: (_parent, args, ctx) => {
      const v = ctx.viewer;
      if (isSupervisor(v) || v.kind === 'person') return true;
      if (v.kind === 'enterprise')
        return !args.enterpriseId || tryParseId(args.enterpriseId, 'Enterprise') === v.enterpriseId;
      return false;
    },
    filter: (e, args) => !args.enterpriseId || e.payload.enterpriseId === tryParseId(args.enterpriseId, 'Enterprise'),
    resolve: (e) => ({ cursor: encodeCursor({ txid: e.txid, id: e.id }), visitId: e.payload.visitId, at: e.createdAt }),
  });
}
