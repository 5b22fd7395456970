// 从轻处罚清单 on the shared list machinery: an item may narrow the matter's 从轻 fine band.
import type { CoreRefs, ZhifaBuilder } from '@zhifa/core';
import { defineListKind, type ListKindRefs } from '@zhifa/core/lists';
import { checkLighterItems, lighterAttributes, lighterCsvColumns, type LighterAttributes } from '../attributes.js';
import { LIGHTER_KIND } from '../rules.js';
import { LIGHTER_LIST_TOPICS } from '../topics.js';
import { addCommonItemFields, commonAttributeInputs, matterFilter } from './list-fields.js';

export function registerLighterList(builder: ZhifaBuilder, core: CoreRefs): ListKindRefs<LighterAttributes> {
  const AttributesInput = builder.inputType('LighterPenaltyItemAttributesInput', {
    description: '从轻处罚事项特有字段 Lighter-penalty item fields',
    fields: (t) => ({
      ...commonAttributeInputs(t),
      fineMinFen: t.field({
        type: 'Fen',
        required: false,
        description: '从轻罚款下限（分；空：从轻档下限）Lower bound of the lighter band, in fen; none: the tier’s',
      }),
      fineMaxFen: t.field({
        type: 'Fen',
        required: false,
        description: '从轻罚款上限（分；空：从轻档上限）Upper bound of the lighter band, in fen; none: the tier’s',
      }),
    }),
  });

  const refs = defineListKind(builder, {
    kind: LIGHTER_KIND,
    typePrefix: 'LighterPenalty',
    nameZh: '从轻处罚清单',
    nameEn: 'lighter-penalty list',
    attributes: lighterAttributes,
    attributesInput: AttributesInput,
    csvColumns: lighterCsvColumns,
    topics: LIGHTER_LIST_TOPICS,
    checkItems: checkLighterItems,
    itemFilters: {
      args: (arg) => ({
        matterCode: arg.string({ required: false, description: '行政执法事项编码 Enforcement matter code' }),
      }),
      where: (args) => matterFilter(args.matterCode),
    },
  });
  addCommonItemFields(builder, core, refs, LIGHTER_KIND);
  builder.prismaObjectFields(refs.item, (t) => ({
    fineMinFen: t.field({
      type: 'Fen',
      nullable: true,
      description: '从轻罚款下限（分；空：从轻档下限）Lower bound of the band, in fen; null: the tier’s',
      resolve: (i) => refs.attributesOf(i).fineMinFen,
    }),
    fineMaxFen: t.field({
      type: 'Fen',
      nullable: true,
      description: '从轻罚款上限（分；空：从轻档上限）Upper bound of the band, in fen; null: the tier’s',
      resolve: (i) => refs.attributesOf(i).fineMaxFen,
    }),
  }));
  return refs;
}
