// One call gives a list kind its whole GraphQL surface: `<Prefix>List` and `<Prefix>ListItem` nodes,
// queries, `Agency.<prefix>Lists`, and the mutations of the draft → published → repealed lifecycle
// with CSV import/export. The kind supplies only what differs: names, the item attributes (zod schema +
// GraphQL input), the extra CSV columns and its event topic prefix. Its attribute output fields are
// added by the kind itself on the returned item ref (`builder.prismaObjectFields(refs.item, …)`).
//
// Every mutation writes through `mutate()` with an outbox event `<topicPrefix>.<what>`; `.published`
// and `.repealed` are public events (the list is 向社会公布), the others are visible to the agency.
import type { InputObjectRef } from '@pothos/core';
import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type { Context } from '../context.js';
import type { Db } from '../db.js';
import type { EnforcementList, Prisma } from '../generated/prisma/client.js';
import { ListKind, ListStatus } from '../generated/prisma/enums.js';
import { domainErrors, ForbiddenError, NotFoundError, ValidationError, type Bilingual } from '../errors.js';
import { mutate } from '../mutate.js';
import { appendEvent } from '../events/store.js';
import { actorOf } from '../auth/viewer.js';
import { msg } from '../validation.js';
import { canEditList, canIssueList, canReadList, listFilter } from './access.js';
import { exportListCsv, LIMITS, parseListCsv, type ListCsvColumn, type ListItemData } from './csv.js';
import {
  assertEditable,
  assertRepealable,
  checkValidity,
  planNewVersion,
  planPublish,
  shanghaiToday,
  supersededNote,
} from './rules.js';
import { listRegistry } from './registry.js';

export interface ListKindSpec {
  kind: ListKind;
  /** GraphQL type prefix, e.g. 'NonPenalty' → NonPenaltyList, nonPenaltyLists, publishNonPenaltyList. */
  typePrefix: string;
  nameZh: string;
  nameEn: string;
  /** Validates and normalises item attributes (GraphQL input and CSV alike); defaults are filled here. */
  attributes: z.ZodType<Record<string, unknown>>;
  /** GraphQL input for the attributes; its value is handed to `attributes` as is. */
  attributesInput: InputObjectRef<any, any>;
  /** Kind-specific CSV columns, after the seven common ones. */
  csvColumns: readonly ListCsvColumn[];
  /** Event topics: `<topicPrefix>.created`, `.published`, … e.g. 'nonPenaltyList'. */
  topicPrefix: string;
  /** Extra filters on the items connection, e.g. by item kind. */
  itemFilters?: {
    args: (arg: any) => Record<string, any>;
    where: (args: Record<string, unknown>) => Prisma.ListItemWhereInput;
  };
}

