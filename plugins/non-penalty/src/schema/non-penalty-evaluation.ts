// Evaluating a non-penalty item against a case (不写入): the evaluation's types, the facts an officer
// states (NonPenaltyFactsInput, also the grant's), and the evaluateNonPenalty query. Who may evaluate
// (access.ts canEvaluate: officers of the case's agency, supervisors) is the query's scope, answered
// before its input is checked.
import {
  asIfUnknown,
  ForbiddenError,
  parseId,
  tryParseId,
  type Context,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { canReadCase, sudo } from '@zhifa/core/auth';
import { caseNotFound } from '@zhifa/core/cases';
import {
  assertItemApplies,
  assertListAppliesToCase,
  assertUndecided,
  checkFacts,
  evaluateForCase,
  loadItemInForce,
  type CaseEvaluation,
} from '../evaluation.js';
import type { ConditionResult, NonPenaltyFacts } from '../rules.js';
import { canEvaluate } from '../access.js';
import { nonPenaltySettings } from '../settings.js';
import type { NonPenaltyListRefs } from './non-penalty-list.js';

/**
 * Scope of evaluateNonPenalty: officers of the case's agency and supervisors. A case the caller may not
 * see answers exactly as an unknown one (core's asIfUnknown: NotFoundError, the public
 * UnauthenticatedError), so no answer tells which case ids exist; a signed-in caller who sees the case
 * but may not evaluate it (the party) gets a ForbiddenError saying who may.
 */
async function evaluatorScope(gid: GlobalId, ctx: Context) {
  const id = tryParseId(gid, 'EnforcementCase');
  if (id === null) return { authenticated: true };
  const c = await ctx.prisma.enforcementCase.findUnique({
    where: { id },
    select: { agencyId: true, enterpriseId: true },
  });
  if (!c || !canReadCase(ctx.viewer, c)) return asIfUnknown(ctx, () => caseNotFound(id));
  if (canEvaluate(ctx.viewer, c)) return true;
  if (ctx.viewer.kind === 'public') return false;
  throw new ForbiddenError({
    zh: '只有本案承办单位的执法人员或监督人员可以核验',
    en: "Only officers of the case's agency or supervisors may evaluate it",
  });
}

export function registerNonPenaltyEvaluation(builder: ZhifaBuilder, refs: NonPenaltyListRefs) {
  const StatusEnum = builder.enumType('NonPenaltyConditionStatus', {
    description: '条件核验结果 Result of one condition',
    values: {
      PASS: { description: '符合 Holds' },
      FAIL: { description: '不符合 Does not hold' },
      PENDING: { description: '待定（改正期限未届满）Pending: still within the correction deadline' },
    } as const,
  });

  const ConditionResultRef = builder.objectRef<ConditionResult>('NonPenaltyConditionResult').implement({
    description: '一项适用条件的核验结果 One condition, checked',
    fields: (t) => ({
      condition: t.field({ type: refs.ConditionEnum, description: '条件 Condition', resolve: (r) => r.code }),
      status: t.field({ type: StatusEnum, description: '结果 Result', resolve: (r) => r.status }),
      passed: t.exposeBoolean('passed', { description: '是否符合 Holds' }),
      reason: t.exposeString('reasonZh', { description: '理由（中文）Reason in Chinese' }),
      reasonEn: t.exposeString('reasonEn', { description: '理由（英文）Reason in English' }),
      priorCaseCount: t.int({
        description: '构成非初次违法的既往案件数 Earlier cases that defeat a first-offence claim',
        resolve: (r) => r.priorCaseIds?.length ?? 0,
      }),
    }),
  });

  const EvaluationRef = builder.objectRef<CaseEvaluation>('NonPenaltyEvaluation').implement({
    description: '不予处罚适用条件核验 Evaluation of a non-penalty item against a case',
    fields: (t) => ({
      eligible: t.exposeBoolean('eligible', { description: '全部条件符合，可以不予处罚 Every condition holds' }),
      itemKind: t.field({ type: refs.ItemKindEnum, description: '适用类型 Kind', resolve: (e) => e.itemKind }),
      conditions: t.field({
        type: [ConditionResultRef],
        description: '各项条件 Each condition',
        resolve: (e) => e.conditions,
      }),
      correctionDeadline: t.field({
        type: 'Date',
        nullable: true,
        description: '改正期限（最后一日）Last day to correct; null when no correction was ordered',
        resolve: (e) => e.correctionDeadline,
      }),
      lookbackFrom: t.field({
        type: 'Date',
        description: '首违核查起始日 First day of the first-offence look-back',
        resolve: (e) => e.lookbackFrom,
      }),
      lookbackUntil: t.field({
        type: 'Date',
        description:
          '首违核查截止日：本案违法行为发生日（未知时为立案日）Last day of the look-back: the day of the case’s violation (its registration day when unknown)',
        resolve: (e) => e.lookbackUntil,
      }),
      lookbackYears: t.exposeInt('lookbackYears', { description: '首违核查年限 Look-back in years' }),
      creditCheckRequired: t.boolean({
        nullable: true,
        description:
          '决定前须查询国家企业信用信息公示系统（企业当事人适用首违不罚）；早先保存的核验为空 The grant needs the national enterprise credit-information system checked (enterprise party, first offence); null on evaluations stored before this was asked',
        resolve: (e) => e.creditCheckRequired,
      }),
      evaluatedAt: t.field({ type: 'DateTime', description: '核验时间 When evaluated', resolve: (e) => e.evaluatedAt }),
    }),
  });

  const FactsRef = builder.objectRef<NonPenaltyFacts>('NonPenaltyFacts').implement({
    description: '执法人员认定的事实 Facts the officer established',
    fields: (t) => ({
      minorViolation: t.boolean({
        nullable: true,
        description: '违法行为轻微 Minor violation',
        resolve: (f) => f.minorViolation ?? null,
      }),
      noHarm: t.boolean({ nullable: true, description: '没有造成危害后果 No harm', resolve: (f) => f.noHarm ?? null }),
      minorHarm: t.boolean({
        nullable: true,
        description: '危害后果轻微 Minor harm',
        resolve: (f) => f.minorHarm ?? null,
      }),
      noSubjectiveFault: t.boolean({
        nullable: true,
        description: '没有主观过错 No subjective fault',
        resolve: (f) => f.noSubjectiveFault ?? null,
      }),
      correctionOrderedOn: t.field({
        type: 'Date',
        nullable: true,
        description: '责令改正日期 Correction ordered on',
        resolve: (f) => f.correctionOrderedOn ?? null,
      }),
      correctedOn: t.field({
        type: 'Date',
        nullable: true,
        description: '改正日期 Corrected on',
        resolve: (f) => f.correctedOn ?? null,
      }),
      officerVerifiedFirstOffence: t.boolean({
        nullable: true,
        description: '执法人员已核查初次违法（不具名自然人）Officer verified first offence (unnamed natural person)',
        resolve: (f) => f.officerVerifiedFirstOffence ?? null,
      }),
    }),
  });

  const FactsInput = builder.inputType('NonPenaltyFactsInput', {
    description: '执法人员认定的事实（未填写视为未认定）Facts the officer established; an unstated fact does not hold',
    fields: (t) => ({
      minorViolation: t.boolean({ required: false, description: '违法行为轻微 The violation is minor' }),
      noHarm: t.boolean({ required: false, description: '没有造成危害后果 No harmful consequence' }),
      minorHarm: t.boolean({ required: false, description: '危害后果轻微 The harm is minor' }),
      noSubjectiveFault: t.boolean({
        required: false,
        description: '当事人有证据足以证明没有主观过错 The party proved it had no fault',
      }),
      correctionOrderedOn: t.field({
        type: 'Date',
        required: false,
        description: '责令改正日期 Day correction was ordered',
      }),
      correctedOn: t.field({
        type: 'Date',
        required: false,
        description: '改正完成日期（尚未改正则不填）Day corrected; omit if not yet',
      }),
      officerVerifiedFirstOffence: t.boolean({
        required: false,
        description:
          '仅限不具名自然人：执法人员已核查初次违法 Unnamed natural person only: the officer verified it is a first offence',
      }),
    }),
  });

  builder.queryField('evaluateNonPenalty', (t) =>
    t.field({
      type: EvaluationRef,
      description:
        '核验案件能否适用不予处罚事项（不写入）；限本案单位执法人员及监督人员 Check a non-penalty item against a case, writing nothing (officers of the case’s agency, supervisors)',
      authScopes: (_root, args, ctx) => evaluatorScope(args.caseId, ctx),
      args: {
        caseId: t.arg.globalID({ required: true, description: '案件 Case' }),
        itemId: t.arg.globalID({ required: true, description: '不予处罚清单事项 Non-penalty list item' }),
        facts: t.arg({ type: FactsInput, required: true, description: '认定的事实 Facts' }),
      },
      resolve: async (_root, args, ctx) => {
        const now = ctx.clock();
        const caseId = parseId(args.caseId, 'EnforcementCase', ['caseId']);
        const itemId = parseId(args.itemId, 'NonPenaltyListItem', ['itemId']);
        checkFacts(args.facts, now);
        // Beyond the viewer's rows on purpose: 首违 counts the party's earlier cases in every agency.
        // Nothing read here is returned as rows; authority is the scope's (canEvaluate).
        const db = sudo(ctx);
        const c = await db.enforcementCase.findUnique({ where: { id: caseId } });
        if (!c) throw caseNotFound(caseId);
        assertUndecided(c);
        const loaded = await loadItemInForce(db, ctx.viewer, itemId, now);
        await assertListAppliesToCase(db, c, loaded.list);
        await assertItemApplies(db, c, loaded);
        const { firstOffenceLookbackYears } = ctx.settings.get(nonPenaltySettings);
        return evaluateForCase(db, c, loaded, args.facts, firstOffenceLookbackYears, now);
      },
    }),
  );

  return { EvaluationRef, FactsRef, FactsInput };
}

export type NonPenaltyEvaluationRefs = ReturnType<typeof registerNonPenaltyEvaluation>;
