// PLACEHOLDER for helper D's schema/matter.ts (branch i8-matters), so that EnforcementCase.matter
// builds on the spine branch. At merge, take D's file entirely; it registers the same
// `EnforcementMatter` node with the same name and visibility (published: everyone; unpublished: staff).
import type { ZhifaBuilder } from '../builder.js';
import { isStaff } from '../auth/viewer.js';
import { nodeRowId } from '../ids.js';
import type { CoreEnums } from './enums.js';

export function registerMatter(builder: ZhifaBuilder, enums: CoreEnums) {
  return builder.prismaNode('EnforcementMatter', {
    id: { field: 'id' },
    description: '行政执法事项 Enforcement matter (public when published)',
    nullable: true,
    findUnique: (id, ctx) => ({ id: nodeRowId(id), ...(isStaff(ctx.viewer) ? {} : { published: true }) }),
    authScopes: (m, ctx) => m.published || isStaff(ctx.viewer),
    fields: (t) => ({
      code: t.exposeString('code', { description: '事项编码 Code' }),
      name: t.exposeString('name', { description: '事项名称 Name' }),
      domain: t.exposeString('domain', { description: '领域 Domain' }),
      agencyKinds: t.expose('agencyKinds', { type: [enums.AgencyKind], description: '实施主体类别 Agency kinds that enforce it' }),
      violatedProvision: t.exposeString('violatedProvision', { description: '违法依据 Provision violated' }),
      penaltyProvision: t.exposeString('penaltyProvision', { description: '处罚依据 Penalty provision' }),
      penaltyKinds: t.expose('penaltyKinds', { type: [enums.PenaltyKind], description: '可处罚种类 Penalty kinds allowed' }),
      fineMinFen: t.expose('fineMinFen', { type: 'Fen', nullable: true, description: '罚款下限（分）Minimum fine' }),
      fineMaxFen: t.expose('fineMaxFen', { type: 'Fen', nullable: true, description: '罚款上限（分）Maximum fine' }),
      limitationYears: t.exposeInt('limitationYears', { description: '追责时效（年，第36条）Limitation period in years' }),
      published: t.exposeBoolean('published', { description: '已公布 Published' }),
    }),
  });
}
