// Enforcement matters 行政执法事项 (the county's 权责清单 / 裁量基准, plan task 4): the type, its
// queries and its mutations. Published matters are public (行政处罚法 第34条: 裁量基准应当向社会公布);
// drafts are for staff (auth/rows.ts matterRule). Maintained by the county justice bureau's
// supervisors, system admins, and admins of an agency whose domains include the matter's domain.
import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type { Context } from '../context.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { AgencyKind, PenaltyKind } from '../generated/prisma/enums.js';
import { matterRule } from '../auth/rows.js';
import { NO_ROWS } from '../auth/row-rules.js';
import { isStaff } from '../auth/viewer.js';
import { domainErrors, ValidationError } from '../errors.js';
import { nodeRowId, parseId, type GlobalId } from '../ids.js';
import { textKind } from '../input/text.js';
import { csvInput } from '../input/csv-upload.js';
import { msg, requiredText } from '../validation.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { MATTER_CODE, MATTER_LIMITS, type MatterFields } from '../rules/matter.js';
import {
  CIRCUMSTANCES_MAX,
  DISCRETION_TIERS,
  readBenchmark,
  type DiscretionTier,
  type DiscretionTierKind,
} from '../rules/discretion.js';
import {
  assertMayMaintainMatters,
  createMatterInTx,
  matterFieldsOf,
  setMatterPublishedInTx,
  updateMatterInTx,
  viewerAgencyDomains,
} from '../matters/service.js';
import { exportMattersCsv, MATTER_CSV_ROWS, parseMattersCsv } from '../matters/csv.js';
import { importMattersInTx, type MatterImportResult } from '../matters/import.js';
import type { CoreEnums } from './enums.js';

/**
 * Matter maintenance: the public is told to sign in; staff who may not maintain matters are refused
 * here, naming who may, before their input is checked (the services check again).
 */
const maintainerScope = (_root: unknown, _args: unknown, ctx: Context) => {
  if (!isStaff(ctx.viewer)) return false;
  assertMayMaintainMatters(ctx.viewer);
  return true;
};

export const matterCodeSchema = requiredText(MATTER_LIMITS.code, '事项编码', 'matter code').refine(
  (s) => MATTER_CODE.test(s),
  msg(
    '事项编码只能含字母、数字和 . _ - /，以字母或数字开头',
    'a matter code holds letters, digits and . _ - / and starts with a letter or digit',
  ),
);

