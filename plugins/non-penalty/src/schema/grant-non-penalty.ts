// grantNonPenalty: deciding a case as no penalty under a list item (grant.ts), with its inputs (the
// correction order, the credit-system check). A case-level mutation like core's: the case-actor scope
// for deciding, then the input.
import {
  caseActorScope,
  caseIdArg,
  domainErrors,
  inCaseUnit,
  parseId,
  requiredText as text,
  type ZhifaBuilder,
} from '@zhifa/core';
import { textKind } from '@zhifa/core/input';
import { grantNonPenaltyInTx } from '../grant.js';
import type { NonPenaltyEvaluationRefs } from './non-penalty-evaluation.js';

export function registerGrantNonPenalty(builder: ZhifaBuilder, evaluation: NonPenaltyEvaluationRefs) {
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

  builder.mutationField('grantNonPenalty', (t) =>
    t.prismaField({
      type: 'NonPenaltyDecision',
      description:
        '依不予处罚清单事项作出不予处罚决定（须法制审核后、全部条件符合；本案单位执法人员）Decide a case as no penalty under a list item: after legal review, only when every condition holds (officers of the case’s agency)',
      errors: { types: domainErrors },
      // Granting decides the case: whoever may decide it (the agency head in the general procedure, 第57条),
      // answered before any input is checked; grantNonPenaltyInTx asks again against the locked case.
      authScopes: (_root, args, ctx) => caseActorScope(args.caseId, ctx, 'decide'),
      args: {
        caseId: caseIdArg(t),
        itemId: t.arg.globalID({ required: true, description: '不予处罚清单事项 Non-penalty list item' }),
        facts: t.arg({ type: evaluation.FactsInput, required: true, description: '认定的事实 Facts' }),
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
        inCaseUnit(ctx, args.caseId, async (uow, caseId) => {
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
}
