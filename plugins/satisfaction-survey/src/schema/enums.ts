// The plugin's GraphQL enums, registered once and shared by its types (Pothos allows one ref per name).
import { describedValues, type ZhifaBuilder } from '@zhifa/core';
import {
  SurveyCallbackStatus,
  SurveyCampaignStatus,
  SurveyChannel,
  SurveyDimension,
  SurveyItemKind,
  SurveyQuality,
  SurveyRespondentType,
} from '@zhifa/core/prisma';
import {
  CALLBACK_STATUS_NAMES,
  CAMPAIGN_STATUS_NAMES,
  CHANNEL_NAMES,
  DIMENSION_NAMES,
  ITEM_KIND_NAMES,
  LEVEL_NAMES,
  QUALITY_NAMES,
  RESPONDENT_TYPE_NAMES,
} from '../names.js';

export type SurveyEnums = ReturnType<typeof registerSurveyEnums>;

export function registerSurveyEnums(builder: ZhifaBuilder) {
  return {
    SurveyLevel: builder.enumType('SurveyLevel', {
      description: '五级满意度 Answer level of a five-level item',
      values: describedValues(LEVEL_NAMES),
    }),
    SurveyCampaignStatus: builder.enumType(SurveyCampaignStatus, {
      name: 'SurveyCampaignStatus',
      description: '调查项目状态 Campaign status',
      values: describedValues(CAMPAIGN_STATUS_NAMES),
    }),
    SurveyRespondentType: builder.enumType(SurveyRespondentType, {
      name: 'SurveyRespondentType',
      description: '受访者类别 Respondent type',
      values: describedValues(RESPONDENT_TYPE_NAMES),
    }),
    SurveyChannel: builder.enumType(SurveyChannel, {
      name: 'SurveyChannel',
      description: '调查方式 Channel',
      values: describedValues(CHANNEL_NAMES),
    }),
    SurveyItemKind: builder.enumType(SurveyItemKind, {
      name: 'SurveyItemKind',
      description: '题型 Item kind',
      values: describedValues(ITEM_KIND_NAMES),
    }),
    SurveyDimension: builder.enumType(SurveyDimension, {
      name: 'SurveyDimension',
      description: '评价维度 Dimension',
      values: describedValues(DIMENSION_NAMES),
    }),
    SurveyQuality: builder.enumType(SurveyQuality, {
      name: 'SurveyQuality',
      description: '答卷质量分类 Quality class of a response',
      values: describedValues(QUALITY_NAMES),
    }),
    SurveyCallbackStatus: builder.enumType(SurveyCallbackStatus, {
      name: 'SurveyCallbackStatus',
      description: '回访抽查结果 Call-back result',
      values: describedValues(CALLBACK_STATUS_NAMES),
    }),
  };
}
