// The two node types of a list kind (`<Prefix>List`, `<Prefix>ListItem`), the fields between them
// and `Agency.<prefix>Lists`. Every path to a list row applies listRule (access.ts), the one row
// rule, through the framework (auth/row-rules-plugin.ts).
import { z } from 'zod';
import type { InputFieldMap, InputShapeFromFields } from '@pothos/core';
import type { ZhifaBuilder } from '../builder.js';
import type { Prisma } from '../generated/prisma/client.js';
import { msg } from '../validation.js';
import { nodeRowId } from '../ids.js';
import { listItemRule, listRule } from './access.js';
import { exportListCsv, type ListItemData } from './csv.js';
import { isInForce } from './rules.js';
import type { SharedListTypes } from './kinds.js';
import type { ListItemNodeRef, ListKindSpec, ListNodeRef } from './spec.js';

/** Items whose 违法行为 contains every whitespace-separated term (case-insensitive). */
export function violationSearch(search: string | null | undefined): Prisma.ListItemWhereInput {
  const terms = (search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  return terms.length
    ? { AND: terms.map((term) => ({ violation: { contains: term, mode: 'insensitive' as const } })) }
    : {};
}

/** The common item filters plus the kind's own. */
export interface ItemFilterArgs {
  domain?: string | null;
  discretionLevel?: string | null;
  search?: string | null;
}

export function itemWhere<ItemArgs extends InputFieldMap>(
  spec: ListKindSpec<object, ItemArgs>,
  args: ItemFilterArgs,
): Prisma.ListItemWhereInput {
  // The connection's arguments are the common ones plus the kind's own (itemFilters.args); the
  // compiler cannot relate a generic ItemArgs to that union, so the kind's share is named here.
  const own = args as Partial<InputShapeFromFields<ItemArgs>>;
  return {
    AND: [
      args.domain ? { domain: args.domain } : {},
      args.discretionLevel ? { discretionLevel: args.discretionLevel } : {},
      violationSearch(args.search),
      spec.itemFilters?.where(own) ?? {},
    ],
  };
}

export const searchArg = z.string().max(100, msg('检索词过长', 'search text too long'));

/** A stored item row as the CSV layer sees it (attributes come back from JSON as an object). */
export function toItemData(i: Omit<ListItemData, 'attributes'> & { attributes: Prisma.JsonValue }): ListItemData {
  const attributes: Record<string, unknown> =
    i.attributes !== null && typeof i.attributes === 'object' && !Array.isArray(i.attributes)
      ? { ...i.attributes }
      : {};
  return {
    seq: i.seq,
    domain: i.domain,
    discretionLevel: i.discretionLevel,
    violation: i.violation,
    violatedProvision: i.violatedProvision,
    penaltyProvision: i.penaltyProvision,
    applicableConditions: i.applicableConditions,
    attributes,
  };
}

export function registerListNodes<ItemArgs extends InputFieldMap>(
  builder: ZhifaBuilder,
  spec: ListKindSpec<object, ItemArgs>,
  shared: SharedListTypes,
): { list: ListNodeRef; item: ListItemNodeRef } {
  const P = spec.typePrefix;
  const p = P[0].toLowerCase() + P.slice(1);
  const { ListStatusEnum, ListIssuerLevelEnum } = shared;
  const csvSpec = { columns: spec.csvColumns, attributes: spec.attributes };

  const ListRef = builder.prismaNode('EnforcementList', {
    variant: `${P}List`,
    id: { field: 'id' },
    // node(id) of a version the caller may not see is null, like an unknown id.
    nullable: true,
    description: `${spec.nameZh}（某一版本；已公布及已废止的版本公开）${spec.nameEn}, one version (published and repealed versions are public)`,
    rowRule: listRule,
    findUnique: (id) => ({ id: nodeRowId(id), kind: spec.kind }),
    fields: (t) => ({
      title: t.exposeString('title', { description: '标题 Title' }),
      domain: t.exposeString('domain', { description: '监管领域 Enforcement domain' }),
      version: t.exposeInt('version', { description: '版本号 Version number, 1, 2, …' }),
      status: t.expose('status', { type: ListStatusEnum, description: '状态 Status' }),
      agency: t.relation('agency', {
        description:
          '制定单位（录入并公布该清单的本县单位）Issuing agency: the county agency that records and publishes it',
      }),
      issuerLevel: t.expose('issuerLevel', {
        type: ListIssuerLevelEnum,
        description:
          '制定层级：县级以上清单适用于本领域全部单位 Issuer level; a list above the county applies to every agency of its domain',
      }),
      issuingBody: t.exposeString('issuingBody', {
        nullable: true,
        description: '制定机关（空：即制定单位）Issuing body; null: the agency itself',
      }),
      documentNumber: t.exposeString('documentNumber', {
        nullable: true,
        description: '文号 Document number, e.g. 国市监法〔2025〕10号',
      }),
      validFrom: t.expose('validFrom', { type: 'Date', nullable: true, description: '生效日期 In force from' }),
      validUntil: t.expose('validUntil', {
        type: 'Date',
        nullable: true,
        description: '有效期至 In force until (open-ended if null)',
      }),
      publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: '公布时间 Published at' }),
      repealedAt: t.expose('repealedAt', { type: 'DateTime', nullable: true, description: '废止时间 Repealed at' }),
      repealReason: t.exposeString('repealReason', { nullable: true, description: '废止理由 Why it was repealed' }),
      supersededAt: t.expose('supersededAt', {
        type: 'DateTime',
        nullable: true,
        description: '被新版本取代的时间 When the next version replaced it',
      }),
      inForce: t.boolean({
        description: '今日是否有效（已公布且在有效期内）Published and within its validity period today (Asia/Shanghai)',
        resolve: (l, _args, ctx) => isInForce(l, ctx.clock()),
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      csv: t.string({
        description:
          '导出 CSV（UTF-8 含 BOM，Excel 可直接打开；可原样导入）CSV export, UTF-8 with BOM; imports back unchanged',
        select: { items: { orderBy: { seq: 'asc' } } },
        resolve: (l) => exportListCsv(l.items.map(toItemData), csvSpec),
      }),
    }),
  });

  const ItemRef = builder.prismaNode('ListItem', {
    variant: `${P}ListItem`,
    id: { field: 'id' },
    nullable: true,
    description: `${spec.nameZh}事项 ${spec.nameEn} item`,
    rowRule: listItemRule,
    findUnique: (id) => ({ id: nodeRowId(id), list: { kind: spec.kind } }),
    fields: (t) => ({
      seq: t.exposeInt('seq', { description: '序号 Number in the list' }),
      domain: t.exposeString('domain', { description: '监管领域 Enforcement domain' }),
      discretionLevel: t.exposeString('discretionLevel', { nullable: true, description: '裁量等级 Discretion level' }),
      violation: t.exposeString('violation', { description: '违法行为 Violation' }),
      violatedProvision: t.exposeString('violatedProvision', { description: '违法依据 Provision violated' }),
      penaltyProvision: t.exposeString('penaltyProvision', { description: '处罚依据 Penalty provision' }),
      applicableConditions: t.exposeString('applicableConditions', { description: '适用情形 When the item applies' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  // Fields that point between the two types (or back at the list type) are added once both exist.
  builder.prismaObjectFields(ListRef, (t) => ({
    items: t.relatedConnection('items', {
      type: ItemRef,
      cursor: 'listId_seq',
      // Not the model's primary key: the paging check (input/paging.ts) reads cursors of this key.
      extensions: { cursorKey: 'listId_seq' },
      totalCount: true,
      description: '清单事项（按序号）Items in 序号 order',
      args: {
        domain: t.arg.string({ required: false, description: '监管领域 Domain' }),
        discretionLevel: t.arg.string({ required: false, description: '裁量等级 Discretion level' }),
        search: t.arg.string({
          required: false,
          description:
            '在违法行为中检索（空格分隔的词须全部出现）Search 违法行为; every space-separated term must occur',
          validate: searchArg,
        }),
        ...(spec.itemFilters?.args(t.arg) ?? {}),
      },
      query: (args) => ({ where: itemWhere(spec, args), orderBy: { seq: 'asc' as const } }),
    }),
    versions: t.field({
      type: [ListRef],
      description: '该清单的全部版本（可见的，新版本在前）Every version of this list the caller may see, newest first',
      select: (_args, _ctx, nestedSelection) => ({
        series: {
          select: {
            versions: nestedSelection({ orderBy: { version: 'desc' } }),
          },
        },
      }),
      resolve: (l) => l.series.versions,
    }),
    previousVersion: t.relation('previousVersion', {
      type: ListRef,
      nullable: true,
      description: '上一版本 The version this one was made from',
    }),
  }));
  builder.prismaObjectFields(ItemRef, (t) => ({
    list: t.relation('list', { type: ListRef, description: '所属清单版本 The list version it belongs to' }),
  }));

  builder.prismaObjectField('Agency', `${p}Lists`, (t) =>
    t.relatedConnection('enforcementLists', {
      type: ListRef,
      cursor: 'id',
      totalCount: true,
      description: `本单位制定的${spec.nameZh} ${spec.nameEn}s issued by this agency`,
      args: { status: t.arg({ type: ListStatusEnum, required: false }) },
      query: (args) => ({
        where: { AND: [{ kind: spec.kind }, args.status ? { status: args.status } : {}] },
        orderBy: { id: 'desc' as const },
      }),
    }),
  );

  return { list: ListRef, item: ItemRef };
}
