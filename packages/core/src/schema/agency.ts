import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type { Db } from '../db.js';
import type { AgencyKind } from '../generated/prisma/enums.js';
import { domainErrors, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { isSystemAdmin } from '../auth/viewer.js';
import { agencyRule } from '../auth/rows.js';
import { nodeRowId, parseId, parseOptionalId, tryParseId, type GlobalId } from '../ids.js';
import { CORE_TOPICS } from '../topics.js';
import { msg } from '../validation.js';
import { textKind } from '../input/text.js';
import { isValidUscc } from '../rules/uscc.js';
import type { CoreEnums } from './enums.js';

export function registerAgency(builder: ZhifaBuilder, enums: CoreEnums) {
  const AgencyKindEnum = enums.AgencyKind;

  const AgencyRef = builder.prismaNode('Agency', {
    id: { field: 'id' },
    // Only the columns the asked fields name are loaded (case.ts says why); a write whose event
    // reads columns of the row it wrote writes without the client's selection. Name and kind, which
    // nearly every list shows, are always loaded and read straight off the row (loaded-columns.ts).
    select: { id: true, name: true, kind: true },
    description: '行政执法主体/单位 Agency (public)',
    // Public rows; node(id) of an unknown or malformed id is null (node-query.ts).
    rowRule: agencyRule,
    nullable: true,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      name: t.exposeString('name', { description: '名称 Name' }),
      kind: t.expose('kind', { type: AgencyKindEnum, description: '类别 Kind' }),
      domains: t.exposeStringList('domains', { description: '监管领域 Enforcement domains' }),
      uscc: t.exposeString('uscc', { nullable: true, description: '统一社会信用代码 USCC' }),
      inspectionQualifiedOn: t.expose('inspectionQualifiedOn', {
        type: 'Date',
        nullable: true,
        description: '行政检查主体资格确认并公布日期 Date the inspection-subject qualification was confirmed',
      }),
      documentPrefix: t.exposeString('documentPrefix', {
        nullable: true,
        description:
          '文书字号前缀，如 阜市监（立案号 阜市监立〔2026〕3号、决定书 阜市监罚〔2026〕17号）Document-number prefix',
      }),
      parent: t.relation('parent', { nullable: true, description: '上级单位 Parent agency' }),
      children: t.relatedConnection('children', {
        cursor: 'id',
        totalCount: true,
        description: '下级单位 Child agencies',
      }),
    }),
  });

  builder.queryFields((t) => ({
    agencies: t.prismaConnection({
      type: 'Agency',
      cursor: 'id',
      description: '单位列表（公开）Agencies (public)',
      args: {
        kind: t.arg({ type: AgencyKindEnum, required: false }),
        parentId: t.arg.globalID({ required: false }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.agency.count({ where: agencyWhere(args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.agency.findMany({ ...query, where: agencyWhere(args), orderBy: { id: 'asc' } }),
    }),
    agency: t.prismaField({
      type: 'Agency',
      nullable: true,
      description: '单位 One agency',
      args: { id: t.arg.globalID({ required: true }) },
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.agency.findUnique({ ...query, where: { id: parseId(args.id, 'Agency', ['id']) } }),
    }),
  }));

  const AgencyInput = builder.inputType('AgencyInput', {
    description: '单位信息 Agency fields',
    fields: (t) => ({
      name: t.string({
        required: true,
        extensions: textKind('name'),
        validate: z.string().trim().min(2, msg('名称至少 2 个字', 'name needs at least 2 characters')).max(100),
      }),
      kind: t.field({ type: AgencyKindEnum, required: true }),
      parentId: t.globalID({ required: false }),
      domains: t.stringList({ required: false, validate: z.array(z.string().trim().min(1).max(50)).max(50) }),
      uscc: t.string({
        required: false,
        validate: z
          .string()
          .refine(isValidUscc, msg('统一社会信用代码校验失败', 'USCC failed the GB 32100-2015 check')),
      }),
      inspectionQualifiedOn: t.field({ type: 'Date', required: false }),
      documentPrefix: t.string({
        required: false,
        extensions: textKind('name'),
        description:
          '文书字号前缀（2–10 个汉字，如 阜市监；修改时不填则保持不变，填 null 则清除）Document-number prefix, e.g. 阜市监; omitted on update keeps it, null clears it',
        validate: z
          .string()
          .trim()
          .regex(
            /^[\u4e00-\u9fff]{2,10}$/u,
            msg(
              '文书字号前缀须为 2–10 个汉字，如 阜市监',
              'the document prefix is 2–10 Chinese characters, e.g. 阜市监',
            ),
          ),
      }),
    }),
  });

  builder.mutationFields((t) => ({
    createAgency: t.prismaField({
      type: 'Agency',
      description: '新建单位（系统管理员）Create an agency (system admin)',
      authScopes: { systemAdmin: true },
      errors: { types: domainErrors },
      args: { input: t.arg({ type: AgencyInput, required: true }) },
      // Written without the client's selection: the whole row, whose columns the event reads (the type
      // loads only the columns asked for); Pothos loads what else the client asked of it.
      resolve: (_query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const agency = await tx.agency.create({ data: await agencyData(tx, input, null) });
          await uow.emit(
            CORE_TOPICS.agencyCreated,
            { agencyId: agency.id, name: agency.name },
            { agencyId: agency.id, public: true },
          );
          return agency;
        }),
    }),
    updateAgency: t.prismaField({
      type: 'Agency',
      description: '修改单位（系统管理员或本单位管理员）Update an agency',
      authScopes: (_root, args) => ({
        $any: { systemAdmin: true, agencyAdminOf: tryParseId(args.id, 'Agency') ?? -1 },
      }),
      errors: { types: domainErrors },
      args: {
        id: t.arg.globalID({ required: true }),
        input: t.arg({ type: AgencyInput, required: true }),
      },
      resolve: (_query, _root, { id, input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const agencyId = parseId(id, 'Agency', ['id']);
          const before = await tx.agency.findUnique({ where: { id: agencyId } });
          if (!before) throw new NotFoundError('Agency', String(agencyId), { zh: '单位', en: 'Agency' });
          // Kind and place in the tree decide who supervises whom (a SUPERVISOR in a JUSTICE_BUREAU
          // reads everything): an agency's own admin must not be able to move or re-kind it.
          const parentId = parseOptionalId(input.parentId, 'Agency', ['input', 'parentId']);
          if (!isSystemAdmin(ctx.viewer) && (input.kind !== before.kind || parentId !== before.parentId))
            throw new ForbiddenError({
              zh: '只有系统管理员可以修改单位类别或上级单位',
              en: 'only a system admin may change an agency’s kind or parent',
            });
          // The inspection-subject qualification (行政检查主体资格) is the county's confirmation that the
          // agency may inspect; the agency must not certify itself.
          if (
            !isSystemAdmin(ctx.viewer) &&
            (input.inspectionQualifiedOn?.getTime() ?? null) !== (before.inspectionQualifiedOn?.getTime() ?? null)
          )
            throw new ForbiddenError({
              zh: '行政检查主体资格由县政府确认并公布，只有系统管理员可以登记或修改其日期',
              en: 'the inspection-subject qualification is confirmed by the county; only a system admin may record or change its date',
            });
          const agency = await tx.agency.update({
            where: { id: agencyId },
            data: await agencyData(tx, input, agencyId),
          });
          await uow.emit(CORE_TOPICS.agencyUpdated, { agencyId, name: agency.name }, { agencyId, public: true });
          return agency;
        }),
    }),
  }));
  return AgencyRef;
}

interface AgencyInputShape {
  name: string;
  kind: AgencyKind;
  parentId?: GlobalId | null;
  domains?: string[] | null;
  uscc?: string | null;
  inspectionQualifiedOn?: Date | null;
  documentPrefix?: string | null;
}

/**
 * Checks what only the database can tell (parent exists, the tree stays a tree, the name is
 * free) and returns the row to write. `selfId` is null when creating.
 */
async function agencyData(tx: Db, input: AgencyInputShape, selfId: number | null) {
  const parentId = parseOptionalId(input.parentId, 'Agency', ['input', 'parentId']);
  // Walk up from the new parent: meeting the agency itself would close a cycle.
  for (let at = parentId, hops = 0; at !== null; hops++) {
    if (at === selfId || hops > 64)
      throw ValidationError.one(['input', 'parentId'], {
        zh: '上级单位不能是自身或其下级',
        en: 'an agency cannot sit under itself or its own descendant',
      });
    const row: { parentId: number | null } | null = await tx.agency.findUnique({
      where: { id: at },
      select: { parentId: true },
    });
    if (!row) throw new NotFoundError('Agency', String(parentId), { zh: '上级单位', en: 'Parent agency' });
    at = row.parentId;
  }
  const clash = await tx.agency.findUnique({ where: { name: input.name }, select: { id: true } });
  if (clash && clash.id !== selfId)
    throw ValidationError.one(['input', 'name'], { zh: '同名单位已存在', en: 'an agency with this name exists' });
  // Omitted on update: kept (a client that does not know the field must not wipe it); null clears it.
  const keepPrefix = input.documentPrefix === undefined && selfId !== null;
  const documentPrefix = input.documentPrefix?.trim() || null;
  const prefixClash = documentPrefix
    ? await tx.agency.findUnique({ where: { documentPrefix }, select: { id: true } })
    : null;
  if (prefixClash && prefixClash.id !== selfId)
    throw ValidationError.one(['input', 'documentPrefix'], {
      zh: '其他单位已使用此文书字号前缀',
      en: 'another agency uses this document prefix',
    });
  return {
    name: input.name,
    kind: input.kind,
    parentId,
    domains: input.domains ?? [],
    uscc: input.uscc ?? null,
    inspectionQualifiedOn: input.inspectionQualifiedOn ?? null,
    ...(keepPrefix ? {} : { documentPrefix }),
  };
}

function agencyWhere(args: { kind?: AgencyKind | null; parentId?: GlobalId | null }) {
  return {
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.parentId ? { parentId: parseId(args.parentId, 'Agency', ['parentId']) } : {}),
  };
}
