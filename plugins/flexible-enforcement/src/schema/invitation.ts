// Invitation 邀约式执法服务 (county plan task 7): the type with its matters, officers and the cases that cited it, and
// where it is read from — `invitations`, Enterprise.invitations, Agency.invitations, EnforcementCase.invitationCitation.
// Who sees a row is access.ts (invitationRule: the inviting enterprise, the invited agency's staff, supervisors).
import { describedValues, nodeRowId, tryParseId, type GlobalId, type ZhifaBuilder } from '@zhifa/core';
import { actorShownTo, isSupervisor } from '@zhifa/core/auth';
import { InvitationStatus, type Prisma } from '@zhifa/core/prisma';
import { addDays, startOfShanghaiDay } from '@zhifa/core/time';
import { citationRule, invitationMatterRule, invitationOfficerRule, invitationRule } from '../access.js';
import { INVITATION_STATUS_NAMES } from '../rules/invitation-state.js';

export function registerInvitationTypes(builder: ZhifaBuilder) {
  const StatusEnum = builder.enumType(InvitationStatus, {
    name: 'InvitationStatus',
    description: '邀约式执法服务状态 Status of an invitation',
    values: describedValues(INVITATION_STATUS_NAMES),
  });

  builder.prismaObject('InvitationMatter', {
    description: '邀约所涉行政执法事项 An enforcement matter the invitation asks about',
    rowRule: invitationMatterRule,
    fields: (t) => ({
      matter: t.relation('matter', {
        rowRuleImplied: 'enforcement matters are public (published) or the agency’s own',
        description: '行政执法事项 The matter',
      }),
    }),
  });

  builder.prismaObject('InvitationOfficer', {
    description:
      '安排上门的执法人员（亮证：企业可见姓名和执法证号）An officer scheduled for the visit (the enterprise sees the name and certificate number, as shown at the visit)',
    rowRule: invitationOfficerRule,
    // The enterprise reads no person record; what an officer shows at the door (行政处罚法第55条) it reads here.
    select: { person: { select: { name: true, certificateNumber: true } } },
    fields: (t) => ({
      name: t.string({ description: '姓名 Name', resolve: (o) => o.person.name }),
      certificateNumber: t.string({
        nullable: true,
        description: '执法证号 Certificate number',
        resolve: (o) => o.person.certificateNumber,
      }),
      person: t.relation('person', {
        nullable: true,
        description: '人员记录（工作人员可见）The person record (staff)',
      }),
    }),
  });

  builder.prismaNode('InvitationCaseCitation', {
    id: { field: 'id' },
    nullable: true,
    description: '案件对上门服务的引用：上门后立案须说明并引用该次上门 A case opened after an invited visit, citing it',
    rowRule: citationRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      invitation: t.relation('invitation', { description: '所引用的邀约 The invitation cited' }),
      case: t.relation('case', { description: '案件 The case' }),
      statement: t.exposeString('statement', {
        description: '上门后查明的事实（立案理由）What was found after the visit: why the case was opened',
      }),
      citedBy: t.string({
        description: '引用人 Cited by',
        resolve: (c, _a, ctx) => actorShownTo(ctx.viewer, c.citedBy),
      }),
      citedAt: t.expose('citedAt', { type: 'DateTime', description: '引用时间 Cited at' }),
    }),
  });

  const InvitationRef = builder.prismaNode('Invitation', {
    id: { field: 'id' },
    nullable: true,
    description:
      '邀约式执法服务：企业邀请执法单位上门合规体检（方案任务7）An enterprise’s invitation to an agency for a compliance check-up (county plan task 7)',
    rowRule: invitationRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      enterprise: t.relation('enterprise', { description: '邀约企业 The inviting enterprise' }),
      agency: t.relation('agency', { description: '受邀单位 The agency invited' }),
      status: t.expose('status', { type: StatusEnum, description: '状态 Status' }),
      topics: t.exposeString('topics', { description: '体检主题 What the enterprise wants checked' }),
      preferredFrom: t.expose('preferredFrom', { type: 'Date', description: '期望上门起始日 Preferred from' }),
      preferredTo: t.expose('preferredTo', { type: 'Date', description: '期望上门截止日 Preferred to' }),
      contactName: t.exposeString('contactName', { nullable: true, description: '联系人 Contact' }),
      contactPhone: t.exposeString('contactPhone', { nullable: true, description: '联系电话 Contact phone' }),
      requestedAt: t.expose('requestedAt', { type: 'DateTime', description: '邀约时间 Requested at' }),
      respondedAt: t.expose('respondedAt', {
        type: 'DateTime',
        nullable: true,
        description: '首次答复（安排或婉拒）时间 First answer (scheduled or declined)',
      }),
      scheduledFor: t.expose('scheduledFor', {
        type: 'DateTime',
        nullable: true,
        description: '安排的上门时间 Visit scheduled for',
      }),
      declineReason: t.exposeString('declineReason', { nullable: true, description: '婉拒理由 Why declined' }),
      visitedAt: t.expose('visitedAt', { type: 'DateTime', nullable: true, description: '上门时间 Visited at' }),
      findings: t.exposeString('findings', {
        nullable: true,
        description: '检查发现（不据此直接立案）Findings; never a case by themselves',
      }),
      advice: t.exposeString('advice', { nullable: true, description: '合规建议 Compliance advice' }),
      closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: '办结时间 Closed at' }),
      withdrawnAt: t.expose('withdrawnAt', {
        type: 'DateTime',
        nullable: true,
        description: '撤回时间 Withdrawn at',
      }),
      rating: t.exposeInt('rating', { nullable: true, description: '企业评价（1–5）The enterprise’s rating, 1–5' }),
      ratingComment: t.exposeString('ratingComment', { nullable: true, description: '评价意见 Rating comment' }),
      ratedAt: t.expose('ratedAt', { type: 'DateTime', nullable: true, description: '评价时间 Rated at' }),
      matters: t.relatedConnection('matters', {
        cursor: 'invitationId_matterId',
        // Not the model's primary key alone: the paging check (input/paging.ts) reads cursors of this key.
        extensions: { cursorKey: 'invitationId_matterId' },
        totalCount: true,
        nullable: true,
        description: '所涉行政执法事项（至多 10 项）Matters asked about, at most 10',
        query: { orderBy: { matterId: 'asc' } },
      }),
      officers: t.relatedConnection('officers', {
        cursor: 'invitationId_personId',
        extensions: { cursorKey: 'invitationId_personId' },
        totalCount: true,
        nullable: true,
        description: '安排上门的执法人员 Officers scheduled',
        query: { orderBy: { personId: 'asc' } },
      }),
      citations: t.relatedConnection('citations', {
        cursor: 'id',
        totalCount: true,
        nullable: true,
        description: '上门后引用该次上门立案的案件 Cases opened after the visit that cite it',
        query: { orderBy: { id: 'desc' } },
      }),
    }),
  });

  builder.prismaObjectField('EnforcementCase', 'invitationCitation', (t) =>
    t.relation('invitationCaseCitationInvitationCaseCitation', {
      nullable: true,
      description: '本案所引用的上门服务（如有）The invited visit this case cites, if any',
    }),
  );

  const invitationsOf = (description: string) => ({
    cursor: 'id' as const,
    totalCount: true,
    nullable: true,
    description,
    query: { orderBy: { id: 'desc' as const } },
  });
  builder.prismaObjectField('Enterprise', 'invitations', (t) =>
    t.relatedConnection('invitations', {
      ...invitationsOf('该企业的邀约（可见的）The enterprise’s invitations the caller may see'),
      authScopes: { authenticated: true },
    }),
  );
  builder.prismaObjectField('Agency', 'invitations', (t) =>
    t.relatedConnection('invitations', {
      ...invitationsOf('对该单位的邀约（可见的）Invitations to this agency the caller may see'),
      authScopes: { authenticated: true },
    }),
  );

  builder.queryField('invitations', (t) =>
    t.prismaConnection({
      type: 'Invitation',
      cursor: 'id',
      nullable: true,
      totalCount: (_p, args, ctx) => ctx.prisma.invitation.count({ where: listWhere(args) }),
      description:
        '邀约式执法服务（最新在前；企业见本企业的，执法单位见对本单位的，监督人员见全部）Invitations, newest first: the enterprise its own, the agency those to it, supervisors all',
      args: {
        status: t.arg({ type: StatusEnum, required: false, description: '状态 Only this status' }),
        agencyId: t.arg.globalID({ required: false, description: '受邀单位 Only this agency' }),
        enterpriseId: t.arg.globalID({ required: false, description: '邀约企业 Only this enterprise' }),
        from: t.arg({ type: 'Date', required: false, description: '邀约日起（含，上海时间）Requested from this day' }),
        to: t.arg({ type: 'Date', required: false, description: '邀约日止（含）Requested up to this day, inclusive' }),
      },
      // Another agency's or enterprise's list is refused up front rather than answered empty.
      authScopes: (_root, args, ctx) => {
        const v = ctx.viewer;
        if (isSupervisor(v)) return true;
        const agencyId = args.agencyId ? tryParseId(args.agencyId, 'Agency') : undefined;
        const enterpriseId = args.enterpriseId ? tryParseId(args.enterpriseId, 'Enterprise') : undefined;
        if (v.kind === 'person') return agencyId === undefined || agencyId === v.agencyId;
        if (v.kind === 'enterprise') return enterpriseId === undefined || enterpriseId === v.enterpriseId;
        return false;
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.invitation.findMany({ ...query, where: listWhere(args), orderBy: { id: 'desc' } }),
    }),
  );

  return { InvitationRef, StatusEnum };
}

interface ListArgs {
  status?: InvitationStatus | null;
  agencyId?: GlobalId | null;
  enterpriseId?: GlobalId | null;
  from?: Date | null;
  to?: Date | null;
}

/** The list's filters; `from`/`to` are Asia/Shanghai days of the request, inclusive. */
function listWhere(args: ListArgs): Prisma.InvitationWhereInput {
  return {
    ...(args.status ? { status: args.status } : {}),
    ...(args.agencyId ? { agencyId: tryParseId(args.agencyId, 'Agency') ?? -1 } : {}),
    ...(args.enterpriseId ? { enterpriseId: tryParseId(args.enterpriseId, 'Enterprise') ?? -1 } : {}),
    ...(args.from || args.to
      ? {
          requestedAt: {
            ...(args.from ? { gte: startOfShanghaiDay(args.from) } : {}),
            ...(args.to ? { lt: startOfShanghaiDay(addDays(args.to, 1)) } : {}),
          },
        }
      : {}),
  };
}
