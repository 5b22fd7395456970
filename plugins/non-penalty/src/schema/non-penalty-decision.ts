// NonPenaltyDecision: the type, and its fields on cases (the decision, the mandatory item covering the
// case's matter) and on enterprises. A decision is seen by whoever may read its case (access.ts:
// decisionRule, applied by the framework). Evaluating is non-penalty-evaluation.ts; granting, grant-non-penalty.ts.
import { nodeRowId, type Context, type ZhifaBuilder } from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import type { ListItem } from '@zhifa/core/prisma';
import { mandatoryItemsCovering } from '../guard.js';
import { evaluationFromJson, factsFromJson, itemKindFromColumn } from '../stored.js';
import { decisionRule } from '../access.js';
import type { NonPenaltyListRefs } from './non-penalty-list.js';
import type { NonPenaltyEvaluationRefs } from './non-penalty-evaluation.js';

export function registerNonPenaltyDecision(
  builder: ZhifaBuilder,
  refs: NonPenaltyListRefs,
  { EvaluationRef, FactsRef }: NonPenaltyEvaluationRefs,
) {
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
    rowRule: decisionRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      case: t.relation('case', { description: '案件 The case' }),
      item: t.relation('item', {
        type: refs.item,
        description: '所依据的清单事项 The list item relied on',
        rowRuleImplied: 'a decision relies on an item of a published version, and published versions stay public',
      }),
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
      query: { orderBy: { id: 'desc' as const } },
    }),
  );

  return DecisionRef;
}
