// Query.countySatisfaction and Query.surveyRanking: figures across agencies — supervisors, and everyone once the
// campaign is published (visibility.ts). The headline verdict is read against the POOLED figure (every
// respondent, 群众和企业 as county plan task 13 says); the stratified figure (each agency weighted by its share of
// the enterprise sampling frame, frozen in SurveyStratum when the campaign opened) is shown beside it: the frame
// holds enterprises only, so it cannot weight the public's answers.
import {
  ForbiddenError,
  pageByPosition,
  PAGED_BY_POSITION,
  parseId,
  type Context,
  type ZhifaBuilder,
} from '@zhifa/core';
import { sudo } from '@zhifa/core/auth';
import { figureFromCell, readFigureCells, sumCells, type SurveyFigure } from '../figures.js';
import { stratified, type StratifiedFigure } from '../statistics.js';
import { COUNTY_FIGURES_DENIED, type CampaignForFigures, type FigureAccess } from '../visibility.js';
import {
  accessOrRefuse,
  campaignForFigures,
  figuresFor,
  qualityOrAll,
  type SurveyFigureRefs,
} from './survey-figures.js';
import type { SurveyEnums } from './enums.js';

interface CountySatisfaction {
  targetRate: number;
  pooled: SurveyFigure;
  stratified: StratifiedFigure;
}

interface RankingEntry {
  rank: number | null;
  figure: SurveyFigure;
}

async function countyAccess(
  ctx: Context,
  campaignGid: { typename: string; id: string },
): Promise<{ campaign: CampaignForFigures; access: FigureAccess } | null> {
  const campaign = await campaignForFigures(ctx, parseId(campaignGid, 'SurveyCampaign', ['campaignId']));
  if (!campaign) return null;
  const access = accessOrRefuse(ctx, campaign);
  if (!access.county) throw new ForbiddenError(COUNTY_FIGURES_DENIED);
  return { campaign, access };
}

/**
 * Best first: by overall rate, then score, then more answers; ties by id, so the order never depends on the
 * database. Groups without a rate (no answers, or suppressed) come last, unranked. Equal rate and score share a
 * rank (1, 2, 2, 4).
 */
export function rankFigures(figures: readonly SurveyFigure[], idOf: (f: SurveyFigure) => number): RankingEntry[] {
  const rated = figures.filter((f) => f.figure?.rate != null);
  const unrated = figures.filter((f) => f.figure?.rate == null).sort((a, b) => idOf(a) - idOf(b));
  const rate = (f: SurveyFigure) => f.figure!.rate!;
  const score = (f: SurveyFigure) => f.figure!.score ?? -1;
  rated.sort(
    (a, b) =>
      rate(b) - rate(a) || score(b) - score(a) || b.figure!.validAnswers - a.figure!.validAnswers || idOf(a) - idOf(b),
  );
  const ranked: RankingEntry[] = [];
  rated.forEach((f, i) => {
    const prev = ranked[i - 1];
    const tie = prev && rate(prev.figure) === rate(f) && score(prev.figure) === score(f);
    ranked.push({ rank: tie ? prev.rank : i + 1, figure: f });
  });
  return [...ranked, ...unrated.map((figure) => ({ rank: null, figure }))];
}