/** Search in code and name: every whitespace-separated term (up to 5) must occur. */
function matterSearch(search: string | null | undefined): Prisma.EnforcementMatterWhereInput {
  const terms = (search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  return terms.length
    ? {
        AND: terms.map((term) => ({
          OR: [
            { name: { contains: term, mode: 'insensitive' as const } },
            { code: { contains: term, mode: 'insensitive' as const } },
          ],
        })),
      }
    : {};
}

export interface MatterQueryArgs {
  domain?: string | null;
  agencyKind?: AgencyKind | null;
  search?: string | null;
  published?: boolean | null;
  enforceableBy?: GlobalId | null;
}

/**
 * The matters an agency may enforce: its kind among the matter's agency kinds and the matter's
 * domain among its domains (行政处罚法 第17条 职权范围, 第22条). Published or not: `published` narrows.
 */
async function enforceableByWhere(
  ctx: Pick<Context, 'prisma'>,
  gid: GlobalId | null | undefined,
): Promise<Prisma.EnforcementMatterWhereInput> {
  if (!gid) return {};
  const agency = await ctx.prisma.agency.findUnique({
    where: { id: parseId(gid, 'Agency', ['enforceableBy']) },
    select: { kind: true, domains: true },
  });
  return agency ? { agencyKinds: { has: agency.kind }, domain: { in: agency.domains } } : NO_ROWS;
}

/** The query's filters (matterRule is the framework's to add to a field returning matters). */
export async function mattersWhere(
  ctx: Pick<Context, 'prisma'>,
  args: MatterQueryArgs,
): Promise<Prisma.EnforcementMatterWhereInput> {
  return {
    AND: [
      await enforceableByWhere(ctx, args.enforceableBy),
      args.domain ? { domain: args.domain } : {},
      args.agencyKind ? { agencyKinds: { has: args.agencyKind } } : {},
      args.published != null ? { published: args.published } : {},
      matterSearch(args.search),
    ],
  };
}

interface MatterInputShape {
  code: string;
  name: string;
  domain: string;
  agencyKinds: AgencyKind[];
  violatedProvision: string;
  penaltyProvision: string;
  penaltyKinds: PenaltyKind[];
  fineMinFen?: bigint | null;
  fineMaxFen?: bigint | null;
  gainsMultipleMin?: number | null;
  gainsMultipleMax?: number | null;
  limitationYears?: number | null;
  fallbackBelowFen?: bigint | null;
  mandatoryKinds?: PenaltyKind[] | null;
  alternativeKinds?: PenaltyKind[] | null;
  benchmark?: TierInputShape[] | null;
}

interface TierInputShape {
  tier: DiscretionTierKind;
  fineMinFen?: bigint | null;
  fineMaxFen?: bigint | null;
  penaltyKinds?: PenaltyKind[] | null;
  circumstances?: string | null;
}

function fieldsFromInput(i: MatterInputShape): MatterFields {
  return {
    code: i.code,
    name: i.name,
    domain: i.domain,
    agencyKinds: i.agencyKinds,
    violatedProvision: i.violatedProvision,
    penaltyProvision: i.penaltyProvision,
    penaltyKinds: i.penaltyKinds,
    fineMinFen: i.fineMinFen ?? null,
    fineMaxFen: i.fineMaxFen ?? null,
    gainsMultipleMin: i.gainsMultipleMin ?? null,
    gainsMultipleMax: i.gainsMultipleMax ?? null,
    limitationYears: i.limitationYears ?? 2,
    fallbackBelowFen: i.fallbackBelowFen ?? null,
    mandatoryKinds: i.mandatoryKinds ?? [],
    alternativeKinds: i.alternativeKinds ?? [],
    benchmark: (i.benchmark ?? []).map((t) => ({
      tier: t.tier,
      fineMinFen: t.fineMinFen ?? null,
      fineMaxFen: t.fineMaxFen ?? null,
      penaltyKinds: t.penaltyKinds ?? [],
      circumstances: t.circumstances?.trim() ?? '',
    })),
  };
}

export function registerMatter(builder: ZhifaBuilder, enums: CoreEnums) {
  const { AgencyKind: AgencyKindEnum, PenaltyKind: PenaltyKindEnum, DiscretionTierKind: TierEnum } = enums;

  const DiscretionTierRef = builder.objectRef<DiscretionTier>('DiscretionTier').implement({
    description:
      '裁量基准的一档（第34条）：罚款幅度、处罚种类和适用情形 One tier of the discretion benchmark: its fine sub-range, kinds and circumstances',
    fields: (t) => ({
      tier: t.field({ type: TierEnum, description: '档次 Tier', resolve: (x) => x.tier }),
      fineMinFen: t.field({
        type: 'Fen',
        nullable: true,
        description: '本档罚款下限（分；空为法定下限）Minimum fine of the tier in fen',
        resolve: (x) => x.fineMinFen,
      }),
      fineMaxFen: t.field({
        type: 'Fen',
        nullable: true,
        description: '本档罚款上限（分；空为法定上限）Maximum fine of the tier in fen',
        resolve: (x) => x.fineMaxFen,
      }),
      penaltyKinds: t.field({
        type: [PenaltyKindEnum],
        description: '本档可处的种类（空为事项的全部种类）Kinds of the tier; empty: the matter’s',
        resolve: (x) => x.penaltyKinds,
      }),
      circumstances: t.string({
        description: '适用情形 What places a case in this tier',
        resolve: (x) => x.circumstances,
      }),
    }),
  });

  const DiscretionTierInput = builder.inputType('DiscretionTierInput', {
    description: '裁量基准的一档 One tier of the discretion benchmark',
    fields: (t) => ({
      tier: t.field({ type: TierEnum, required: true, description: '档次 Tier' }),
      fineMinFen: t.field({ type: 'Fen', required: false, description: '本档罚款下限（分）Minimum fine in fen' }),
      fineMaxFen: t.field({ type: 'Fen', required: false, description: '本档罚款上限（分）Maximum fine in fen' }),
      penaltyKinds: t.field({
        type: [PenaltyKindEnum],
        required: false,
        description: '本档可处的种类（空为事项的全部种类）Kinds of the tier',
      }),
      circumstances: t.string({
        required: false,
        extensions: textKind('multiline'),
        description: '适用情形（一般档以外必填）Circumstances (required but for GENERAL)',
        validate: z.string().max(CIRCUMSTANCES_MAX, msg('适用情形过长', 'circumstances too long')),
      }),
    }),
  });

  const MatterRef = builder.prismaNode('EnforcementMatter', {
    id: { field: 'id' },
    description:
      '行政执法事项（权责清单、裁量基准；已公布的公开）Enforcement matter: what an agency enforces, with the penalty range (public when published)',
    // auth/rows.ts matterRule, applied by the framework on every path: node(id) of a draft the
    // caller may not see is null, like an unknown id.
    rowRule: matterRule,
    nullable: true,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      code: t.exposeString('code', { description: '事项编码 Matter code' }),
      name: t.exposeString('name', { description: '事项名称（违法行为）Name (the violation)' }),
      domain: t.exposeString('domain', { description: '监管领域 Enforcement domain' }),
      agencyKinds: t.expose('agencyKinds', {
        type: [AgencyKindEnum],
        description: '实施主体类别 Agency kinds that may enforce it (with the agency’s domains)',
      }),
      violatedProvision: t.exposeString('violatedProvision', { description: '违法依据 Provision violated' }),
      penaltyProvision: t.exposeString('penaltyProvision', { description: '处罚依据 Penalty provision' }),
      penaltyKinds: t.expose('penaltyKinds', {
        type: [PenaltyKindEnum],
        description: '处罚种类 Penalty kinds the provision allows (第9条)',
      }),
      fineMinFen: t.expose('fineMinFen', {
        type: 'Fen',
        nullable: true,
        description: '罚款下限（分）Minimum fine in fen',
      }),
      fineMaxFen: t.expose('fineMaxFen', {
        type: 'Fen',
        nullable: true,
        description: '罚款上限（分）Maximum fine in fen',
      }),
      gainsMultipleMin: t.exposeFloat('gainsMultipleMin', {
        nullable: true,
        description: '违法所得倍数下限 Minimum multiple of illegal gains',
      }),
      gainsMultipleMax: t.exposeFloat('gainsMultipleMax', {
        nullable: true,
        description: '违法所得倍数上限 Maximum multiple of illegal gains',
      }),
      limitationYears: t.exposeInt('limitationYears', {
        description:
          '追责时效默认值（年，第36条；案件按其是否危及生命健康安全、金融安全且有危害后果确定）Default limitation period in years (art. 36; each case decides by its own facts)',
      }),
      fallbackBelowFen: t.expose('fallbackBelowFen', {
        type: 'Fen',
        nullable: true,
        description:
          '违法所得不足此数额（分）的，亦按罚款金额幅度处罚（无违法所得时总是如此）Gains below this (fen) are fined by the amount range too, as are no gains',
      }),
      mandatoryKinds: t.expose('mandatoryKinds', {
        type: [PenaltyKindEnum],
        description:
          '必处种类（并处；决定须包含，减轻处罚除外）Kinds every penalty decision imposes (but a mitigated one)',
      }),
      alternativeKinds: t.expose('alternativeKinds', {
        type: [PenaltyKindEnum],
        description: '选处种类（处…或者…；至少处其一）Kinds of which a penalty decision imposes at least one',
      }),
      benchmark: t.field({
        type: [DiscretionTierRef],
        description:
          '裁量基准（第34条；空则适用默认幅度 ZHIFA_CASE_DISCRETION_BANDS）Discretion benchmark tiers; empty: the configured default bands',
        resolve: (m) => readBenchmark(m.benchmark),
      }),
      published: t.exposeBoolean('published', { description: '已公布 Published (cases may be opened on it)' }),
      publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: '公布时间 Published at' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最近修改 Last changed' }),
      cases: t.relatedConnection('cases', {
        cursor: 'id',
        totalCount: true,
        // Nullable so that a public listing of matters fails only this field, not the whole list.
        nullable: true,
        description:
          '据此立案的案件（仅限有权查看的；需登录）Cases opened on this matter that the caller may read (token required)',
        authScopes: { authenticated: true },
        query: { orderBy: { id: 'asc' } },
      }),
    }),
  });

  const searchArg = z.string().max(MATTER_LIMITS.search, msg('检索词过长', 'search text too long'));

  builder.queryFields((t) => ({
    matters: t.prismaConnection({
      type: 'EnforcementMatter',
      cursor: 'id',
      description:
        '执法事项（公众可见已公布的；工作人员另见草稿）Enforcement matters: the public sees published ones, staff also drafts',
      args: {
        domain: t.arg.string({ required: false, description: '监管领域 Domain' }),
        agencyKind: t.arg({
          type: AgencyKindEnum,
          required: false,
          description: '实施主体类别 Agency kind that may enforce it',
        }),
        search: t.arg.string({
          required: false,
          description: '在编码和名称中检索 Search code and name',
          validate: searchArg,
        }),
        published: t.arg.boolean({ required: false, description: '是否已公布 Published or drafts' }),
        enforceableBy: t.arg.globalID({
          required: false,
          description:
            '该单位可实施的事项（单位类别属实施主体类别、监管领域属单位领域）Matters this agency may enforce (its kind and domains)',
        }),
      },
      totalCount: async (_parent, args, ctx) =>
        ctx.prisma.enforcementMatter.count({ where: await mattersWhere(ctx, args) }),
      resolve: async (query, _parent, args, ctx) =>
        ctx.prisma.enforcementMatter.findMany({
          ...query,
          where: await mattersWhere(ctx, args),
          orderBy: { id: 'asc' },
        }),
    }),
    matter: t.prismaField({
      type: 'EnforcementMatter',
      nullable: true,
      description: '执法事项（不存在或不可见时为空）One matter, or null when absent or not visible',
      args: { id: t.arg.globalID({ required: true }) },
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.enforcementMatter.findFirst({
          ...query,
          where: { id: parseId(args.id, 'EnforcementMatter', ['id']) },
        }),
    }),
  }));

  const MatterInput = builder.inputType('MatterInput', {
    description: '执法事项 Enforcement matter fields (a whole replacement on update)',
    fields: (t) => ({
      code: t.string({
        required: true,
        extensions: textKind('name'),
        description: '事项编码 Code',
        validate: matterCodeSchema,
      }),
      name: t.string({
        required: true,
        description: '事项名称 Name',
        validate: requiredText(MATTER_LIMITS.name, '事项名称', 'name'),
      }),
      domain: t.string({
        required: true,
        description: '监管领域 Domain',
        validate: requiredText(MATTER_LIMITS.domain, '监管领域', 'domain'),
      }),
      agencyKinds: t.field({
        type: [AgencyKindEnum],
        required: true,
        description: '实施主体类别 Agency kinds that may enforce it',
        validate: z.array(z.string()).min(1, msg('至少选择一种实施主体类别', 'at least one agency kind')),
      }),
      violatedProvision: t.string({
        required: true,
        extensions: textKind('multiline'),
        description: '违法依据 Provision violated',
        validate: requiredText(MATTER_LIMITS.provision, '违法依据', 'provision violated'),
      }),
      penaltyProvision: t.string({
        required: true,
        extensions: textKind('multiline'),
        description: '处罚依据 Penalty provision',
        validate: requiredText(MATTER_LIMITS.provision, '处罚依据', 'penalty provision'),
      }),
      penaltyKinds: t.field({
        type: [PenaltyKindEnum],
        required: true,
        description: '处罚种类 Penalty kinds the provision allows',
        validate: z.array(z.string()).min(1, msg('至少选择一种处罚种类', 'at least one penalty kind')),
      }),
      fineMinFen: t.field({ type: 'Fen', required: false, description: '罚款下限（分）Minimum fine in fen' }),
      fineMaxFen: t.field({ type: 'Fen', required: false, description: '罚款上限（分）Maximum fine in fen' }),
      gainsMultipleMin: t.float({ required: false, description: '违法所得倍数下限 Minimum multiple of illegal gains' }),
      gainsMultipleMax: t.float({ required: false, description: '违法所得倍数上限 Maximum multiple of illegal gains' }),
      limitationYears: t.int({
        required: false,
        defaultValue: 2,
        description:
          '追责时效（年）：2，或 5（涉及公民生命健康安全、金融安全且有危害后果，第36条）Limitation period: 2, or 5 years (art. 36)',
      }),
      fallbackBelowFen: t.field({
        type: 'Fen',
        required: false,
        description:
          '违法所得不足此数额（分）的，亦适用罚款金额幅度 Gains threshold below which the amount range applies',
      }),
      mandatoryKinds: t.field({
        type: [PenaltyKindEnum],
        required: false,
        description: '必处种类（并处）Mandatory kinds',
      }),
      alternativeKinds: t.field({
        type: [PenaltyKindEnum],
        required: false,
        description: '选处种类（处…或者…）Alternative kinds',
      }),
      benchmark: t.field({
        type: [DiscretionTierInput],
        required: false,
        description: `裁量基准各档（至多 ${DISCRETION_TIERS.length} 档）Discretion benchmark tiers`,
        validate: z.array(z.unknown()).max(DISCRETION_TIERS.length, msg('档次过多', 'too many tiers')),
      }),
    }),
  });

  builder.mutationFields((t) => ({
    createMatter: t.prismaField({
      type: 'EnforcementMatter',
      description: '新建执法事项（草稿）Create a matter, as a draft',
      authScopes: maintainerScope,
      errors: { types: domainErrors },
      args: { input: t.arg({ type: MatterInput, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          assertMayMaintainMatters(uow.viewer);
          const m = await createMatterInTx(
            uow,
            fieldsFromInput(input),
            await viewerAgencyDomains(uow.tx, uow.viewer),
            'api',
          );
          return uow.tx.enforcementMatter.findUniqueOrThrow({ ...query, where: { id: m.id } });
        }),
    }),
    updateMatter: t.prismaField({
      type: 'EnforcementMatter',
      description:
        '修改执法事项（整体替换；已公布的事项编码不变）Replace a matter’s fields (a published matter keeps its code)',
      authScopes: maintainerScope,
      errors: { types: domainErrors },
      args: {
        id: t.arg.globalID({ required: true, description: '执法事项 Matter' }),
        input: t.arg({ type: MatterInput, required: true }),
      },
      resolve: (query, _root, { id, input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          assertMayMaintainMatters(uow.viewer);
          const { matter } = await updateMatterInTx(
            uow,
            parseId(id, 'EnforcementMatter', ['id']),
            fieldsFromInput(input),
            await viewerAgencyDomains(uow.tx, uow.viewer),
            'api',
          );
          return uow.tx.enforcementMatter.findUniqueOrThrow({ ...query, where: { id: matter.id } });
        }),
    }),
    publishMatter: t.prismaField({
      type: 'EnforcementMatter',
      description: '公布执法事项（向社会公布，可据以立案）Publish a matter: public, cases may be opened on it',
      authScopes: maintainerScope,
      errors: { types: domainErrors },
      args: { id: t.arg.globalID({ required: true, description: '执法事项 Matter' }) },
      resolve: (query, _root, { id }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          assertMayMaintainMatters(uow.viewer);
          const m = await setMatterPublishedInTx(
            uow,
            parseId(id, 'EnforcementMatter', ['id']),
            true,
            await viewerAgencyDomains(uow.tx, uow.viewer),
            null,
          );
          return uow.tx.enforcementMatter.findUniqueOrThrow({ ...query, where: { id: m.id } });
        }),
    }),
    unpublishMatter: t.prismaField({
      type: 'EnforcementMatter',
      description:
        '撤回已公布的执法事项（如依据已废止）：不能再据以立案，已立案件不受影响 Withdraw a published matter: no new cases; existing cases keep it',
      authScopes: maintainerScope,
      errors: { types: domainErrors },
      args: {
        id: t.arg.globalID({ required: true, description: '执法事项 Matter' }),
        reason: t.arg.string({
          required: true,
          description: '撤回理由 Why',
          validate: requiredText(500, '撤回理由', 'reason'),
        }),
      },
      resolve: (query, _root, { id, reason }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          assertMayMaintainMatters(uow.viewer);
          const m = await setMatterPublishedInTx(
            uow,
            parseId(id, 'EnforcementMatter', ['id']),
            false,
            await viewerAgencyDomains(uow.tx, uow.viewer),
            reason,
          );
          return uow.tx.enforcementMatter.findUniqueOrThrow({ ...query, where: { id: m.id } });
        }),
    }),
  }));

  // ── CSV (matters/csv.ts) ───────────────────────────────────────────────────────────────────────

  builder.queryField('exportMattersCsv', (t) =>
    t.string({
      description:
        `导出执法事项 CSV（UTF-8 BOM，中文表头，金额单位元；公众仅已公布的；上限 ${MATTER_CSV_ROWS} 行）` +
        `Export matters as CSV (UTF-8 with BOM, Chinese headers, amounts in yuan; the public gets published ones; at most ${MATTER_CSV_ROWS} rows)`,
      args: {
        domain: t.arg.string({ required: false, description: '监管领域 Domain' }),
        agencyKind: t.arg({ type: AgencyKindEnum, required: false, description: '实施主体类别 Agency kind' }),
        search: t.arg.string({
          required: false,
          description: '在编码和名称中检索 Search code and name',
          validate: searchArg,
        }),
        published: t.arg.boolean({ required: false, description: '是否已公布 Published or drafts' }),
        enforceableBy: t.arg.globalID({
          required: false,
          description: '该单位可实施的事项 Matters this agency may enforce',
        }),
      },
      resolve: async (_root, args, ctx) => {
        const rows = await ctx.prisma.enforcementMatter.findMany({
          where: await mattersWhere(ctx, args),
          orderBy: { code: 'asc' },
          take: MATTER_CSV_ROWS + 1,
        });
        if (rows.length > MATTER_CSV_ROWS)
          throw ValidationError.one(['domain'], {
            zh: `超过 ${MATTER_CSV_ROWS} 个事项，请按监管领域或实施主体类别分别导出`,
            en: `more than ${MATTER_CSV_ROWS} matters; export by domain or agency kind`,
          });
        return exportMattersCsv(rows.map(matterFieldsOf));
      },
    }),
  );

  const MatterImportRef = builder.objectRef<MatterImportResult>('MatterImport').implement({
    description: '执法事项导入结果 What an import did',
    fields: (t) => ({
      created: t.exposeInt('created', { description: '新建（草稿）Created, as drafts' }),
      updated: t.exposeInt('updated', { description: '修改 Updated' }),
      unchanged: t.exposeInt('unchanged', { description: '未变 Unchanged' }),
    }),
  });

  builder.mutationField('importMattersCsv', (t) =>
    t.field({
      type: MatterImportRef,
      description:
        '导入执法事项 CSV：按事项编码新建（草稿）或修改；逐行校验，全部通过才写入，每处问题注明行和列 ' +
        'Import matters from CSV, keyed by 事项编码: new codes become drafts, known codes are updated; every row is checked ' +
        'and nothing is written unless all pass (each problem names its line and column). Send a multipart `file` or `csvText`',
      authScopes: maintainerScope,
      errors: { types: domainErrors },
      args: {
        file: t.arg({
          type: 'File',
          required: false,
          description: 'CSV 文件（multipart 上传）CSV file, multipart upload',
        }),
        csvText: t.arg.string({
          required: false,
          extensions: textKind('csv'),
          description: 'CSV 文本 CSV text, for clients without multipart',
        }),
      },
      resolve: async (_root, { file, csvText }, ctx) => {
        // Refuse strangers and parse before opening a transaction: bad files cost no locks.
        assertMayMaintainMatters(ctx.viewer);
        const rows = parseMattersCsv(await csvInput(file, csvText));
        return unitOfWork(
          ctx,
          async (uow) => importMattersInTx(uow, rows, await viewerAgencyDomains(uow.tx, uow.viewer)),
          // Each matter created or changed emits its own event; a file identical to the catalogue changes nothing.
          { silent: 'an import identical to the stored matters writes nothing' },
        );
      },
    }),
  );

  return MatterRef;
}
