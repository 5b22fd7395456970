import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { CaseStage } from '../generated/prisma/enums.js';
import { canReadCase, caseFilter } from '../auth/rows.js';
import type { Viewer } from '../auth/viewer.js';
import { domainErrors, ForbiddenError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { nodeRowId, parseId, parseOptionalId, tryParseId, type GlobalId } from '../ids.js';
import { msg } from '../validation.js';
import { textKind } from '../input/text.js';

const MULTILINE = textKind('multiline');

import {
  advanceCaseInTx,
  assignOfficersInTx,
  decideCaseInTx,
  openCaseInTx,
} from '../cases/index.js';
import type { CoreEnums } from './enums.js';
import { caseActorScope, officerOfCase } from './case-scopes.js';

/** Rows the viewer may read; nothing at all for a viewer with no case rights (never throws: used in nested queries). */
function readableCases(v: Viewer): Prisma.EnforcementCaseWhereInput {
  return caseFilter(v) ?? { id: { in: [] } };
}


const text = (max: number, zh: string, en: string) =>
  z.string().trim().min(1, msg(`${zh}不能为空`, `${en} must not be empty`)).max(max, msg(`${zh}过长`, `${en} is too long`));

export function registerCase(builder: ZhifaBuilder, enums: CoreEnums) {
  const CaseStageEnum = enums.CaseStage;
  const CaseDecisionEnum = enums.CaseDecision;
  const PartyKindEnum = enums.PartyKind;

  builder.prismaObject('CaseOfficer', {
    description: '案件承办 An officer assigned to a case',
    fields: (t) => ({
      person: t.relation('person', { description: '承办人员 The officer' }),
      assignedAt: t.expose('assignedAt', { type: 'DateTime', description: '指派时间 When assigned' }),
    }),
  });

  const EnforcementCaseRef = builder.prismaNode('EnforcementCase', {
    id: { field: 'id' },
    description: '行政执法案件 Enforcement case (officers of its agency, the party, supervisors)',
    // node(id) of a case the caller may not read is null, like an unknown id (node-query.ts).
    nullable: true,
    findUnique: (id, ctx) => ({ id: nodeRowId(id), AND: [readableCases(ctx.viewer)] }),
    authScopes: (c, ctx) => canReadCase(ctx.viewer, c),
    fields: (t) => ({
      number: t.exposeString('number', { description: '案号 Case number' }),
      agency: t.relation('agency', { description: '办案单位 Agency handling the case' }),
      partyKind: t.expose('partyKind', { type: PartyKindEnum, description: '当事人类别 Party kind' }),
      enterprise: t.relation('enterprise', { nullable: true, description: '当事企业 Party enterprise' }),
      partyDescription: t.exposeString('partyDescription', { nullable: true, description: '当事人（不具名自然人）Unnamed party' }),
      violation: t.exposeString('violation', { description: '违法行为 Violation' }),
      violatedProvision: t.exposeString('violatedProvision', { description: '违法依据 Provision violated' }),
      penaltyProvision: t.exposeString('penaltyProvision', { description: '处罚依据 Penalty provision' }),
      stage: t.expose('stage', { type: CaseStageEnum, description: '阶段 Stage' }),
      decision: t.expose('decision', { type: CaseDecisionEnum, nullable: true, description: '处理决定 Decision' }),
      fineFen: t.expose('fineFen', { type: 'Fen', nullable: true, description: '罚款（分）Fine in fen' }),
      confiscationFen: t.expose('confiscationFen', { type: 'Fen', nullable: true, description: '没收（分）Confiscation in fen' }),
      registeredAt: t.expose('registeredAt', { type: 'DateTime', description: '立案时间 Registered at' }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true, description: '决定时间 Decided at' }),
      closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: '结案时间 Closed at' }),
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

  // Back-links: the same row rule applies wherever cases are listed.
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
        query: (args, ctx) => ({
          where: { AND: [readableCases(ctx.viewer), args.stage ? { stage: args.stage } : {}] },
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
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.enforcementCase.count({ where: casesWhere(ctx.viewer, args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.enforcementCase.findMany({ ...query, where: casesWhere(ctx.viewer, args), orderBy: { id: 'asc' } }),
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
          where: { AND: [{ id: parseId(args.id, 'EnforcementCase', ['id']) }, readableCases(ctx.viewer)] },
        }),
    }),
  }));

  const OpenCaseInput = builder.inputType('OpenCaseInput', {
    description: '立案 A new case',
    fields: (t) => ({
      number: t.string({
        required: true,
        extensions: textKind('name'),
        description: '案号，如 阜市监罚〔2025〕12号 Case number',
        validate: text(60, '案号', 'case number'),
      }),
      agencyId: t.globalID({ required: true, description: '办案单位 Agency' }),
      enterpriseId: t.globalID({ required: false, description: '当事企业（与不具名自然人二选一）Party enterprise' }),
      partyDescription: t.string({
        required: false,
        description: '不具名自然人当事人的描述（不填写姓名、身份证号）Unnamed natural-person party',
        validate: text(200, '当事人描述', 'party description'),
      }),
      violation: t.string({ required: true, description: '违法行为 Violation', extensions: MULTILINE, validate: text(500, '违法行为', 'violation') }),
      violatedProvision: t.string({
        required: true,
        extensions: MULTILINE,
        description: '违法依据 Provision violated',
        validate: text(500, '违法依据', 'violated provision'),
      }),
      penaltyProvision: t.string({
        required: true,
        extensions: MULTILINE,
        description: '处罚依据 Penalty provision',
        validate: text(500, '处罚依据', 'penalty provision'),
      }),
    }),
  });

  const DecideCaseInput = builder.inputType('DecideCaseInput', {
    description: '处理决定 A decision on a case',
    fields: (t) => ({
      decision: t.field({ type: CaseDecisionEnum, required: true, description: '决定 Decision' }),
      fineFen: t.field({ type: 'Fen', required: false, description: '罚款（分），处罚类决定必填 Fine in fen, required for a penalty' }),
      confiscationFen: t.field({ type: 'Fen', required: false, description: '没收（分）Confiscation in fen' }),
    }),
  });

  builder.mutationFields((t) => ({
    openCase: t.prismaField({
      type: 'EnforcementCase',
      description: '立案（本单位执法人员）Open a case (officers of the agency)',
      errors: { types: domainErrors },
      authScopes: (_root, args) => ({ officerOf: tryParseId(args.input.agencyId, 'Agency') ?? -1 }),
      args: { input: t.arg({ type: OpenCaseInput, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const c = await openCaseInTx(uow, {
            number: input.number.trim(),
            agencyId: parseId(input.agencyId, 'Agency', ['input', 'agencyId']),
            enterpriseId: parseOptionalId(input.enterpriseId, 'Enterprise', ['input', 'enterpriseId']),
            partyDescription: input.partyDescription?.trim() || null,
            violation: input.violation.trim(),
            violatedProvision: input.violatedProvision.trim(),
            penaltyProvision: input.penaltyProvision.trim(),
          });
          return tx.enforcementCase.findUniqueOrThrow({ ...query, where: { id: c.id } });
        }),
    }),
    assignOfficers: t.prismaField({
      type: 'EnforcementCase',
      description: '指派承办人员（替换现有指派；至少两名持有效执法证的执法人员）Assign officers, replacing the current ones',
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
      description: '推进案件阶段（本案承办人员；决定须通过 decideCase）Move a case to its next stage (assigned officers)',
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
      description: '作出处理决定（普通程序：法制审核后由负责人决定；简易程序：承办人员当场决定）Decide a case: the agency head after legal review, or an assigned officer in the simple procedure',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => caseActorScope(args.caseId, ctx, 'decide'),
      args: {
        caseId: t.arg.globalID({ required: true, description: '案件 Case' }),
        input: t.arg({ type: DecideCaseInput, required: true }),
      },
      resolve: (query, _root, { caseId: gid, input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const id = parseId(gid, 'EnforcementCase', ['caseId']);
          await decideCaseInTx(uow, id, {
            decision: input.decision,
            fineFen: input.fineFen ?? null,
            confiscationFen: input.confiscationFen ?? null,
          });
          return tx.enforcementCase.findUniqueOrThrow({ ...query, where: { id } });
        }),
    }),
  }));
  return EnforcementCaseRef;
}

function casesWhere(
  v: Viewer,
  args: { agencyId?: GlobalId | null; enterpriseId?: GlobalId | null; stage?: CaseStage | null },
): Prisma.EnforcementCaseWhereInput {
  const rows = caseFilter(v);
  // A signed-in caller with no case rights at all (a survey organisation) is refused, not shown an empty list.
  if (!rows) throw new ForbiddenError({ zh: '无权查看案件', en: 'Not allowed to read cases' });
  return {
    AND: [
      rows,
      args.agencyId ? { agencyId: parseId(args.agencyId, 'Agency', ['agencyId']) } : {},
      args.enterpriseId ? { enterpriseId: parseId(args.enterpriseId, 'Enterprise', ['enterpriseId']) } : {},
      args.stage ? { stage: args.stage } : {},
    ],
  };
}
