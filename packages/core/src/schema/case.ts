import type { ZhifaBuilder } from '../builder.js';
import { CaseDecision, CaseStage, CompulsoryMeasureKind, PartyKind } from '../generated/prisma/enums.js';
import { canReadCase } from '../auth/rows.js';

export function registerCase(builder: ZhifaBuilder): void {
  const CaseStageEnum = builder.enumType(CaseStage, { name: 'CaseStage', description: '案件阶段 Case stage' });
  const CaseDecisionEnum = builder.enumType(CaseDecision, { name: 'CaseDecision', description: '处理决定 Decision' });
  const PartyKindEnum = builder.enumType(PartyKind, { name: 'PartyKind', description: '当事人类别 Party kind' });
  const MeasureKindEnum = builder.enumType(CompulsoryMeasureKind, {
    name: 'CompulsoryMeasureKind',
    description: '行政强制措施 查封/扣押/冻结 Seal-up, seizure, freeze',
  });

  builder.prismaObject('CompulsoryMeasure', {
    description: '行政强制措施 Compulsory measure taken on a case',
    fields: (t) => ({
      id: t.exposeID('id'),
      kind: t.expose('kind', { type: MeasureKindEnum }),
      object: t.exposeString('object', { description: '对象 What was sealed, seized or frozen' }),
      isProductionEquipment: t.exposeBoolean('isProductionEquipment', { description: '是否生产设备 Production equipment' }),
      justification: t.exposeString('justification', { nullable: true, description: '审慎采取的书面理由 Written justification' }),
      takenAt: t.expose('takenAt', { type: 'DateTime' }),
      recordedBy: t.exposeString('recordedBy'),
    }),
  });

  builder.prismaObject('CaseOfficer', {
    description: '案件承办 An officer assigned to a case',
    fields: (t) => ({
      person: t.relation('person'),
      assignedAt: t.expose('assignedAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaNode('EnforcementCase', {
    id: { field: 'id' },
    description: '行政执法案件 Enforcement case (officers of its agency, the party, supervisors)',
    authScopes: (c, ctx) => canReadCase(ctx.viewer, c),
    fields: (t) => ({
      number: t.exposeString('number', { description: '案号 Case number' }),
      agency: t.relation('agency'),
      partyKind: t.expose('partyKind', { type: PartyKindEnum }),
      enterprise: t.relation('enterprise', { nullable: true, description: '当事企业 Party enterprise' }),
      partyDescription: t.exposeString('partyDescription', { nullable: true, description: '当事人（不具名自然人）Unnamed party' }),
      violation: t.exposeString('violation', { description: '违法行为 Violation' }),
      violatedProvision: t.exposeString('violatedProvision', { description: '违法依据 Provision violated' }),
      penaltyProvision: t.exposeString('penaltyProvision', { description: '处罚依据 Penalty provision' }),
      stage: t.expose('stage', { type: CaseStageEnum }),
      decision: t.expose('decision', { type: CaseDecisionEnum, nullable: true }),
      fineFen: t.expose('fineFen', { type: 'Fen', nullable: true, description: '罚款（分）Fine in fen' }),
      confiscationFen: t.expose('confiscationFen', { type: 'Fen', nullable: true, description: '没收（分）Confiscation in fen' }),
      registeredAt: t.expose('registeredAt', { type: 'DateTime', description: '立案时间' }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
      closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
      officers: t.relatedConnection('officers', {
        cursor: 'caseId_personId',
        totalCount: true,
        description: '承办人员 Assigned officers',
        query: { orderBy: { personId: 'asc' } },
      }),
      compulsoryMeasures: t.relatedConnection('compulsoryMeasures', { cursor: 'id', totalCount: true }),
    }),
  });
}
