// NonPenaltyDecision: the evaluation query, the grant mutation, and the fields on cases and enterprises.
// A decision is seen by whoever may read its case (access.ts: decisionFilter / canReadDecision).
import { z } from 'zod';
import {
  domainErrors,
  ForbiddenError,
  msg,
  nodeRowId,
  NotFoundError,
  parseId,
  unitOfWork,
  type Context,
  type ZhifaBuilder,
} from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import type { ListItem } from '@zhifa/core/prisma';
import {
  assertItemApplies,
  assertListAppliesToCase,
  assertUndecided,
  checkFacts,
  evaluateForCase,
  loadItemInForce,
  type CaseEvaluation,
} from '../evaluation.js';
import { grantNonPenaltyInTx } from '../grant.js';
import { mandatoryItemsCovering } from '../guard.js';
import type { ConditionResult, NonPenaltyFacts } from '../rules.js';
import { evaluationFromJson, factsFromJson, itemKindFromColumn } from '../stored.js';
import { canEvaluate, canReadDecision, decisionFilter } from '../access.js';
import { nonPenaltySettings } from '../settings.js';
import type { NonPenaltyListRefs } from './non-penalty-list.js';

const text = (max: number, zh: string, en: string) =>
  z
    .string()
    .trim()
    .min(1, msg(`${zh}不能为空`, `${en} must not be empty`))
    .max(max, msg(`${zh}过长（上限 ${max} 字）`, `${en} is too long (at most ${max})`));

