import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { CaseStage } from '../generated/prisma/enums.js';
import { actorShownTo, caseOfficerRule, casePenaltyRule, caseRule } from '../auth/rows.js';
import type { Viewer } from '../auth/viewer.js';
import { domainErrors, ForbiddenError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { nodeRowId, parseId, parseOptionalId, tryParseId, type GlobalId } from '../ids.js';
import { msg } from '../validation.js';
import { textKind } from '../input/text.js';
import { shanghaiToday } from '../rules/shanghai-time.js';

const MULTILINE = textKind('multiline');

import { advanceCaseInTx, assignOfficersInTx, decideCaseInTx, openCaseInTx } from '../cases/index.js';
import type { CoreEnums } from './enums.js';
import { caseActorScope, officerOfCase } from './case-scopes.js';
import type { PenaltyInputRef } from './penalty-input.js';

const text = (max: number, zh: string, en: string) =>
  z
    .string()
    .trim()
    .min(1, msg(`${zh}不能为空`, `${en} must not be empty`))
    .max(max, msg(`${zh}过长`, `${en} is too long`));

export function registerCase(builder: ZhifaBuilder, enums: CoreEnums, PenaltyInput: PenaltyInputRef) {
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
        description: '办案期限（立案之日起 90 日，含延长；第60条；简易程序为空）Last day for the decision',
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

  const OpenCaseInput = builder.inputType('OpenCaseInput', {
    description: '立案 A new case, on an enforcement matter; its number is assigned (阜市监立〔2026〕3号)',
    fields: (t) => ({
      agencyId: t.globalID({ required: true, description: '办案单位 Agency' }),
      matterId: t.globalID({ required: true, description: '行政执法事项（已公布、本单位可实施的）Enforcement matter' }),
      enterpriseId: t.globalID({ required: false, description: '当事企业（与不具名自然人二选一）Party enterprise' }),
      partyDescription: t.string({
        required: false,
        description: '不具名自然人当事人的描述（不填写姓名、身份证号）Unnamed natural-person party',
        validate: text(200, '当事人描述', 'party description'),
      }),
      violationOn: t.field({
        type: 'Date',
        required: true,
        description: '违法行为发生日期（连续或继续状态的，为终了之日；第36条）Day the violation occurred, or ended',
      }),
      facts: t.string({
        required: false,
        extensions: MULTILINE,
        description: '违法事实（缺省为事项名称）Facts found; the matter name when absent',
        validate: text(2000, '违法事实', 'facts'),
      }),
      procedure: t.field({
        type: enums.CaseProcedure,
        required: false,
        defaultValue: 'GENERAL',
        description: '程序 Procedure',
      }),
      serious: t.boolean({
        required: false,
        defaultValue: false,
        description: '情节复杂或者重大违法（第57条第2款）Serious',
      }),
    }),
  });

  const DecideCaseInput = builder.inputType('DecideCaseInput', {
    description: '处理决定 A decision on a case',
    fields: (t) => ({
      decision: t.field({ type: CaseDecisionEnum, required: true, description: '决定 Decision' }),
      penalties: t.field({
        type: [PenaltyInput],
        required: false,
        defaultValue: [],
        description: '处罚内容（处罚类决定至少一项；不予处罚仅可没收违法所得）Penalties',
      }),
      ground: t.field({
        type: enums.CaseGround,
        required: false,
        description: '不予处罚或撤销案件的理由 Ground (NO_PENALTY, DROPPED)',
      }),
      groundNote: t.string({
        required: false,
        extensions: MULTILINE,
        description: '理由说明（OTHER 必填）Ground stated',
        validate: text(2000, '理由说明', 'ground note'),
      }),
      mitigatingCircumstance: t.string({
        required: false,
        extensions: MULTILINE,
        description: '从轻、减轻情形（第32条；LIGHTER / MITIGATED 必填）Mitigating circumstance',
        validate: text(2000, '从轻减轻情形', 'mitigating circumstance'),
      }),
      illegalGainsFen: t.field({ type: 'Fen', required: false, description: '违法所得（分）Illegal gains in fen' }),
      reason: t.string({
        required: false,
        extensions: MULTILINE,
        description: '决定理由 Stated reason',
        validate: text(2000, '决定理由', 'reason'),
      }),
    }),
  });

  builder.mutationFields((t) => ({
    openCase: t.prismaField({
      type: 'EnforcementCase',
      description:
        '立案（本单位执法人员；编立案号）Open a case on an enforcement matter, numbered (officers of the agency)',
      errors: { types: domainErrors },
      authScopes: (_root, args) => ({ officerOf: tryParseId(args.input.agencyId, 'Agency') ?? -1 }),
      args: { input: t.arg({ type: OpenCaseInput, required: true }) },
      resolve: async (query, _root, { input }, ctx) => {
        const c = await unitOfWork(ctx, (uow) =>
          openCaseInTx(uow, {
            agencyId: parseId(input.agencyId, 'Agency', ['input', 'agencyId']),
            matterId: parseId(input.matterId, 'EnforcementMatter', ['input', 'matterId']),
            enterpriseId: parseOptionalId(input.enterpriseId, 'Enterprise', ['input', 'enterpriseId']),
            partyDescription: input.partyDescription?.trim() || null,
            violationOn: input.violationOn,
            facts: input.facts?.trim() || null,
            procedure: input.procedure ?? 'GENERAL',
            serious: input.serious ?? false,
          }),
        );
        // Read after commit: the agency's 立案 sequence row stays locked until the unit of work ends,
        // and every other openCase of the agency waits for it; the answer needs no lock.
        return ctx.prisma.enforcementCase.findUniqueOrThrow({ ...query, where: { id: c.id } });
      },
    }),
    assignOfficers: t.prismaField({
      type: 'EnforcementCase',
      description:
        '指派承办人员（替换现有指派；至少两名持有效执法证的执法人员）Assign officers, replacing the current ones',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => caseActorScope(args.caseId, ctx, 'assign'),
      args: {
        caseId: t.arg.globalID({ required: true, description: '案件 Case' }),
        personIds: t.arg.globalIDList({ required: true, description: '承办人员 Officers' }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const id = parseId(args.caseId, 'EnforcementCase', ['caseId']);
          const personIds = args.personIds.map((p, i) => parseId(p, 'Person', ['personIds', i]));
          await assignOfficersInTx(uow, id, personIds);
          return tx.enforcementCase.findUniqueOrThrow({ ...query, where: { id } });
        }),
    }),
    advanceCase: t.prismaField({
      type: 'EnforcementCase',
      description:
        '推进案件阶段（本案承办人员；决定须通过 decideCase）Move a case to its next stage (assigned officers)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => officerOfCase(args.caseId, ctx),
      args: {
        caseId: t.arg.globalID({ required: true, description: '案件 Case' }),
        to: t.arg({ type: CaseStageEnum, required: true, description: '目标阶段 Stage to move to' }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const id = parseId(args.caseId, 'EnforcementCase', ['caseId']);
          await advanceCaseInTx(uow, id, args.to);
          return tx.enforcementCase.findUniqueOrThrow({ ...query, where: { id } });
        }),
    }),
    decideCase: t.prismaField({
      type: 'EnforcementCase',
      description:
        '作出处理决定（普通程序：法制审核后由负责人决定；简易程序：承办人员当场决定；编决定书文号）Decide a case: the agency head after legal review, or an assigned officer in the simple procedure; numbers the decision document',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => caseActorScope(args.caseId, ctx, 'decide'),
      args: {
        caseId: t.arg.globalID({ required: true, description: '案件 Case' }),
        input: t.arg({ type: DecideCaseInput, required: true }),
      },
      resolve: async (query, _root, { caseId: gid, input }, ctx) => {
        const id = parseId(gid, 'EnforcementCase', ['caseId']);
        await unitOfWork(ctx, (uow) =>
          decideCaseInTx(uow, id, {
            decision: input.decision,
            penalties: (input.penalties ?? []).map((p) => ({ kind: p.kind, amountFen: p.amountFen ?? null })),
            ground: input.ground ?? null,
            groundNote: input.groundNote?.trim() || null,
            mitigatingCircumstance: input.mitigatingCircumstance?.trim() || null,
            illegalGainsFen: input.illegalGainsFen ?? null,
            reason: input.reason?.trim() || null,
          }),
        );
        // Read after commit, as openCase: the decision-document sequence row is held until then.
        return ctx.prisma.enforcementCase.findUniqueOrThrow({ ...query, where: { id } });
      },
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
