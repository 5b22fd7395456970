// Subscription.inspectionWarningRaised: supervisors (县司法局 行政执法协调监督) hear each warning as it is raised, live,
// and replay what they missed after a cursor (`after`, from core). Only supervisors: an agency reads the warnings
// naming it through `inspectionWarnings`, and is refused here rather than left silent (task 15: the county watches).
import { defineTopicSubscription, type ZhifaBuilder } from '@zhifa/core';
import { encodeCursor } from '@zhifa/core/events';
import type { InspectionWarningRule } from '@zhifa/core/prisma';
import { INSPECTION_WARNING_RAISED } from '../topics.js';
import type { registerWarningTypes } from './inspection-warning.js';

interface WarningRaised {
  cursor: string;
  rule: InspectionWarningRule;
  warningId: number;
  raisedAt: Date;
}

export function registerWarningSubscription(builder: ZhifaBuilder, refs: ReturnType<typeof registerWarningTypes>) {
  const RaisedRef = builder.objectRef<WarningRaised>('InspectionWarningRaised').implement({
    description: '新的检查预警（监督人员）A warning raised (supervisors)',
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: '事件游标（续传用 after）Event cursor, for `after`' }),
      rule: t.expose('rule', { type: refs.RuleEnum, description: '预警规则 Rule' }),
      raisedAt: t.expose('raisedAt', { type: 'DateTime', description: '时间 When' }),
      warning: t.prismaField({
        type: 'InspectionWarning',
        nullable: true,
        description: '预警（当前状态）The warning, as it is now',
        resolve: (query, r, _args, ctx) =>
          ctx.prisma.inspectionWarning.findUnique({ ...query, where: { id: r.warningId } }),
      }),
    }),
  });

  defineTopicSubscription(builder, {
    field: 'inspectionWarningRaised',
    description:
      '检查预警（应报备未报备、多头、重复、高频次；监督人员，实时，可从 after 续传）Warnings as they are raised, live, with replay after a cursor (supervisors)',
    topics: [INSPECTION_WARNING_RAISED],
    type: RaisedRef,
    authScopes: { supervisor: true },
    resolve: (e) => ({
      cursor: encodeCursor({ txid: e.txid, id: e.id }),
      rule: e.payload.rule,
      warningId: e.payload.warningId,
      raisedAt: e.createdAt,
    }),
  });
}
