// InspectionVisit 扫码入企 (county plan task 14) with its officers, items, finding, case and rating; the rating type;
// the list `inspectionVisits` and `Enterprise.inspectionVisits`. "The enterprise sees who came, on what basis": the
// officers' names and certificate numbers (what they show at the door, 行政处罚法 第55条) and the items with their
// basis are fields of the visit itself, because an enterprise reads no person record of an officer not on its case.
// The rating (ratingRule) is read by the enterprise that gave it and by supervisors — never by the agency visited.
import { describedValues, globalId, nodeRowId, tryParseId, type GlobalId, type ZhifaBuilder } from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import type { Prisma } from '@zhifa/core/prisma';
import { addDays, startOfShanghaiDay } from '@zhifa/core/time';
import { ratingRule, visitItemRule, visitOfficerRule, visitRule } from '../access.js';
import { listScope } from './inspection-filing.js';

const FINDING = {
  COMPLIANT: '未发现问题 Compliant',
  RECTIFICATION_ORDERED: '责令整改（附期限）Rectification ordered, with a date',
  CASE_OPENED: '立案查处（案件关联本次检查）A case opened, linking back to the visit',
};

/** Newest first: the time visited, then the row (the cursor's key). */
export const VISITS_NEWEST_FIRST = [
  { visitedAt: 'desc' },
  { id: 'desc' },
] satisfies Prisma.InspectionVisitOrderByWithRelationInput[];

