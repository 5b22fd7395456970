// FlexibleDecisionBasis: what a 从轻 / 减轻 decision cited, `EnforcementCase.flexibleBasis`, and the mutation
// that cites an item before the decision (decision-basis.ts; the guard judges the decision against it).
import type { EnumRef } from '@pothos/core';
import {
  caseActorScope,
  caseIdArg,
  domainErrors,
  globalId,
  inCaseUnit,
  nodeRowId,
  parseId,
  type ZhifaBuilder,
  type ZhifaSchemaTypes,
} from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import { basisRule } from '../access.js';
import { citeFlexibleBasisInTx } from '../decision-basis.js';
import { LIGHTER_KIND, type MitigationCircumstance } from '../rules.js';

const prefixOf = (decision: string) => (decision === LIGHTER_KIND ? 'LighterPenalty' : 'MitigatedPenalty');

export function registerFlexibleBasis(
  builder: ZhifaBuilder,
  CircumstanceEnum: EnumRef<ZhifaSchemaTypes, MitigationCircumstance, MitigationCircumstance>,
) {
  builder.prismaNode('FlexibleDecisionBasis', {
    id: { field: 'id' },
    nullable: true,
    description:
      '从轻、减轻处罚所依据的清单事项（可查看该案件者可见）The list item a lighter / mitigated decision cited (visible with its case)',
    rowRule: basisRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      case: t.relation('case', { description: '案件 The case' }),
      decision: t.exposeString('decision', { description: '决定类型 LIGHTER or MITIGATED' }),
      itemId: t.id({
        description: '所依据的清单事项 The list item cited (a LighterPenaltyListItem or MitigatedPenaltyListItem)',
        resolve: (b) => globalId(`${prefixOf(b.decision)}ListItem`, b.itemId),
      }),
      listId: t.id({
        description: '所依据的清单版本 The list version cited',
        resolve: (b) => globalId(`${prefixOf(b.decision)}List`, b.listId),
      }),
      listVersion: t.exposeInt('listVersion', { description: '清单版本号 List version number' }),
      domain: t.exposeString('domain', { description: '监管领域 Domain' }),
      circumstance: t.field({
        type: CircumstanceEnum,
        description: '从轻、减轻情形（第32条）The art. 32 circumstance',
        resolve: (b) => b.circumstance,
      }),
      exclusionsAbsent: t.exposeBoolean('exclusionsAbsent', {
        description: '经查不存在排除情形 The officers found no exclusion present',
      }),
      fineFen: t.expose('fineFen', { type: 'Fen', nullable: true, description: '罚款（分）Fine imposed' }),
      matterMaxFineFen: t.expose('matterMaxFineFen', {
        type: 'Fen',
        nullable: true,
        description: '事项法定最高罚款（分）The matter’s maximum fine',
      }),
      fineNotImposedFen: t.expose('fineNotImposedFen', {
        type: 'Fen',
        nullable: true,
        description: '相对最高罚款未处的数额（分）What was left unimposed against the matter’s maximum',
      }),
      decidedBy: t.string({
        description: '引用人或决定人 Who cited / decided: the account for staff, its kind for others',
        resolve: (b, _a, ctx) => actorShownTo(ctx.viewer, b.decidedBy),
      }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', description: '时间 When' }),
    }),
  });

  builder.prismaObjectField('EnforcementCase', 'flexibleBasis', (t) =>
    t.relation('flexibleDecisionBasis', {
      nullable: true,
      description: '从轻、减轻处罚所依据的清单事项（如有）The lighter / mitigated list item cited, if any',
    }),
  );

  builder.mutationField('citeFlexibleBasis', (t) =>
    t.prismaField({
      type: 'FlexibleDecisionBasis',
      description:
        '法制审核阶段引用从轻、减轻处罚清单事项，作为处罚决定的依据（决定时由守卫核对）Cite a lighter / mitigated list item for the forthcoming decision, in legal review; the decision is checked against it',
      errors: { types: domainErrors },
      // Citing shapes the decision: whoever may decide the case (the agency head in the general procedure, 第57条).
      authScopes: (_root, args, ctx) => caseActorScope(args.caseId, ctx, 'decide'),
      args: {
        caseId: caseIdArg(t),
        itemId: t.arg.globalID({ required: true, description: '从轻或减轻处罚清单事项 The list item' }),
        circumstance: t.arg({
          type: CircumstanceEnum,
          required: false,
          description:
            '第32条情形（减轻事项缺省为其所列情形）The art. 32 circumstance; a mitigated item’s own by default',
        }),
        exclusionsAbsent: t.arg.boolean({
          required: true,
          description: '经查不存在该事项的排除情形 The officers found none of the item’s exclusions present',
        }),
      },
      resolve: (query, _root, args, ctx) =>
        inCaseUnit(ctx, args.caseId, async (uow, caseId) => {
          const itemId = parseId(args.itemId, ['LighterPenaltyListItem', 'MitigatedPenaltyListItem'], ['itemId']);
          const row = await citeFlexibleBasisInTx(uow, {
            caseId,
            itemId,
            circumstance: args.circumstance ?? null,
            exclusionsAbsent: args.exclusionsAbsent,
          });
          return uow.tx.flexibleDecisionBasis.findUniqueOrThrow({ ...query, where: { id: row.id } });
        }),
    }),
  );
}