export function registerCountySatisfaction(builder: ZhifaBuilder, enums: SurveyEnums, refs: SurveyFigureRefs) {
  const StratifiedRef = builder.objectRef<StratifiedFigure>('SurveyStratifiedFigure').implement({
    description:
      '分层加权满意率：各单位满意率按其在抽样框中的企业数加权 Stratified rate: each agency’s rate weighted by its share of the sampling frame',
    fields: (t) => ({
      rate: t.float({ nullable: true, description: '分层满意率 Stratified rate', resolve: (s) => s.rate }),
      interval: t.field({
        type: refs.SurveyInterval,
        nullable: true,
        description: '95% 区间（分层估计的正态近似）95% interval, normal approximation of the stratified estimator',
        resolve: (s) => s.interval,
      }),
      verdict: t.field({
        type: refs.SurveyVerdict,
        description: '对照目标（参考）Verdict, for reference',
        resolve: (s) => s.verdict,
      }),
      strata: t.int({ description: '计入的层数 Strata with a frame population and answers', resolve: (s) => s.strata }),
    }),
  });

  const CountyRef = builder.objectRef<CountySatisfaction>('CountySatisfaction').implement({
    description: '全县满意率 The county’s figures in one campaign',
    fields: (t) => ({
      targetRate: t.exposeFloat('targetRate', { description: '目标满意率 Target rate (0.93)' }),
      pooled: t.field({
        type: refs.SurveyFigure,
        description:
          '合并满意率（全部受访者：群众和企业；结论以此为准）Pooled figure over every respondent: the verdict is read against it',
        resolve: (s) => s.pooled,
      }),
      verdict: t.field({
        type: refs.SurveyVerdict,
        nullable: true,
        description: '结论（以合并满意率为准）Verdict, read against the pooled figure',
        resolve: (s) => s.pooled.figure?.verdict ?? null,
      }),
      stratified: t.field({
        type: StratifiedRef,
        description: '分层满意率 Stratified figure',
        resolve: (s) => s.stratified,
      }),
    }),
  });

  const RankingBy = builder.enumType('SurveyRankingBy', {
    description: '排名对象 What is ranked',
    values: {
      AGENCY: { description: '被评价单位 Evaluated agencies' },
      TOWNSHIP: { description: '镇区 Townships' },
    },
  });

  const RankingEntryRef = builder.objectRef<RankingEntry>('SurveyRankingEntry').implement({
    description: '排名中的一项 One place in a ranking',
    fields: (t) => ({
      rank: t.int({
        nullable: true,
        description:
          '名次（满意率、得分相同者并列；无数据或答案过少为空）Rank; equal rate and score share it; null without a rate',
        resolve: (e) => e.rank,
      }),
      figure: t.field({ type: refs.SurveyFigure, description: '总体结果 Overall figure', resolve: (e) => e.figure }),
    }),
  });

  builder.queryFields((t) => ({
    countySatisfaction: t.field({
      type: CountyRef,
      nullable: true,
      description:
        '全县满意率：合并与分层（监督人员；公布后公开）；不可见的调查为空 The county figure, pooled and stratified (supervisors; everyone once published); null for a campaign the caller cannot see',
      args: {
        campaignId: t.arg.globalID({ required: true, description: '调查项目 Campaign' }),
        quality: t.arg({
          type: [enums.SurveyQuality],
          required: false,
          description: '计入的质量分类（默认全部；可排除存疑、未证实的答卷）Quality classes counted (default all)',
        }),
      },
      resolve: async (_root, args, ctx) => {
        const found = await countyAccess(ctx, args.campaignId);
        if (!found) return null;
        const { campaign, access } = found;
        const [cells, strata] = await Promise.all([
          readFigureCells(ctx.prisma, campaign.id, ['AGENCY'], qualityOrAll(args.quality), access.scope),
          // The frame is the supervisors' and the organisation's to read (stratumRule), but once the caller may read
          // the county figure its weights are part of it: read past the row rule, and hand out only the weighted rate.
          sudo(ctx).surveyStratum.findMany({
            where: { campaignId: campaign.id },
            select: { agencyId: true, population: true },
          }),
        ]);
        const pooled = figureFromCell(sumCells(cells), campaign, access.suppressBelow);
        const population = new Map(strata.map((s) => [s.agencyId, s.population]));
        const byAgency = cells
          .filter((c) => campaign.evaluatedAgencyIds.includes(c.agencyId!))
          .map((c) => {
            const f = figureFromCell(c, campaign, 0).figure!;
            return {
              population: population.get(c.agencyId!) ?? 0,
              validAnswers: f.validAnswers,
              satisfiedAnswers: f.satisfiedAnswers,
            };
          });
        return {
          targetRate: campaign.targetRate,
          pooled,
          // Too few answers county-wide to show the pooled figure: none to weight either.
          stratified: stratified(pooled.suppressed ? [] : byAgency, campaign.targetRate),
        };
      },
    }),
    surveyRanking: t.connection(
      {
        type: RankingEntryRef,
        description:
          '按总体满意率排名（单位或镇区；监督人员；公布后公开）Ranking by overall rate, then score (agencies or townships; supervisors; everyone once published)',
        extensions: PAGED_BY_POSITION,
        args: {
          campaignId: t.arg.globalID({ required: true, description: '调查项目 Campaign' }),
          by: t.arg({ type: RankingBy, required: true, description: '排名对象 Rank what' }),
          quality: t.arg({
            type: [enums.SurveyQuality],
            required: false,
            description: '计入的质量分类（默认全部；可排除存疑、未证实的答卷）Quality classes counted (default all)',
          }),
        },
        resolve: async (_root, args, ctx) => {
          const found = await countyAccess(ctx, args.campaignId);
          if (!found) return pageByPosition([], args);
          const key = args.by === 'AGENCY' ? 'AGENCY' : 'TOWNSHIP';
          const figures = await figuresFor(ctx, found.campaign, found.access, [key], args.quality);
          const idOf = (f: SurveyFigure) => (key === 'AGENCY' ? f.agencyId! : f.townshipId!);
          return pageByPosition(rankFigures(figures, idOf), args);
        },
      },
      { fields: (c) => ({ totalCount: c.int({ description: '总数 Entries', resolve: (p) => p.totalCount }) }) },
    ),
  }));
}
