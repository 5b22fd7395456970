// Queries of a list kind: `<prefix>Lists`, `<prefix>List(id)` and `<prefix>ListItems` (search of
// the published versions). Public where the rows are: listRule (access.ts), which the framework
// applies to every field returning lists, decides what each caller sees.
import type { InputFieldMap } from '@pothos/core';
import type { ZhifaBuilder } from '../builder.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { ListIssuerLevel, ListStatus } from '../generated/prisma/enums.js';
import { parseId, type GlobalId } from '../ids.js';
import type { SharedListTypes } from './kinds.js';
import { itemWhere, searchArg, type ItemFilterArgs } from './nodes.js';
import type { ListItemNodeRef, ListKindSpec, ListNodeRef } from './spec.js';

export function registerListQueries<ItemArgs extends InputFieldMap>(
  builder: ZhifaBuilder,
  spec: ListKindSpec<object, ItemArgs>,
  shared: SharedListTypes,
  refs: { list: ListNodeRef; item: ListItemNodeRef },
): void {
  const P = spec.typePrefix;
  const p = P[0].toLowerCase() + P.slice(1);

  const listsWhere = (args: {
    domain?: string | null;
    agencyId?: GlobalId | null;
    status?: ListStatus | null;
    issuerLevel?: ListIssuerLevel | null;
  }) => ({
    AND: [
      { kind: spec.kind },
      args.domain ? { domain: args.domain } : {},
      args.agencyId ? { agencyId: parseId(args.agencyId, 'Agency', ['agencyId']) } : {},
      args.status ? { status: args.status } : {},
      args.issuerLevel ? { issuerLevel: args.issuerLevel } : {},
    ],
  });

  const publishedItemsWhere = (args: ItemFilterArgs & { agencyId?: GlobalId | null }): Prisma.ListItemWhereInput => ({
    AND: [
      {
        list: {
          kind: spec.kind,
          status: 'PUBLISHED',
          ...(args.agencyId ? { agencyId: parseId(args.agencyId, 'Agency', ['agencyId']) } : {}),
        },
      },
      itemWhere(spec, args),
    ],
  });

  builder.queryField(`${p}Lists`, (t) =>
    t.prismaConnection({
      type: refs.list,
      cursor: 'id',
      description: `${spec.nameZh}列表（公众可见已公布及已废止版本）${spec.nameEn}s; the public sees published and repealed versions`,
      args: {
        domain: t.arg.string({ required: false, description: '监管领域 Domain' }),
        agencyId: t.arg.globalID({ required: false, description: '制定单位 Issuing agency' }),
        status: t.arg({ type: shared.ListStatusEnum, required: false, description: '状态 Status' }),
        issuerLevel: t.arg({ type: shared.ListIssuerLevelEnum, required: false, description: '制定层级 Issuer level' }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.enforcementList.count({ where: listsWhere(args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.enforcementList.findMany({ ...query, where: listsWhere(args), orderBy: { id: 'desc' } }),
    }),
  );

  builder.queryField(`${p}List`, (t) =>
    t.prismaField({
      type: refs.list,
      nullable: true,
      description: `${spec.nameZh}（某一版本；不存在或不可见时为空）One ${spec.nameEn} version, or null when absent or not visible`,
      args: { id: t.arg.globalID({ required: true }) },
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.enforcementList.findFirst({
          ...query,
          where: { id: parseId(args.id, `${P}List`, ['id']), kind: spec.kind },
        }),
    }),
  );

  builder.queryField(`${p}ListItems`, (t) =>
    t.prismaConnection({
      type: refs.item,
      cursor: 'id',
      description: `检索现行${spec.nameZh}事项（已公布版本）Search the items of the published ${spec.nameEn}s`,
      args: {
        search: t.arg.string({ required: false, description: '在违法行为中检索 Search 违法行为', validate: searchArg }),
        domain: t.arg.string({ required: false, description: '监管领域 Domain' }),
        agencyId: t.arg.globalID({ required: false, description: '制定单位 Issuing agency' }),
        ...(spec.itemFilters?.args(t.arg) ?? {}),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.listItem.count({ where: publishedItemsWhere(args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.listItem.findMany({ ...query, where: publishedItemsWhere(args), orderBy: { id: 'asc' } }),
    }),
  );
}
