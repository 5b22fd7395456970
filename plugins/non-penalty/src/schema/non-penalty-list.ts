// 不予处罚清单 on the shared list machinery: the item attributes' GraphQL input and output fields.
import type { EnumRef } from '@pothos/core';
import { describedValues, type Context, type CoreRefs, type ZhifaBuilder, type ZhifaSchemaTypes } from '@zhifa/core';
import { textKind } from '@zhifa/core/input';
import { defineListKind, type ListKindRefs } from '@zhifa/core/lists';
import type { EnforcementMatter } from '@zhifa/core/prisma';
import {
  CONDITION_LABEL,
  ITEM_KIND_LABEL,
  ITEM_KIND_LEGAL_EFFECT,
  isMandatory,
  MANDATORY_ITEM_KINDS,
  NON_PENALTY_ITEM_KINDS,
  type NonPenaltyCondition,
  type NonPenaltyItemKind,
} from '../rules.js';
import {
  checkMatterCodes,
  MATTER_CODE_MAX,
  NON_PENALTY_KIND,
  nonPenaltyAttributes,
  nonPenaltyCsvColumns,
  type NonPenaltyAttributes,
} from '../attributes.js';
import { NON_PENALTY_LIST_TOPICS } from '../topics.js';

export interface NonPenaltyListRefs extends ListKindRefs<NonPenaltyAttributes> {
  ItemKindEnum: EnumRef<ZhifaSchemaTypes, NonPenaltyItemKind, NonPenaltyItemKind>;
  ConditionEnum: EnumRef<ZhifaSchemaTypes, NonPenaltyCondition, NonPenaltyCondition>;
}

export function registerNonPenaltyList(builder: ZhifaBuilder, core: CoreRefs): NonPenaltyListRefs {
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
      fineFenIfPenalised: t.field({
        type: 'Fen',
        required: false,
        description: '参考罚款（分）The fine otherwise due, in fen',
      }),
      matterCode: t.string({
        required: false,
        extensions: textKind('name'),
        description: `行政执法事项编码（须为已有事项，上限 ${MATTER_CODE_MAX} 字）The enforcement matter the item concerns, by code; it must exist`,
      }),
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
    checkItems: checkMatterCodes,
    itemFilters: {
      args: (arg) => ({
        itemKind: arg({ type: ItemKindEnum, required: false, description: '适用类型 Kind' }),
        mandatory: arg.boolean({
          required: false,
          description:
            'true：仅“不予处罚”（应当）事项；false：仅“可以不予处罚”（裁量）事项 true: mandatory items only; false: discretionary only',
        }),
        matterCode: arg.string({ required: false, description: '行政执法事项编码 Enforcement matter code' }),
      }),
      where: (args) => {
        const kinds = (wanted: readonly NonPenaltyItemKind[]) => ({
          OR: wanted.map((k) => ({ attributes: { path: ['itemKind'], equals: k } })),
        });
        return {
          AND: [
            args.itemKind ? { attributes: { path: ['itemKind'], equals: args.itemKind } } : {},
            args.mandatory == null
              ? {}
              : kinds(NON_PENALTY_ITEM_KINDS.filter((k) => MANDATORY_ITEM_KINDS.includes(k) === args.mandatory)),
            args.matterCode ? { attributes: { path: ['matterCode'], equals: args.matterCode.trim() } } : {},
          ],
        };
      },
    },
  });

  builder.prismaObjectFields(refs.item, (t) => ({
    itemKind: t.field({
      type: ItemKindEnum,
      description: '适用类型 Kind',
      resolve: (i) => refs.attributesOf(i).itemKind,
    }),
    conditions: t.field({
      type: [ConditionEnum],
      description: '适用条件 Conditions',
      resolve: (i) => refs.attributesOf(i).conditions,
    }),
    correctionDeadlineDays: t.int({
      description: '改正期限（天）Days allowed to correct',
      resolve: (i) => refs.attributesOf(i).correctionDeadlineDays,
    }),
    fineFenIfPenalised: t.field({
      type: 'Fen',
      nullable: true,
      description: '参考罚款（分）：按处罚依据本应处的罚款 The fine the penalty provision would have set, in fen',
      resolve: (i) => refs.attributesOf(i).fineFenIfPenalised,
    }),
    matterCode: t.string({
      nullable: true,
      description:
        '行政执法事项编码（空：未对应事项的旧事项）The enforcement matter it concerns, by code; null on items made before matters',
      resolve: (i) => refs.attributesOf(i).matterCode,
    }),
    matter: t.loadable({
      type: core.EnforcementMatter,
      nullable: true,
      description:
        '对应的行政执法事项（调用者可见的；无编码或不可见时为空）The enforcement matter the item names, when the caller may see it',
      // One query for every item of a page; the matters' own row rule (published: public; drafts:
      // staff) is the framework's: the loader reads through this field's ruled context.
      load: async (codes: string[], ctx: Context) => {
        const rows = await ctx.prisma.enforcementMatter.findMany({
          where: { code: { in: codes } },
        });
        const byCode = new Map<string, EnforcementMatter>(rows.map((m) => [m.code, m]));
        return codes.map((c) => byCode.get(c) ?? null);
      },
      resolve: (i) => refs.attributesOf(i).matterCode,
    }),
    mandatory: t.boolean({
      description:
        '是否“不予处罚”（应当：轻微违法、无主观过错）；否则为“可以不予处罚”（裁量：首违）Mandatory (不予: MINOR, NO_FAULT) or discretionary (可以不予: FIRST_OFFENCE), 行政处罚法第33条',
      resolve: (i) => isMandatory(refs.attributesOf(i).itemKind),
    }),
    legalEffect: t.string({
      description: '法律效果及依据 Legal effect and basis, e.g. 不予行政处罚（行政处罚法第33条第1款，应当）',
      resolve: (i) => ITEM_KIND_LEGAL_EFFECT[refs.attributesOf(i).itemKind].zh,
    }),
  }));
  return { ...refs, ItemKindEnum, ConditionEnum };
}
