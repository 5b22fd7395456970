// SurveyItem 题目: one question of a questionnaire version, seen with its campaign (itemRule).
import type { ZhifaBuilder } from '@zhifa/core';
import { itemRule } from '../access.js';
import type { SurveyEnums } from './enums.js';

export function registerSurveyItem(builder: ZhifaBuilder, enums: SurveyEnums) {
  return builder.prismaObject('SurveyItem', {
    description: '问卷题目 A questionnaire item',
    rowRule: itemRule,
    fields: (t) => ({
      code: t.exposeString('code', { description: '题号（提交答卷时用），如 Q1 Item code, used in submitted answers' }),
      position: t.exposeInt('position', { description: '顺序（从 0 起）Position, from 0' }),
      kind: t.expose('kind', { type: enums.SurveyItemKind, description: '题型 Kind' }),
      dimension: t.expose('dimension', {
        type: enums.SurveyDimension,
        nullable: true,
        description: '评价维度（单选题为空）Dimension; null for a single-choice item',
      }),
      text: t.exposeString('text', { description: '题目 Question text' }),
      options: t.exposeStringList('options', { description: '选项代码（仅单选题）Option codes, single choice only' }),
      weight: t.exposeFloat('weight', {
        description: '综合得分权重（仅五级满意度题）Weight in the composite score, five-level items only',
      }),
      required: t.exposeBoolean('required', { description: '必答 Required' }),
    }),
  });
}
