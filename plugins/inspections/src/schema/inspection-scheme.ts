// InspectionScheme 检查方案 (county plan task 5): the type with its items, the list `inspectionSchemes`, and the
// mutations that request a scheme and let the agency head approve or refuse it (catalogue/schemes.ts holds their
// rules). Who reads a row is schemeRule (access.ts): the agency's working papers, and supervisors'.
import {
  asIfUnknown,
  describedValues,
  domainErrors,
  ForbiddenError,
  nodeRowId,
  parseId,
  parseOptionalId,
  requiredText,
  tryParseId,
  unitOfWork,
  ValidationError,
  type Context,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { actorShownTo, isAgencyHeadOf } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import { InspectionSchemeStatus, type Prisma } from '@zhifa/core/prisma';
import { schemeItemRule, schemeRule } from '../access.js';
import { schemeNotFound } from '../catalogue/common.js';
import { decideInspectionSchemeInTx, HEAD_ONLY, requestInspectionSchemeInTx } from '../catalogue/schemes.js';
import { SCHEME_STATUS_NAMES, schemeApprovalLate } from '../rules/catalogue.js';

/** At most this many items per scheme (one inspection's worth). */
export const MAX_SCHEME_ITEMS = 50;

/** Only the agency head (行政机关负责人) decides; a scheme the caller may not read answers as unknown. */
async function headScope(gid: GlobalId, ctx: Context) {
  const id = tryParseId(gid, 'InspectionScheme');
  if (id === null) return { authenticated: true } as const;
  // The public is asked to sign in, whatever the row.
  if (ctx.viewer.kind === 'public') return { authenticated: true } as const;
  const s = await ctx.prisma.inspectionScheme.findUnique({ where: { id } });
  if (!s || !schemeRule.can!(ctx.viewer, s)) return asIfUnknown(ctx, () => schemeNotFound(id));
  if (isAgencyHeadOf(ctx.viewer, s.agencyId)) return true;
  throw new ForbiddenError(HEAD_ONLY);
}

export function registerInspectionScheme(builder: ZhifaBuilder) {
  const StatusEnum = builder.enumType(InspectionSchemeStatus, {
    name: 'InspectionSchemeStatus',
    description: '检查方案审批状态 Approval status of an inspection scheme',
    values: describedValues(SCHEME_STATUS_NAMES),
  });

  builder.prismaObject('InspectionSchemeItem', {
    description: '方案所列检查事项 An inspection item the scheme covers',
    rowRule: schemeItemRule,
    fields: (t) => ({
      item: t.relation('item', {
        rowRuleImplied: 'a scheme lists published items only (their row rule shows published items to everyone)',
        description: '检查事项 The item',
      }),
    }),
  });

  const SchemeRef = builder.prismaNode('InspectionScheme', {
    id: { field: 'id' },
    nullable: true,
    description:
      '检查方案：经本单位行政机关负责人批准后实施；情况紧急的可先行检查、事后补批（县实施方案任务5）An inspection scheme, approved by the agency head; an urgent one is inspected first and approved afterwards (county plan task 5)',
    rowRule: schemeRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      agency: t.relation('agency', { description: '单位 The agency' }),
      plan: t.relation('plan', {
        nullable: true,
        rowRuleImplied: 'the plan is of the scheme’s agency, which any reader of the scheme may read',
        description: '所实施的年度检查计划 The annual plan it implements, if any',
      }),
      title: t.exposeString('title', { description: '方案名称 Title' }),
      content: t.exposeString('content', { description: '检查内容、方式、人员安排 Content, method and staffing' }),
      items: t.relation('items', {
        description: `检查事项（至多 ${MAX_SCHEME_ITEMS} 项）Inspection items, at most ${MAX_SCHEME_ITEMS}`,
        query: { orderBy: { itemId: 'asc' }, take: MAX_SCHEME_ITEMS },
      }),
      status: t.expose('status', { type: StatusEnum, description: '审批状态 Status' }),
      urgent: t.exposeBoolean('urgent', { description: '情况紧急、先行检查 Urgent: inspected first' }),
      urgentReason: t.exposeString('urgentReason', { nullable: true, description: '紧急理由 Why urgent' }),
      approvalDueAt: t.expose('approvalDueAt', {
        type: 'DateTime',
        nullable: true,
        description: '事后补批期限（紧急方案）Deadline of an urgent scheme’s approval',
      }),
      approvalLate: t.boolean({
        description: '逾期补批：紧急方案在补批期限之后才作出决定 An urgent scheme decided after its approval deadline',
        resolve: (s) => schemeApprovalLate(s),
      }),
      overdueAnnouncedAt: t.expose('overdueAnnouncedAt', {
        type: 'DateTime',
        nullable: true,
        description: '补批逾期提示时间（仅一次）When the missed approval deadline was announced (once)',
      }),
      requestedBy: t.string({
        description: '报批人（工作人员可见账号）Requested by',
        resolve: (s, _a, ctx) => actorShownTo(ctx.viewer, s.requestedBy),
      }),
      requestedAt: t.expose('requestedAt', { type: 'DateTime', description: '报批时间 Requested at' }),
      decidedBy: t.string({
        nullable: true,
        description: '审批的行政机关负责人 The agency head who decided',
        resolve: (s, _a, ctx) => (s.decidedBy === null ? null : actorShownTo(ctx.viewer, s.decidedBy)),
      }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true, description: '审批时间 Decided at' }),
      decisionNote: t.exposeString('decisionNote', { nullable: true, description: '审批意见 The head’s note' }),
    }),
  });

  builder.queryField('inspectionSchemes', (t) =>
    t.prismaConnection({
      type: 'InspectionScheme',
      cursor: 'id',
      nullable: true,
      description:
        '检查方案（本单位人员见本单位的，监督人员见全部；最新在前）Inspection schemes: staff their agency’s, supervisors all; newest first',
      authScopes: { staff: true },
      args: {
        agencyId: t.arg.globalID({ required: false, description: '单位 Only this agency’s' }),
        status: t.arg({ type: StatusEnum, required: false, description: '审批状态 Only in this status' }),
      },
      totalCount: (_p, args, ctx) => ctx.prisma.inspectionScheme.count({ where: schemesWhere(args) }),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.inspectionScheme.findMany({ ...query, where: schemesWhere(args), orderBy: { id: 'desc' } }),
    }),
  );

  const RequestInput = builder.inputType('RequestInspectionSchemeInput', {
    description: '报批检查方案 A scheme for the agency head’s approval',
    fields: (t) => ({
      agencyId: t.globalID({ required: true, description: '单位（本单位）The agency: your own' }),
      planId: t.globalID({
        required: false,
        description: '所实施的本单位年度检查计划 The agency’s plan it implements',
      }),
      title: t.string({
        required: true,
        description: '方案名称（至多 200 字）Title',
        validate: requiredText(200, '方案名称', 'title'),
      }),
      content: t.string({
        required: true,
        description: '检查内容、方式、人员安排 Content, method and staffing',
        extensions: textKind('multiline'),
        validate: requiredText(4000, '检查内容', 'content'),
      }),
      itemIds: t.globalIDList({
        required: true,
        description: `检查事项（1–${MAX_SCHEME_ITEMS} 项，本单位已公布的）Items: 1–${MAX_SCHEME_ITEMS}, the agency's published ones`,
      }),
      urgent: t.boolean({
        required: false,
        defaultValue: false,
        description: '情况紧急、先行检查、事后补批 Urgent: inspected first, approved afterwards',
      }),
      urgentReason: t.string({
        required: false,
        description: '紧急理由（紧急方案必填）Why urgent: required when urgent',
        extensions: textKind('multiline'),
      }),
    }),
  });

  builder.mutationField('requestInspectionScheme', (t) =>
    t.prismaField({
      type: SchemeRef,
      description:
        '报批检查方案（本单位执法人员、管理员；紧急的须说明理由，并在设定时限内由负责人补批；县实施方案任务5）Request a scheme (the agency’s officers and admin; an urgent one states why and is approved afterwards within the set time; county plan task 5)',
      errors: { types: domainErrors },
      authScopes: (_root, args) => ({ officerOf: tryParseId(args.input.agencyId, 'Agency') ?? -1 }),
      args: { input: t.arg({ type: RequestInput, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const urgent = input.urgent ?? false;
          const urgentReason = input.urgentReason?.trim() || null;
          if (urgent && !urgentReason)
            throw ValidationError.one(['input', 'urgentReason'], {
              zh: '紧急检查须说明紧急理由（县实施方案任务5：情况紧急的，可先行检查，事后补批）',
              en: 'an urgent inspection states why it is urgent (county plan task 5)',
            });
          if (urgentReason && urgentReason.length > 2000)
            throw ValidationError.one(['input', 'urgentReason'], {
              zh: '过长（至多 2000 字）',
              en: 'too long (at most 2000)',
            });
          if (input.itemIds.length < 1 || input.itemIds.length > MAX_SCHEME_ITEMS)
            throw ValidationError.one(['input', 'itemIds'], {
              zh: `须列入 1 至 ${MAX_SCHEME_ITEMS} 项检查事项`,
              en: `list from 1 to ${MAX_SCHEME_ITEMS} inspection items`,
            });
          const scheme = await requestInspectionSchemeInTx(uow, {
            agencyId: parseId(input.agencyId, 'Agency', ['input', 'agencyId']),
            planId: parseOptionalId(input.planId, 'InspectionPlan', ['input', 'planId']),
            title: input.title.trim(),
            content: input.content.trim(),
            itemIds: input.itemIds.map((m, i) => parseId(m, 'InspectionItem', ['input', 'itemIds', i])),
            urgent,
            urgentReason,
          });
          return uow.tx.inspectionScheme.findUniqueOrThrow({ ...query, where: { id: scheme.id } });
        }),
    }),
  );

  const decide = (field: string, decision: 'APPROVED' | 'REFUSED', description: string) =>
    builder.mutationField(field, (t) =>
      t.prismaField({
        type: SchemeRef,
        description,
        errors: { types: domainErrors },
        authScopes: (_root, args, ctx) => headScope(args.schemeId, ctx),
        args: {
          schemeId: t.arg.globalID({ required: true, description: '检查方案 Scheme' }),
          note: t.arg.string({
            required: decision === 'REFUSED',
            description:
              decision === 'REFUSED' ? '不予批准的理由（必填）Why not approved: required' : '审批意见 The head’s note',
            extensions: textKind('multiline'),
          }),
        },
        resolve: (query, _root, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const note = args.note?.trim() || null;
            if (decision === 'REFUSED' && !note)
              throw ValidationError.one(['note'], {
                zh: '须说明不予批准的理由',
                en: 'say why the scheme is not approved',
              });
            if (note && note.length > 2000)
              throw ValidationError.one(['note'], { zh: '过长（至多 2000 字）', en: 'too long (at most 2000)' });
            const s = await decideInspectionSchemeInTx(
              uow,
              parseId(args.schemeId, 'InspectionScheme', ['schemeId']),
              decision,
              note,
            );
            return uow.tx.inspectionScheme.findUniqueOrThrow({ ...query, where: { id: s.id } });
          }),
      }),
    );
  decide(
    'approveInspectionScheme',
    'APPROVED',
    '批准检查方案（仅本单位行政机关负责人，不得由内设机构负责人或管理员批准；县实施方案任务5）Approve a scheme (the agency head only; county plan task 5)',
  );
  decide(
    'refuseInspectionScheme',
    'REFUSED',
    '不予批准检查方案并说明理由（仅本单位行政机关负责人）Refuse a scheme, saying why (the agency head only)',
  );

  return { SchemeRef };
}

interface SchemesArgs {
  agencyId?: GlobalId | null;
  status?: InspectionSchemeStatus | null;
}

function schemesWhere(args: SchemesArgs): Prisma.InspectionSchemeWhereInput {
  return {
    ...(args.agencyId ? { agencyId: tryParseId(args.agencyId, 'Agency') ?? -1 } : {}),
    ...(args.status ? { status: args.status } : {}),
  };
}
