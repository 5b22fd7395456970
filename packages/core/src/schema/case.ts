import type { ZhifaBuilder } from '../builder.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { CaseStage } from '../generated/prisma/enums.js';
import { actorShownTo, caseOfficerRule, casePenaltyRule, caseRule } from '../auth/rows.js';
import type { Viewer } from '../auth/viewer.js';
import { ForbiddenError } from '../errors.js';
import { nodeRowId, parseId, type GlobalId } from '../ids.js';
import { shanghaiToday } from '../rules/shanghai-time.js';
import { caseLimitationYears } from '../rules/limitation.js';

import type { CoreEnums } from './enums.js';

export function registerCase(builder: ZhifaBuilder, enums: CoreEnums) {
  const CaseStageEnum = enums.CaseStage;
  const CaseDecisionEnum = enums.CaseDecision;
  const PartyKindEnum = enums.PartyKind;

  builder.prismaObject('CaseOfficer', {
    select: { caseId: true, personId: true },
    rowRule: caseOfficerRule,
    description: '案件承办 An officer assigned to a case',
    fields: (t) => ({
      person: t.relation('person', {
        description: '承办人员 The officer',
        // personRule lets an enterprise user see exactly the officers of its own cases.
        rowRuleImplied: 'an officer of a case the viewer may read is a person the viewer may see (personRule)',
      }),
      assignedAt: t.expose('assignedAt', { type: 'DateTime', description: '指派时间 When assigned' }),
    }),
  });

  builder.prismaObject('CasePenalty', {
    rowRule: casePenaltyRule,
    description: '处罚内容 One penalty of a decision',
    fields: (t) => ({
      kind: t.expose('kind', { type: enums.PenaltyKind, description: '种类 Kind' }),
      amountFen: t.expose('amountFen', {
        type: 'Fen',
        nullable: true,
        description: '金额（分；罚款、没收）Amount in fen',
      }),
    }),
  });

  const EnforcementCaseRef = builder.prismaNode('EnforcementCase', {
    id: { field: 'id' },
    // Only the columns the asked fields name are loaded, not all ~30 of a case's: in the dashboard's
    // nested list, building and mapping unasked columns (JSON in the relation join, Dates) was about
    // half the request (bench/profile.ts dashboard). Always loaded: the keys the row rule and fields
    // added by name read (TypeScript types their parent as the whole row): agency, party, matter;
    // and the number and stage every list shows, read straight off the row (loaded-columns.ts).
    // Traps of select mode: a write that reads back columns must not narrow its row with the
    // client's selection; a row returned outside the client's query (a loader) is re-read by Pothos.
    select: { id: true, agencyId: true, enterpriseId: true, matterId: true, number: true, stage: true },
    description: '行政执法案件 Enforcement case (officers of its agency, the party, supervisors)',
    // Who reads which cases (auth/rows.ts), applied by the framework on every path: node(id) of a
    // case the caller may not read is null, like an unknown id (node-query.ts).
    rowRule: caseRule,
    nullable: true,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      number: t.exposeString('number', { description: '案号 Case number' }),
      agency: t.relation('agency', { description: '办案单位 Agency handling the case' }),
      partyKind: t.expose('partyKind', { type: PartyKindEnum, description: '当事人类别 Party kind' }),
      enterprise: t.relation('enterprise', { nullable: true, description: '当事企业 Party enterprise' }),
      partyDescription: t.exposeString('partyDescription', {
        nullable: true,
        description: '当事人（不具名自然人）Unnamed party',
      }),
      violation: t.exposeString('violation', { description: '违法行为 Violation' }),
      violatedProvision: t.exposeString('violatedProvision', { description: '违法依据 Provision violated' }),
      penaltyProvision: t.exposeString('penaltyProvision', { description: '处罚依据 Penalty provision' }),
      stage: t.expose('stage', { type: CaseStageEnum, description: '阶段 Stage' }),
      decision: t.expose('decision', { type: CaseDecisionEnum, nullable: true, description: '处理决定 Decision' }),
      fineFen: t.expose('fineFen', { type: 'Fen', nullable: true, description: '罚款（分）Fine in fen' }),
      confiscationFen: t.expose('confiscationFen', {
        type: 'Fen',
        nullable: true,
        description: '没收（分）Confiscation in fen',
      }),
      registeredAt: t.expose('registeredAt', { type: 'DateTime', description: '立案时间 Registered at' }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true, description: '决定时间 Decided at' }),
      closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: '结案时间 Closed at' }),
      matter: t.relation('matter', {
        nullable: true,
        description: '行政执法事项（此前登记的旧案为空）Enforcement matter; null for cases registered before matters',
      }),
      violationOn: t.expose('violationOn', {
        type: 'Date',
        nullable: true,
        description: '违法行为发生（或终了）日期，追责时效自此起算（第36条）Day the violation occurred or ended',
      }),
      discoveredOn: t.expose('discoveredOn', {
        type: 'Date',
        nullable: true,
        description: '发现违法行为之日，追责时效计至此日（第36条）Day the agency discovered the violation',
      }),
      endangersSafety: t.exposeBoolean('endangersSafety', {
        description: '危及公民生命健康安全、金融安全（第36条）Endangered life, health or financial safety',
      }),
      harmFollowed: t.exposeBoolean('harmFollowed', {
        description: '有危害后果（第36条）Harmful consequences followed',
      }),
      limitationYears: t.int({
        description:
          '追责时效（年）：二者同时成立为 5 年，否则 2 年（第36条）Limitation period: 5 years with both facts, else 2',
        select: { endangersSafety: true, harmFollowed: true },
        resolve: (c) => caseLimitationYears(c),
      }),
      procedure: t.expose('procedure', { type: enums.CaseProcedure, description: '程序 Procedure' }),
      serious: t.exposeBoolean('serious', {
        description: '情节复杂或者重大违法（须集体讨论，第57条第2款）Serious: needs collective discussion',
      }),
      registeredBy: t.string({
        nullable: true,
        select: { registeredBy: true },
        description:
          '立案人（工作人员可见账号，其他人只见类别）Who registered it: the account for staff, its kind for others',
        resolve: (c, _a, ctx) => (c.registeredBy === null ? null : actorShownTo(ctx.viewer, c.registeredBy)),
      }),
      decisionNumber: t.exposeString('decisionNumber', {
        nullable: true,
        description: '决定书文号（行政处罚决定书 / 不予行政处罚决定书）Decision-document number',
      }),
      decidedBy: t.string({
        nullable: true,
        select: { decidedBy: true },
        description:
          '决定人（工作人员可见账号，其他人只见类别）Who decided: the account for staff, its kind for others',
        resolve: (c, _a, ctx) => (c.decidedBy === null ? null : actorShownTo(ctx.viewer, c.decidedBy)),
      }),
      decidedByInvestigator: t.exposeBoolean('decidedByInvestigator', {
        description:
          '决定的负责人同时是本案承办人员（仅县里设置允许时，行政处罚法第57条）The head who decided was also an assigned officer of the case — only where the county allows it (Administrative Penalty Law art. 57)',
      }),
      ground: t.expose('ground', {
        type: enums.CaseGround,
        nullable: true,
        description: '不予处罚或撤销案件的理由 Ground',
      }),
      groundNote: t.exposeString('groundNote', { nullable: true, description: '理由说明 Ground stated' }),
      mitigatingCircumstance: t.exposeString('mitigatingCircumstance', {
        nullable: true,
        description: '从轻、减轻情形（第32条）Mitigating circumstance',
      }),
      aggravatingFactor: t.exposeString('aggravatingFactor', {
        nullable: true,
        description: '从重情形（裁量基准从重档，第34条）Aggravating circumstance',
      }),
      transferredTo: t.exposeString('transferredTo', {
        nullable: true,
        description: '移送的司法机关（第27条）Judicial body the case was transferred to',
      }),
      transferDocumentNumber: t.exposeString('transferDocumentNumber', {
        nullable: true,
        description: '移送书文号 Transfer document number',
      }),
      decisionReason: t.exposeString('decisionReason', {
        nullable: true,
        description: '决定理由 Stated reason for the decision',
      }),
      illegalGainsFen: t.expose('illegalGainsFen', {
        type: 'Fen',
        nullable: true,
        description: '违法所得（分）Illegal gains in fen',
      }),
      penalties: t.relatedConnection('penalties', {
        cursor: 'id',
        totalCount: true,
        description: '处罚内容 Penalties imposed by the decision',
        query: { orderBy: { id: 'asc' } },
      }),
      deadline: t.expose('deadlineOn', {
        type: 'Date',
        nullable: true,
        description:
          '办案期限（立案之日起 90 日，含延长和不计入期限的听证、鉴定、公告时间；第60条；简易程序为空）Last day for the decision, with extensions and suspensions',
      }),
      isOverdue: t.boolean({
        description: '已超办案期限且尚未决定 Past its deadline and not yet decided',
        select: { deadlineOn: true, stage: true },
        resolve: (c, _a, ctx) => isOverdue(c, ctx.clock()),
      }),
      officers: t.relatedConnection('officers', {
        cursor: 'caseId_personId',
        totalCount: true,
        description: '承办人员 Assigned officers',
        query: { orderBy: { personId: 'asc' } },
      }),
      compulsoryMeasures: t.relatedConnection('compulsoryMeasures', {
        cursor: 'id',
        totalCount: true,
        description: '行政强制措施 Compulsory measures taken',
        query: { orderBy: { id: 'asc' } },
      }),
    }),
  });

  // Back-links: the framework applies caseRule here too, as wherever cases are listed.
  for (const parent of ['Agency', 'Enterprise'] as const) {
    builder.prismaObjectField(parent, 'cases', (t) =>
      t.relatedConnection('cases', {
        cursor: 'id',
        totalCount: true,
        // Nullable so that a public listing of agencies fails only this field, not the whole list.
        nullable: true,
        description: '案件（仅限有权查看的；需登录）Cases the caller may read (token required)',
        authScopes: { authenticated: true },
        args: { stage: t.arg({ type: CaseStageEnum, required: false, description: '按阶段筛选 Filter by stage' }) },
        query: (args) => ({
          where: args.stage ? { stage: args.stage } : {},
          orderBy: { id: 'asc' },
        }),
      }),
    );
  }

  builder.queryFields((t) => ({
    cases: t.prismaConnection({
      type: 'EnforcementCase',
      cursor: 'id',
      description: '案件列表（本单位、本企业或监督人员可见的）Cases the caller may read',
      authScopes: { authenticated: true },
      args: {
        agencyId: t.arg.globalID({ required: false, description: '办案单位 Agency' }),
        enterpriseId: t.arg.globalID({ required: false, description: '当事企业 Party enterprise' }),
        stage: t.arg({ type: CaseStageEnum, required: false, description: '阶段 Stage' }),
        overdue: t.arg.boolean({
          required: false,
          description: '超期未决（true）或未超期（false）Past the deadline and undecided, or not',
        }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.prisma.enforcementCase.count({ where: casesWhere(ctx.viewer, args, ctx.clock()) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.enforcementCase.findMany({
          ...query,
          where: casesWhere(ctx.viewer, args, ctx.clock()),
          orderBy: { id: 'asc' },
        }),
    }),
    case: t.prismaField({
      type: 'EnforcementCase',
      nullable: true,
      description: '案件（无权查看时为空）One case, or null when absent or not visible',
      authScopes: { authenticated: true },
      args: { id: t.arg.globalID({ required: true, description: '案件编号 Case id' }) },
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.enforcementCase.findFirst({
          ...query,
          where: { id: parseId(args.id, 'EnforcementCase', ['id']) },
        }),
    }),
  }));

  return EnforcementCaseRef;
}

const UNDECIDED: CaseStage[] = ['REGISTERED', 'INVESTIGATING', 'LEGAL_REVIEW'];

/** Not yet decided and past the last day for the decision (Asia/Shanghai calendar). */
export function isOverdue(c: { deadlineOn: Date | null; stage: CaseStage }, now: Date): boolean {
  return c.deadlineOn !== null && UNDECIDED.includes(c.stage) && shanghaiToday(now).getTime() > c.deadlineOn.getTime();
}

/** The same rule as isOverdue, as a filter. */
export function overdueWhere(now: Date): Prisma.EnforcementCaseWhereInput {
  return { stage: { in: UNDECIDED }, deadlineOn: { lt: shanghaiToday(now) } };
}

/** The complement of overdueWhere (a null deadline is never overdue). */
function notOverdueWhere(now: Date): Prisma.EnforcementCaseWhereInput {
  return { OR: [{ stage: { notIn: UNDECIDED } }, { deadlineOn: null }, { deadlineOn: { gte: shanghaiToday(now) } }] };
}

function casesWhere(
  v: Viewer,
  args: {
    agencyId?: GlobalId | null;
    enterpriseId?: GlobalId | null;
    stage?: CaseStage | null;
    overdue?: boolean | null;
  },
  now: Date,
): Prisma.EnforcementCaseWhereInput {
  // A signed-in caller with no case rights at all (a survey organisation) is refused, not shown an
  // empty list. The rows themselves are caseRule's, which the framework adds to this filter.
  if (caseRule.where(v) === null) throw new ForbiddenError({ zh: '无权查看案件', en: 'Not allowed to read cases' });
  return {
    AND: [
      args.agencyId ? { agencyId: parseId(args.agencyId, 'Agency', ['agencyId']) } : {},
      args.enterpriseId ? { enterpriseId: parseId(args.enterpriseId, 'Enterprise', ['enterpriseId']) } : {},
      args.stage ? { stage: args.stage } : {},
      args.overdue === true ? overdueWhere(now) : args.overdue === false ? notOverdueWhere(now) : {},
    ],
  };
}
