// A draft's mutations: create it, edit its title, domain and validity, add, replace and remove its
// items, or replace them all from a CSV. Each is one unit of work through `work.onList` / `work.onItem`
// (list-work.ts); only a draft can be edited (assertEditable).
import type { InputFieldMap } from '@pothos/core';
import type { ZhifaBuilder } from '../builder.js';
import { domainErrors, NotFoundError, ValidationError } from '../errors.js';
import { parseId, tryParseId } from '../ids.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { textKind } from '../input/text.js';
import { csvInput } from '../input/csv-upload.js';
import { csvItemIssues, parseListCsvRows } from './csv.js';
import type { registerListInputs } from './inputs.js';
import { attributesJson, itemColumns, type ListWork } from './list-work.js';
import { assertEditable, checkIssuer, checkValidity } from './rules.js';
import type { ListItemNodeRef, ListKindSpec, ListNodeRef } from './spec.js';

export function registerDraftMutations<ItemArgs extends InputFieldMap>(
  builder: ZhifaBuilder,
  spec: ListKindSpec<object, ItemArgs>,
  refs: { list: ListNodeRef; item: ListItemNodeRef },
  inputs: ReturnType<typeof registerListInputs>,
  work: ListWork,
): void {
  const P = spec.typePrefix;
  const csvSpec = { columns: spec.csvColumns, attributes: spec.attributes };
  const { ListInput, ListMetaInput, ItemInput } = inputs;
  const { loadList, requireAccess, onList, onItem, emit, attributesFrom, assertSeqFree } = work;

  builder.mutationField(`create${P}List`, (t) =>
    t.prismaField({
      type: refs.list,
      description: `新建${spec.nameZh}草稿（制定单位执法人员）Create a draft ${spec.nameEn} (officer of the issuing agency)`,
      errors: { types: domainErrors },
      authScopes: (_root, args) => ({ officerOf: tryParseId(args.input.agencyId, 'Agency') ?? -1 }),
      args: { input: t.arg({ type: ListInput, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          checkValidity(input.validFrom ?? null, input.validUntil ?? null);
          const issuerLevel = input.issuerLevel ?? 'COUNTY';
          checkIssuer(issuerLevel, input.issuingBody ?? null);
          const agencyId = parseId(input.agencyId, 'Agency', ['input', 'agencyId']);
          if (!(await uow.tx.agency.findUnique({ where: { id: agencyId } })))
            throw new NotFoundError('Agency', String(agencyId), { zh: '单位', en: 'Agency' });
          const series = await uow.tx.listSeries.create({ data: { kind: spec.kind } });
          const list = await uow.tx.enforcementList.create({
            data: {
              kind: spec.kind,
              seriesId: series.id,
              version: 1,
              title: input.title,
              domain: input.domain,
              agencyId,
              validFrom: input.validFrom ?? null,
              validUntil: input.validUntil ?? null,
              issuerLevel,
              issuingBody: input.issuingBody ?? null,
              documentNumber: input.documentNumber ?? null,
            },
          });
          await emit(uow, spec.topics.created, list);
          return uow.tx.enforcementList.findUniqueOrThrow({ ...query, where: { id: list.id } });
        }),
    }),
  );

  builder.mutationField(`update${P}List`, (t) =>
    t.prismaField({
      type: refs.list,
      description: `修改${spec.nameZh}草稿信息 Update a draft's title, domain and validity`,
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => work.onListScope(ctx, args.id, 'edit'),
      args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: ListMetaInput, required: true }) },
      resolve: (query, _root, { id, input }, ctx) =>
        onList(ctx, id, 'edit', async (uow, list) => {
          assertEditable(list);
          checkValidity(input.validFrom ?? null, input.validUntil ?? null);
          // Issuer fields: omitted keeps them, null clears the body and the number.
          const issuer = {
            issuerLevel: input.issuerLevel ?? list.issuerLevel,
            issuingBody: input.issuingBody === undefined ? list.issuingBody : input.issuingBody,
            documentNumber: input.documentNumber === undefined ? list.documentNumber : input.documentNumber,
          };
          checkIssuer(issuer.issuerLevel, issuer.issuingBody);
          const updated = await uow.tx.enforcementList.update({
            where: { id: list.id },
            data: {
              title: input.title,
              domain: input.domain,
              validFrom: input.validFrom ?? null,
              validUntil: input.validUntil ?? null,
              ...issuer,
            },
          });
          await emit(uow, spec.topics.updated, updated);
          return uow.tx.enforcementList.findUniqueOrThrow({ ...query, where: { id: list.id } });
        }),
    }),
  );

  builder.mutationField(`add${P}ListItem`, (t) =>
    t.prismaField({
      type: refs.item,
      description: `向草稿添加事项 Add an item to a draft`,
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => work.onListScope(ctx, args.listId, 'edit'),
      args: { listId: t.arg.globalID({ required: true }), input: t.arg({ type: ItemInput, required: true }) },
      resolve: (query, _root, { listId, input }, ctx) =>
        onList(ctx, listId, 'edit', async (uow, list) => {
          assertEditable(list);
          const attributes = await attributesFrom(uow.tx, input.attributes);
          const seq =
            input.seq ??
            ((await uow.tx.listItem.aggregate({ where: { listId: list.id }, _max: { seq: true } }))._max.seq ?? 0) + 1;
          await assertSeqFree(uow.tx, list.id, seq, null);
          const item = await uow.tx.listItem.create({
            data: { listId: list.id, ...itemColumns(input, list, seq), attributes },
          });
          await emit(uow, spec.topics.itemAdded, list, { itemId: item.id, seq });
          return uow.tx.listItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
        }),
    }),
  );

  builder.mutationField(`update${P}ListItem`, (t) =>
    t.prismaField({
      type: refs.item,
      description: `修改草稿中的事项（整体替换）Replace an item of a draft`,
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => work.onItemScope(ctx, args.id),
      args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: ItemInput, required: true }) },
      resolve: (query, _root, { id, input }, ctx) =>
        onItem(ctx, id, async (uow, item) => {
          const attributes = await attributesFrom(uow.tx, input.attributes);
          const seq = input.seq ?? item.seq;
          await assertSeqFree(uow.tx, item.list.id, seq, item.id);
          await uow.tx.listItem.update({
            where: { id: item.id },
            data: { ...itemColumns(input, item.list, seq), attributes },
          });
          await emit(uow, spec.topics.itemUpdated, item.list, { itemId: item.id, seq });
          return uow.tx.listItem.findUniqueOrThrow({ ...query, where: { id: item.id } });
        }),
    }),
  );

  builder.mutationField(`remove${P}ListItem`, (t) =>
    t.prismaField({
      type: refs.list,
      description: `从草稿删除事项，返回清单 Remove an item from a draft; returns the list`,
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => work.onItemScope(ctx, args.id),
      args: { id: t.arg.globalID({ required: true }) },
      resolve: (query, _root, { id }, ctx) =>
        onItem(ctx, id, async (uow, item) => {
          await uow.tx.listItem.delete({ where: { id: item.id } });
          await emit(uow, spec.topics.itemRemoved, item.list, { itemId: item.id, seq: item.seq });
          return uow.tx.enforcementList.findUniqueOrThrow({ ...query, where: { id: item.list.id } });
        }),
    }),
  );

  builder.mutationField(`import${P}ListCsv`, (t) =>
    t.prismaField({
      type: refs.list,
      description:
        `导入 CSV，整体替换草稿的全部事项；逐行校验，全部通过才写入 Import a CSV replacing all items of a draft; every row is ` +
        'checked and nothing is written unless all pass. Send the file as a multipart upload (`file`) or its text (`csvText`)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => work.onListScope(ctx, args.listId, 'edit'),
      args: {
        listId: t.arg.globalID({ required: true }),
        file: t.arg({
          type: 'File',
          required: false,
          description: 'CSV 文件（multipart 上传）CSV file, multipart upload',
        }),
        csvText: t.arg.string({
          required: false,
          extensions: textKind('csv'),
          description: 'CSV 文本（无法上传文件的客户端）CSV text, for clients without multipart',
        }),
      },
      resolve: async (query, _root, { listId, file, csvText }, ctx) => {
        // Authorise and parse before opening a transaction: strangers learn nothing, bad files cost no locks.
        const before = await loadList(ctx.prisma, ctx.viewer, listId);
        requireAccess(ctx.viewer, before, 'edit');
        assertEditable(before);
        const { items, lines } = parseListCsvRows(await csvInput(file, csvText), csvSpec, {
          defaultDomain: before.domain,
        });
        // Attributes passed the kind's schema in parseListCsvRows; the database checks name line and column too.
        const problems = spec.checkItems
          ? await spec.checkItems(
              ctx.prisma,
              items.map((i) => i.attributes),
            )
          : [];
        if (problems.length) throw new ValidationError(csvItemIssues(lines, spec.csvColumns, problems));
        return onList(ctx, listId, 'edit', async (uow, list) => {
          assertEditable(list);
          await uow.tx.listItem.deleteMany({ where: { listId: list.id } });
          await uow.tx.listItem.createMany({
            data: items.map((i) => ({ listId: list.id, ...i, attributes: attributesJson(i.attributes) })),
          });
          await emit(uow, spec.topics.imported, list, { items: items.length });
          return uow.tx.enforcementList.findUniqueOrThrow({ ...query, where: { id: list.id } });
        });
      },
    }),
  );
}
