// The figures' GraphQL types and SurveyCampaign's figure fields: figures(groupBy, quality) as a connection, and
// its CSV / xlsx exports. Every path reads through `figuresFor`, which asks visibility.ts what the caller may see.
import {
  ForbiddenError,
  pageByPosition,
  PAGED_BY_POSITION,
  type Context,
  type CoreRefs,
  type ZhifaBuilder,
} from '@zhifa/core';
import type { Agency } from '@zhifa/core/prisma';
import { campaignRule } from '../access.js';
import {
  FIGURE_KEYS,
  QUALITIES,
  figureFromCell,
  readFigureCells,
  type FigureKey,
  type SurveyFigure,
} from '../figures.js';
import type { Quality } from '../rollups.js';
import { satisfactionSurveySettings } from '../settings.js';
import { FIGURE_ACCESS_DENIED, figureAccess, type CampaignForFigures, type FigureAccess } from '../visibility.js';
import type { SurveyEnums } from './enums.js';
import { figureTable } from '../figure-table.js';
import { tableCsv, tableXlsxBase64 } from '../tables.js';

/** The campaign as the figures need it, if the caller may see the campaign at all (its row rule). */
export async function campaignForFigures(ctx: Context, campaignId: number): Promise<CampaignForFigures | null> {
  const where = campaignRule.where(ctx.viewer);
  if (where === null) return null;
  const c = await ctx.prisma.surveyCampaign.findFirst({
    where: { AND: [{ id: campaignId }, where] },
    select: {
      id: true,
      status: true,
      targetRate: true,
      basicallySatisfiedCounts: true,
      units: { where: { evaluated: true }, select: { agencyId: true } },
    },
  });
  return c && { ...c, evaluatedAgencyIds: c.units.map((u) => u.agencyId) };
}

/** What the caller may read of the campaign's figures; ForbiddenError when nothing. */
export function accessOrRefuse(ctx: Context, campaign: CampaignForFigures): FigureAccess {
  const access = figureAccess(ctx.viewer, campaign, ctx.settings.get(satisfactionSurveySettings).smallCell);
  if (!access) throw new ForbiddenError(FIGURE_ACCESS_DENIED);
  return access;
}

/** The figures the caller may read, grouped by `groupBy`: one statement over the rollups. */
export async function figuresFor(
  ctx: Context,
  campaign: CampaignForFigures,
  access: FigureAccess,
  groupBy: readonly FigureKey[],
  quality: readonly Quality[] | null | undefined,
): Promise<SurveyFigure[]> {
  const cells = await readFigureCells(ctx.prisma, campaign.id, groupBy, qualityOrAll(quality), access.scope);
  return cells.map((c) => figureFromCell(c, campaign, access.suppressBelow));
}

export function qualityOrAll(quality: readonly Quality[] | null | undefined): readonly Quality[] {
  return quality && quality.length > 0 ? [...new Set(quality)] : QUALITIES;
}

