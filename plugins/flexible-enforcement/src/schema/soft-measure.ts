// SoftMeasure 柔性措施 (county plan task 7: 提醒、告知、劝阻等; 行政指导): the type, the county list `softMeasures`,
// and where else it is read — the enterprise it was addressed to, the agency that took it, the case it was taken in,
// and the case opened after it. Who sees a row is softMeasureRule (access.ts): staff of its agency, supervisors, the
// enterprise addressed; never the public. The mutations are soft-measure-mutations.ts.
import { describedValues, nodeRowId, tryParseId, type CoreRefs, type GlobalId, type ZhifaBuilder } from '@zhifa/core';
import { actorShownTo, isSupervisor } from '@zhifa/core/auth';
import type { Prisma, SoftMeasureKind } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import { softMeasureRule } from '../access.js';
import { isFollowUpOverdue, SOFT_MEASURE_KIND_LABEL, SOFT_MEASURE_OUTCOME_LABEL } from '../soft-measure-rules.js';
import { registerSoftMeasureMutations } from './soft-measure-mutations.js';

/** Newest first: the day taken, then the row (the cursor's key). */
const NEWEST_FIRST = [{ takenOn: 'desc' }, { id: 'desc' }] satisfies Prisma.SoftMeasureOrderByWithRelationInput[];

