// 不予实施行政强制措施清单 on the shared list machinery (行政强制法 第16条第2款): each item names the measure
// kind waived, what it would be taken on, and the provision that would otherwise allow it.
import type { EnumRef } from '@pothos/core';
import { describedValues, type CoreRefs, type ZhifaBuilder, type ZhifaSchemaTypes } from '@zhifa/core';
import { textKind } from '@zhifa/core/input';
import { defineListKind, type ListKindRefs } from '@zhifa/core/lists';
import {
  checkMatterItems,
  MEASURE_KIND_LABEL,
  MEASURE_PROVISION_MAX,
  MEASURE_TARGET_MAX,
  noCompulsoryAttributes,
  noCompulsoryCsvColumns,
  type NoCompulsoryAttributes,
  type WaivableMeasureKind,
} from '../attributes.js';
import { NO_COMPULSORY_BASIS, NO_COMPULSORY_KIND } from '../rules.js';
import { NO_COMPULSORY_LIST_TOPICS } from '../topics.js';
import { addCommonItemFields, commonAttributeInputs, matterFilter } from './list-fields.js';

export interface NoCompulsoryListRefs extends ListKindRefs<NoCompulsoryAttributes> {
  MeasureKindEnum: EnumRef<ZhifaSchemaTypes, WaivableMeasureKind, WaivableMeasureKind>;
}

export function registerNoCompulsoryList(builder: ZhifaBuilder, core: CoreRefs): NoCompulsoryListRefs {
  // Its own enum (core's CompulsoryMeasureKind is not handed to plugins); the values are core's.
  const MeasureKindEnum = builder.enumType('WaivableMeasureKind', {
    description: '可不予实施的行政强制措施种类 A compulsory measure kind a list may waive',
    values: describedValues(MEASURE_KIND_LABEL),
  });
  const AttributesInput = builder.inputType('NoCompulsoryMeasureItemAttributesInput', {
    description: '不予实施行政强制措施事项特有字段 No-compulsory-measure item fields',
    fields: (t) => ({
      ...commonAttributeInputs(t),
      measureKind: t.field({ type: MeasureKindEnum, required: true, description: '强制措施种类 Measure kind waived' }),
      measureTarget: t.string({
        required: false,
        extensions: textKind('name'),
        description: `强制措施对象（如 生产设备；上限 ${MEASURE_TARGET_MAX} 字）What it would be taken on`,
      }),
      measureProvision: t.string({
        required: true,
        extensions: textKind('multiline'),
        description: `原本可采取该措施的依据（上限 ${MEASURE_PROVISION_MAX} 字）The provision that would otherwise allow the measure`,
      }),
    }),
  });

  const refs = defineListKind(builder, {
    kind: NO_COMPULSORY_KIND,
    typePrefix: 'NoCompulsoryMeasure',
    nameZh: '不予实施行政强制措施清单',
    nameEn: 'no-compulsory-measure list',
    attributes: noCompulsoryAttributes,
    attributesInput: AttributesInput,
    csvColumns: noCompulsoryCsvColumns,
    topics: NO_COMPULSORY_LIST_TOPICS,
    checkItems: checkMatterItems,
    itemFilters: {
      args: (arg) => ({
        matterCode: arg.string({ required: false, description: '行政执法事项编码 Enforcement matter code' }),
        measureKind: arg({ type: MeasureKindEnum, required: false, description: '强制措施种类 Measure kind' }),
      }),
      where: (args) => ({
        AND: [
          matterFilter(args.matterCode),
          args.measureKind ? { attributes: { path: ['measureKind'], equals: args.measureKind } } : {},
        ],
      }),
    },
  });
  addCommonItemFields(builder, core, refs, NO_COMPULSORY_KIND);
  builder.prismaObjectFields(refs.item, (t) => ({
    measureKind: t.field({
      type: MeasureKindEnum,
      description: '强制措施种类 Measure kind waived',
      resolve: (i) => refs.attributesOf(i).measureKind,
    }),
    measureTarget: t.string({
      nullable: true,
      description: '强制措施对象 What it would be taken on; null: any',
      resolve: (i) => refs.attributesOf(i).measureTarget,
    }),
    measureProvision: t.string({
      description: '原本可采取该措施的依据 The provision that would otherwise allow the measure',
      resolve: (i) => refs.attributesOf(i).measureProvision,
    }),
    waiverBasis: t.string({
      description: `不予实施的依据 Where the waiver rests: ${NO_COMPULSORY_BASIS.en}`,
      resolve: () => NO_COMPULSORY_BASIS.zh,
    }),
  }));
  return { ...refs, MeasureKindEnum };
}