export function registerVisitTypes(builder: ZhifaBuilder) {
  const FindingEnum = builder.enumType('InspectionFinding', {
    description: '检查结果 Finding of a visit',
    values: describedValues(FINDING),
  });

  builder.prismaObject('InspectionVisitOfficer', {
    description:
      '入企检查的执法人员（亮证：企业可见姓名和执法证号）An officer on the visit (the enterprise sees the name and certificate number)',
    rowRule: visitOfficerRule,
    select: { person: { select: { name: true, certificateNumber: true } } },
    fields: (t) => ({
      name: t.string({ description: '姓名 Name', resolve: (o) => o.person.name }),
      certificateNumber: t.string({
        nullable: true,
        description: '执法证号 Certificate number',
        resolve: (o) => o.person.certificateNumber,
      }),
      person: t.relation('person', {
        nullable: true,
        description: '人员记录（工作人员可见）The person record (staff)',
      }),
    }),
  });

  builder.prismaObject('InspectionVisitItem', {
    description: '本次检查的事项（名称及依据）An item checked on the visit, with its basis',
    rowRule: visitItemRule,
    select: { item: { select: { id: true, name: true, basis: true, domain: true } } },
    fields: (t) => ({
      itemId: t.id({ description: '检查事项 The item', resolve: (i) => globalId('InspectionItem', i.item.id) }),
      name: t.string({ description: '事项名称 Name', resolve: (i) => i.item.name }),
      basis: t.string({ description: '检查依据 Basis (law and article)', resolve: (i) => i.item.basis }),
      domain: t.string({ description: '监管领域 Domain', resolve: (i) => i.item.domain }),
    }),
  });

  const RatingRef = builder.prismaNode('InspectionRating', {
    id: { field: 'id' },
    nullable: true,
    description:
      '企业对入企检查的评价（仅评价企业和监督人员可见，被检查单位不可见；龙华实践）The enterprise’s rating of a visit: the enterprise and supervisors only, never the agency',
    rowRule: ratingRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      score: t.exposeInt('score', { description: '评分 1–5 Score' }),
      comment: t.exposeString('comment', { nullable: true, description: '评价意见 Comment' }),
      ratedAt: t.expose('ratedAt', { type: 'DateTime', description: '评价时间 Rated at' }),
      visit: t.relation('visit', {
        rowRuleImplied: 'who reads a rating (the enterprise visited, supervisors) reads its visit',
        description: '所评价的入企检查 The visit rated',
      }),
    }),
  });

  const VisitRef = builder.prismaNode('InspectionVisit', {
    id: { field: 'id' },
    nullable: true,
    description:
      '入企检查（扫码入企；检查单位、被检查企业和监督人员可见；方案任务14）A visit recorded at the door with the enterprise’s code (county plan task 14)',
    rowRule: visitRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      agency: t.relation('agency', { description: '检查单位 The inspecting agency' }),
      enterprise: t.relation('enterprise', { description: '被检查企业 The enterprise visited' }),
      filing: t.relation('filing', {
        nullable: true,
        description: '所据报备（为空即应报备未报备）The filing it belongs to; null: not filed',
      }),
      filed: t.boolean({ description: '是否已报备 Whether it was filed', resolve: (v) => v.filingId !== null }),
      jointInspectionId: t.id({
        nullable: true,
        description: '所属联合检查 The joint inspection (JointInspection)',
        resolve: (v) => (v.jointInspectionId === null ? null : globalId('JointInspection', v.jointInspectionId)),
      }),
      jointInspection: t.relation('jointInspection', {
        nullable: true,
        description:
          '所属联合检查（综合查一次；对企业只计一次）The joint inspection it belongs to (counted once for the enterprise)',
      }),
      visitedAt: t.expose('visitedAt', { type: 'DateTime', description: '入企时间 Visited at' }),
      officers: t.relation('officers', {
        description: '执法人员（至多 10 名）Officers, at most 10',
        query: { orderBy: { personId: 'asc' } },
      }),
      items: t.relation('items', {
        description: '检查事项及依据（至多 20 项）Items and their basis, at most 20',
        query: { orderBy: { itemId: 'asc' } },
      }),
      finding: t.expose('finding', { type: FindingEnum, nullable: true, description: '检查结果 Finding' }),
      findingNote: t.exposeString('findingNote', { nullable: true, description: '检查结果说明 Note' }),
      rectificationDueOn: t.expose('rectificationDueOn', {
        type: 'Date',
        nullable: true,
        description: '整改期限（上海日期）Rectification due on',
      }),
      case: t.relation('case', { nullable: true, description: '据此立案的案件 The case opened after it' }),
      findingRecordedAt: t.expose('findingRecordedAt', {
        type: 'DateTime',
        nullable: true,
        description: '结果记录时间 Finding recorded at',
      }),
      rating: t.relation('rating', {
        nullable: true,
        description:
          '企业评价（仅该企业和监督人员可见，被检查单位见空）The enterprise’s rating: the enterprise and supervisors only; null for the agency',
      }),
      recordedBy: t.string({
        description: '记录人（工作人员可见账号）Recorded by',
        resolve: (v, _a, ctx) => actorShownTo(ctx.viewer, v.recordedBy),
      }),
      recordedAt: t.expose('recordedAt', { type: 'DateTime', description: '记录时间 Recorded at' }),
    }),
  });

  builder.queryField('inspectionVisits', (t) =>
    t.prismaConnection({
      type: 'InspectionVisit',
      cursor: 'id',
      nullable: true,
      totalCount: (_p, args, ctx) => ctx.prisma.inspectionVisit.count({ where: visitsWhere(args) }),
      description:
        '入企检查（最新在前；企业见本企业的，检查单位见本单位的，监督人员见全部）Inspection visits, newest first: the enterprise its own, the agency its own, supervisors all',
      args: {
        agencyId: t.arg.globalID({ required: false, description: '检查单位 Only this agency' }),
        enterpriseId: t.arg.globalID({ required: false, description: '被检查企业 Only this enterprise' }),
        from: t.arg({ type: 'Date', required: false, description: '入企日起（含，上海时间）Visited from this day' }),
        to: t.arg({ type: 'Date', required: false, description: '入企日止（含）Visited up to this day, inclusive' }),
      },
      authScopes: (_root, args, ctx) => listScope(ctx.viewer, args),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.inspectionVisit.findMany({ ...query, where: visitsWhere(args), orderBy: VISITS_NEWEST_FIRST }),
    }),
  );

  // Nested: plugin-prisma selects the page within the enterprises' query, the row rule ANDed in.
  builder.prismaObjectField('Enterprise', 'inspectionVisits', (t) =>
    t.relatedConnection('inspectionVisits', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      authScopes: { authenticated: true },
      description: '该企业接受的入企检查（可见的，最新在前）Visits to the enterprise the caller may see, newest first',
      query: { orderBy: VISITS_NEWEST_FIRST },
    }),
  );

  return { VisitRef, RatingRef, FindingEnum };
}

interface VisitListArgs {
  agencyId?: GlobalId | null;
  enterpriseId?: GlobalId | null;
  from?: Date | null;
  to?: Date | null;
}

/** The list's filters; `from` / `to` are Asia/Shanghai days, inclusive. */
function visitsWhere(args: VisitListArgs): Prisma.InspectionVisitWhereInput {
  return {
    ...(args.agencyId ? { agencyId: tryParseId(args.agencyId, 'Agency') ?? -1 } : {}),
    ...(args.enterpriseId ? { enterpriseId: tryParseId(args.enterpriseId, 'Enterprise') ?? -1 } : {}),
    ...(args.from || args.to
      ? {
          visitedAt: {
            ...(args.from ? { gte: startOfShanghaiDay(args.from) } : {}),
            ...(args.to ? { lt: startOfShanghaiDay(addDays(args.to, 1)) } : {}),
          },
        }
      : {}),
  };
}
