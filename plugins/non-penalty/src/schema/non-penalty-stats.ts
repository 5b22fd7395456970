// Query.nonPenaltyStats. Not public: live figures are working data; the county publishes its
// statistics (e.g. in the annual 法治政府建设 report) by its own act, from these figures.
// Supervisors see every agency; other agency staff see only their own agency.
import { msg, parseOptionalId, type ZhifaBuilder, type ZhifaSchemaTypes } from '@zhifa/core';
import { statisticsAgency } from '@zhifa/core/auth';
import type { Agency } from '@zhifa/core/prisma';
import { z } from 'zod';
import { MAX_STATS_MONTHS, nonPenaltyStats, type Figures, type NonPenaltyStats } from '../stats.js';

export function registerNonPenaltyStats(builder: ZhifaBuilder): void {
  const figureFields = <T extends Figures>(t: PothosSchemaTypes.ObjectFieldBuilder<ZhifaSchemaTypes, T>) => ({
    decisions: t.int({ description: '不予处罚决定数 Decisions', resolve: (f) => f.decisions }),
    enterprisesBenefited: t.int({
      description: '受益企业数（去重）Distinct enterprises benefited',
      resolve: (f) => f.enterprisesBenefited,
    }),
    fineNotImposedFen: t.field({
      type: 'Fen',
      description: '未处罚款合计（分，仅计已知金额）Fines not imposed, in fen: the sum of those known',
      resolve: (f) => f.fineNotImposedFen,
    }),
    fineUnknownCount: t.int({
      description: '罚款金额未知的决定数 Decisions whose item names no fine',
      resolve: (f) => f.fineUnknownCount,
    }),
  });

  const MonthRef = builder.objectRef<Figures & { month: string }>('NonPenaltyStatsMonth').implement({
    description: '按月统计（北京时间自然月）Figures for one month (Asia/Shanghai)',
    fields: (t) => ({ month: t.exposeString('month', { description: '月份 YYYY-MM' }), ...figureFields(t) }),
  });

  const AgencyRowRef = builder.objectRef<Figures & { agency: Agency }>('NonPenaltyStatsAgency').implement({
    description: '按单位统计 Figures for one agency',
    fields: (t) => ({
      agency: t.prismaField({ type: 'Agency', description: '单位 Agency', resolve: (_query, r) => r.agency }),
      ...figureFields(t),
    }),
  });

  const StatsRef = builder.objectRef<NonPenaltyStats>('NonPenaltyStats').implement({
    description: '不予处罚统计 Non-penalty statistics',
    fields: (t) => ({
      from: t.field({ type: 'Date', description: '起始日期 From (inclusive)', resolve: (s) => s.from }),
      to: t.field({ type: 'Date', description: '截止日期 To (inclusive)', resolve: (s) => s.to }),
      domain: t.exposeString('domain', { nullable: true, description: '监管领域 Domain filter' }),
      ...figureFields(t),
      byMonth: t.field({
        type: [MonthRef],
        description: '按月（区间内每个月，含零）Every month in range, zeros included',
        resolve: (s) => s.byMonth,
      }),
      byAgency: t.field({
        type: [AgencyRowRef],
        description: '按单位（有决定的单位，按决定数降序）Agencies with decisions, most first',
        // The agencies of all rows in one statement, whatever their number.
        resolve: async (s, _args, ctx) => {
          const agencies = await ctx.prisma.agency.findMany({
            where: { id: { in: s.byAgency.map((r) => r.agencyId) } },
          });
          const byId = new Map(agencies.map((a) => [a.id, a]));
          return s.byAgency.map((r) => ({ ...r, agency: byId.get(r.agencyId)! }));
        },
      }),
    }),
  });

  builder.queryField('nonPenaltyStats', (t) =>
    t.field({
      type: StatsRef,
      description: `不予处罚统计（监督人员可看全部，其他单位人员仅限本单位；区间不超过 ${MAX_STATS_MONTHS} 个月）Non-penalty statistics: supervisors see all, other staff their own agency; at most ${MAX_STATS_MONTHS} months`,
      authScopes: { staff: true },
      args: {
        agencyId: t.arg.globalID({ required: false, description: '办案单位 Agency' }),
        domain: t.arg.string({
          required: false,
          description: '监管领域 Domain',
          validate: z.string().max(50, msg('过长', 'too long')),
        }),
        from: t.arg({ type: 'Date', required: true, description: '起始日期（含）From, inclusive' }),
        to: t.arg({ type: 'Date', required: true, description: '截止日期（含）To, inclusive' }),
      },
      resolve: async (_root, args, ctx) => {
        const agencyId = statisticsAgency(ctx.viewer, parseOptionalId(args.agencyId, 'Agency', ['agencyId']));
        return nonPenaltyStats(ctx.prisma, { agencyId, domain: args.domain ?? null, from: args.from, to: args.to });
      },
    }),
  );
}
