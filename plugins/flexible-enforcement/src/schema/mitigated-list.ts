// 减轻处罚清单 on the shared list machinery: each item names its 行政处罚法 第32条 circumstance.
import type { EnumRef } from '@pothos/core';
import { describedValues, type CoreRefs, type ZhifaBuilder, type ZhifaSchemaTypes } from '@zhifa/core';
import { defineListKind, type ListKindRefs } from '@zhifa/core/lists';
import { checkMatterItems, mitigatedAttributes, mitigatedCsvColumns, type MitigatedAttributes } from '../attributes.js';
import { CIRCUMSTANCE_LABEL, MITIGATED_KIND, type MitigationCircumstance } from '../rules.js';
import { MITIGATED_LIST_TOPICS } from '../topics.js';
import { addCommonItemFields, commonAttributeInputs, matterFilter } from './list-fields.js';

export interface MitigatedListRefs extends ListKindRefs<MitigatedAttributes> {
  CircumstanceEnum: EnumRef<ZhifaSchemaTypes, MitigationCircumstance, MitigationCircumstance>;
}

export function registerMitigatedList(builder: ZhifaBuilder, core: CoreRefs): MitigatedListRefs {
  const CircumstanceEnum = builder.enumType('MitigationCircumstance', {
    description: '从轻、减轻处罚情形（行政处罚法第32条）A circumstance of art. 32',
    values: describedValues(CIRCUMSTANCE_LABEL),
  });
  const AttributesInput = builder.inputType('MitigatedPenaltyItemAttributesInput', {
    description: '减轻处罚事项特有字段 Mitigated-penalty item fields',
    fields: (t) => ({
      ...commonAttributeInputs(t),
      circumstance: t.field({
        type: CircumstanceEnum,
        required: true,
        description: '减轻情形（第32条）The art. 32 circumstance',
      }),
    }),
  });

  const refs = defineListKind(builder, {
    kind: MITIGATED_KIND,
    typePrefix: 'MitigatedPenalty',
    nameZh: '减轻处罚清单',
    nameEn: 'mitigated-penalty list',
    attributes: mitigatedAttributes,
    attributesInput: AttributesInput,
    csvColumns: mitigatedCsvColumns,
    topics: MITIGATED_LIST_TOPICS,
    checkItems: checkMatterItems,
    itemFilters: {
      args: (arg) => ({
        matterCode: arg.string({ required: false, description: '行政执法事项编码 Enforcement matter code' }),
        circumstance: arg({ type: CircumstanceEnum, required: false, description: '减轻情形 Circumstance' }),
      }),
      where: (args) => ({
        AND: [
          matterFilter(args.matterCode),
          args.circumstance ? { attributes: { path: ['circumstance'], equals: args.circumstance } } : {},
        ],
      }),
    },
  });
  addCommonItemFields(builder, core, refs, MITIGATED_KIND);
  builder.prismaObjectFields(refs.item, (t) => ({
    circumstance: t.field({
      type: CircumstanceEnum,
      description: '减轻情形（第32条）The art. 32 circumstance',
      resolve: (i) => refs.attributesOf(i).circumstance,
    }),
  }));
  return { ...refs, CircumstanceEnum };
}
