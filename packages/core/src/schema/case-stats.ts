// caseStats: decided cases counted by decision, ground and penalty kind, with the fines, under the
// same row rule as the case list — so every figure agrees with `cases` for the same caller.
import type { ZhifaBuilder } from '../builder.js';
import type { Prisma } from '../generated/prisma/client.js';
import { CaseDecision, CaseGround, PenaltyKind } from '../generated/prisma/enums.js';
import { caseRule } from '../auth/rows.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { parseId } from '../ids.js';
import { startOfShanghaiDay } from '../rules/shanghai-time.js';
import type { CoreEnums } from './enums.js';

const DAY = 86_400_000;
/** Longest range counted at once (ten years and a few leap days). */
const MAX_RANGE_DAYS = 3660;

export interface CaseStatsShape {
  from: Date;
  to: Date;
  totalCount: number;
  byDecision: { decision: CaseDecision; count: number }[];
  byGround: { ground: CaseGround; count: number }[];
  byPenaltyKind: { kind: PenaltyKind; count: number; amountFen: bigint }[];
  totalFineFen: bigint;
  totalConfiscationFen: bigint;
  transferredCount: number;
  extendedCount: number;
  extensionCount: number;
}

/**
 * Decided cases of `agencyId` (when given), decided within [from, to] (Asia/Shanghai days); the viewer's
 * rows by the row rule the framework adds.
 */
export function decidedWithin(agencyId: number | null, from: Date, to: Date): Prisma.EnforcementCaseWhereInput {
  return {
    AND: [
      agencyId === null ? {} : { agencyId },
      {
        decision: { not: null },
        decidedAt: { gte: startOfShanghaiDay(from), lt: startOfShanghaiDay(new Date(to.getTime() + DAY)) },
      },
    ],
  };
}

