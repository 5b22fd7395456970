// The invitation's steps as mutations (invitations.ts holds the rules of each): the enterprise's user requests,
// withdraws and rates; the invited agency's officers and admin (core's officerOf) schedule, decline, record the
// visit and close; a case about a visited enterprise and matter is opened with openCaseAfterInvitation. Each is
// refused before its input is looked at when the caller may not take that step: an invitation the caller may not
// read answers as an unknown one.
import {
  asIfUnknown,
  domainErrors,
  openCaseData,
  parseId,
  requiredText,
  tryParseId,
  unitOfWork,
  ValidationError,
  type Context,
  type CoreRefs,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { textKind } from '@zhifa/core/input';
import { z } from 'zod';
import { canReadInvitation } from '../access.js';
import { openCaseAfterInvitationInTx } from '../invitation-binding.js';
import {
  closeInvitationInTx,
  declineInvitationInTx,
  invitationNotFound,
  notForOtherEnterprise,
  rateInvitationInTx,
  recordInvitationVisitInTx,
  requestInvitationInTx,
  scheduleInvitationInTx,
  withdrawInvitationInTx,
} from '../invitations.js';
import type { registerInvitationTypes } from './invitation.js';

type Side = 'agency' | 'enterprise';

/**
 * The scope of a step on an invitation: the invited agency's officers and admin (a system admin too, as core's
 * officerOf), or the inviting enterprise's user. One the caller may not read (invitationRule) is unknown.
 */
async function invitationScope(gid: GlobalId, ctx: Context, side: Side) {
  const id = tryParseId(gid, 'Invitation');
  if (id === null) return { authenticated: true } as const;
  const inv = await ctx.prisma.invitation.findUnique({ where: { id }, select: { agencyId: true, enterpriseId: true } });
  // Scopes see every row: the row rule is asked here.
  if (!inv || !canReadInvitation(ctx.viewer, inv)) return asIfUnknown(ctx, () => invitationNotFound(id));
  return side === 'agency' ? { officerOf: inv.agencyId } : { enterpriseUser: true };
}

const idOf = (gid: GlobalId) => parseId(gid, 'Invitation', ['invitationId']);

function optionalText(v: string | null | undefined, max: number, path: string[]): string | null {
  const text = v?.trim() ?? '';
  if (text.length > max)
    throw ValidationError.one(path, { zh: `过长（至多 ${max} 字）`, en: `too long (at most ${max})` });
  return text || null;
}

const PHONE = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{3,30}$/, {
    message: '联系电话须为 3–30 位数字（可含 + - 括号空格） a phone number: 3–30 digits, + - ( ) or spaces',
  });

