// SurveyCampaign.freeTexts: the free-text answers 意见建议 by dimension, for supervisors only (freeTextRule):
// they may name officers, and the agency evaluated never reads them; the public never does.
import { parseOptionalId, type ZhifaBuilder } from '@zhifa/core';
import { freeTextRule } from '../access.js';
import type { SurveyEnums } from './enums.js';

export function registerSurveyFreeTexts(builder: ZhifaBuilder, enums: SurveyEnums) {
  builder.prismaObject('SurveyFreeText', {
    description: '意见建议（文字题答案，仅监督人员可见）A free-text answer (supervisors only)',
    rowRule: freeTextRule,
    fields: (t) => ({
      id: t.exposeID('id', { description: '编号 Id' }),
      dimension: t.expose('dimension', { type: enums.SurveyDimension, description: '维度 Dimension' }),
      respondentType: t.expose('respondentType', {
        type: enums.SurveyRespondentType,
        description: '受访者类别 Respondent type',
      }),
      agency: t.relation('agency', { description: '被评价单位 Evaluated agency' }),
      text: t.exposeString('text', { description: '内容 Text' }),
    }),
  });

  builder.prismaObjectField('SurveyCampaign', 'freeTexts', (t) =>
    t.relatedConnection('freeTexts', {
      cursor: 'id',
      totalCount: true,
      authScopes: { supervisor: true },
      description: '意见建议，按维度、单位筛选（监督人员）Free-text answers by dimension and agency (supervisors)',
      args: {
        dimension: t.arg({ type: enums.SurveyDimension, required: false, description: '维度 Dimension' }),
        agencyId: t.arg.globalID({ required: false, description: '被评价单位 Agency' }),
      },
      query: (args) => ({
        where: {
          ...(args.dimension ? { dimension: args.dimension } : {}),
          ...(args.agencyId ? { agencyId: parseOptionalId(args.agencyId, 'Agency', ['agencyId']) ?? -1 } : {}),
        },
        orderBy: [{ dimension: 'asc' as const }, { id: 'asc' as const }],
      }),
    }),
  );
}
