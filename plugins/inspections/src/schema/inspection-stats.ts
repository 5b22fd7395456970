// Query.inspectionStats (county plan tasks 5, 14, 15; 国办发〔2024〕54号): a year's inspections of one agency or of
// the county — visits, inspections as the enterprises felt them (a joint inspection once), how they spread over the
// enterprises, announced against surprise against unfiled, the joint share, the change against the year before
// (the plan asks for fewer), warnings by rule and status and, for supervisors only, the enterprises' average rating.
// Core's statisticsAgency decides whose: supervisors any agency or the county, other staff their own agency.
// Counts per warning rule and status are fields of their own (no enum types shared with the warnings' types).
import { globalId, parseOptionalId, type ZhifaBuilder } from '@zhifa/core';
import { isSupervisor, statisticsAgency } from '@zhifa/core/auth';
import type { InspectionWarningRule, InspectionWarningStatus } from '@zhifa/core/prisma';
import {
  DISTRIBUTION_CAP,
  inspectionStats,
  TOP_ENTERPRISES,
  yearOnYear,
  type InspectionStats,
} from '../stats/inspection-stats.js';
import { YEAR } from './inspection-item.js';

type StatusCounts = Record<InspectionWarningStatus, number> & { total: number };
type Warnings = Record<InspectionWarningRule, StatusCounts> & { total: number };

const RULES: InspectionWarningRule[] = ['UNFILED', 'MULTI_AGENCY', 'REPEATED', 'HIGH_FREQUENCY'];
const STATUSES: InspectionWarningStatus[] = ['RAISED', 'ASSIGNED', 'SUPERVISED', 'RECTIFIED', 'CLOSED'];

function warningFigures(rows: InspectionStats['warnings']): Warnings {
  const empty = (): StatusCounts => ({ RAISED: 0, ASSIGNED: 0, SUPERVISED: 0, RECTIFIED: 0, CLOSED: 0, total: 0 });
  const out: Warnings = {
    UNFILED: empty(),
    MULTI_AGENCY: empty(),
    REPEATED: empty(),
    HIGH_FREQUENCY: empty(),
    total: 0,
  };
  for (const w of rows)
    if (RULES.includes(w.rule) && STATUSES.includes(w.status)) {
      out[w.rule][w.status] += w.count;
      out[w.rule].total += w.count;
      out.total += w.count;
    }
  return out;
}