export function registerNonPenaltyDecision(builder: ZhifaBuilder, refs: NonPenaltyListRefs) {
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

  const CorrectionOrderRef = builder
    .objectRef<{ content: string; orderedOn: Date; deadline: Date; correctedOn: Date | null }>(
      'NonPenaltyCorrectionOrder',
    )
    .implement({
      description: '责令改正 Correction order',
      fields: (t) => ({
        content: t.exposeString('content', { description: '改正内容 What must be corrected' }),
        orderedOn: t.field({ type: 'Date', description: '责令改正日期 Ordered on', resolve: (o) => o.orderedOn }),
        deadline: t.field({
          type: 'Date',
          description: '改正期限（最后一日）Last day to correct',
          resolve: (o) => o.deadline,
        }),
        correctedOn: t.field({
          type: 'Date',
          nullable: true,
          description: '改正日期 Corrected on',
          resolve: (o) => o.correctedOn,
        }),
      }),
    });

  const DecisionRef = builder.prismaNode('NonPenaltyDecision', {
    id: { field: 'id' },
    nullable: true,
    description:
      '不予处罚决定（可查看该案件者可见）A no-penalty decision made under a non-penalty list item (visible with its case)',
    authScopes: (d, ctx) => canReadDecision(ctx.viewer, d),
    findUnique: (id, ctx) => ({ id: nodeRowId(id), AND: [decisionFilter(ctx.viewer)] }),
    fields: (t) => ({
      case: t.relation('case', { description: '案件 The case' }),
      item: t.relation('item', { type: refs.item, description: '所依据的清单事项 The list item relied on' }),
      list: t.relation('list', { type: refs.list, description: '所依据的清单版本 The list version relied on' }),
      listVersion: t.exposeInt('listVersion', { description: '清单版本号 List version number' }),
      agency: t.relation('agency', { description: '办案单位 Agency' }),
      enterprise: t.relation('enterprise', { nullable: true, description: '受益企业 Enterprise that benefited' }),
      domain: t.exposeString('domain', { description: '监管领域 Domain' }),
      itemKind: t.field({
        type: refs.ItemKindEnum,
        description: '适用类型 Kind',
        resolve: (d) => itemKindFromColumn(d.itemKind),
      }),
      facts: t.field({
        type: FactsRef,
        description: '认定的事实 Facts established',
        resolve: (d) => factsFromJson(d.facts),
      }),
      evaluation: t.field({
        type: EvaluationRef,
        description: '决定时的条件核验 The evaluation at decision time',
        resolve: (d) => evaluationFromJson(d.evaluation),
      }),
      correctionOrder: t.field({
        type: CorrectionOrderRef,
        description: '责令改正 Correction order',
        resolve: (d) => ({
          content: d.correctionContent,
          orderedOn: d.correctionOrderedOn,
          deadline: d.correctionDeadline,
          correctedOn: d.correctedOn,
        }),
      }),
      education: t.exposeString('education', { description: '批评教育记录 Education given (批评教育)' }),
      creditSystemChecked: t.exposeBoolean('creditSystemChecked', {
        description:
          '是否已查询国家企业信用信息公示系统 Whether the national enterprise credit-information system was checked',
      }),
      creditSystemCheckedOn: t.expose('creditSystemCheckedOn', {
        type: 'Date',
        nullable: true,
        description: '查询日期 Day it was checked',
      }),
      fineNotImposedFen: t.expose('fineNotImposedFen', {
        type: 'Fen',
        nullable: true,
        description: '未处罚款（分）：按处罚依据本应处的罚款，未知时为空 Fine not imposed, in fen; null when unknown',
      }),
      decidedBy: t.string({
        description:
          '决定人（工作人员可见账号，其他人只见类别）Who decided: the account for staff, its kind for others',
        resolve: (d, _a, ctx) => actorShownTo(ctx.viewer, d.decidedBy),
      }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', description: '决定时间 Decided at' }),
    }),
  });

  builder.prismaObjectField('EnforcementCase', 'nonPenaltyDecision', (t) =>
    t.relation('nonPenaltyDecision', {
      nullable: true,
      description: '不予处罚决定（如有）The no-penalty decision, if any',
    }),
  );

  // Batched: every case of a page in four statements (guard.ts mandatoryItemsCovering).
  builder.prismaObjectField('EnforcementCase', 'mandatoryNonPenaltyItem', (t) =>
    t.loadable({
      type: refs.item,
      nullable: true,
      description:
        '涵盖本案执法事项的现行“不予处罚”（应当）事项：予以处罚须写明不适用的理由（行政处罚法第33条）；无则为空 The in-force mandatory non-penalty item covering the case’s matter: penalising needs a stated reason (art. 33); null when none',
      load: async (keys: string[], ctx: Context) => {
        const cases = keys.map((k) => {
          const [agencyId, matterId] = k.split(':').map(Number);
          return { agencyId, matterId: matterId || null };
        });
        // One object per item, however many cases it covers: nested fields then load it once.
        const shared = new Map<number, ListItem>();
        return (await mandatoryItemsCovering(ctx.prisma, cases, ctx.clock())).map((c) => {
          if (!c) return null;
          if (!shared.has(c.item.id)) shared.set(c.item.id, c.item);
          return shared.get(c.item.id)!;
        });
      },
      resolve: (c) => `${c.agencyId}:${c.matterId ?? 0}`,
    }),
  );

  builder.prismaObjectField('Enterprise', 'nonPenaltyDecisions', (t) =>
    t.relatedConnection('nonPenaltyDecisions', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      authScopes: { authenticated: true },
      description:
        '该企业获得的不予处罚决定（仅限有权查看其案件的）No-penalty decisions for this enterprise the caller may read',
      query: (_args, ctx) => ({ where: decisionFilter(ctx.viewer), orderBy: { id: 'desc' as const } }),
    }),
  );

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

  const CorrectionOrderInput = builder.inputType('NonPenaltyCorrectionOrderInput', {
    description: '责令改正（期限按事项的改正期限计算）Correction order; the deadline follows the item’s days',
    fields: (t) => ({
      content: t.string({
        required: true,
        description: '改正内容 What must be corrected',
        extensions: textKind('multiline'),
        validate: text(2000, '改正内容', 'content'),
      }),
      orderedOn: t.field({ type: 'Date', required: true, description: '责令改正日期 Ordered on' }),
    }),
  });

  const CreditCheckInput = builder.inputType('NonPenaltyCreditCheckInput', {
    description:
      '国家企业信用信息公示系统查询（企业当事人适用首违不罚时必填，查询日不早于违法行为发生日）Check of the national enterprise credit-information system; required for an enterprise party’s first offence, on or after the day of the violation',
    fields: (t) => ({
      checked: t.boolean({ required: true, description: '已查询 Checked' }),
      checkedOn: t.field({
        type: 'Date',
        required: false,
        description: '查询日期（已查询时必填）Day checked; required when checked',
      }),
    }),
  });

  async function loadCase(ctx: Context, caseId: number) {
    const c = await ctx.prisma.enforcementCase.findUnique({ where: { id: caseId } });
    if (!c) throw new NotFoundError('EnforcementCase', String(caseId), { zh: '案件', en: 'Case' });
    return c;
  }

  builder.queryField('evaluateNonPenalty', (t) =>
    t.field({
      type: EvaluationRef,
      description:
        '核验案件能否适用不予处罚事项（不写入）；限本案单位执法人员及监督人员 Check a non-penalty item against a case, writing nothing (officers of the case’s agency, supervisors)',
      authScopes: { authenticated: true },
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
        const c = await loadCase(ctx, caseId);
        if (!canEvaluate(ctx.viewer, c))
          throw new ForbiddenError({
            zh: '只有本案承办单位的执法人员或监督人员可以核验',
            en: "Only officers of the case's agency or supervisors may evaluate it",
          });
        assertUndecided(c);
        const loaded = await loadItemInForce(ctx.prisma, ctx.viewer, itemId, now);
        await assertListAppliesToCase(ctx.prisma, c, loaded.list);
        await assertItemApplies(ctx.prisma, c, loaded);
        const { firstOffenceLookbackYears } = ctx.settings.get(nonPenaltySettings);
        return evaluateForCase(ctx.prisma, c, loaded, args.facts, firstOffenceLookbackYears, now);
      },
    }),
  );

  builder.mutationField('grantNonPenalty', (t) =>
    t.prismaField({
      type: 'NonPenaltyDecision',
      description:
        '依不予处罚清单事项作出不予处罚决定（须法制审核后、全部条件符合；本案单位执法人员）Decide a case as no penalty under a list item: after legal review, only when every condition holds (officers of the case’s agency)',
      errors: { types: domainErrors },
      authScopes: { authenticated: true },
      args: {
        caseId: t.arg.globalID({ required: true, description: '案件 Case' }),
        itemId: t.arg.globalID({ required: true, description: '不予处罚清单事项 Non-penalty list item' }),
        facts: t.arg({ type: FactsInput, required: true, description: '认定的事实 Facts' }),
        correctionOrder: t.arg({
          type: CorrectionOrderInput,
          required: true,
          description: '责令改正 Correction order',
        }),
        education: t.arg.string({
          required: true,
          extensions: textKind('multiline'),
          description: '批评教育记录 Record of the education given',
          validate: text(2000, '批评教育记录', 'education'),
        }),
        creditCheck: t.arg({
          type: CreditCheckInput,
          required: false,
          description: '国家企业信用信息公示系统查询 Credit-information system check (企业首违不罚 required)',
        }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const caseId = parseId(args.caseId, 'EnforcementCase', ['caseId']);
          const itemId = parseId(args.itemId, 'NonPenaltyListItem', ['itemId']);
          const record = await grantNonPenaltyInTx(uow, {
            caseId,
            itemId,
            facts: args.facts,
            correctionOrder: {
              content: args.correctionOrder.content.trim(),
              orderedOn: args.correctionOrder.orderedOn,
            },
            education: args.education.trim(),
            creditCheck: args.creditCheck
              ? { checked: args.creditCheck.checked, checkedOn: args.creditCheck.checkedOn ?? null }
              : null,
          });
          return uow.tx.nonPenaltyDecision.findUniqueOrThrow({ ...query, where: { id: record.id } });
        }),
    }),
  );
  return DecisionRef;
}
