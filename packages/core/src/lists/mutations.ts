// The lifecycle mutations of a list kind: draft, edit, items, CSV import, publish, repeal, new
// version. Each is one unit of work through `onList`: load the version (invisible ⇒ NotFound),
// check access, apply the rule, write, emit the kind's event. `.published` and `.repealed` are
// public events (the list is 向社会公布); the others are visible to the agency.
import type { InputFieldMap } from '@pothos/core';
import type { ZhifaBuilder } from '../builder.js';
import type { Context } from '../context.js';
import type { Db } from '../db.js';
import type { EnforcementList, Prisma } from '../generated/prisma/client.js';
import { domainErrors, ForbiddenError, NotFoundError, ValidationError, type Bilingual } from '../errors.js';
import { parseId, tryParseId, type GlobalId } from '../ids.js';
import { unitOfWork, type UnitOfWork } from '../work/unit-of-work.js';
import { issuesFromStandardSchema } from '../validation.js';
import { isStaff, type Viewer } from '../auth/viewer.js';
import type { Topic } from '../events/topic.js';
import { textKind } from '../input/text.js';
import { canEditList, canIssueList, canReadList } from './access.js';
import { csvItemIssues, parseListCsvRows } from './csv.js';
import { registerListInputs, reasonText } from './inputs.js';
import { toItemData } from './nodes.js';
import {
  assertEditable,
  assertRepealable,
  changedMeanwhile,
  checkIssuer,
  checkValidity,
  planNewVersion,
  planPublish,
  shanghaiToday,
  supersededNote,
} from './rules.js';
import type { ListEventPayload, ListItemNodeRef, ListKindSpec, ListNodeRef } from './spec.js';
import type { SharedListTypes } from './kinds.js';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

type Access = 'read' | 'edit' | 'issue';

const EDITORS_ONLY: Bilingual = {
  zh: '只有制定单位的执法人员可以编辑该清单',
  en: 'Only officers of the issuing agency may edit this list',
};
const ISSUERS_ONLY: Bilingual = {
  zh: '只有制定单位的管理员可以公布或废止清单',
  en: 'Only an admin of the issuing agency may publish or repeal this list',
};

