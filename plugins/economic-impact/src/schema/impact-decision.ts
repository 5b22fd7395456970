// ImpactDecision 决定与评估: what a decision of an enterprise case relied on (county plan task 7), written by the guard
// in the deciding transaction — whether an assessment was required, the head's exemption, the approved revision, the
// 分期 / 延期缴纳 terms the decision carries (行政处罚法 第66条). Read with its case (`EnforcementCase.impactDecision`):
// the enterprise reads it too (its payment terms); whether the penalties moved after the assessment is staff's.
import type { ZhifaBuilder } from '@zhifa/core';
import type { ImpactDecision } from '@zhifa/core/prisma';
import { decisionRule, staffOnly } from '../access.js';
import type { PaymentTerms } from '../rules/reliance.js';
import type { ImpactEnums } from './enums.js';

export function registerImpactDecision(builder: ZhifaBuilder, enums: ImpactEnums) {
  const TermsRef = builder.objectRef<PaymentTerms>('ImpactPaymentTerms').implement({
    description: '分期或延期缴纳罚款（行政处罚法第66条）Instalment or deferred payment of the fine (art. 66)',
    fields: (t) => ({
      kind: t.expose('kind', { type: enums.ImpactMitigationKind, description: '分期 / 延期 Instalments or deferral' }),
      text: t.exposeString('text', { description: '内容 The terms as offered' }),
      instalments: t.exposeInt('instalments', { nullable: true, description: '分期期数 Number of instalments' }),
      dueOn: t.field({
        type: 'Date',
        nullable: true,
        description: '最后一期或延期至之日 The last instalment’s day, or the day payment is deferred to',
        resolve: (p) => (p.dueOn ? new Date(`${p.dueOn}T00:00:00Z`) : null),
      }),
    }),
  });

  const DecisionRef = builder.prismaObject('ImpactDecision', {
    description:
      '决定所依据的经济影响评估（县实施方案任务7）What the decision relied on: the economic impact assessment (plan task 7)',
    rowRule: decisionRule,
    fields: (t) => ({
      required: t.exposeBoolean('required', { description: '决定时是否须评估 Whether an assessment was required' }),
      exempt: t.exposeBoolean('exempt', { description: '经机关负责人批准免于评估 Exempt by the agency head' }),
      assessmentRevision: t.int({
        nullable: true,
        description: '所依据的已批准评估版本；无须评估或免于评估时为空 The approved revision relied on',
        select: { assessment: { select: { revision: true } } },
        resolve: (d) => d.assessment?.revision ?? null,
      }),
      assessment: t.relation('assessment', {
        nullable: true,
        description:
          '所依据的已批准评估（企业可见其已批准评估及缓解措施）The approved revision relied on (the enterprise sees its approved revisions and their mitigations)',
      }),
      penaltiesChanged: t.boolean({
        nullable: true,
        authScopes: staffOnly,
        description:
          '决定的处罚是否不同于评估时的拟处罚（工作人员）The penalties decided differ from those assessed (staff)',
        resolve: (d) => d.penaltiesChanged,
      }),
      paymentTerms: t.field({
        type: TermsRef,
        nullable: true,
        description: '决定载明的分期或延期缴纳 The instalment or deferral terms the decision carries',
        resolve: (d) => paymentTermsOf(d.paymentTerms),
      }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', description: '决定时间 When decided' }),
    }),
  });

  builder.prismaObjectFields('EnforcementCase', (t) => ({
    impactDecision: t.field({
      type: DecisionRef,
      nullable: true,
      description:
        '本案决定所依据的经济影响评估（涉企案件，决定后）What the decision relied on (an enterprise case, once decided)',
      // The case's one row, loaded with the case (a list relation only because ImpactDecision is keyed by caseId).
      rowRuleImplied: 'a decision record is read with its case (rowsThrough case): visible whenever the case is',
      select: (_args, _ctx, nestedSelection) => ({ impactDecisions: nestedSelection({ take: 1 }) }),
      resolve: (c) => c.impactDecisions[0] ?? null,
    }),
  }));
}

/** The stored terms (guard.ts writes them from rules/reliance.ts PaymentTerms). */
function paymentTermsOf(stored: ImpactDecision['paymentTerms']): PaymentTerms | null {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return null;
  if (stored.kind !== 'INSTALMENT' && stored.kind !== 'DEFERRAL') return null;
  return {
    kind: stored.kind,
    text: typeof stored.text === 'string' ? stored.text : '',
    instalments: typeof stored.instalments === 'number' ? stored.instalments : null,
    dueOn: typeof stored.dueOn === 'string' ? stored.dueOn : null,
  };
}
