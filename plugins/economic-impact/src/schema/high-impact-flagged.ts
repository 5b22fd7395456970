// Subscription.highImpactCaseFlagged: supervisors (县司法局 行政执法协调监督) see live the enterprise cases of high impact
// (county plan task 7) — an assessment approved at HIGH or SEVERE, a 查封 / 扣押 of production equipment. The event
// carries no agency nor enterprise (topics.ts): only supervisors are woken; replay with `after` comes from core.
import { defineTopicSubscription, type ZhifaBuilder } from '@zhifa/core';
import { encodeCursor } from '@zhifa/core/events';
import type { ImpactLevel } from '@zhifa/core/prisma';
import { IMPACT_HIGH_FLAGGED } from '../topics.js';
import type { ImpactEnums } from './enums.js';

interface HighImpactFlag {
  cursor: string;
  reason: 'LEVEL' | 'PRODUCTION_MEASURE';
  level: ImpactLevel | null;
  caseId: number;
  measureId: number | null;
  flaggedAt: Date;
}

export function registerHighImpactFlagged(builder: ZhifaBuilder, enums: ImpactEnums) {
  const Reason = builder.enumType('ImpactFlagReason', {
    description: '高影响提示原因 Why a case was flagged',
    values: {
      LEVEL: { description: '评估等级为高或严重 Assessed HIGH or SEVERE' },
      PRODUCTION_MEASURE: { description: '查封、扣押生产设备或者库存 A measure on production equipment or stock' },
    },
  });

  const FlagRef = builder.objectRef<HighImpactFlag>('ImpactHighFlag').implement({
    description: '高影响涉企案件提示（监督人员）A high-impact enterprise case (supervisors)',
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: '事件游标（续传用 after）Event cursor, for `after`' }),
      reason: t.expose('reason', { type: Reason, description: '原因 Why' }),
      level: t.expose('level', { type: enums.ImpactLevel, nullable: true, description: '评估等级 The level' }),
      case: t.prismaField({
        type: 'EnforcementCase',
        nullable: true,
        description: '案件 The case',
        resolve: (query, f, _args, ctx) => ctx.prisma.enforcementCase.findUnique({ ...query, where: { id: f.caseId } }),
      }),
      measure: t.prismaField({
        type: 'CompulsoryMeasure',
        nullable: true,
        description: '行政强制措施（原因为 PRODUCTION_MEASURE 时）The measure, when that is why',
        resolve: (query, f, _args, ctx) =>
          f.measureId === null
            ? null
            : ctx.prisma.compulsoryMeasure.findUnique({ ...query, where: { id: f.measureId } }),
      }),
      flaggedAt: t.expose('flaggedAt', { type: 'DateTime', description: '时间 When' }),
    }),
  });

  defineTopicSubscription(builder, {
    field: 'highImpactCaseFlagged',
    description:
      '高影响涉企案件（评估为高或严重、查封扣押生产设备；监督人员，实时）High-impact enterprise cases, live (supervisors)',
    topics: [IMPACT_HIGH_FLAGGED],
    type: FlagRef,
    authScopes: { supervisor: true },
    resolve: (e) => ({
      cursor: encodeCursor({ txid: e.txid, id: e.id }),
      reason: e.payload.reason,
      level: e.payload.level,
      caseId: e.payload.caseId,
      measureId: e.payload.measureId,
      flaggedAt: e.createdAt,
    }),
  });
}