export function registerCaseStats(builder: ZhifaBuilder, enums: CoreEnums) {
  const DecisionCount = builder.objectRef<{ decision: CaseDecision; count: number }>('CaseDecisionCount').implement({
    description: '按决定统计 Decided cases of one decision',
    fields: (t) => ({
      decision: t.expose('decision', { type: enums.CaseDecision, description: '决定 Decision' }),
      count: t.exposeInt('count', { description: '案件数 Cases' }),
    }),
  });
  const GroundCount = builder.objectRef<{ ground: CaseGround; count: number }>('CaseGroundCount').implement({
    description: '按理由统计 Decided cases on one ground',
    fields: (t) => ({
      ground: t.expose('ground', { type: enums.CaseGround, description: '理由 Ground' }),
      count: t.exposeInt('count', { description: '案件数 Cases' }),
    }),
  });
  const PenaltyKindStat = builder
    .objectRef<{ kind: PenaltyKind; count: number; amountFen: bigint }>('PenaltyKindStat')
    .implement({
      description: '按处罚种类统计 Penalties of one kind',
      fields: (t) => ({
        kind: t.expose('kind', { type: enums.PenaltyKind, description: '种类 Kind' }),
        count: t.exposeInt('count', { description: '处罚数（每案每种至多一项）Penalties (at most one per case)' }),
        amountFen: t.expose('amountFen', { type: 'Fen', description: '金额合计（分）Total amount in fen' }),
      }),
    });
  const CaseStats = builder.objectRef<CaseStatsShape>('CaseStats').implement({
    description: '案件决定统计 Decisions within a period',
    fields: (t) => ({
      from: t.expose('from', { type: 'Date', description: '起（含）From, inclusive' }),
      to: t.expose('to', { type: 'Date', description: '止（含）To, inclusive' }),
      totalCount: t.exposeInt('totalCount', { description: '作出决定的案件数 Cases decided' }),
      byDecision: t.field({
        type: [DecisionCount],
        description: '按决定（每种决定一行）By decision, every decision listed',
        resolve: (s) => s.byDecision,
      }),
      byGround: t.field({
        type: [GroundCount],
        description: '按不予处罚 / 撤销理由 By ground, every ground listed',
        resolve: (s) => s.byGround,
      }),
      byPenaltyKind: t.field({
        type: [PenaltyKindStat],
        description: '按处罚种类 By penalty kind, every kind listed',
        resolve: (s) => s.byPenaltyKind,
      }),
      totalFineFen: t.expose('totalFineFen', { type: 'Fen', description: '罚款合计（分）Total fines' }),
      totalConfiscationFen: t.expose('totalConfiscationFen', {
        type: 'Fen',
        description: '没收合计（分）Total confiscations',
      }),
      transferredCount: t.exposeInt('transferredCount', {
        description:
          '移送司法机关的案件数（第27条；不计入处罚和罚款）Cases transferred to the judicial organs (art. 27); no penalty or fine counted',
      }),
      extendedCount: t.exposeInt('extendedCount', {
        description: '办案期限经延长的案件数（第60条）Decided cases whose time limit was extended',
      }),
      extensionCount: t.exposeInt('extensionCount', {
        description: '这些案件的延长次数合计 Extensions recorded on them',
      }),
    }),
  });

  builder.queryField('caseStats', (t) =>
    t.field({
      type: CaseStats,
      description:
        '案件决定统计（决定日期在起止日之间，上海时间；与 cases 同一可见范围）Decisions by kind, ground and penalty kind, over the cases the caller may read',
      authScopes: { authenticated: true },
      args: {
        agencyId: t.arg.globalID({ required: false, description: '办案单位 Agency' }),
        from: t.arg({ type: 'Date', required: true, description: '起（含）From, inclusive' }),
        to: t.arg({ type: 'Date', required: true, description: '止（含）To, inclusive' }),
      },
      resolve: async (_root, args, ctx) => {
        // A signed-in caller with no case rights at all is refused, as for `cases`. The rows counted
        // are caseRule's (and casePenaltyRule's), which the framework adds to these aggregates.
        if (caseRule.where(ctx.viewer) === null)
          throw new ForbiddenError({ zh: '无权查看案件', en: 'Not allowed to read cases' });
        if (args.to.getTime() < args.from.getTime())
          throw ValidationError.one(['to'], { zh: '止日不能早于起日', en: 'to is before from' });
        if ((args.to.getTime() - args.from.getTime()) / DAY > MAX_RANGE_DAYS)
          throw ValidationError.one(['to'], { zh: '统计期间不超过十年', en: 'the period is at most ten years' });
        const agencyId = args.agencyId ? parseId(args.agencyId, 'Agency', ['agencyId']) : null;
        const where = decidedWithin(agencyId, args.from, args.to);
        const [totals, decisions, grounds, penalties, extendedCount, extensionCount] = await Promise.all([
          ctx.prisma.enforcementCase.aggregate({
            where,
            _count: { _all: true },
            _sum: { fineFen: true, confiscationFen: true },
          }),
          ctx.prisma.enforcementCase.groupBy({ by: ['decision'], where, _count: { _all: true } }),
          ctx.prisma.enforcementCase.groupBy({
            by: ['ground'],
            where: { AND: [where, { ground: { not: null } }] },
            _count: { _all: true },
          }),
          ctx.prisma.casePenalty.groupBy({
            by: ['kind'],
            where: { case: where },
            _count: { _all: true },
            _sum: { amountFen: true },
          }),
          ctx.prisma.enforcementCase.count({
            where: { AND: [where, { steps: { some: { kind: 'DEADLINE_EXTENSION' } } }] },
          }),
          ctx.prisma.caseStep.count({ where: { kind: 'DEADLINE_EXTENSION', case: where } }),
        ]);
        const decisionCount = new Map(decisions.map((g) => [g.decision, g._count._all]));
        const groundCount = new Map(grounds.map((g) => [g.ground, g._count._all]));
        const kindStat = new Map(penalties.map((g) => [g.kind, g]));
        return {
          from: args.from,
          to: args.to,
          totalCount: totals._count._all,
          byDecision: Object.values(CaseDecision).map((decision) => ({
            decision,
            count: decisionCount.get(decision) ?? 0,
          })),
          byGround: Object.values(CaseGround).map((ground) => ({ ground, count: groundCount.get(ground) ?? 0 })),
          byPenaltyKind: Object.values(PenaltyKind).map((kind) => ({
            kind,
            count: kindStat.get(kind)?._count._all ?? 0,
            amountFen: kindStat.get(kind)?._sum.amountFen ?? 0n,
          })),
          totalFineFen: totals._sum.fineFen ?? 0n,
          totalConfiscationFen: totals._sum.confiscationFen ?? 0n,
          transferredCount: decisionCount.get('TRANSFERRED') ?? 0,
          extendedCount,
          extensionCount,
        };
      },
    }),
  );
}
