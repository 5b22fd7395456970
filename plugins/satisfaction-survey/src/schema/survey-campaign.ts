// A MINIMAL SurveyCampaign node so the figures build and are tested on their own branch: the campaigns part's
// file of the same name replaces it when the parts are merged (survey-design.md).
import { nodeRowId, type ZhifaBuilder } from '@zhifa/core';
import { campaignRule } from '../access.js';
import type { SurveyEnums } from './enums.js';

export function registerSurveyCampaign(builder: ZhifaBuilder, enums: SurveyEnums) {
  return builder.prismaNode('SurveyCampaign', {
    id: { field: 'id' },
    nullable: true,
    description: '满意度调查项目 A satisfaction-survey campaign',
    rowRule: campaignRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      title: t.exposeString('title', { description: '名称 Title' }),
      status: t.expose('status', { type: enums.SurveyCampaignStatus, description: '状态 Status' }),
    }),
  });
}