export function registerInspectionStats(builder: ZhifaBuilder) {
  const Bucket = builder.objectRef<InspectionStats['distribution'][number]>('InspectionFrequencyBucket').implement({
    description: '按年内受检次数分组的企业 Enterprises by their number of inspections in the year',
    fields: (t) => ({
      inspections: t.exposeInt('inspections', {
        description: `受检次数（${DISTRIBUTION_CAP} 表示 ${DISTRIBUTION_CAP} 次及以上）Inspections (${DISTRIBUTION_CAP}: that many or more)`,
      }),
      enterprises: t.exposeInt('enterprises', { description: '企业数 Enterprises' }),
    }),
  });
  const Top = builder.objectRef<InspectionStats['topEnterprises'][number]>('InspectionTopEnterprise').implement({
    description: '年内受检最多的企业 An enterprise among the most inspected in the year',
    fields: (t) => ({
      enterpriseId: t.id({
        description: '企业 Enterprise (global id)',
        resolve: (e) => globalId('Enterprise', e.enterpriseId),
      }),
      name: t.exposeString('name', { description: '名称 Name' }),
      uscc: t.exposeString('uscc', { description: '统一社会信用代码 USCC' }),
      inspections: t.exposeInt('inspections', {
        description: '受检次数（联合检查计一次）Inspections, a joint one once',
      }),
    }),
  });
  const Year = builder.objectRef<InspectionStats['previousYear']>('InspectionYearFigures').implement({
    description: '一年的检查量 A year’s inspections',
    fields: (t) => ({
      visits: t.exposeInt('visits', { description: '入企检查记录数 Visits recorded' }),
      inspections: t.exposeInt('inspections', {
        description: '企业感受到的检查次数（联合检查计一次）Inspections as the enterprises felt them: a joint one once',
      }),
    }),
  });
  const Statuses = builder.objectRef<StatusCounts>('InspectionWarningStatusCounts').implement({
    description: '预警按处置状态 Warnings of a rule by status',
    fields: (t) => ({
      total: t.exposeInt('total', { description: '合计 Total' }),
      raised: t.exposeInt('RAISED', { description: '已预警 Raised' }),
      assigned: t.exposeInt('ASSIGNED', { description: '交办 Assigned' }),
      supervised: t.exposeInt('SUPERVISED', { description: '督办 Supervised' }),
      rectified: t.exposeInt('RECTIFIED', { description: '整改 Rectified' }),
      closed: t.exposeInt('CLOSED', { description: '销号 Closed' }),
    }),
  });
  const WarningsRef = builder.objectRef<Warnings>('InspectionWarningFigures').implement({
    description: '年内预警（按应负责的单位）按规则和状态 Warnings raised in the year, by rule and status',
    fields: (t) => ({
      total: t.exposeInt('total', { description: '合计 Total' }),
      unfiled: t.field({ type: Statuses, description: '应报备未报备 Unfiled', resolve: (w) => w.UNFILED }),
      multiAgency: t.field({ type: Statuses, description: '多头检查 Multi-agency', resolve: (w) => w.MULTI_AGENCY }),
      repeated: t.field({ type: Statuses, description: '重复检查 Repeated', resolve: (w) => w.REPEATED }),
      highFrequency: t.field({
        type: Statuses,
        description: '高频次检查 High frequency',
        resolve: (w) => w.HIGH_FREQUENCY,
      }),
    }),
  });
  const Ratings = builder.objectRef<NonNullable<InspectionStats['ratings']>>('InspectionRatingFigures').implement({
    description: '企业评价（仅监督人员可见）Enterprises’ ratings: supervisors only',
    fields: (t) => ({
      count: t.exposeInt('count', { description: '年内评价数 Ratings given in the year' }),
      average: t.exposeFloat('average', { nullable: true, description: '平均分（1–5）Mean score' }),
    }),
  });

  const Stats = builder.objectRef<InspectionStats>('InspectionStats').implement({
    description:
      '涉企行政检查统计（县实施方案任务5、14、15）Enterprise inspection statistics (county plan tasks 5, 14, 15)',
    fields: (t) => ({
      agency: t.prismaField({
        type: 'Agency',
        nullable: true,
        description: '单位；为空表示全县 The agency; null for the county',
        resolve: (query, s, _args, ctx) =>
          s.agencyId === null ? null : ctx.prisma.agency.findUnique({ ...query, where: { id: s.agencyId } }),
      }),
      year: t.exposeInt('year', { description: '年度（北京时间）Year, Asia/Shanghai' }),
      visits: t.exposeInt('visits', { description: '入企检查记录数 Visits recorded' }),
      inspections: t.exposeInt('inspections', {
        description:
          '企业感受到的检查次数：非联合检查的入企记录加不同的联合检查（联合检查计一次）Inspections as the enterprises felt them: visits outside a joint inspection plus distinct joint inspections',
      }),
      enterprises: t.exposeInt('enterprises', { description: '受检企业数 Enterprises inspected' }),
      announced: t.exposeInt('announced', { description: '事先沟通的入企检查 Visits agreed in advance' }),
      surprise: t.exposeInt('surprise', { description: '突击检查 Surprise visits (with a filed reason)' }),
      unfiled: t.exposeInt('unfiled', { description: '未报备的入企检查 Visits without a filing' }),
      jointVisits: t.exposeInt('jointVisits', { description: '联合检查中的入企记录 Visits within a joint inspection' }),
      jointInspections: t.exposeInt('jointInspections', { description: '联合检查次数 Joint inspections' }),
      jointShare: t.float({
        nullable: true,
        description:
          '联合检查占比：联合检查次数 / 企业感受到的检查次数；无检查时为空 Joint inspections as a share of inspections; null when none',
        resolve: (s) => (s.inspections === 0 ? null : s.jointInspections / s.inspections),
      }),
      previousYear: t.field({ type: Year, description: '上一年 The year before', resolve: (s) => s.previousYear }),
      inspectionsChange: t.float({
        nullable: true,
        description:
          '检查次数同比变化（-0.25 即减少四分之一；上年为零时为空；方案要求减少检查）Inspections against the year before, as a fraction (-0.25 = a quarter fewer); null when the year before had none',
        resolve: (s) => yearOnYear(s.inspections, s.previousYear.inspections),
      }),
      distribution: t.field({
        type: [Bucket],
        description: `按受检次数分组的企业（至多 ${DISTRIBUTION_CAP} 组）Enterprises by inspections, at most ${DISTRIBUTION_CAP} buckets`,
        resolve: (s) => s.distribution,
      }),
      topEnterprises: t.field({
        type: [Top],
        description: `受检最多的企业（前 ${TOP_ENTERPRISES} 家）The ${TOP_ENTERPRISES} most inspected enterprises`,
        resolve: (s) => s.topEnterprises,
      }),
      warnings: t.field({
        type: WarningsRef,
        description: '年内预警按规则和状态 Warnings raised in the year',
        resolve: (s) => warningFigures(s.warnings),
      }),
      ratings: t.field({
        type: Ratings,
        nullable: true,
        description:
          '企业评价：仅监督人员可见，执法单位（含被检查单位）为空（龙华做法：评价直达监督部门）Ratings: supervisors only — null for any agency’s staff (ratings go to the supervisor, never to the agency)',
        resolve: (s) => s.ratings,
      }),
    }),
  });

  builder.queryField('inspectionStats', (t) =>
    t.field({
      type: Stats,
      description:
        '涉企行政检查统计（监督人员：任一单位或全县；其他工作人员：本单位；评价仅监督人员）Inspection statistics: supervisors any agency or the county, other staff their own agency; ratings for supervisors only',
      authScopes: { staff: true },
      args: {
        agencyId: t.arg.globalID({ required: false, description: '单位；为空表示全县（监督人员）或本单位 Agency' }),
        year: t.arg.int({ required: true, description: '年度（北京时间）Year, Asia/Shanghai', validate: YEAR }),
      },
      resolve: async (_root, args, ctx) => {
        const agencyId = statisticsAgency(ctx.viewer, parseOptionalId(args.agencyId, 'Agency', ['agencyId']));
        return inspectionStats(ctx.prisma, { agencyId, year: args.year, withRatings: isSupervisor(ctx.viewer) });
      },
    }),
  );
}