export function registerInvitationMutations(
  builder: ZhifaBuilder,
  core: CoreRefs,
  refs: ReturnType<typeof registerInvitationTypes>,
) {
  const Invitation = refs.InvitationRef;

  const RequestInput = builder.inputType('RequestInvitationInput', {
    description: '邀约执法单位上门合规体检 An invitation to an agency for a compliance check-up',
    fields: (t) => ({
      enterpriseId: t.globalID({ required: true, description: '邀约企业（本企业）The inviting enterprise: your own' }),
      agencyId: t.globalID({ required: true, description: '受邀执法单位 The agency invited' }),
      topics: t.string({
        required: true,
        description: '体检主题（至多 2000 字）What to check, at most 2000 characters',
        extensions: textKind('multiline'),
        validate: requiredText(2000, '体检主题', 'topics'),
      }),
      matterIds: t.globalIDList({
        required: true,
        description:
          '所涉行政执法事项（1–10 项，受邀单位可实施的已公布事项）Enforcement matters, 1–10, published and of the agency’s domains',
      }),
      preferredFrom: t.field({
        type: 'Date',
        required: true,
        description: '期望上门起始日（不早于今天）Preferred from',
      }),
      preferredTo: t.field({ type: 'Date', required: true, description: '期望上门截止日 Preferred to' }),
      contactName: t.string({
        required: false,
        description: '联系人 Contact',
        extensions: textKind('name'),
        validate: z.string().trim().max(50),
      }),
      contactPhone: t.string({ required: false, description: '联系电话 Contact phone', validate: PHONE }),
    }),
  });

  builder.mutationField('requestInvitation', (t) =>
    t.prismaField({
      type: Invitation,
      description:
        '企业邀约执法单位上门合规体检（企业用户，仅为本企业；方案任务7）An enterprise invites an agency for a compliance check-up (its own user; county plan task 7)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => {
        const v = ctx.viewer;
        if (v.kind === 'enterprise' && tryParseId(args.input.enterpriseId, 'Enterprise') !== v.enterpriseId)
          throw notForOtherEnterprise();
        return { enterpriseUser: true };
      },
      args: { input: t.arg({ type: RequestInput, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const inv = await requestInvitationInTx(uow, {
            enterpriseId: parseId(input.enterpriseId, 'Enterprise', ['input', 'enterpriseId']),
            agencyId: parseId(input.agencyId, 'Agency', ['input', 'agencyId']),
            topics: input.topics.trim(),
            matterIds: input.matterIds.map((m, i) => parseId(m, 'EnforcementMatter', ['input', 'matterIds', i])),
            preferredFrom: input.preferredFrom,
            preferredTo: input.preferredTo,
            contactName: input.contactName?.trim() || null,
            contactPhone: input.contactPhone?.trim() || null,
          });
          return uow.tx.invitation.findUniqueOrThrow({ ...query, where: { id: inv.id } });
        }),
    }),
  );

  const on = (side: Side, description: string) => ({
    description,
    errors: { types: domainErrors },
    authScopes: (_root: unknown, args: { invitationId: GlobalId }, ctx: Context) =>
      invitationScope(args.invitationId, ctx, side),
  });

  builder.mutationField('scheduleInvitation', (t) =>
    t.prismaField({
      type: Invitation,
      ...on(
        'agency',
        '受理并安排（或改期）上门：时间不早于现在，受邀单位至少 2 名持有效执法证的执法人员（行政处罚法第42条）Accept and schedule (or reschedule) the visit: a time not in the past, two or more officers of the agency who may enforce (art. 42)',
      ),
      args: {
        invitationId: t.arg.globalID({ required: true, description: '邀约 Invitation' }),
        scheduledFor: t.arg({ type: 'DateTime', required: true, description: '上门时间 Visit at' }),
        officerIds: t.arg.globalIDList({ required: true, description: '执法人员（至少 2 名）Officers, two or more' }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const inv = await scheduleInvitationInTx(uow, idOf(args.invitationId), {
            scheduledFor: args.scheduledFor,
            officerIds: args.officerIds.map((p, i) => parseId(p, 'Person', ['officerIds', i])),
          });
          return uow.tx.invitation.findUniqueOrThrow({ ...query, where: { id: inv.id } });
        }),
    }),
  );

  builder.mutationField('declineInvitation', (t) =>
    t.prismaField({
      type: Invitation,
      ...on(
        'agency',
        '婉拒邀约并说明理由（受邀单位；仅未答复的邀约）Decline, with a reason (the agency; unanswered only)',
      ),
      args: {
        invitationId: t.arg.globalID({ required: true, description: '邀约 Invitation' }),
        reason: t.arg.string({
          required: true,
          description: '婉拒理由 Why',
          extensions: textKind('multiline'),
          validate: requiredText(2000, '婉拒理由', 'reason'),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const inv = await declineInvitationInTx(uow, idOf(args.invitationId), args.reason.trim());
          return uow.tx.invitation.findUniqueOrThrow({ ...query, where: { id: inv.id } });
        }),
    }),
  );

  builder.mutationField('recordInvitationVisit', (t) =>
    t.prismaField({
      type: Invitation,
      ...on(
        'agency',
        '记录上门服务：检查发现与合规建议（不据此直接立案；不早于安排日）Record the visit: findings and advice (never a case by themselves; not before the scheduled day)',
      ),
      args: {
        invitationId: t.arg.globalID({ required: true, description: '邀约 Invitation' }),
        visitedAt: t.arg({ type: 'DateTime', required: true, description: '上门时间 Visited at' }),
        findings: t.arg.string({
          required: true,
          description: '检查发现 Findings',
          extensions: textKind('multiline'),
          validate: requiredText(4000, '检查发现', 'findings'),
        }),
        advice: t.arg.string({
          required: true,
          description: '合规建议 Compliance advice',
          extensions: textKind('multiline'),
          validate: requiredText(4000, '合规建议', 'advice'),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const inv = await recordInvitationVisitInTx(uow, idOf(args.invitationId), {
            visitedAt: args.visitedAt,
            findings: args.findings.trim(),
            advice: args.advice.trim(),
          });
          return uow.tx.invitation.findUniqueOrThrow({ ...query, where: { id: inv.id } });
        }),
    }),
  );

  const plain = (field: string, side: Side, description: string, run: typeof closeInvitationInTx) =>
    builder.mutationField(field, (t) =>
      t.prismaField({
        type: Invitation,
        ...on(side, description),
        args: { invitationId: t.arg.globalID({ required: true, description: '邀约 Invitation' }) },
        resolve: (query, _root, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const inv = await run(uow, idOf(args.invitationId));
            return uow.tx.invitation.findUniqueOrThrow({ ...query, where: { id: inv.id } });
          }),
      }),
    );
  plain(
    'closeInvitation',
    'agency',
    '办结已上门的邀约（受邀单位）Close a visited invitation (the agency)',
    closeInvitationInTx,
  );
  plain(
    'withdrawInvitation',
    'enterprise',
    '撤回邀约（邀约企业；上门之前）Withdraw the invitation (the enterprise; before the visit)',
    withdrawInvitationInTx,
  );

  builder.mutationField('rateInvitation', (t) =>
    t.prismaField({
      type: Invitation,
      ...on(
        'enterprise',
        '评价上门服务（邀约企业；上门之后，仅一次，1–5 分）Rate the visit (the enterprise; after it, once, 1–5)',
      ),
      args: {
        invitationId: t.arg.globalID({ required: true, description: '邀约 Invitation' }),
        rating: t.arg.int({ required: true, description: '评分 1–5 Rating, 1–5' }),
        comment: t.arg.string({
          required: false,
          description: '评价意见（至多 1000 字）Comment, at most 1000 characters',
          extensions: textKind('multiline'),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const comment = optionalText(args.comment, 1000, ['comment']);
          const inv = await rateInvitationInTx(uow, idOf(args.invitationId), args.rating, comment);
          return uow.tx.invitation.findUniqueOrThrow({ ...query, where: { id: inv.id } });
        }),
    }),
  );

  builder.mutationField('openCaseAfterInvitation', (t) =>
    t.prismaField({
      type: 'EnforcementCase',
      description:
        '上门服务后立案：说明上门后查明的事实并引用该次上门（本单位执法人员；方案任务7）Open a case about an enterprise and matter an invited visit covered, stating what was found after the visit and citing it (officers of the agency; county plan task 7)',
      errors: { types: domainErrors },
      authScopes: async (_root, args, ctx) => {
        const agencyScope = { officerOf: tryParseId(args.case.agencyId, 'Agency') ?? -1 };
        const id = tryParseId(args.invitationId, 'Invitation');
        if (id === null) return agencyScope;
        const inv = await ctx.prisma.invitation.findUnique({
          where: { id },
          select: { agencyId: true, enterpriseId: true },
        });
        if (!inv || !canReadInvitation(ctx.viewer, inv)) return asIfUnknown(ctx, () => invitationNotFound(id));
        return agencyScope;
      },
      args: {
        invitationId: t.arg.globalID({ required: true, description: '所引用的邀约 The invitation cited' }),
        statement: t.arg.string({
          required: true,
          description:
            '上门后查明的事实（立案理由，不能仅凭上门发现）What was found after the visit: why the case is opened',
          extensions: textKind('multiline'),
          validate: requiredText(2000, '上门后查明的事实', 'statement'),
        }),
        case: t.arg({ type: core.OpenCaseInput, required: true, description: '立案 The case' }),
      },
      resolve: async (query, _root, args, ctx) => {
        const opened = await unitOfWork(ctx, (uow) =>
          openCaseAfterInvitationInTx(
            uow,
            idOf(args.invitationId),
            args.statement.trim(),
            openCaseData(args.case, 'case'),
          ),
        );
        // Read after commit, as openCase: the agency's 立案 sequence row is held until the unit of work ends.
        return ctx.prisma.enforcementCase.findUniqueOrThrow({ ...query, where: { id: opened.case.id } });
      },
    }),
  );
}
