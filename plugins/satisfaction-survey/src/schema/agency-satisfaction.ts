// Agency.satisfaction(campaignId): one agency's overall figure and its per-dimension figures. Batched: however many
// agencies a page holds, the field reads the campaign once and the rollups once (grouped by agency × dimension,
// the overall figure derived from the same rows), so `agencies { satisfaction(campaignId) { … } }` costs a
// constant number of statements.
import { parseId, type Context, type ZhifaBuilder } from '@zhifa/core';
import { figureFromCell, overallOf, readFigureCells, type FigureCell, type SurveyFigure } from '../figures.js';
import { satisfactionSurveySettings } from '../settings.js';
import { figureAccess } from '../visibility.js';
import { campaignForFigures, qualityOrAll, type SurveyFigureRefs } from './survey-figures.js';
import type { SurveyEnums } from './enums.js';

export interface AgencySatisfaction {
  overall: SurveyFigure;
  dimensions: SurveyFigure[];
}

export function registerAgencySatisfaction(builder: ZhifaBuilder, enums: SurveyEnums, refs: SurveyFigureRefs) {
  const AgencySatisfactionRef = builder.objectRef<AgencySatisfaction>('AgencySatisfaction').implement({
    description: '一个单位在一次调查中的满意度 An agency’s figures in one campaign',
    fields: (t) => ({
      overall: t.field({
        type: refs.SurveyFigure,
        description: '总体（满意率按总体题，得分按全部五级题）Overall: rate over the OVERALL items, score over all',
        resolve: (s) => s.overall,
      }),
      // A fixed, short list (one entry per dimension with answers, at most eight), not a page.
      dimensions: t.field({
        type: [refs.SurveyFigure],
        description: '各维度（至多 8 个）Per dimension, at most eight',
        resolve: (s) => s.dimensions,
      }),
    }),
  });

  builder.prismaObjectField('Agency', 'satisfaction', (t) =>
    t.loadable({
      type: AgencySatisfactionRef,
      nullable: true,
      byPath: true,
      description:
        '该单位在调查中的满意度（可查看者：监督人员；本单位人员，不含企业答案、答案过少隐藏；公布后公开）；非被评价单位或无权查看时为空 The agency’s figures in a campaign; null when it is not evaluated or the caller may not read them',
      args: {
        campaignId: t.arg.globalID({ required: true, description: '调查项目 Campaign' }),
        quality: t.arg({ type: [enums.SurveyQuality], required: false, description: '计入的质量分类 Quality classes' }),
      },
      load: async (agencyIds: number[], ctx: Context, args) => {
        const none = agencyIds.map(() => null);
        const campaign = await campaignForFigures(ctx, parseId(args.campaignId, 'SurveyCampaign', ['campaignId']));
        if (!campaign) return none;
        const access = figureAccess(ctx.viewer, campaign, ctx.settings.get(satisfactionSurveySettings).smallCell);
        if (!access) return none;
        const allowed = agencyIds.filter(
          (id) => campaign.evaluatedAgencyIds.includes(id) && (access.scope.agencyIds?.includes(id) ?? true),
        );
        if (allowed.length === 0) return none;
        const cells = await readFigureCells(
          ctx.prisma,
          campaign.id,
          ['AGENCY', 'DIMENSION'],
          qualityOrAll(args.quality),
          { ...access.scope, agencyIds: allowed },
        );
        const byAgency = new Map<number, FigureCell[]>();
        for (const c of cells) byAgency.set(c.agencyId!, [...(byAgency.get(c.agencyId!) ?? []), c]);
        const show = (c: FigureCell) => figureFromCell(c, campaign, access.suppressBelow);
        return agencyIds.map((id) => {
          if (!allowed.includes(id)) return null;
          const own = byAgency.get(id) ?? [];
          return { overall: show(overallOf(own, { agencyId: id })), dimensions: own.map(show) };
        });
      },
      resolve: (agency) => agency.id,
    }),
  );
}
