// PLACEHOLDER until the visits slice lands (issue 21): the smallest InspectionFiling and InspectionVisit node types,
// so that this slice's JointInspection.filings / visits, the observers' reads and node(id) can be built and tested.
// The visits slice owns both types; at merge, drop this file and its call in register-draws.ts, and keep the
// `jointInspection` relation on both types if the visits slice's types lack it (this slice's tests select it).
import { nodeRowId, type ZhifaBuilder } from '@zhifa/core';
import { filingRule, visitRule } from '../access.js';

export function registerFilingVisitPlaceholder(builder: ZhifaBuilder): void {
  builder.prismaNode('InspectionFiling', {
    id: { field: 'id' },
    nullable: true,
    description: '线上报备 A visit filed before it happens',
    rowRule: filingRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      agency: t.relation('agency', { description: '检查单位 The agency' }),
      enterprise: t.relation('enterprise', { description: '被检查企业 The enterprise' }),
      plannedFrom: t.expose('plannedFrom', { type: 'DateTime', description: '计划开始 Planned from' }),
      plannedTo: t.expose('plannedTo', { type: 'DateTime', description: '计划结束 Planned to' }),
      major: t.exposeBoolean('major', { description: '重大检查 A major inspection' }),
      jointInspection: t.relation('jointInspection', {
        nullable: true,
        description: '所属联合检查（综合查一次）The joint inspection it belongs to',
      }),
      visits: t.relatedConnection('visits', {
        cursor: 'id',
        totalCount: true,
        nullable: true,
        description: '入企记录 Visits recorded against it',
        query: { orderBy: { id: 'asc' } },
      }),
    }),
  });

  builder.prismaNode('InspectionVisit', {
    id: { field: 'id' },
    nullable: true,
    description: '入企检查 A visit recorded at the door',
    rowRule: visitRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      agency: t.relation('agency', { description: '检查单位 The agency' }),
      enterprise: t.relation('enterprise', { description: '被检查企业 The enterprise' }),
      visitedAt: t.expose('visitedAt', { type: 'DateTime', description: '入企时间 Visited at' }),
      filing: t.relation('filing', { nullable: true, description: '所属报备 The filing' }),
      jointInspection: t.relation('jointInspection', {
        nullable: true,
        description: '所属联合检查（联合检查对企业只计一次）The joint inspection (counted once for the enterprise)',
      }),
    }),
  });
}
