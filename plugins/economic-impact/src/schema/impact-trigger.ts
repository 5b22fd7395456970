// ImpactTrigger 触发记录: why a case needs an economic impact assessment (county plan task 7), kept from the moment a
// trigger fired, with why in both languages. `EnforcementCase.impactAssessmentRequired` lists a case's triggers
// (newest first; the agency's staff and supervisors), `declareImpactRisk` records a risk an officer of the case
// declares (停产, 产业链/供应链中断, 舆情: facts the case record does not hold).
import {
  caseActorScope,
  caseIdArg,
  domainErrors,
  nodeRowId,
  parseId,
  requiredText,
  unitOfWork,
  ValidationError,
  type ZhifaBuilder,
} from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import { PenaltyKind } from '@zhifa/core/prisma';
import { staffOnly, triggerRule } from '../access.js';
import { DECLARED_KINDS, triggerReason, type DeclaredKind } from '../rules/triggers.js';
import { declareImpactRiskInTx } from '../triggers.js';
import type { ImpactEnums } from './enums.js';

export function registerImpactTrigger(builder: ZhifaBuilder, enums: ImpactEnums) {
  const TriggerRef = builder.prismaNode('ImpactTrigger', {
    id: { field: 'id' },
    description:
      '经济影响评估触发记录（自触发时起记录；本案单位工作人员和监督人员可见；县实施方案任务7）A trigger that makes the economic impact assessment required, kept from the moment it fired (staff of the case’s agency and supervisors; plan task 7)',
    rowRule: triggerRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      case: t.relation('case', {
        description: '案件 The case',
        rowRuleImplied: 'whoever sees a trigger is staff of its case’s agency or a supervisor, who see the case',
      }),
      kind: t.expose('kind', { type: enums.ImpactTriggerKind, description: '触发情形 What fired' }),
      source: t.expose('source', { type: enums.ImpactTriggerSource, description: '触发来源 From where' }),
      amountFen: t.expose('amountFen', {
        type: 'Fen',
        nullable: true,
        description: '达到标准的数额（分；罚款、没收）The sum that met the threshold, in fen (fines, confiscations)',
      }),
      thresholdFen: t.expose('thresholdFen', {
        type: 'Fen',
        nullable: true,
        description: '适用的数额标准（分）The threshold it met, in fen',
      }),
      penaltyKind: t.expose('penaltyKind', {
        type: PenaltyKind,
        nullable: true,
        description: '拟处罚种类（吊销许可证件、责令停产停业等）The penalty kind proposed (licence, operations)',
      }),
      note: t.exposeString('note', { nullable: true, description: '申报内容 What was declared' }),
      reason: t.string({
        description: '触发理由 Why it fired (Chinese)',
        resolve: (r) => triggerReason(r).zh,
      }),
      reasonEn: t.string({
        description: '触发理由（英文）Why it fired, in English',
        resolve: (r) => triggerReason(r).en,
      }),
      rulesVersion: t.exposeInt('rulesVersion', { description: '触发时适用的评估规则版本 The rules version applied' }),
      firedAt: t.expose('firedAt', { type: 'DateTime', description: '触发时间 When it fired' }),
      firedBy: t.string({
        description: '触发时的操作人 Whose operation fired it',
        resolve: (r, _a, ctx) => actorShownTo(ctx.viewer, r.actor),
      }),
    }),
  });

  // Batched with the case list: one nested select per page of cases (plugin-prisma), the row rule ANDed in.
  builder.prismaObjectField('EnforcementCase', 'impactAssessmentRequired', (t) =>
    t.relatedConnection('impactTriggers', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      authScopes: staffOnly,
      query: { orderBy: { id: 'desc' as const } },
      description:
        '须作经济影响评估的触发情形及理由（新者在前；为空即无须评估；本案单位工作人员和监督人员可见；县实施方案任务7）The triggers that require an economic impact assessment, and why, newest first; none: not required (staff of the case’s agency and supervisors; plan task 7)',
    }),
  );

  builder.mutationField('declareImpactRisk', (t) =>
    t.prismaField({
      type: TriggerRef,
      description:
        '申报经济影响风险（停产、产业链供应链中断、舆情），使评估成为必需（本案承办人员；县实施方案任务7）Declare a risk of stoppage, supply-chain break or public opinion, which requires the assessment (the case’s officers; plan task 7)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => caseActorScope(args.caseId, ctx, 'act'),
      args: {
        caseId: caseIdArg(t),
        kind: t.arg({
          type: enums.ImpactTriggerKind,
          required: true,
          description: '风险：STOPPAGE_RISK、SUPPLY_CHAIN_RISK 或 PUBLIC_OPINION_RISK The risk declared',
        }),
        note: t.arg.string({
          required: true,
          extensions: textKind('multiline'),
          description: '风险情况及依据 What the risk is, and why',
          validate: requiredText(2000, '风险情况', 'note'),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(
          ctx,
          async (uow) => {
            const caseId = parseId(args.caseId, 'EnforcementCase', ['caseId']);
            if (!(DECLARED_KINDS as readonly string[]).includes(args.kind))
              throw ValidationError.one(['kind'], {
                zh: `只能申报停产、产业链供应链中断或舆情风险（${DECLARED_KINDS.join('、')}）`,
                en: `only a stoppage, supply-chain or public-opinion risk is declared (${DECLARED_KINDS.join(', ')})`,
              });
            const id = await declareImpactRiskInTx(uow, caseId, args.kind as DeclaredKind, args.note);
            return uow.tx.impactTrigger.findUniqueOrThrow({ ...query, where: { id } });
          },
          { silent: 'a repeated declaration writes nothing: the recorded one answers it (a new one emits its event)' },
        ),
    }),
  );

  return TriggerRef;
}
