// ImpactRules 评估规则: the county's rules for the assessment, versioned — thresholds, the triggers in force, the
// dimensions' weights and the level cut-offs — with who recorded each version and when. `impactRules` is the version
// in force, `impactRulesHistory` every version; `updateImpactRules` records a new one (the justice bureau, which
// sets the county's rules, or a system admin). A trigger and an assessment keep the version they were judged under.
import { domainErrors, requiredText, RuleViolation, unitOfWork, type ZhifaBuilder } from '@zhifa/core';
import { actorOf, actorShownTo, isJusticeBureau, isSystemAdmin } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import type { ImpactRules } from '@zhifa/core/prisma';
import { rulesRule } from '../access.js';
import { currentRules } from '../rules-store.js';
import { DIMENSIONS, rulesIssues, WEIGHT_SCALE, type Dimension } from '../rules/rules-values.js';
import { IMPACT_RULES_CHANGED } from '../topics.js';
import type { ImpactEnums } from './enums.js';

export function registerImpactRules(builder: ZhifaBuilder, enums: ImpactEnums) {
  const WeightRef = builder.objectRef<{ dimension: Dimension; weight: number }>('ImpactWeight').implement({
    description: '维度权重 A dimension’s weight',
    fields: (t) => ({
      dimension: t.expose('dimension', { type: enums.ImpactDimension, description: '维度 Dimension' }),
      weight: t.exposeFloat('weight', { description: '权重（0–1，各维度之和为 1）Weight, 0–1; the weights sum to 1' }),
    }),
  });

  const RulesRef = builder.prismaObject('ImpactRules', {
    description:
      '涉企案件经济影响评估规则（一个版本；县实施方案任务7）One version of the county’s economic impact assessment rules (plan task 7)',
    rowRule: rulesRule,
    fields: (t) => ({
      version: t.exposeInt('version', { description: '版本号 Version' }),
      organisationThresholdFen: t.expose('organisationThresholdFen', {
        type: 'Fen',
        description:
          '企业等组织：罚款或没收数额达到此数须评估（分）Organisations: a fine or confiscation from this sum needs an assessment (fen)',
      }),
      individualBusinessThresholdFen: t.expose('individualBusinessThresholdFen', {
        type: 'Fen',
        description: '个体工商户：罚款或没收数额达到此数须评估（分）Individual businesses: the same threshold (fen)',
      }),
      enabledTriggers: t.expose('enabledTriggers', {
        type: [enums.ImpactTriggerKind],
        description: '现行触发情形 The triggers in force',
      }),
      weights: t.field({
        type: [WeightRef],
        description: '各维度权重（八个维度，之和为 1）The eight dimensions’ weights, summing to 1',
        resolve: (r) => weightsOf(r),
      }),
      mediumFrom: t.exposeFloat('mediumFrom', {
        description: '加权分达到此值为“中” Weighted score from which the level is MEDIUM',
      }),
      highFrom: t.exposeFloat('highFrom', { description: '加权分达到此值为“高” … HIGH' }),
      severeFrom: t.exposeFloat('severeFrom', { description: '加权分达到此值为“严重” … SEVERE' }),
      reason: t.exposeString('reason', { description: '修订理由或依据 Why this version (its basis)' }),
      changedBy: t.string({
        description: '修订人 Who recorded it',
        resolve: (r, _a, ctx) => actorShownTo(ctx.viewer, r.changedBy),
      }),
      changedAt: t.expose('changedAt', { type: 'DateTime', description: '修订时间 When' }),
    }),
  });

  builder.queryField('impactRules', (t) =>
    t.prismaField({
      type: RulesRef,
      nullable: true,
      description: '现行评估规则（工作人员）The rules in force (staff)',
      authScopes: { staff: true },
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.impactRules.findFirst({ ...query, orderBy: { version: 'desc' } }),
    }),
  );

  builder.queryField('impactRulesHistory', (t) =>
    t.prismaConnection({
      type: 'ImpactRules',
      cursor: 'version',
      nullable: true,
      totalCount: (_p, _args, ctx) => ctx.prisma.impactRules.count(),
      description: '评估规则的各版本（新版本在前；工作人员）Every version of the rules, newest first (staff)',
      authScopes: { staff: true },
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.impactRules.findMany({ ...query, orderBy: { version: 'desc' } }),
    }),
  );

  const WeightInput = builder.inputType('ImpactWeightInput', {
    description: '维度权重 A dimension’s weight',
    fields: (t) => ({
      dimension: t.field({ type: enums.ImpactDimension, required: true, description: '维度 Dimension' }),
      weight: t.float({ required: true, description: '权重（0–1，至多四位小数）Weight, 0–1, at most four decimals' }),
    }),
  });

  const RulesInput = builder.inputType('ImpactRulesInput', {
    description: '新版评估规则（全部字段；成为现行版本）A new version of the rules, whole; it is in force at once',
    fields: (t) => ({
      organisationThresholdFen: t.field({ type: 'Fen', required: true, description: '企业等组织的数额标准（分）' }),
      individualBusinessThresholdFen: t.field({
        type: 'Fen',
        required: true,
        description: '个体工商户的数额标准（分）',
      }),
      enabledTriggers: t.field({
        type: [enums.ImpactTriggerKind],
        required: true,
        description: '现行触发情形 The triggers in force',
      }),
      weights: t.field({ type: [WeightInput], required: true, description: '八个维度的权重 The eight weights' }),
      mediumFrom: t.float({ required: true, description: '“中”起点 MEDIUM from' }),
      highFrom: t.float({ required: true, description: '“高”起点 HIGH from' }),
      severeFrom: t.float({ required: true, description: '“严重”起点 SEVERE from' }),
      reason: t.string({
        required: true,
        description: '修订理由或依据（如文件文号）Why, or the document it follows',
        extensions: textKind('multiline'),
        validate: requiredText(2000, '修订理由', 'reason'),
      }),
    }),
  });

  builder.mutationField('updateImpactRules', (t) =>
    t.prismaField({
      type: RulesRef,
      description:
        '修订评估规则：记录新版本（县司法局或系统管理员；方案任务7）Record a new version of the rules (the justice bureau or a system admin; plan task 7)',
      errors: { types: domainErrors },
      authScopes: (_root, _args, ctx) => isJusticeBureau(ctx.viewer) || isSystemAdmin(ctx.viewer),
      args: { input: t.arg({ type: RulesInput, required: true, description: '新版本 The new version' }) },
      resolve: (query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const weights = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>;
          const seen = new Set<string>();
          for (const [i, w] of input.weights.entries()) {
            const scaled = w.weight * WEIGHT_SCALE;
            // Four decimals at most: 0.1234 is 1234 ten-thousandths; 0.12345 is not a whole number of them.
            weights[w.dimension] = Math.abs(scaled - Math.round(scaled)) < 1e-6 ? Math.round(scaled) : 0.5;
            if (seen.has(w.dimension))
              throw new RuleViolation('IMPACT_WEIGHTS_SUM', {
                zh: `权重第 ${i + 1} 项：维度重复`,
                en: `weight ${i + 1}: the dimension is repeated`,
              });
            seen.add(w.dimension);
          }
          const values = {
            organisationThresholdFen: input.organisationThresholdFen,
            individualBusinessThresholdFen: input.individualBusinessThresholdFen,
            enabledTriggers: [...new Set(input.enabledTriggers)],
            weights,
            mediumFrom: input.mediumFrom,
            highFrom: input.highFrom,
            severeFrom: input.severeFrom,
          };
          const [issue] = rulesIssues(values);
          if (issue) throw new RuleViolation(issue.rule, issue.message);
          const version = (await currentRules(uow.tx)).version + 1;
          const reason = input.reason.trim();
          await uow.tx.impactRules.create({
            data: { version, ...values, reason, changedBy: actorOf(uow.viewer), changedAt: uow.now },
          });
          await uow.emit(IMPACT_RULES_CHANGED, { version, reason }, {});
          return uow.tx.impactRules.findUniqueOrThrow({ ...query, where: { version } });
        }),
    }),
  );
}

function weightsOf(r: ImpactRules): { dimension: Dimension; weight: number }[] {
  const stored = r.weights as Record<string, unknown>;
  return DIMENSIONS.map((dimension) => ({ dimension, weight: Number(stored[dimension] ?? 0) / WEIGHT_SCALE }));
}