export interface ListKindRefs {
  list: any;
  item: any;
  /** Public event topics, for subscriptions. */
  topics: { published: string; repealed: string };
}

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Items whose 违法行为 contains every whitespace-separated term (case-insensitive). */
export function violationSearch(search: string | null | undefined): Prisma.ListItemWhereInput {
  const terms = (search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  return terms.length ? { AND: terms.map((term) => ({ violation: { contains: term, mode: 'insensitive' as const } })) } : {};
}

export function defineListKind(builder: ZhifaBuilder, spec: ListKindSpec): ListKindRefs {
  const P = spec.typePrefix;
  const p = P[0].toLowerCase() + P.slice(1);
  const what: Bilingual = { zh: spec.nameZh, en: spec.nameEn };
  const itemWhat: Bilingual = { zh: `${spec.nameZh}事项`, en: `${spec.nameEn} item` };
  const topic = (t: string) => `${spec.topicPrefix}.${t}`;
  const { ListStatusEnum } = listRegistry(builder);
  const csvSpec = { columns: spec.csvColumns, attributes: spec.attributes };

  const ListRef = builder.prismaNode('EnforcementList', {
    variant: `${P}List`,
    id: { field: 'id' },
    // node(id) of a version the caller may not see is null, like an unknown id.
    nullable: true,
    description: `${spec.nameZh}（某一版本；已公布及已废止的版本公开）${spec.nameEn}, one version (published and repealed versions are public)`,
    findUnique: (id, ctx) => ({ id: Number(id), kind: spec.kind, AND: [listFilter(ctx.viewer)] }),
    fields: (t) => ({
      title: t.exposeString('title', { description: '标题 Title' }),
      domain: t.exposeString('domain', { description: '监管领域 Enforcement domain' }),
      version: t.exposeInt('version', { description: '版本号 Version number, 1, 2, …' }),
      status: t.expose('status', { type: ListStatusEnum, description: '状态 Status' }),
      agency: t.relation('agency', { description: '制定单位 Issuing agency' }),
      validFrom: t.expose('validFrom', { type: 'Date', nullable: true, description: '生效日期 In force from' }),
      validUntil: t.expose('validUntil', { type: 'Date', nullable: true, description: '有效期至 In force until (open-ended if null)' }),
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
        resolve: (l) => isInForce(l, new Date()),
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      csv: t.string({
        description: '导出 CSV（UTF-8 含 BOM，Excel 可直接打开；可原样导入）CSV export, UTF-8 with BOM; imports back unchanged',
        select: { items: { orderBy: { seq: 'asc' } } },
        resolve: (l: any) => exportListCsv(l.items.map(toItemData), csvSpec),
      }),
    }),
  });

  const ItemRef = builder.prismaNode('ListItem', {
    variant: `${P}ListItem`,
    id: { field: 'id' },
    nullable: true,
    description: `${spec.nameZh}事项 ${spec.nameEn} item`,
    findUnique: (id, ctx) => ({ id: Number(id), list: { kind: spec.kind, AND: [listFilter(ctx.viewer)] } }),
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
        totalCount: true,
        description: '清单事项（按序号）Items in 序号 order',
        args: {
          domain: t.arg.string({ required: false, description: '监管领域 Domain' }),
          discretionLevel: t.arg.string({ required: false, description: '裁量等级 Discretion level' }),
          search: t.arg.string({
            required: false,
            description: '在违法行为中检索（空格分隔的词须全部出现）Search 违法行为; every space-separated term must occur',
            validate: z.string().max(100, msg('检索词过长', 'search text too long')),
          }),
          ...(spec.itemFilters?.args(t.arg) ?? {}),
        },
        query: (args) => ({
          where: itemWhere(args as Record<string, unknown>),
          orderBy: { seq: 'asc' as const },
        }),
      }),
      versions: t.field({
        type: [ListRef],
        description: '该清单的全部版本（可见的，新版本在前）Every version of this list the caller may see, newest first',
        select: (_args, ctx, nestedSelection) => ({
          series: {
            select: {
              versions: nestedSelection({ where: listFilter(ctx.viewer), orderBy: { version: 'desc' } }),
            },
          },
        }),
        resolve: (l: any) => l.series.versions,
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

  function itemWhere(args: Record<string, unknown>): Prisma.ListItemWhereInput {
    return {
      AND: [
        args.domain ? { domain: args.domain as string } : {},
        args.discretionLevel ? { discretionLevel: args.discretionLevel as string } : {},
        violationSearch(args.search as string | undefined),
        spec.itemFilters?.where(args) ?? {},
      ],
    };
  }

  // ---- queries ----

  const listsWhere = (ctx: Context, args: { domain?: string | null; agencyId?: { id: string } | null; status?: ListStatus | null }) => ({
    AND: [
      { kind: spec.kind },
      listFilter(ctx.viewer),
      args.domain ? { domain: args.domain } : {},
      args.agencyId ? { agencyId: Number(args.agencyId.id) } : {},
      args.status ? { status: args.status } : {},
    ],
  });

  builder.queryFields((t) => ({
    [`${p}Lists`]: t.prismaConnection({
      type: ListRef,
      cursor: 'id',
      description: `${spec.nameZh}列表（公众可见已公布及已废止版本）${spec.nameEn}s; the public sees published and repealed versions`,
      args: {
        domain: t.arg.string({ required: false, description: '监管领域 Domain' }),
        agencyId: t.arg.globalID({ required: false, description: '制定单位 Issuing agency' }),
        status: t.arg({ type: ListStatusEnum, required: false, description: '状态 Status' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.enforcementList.count({ where: listsWhere(ctx, args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.enforcementList.findMany({ ...query, where: listsWhere(ctx, args), orderBy: { id: 'desc' } }),
    }),
    [`${p}List`]: t.prismaField({
      type: ListRef,
      nullable: true,
      description: `${spec.nameZh}（某一版本）One ${spec.nameEn} version`,
      args: { id: t.arg.globalID({ required: true, for: [ListRef] }) },
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.enforcementList.findFirst({ ...query, where: { id: Number(args.id.id), kind: spec.kind, ...listFilter(ctx.viewer) } }),
    }),
    [`${p}ListItems`]: t.prismaConnection({
      type: ItemRef,
      cursor: 'id',
      description: `检索现行${spec.nameZh}事项（已公布版本）Search the items of the published ${spec.nameEn}s`,
      args: {
        search: t.arg.string({
          required: false,
          description: '在违法行为中检索 Search 违法行为',
          validate: z.string().max(100, msg('检索词过长', 'search text too long')),
        }),
        domain: t.arg.string({ required: false, description: '监管领域 Domain' }),
        agencyId: t.arg.globalID({ required: false, description: '制定单位 Issuing agency' }),
        ...(spec.itemFilters?.args(t.arg) ?? {}),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.listItem.count({ where: publishedItemsWhere(args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.listItem.findMany({ ...query, where: publishedItemsWhere(args), orderBy: { id: 'asc' } }),
    }),
  }));

  function publishedItemsWhere(args: Record<string, any>): Prisma.ListItemWhereInput {
    return {
      AND: [
        { list: { kind: spec.kind, status: 'PUBLISHED', ...(args.agencyId ? { agencyId: Number(args.agencyId.id) } : {}) } },
        itemWhere(args),
      ],
    };
  }

  builder.prismaObjectField('Agency', `${p}Lists`, (t) =>
    t.relatedConnection('enforcementLists', {
      type: ListRef,
      cursor: 'id',
      totalCount: true,
      description: `本单位制定的${spec.nameZh} ${spec.nameEn}s issued by this agency`,
      args: { status: t.arg({ type: ListStatusEnum, required: false }) },
      query: (args, ctx) => ({
        where: { AND: [{ kind: spec.kind }, listFilter(ctx.viewer), args.status ? { status: args.status } : {}] },
        orderBy: { id: 'desc' as const },
      }),
    }),
  );

  // ---- inputs ----

  const text = (max: number) =>
    z.string().trim().min(1, msg('不能为空', 'must not be empty')).max(max, msg(`过长（上限 ${max} 字）`, `too long (at most ${max})`));

  const ListInput = builder.inputType(`${P}ListInput`, {
    description: `新建${spec.nameZh} New ${spec.nameEn}`,
    fields: (t) => ({
      agencyId: t.globalID({ required: true, description: '制定单位 Issuing agency' }),
      title: t.string({ required: true, description: '标题 Title', validate: text(200) }),
      domain: t.string({ required: true, description: '监管领域 Domain', validate: text(LIMITS.domain) }),
      validFrom: t.field({ type: 'Date', required: false, description: '生效日期（缺省为公布当日）In force from; default: the publication day' }),
      validUntil: t.field({ type: 'Date', required: false, description: '有效期至 In force until' }),
    }),
  });

  const ListMetaInput = builder.inputType(`${P}ListMetaInput`, {
    description: `修改${spec.nameZh}草稿信息 Draft metadata`,
    fields: (t) => ({
      title: t.string({ required: true, description: '标题 Title', validate: text(200) }),
      domain: t.string({ required: true, description: '监管领域 Domain', validate: text(LIMITS.domain) }),
      validFrom: t.field({ type: 'Date', required: false }),
      validUntil: t.field({ type: 'Date', required: false }),
    }),
  });

  const ItemInput = builder.inputType(`${P}ListItemInput`, {
    description: `${spec.nameZh}事项 ${spec.nameEn} item`,
    fields: (t) => ({
      seq: t.int({
        required: false,
        description: '序号（缺省为末尾）Number; default: after the last',
        validate: z.number().int().min(1, msg('序号应为正整数', 'seq must be positive')).max(999_999_999),
      }),
      domain: t.string({ required: false, description: '监管领域（缺省为清单领域）Domain; default: the list’s', validate: text(LIMITS.domain) }),
      discretionLevel: t.string({
        required: false,
        description: '裁量等级 Discretion level',
        validate: z.string().trim().max(LIMITS.discretionLevel, msg('过长', 'too long')),
      }),
      violation: t.string({ required: true, description: '违法行为 Violation', validate: text(LIMITS.violation) }),
      violatedProvision: t.string({ required: true, description: '违法依据 Provision violated', validate: text(LIMITS.provision) }),
      penaltyProvision: t.string({ required: true, description: '处罚依据 Penalty provision', validate: text(LIMITS.provision) }),
      applicableConditions: t.string({ required: true, description: '适用情形 When it applies', validate: text(LIMITS.conditions) }),
      attributes: t.field({ type: spec.attributesInput, required: true, description: `${spec.nameZh}特有字段 Kind-specific fields` }),
    }),
  });

  // ---- helpers run inside mutations ----

  async function loadList(db: Db, ctx: Context, id: string): Promise<EnforcementList> {
    const list = await db.enforcementList.findFirst({ where: { id: Number(id), kind: spec.kind } });
    if (!list || !canReadList(ctx.viewer, list)) throw new NotFoundError(`${P}List`, id, what);
    return list;
  }

  function requireEditor(ctx: Context, list: EnforcementList) {
    if (!canEditList(ctx.viewer, list))
      throw new ForbiddenError({ zh: '只有制定单位的执法人员可以编辑该清单', en: 'Only officers of the issuing agency may edit this list' });
  }

  function requireIssuer(ctx: Context, list: EnforcementList) {
    if (!canIssueList(ctx.viewer, list))
      throw new ForbiddenError({ zh: '只有制定单位的管理员可以公布或废止清单', en: 'Only an admin of the issuing agency may publish or repeal this list' });
  }

  function normaliseAttributes(raw: unknown, path: (string | number)[]): Record<string, unknown> {
    const parsed = spec.attributes.safeParse(raw ?? {});
    if (parsed.success) return parsed.data;
    throw new ValidationError(
      parsed.error.issues.map((i) => {
        const [zh, en] = i.message.includes('|') ? i.message.split('|', 2) : ['取值不合法', i.message];
        return { path: [...path, ...(i.path as (string | number)[])], messageZh: zh, messageEn: en };
      }),
    );
  }

  const event = (ctx: Context, tx: Db, list: EnforcementList, what: string, extra: Record<string, unknown> = {}, isPublic = false) =>
    appendEvent(tx, {
      topic: topic(what),
      agencyId: list.agencyId,
      public: isPublic,
      payload: { listId: list.id, seriesId: list.seriesId, version: list.version, domain: list.domain, kind: list.kind, ...extra },
      actor: actorOf(ctx.viewer),
    });

  const reload = (tx: Db, query: any, id: number) => tx.enforcementList.findUniqueOrThrow({ ...query, where: { id } });

  // ---- mutations ----

  builder.mutationFields((t) => ({
    [`create${P}List`]: t.prismaField({
      type: ListRef,
      description: `新建${spec.nameZh}草稿（制定单位执法人员）Create a draft ${spec.nameEn} (officer of the issuing agency)`,
      errors: { types: domainErrors },
      authScopes: (_root, args: any) => ({ officerOf: Number(args.input.agencyId.id) }),
      args: { input: t.arg({ type: ListInput, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        mutate(ctx, async (tx) => {
          checkValidity(input.validFrom ?? null, input.validUntil ?? null);
          const agencyId = Number(input.agencyId.id);
          if (!(await tx.agency.findUnique({ where: { id: agencyId } })))
            throw new NotFoundError('Agency', input.agencyId.id, { zh: '单位', en: 'Agency' });
          const series = await tx.listSeries.create({ data: { kind: spec.kind } });
          const list = await tx.enforcementList.create({
            data: {
              kind: spec.kind,
              seriesId: series.id,
              version: 1,
              title: input.title,
              domain: input.domain,
              agencyId,
              validFrom: input.validFrom ?? null,
              validUntil: input.validUntil ?? null,
            },
          });
          await event(ctx, tx, list, 'created');
          return reload(tx, query, list.id);
        }),
    }),

    [`update${P}List`]: t.prismaField({
      type: ListRef,
      description: `修改${spec.nameZh}草稿信息 Update a draft's title, domain and validity`,
      errors: { types: domainErrors },
      authScopes: { staff: true },
      args: { id: t.arg.globalID({ required: true, for: [ListRef] }), input: t.arg({ type: ListMetaInput, required: true }) },
      resolve: (query, _root, { id, input }, ctx) =>
        mutate(ctx, async (tx) => {
          const list = await loadList(tx, ctx, id.id);
          requireEditor(ctx, list);
          assertEditable(list);
          checkValidity(input.validFrom ?? null, input.validUntil ?? null);
          const updated = await tx.enforcementList.update({
            where: { id: list.id },
            data: { title: input.title, domain: input.domain, validFrom: input.validFrom ?? null, validUntil: input.validUntil ?? null },
          });
          await event(ctx, tx, updated, 'updated');
          return reload(tx, query, list.id);
        }),
    }),

    [`add${P}ListItem`]: t.prismaField({
      type: ItemRef,
      description: `向草稿添加事项 Add an item to a draft`,
      errors: { types: domainErrors },
      authScopes: { staff: true },
      args: { listId: t.arg.globalID({ required: true, for: [ListRef] }), input: t.arg({ type: ItemInput, required: true }) },
      resolve: (query, _root, { listId, input }, ctx) =>
        mutate(ctx, async (tx) => {
          const list = await loadList(tx, ctx, listId.id);
          requireEditor(ctx, list);
          assertEditable(list);
          const attributes = normaliseAttributes(input.attributes, ['input', 'attributes']);
          const seq = input.seq ?? ((await tx.listItem.aggregate({ where: { listId: list.id }, _max: { seq: true } }))._max.seq ?? 0) + 1;
          await assertSeqFree(tx, list.id, seq, null);
          const item = await tx.listItem.create({ data: { listId: list.id, ...itemData(input, list, seq), attributes: attributes as Prisma.InputJsonValue } });
          await event(ctx, tx, list, 'itemAdded', { itemId: item.id, seq });
          return tx.listItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
        }),
    }),

    [`update${P}ListItem`]: t.prismaField({
      type: ItemRef,
      description: `修改草稿中的事项（整体替换）Replace an item of a draft`,
      errors: { types: domainErrors },
      authScopes: { staff: true },
      args: { id: t.arg.globalID({ required: true, for: [ItemRef] }), input: t.arg({ type: ItemInput, required: true }) },
      resolve: (query, _root, { id, input }, ctx) =>
        mutate(ctx, async (tx) => {
          const { item, list } = await loadItem(tx, ctx, id.id);
          requireEditor(ctx, list);
          assertEditable(list);
          const attributes = normaliseAttributes(input.attributes, ['input', 'attributes']);
          const seq = input.seq ?? item.seq;
          await assertSeqFree(tx, list.id, seq, item.id);
          await tx.listItem.update({ where: { id: item.id }, data: { ...itemData(input, list, seq), attributes: attributes as Prisma.InputJsonValue } });
          await event(ctx, tx, list, 'itemUpdated', { itemId: item.id, seq });
          return tx.listItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
        }),
    }),

    [`remove${P}ListItem`]: t.prismaField({
      type: ListRef,
      description: `从草稿删除事项，返回清单 Remove an item from a draft; returns the list`,
      errors: { types: domainErrors },
      authScopes: { staff: true },
      args: { id: t.arg.globalID({ required: true, for: [ItemRef] }) },
      resolve: (query, _root, { id }, ctx) =>
        mutate(ctx, async (tx) => {
          const { item, list } = await loadItem(tx, ctx, id.id);
          requireEditor(ctx, list);
          assertEditable(list);
          await tx.listItem.delete({ where: { id: item.id } });
          await event(ctx, tx, list, 'itemRemoved', { itemId: item.id, seq: item.seq });
          return reload(tx, query, list.id);
        }),
    }),

    [`import${P}ListCsv`]: t.prismaField({
      type: ListRef,
      description:
        `导入 CSV，整体替换草稿的全部事项；逐行校验，全部通过才写入 Import a CSV replacing all items of a draft; every row is ` +
        'checked and nothing is written unless all pass. Send the file as a multipart upload (`file`) or its text (`csvText`)',
      errors: { types: domainErrors },
      authScopes: { staff: true },
      args: {
        listId: t.arg.globalID({ required: true, for: [ListRef] }),
        file: t.arg({ type: 'File', required: false, description: 'CSV 文件（multipart 上传）CSV file, multipart upload' }),
        csvText: t.arg.string({ required: false, description: 'CSV 文本（无法上传文件的客户端）CSV text, for clients without multipart' }),
      },
      resolve: async (query, _root, { listId, file, csvText }, ctx) => {
        // Authorise and parse before opening a transaction: strangers learn nothing, bad files cost no locks.
        const before = await loadList(ctx.prisma, ctx, listId.id);
        requireEditor(ctx, before);
        assertEditable(before);
        if ((file == null) === (csvText == null))
          throw ValidationError.one(['file'], { zh: '请提供 file 或 csvText 其中之一', en: 'give exactly one of file or csvText' });
        let input: Uint8Array | string;
        if (file) {
          if (file.size > MAX_UPLOAD_BYTES)
            throw ValidationError.one(['file'], { zh: '文件过大（上限 5 MB）', en: 'file too large (at most 5 MB)' });
          input = new Uint8Array(await file.arrayBuffer());
        } else {
          if (csvText!.length > MAX_UPLOAD_BYTES)
            throw ValidationError.one(['csvText'], { zh: '文本过长（上限 5 MB）', en: 'text too long (at most 5 MB)' });
          input = csvText!;
        }
        const items = parseListCsv(input, csvSpec, { defaultDomain: before.domain });
        return mutate(ctx, async (tx) => {
          const list = await loadList(tx, ctx, listId.id);
          assertEditable(list);
          await tx.listItem.deleteMany({ where: { listId: list.id } });
          await tx.listItem.createMany({
            data: items.map((i) => ({ listId: list.id, ...i, attributes: i.attributes as Prisma.InputJsonValue })),
          });
          await event(ctx, tx, list, 'imported', { items: items.length });
          return reload(tx, query, list.id);
        });
      },
    }),

    [`publish${P}List`]: t.prismaField({
      type: ListRef,
      description: `公布草稿（制定单位管理员）；同一清单的现行版本随之废止 Publish a draft (agency admin); the version in force is superseded`,
      errors: { types: domainErrors },
      authScopes: { staff: true },
      args: { id: t.arg.globalID({ required: true, for: [ListRef] }) },
      resolve: (query, _root, { id }, ctx) =>
        mutate(ctx, async (tx) => {
          const list = await loadList(tx, ctx, id.id);
          requireIssuer(ctx, list);
          const now = new Date();
          const plan = planPublish(list, await tx.listItem.count({ where: { listId: list.id } }), shanghaiToday(now));
          const previous = await tx.enforcementList.findFirst({ where: { seriesId: list.seriesId, status: 'PUBLISHED' } });
          // Conditional update: of two concurrent publishes, the second finds no draft left.
          const done = await tx.enforcementList.updateMany({
            where: { id: list.id, status: 'DRAFT' },
            data: { status: 'PUBLISHED', publishedAt: now, validFrom: plan.validFrom },
          });
          if (done.count !== 1) planPublish({ ...list, status: 'PUBLISHED' }, 1, now);
          if (previous) {
            const note = supersededNote(list.version);
            const repealed = await tx.enforcementList.update({
              where: { id: previous.id },
              data: { status: 'REPEALED', repealedAt: now, supersededAt: now, repealReason: `${note.zh}（${note.en}）` },
            });
            await event(ctx, tx, repealed, 'repealed', { supersededBy: list.id }, true);
          }
          await event(ctx, tx, list, 'published', { supersedes: previous?.id ?? null }, true);
          return reload(tx, query, list.id);
        }),
    }),

    [`repeal${P}List`]: t.prismaField({
      type: ListRef,
      description: `废止已公布的清单（制定单位管理员）；废止后仍可查阅 Repeal a published list (agency admin); it stays readable as history`,
      errors: { types: domainErrors },
      authScopes: { staff: true },
      args: {
        id: t.arg.globalID({ required: true, for: [ListRef] }),
        reason: t.arg.string({ required: true, description: '废止理由 Why', validate: text(500) }),
      },
      resolve: (query, _root, { id, reason }, ctx) =>
        mutate(ctx, async (tx) => {
          const list = await loadList(tx, ctx, id.id);
          requireIssuer(ctx, list);
          assertRepealable(list);
          const done = await tx.enforcementList.updateMany({
            where: { id: list.id, status: 'PUBLISHED' },
            data: { status: 'REPEALED', repealedAt: new Date(), repealReason: reason },
          });
          if (done.count !== 1) assertRepealable({ status: 'REPEALED' });
          await event(ctx, tx, list, 'repealed', { reason }, true);
          return reload(tx, query, list.id);
        }),
    }),

    [`new${P}ListVersion`]: t.prismaField({
      type: ListRef,
      description: `基于已公布版本新建草稿版本（复制全部事项）New draft version from the published one, items copied`,
      errors: { types: domainErrors },
      authScopes: { staff: true },
      args: { id: t.arg.globalID({ required: true, for: [ListRef] }) },
      resolve: (query, _root, { id }, ctx) =>
        mutate(ctx, async (tx) => {
          const list = await loadList(tx, ctx, id.id);
          requireEditor(ctx, list);
          const latest = await tx.enforcementList.aggregate({ where: { seriesId: list.seriesId }, _max: { version: true } });
          const drafts = await tx.enforcementList.count({ where: { seriesId: list.seriesId, status: 'DRAFT' } });
          const plan = planNewVersion(list, latest._max.version ?? list.version, drafts > 0);
          const next = await tx.enforcementList.create({
            data: {
              kind: list.kind,
              seriesId: list.seriesId,
              version: plan.version,
              title: list.title,
              domain: list.domain,
              agencyId: list.agencyId,
              previousVersionId: list.id,
            },
          });
          const items = await tx.listItem.findMany({ where: { listId: list.id }, orderBy: { seq: 'asc' } });
          await tx.listItem.createMany({ data: items.map((i) => ({ ...toItemData(i), listId: next.id, attributes: i.attributes as Prisma.InputJsonValue })) });
          await event(ctx, tx, next, 'versionCreated', { from: list.id, items: items.length });
          return reload(tx, query, next.id);
        }),
    }),
  }));

  async function loadItem(db: Db, ctx: Context, id: string) {
    const item = await db.listItem.findFirst({ where: { id: Number(id), list: { kind: spec.kind } }, include: { list: true } });
    if (!item || !canReadList(ctx.viewer, item.list)) throw new NotFoundError(`${P}ListItem`, id, itemWhat);
    return { item, list: item.list };
  }

  async function assertSeqFree(db: Db, listId: number, seq: number, exceptItemId: number | null) {
    const clash = await db.listItem.findUnique({ where: { listId_seq: { listId, seq } } });
    if (clash && clash.id !== exceptItemId)
      throw ValidationError.one(['input', 'seq'], { zh: `序号 ${seq} 已被占用`, en: `seq ${seq} is already used in this list` });
  }

  listRegistry(builder).kinds.set(spec.kind, { typePrefix: P, listType: `${P}List`, itemType: `${P}ListItem` });
  return { list: ListRef, item: ItemRef, topics: { published: topic('published'), repealed: topic('repealed') } };
}

function itemData(
  input: { domain?: string | null; discretionLevel?: string | null; violation: string; violatedProvision: string; penaltyProvision: string; applicableConditions: string },
  list: EnforcementList,
  seq: number,
) {
  return {
    seq,
    domain: input.domain ?? list.domain,
    discretionLevel: input.discretionLevel?.trim() || null,
    violation: input.violation,
    violatedProvision: input.violatedProvision,
    penaltyProvision: input.penaltyProvision,
    applicableConditions: input.applicableConditions,
  };
}

/** A stored item row as the CSV layer sees it (attributes come back from JSON untyped). */
export function toItemData(i: Omit<ListItemData, 'attributes'> & { attributes: unknown }): ListItemData {
  return {
    seq: i.seq,
    domain: i.domain,
    discretionLevel: i.discretionLevel,
    violation: i.violation,
    violatedProvision: i.violatedProvision,
    penaltyProvision: i.penaltyProvision,
    applicableConditions: i.applicableConditions,
    attributes: (i.attributes ?? {}) as Record<string, unknown>,
  };
}

/** Published and, on the given day (Asia/Shanghai), within its validity period. */
export function isInForce(l: { status: ListStatus; validFrom: Date | null; validUntil: Date | null }, now: Date): boolean {
  if (l.status !== 'PUBLISHED') return false;
  const today = shanghaiToday(now).getTime();
  return (!l.validFrom || l.validFrom.getTime() <= today) && (!l.validUntil || l.validUntil.getTime() >= today);
}

export { ListKind };
