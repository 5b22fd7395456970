// InspectionFiling 线上报备 (county plan task 14): the type with its items, officers and visits, and the list
// `inspectionFilings`. Who sees a row is filingRule (access.ts): the agency, the lead agency of its joint inspection,
// an invited 特邀监督员, supervisors; the enterprise once it is no surprise (an agreed time, or visited).
// The items and officers are shown with what the enterprise may read (an item's name and basis, an officer's name
// and certificate number): the enterprise reads neither the item records of unpublished catalogues nor person records.
import { describedValues, globalId, nodeRowId, tryParseId, type GlobalId, type ZhifaBuilder } from '@zhifa/core';
import { actorShownTo, isSupervisor } from '@zhifa/core/auth';
import type { InspectionFilingStatus, Prisma } from '@zhifa/core/prisma';
import { filingItemRule, filingOfficerRule, filingRule } from '../access.js';

const NOTICE = {
  AGREED: '事先沟通：已与企业商定入企时间 The time was agreed with the enterprise',
  SURPRISE: '突击检查（须说明理由）A surprise check, with its reason',
};
const STATUS = {
  FILED: '已报备，待入企 Filed, awaiting the visit',
  VISITED: '已入企 Visited',
  CANCELLED: '入企前已撤回 Withdrawn before any visit',
};

/** At most this many visits are listed on a filing (a filing is visited once; the bound is the type's promise). */
export const FILING_VISITS_SHOWN = 10;

