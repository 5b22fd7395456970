// InspectionItem 检查事项 (county plan task 5): the type with its matters, the list `inspectionItems`, and the
// mutations that compile, publish and repeal an item (catalogue/items.ts holds their rules). Who reads a row is
// itemRule (access.ts): published items are public, drafts the agency's own and supervisors'.
import {
  asIfUnknown,
  domainErrors,
  ForbiddenError,
  msg,
  nodeRowId,
  parseId,
  requiredText,
  tryParseId,
  unitOfWork,
  type Context,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import type { Prisma } from '@zhifa/core/prisma';
import { z } from 'zod';
import { itemMatterRule, itemRule } from '../access.js';
import { compilesFor, itemNotFound, NOT_COMPILER } from '../catalogue/common.js';
import {
  createInspectionItemInTx,
  MAX_ITEM_MATTERS,
  publishInspectionItemInTx,
  repealInspectionItemInTx,
} from '../catalogue/items.js';
import { itemPublishedLate } from '../rules/catalogue.js';

/** A catalogue year: the platform's era, not a typo's. */
const YEAR_MSG = msg('年度须为 2020–2100', 'the year is from 2020 to 2100');
export const YEAR = z.number().int(YEAR_MSG).min(2020, YEAR_MSG).max(2100, YEAR_MSG);
const YEAR_ARG = { validate: YEAR };

/**
 * The scope of a step on one item: one the caller may not read answers as unknown; one read but not the caller's
 * agency's to compile is refused (谁编制、谁公示).
 */
async function itemScope(gid: GlobalId, ctx: Context) {
  const id = tryParseId(gid, 'InspectionItem');
  if (id === null) return { authenticated: true } as const;
  // The public is asked to sign in, whatever the row.
  if (ctx.viewer.kind === 'public') return { authenticated: true } as const;
  const item = await ctx.prisma.inspectionItem.findUnique({ where: { id } });
  if (!item || !itemRule.can!(ctx.viewer, item)) return asIfUnknown(ctx, () => itemNotFound(id));
  if (compilesFor(ctx.viewer, item.agencyId)) return true;
  throw new ForbiddenError(NOT_COMPILER);
}

export function registerInspectionItem(builder: ZhifaBuilder) {
  builder.prismaObject('InspectionItemMatter', {
    description: '检查事项对应的行政执法事项 An enforcement matter the inspection item checks',
    rowRule: itemMatterRule,
    fields: (t) => ({
      matter: t.relation('matter', {
        rowRuleImplied: 'an item names published matters only (createInspectionItem refuses any other)',
        description: '行政执法事项 The matter',
      }),
    }),
  });

  const ItemRef = builder.prismaNode('InspectionItem', {
    id: { field: 'id' },
    nullable: true,
    description:
      '检查事项：执法单位编制、公布的涉企行政检查事项，对应其有权实施的行政执法事项（谁编制、谁公示；县实施方案任务5）An agency’s inspection item, tied to enforcement matters it may enforce (published by the agency that compiled it; county plan task 5)',
    rowRule: itemRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      agency: t.relation('agency', { description: '编制单位 The compiling agency' }),
      name: t.exposeString('name', { description: '事项名称 Name' }),
      basis: t.exposeString('basis', { description: '检查依据 Legal basis' }),
      domain: t.exposeString('domain', { description: '监管领域（取自所对应的执法事项）Domain, from its matters' }),
      year: t.exposeInt('year', { description: '编制年度 Catalogue year' }),
      matters: t.relation('matters', {
        description: `对应的行政执法事项（至多 ${MAX_ITEM_MATTERS} 项）The enforcement matters it checks, at most ${MAX_ITEM_MATTERS}`,
        query: { orderBy: { matterId: 'asc' }, take: MAX_ITEM_MATTERS },
      }),
      publishedAt: t.expose('publishedAt', {
        type: 'DateTime',
        nullable: true,
        description: '公布时间；为空表示草稿 Published at; null while a draft',
      }),
      publishedLate: t.boolean({
        description:
          '逾期公布：晚于当年4月15日（北京时间）公布（县实施方案任务5）Published after 15 April of its year, Asia/Shanghai (county plan task 5)',
        resolve: (i) => itemPublishedLate(i.year, i.publishedAt),
      }),
      repealedAt: t.expose('repealedAt', { type: 'DateTime', nullable: true, description: '废止时间 Repealed at' }),
      createdBy: t.string({
        description: '编制人（工作人员可见账号，其他人只见类别）Compiled by',
        resolve: (i, _a, ctx) => actorShownTo(ctx.viewer, i.createdBy),
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: '编制时间 Compiled at' }),
    }),
  });

  builder.queryField('inspectionItems', (t) =>
    t.prismaConnection({
      type: 'InspectionItem',
      cursor: 'id',
      nullable: true,
      description:
        '检查事项（公众见已公布的；本单位人员另见本单位草稿；监督人员见全部）Inspection items: the public the published ones, staff also their agency’s drafts, supervisors all',
      args: {
        agencyId: t.arg.globalID({ required: false, description: '编制单位 Only this agency’s' }),
        year: t.arg.int({ required: false, description: '编制年度 Only this year’s', ...YEAR_ARG }),
        published: t.arg.boolean({
          required: false,
          description: 'true：已公布；false：草稿 true: published; false: drafts',
        }),
      },
      totalCount: (_p, args, ctx) => ctx.prisma.inspectionItem.count({ where: itemsWhere(args) }),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.inspectionItem.findMany({ ...query, where: itemsWhere(args), orderBy: { id: 'asc' } }),
    }),
  );

  const ItemInput = builder.inputType('CreateInspectionItemInput', {
    description: '编制检查事项 A new inspection item (a draft until published)',
    fields: (t) => ({
      agencyId: t.globalID({ required: true, description: '编制单位（本单位）The compiling agency: your own' }),
      name: t.string({
        required: true,
        description: '事项名称（至多 200 字）Name, at most 200 characters',
        validate: requiredText(200, '事项名称', 'name'),
      }),
      basis: t.string({
        required: true,
        description: '检查依据（法律法规及条款，至多 2000 字）Legal basis, at most 2000 characters',
        extensions: textKind('multiline'),
        validate: requiredText(2000, '检查依据', 'basis'),
      }),
      year: t.int({ required: true, description: '编制年度 Catalogue year', ...YEAR_ARG }),
      matterIds: t.globalIDList({
        required: true,
        description: `对应的行政执法事项（1–${MAX_ITEM_MATTERS} 项，已公布、本单位有权实施、同一领域）Enforcement matters: 1–${MAX_ITEM_MATTERS}, published, the agency's, one domain`,
      }),
    }),
  });

  builder.mutationField('createInspectionItem', (t) =>
    t.prismaField({
      type: ItemRef,
      description:
        '编制检查事项（本单位执法人员、管理员；须具备行政检查主体资格；县实施方案任务5）Compile an inspection item (the agency’s officers and admin; the agency needs its inspection-subject qualification; county plan task 5)',
      errors: { types: domainErrors },
      authScopes: (_root, args) => ({ officerOf: tryParseId(args.input.agencyId, 'Agency') ?? -1 }),
      args: { input: t.arg({ type: ItemInput, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const item = await createInspectionItemInTx(uow, {
            agencyId: parseId(input.agencyId, 'Agency', ['input', 'agencyId']),
            name: input.name.trim(),
            basis: input.basis.trim(),
            year: input.year,
            matterIds: input.matterIds.map((m, i) => parseId(m, 'EnforcementMatter', ['input', 'matterIds', i])),
          });
          return uow.tx.inspectionItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
        }),
    }),
  );

  const step = (field: string, description: string, run: typeof publishInspectionItemInTx) =>
    builder.mutationField(field, (t) =>
      t.prismaField({
        type: ItemRef,
        description,
        errors: { types: domainErrors },
        authScopes: (_root, args, ctx) => itemScope(args.itemId, ctx),
        args: { itemId: t.arg.globalID({ required: true, description: '检查事项 Inspection item' }) },
        resolve: (query, _root, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const item = await run(uow, parseId(args.itemId, 'InspectionItem', ['itemId']));
            return uow.tx.inspectionItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
          }),
      }),
    );
  step(
    'publishInspectionItem',
    '公布检查事项（谁编制、谁公示：编制单位的执法人员、管理员；公布后不再修改；晚于4月15日公布的标为逾期；县实施方案任务5）Publish an item (the compiling agency; not edited afterwards; after 15 April it is shown late; county plan task 5)',
    publishInspectionItemInTx,
  );
  step(
    'repealInspectionItem',
    '废止检查事项（编制单位；废止后不得列入计划和方案）Repeal an item (the compiling agency; no plan or scheme takes it afterwards)',
    repealInspectionItemInTx,
  );

  return { ItemRef };
}

interface ItemsArgs {
  agencyId?: GlobalId | null;
  year?: number | null;
  published?: boolean | null;
}

/** The list's filters; the row rule is added by the framework. */
function itemsWhere(args: ItemsArgs): Prisma.InspectionItemWhereInput {
  return {
    ...(args.agencyId ? { agencyId: tryParseId(args.agencyId, 'Agency') ?? -1 } : {}),
    ...(args.year != null ? { year: args.year } : {}),
    ...(args.published === true ? { publishedAt: { not: null } } : {}),
    ...(args.published === false ? { publishedAt: null } : {}),
  };
}
