// The plugin's GraphQL enums, registered once and shared by its types (Pothos allows one ref per name).
import { describedValues, type ZhifaBuilder } from '@zhifa/core';
import {
  ImpactAssessmentStatus,
  ImpactExemptionGround,
  ImpactLevel,
  ImpactMitigationKind,
  ImpactTriggerKind,
  ImpactTriggerSource,
} from '@zhifa/core/prisma';
import {
  DIMENSION_NAMES,
  EXEMPTION_GROUND_NAMES,
  LEVEL_NAMES,
  MITIGATION_NAMES,
  STATUS_NAMES,
  TRIGGER_KIND_NAMES,
  TRIGGER_SOURCE_NAMES,
} from '../names.js';

export type ImpactEnums = ReturnType<typeof registerImpactEnums>;

export function registerImpactEnums(builder: ZhifaBuilder) {
  return {
    ImpactTriggerKind: builder.enumType(ImpactTriggerKind, {
      name: 'ImpactTriggerKind',
      description: '经济影响评估触发情形 Why an economic impact assessment is required',
      values: describedValues(TRIGGER_KIND_NAMES),
    }),
    ImpactTriggerSource: builder.enumType(ImpactTriggerSource, {
      name: 'ImpactTriggerSource',
      description: '触发来源 What fired a trigger',
      values: describedValues(TRIGGER_SOURCE_NAMES),
    }),
    ImpactExemptionGround: builder.enumType(ImpactExemptionGround, {
      name: 'ImpactExemptionGround',
      description: '免于评估的情形 Ground of an exemption from the assessment',
      values: describedValues(EXEMPTION_GROUND_NAMES),
    }),
    ImpactAssessmentStatus: builder.enumType(ImpactAssessmentStatus, {
      name: 'ImpactAssessmentStatus',
      description: '评估状态 Assessment status',
      values: describedValues(STATUS_NAMES),
    }),
    ImpactLevel: builder.enumType(ImpactLevel, {
      name: 'ImpactLevel',
      description: '经济影响等级 Economic impact level',
      values: describedValues(LEVEL_NAMES),
    }),
    ImpactDimension: builder.enumType('ImpactDimension', {
      description: '评估维度 Dimension of the assessment',
      values: describedValues(DIMENSION_NAMES),
    }),
    ImpactMitigationKind: builder.enumType(ImpactMitigationKind, {
      name: 'ImpactMitigationKind',
      description: '缓解措施 Mitigation offered to the enterprise',
      values: describedValues(MITIGATION_NAMES),
    }),
  };
}