export function registerFilingTypes(builder: ZhifaBuilder) {
  const NoticeEnum = builder.enumType('InspectionNotice', {
    description: '入企检查前的沟通方式（方案任务14）How the enterprise was told (county plan task 14)',
    values: describedValues(NOTICE),
  });
  const StatusEnum = builder.enumType('InspectionFilingStatus', {
    description: '检查报备状态 Status of an inspection filing',
    values: describedValues(STATUS),
  });

  const itemFields = (description: string) => ({
    description,
    select: { item: { select: { id: true, name: true, basis: true, domain: true } } },
  });

  builder.prismaObject('InspectionFilingItem', {
    ...itemFields('报备的检查事项（名称及依据）An item the filing names, with its basis'),
    rowRule: filingItemRule,
    fields: (t) => ({
      itemId: t.id({ description: '检查事项 The item', resolve: (i) => globalId('InspectionItem', i.item.id) }),
      name: t.string({ description: '事项名称 Name', resolve: (i) => i.item.name }),
      basis: t.string({ description: '检查依据 Basis (law and article)', resolve: (i) => i.item.basis }),
      domain: t.string({ description: '监管领域 Domain', resolve: (i) => i.item.domain }),
    }),
  });

  builder.prismaObject('InspectionFilingOfficer', {
    description:
      '报备的执法人员（企业可见姓名和执法证号）An officer the filing names (the enterprise sees the name and certificate number)',
    rowRule: filingOfficerRule,
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

  const FilingRef = builder.prismaNode('InspectionFiling', {
    id: { field: 'id' },
    nullable: true,
    description:
      '线上报备：入企检查前报备企业、事项、方案、人员、计划时段和沟通方式（方案任务14）A visit filed before it happens (county plan task 14)',
    rowRule: filingRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      agency: t.relation('agency', { description: '检查单位 The inspecting agency' }),
      enterprise: t.relation('enterprise', { description: '被检查企业 The enterprise' }),
      schemeId: t.id({
        description: '检查方案 The scheme it rests on (InspectionScheme)',
        resolve: (f) => globalId('InspectionScheme', f.schemeId),
      }),
      jointInspectionId: t.id({
        nullable: true,
        description: '所属联合检查（综合查一次）The joint inspection it belongs to (JointInspection)',
        resolve: (f) => (f.jointInspectionId === null ? null : globalId('JointInspection', f.jointInspectionId)),
      }),
      jointInspection: t.relation('jointInspection', {
        nullable: true,
        description:
          '所属联合检查（综合查一次；对企业只计一次）The joint inspection it belongs to (counted once for the enterprise)',
      }),
      status: t.expose('status', { type: StatusEnum, description: '状态 Status' }),
      plannedFrom: t.expose('plannedFrom', { type: 'DateTime', description: '计划入企起 Planned from' }),
      plannedTo: t.expose('plannedTo', { type: 'DateTime', description: '计划入企止 Planned to' }),
      notice: t.expose('notice', { type: NoticeEnum, description: '沟通方式 Notice' }),
      noticeNote: t.exposeString('noticeNote', {
        description: '事先沟通：与谁、何时商定；突击检查：理由 With whom and when agreed, or why a surprise',
      }),
      major: t.exposeBoolean('major', { description: '重大检查 A major inspection' }),
      filedAt: t.expose('filedAt', { type: 'DateTime', description: '报备时间 Filed at' }),
      filedBy: t.string({
        description: '报备人（工作人员可见账号）Filed by',
        resolve: (f, _a, ctx) => actorShownTo(ctx.viewer, f.filedBy),
      }),
      cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true, description: '撤回时间 Withdrawn at' }),
      items: t.relation('items', {
        description: '检查事项（至多 20 项）Items, at most 20',
        query: { orderBy: { itemId: 'asc' } },
      }),
      officers: t.relation('officers', {
        description: '执法人员（至多 10 名）Officers, at most 10',
        query: { orderBy: { personId: 'asc' } },
      }),
      visits: t.relation('visits', {
        description: `据此报备的入企检查（至多 ${FILING_VISITS_SHOWN} 次）Visits made on it, at most ${FILING_VISITS_SHOWN}`,
        query: { orderBy: { id: 'asc' }, take: FILING_VISITS_SHOWN },
      }),
    }),
  });

  builder.queryField('inspectionFilings', (t) =>
    t.prismaConnection({
      type: 'InspectionFiling',
      cursor: 'id',
      nullable: true,
      totalCount: (_p, args, ctx) => ctx.prisma.inspectionFiling.count({ where: filingsWhere(args) }),
      description:
        '检查报备（最新在前；检查单位见本单位的，企业见非突击或已入企的本企业报备，监督人员见全部）Inspection filings, newest first',
      args: {
        agencyId: t.arg.globalID({ required: false, description: '检查单位 Only this agency' }),
        enterpriseId: t.arg.globalID({ required: false, description: '被检查企业 Only this enterprise' }),
        status: t.arg({ type: StatusEnum, required: false, description: '状态 Only this status' }),
      },
      authScopes: (_root, args, ctx) => listScope(ctx.viewer, args),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.inspectionFiling.findMany({ ...query, where: filingsWhere(args), orderBy: { id: 'desc' } }),
    }),
  );

  return { FilingRef, NoticeEnum, StatusEnum };
}

interface ScopeArgs {
  agencyId?: GlobalId | null;
  enterpriseId?: GlobalId | null;
}

/** Another agency's or another enterprise's list is refused up front rather than answered empty. */
export function listScope(v: Parameters<typeof isSupervisor>[0], args: ScopeArgs): boolean {
  if (isSupervisor(v)) return true;
  const agencyId = args.agencyId ? tryParseId(args.agencyId, 'Agency') : undefined;
  const enterpriseId = args.enterpriseId ? tryParseId(args.enterpriseId, 'Enterprise') : undefined;
  if (v.kind === 'person') return agencyId === undefined || agencyId === v.agencyId;
  if (v.kind === 'enterprise') return enterpriseId === undefined || enterpriseId === v.enterpriseId;
  return false;
}

function filingsWhere(args: ScopeArgs & { status?: InspectionFilingStatus | null }): Prisma.InspectionFilingWhereInput {
  return {
    ...(args.agencyId ? { agencyId: tryParseId(args.agencyId, 'Agency') ?? -1 } : {}),
    ...(args.enterpriseId ? { enterpriseId: tryParseId(args.enterpriseId, 'Enterprise') ?? -1 } : {}),
    ...(args.status ? { status: args.status } : {}),
  };
}
