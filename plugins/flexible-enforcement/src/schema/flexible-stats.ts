// Query.flexibleEnforcementStats (county plan task 7): soft measures by kind and outcome (open, overdue) and how many
// a case followed; invitations by status, how soon they were answered and how they were rated; 从轻 / 减轻 decisions
// and the fines they left unimposed against the matter's maximum; what the no-compulsory guard found. Working
// figures, read from rollups no row rule narrows, so core's statisticsAgency decides whose: supervisors any agency or
// the county, other staff their own agency; the enterprise, the public and the survey organisation nothing.
// Counts per enum value are fields of their own (no enum types shared with the soft-measure and invitation types).
import { parseOptionalId, type ZhifaBuilder } from '@zhifa/core';
import { statisticsAgency } from '@zhifa/core/auth';
import {
  MAX_STATS_DAYS,
  type DecisionFigures,
  type InvitationFigures,
  type MeasureCheckFigures,
  type SoftMeasureFigures,
} from '../stats/figures.js';
import { flexibleStats, type FlexibleStats } from '../stats/read.js';

export function registerFlexibleStats(builder: ZhifaBuilder): void {
  const KindCounts = builder.objectRef<SoftMeasureFigures['byKind']>('FlexibleSoftMeasureKindCounts').implement({
    description: '柔性措施按种类 Soft measures of each kind',
    fields: (t) => ({
      reminder: t.exposeInt('REMINDER', { description: '提醒 Reminders' }),
      notice: t.exposeInt('NOTICE', { description: '告知 Notices' }),
      dissuasion: t.exposeInt('DISSUASION', { description: '劝阻 Dissuasions' }),
      guidance: t.exposeInt('GUIDANCE', { description: '行政指导 Administrative guidance' }),
      admonition: t.exposeInt('ADMONITION', { description: '告诫 Admonitions' }),
      interview: t.exposeInt('INTERVIEW', { description: '约谈 Interviews' }),
      commitment: t.exposeInt('COMMITMENT', { description: '承诺书 Written commitments' }),
    }),
  });

  const SoftMeasures = builder.objectRef<SoftMeasureFigures>('FlexibleSoftMeasureStats').implement({
    description: '区间内采取的柔性措施（按采取日期）Soft measures taken in the range (by the day taken)',
    fields: (t) => ({
      total: t.exposeInt('total', { description: '合计 Total' }),
      byKind: t.field({ type: KindCounts, description: '按种类 By kind', resolve: (s) => s.byKind }),
      complied: t.exposeInt('complied', { description: '已履行 Outcome COMPLIED' }),
      partial: t.exposeInt('partial', { description: '部分履行 Outcome PARTIAL' }),
      notComplied: t.exposeInt('notComplied', { description: '未履行 Outcome NOT_COMPLIED' }),
      open: t.exposeInt('open', { description: '尚未记录跟进结果 No outcome yet' }),
      overdue: t.exposeInt('overdue', {
        description: '跟进逾期：尚无结果且跟进日期已过（北京时间）Open, the follow-up day passed (Asia/Shanghai)',
      }),
      followedByCase: t.exposeInt('followedByCase', { description: '其后立案的 Followed by a case' }),
      followedByCaseShare: t.exposeFloat('followedByCaseShare', {
        nullable: true,
        description: '其后立案的比例（占全部）Share followed by a case, of all; null when none',
      }),
      notCompliedFollowedByCase: t.exposeInt('notCompliedFollowedByCase', {
        description: '未履行后立案的 NOT_COMPLIED and followed by a case',
      }),
      notCompliedFollowedByCaseShare: t.exposeFloat('notCompliedFollowedByCaseShare', {
        nullable: true,
        description: '未履行后立案的比例 Share of the NOT_COMPLIED followed by a case; null when none',
      }),
    }),
  });

  const StatusCounts = builder.objectRef<InvitationFigures['byStatus']>('FlexibleInvitationStatusCounts').implement({
    description: '邀约按当前状态 Invitations in each status now',
    fields: (t) => ({
      requested: t.exposeInt('REQUESTED', { description: '待答复 Requested' }),
      scheduled: t.exposeInt('SCHEDULED', { description: '已安排 Scheduled' }),
      visited: t.exposeInt('VISITED', { description: '已上门 Visited' }),
      closed: t.exposeInt('CLOSED', { description: '已办结 Closed' }),
      declined: t.exposeInt('DECLINED', { description: '已谢绝 Declined' }),
      withdrawn: t.exposeInt('WITHDRAWN', { description: '企业撤回 Withdrawn' }),
    }),
  });

  const Invitations = builder.objectRef<InvitationFigures>('FlexibleInvitationStats').implement({
    description: '区间内提出的邀约式执法服务（按提出时间）Invitations requested in the range (by the time requested)',
    fields: (t) => ({
      total: t.exposeInt('total', { description: '合计 Total' }),
      byStatus: t.field({ type: StatusCounts, description: '按状态 By status', resolve: (s) => s.byStatus }),
      responded: t.exposeInt('responded', { description: '已答复（安排或谢绝）Answered: scheduled or declined' }),
      medianResponseHours: t.exposeFloat('medianResponseHours', {
        nullable: true,
        description: '答复用时中位数（整小时，不足一小时不计）Median hours to the first answer, in whole hours elapsed',
      }),
      averageResponseHours: t.exposeFloat('averageResponseHours', {
        nullable: true,
        description: '答复平均用时（小时）Mean time to the first answer, in hours',
      }),
      rated: t.exposeInt('rated', { description: '已评价 Rated' }),
      averageRating: t.exposeFloat('averageRating', { nullable: true, description: '平均评分（1–5）Mean rating' }),
    }),
  });

  const Decisions = builder.objectRef<DecisionFigures>('FlexibleDecisionStats').implement({
    description:
      '依清单作出的从轻或减轻处罚决定（按决定时间）Lighter or mitigated decisions on a list item, by decision time',
    fields: (t) => ({
      decisions: t.exposeInt('decisions', { description: '决定数 Decisions' }),
      fineImposedFen: t.field({
        type: 'Fen',
        description: '罚款合计（分）Fines imposed',
        resolve: (d) => d.fineImposedFen,
      }),
      fineNotImposedFen: t.field({
        type: 'Fen',
        description:
          '相对事项罚款上限未处罚款合计（分，仅计有上限的事项）Fines left unimposed against the matter’s maximum, where it names one',
        resolve: (d) => d.fineNotImposedFen,
      }),
      maximumUnknown: t.exposeInt('maximumUnknown', {
        description: '事项未规定罚款上限的决定数 Decisions whose matter names no maximum fine',
      }),
    }),
  });

  const Checks = builder.objectRef<MeasureCheckFigures>('FlexibleMeasureCheckStats').implement({
    description:
      '不予实施行政强制措施清单的适用结论（按记录时间；行政强制法第16条第2款）What the no-compulsory guard found, by the time recorded',
    fields: (t) => ({
      waived: t.exposeInt('waived', { description: '依清单不予实施 Waived' }),
      justifiedApproved: t.exposeInt('justifiedApproved', {
        description: '书面说明理由并经负责人批准实施 Justified and approved',
      }),
      justifiedPending: t.exposeInt('justifiedPending', {
        description: '已说明理由、待批准 Justified, awaiting approval',
      }),
      refused: t.exposeInt('refused', { description: '负责人不予批准 Refused by the head' }),
    }),
  });

  const Stats = builder.objectRef<FlexibleStats>('FlexibleEnforcementStats').implement({
    description: '柔性执法统计（县实施方案任务7）Flexible enforcement statistics (county plan task 7)',
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
      softMeasures: t.field({
        type: SoftMeasures,
        description: '柔性措施 Soft measures',
        resolve: (s) => s.softMeasures,
      }),
      invitations: t.field({
        type: Invitations,
        description: '邀约式执法服务 Invitations',
        resolve: (s) => s.invitations,
      }),
      lighter: t.field({ type: Decisions, description: '从轻处罚 Lighter decisions', resolve: (s) => s.lighter }),
      mitigated: t.field({ type: Decisions, description: '减轻处罚 Mitigated decisions', resolve: (s) => s.mitigated }),
      measureChecks: t.field({
        type: Checks,
        description: '强制措施守卫结论 Compulsory-measure checks',
        resolve: (s) => s.measureChecks,
      }),
    }),
  });

  builder.queryField('flexibleEnforcementStats', (t) =>
    t.field({
      type: Stats,
      description: `柔性执法统计（监督人员：任一单位或全县；其他工作人员：本单位；区间不超过 ${MAX_STATS_DAYS} 天，北京时间自然日）Flexible enforcement statistics: supervisors any agency or the county, other staff their own agency; at most ${MAX_STATS_DAYS} days (Asia/Shanghai)`,
      authScopes: { staff: true },
      args: {
        agencyId: t.arg.globalID({ required: false, description: '单位；为空表示全县（监督人员）或本单位 Agency' }),
        from: t.arg({ type: 'Date', required: true, description: '起始日期（含）From, inclusive' }),
        to: t.arg({ type: 'Date', required: true, description: '截止日期（含）To, inclusive' }),
      },
      resolve: async (_root, args, ctx) => {
        const agencyId = statisticsAgency(ctx.viewer, parseOptionalId(args.agencyId, 'Agency', ['agencyId']));
        return flexibleStats(ctx.prisma, { agencyId, from: args.from, to: args.to, now: ctx.clock() });
      },
    }),
  );
}
