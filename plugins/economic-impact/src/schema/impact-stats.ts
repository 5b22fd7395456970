// Query.impactStats (county plan task 7): triggers fired, levels and mitigations of the approved assessments, the
// median days from a case's first trigger to its first approval, and how decisions of enterprise cases stood against
// the requirement — with an assessment, exempt, not required, and decided without a required assessment (zero while
// every decision goes through the guard) — and whose penalties moved after the assessment. Working figures: staff of
// an agency see their own agency; supervisors any agency, or the county when no agency is given.
import { parseOptionalId, type ZhifaBuilder } from '@zhifa/core';
import { statisticsAgency } from '@zhifa/core/auth';
import type { ImpactLevel, ImpactMitigationKind, ImpactTriggerKind } from '@zhifa/core/prisma';
import type { DecisionFigures } from '../rules/figures.js';
import { impactStats, MAX_STATS_DAYS, type ImpactStats } from '../stats.js';
import type { ImpactEnums } from './enums.js';

export function registerImpactStats(builder: ZhifaBuilder, enums: ImpactEnums) {
  const LevelCount = builder.objectRef<{ level: ImpactLevel; count: number }>('ImpactLevelCount').implement({
    description: '按等级 Approved assessments at one level',
    fields: (t) => ({
      level: t.expose('level', { type: enums.ImpactLevel, description: '等级 Level' }),
      count: t.exposeInt('count', { description: '件数 Count' }),
    }),
  });
  const TriggerCount = builder.objectRef<{ kind: ImpactTriggerKind; count: number }>('ImpactTriggerCount').implement({
    description: '按触发情形 Triggers fired of one kind',
    fields: (t) => ({
      kind: t.expose('kind', { type: enums.ImpactTriggerKind, description: '触发情形 Kind' }),
      count: t.exposeInt('count', { description: '次数 Count' }),
    }),
  });
  const MitigationCount = builder
    .objectRef<{ kind: ImpactMitigationKind; count: number }>('ImpactMitigationCount')
    .implement({
      description: '按缓解措施 Mitigations of one kind offered in approved assessments',
      fields: (t) => ({
        kind: t.expose('kind', { type: enums.ImpactMitigationKind, description: '缓解措施 Kind' }),
        count: t.exposeInt('count', { description: '次数 Count' }),
      }),
    });
  const Decisions = builder.objectRef<DecisionFigures>('ImpactDecisionStats').implement({
    description: '涉企案件决定与评估 How decisions of enterprise cases stood against the assessment requirement',
    fields: (t) => ({
      total: t.exposeInt('total', { description: '涉企案件决定数 Enterprise cases decided' }),
      notRequired: t.exposeInt('notRequired', { description: '无须评估 No assessment required' }),
      withAssessment: t.exposeInt('withAssessment', {
        description: '依据已批准的评估作出 Decided on an approved assessment',
      }),
      exempt: t.exposeInt('exempt', { description: '经批准免于评估 Exempt by the agency head' }),
      withoutRequiredAssessment: t.exposeInt('withoutRequiredAssessment', {
        description:
          '须评估而未评估即作出决定（案件守卫拒绝此类决定，应为 0）Decided without a required assessment: the guard refuses these, so 0',
      }),
      penaltiesChangedAfterAssessment: t.exposeInt('penaltiesChangedAfterAssessment', {
        description: '决定的处罚与评估时拟处罚不同 Penalties decided differ from those assessed',
      }),
    }),
  });

  const StatsRef = builder.objectRef<ImpactStats>('ImpactStats').implement({
    description: '涉企案件经济影响评估统计（县实施方案任务7）Economic impact assessment statistics (plan task 7)',
    fields: (t) => ({
      agency: t.prismaField({
        type: 'Agency',
        nullable: true,
        description: '单位；为空表示全县 The agency; null for the county',
        resolve: (query, s, _args, ctx) =>
          s.agencyId === null ? null : ctx.prisma.agency.findUnique({ ...query, where: { id: s.agencyId } }),
      }),
      from: t.field({ type: 'Date', description: '起始日期（含）From, inclusive', resolve: (s) => s.from }),
      to: t.field({ type: 'Date', description: '截止日期（含）To, inclusive', resolve: (s) => s.to }),
      byLevel: t.field({
        type: [LevelCount],
        description:
          '已批准评估按等级（每个等级，含零；修订后以最新批准版为准）Approved assessments by level, the latest approved revision of each case',
        resolve: (s) => s.byLevel,
      }),
      byTrigger: t.field({
        type: [TriggerCount],
        description: '触发情形（每种，含零）Triggers fired, every kind',
        resolve: (s) => s.byTrigger,
      }),
      mitigations: t.field({
        type: [MitigationCount],
        description: '缓解措施（每种，含零）Mitigations offered in approved assessments, every kind',
        resolve: (s) => s.mitigations,
      }),
      firstApprovals: t.exposeInt('firstApprovals', {
        description: '区间内首次批准评估的案件数 Cases whose assessment was first approved in the range',
      }),
      medianDaysToApproval: t.exposeFloat('medianDaysToApproval', {
        nullable: true,
        description:
          '自首个触发情形至首次批准的天数中位数（北京时间自然日）Median days from the first trigger to the first approval',
      }),
      decisions: t.field({
        type: Decisions,
        description: '涉企案件决定 Decisions of enterprise cases',
        resolve: (s) => s.decisions,
      }),
    }),
  });

  builder.queryField('impactStats', (t) =>
    t.field({
      type: StatsRef,
      description: `经济影响评估统计（监督人员：任一单位或全县；其他工作人员：本单位；区间不超过 ${MAX_STATS_DAYS} 天）Economic impact statistics: supervisors any agency or the county, other staff their own agency; at most ${MAX_STATS_DAYS} days`,
      authScopes: { staff: true },
      args: {
        agencyId: t.arg.globalID({ required: false, description: '单位；为空表示全县（监督人员）或本单位 Agency' }),
        from: t.arg({ type: 'Date', required: true, description: '起始日期（含）From, inclusive' }),
        to: t.arg({ type: 'Date', required: true, description: '截止日期（含）To, inclusive' }),
      },
      resolve: async (_root, args, ctx) => {
        const agencyId = statisticsAgency(ctx.viewer, parseOptionalId(args.agencyId, 'Agency', ['agencyId']));
        return impactStats(ctx.prisma, { agencyId, from: args.from, to: args.to });
      },
    }),
  );
}