export function registerSoftMeasures(builder: ZhifaBuilder, core: CoreRefs) {
  const KindEnum = builder.enumType('SoftMeasureKind', {
    description: '柔性措施种类（县实施方案任务7）Kind of soft measure (county plan task 7)',
    values: describedValues(SOFT_MEASURE_KIND_LABEL),
  });
  const OutcomeEnum = builder.enumType('SoftMeasureOutcome', {
    description: '柔性措施跟进结果 Outcome of a soft measure’s follow-up',
    values: describedValues(SOFT_MEASURE_OUTCOME_LABEL),
  });

  const SoftMeasureRef = builder.prismaNode('SoftMeasure', {
    id: { field: 'id' },
    nullable: true,
    description:
      '柔性措施（提醒、告知、劝阻、行政指导、告诫、约谈、承诺书；本单位人员、监督人员及所针对的企业可见；县实施方案任务7）A soft measure — reminder, notice, dissuasion, guidance, admonition, interview, written commitment — seen by its agency’s staff, supervisors and the enterprise it was addressed to (county plan task 7)',
    rowRule: softMeasureRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      kind: t.expose('kind', { type: KindEnum, description: '种类 Kind' }),
      agency: t.relation('agency', { description: '采取措施的单位 The agency that took it' }),
      enterprise: t.relation('enterprise', {
        nullable: true,
        description: '所针对的经营主体（在案件中采取的，为本案当事企业）The enterprise it was addressed to',
      }),
      case: t.relation('case', { nullable: true, description: '在其中采取的案件 The case it was taken in, if any' }),
      matter: t.relation('matter', { nullable: true, description: '所涉执法事项 The enforcement matter, if any' }),
      content: t.exposeString('content', { description: '措施内容 What was said or required' }),
      basis: t.exposeString('basis', { description: '依据 The law, regulation or document relied on' }),
      documentNumber: t.exposeString('documentNumber', {
        nullable: true,
        description: '文书编号（提醒函、告知书、约谈通知书等）Number of the document issued, if any',
      }),
      officer: t.relation('officer', {
        nullable: true,
        description:
          '采取措施的执法人员（企业用户仅在其为本企业案件承办人员时可见）The officer who took it (an enterprise user sees officers of its own cases only)',
      }),
      participants: t.exposeStringList('participants', {
        description:
          '约谈参加人员（姓名及身份，至多 20 人）Who took part in an interview, names and roles (at most 20)',
      }),
      takenOn: t.expose('takenOn', { type: 'Date', description: '实施日期（上海时间）Day taken, Asia/Shanghai' }),
      followUpOn: t.expose('followUpOn', {
        type: 'Date',
        nullable: true,
        description: '跟进日期（不早于实施日期）Day the follow-up is due; not before the day taken',
      }),
      followUpOverdue: t.boolean({
        description:
          '跟进逾期：跟进日已过（当日不算）且未记录结果 The follow-up day has passed (the day itself does not count) with no outcome',
        resolve: (m, _a, ctx) => isFollowUpOverdue(m, shanghaiToday(ctx.clock())),
      }),
      outcome: t.expose('outcome', { type: OutcomeEnum, nullable: true, description: '跟进结果 Outcome' }),
      outcomeNote: t.exposeString('outcomeNote', { nullable: true, description: '跟进情况说明 Note on the outcome' }),
      outcomeRecordedAt: t.expose('outcomeRecordedAt', {
        type: 'DateTime',
        nullable: true,
        description: '结果记录时间 When the outcome was recorded',
      }),
      outcomeRecordedBy: t.string({
        nullable: true,
        description: '结果记录人（工作人员可见账号，其他人只见类别）Who recorded the outcome',
        resolve: (m, _a, ctx) => (m.outcomeRecordedBy === null ? null : actorShownTo(ctx.viewer, m.outcomeRecordedBy)),
      }),
      overdueAnnouncedAt: t.expose('overdueAnnouncedAt', {
        type: 'DateTime',
        nullable: true,
        description: '跟进逾期提示时间（仅一次）When the overdue follow-up was announced to the agency (once)',
      }),
      followUpCase: t.relation('followUpCase', {
        nullable: true,
        description: '未履行后据以立案的案件 The case opened after NOT_COMPLIED, if any',
      }),
      recordedBy: t.string({
        description: '记录人（工作人员可见账号，其他人只见类别）Who recorded it',
        resolve: (m, _a, ctx) => actorShownTo(ctx.viewer, m.recordedBy),
      }),
      recordedAt: t.expose('recordedAt', { type: 'DateTime', description: '记录时间 Recorded at' }),
    }),
  });

  builder.queryField('softMeasures', (t) =>
    t.prismaConnection({
      type: 'SoftMeasure',
      cursor: 'id',
      nullable: true,
      description:
        '柔性措施（最新在前；本单位人员见本单位的，监督人员见全部，企业用户见针对本企业的）Soft measures, newest first: staff their agency’s, supervisors all, an enterprise user those addressed to it',
      args: {
        kind: t.arg({ type: KindEnum, required: false, description: '种类 Only this kind' }),
        agencyId: t.arg.globalID({
          required: false,
          description: '采取措施的单位（工作人员只能查本单位）Only this agency’s (staff: their own only)',
        }),
        enterpriseId: t.arg.globalID({
          required: false,
          description:
            '所针对的经营主体（企业用户只能查本企业）Only those addressed to this enterprise (an enterprise user: its own only)',
        }),
        overdue: t.arg.boolean({
          required: false,
          description:
            'true：跟进逾期（跟进日早于今天且无结果）；false：未逾期 true: follow-up overdue (its day before today, Asia/Shanghai, and no outcome); false: not overdue',
        }),
        from: t.arg({ type: 'Date', required: false, description: '实施日起（含）Taken on or after this day' }),
        to: t.arg({ type: 'Date', required: false, description: '实施日止（含）Taken on or before this day' }),
      },
      // Another agency's or another enterprise's list is refused up front rather than answered empty: the caller
      // asked for something that is not theirs to read.
      authScopes: (_root, args, ctx) => {
        const v = ctx.viewer;
        if (v.kind === 'enterprise')
          return !args.enterpriseId || tryParseId(args.enterpriseId, 'Enterprise') === v.enterpriseId;
        if (args.agencyId && !isSupervisor(v))
          return v.kind === 'person' && tryParseId(args.agencyId, 'Agency') === v.agencyId;
        return { staff: true };
      },
      totalCount: (_p, args, ctx) =>
        ctx.prisma.softMeasure.count({ where: softMeasuresWhere(args, shanghaiToday(ctx.clock())) }),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.softMeasure.findMany({
          ...query,
          where: softMeasuresWhere(args, shanghaiToday(ctx.clock())),
          orderBy: NEWEST_FIRST,
        }),
    }),
  );

  // Nested lists: plugin-prisma selects them within the parents' query (one statement per page of parents),
  // with the row rule ANDed in, so a page of enterprises or agencies costs the same whatever its size.
  builder.prismaObjectField('Enterprise', 'softMeasures', (t) =>
    t.relatedConnection('softMeasures', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      authScopes: { authenticated: true },
      description:
        '针对该企业的柔性措施（最新在前；企业本身见全部，工作人员见本单位的）Soft measures addressed to the enterprise the caller may see, newest first',
      query: { orderBy: NEWEST_FIRST },
    }),
  );
  builder.prismaObjectField('Agency', 'softMeasures', (t) =>
    t.relatedConnection('softMeasures', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      authScopes: { authenticated: true },
      description:
        '该单位采取的柔性措施（最新在前；本单位人员、监督人员，企业用户仅见针对本企业的）Soft measures the agency took that the caller may see, newest first',
      query: { orderBy: NEWEST_FIRST },
    }),
  );
  builder.prismaObjectFields('EnforcementCase', (t) => ({
    softMeasures: t.relatedConnection('softMeasureSoftMeasureCases', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      description: '在本案中采取的柔性措施（最新在前）Soft measures taken in the case, newest first',
      query: { orderBy: NEWEST_FIRST },
    }),
    openedAfterSoftMeasure: t.relation('softMeasureSoftMeasureFollowUpCase', {
      nullable: true,
      description:
        '本案据以立案的柔性措施（该措施跟进结果为未履行）The soft measure this case was opened after (its outcome NOT_COMPLIED)',
    }),
  }));

  registerSoftMeasureMutations(builder, { SoftMeasureKind: KindEnum, SoftMeasureOutcome: OutcomeEnum }, core);
  return { SoftMeasure: SoftMeasureRef, SoftMeasureKind: KindEnum, SoftMeasureOutcome: OutcomeEnum };
}

interface ListArgs {
  kind?: SoftMeasureKind | null;
  agencyId?: GlobalId | null;
  enterpriseId?: GlobalId | null;
  overdue?: boolean | null;
  from?: Date | null;
  to?: Date | null;
}

/** The list's filters (the row rule is added by the framework); `from` / `to` are days taken, inclusive. */
function softMeasuresWhere(args: ListArgs, today: Date): Prisma.SoftMeasureWhereInput {
  const overdue = { followUpOn: { lt: today }, outcome: null };
  return {
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.agencyId ? { agencyId: tryParseId(args.agencyId, 'Agency') ?? -1 } : {}),
    ...(args.enterpriseId ? { enterpriseId: tryParseId(args.enterpriseId, 'Enterprise') ?? -1 } : {}),
    ...(args.from || args.to
      ? { takenOn: { ...(args.from ? { gte: args.from } : {}), ...(args.to ? { lte: args.to } : {}) } }
      : {}),
    ...(args.overdue === true ? overdue : {}),
    ...(args.overdue === false
      ? { OR: [{ followUpOn: null }, { followUpOn: { gte: today } }, { outcome: { not: null } }] }
      : {}),
  };
}
