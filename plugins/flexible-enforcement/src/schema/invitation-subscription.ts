// Subscription.invitationChanged: every step of an invitation, live, with replay (`after`) from core. The event is
// scoped to the invited agency and the inviting enterprise, so core's canSeeEvent lets through exactly the readers
// of the invitation (invitationRule): the enterprise its own, the agency's staff their own, supervisors all.
// Asking for another agency's or enterprise's is refused up front rather than left silent.
import { defineTopicSubscription, tryParseId, type ZhifaBuilder } from '@zhifa/core';
import { isSupervisor } from '@zhifa/core/auth';
import { encodeCursor } from '@zhifa/core/events';
import type { InvitationStatus } from '@zhifa/core/prisma';
import { INVITATION_CHANGED, type InvitationAction } from '../topics.js';
import type { registerInvitationTypes } from './invitation.js';

interface InvitationChange {
  cursor: string;
  action: InvitationAction;
  status: InvitationStatus;
  invitationId: number;
  at: Date;
}

const ACTIONS: Record<InvitationAction, string> = {
  REQUESTED: '企业邀约 The enterprise invited',
  SCHEDULED: '安排（或改期）上门 Scheduled or rescheduled',
  DECLINED: '婉拒 Declined',
  VISITED: '已上门 Visit recorded',
  CLOSED: '办结 Closed',
  WITHDRAWN: '企业撤回 Withdrawn by the enterprise',
  RATED: '企业评价 Rated by the enterprise',
  CASE_CITED: '上门后立案并引用 A case opened after the visit cited it',
};

export function registerInvitationSubscription(
  builder: ZhifaBuilder,
  refs: ReturnType<typeof registerInvitationTypes>,
) {
  const ActionEnum = builder.enumType('InvitationAction', {
    description: '邀约的变化 What happened to an invitation',
    values: Object.fromEntries(Object.entries(ACTIONS).map(([k, d]) => [k, { description: d }])) as Record<
      InvitationAction,
      { description: string }
    >,
  });

  const ChangeRef = builder.objectRef<InvitationChange>('InvitationChange').implement({
    description: '邀约的一步 One step of an invitation',
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: '事件游标（续传用 after）Event cursor, for `after`' }),
      action: t.expose('action', { type: ActionEnum, description: '变化 What happened' }),
      status: t.expose('status', { type: refs.StatusEnum, description: '此后的状态 Status after it' }),
      at: t.expose('at', { type: 'DateTime', description: '时间 When' }),
      invitation: t.prismaField({
        type: 'Invitation',
        nullable: true,
        description: '邀约（当前状态）The invitation, as it is now',
        resolve: (query, c, _args, ctx) =>
          ctx.prisma.invitation.findUnique({ ...query, where: { id: c.invitationId } }),
      }),
    }),
  });

  defineTopicSubscription(builder, {
    field: 'invitationChanged',
    description:
      '邀约式执法服务的每一步（企业见本企业的，执法单位见对本单位的，监督人员见全部）Every step of an invitation: the enterprise its own, the agency’s staff theirs, supervisors all',
    topics: [INVITATION_CHANGED],
    type: ChangeRef,
    args: (arg) => ({
      agencyId: arg.globalID({ required: false, description: '受邀单位 Only this agency' }),
      enterpriseId: arg.globalID({ required: false, description: '邀约企业 Only this enterprise' }),
    }),
    authScopes: (_parent, args, ctx) => {
      const v = ctx.viewer;
      if (isSupervisor(v)) return true;
      const agencyId = args.agencyId ? tryParseId(args.agencyId, 'Agency') : undefined;
      const enterpriseId = args.enterpriseId ? tryParseId(args.enterpriseId, 'Enterprise') : undefined;
      if (v.kind === 'person') return agencyId === undefined || agencyId === v.agencyId;
      if (v.kind === 'enterprise') return enterpriseId === undefined || enterpriseId === v.enterpriseId;
      return false;
    },
    filter: (e, args) =>
      (!args.agencyId || e.payload.agencyId === tryParseId(args.agencyId, 'Agency')) &&
      (!args.enterpriseId || e.payload.enterpriseId === tryParseId(args.enterpriseId, 'Enterprise')),
    resolve: (e) => ({
      cursor: encodeCursor({ txid: e.txid, id: e.id }),
      action: e.payload.action,
      status: e.payload.status,
      invitationId: e.payload.invitationId,
      at: e.createdAt,
    }),
  });
}