export function registerListMutations<ItemArgs extends InputFieldMap>(
  builder: ZhifaBuilder,
  spec: ListKindSpec<object, ItemArgs>,
  refs: { list: ListNodeRef; item: ListItemNodeRef },
  shared: SharedListTypes,
): void {
  const P = spec.typePrefix;
  const what: Bilingual = { zh: spec.nameZh, en: spec.nameEn };
  const itemWhat: Bilingual = { zh: `${spec.nameZh}事项`, en: `${spec.nameEn} item` };
  const csvSpec = { columns: spec.csvColumns, attributes: spec.attributes };
  const { ListInput, ListMetaInput, ItemInput } = registerListInputs(builder, spec, shared.ListIssuerLevelEnum);

  async function loadList(db: Db, viewer: Viewer, gid: GlobalId): Promise<EnforcementList> {
    const id = tryParseId(gid, `${P}List`);
    const list = id === null ? null : await db.enforcementList.findFirst({ where: { id, kind: spec.kind } });
    if (!list || !canReadList(viewer, list)) throw new NotFoundError(`${P}List`, gid.id, what);
    return list;
  }

  function requireAccess(viewer: Viewer, list: EnforcementList, access: Access): void {
    if (access === 'edit' && !canEditList(viewer, list)) throw new ForbiddenError(EDITORS_ONLY);
    if (access === 'issue' && !canIssueList(viewer, list)) throw new ForbiddenError(ISSUERS_ONLY);
  }

  /**
   * A list mutation's scope, asked before its input is checked: only staff; a list the caller cannot
   * see is not found, like an unknown one; staff who may not edit (issue) it are refused naming who
   * may. The resolvers check again in their unit of work.
   */
  async function listScope(ctx: Context, load: () => Promise<EnforcementList>, access: Access) {
    if (!isStaff(ctx.viewer)) return false;
    requireAccess(ctx.viewer, await load(), access);
    return true;
  }
  const listOfItem = async (ctx: Context, gid: GlobalId) => {
    const id = tryParseId(gid, `${P}ListItem`);
    const item =
      id === null
        ? null
        : await ctx.prisma.listItem.findFirst({ where: { id, list: { kind: spec.kind } }, select: { list: true } });
    if (!item || !canReadList(ctx.viewer, item.list)) throw new NotFoundError(`${P}ListItem`, gid.id, itemWhat);
    return item.list;
  };

  /** load → access → (the mutation's rule and write) in one unit of work. */
  function onList<T>(
    ctx: Context,
    gid: GlobalId,
    access: Access,
    work: (uow: UnitOfWork, list: EnforcementList) => Promise<T>,
  ) {
    return unitOfWork(ctx, async (uow) => {
      const list = await loadList(uow.tx, uow.viewer, gid);
      requireAccess(uow.viewer, list, access);
      return work(uow, list);
    });
  }

  async function loadItem(uow: UnitOfWork, gid: GlobalId) {
    const id = tryParseId(gid, `${P}ListItem`);
    const item =
      id === null
        ? null
        : await uow.tx.listItem.findFirst({ where: { id, list: { kind: spec.kind } }, include: { list: true } });
    if (!item || !canReadList(uow.viewer, item.list)) throw new NotFoundError(`${P}ListItem`, gid.id, itemWhat);
    return item;
  }

  function onItem<T>(
    ctx: Context,
    gid: GlobalId,
    work: (uow: UnitOfWork, item: Awaited<ReturnType<typeof loadItem>>) => Promise<T>,
  ) {
    return unitOfWork(ctx, async (uow) => {
      const item = await loadItem(uow, gid);
      requireAccess(uow.viewer, item.list, 'edit');
      assertEditable(item.list);
      return work(uow, item);
    });
  }

  const emit = (
    uow: UnitOfWork,
    topic: Topic<ListEventPayload>,
    list: EnforcementList,
    extra: Partial<ListEventPayload> = {},
  ) =>
    uow.emit(
      topic,
      {
        listId: list.id,
        seriesId: list.seriesId,
        version: list.version,
        domain: list.domain,
        kind: list.kind,
        ...extra,
      },
      { agencyId: list.agencyId, public: topic === spec.topics.published || topic === spec.topics.repealed },
    );

  async function attributesFrom(db: Db, raw: unknown): Promise<Prisma.InputJsonValue> {
    const parsed = spec.attributes.safeParse(raw ?? {});
    if (!parsed.success)
      throw new ValidationError(
        issuesFromStandardSchema(parsed.error.issues).map((i) => ({ ...i, path: ['input', 'attributes', ...i.path] })),
      );
    const problems = spec.checkItems ? await spec.checkItems(db, [parsed.data]) : [];
    if (problems.length)
      throw new ValidationError(
        problems.map((p) => ({
          path: ['input', 'attributes', p.field],
          messageZh: p.message.zh,
          messageEn: p.message.en,
        })),
      );
    return attributesJson(parsed.data);
  }

  async function assertSeqFree(db: Db, listId: number, seq: number, exceptItemId: number | null) {
    const clash = await db.listItem.findUnique({ where: { listId_seq: { listId, seq } } });
    if (clash && clash.id !== exceptItemId)
      throw ValidationError.one(['input', 'seq'], {
        zh: `序号 ${seq} 已被占用`,
        en: `seq ${seq} is already used in this list`,
      });
  }

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
      authScopes: (_root, args, ctx) => listScope(ctx, () => loadList(ctx.prisma, ctx.viewer, args.id), 'edit'),
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
      authScopes: (_root, args, ctx) => listScope(ctx, () => loadList(ctx.prisma, ctx.viewer, args.listId), 'edit'),
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
      authScopes: (_root, args, ctx) => listScope(ctx, () => listOfItem(ctx, args.id), 'edit'),
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
      authScopes: (_root, args, ctx) => listScope(ctx, () => listOfItem(ctx, args.id), 'edit'),
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
      authScopes: (_root, args, ctx) => listScope(ctx, () => loadList(ctx.prisma, ctx.viewer, args.listId), 'edit'),
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

  builder.mutationField(`publish${P}List`, (t) =>
    t.prismaField({
      type: refs.list,
      description: `公布草稿（制定单位管理员）；同一清单的现行版本随之废止 Publish a draft (agency admin); the version in force is superseded`,
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => listScope(ctx, () => loadList(ctx.prisma, ctx.viewer, args.id), 'issue'),
      args: { id: t.arg.globalID({ required: true }) },
      resolve: (query, _root, { id }, ctx) =>
        onList(ctx, id, 'issue', async (uow, list) => {
          const { tx, now } = uow;
          const plan = planPublish(list, await tx.listItem.count({ where: { listId: list.id } }), shanghaiToday(now));
          const previous = await tx.enforcementList.findFirst({
            where: { seriesId: list.seriesId, status: 'PUBLISHED' },
          });
          // Conditional update: of two concurrent publishes, the second finds no draft left.
          const done = await tx.enforcementList.updateMany({
            where: { id: list.id, status: 'DRAFT' },
            data: { status: 'PUBLISHED', publishedAt: now, validFrom: plan.validFrom },
          });
          if (done.count !== 1) throw changedMeanwhile('DRAFT');
          if (previous) {
            const note = supersededNote(list.version);
            const repealed = await tx.enforcementList.update({
              where: { id: previous.id },
              data: {
                status: 'REPEALED',
                repealedAt: now,
                supersededAt: now,
                repealReason: `${note.zh}（${note.en}）`,
              },
            });
            await emit(uow, spec.topics.repealed, repealed, { supersededBy: list.id });
          }
          await emit(uow, spec.topics.published, list, { supersedes: previous?.id ?? null });
          return tx.enforcementList.findUniqueOrThrow({ ...query, where: { id: list.id } });
        }),
    }),
  );

  builder.mutationField(`repeal${P}List`, (t) =>
    t.prismaField({
      type: refs.list,
      description: `废止已公布的清单（制定单位管理员）；废止后仍可查阅 Repeal a published list (agency admin); it stays readable as history`,
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => listScope(ctx, () => loadList(ctx.prisma, ctx.viewer, args.id), 'issue'),
      args: {
        id: t.arg.globalID({ required: true }),
        reason: t.arg.string({
          required: true,
          description: '废止理由 Why',
          extensions: textKind('multiline'),
          validate: reasonText,
        }),
      },
      resolve: (query, _root, { id, reason }, ctx) =>
        onList(ctx, id, 'issue', async (uow, list) => {
          assertRepealable(list);
          const done = await uow.tx.enforcementList.updateMany({
            where: { id: list.id, status: 'PUBLISHED' },
            data: { status: 'REPEALED', repealedAt: uow.now, repealReason: reason },
          });
          if (done.count !== 1) throw changedMeanwhile('PUBLISHED');
          await emit(uow, spec.topics.repealed, list, { reason });
          return uow.tx.enforcementList.findUniqueOrThrow({ ...query, where: { id: list.id } });
        }),
    }),
  );

  builder.mutationField(`new${P}ListVersion`, (t) =>
    t.prismaField({
      type: refs.list,
      description: `基于已公布版本新建草稿版本（复制全部事项）New draft version from the published one, items copied`,
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => listScope(ctx, () => loadList(ctx.prisma, ctx.viewer, args.id), 'edit'),
      args: { id: t.arg.globalID({ required: true }) },
      resolve: (query, _root, { id }, ctx) =>
        onList(ctx, id, 'edit', async (uow, list) => {
          const { tx } = uow;
          const latest = await tx.enforcementList.aggregate({
            where: { seriesId: list.seriesId },
            _max: { version: true },
          });
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
              issuerLevel: list.issuerLevel,
              issuingBody: list.issuingBody,
              documentNumber: list.documentNumber,
              previousVersionId: list.id,
            },
          });
          const items = await tx.listItem.findMany({ where: { listId: list.id }, orderBy: { seq: 'asc' } });
          await tx.listItem.createMany({
            data: items.map((i) => ({ ...toItemData(i), listId: next.id, attributes: i.attributes ?? {} })),
          });
          await emit(uow, spec.topics.versionCreated, next, { from: list.id, items: items.length });
          return tx.enforcementList.findUniqueOrThrow({ ...query, where: { id: next.id } });
        }),
    }),
  );
}

/** Attributes come out of the kind's zod schema, which admits only JSON values (numbers, strings, arrays). */
function attributesJson(attributes: object): Prisma.InputJsonObject {
  return attributes;
}

async function csvInput(
  file: File | null | undefined,
  csvText: string | null | undefined,
): Promise<Uint8Array | string> {
  if ((file == null) === (csvText == null))
    throw ValidationError.one(['file'], {
      zh: '请提供 file 或 csvText 其中之一',
      en: 'give exactly one of file or csvText',
    });
  if (file) {
    if (file.size > MAX_UPLOAD_BYTES)
      throw ValidationError.one(['file'], { zh: '文件过大（上限 5 MB）', en: 'file too large (at most 5 MB)' });
    return new Uint8Array(await file.arrayBuffer());
  }
  if (csvText!.length > MAX_UPLOAD_BYTES)
    throw ValidationError.one(['csvText'], { zh: '文本过长（上限 5 MB）', en: 'text too long (at most 5 MB)' });
  return csvText!;
}

function itemColumns(
  input: {
    domain?: string | null;
    discretionLevel?: string | null;
    violation: string;
    violatedProvision: string;
    penaltyProvision: string;
    applicableConditions: string;
  },
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
