// MINIMAL stand-in for slice A's SurveyCampaign node (id, title, status), so the submission slice builds and is
// tested on its own branch; slice A's file of the same name replaces it at merge (survey-design.md).
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
