// The case mutations: 立案 (openCase), 指派 (assignOfficers), 推进 (advanceCase), 决定 (decideCase), and
// their input types. Each is a unit of work over a service in cases/; the case-level ones share their
// shape (caseMutation: the case-actor scope on caseId, refusing before any input is checked). The
// EnforcementCase type and its queries are schema/case.ts.
import type { ZhifaBuilder } from '../builder.js';
import { domainErrors } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { parseId, parseOptionalId, tryParseId } from '../ids.js';
import { requiredText as text } from '../validation.js';
import { textKind } from '../input/text.js';
import {
  advanceCaseInTx,
  assignOfficersInTx,
  decideCaseInTx,
  openCaseInTx,
  type OpenCaseData,
} from '../cases/index.js';
import type { CaseProcedure } from '../generated/prisma/enums.js';
import type { GlobalId } from '../ids.js';
import type { CoreEnums } from './enums.js';
import { caseIdArg, caseMutation, inCaseUnit } from './case-scopes.js';
import type { PenaltyInputRef } from './penalty-input.js';

const MULTILINE = textKind('multiline');

/** OpenCaseInput as the resolver receives it. */
export interface OpenCaseInputShape {
  agencyId: GlobalId;
  matterId: GlobalId;
  enterpriseId?: GlobalId | null;
  partyDescription?: string | null;
  violationOn: Date;
  facts?: string | null;
  procedure?: CaseProcedure | null;
  serious?: boolean | null;
  discoveredOn?: Date | null;
  endangersSafety?: boolean | null;
  harmFollowed?: boolean | null;
}

/**
 * OpenCaseInput as openCaseInTx's data: ids parsed (refusals name `argument`'s fields), texts trimmed, defaults
 * applied. Core's openCase and a plugin that opens a case by its own route (a case opened after an invited visit)
 * read the input the same way.
 */
export function openCaseData(input: OpenCaseInputShape, argument = 'input'): OpenCaseData {
  return {
    agencyId: parseId(input.agencyId, 'Agency', [argument, 'agencyId']),
    matterId: parseId(input.matterId, 'EnforcementMatter', [argument, 'matterId']),
    enterpriseId: parseOptionalId(input.enterpriseId, 'Enterprise', [argument, 'enterpriseId']),
    partyDescription: input.partyDescription?.trim() || null,
    violationOn: input.violationOn,
    facts: input.facts?.trim() || null,
    procedure: input.procedure ?? 'GENERAL',
    serious: input.serious ?? false,
    discoveredOn: input.discoveredOn ?? null,
    endangersSafety: input.endangersSafety ?? null,
    harmFollowed: input.harmFollowed ?? null,
  };
}