export function registerSurveyFigureTypes(builder: ZhifaBuilder, enums: SurveyEnums, core: CoreRefs) {
  const SurveyFigureKey = builder.enumType('SurveyFigureKey', {
    description: '结果分组维度 What figures are grouped by',
    values: {
      AGENCY: { description: '被评价单位 Evaluated agency' },
      TOWNSHIP: { description: '镇区 Township' },
      RESPONDENT_TYPE: { description: '受访者类别 Respondent type' },
      DIMENSION: { description: '评价维度 Dimension' },
    } satisfies Record<FigureKey, unknown>,
  });
  const SurveyVerdict = builder.enumType('SurveyVerdict', {
    description: '对照目标满意率的结论 Verdict against the target rate (county plan task 13: 满意率达 93% 以上)',
    values: {
      MET: { description: '达标：满意率不低于目标 Met: the rate reaches the target' },
      WITHIN_NOISE: {
        description:
          '差距在误差范围内：低于目标但目标在 95% 置信区间内 Within noise: below target, but the target lies inside the 95% interval',
      },
      NOT_MET: { description: '未达标：95% 置信区间上限低于目标 Not met: the upper bound is below the target' },
      NO_DATA: { description: '无有效答案 No valid answers' },
    },
  });
  const SurveyInterval = builder.objectRef<{ low: number; high: number }>('SurveyInterval').implement({
    description: 'Wilson 95% 置信区间 Wilson 95% interval',
    fields: (t) => ({
      low: t.exposeFloat('low', { description: '下限 Lower bound' }),
      high: t.exposeFloat('high', { description: '上限 Upper bound' }),
    }),
  });

  const loadAgencies = async (ids: number[], ctx: Context) => {
    const rows = await ctx.prisma.agency.findMany({ where: { id: { in: ids } } });
    const byId = new Map<number, Agency>(rows.map((a) => [a.id, a]));
    return ids.map((id) => byId.get(id) ?? null);
  };

  const SurveyFigureRef = builder.objectRef<SurveyFigure>('SurveyFigure').implement({
    description:
      '一组满意度结果（未按其分组的维度为空；答案过少时隐藏）Figures of one group; a key not grouped by is null; hidden when too few answers',
    fields: (t) => ({
      agency: t.loadable({
        type: core.Agency,
        nullable: true,
        description: '被评价单位 Evaluated agency',
        load: loadAgencies,
        resolve: (f) => f.agencyId,
      }),
      township: t.loadable({
        type: core.Agency,
        nullable: true,
        description: '镇区 Township',
        load: loadAgencies,
        resolve: (f) => f.townshipId,
      }),
      respondentType: t.field({
        type: enums.SurveyRespondentType,
        nullable: true,
        description: '受访者类别 Respondent type',
        resolve: (f) => f.respondentType,
      }),
      dimension: t.field({
        type: enums.SurveyDimension,
        nullable: true,
        description: '评价维度（空：总体满意率，按总体题计）Dimension; null: the overall rate, over the OVERALL items',
        resolve: (f) => f.dimension,
      }),
      suppressed: t.boolean({
        description: '答案过少，不予显示（不是零）Too few answers to show (not zero): every figure below is null',
        resolve: (f) => f.suppressed,
      }),
      validAnswers: t.int({
        nullable: true,
        description: '有效答案数 Valid answers',
        resolve: (f) => f.figure?.validAnswers ?? null,
      }),
      satisfiedAnswers: t.int({
        nullable: true,
        description: '满意答案数 Satisfied answers',
        resolve: (f) => f.figure?.satisfiedAnswers ?? null,
      }),
      rate: t.float({
        nullable: true,
        description: '满意率（0–1；无答案为空）Satisfaction rate, 0–1; null without answers',
        resolve: (f) => f.figure?.rate ?? null,
      }),
      score: t.float({
        nullable: true,
        description: '综合得分（100/80/60/30/0，按题目权重）Composite score, weighted by item',
        resolve: (f) => f.figure?.score ?? null,
      }),
      interval: t.field({
        type: SurveyInterval,
        nullable: true,
        description: '满意率 Wilson 95% 置信区间 Wilson 95% interval of the rate',
        resolve: (f) => f.figure?.interval ?? null,
      }),
      verdict: t.field({
        type: SurveyVerdict,
        nullable: true,
        description: '对照目标的结论 Verdict against the target',
        resolve: (f) => f.figure?.verdict ?? null,
      }),
      flaggedAnswers: t.int({
        nullable: true,
        description: '其中质量存疑的答案数（无论是否计入）Answers of the FLAGGED class, whether or not included',
        resolve: (f) => f.flaggedAnswers,
      }),
      unconfirmedAnswers: t.int({
        nullable: true,
        description: '其中回访未接通的答案数（无论是否计入）Answers of the UNCONFIRMED class, whether or not included',
        resolve: (f) => f.unconfirmedAnswers,
      }),
    }),
  });

  builder.prismaObjectFields('SurveyCampaign', (t) => ({
    figures: t.connection(
      {
        type: SurveyFigureRef,
        description:
          '满意度结果（按所选维度分组；被评价单位仅见本单位，且不含企业、个体工商户的答案；公布后公开）Figures grouped by the chosen keys, as far as the caller may read them',
        extensions: PAGED_BY_POSITION,
        args: {
          groupBy: t.arg({ type: [SurveyFigureKey], required: false, description: '分组 Group by' }),
          quality: t.arg({
            type: [enums.SurveyQuality],
            required: false,
            description: '计入的质量分类（默认全部）Quality classes counted; all by default',
          }),
        },
        resolve: async (c, args, ctx) => {
          const campaign = await campaignForFigures(ctx, c.id);
          if (!campaign) return pageByPosition([], args);
          const figures = await figuresFor(
            ctx,
            campaign,
            accessOrRefuse(ctx, campaign),
            keys(args.groupBy),
            args.quality,
          );
          return pageByPosition(figures, args);
        },
      },
      { fields: (c) => ({ totalCount: c.int({ description: '总数 Figures', resolve: (p) => p.totalCount }) }) },
    ),
    figuresCsv: t.string({
      description: `满意度结果 CSV（UTF-8 BOM）；行数不超过 单位 × 镇区 × 受访者类别(5) × 维度(8) Figures as CSV; rows bounded by the campaign's shape`,
      args: {
        groupBy: t.arg({ type: [SurveyFigureKey], required: false }),
        quality: t.arg({ type: [enums.SurveyQuality], required: false }),
      },
      resolve: async (c, args, ctx) => tableCsv(await exportTable(ctx, c.id, keys(args.groupBy), args.quality)),
    }),
    figuresXlsx: t.string({
      description: '满意度结果 xlsx（base64）Figures as xlsx, base64-encoded; bounded as figuresCsv',
      args: {
        groupBy: t.arg({ type: [SurveyFigureKey], required: false }),
        quality: t.arg({ type: [enums.SurveyQuality], required: false }),
      },
      resolve: async (c, args, ctx) => tableXlsxBase64(await exportTable(ctx, c.id, keys(args.groupBy), args.quality)),
    }),
  }));

  return { SurveyFigure: SurveyFigureRef, SurveyVerdict, SurveyInterval, SurveyFigureKey };
}

function keys(groupBy: readonly FigureKey[] | null | undefined): FigureKey[] {
  return FIGURE_KEYS.filter((k) => groupBy?.includes(k));
}

async function exportTable(
  ctx: Context,
  campaignId: number,
  groupBy: readonly FigureKey[],
  quality: readonly Quality[] | null | undefined,
) {
  const campaign = await campaignForFigures(ctx, campaignId);
  if (!campaign) throw new ForbiddenError(FIGURE_ACCESS_DENIED);
  const figures = await figuresFor(ctx, campaign, accessOrRefuse(ctx, campaign), groupBy, quality);
  const ids = [...new Set(figures.flatMap((f) => [f.agencyId, f.townshipId]).filter((x): x is number => x !== null))];
  const names = new Map(
    (await ctx.prisma.agency.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((a) => [
      a.id,
      a.name,
    ]),
  );
  return figureTable(figures, groupBy, names, campaign.targetRate);
}

export type SurveyFigureRefs = ReturnType<typeof registerSurveyFigureTypes>;
