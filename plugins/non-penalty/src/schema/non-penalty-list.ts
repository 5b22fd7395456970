// 不予处罚清单 on the shared list machinery: the item attributes' GraphQL input and output fields.
import type { EnumRef } from '@pothos/core';
import { describedValues, type ZhifaBuilder, type ZhifaSchemaTypes } from '@zhifa/core';
import { defineListKind, type ListKindRefs } from '@zhifa/core/lists';
import { CONDITION_LABEL, ITEM_KIND_LABEL, type NonPenaltyCondition, type NonPenaltyItemKind } from '../rules.js';
import { NON_PENALTY_KIND, nonPenaltyAttributes, nonPenaltyCsvColumns, type NonPenaltyAttributes } from '../attributes.js';
import { NON_PENALTY_LIST_TOPICS } from '../topics.js';

export interface NonPenaltyListRefs extends ListKindRefs<NonPenaltyAttributes> {
  ItemKindEnum: EnumRef<ZhifaSchemaTypes, NonPenaltyItemKind, NonPenaltyItemKind>;
  ConditionEnum: EnumRef<ZhifaSchemaTypes, NonPenaltyCondition, NonPenaltyCondition>;
}

export function registerNonPenaltyList(builder: ZhifaBuilder): NonPenaltyListRefs {
  const ItemKindEnum = builder.enumType('NonPenaltyItemKind', {
    description: '不予处罚事项类型 Kind of non-penalty item',
    values: describedValues(ITEM_KIND_LABEL),
  });
  const ConditionEnum = builder.enumType('NonPenaltyCondition', {
    description: '不予处罚适用条件 A condition of a non-penalty item',
    values: describedValues(CONDITION_LABEL),
  });

  const AttributesInput = builder.inputType('NonPenaltyItemAttributesInput', {
    description: '不予处罚事项特有字段 Non-penalty item fields',
    fields: (t) => ({
      itemKind: t.field({ type: ItemKindEnum, required: true, description: '适用类型 Kind' }),
      conditions: t.field({
        type: [ConditionEnum],
        required: false,
        description: '适用条件（缺省按类型）Conditions; default: those of the kind',
      }),
      correctionDeadlineDays: t.int({ required: true, description: '改正期限（天）Days allowed to correct' }),
      fineFenIfPenalised: t.field({ type: 'Fen', required: false, description: '参考罚款（分）The fine otherwise due, in fen' }),
    }),
  });

  const refs = defineListKind(builder, {
    kind: NON_PENALTY_KIND,
    typePrefix: 'NonPenalty',
    nameZh: '不予处罚清单',
    nameEn: 'non-penalty list',
    attributes: nonPenaltyAttributes,
    attributesInput: AttributesInput,
    csvColumns: nonPenaltyCsvColumns,
    topics: NON_PENALTY_LIST_TOPICS,
    itemFilters: {
      args: (arg) => ({ itemKind: arg({ type: ItemKindEnum, required: false, description: '适用类型 Kind' }) }),
      where: (args) => (args.itemKind ? { attributes: { path: ['itemKind'], equals: args.itemKind } } : {}),
    },
  });

  builder.prismaObjectFields(refs.item, (t) => ({
    itemKind: t.field({ type: ItemKindEnum, description: '适用类型 Kind', resolve: (i) => refs.attributesOf(i).itemKind }),
    conditions: t.field({ type: [ConditionEnum], description: '适用条件 Conditions', resolve: (i) => refs.attributesOf(i).conditions }),
    correctionDeadlineDays: t.int({ description: '改正期限（天）Days allowed to correct', resolve: (i) => refs.attributesOf(i).correctionDeadlineDays }),
    fineFenIfPenalised: t.field({
      type: 'Fen',
      nullable: true,
      description: '参考罚款（分）：按处罚依据本应处的罚款 The fine the penalty provision would have set, in fen',
      resolve: (i) => refs.attributesOf(i).fineFenIfPenalised,
    }),
  }));
  return { ...refs, ItemKindEnum, ConditionEnum };
}