export function registerCaseMutations(builder: ZhifaBuilder, enums: CoreEnums, PenaltyInput: PenaltyInputRef) {
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
      discoveredOn: t.field({
        type: 'Date',
        required: false,
        description:
          '发现违法行为之日（第36条：时效计至发现；缺省为立案日）Day the agency discovered it; default the registration day',
      }),
      endangersSafety: t.boolean({
        required: false,
        description:
          '危及公民生命健康安全、金融安全（第36条；缺省按事项的时效）Endangered life, health or financial safety; default: the matter’s limitation',
      }),
      harmFollowed: t.boolean({
        required: false,
        description:
          '有危害后果（第36条：与上项同时成立时时效五年）Harmful consequences followed; with the above, five years',
      }),
    }),
  });

  const DecideCaseInput = builder.inputType('DecideCaseInput', {
    description: '处理决定 A decision on a case',
    fields: (t) => ({
      decision: t.field({ type: enums.CaseDecision, required: true, description: '决定 Decision' }),
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
      aggravatingFactor: t.string({
        required: false,
        extensions: MULTILINE,
        description:
          '从重情形（予以处罚且罚款在裁量基准从重档时必填，第34条）Aggravating circumstance: a PENALTY in the heavier tier of the benchmark',
        validate: text(2000, '从重情形', 'aggravating circumstance'),
      }),
      transferredTo: t.string({
        required: false,
        description: '接收的司法机关（移送司法机关必填，第27条）Receiving judicial body (TRANSFERRED)',
        validate: text(200, '接收机关', 'receiving body'),
      }),
      transferDocumentNumber: t.string({
        required: false,
        description: '移送书文号（移送司法机关必填）Transfer document number (TRANSFERRED)',
        validate: text(100, '移送书文号', 'transfer document number'),
      }),
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
        const c = await unitOfWork(ctx, (uow) => openCaseInTx(uow, openCaseData(input)));
        // Read after commit: the agency's 立案 sequence row stays locked until the unit of work ends,
        // and every other openCase of the agency waits for it; the answer needs no lock.
        return ctx.prisma.enforcementCase.findUniqueOrThrow({ ...query, where: { id: c.id } });
      },
    }),
    assignOfficers: t.prismaField({
      type: 'EnforcementCase',
      ...caseMutation(
        'assign',
        '指派承办人员（替换现有指派；至少两名持有效执法证的执法人员）Assign officers, replacing the current ones',
      ),
      args: {
        caseId: caseIdArg(t),
        personIds: t.arg.globalIDList({ required: true, description: '承办人员 Officers' }),
      },
      resolve: (query, _root, args, ctx) =>
        inCaseUnit(ctx, args.caseId, async (uow, id) => {
          const personIds = args.personIds.map((p, i) => parseId(p, 'Person', ['personIds', i]));
          await assignOfficersInTx(uow, id, personIds);
          return uow.tx.enforcementCase.findUniqueOrThrow({ ...query, where: { id } });
        }),
    }),
    advanceCase: t.prismaField({
      type: 'EnforcementCase',
      ...caseMutation(
        'act',
        '推进案件阶段（本案承办人员；决定须通过 decideCase）Move a case to its next stage (assigned officers)',
      ),
      args: {
        caseId: caseIdArg(t),
        to: t.arg({ type: enums.CaseStage, required: true, description: '目标阶段 Stage to move to' }),
      },
      resolve: (query, _root, args, ctx) =>
        inCaseUnit(ctx, args.caseId, async (uow, id) => {
          await advanceCaseInTx(uow, id, args.to);
          return uow.tx.enforcementCase.findUniqueOrThrow({ ...query, where: { id } });
        }),
    }),
    decideCase: t.prismaField({
      type: 'EnforcementCase',
      ...caseMutation(
        'decide',
        '作出处理决定（普通程序：法制审核后由负责人决定；简易程序：承办人员当场决定；编决定书文号）Decide a case: the agency head after legal review, or an assigned officer in the simple procedure; numbers the decision document',
      ),
      args: { caseId: caseIdArg(t), input: t.arg({ type: DecideCaseInput, required: true }) },
      resolve: async (query, _root, { caseId, input }, ctx) => {
        const decided = await inCaseUnit(ctx, caseId, (uow, id) =>
          decideCaseInTx(uow, id, {
            decision: input.decision,
            penalties: (input.penalties ?? []).map((p) => ({ kind: p.kind, amountFen: p.amountFen ?? null })),
            ground: input.ground ?? null,
            groundNote: input.groundNote?.trim() || null,
            mitigatingCircumstance: input.mitigatingCircumstance?.trim() || null,
            illegalGainsFen: input.illegalGainsFen ?? null,
            reason: input.reason?.trim() || null,
            aggravatingFactor: input.aggravatingFactor?.trim() || null,
            transferredTo: input.transferredTo?.trim() || null,
            transferDocumentNumber: input.transferDocumentNumber?.trim() || null,
          }),
        );
        // Read after commit, as openCase: the decision-document sequence row is held until then.
        return ctx.prisma.enforcementCase.findUniqueOrThrow({ ...query, where: { id: decided.id } });
      },
    }),
  }));
  return { OpenCaseInput };
}
