// ImpactExemption 免于评估: the agency head records that a case is not assessed — 存在重大风险隐患, 制假售假, 危害人身安全
// (county plan task 7: the economic effect does not weigh against these) — with the reason, before the decision; one
// per case, withdrawn by the head while the case is undecided. `EnforcementCase.impactExemption` shows it to the
// agency's staff and supervisors.
import { caseActorScope, caseIdArg, domainErrors, inCaseUnit, requiredText, type ZhifaBuilder } from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import { exemptionRule, staffOnly } from '../access.js';
import { recordExemptionInTx, withdrawExemptionInTx } from '../exemptions.js';
import type { ImpactEnums } from './enums.js';

export function registerImpactExemption(builder: ZhifaBuilder, enums: ImpactEnums) {
  const ExemptionRef = builder.prismaObject('ImpactExemption', {
    description:
      '免于经济影响评估（机关负责人记录；本案单位工作人员和监督人员可见；县实施方案任务7）An exemption from the economic impact assessment, recorded by the agency head (staff of the case’s agency and supervisors; plan task 7)',
    rowRule: exemptionRule,
    fields: (t) => ({
      case: t.relation('case', {
        description: '案件 The case',
        rowRuleImplied: 'whoever sees an exemption is staff of its case’s agency or a supervisor, who see the case',
      }),
      ground: t.expose('ground', { type: enums.ImpactExemptionGround, description: '免于评估的情形 Ground' }),
      reason: t.exposeString('reason', { description: '理由 Reason' }),
      recordedBy: t.string({
        description: '记录人 Who recorded it',
        resolve: (e, _a, ctx) => actorShownTo(ctx.viewer, e.recordedBy),
      }),
      recordedAt: t.expose('recordedAt', { type: 'DateTime', description: '记录时间 When' }),
    }),
  });

  // Batched with the case list: one nested select per page of cases (at most one row: caseId is the exemption's key).
  builder.prismaObjectFields('EnforcementCase', (t) => ({
    impactExemption: t.field({
      type: ExemptionRef,
      nullable: true,
      authScopes: staffOnly,
      rowRuleImplied:
        'staff (staffOnly) who see the case (caseRule) are persons of its agency or supervisors: exactly exemptionRule',
      description:
        '免于经济影响评估（如有；本案单位工作人员和监督人员可见）The exemption from the assessment, if any (staff of the case’s agency and supervisors)',
      select: (_args, _ctx, nested) => ({ impactExemptions: nested({ take: 1 }) }),
      resolve: (c) => c.impactExemptions[0] ?? null,
    }),
  }));

  builder.mutationFields((t) => ({
    recordImpactExemption: t.prismaField({
      type: ExemptionRef,
      description:
        '记录免于经济影响评估（重大风险隐患、制假售假、危害人身安全；机关负责人；县实施方案任务7）Record that the case is exempt from the assessment (major risk, counterfeiting, personal safety; the agency head; plan task 7)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => caseActorScope(args.caseId, ctx, 'head'),
      args: {
        caseId: caseIdArg(t),
        ground: t.arg({ type: enums.ImpactExemptionGround, required: true, description: '情形 Ground' }),
        reason: t.arg.string({
          required: true,
          extensions: textKind('multiline'),
          description: '理由（事实和依据）Reason: the facts and their basis',
          validate: requiredText(2000, '免于评估理由', 'reason'),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        inCaseUnit(ctx, args.caseId, async (uow, caseId) => {
          await recordExemptionInTx(uow, caseId, { ground: args.ground, reason: args.reason });
          return uow.tx.impactExemption.findUniqueOrThrow({ ...query, where: { caseId } });
        }),
    }),
    withdrawImpactExemption: t.prismaField({
      type: 'EnforcementCase',
      description:
        '撤回免于经济影响评估（案件决定前；机关负责人）Withdraw the exemption, before the decision (the agency head)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => caseActorScope(args.caseId, ctx, 'head'),
      args: { caseId: caseIdArg(t) },
      resolve: (query, _root, args, ctx) =>
        inCaseUnit(ctx, args.caseId, async (uow, caseId) => {
          await withdrawExemptionInTx(uow, caseId);
          return uow.tx.enforcementCase.findUniqueOrThrow({ ...query, where: { id: caseId } });
        }),
    }),
  }));

  return ExemptionRef;
}
