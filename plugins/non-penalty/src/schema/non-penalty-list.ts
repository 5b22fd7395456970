// 不予处罚清单 on the shared list machinery: the item attributes, their CSV columns and GraphQL fields.
import { z } from 'zod';
import { describedValues, msg, type ZhifaBuilder } from '@zhifa/core';
import { defineListKind, fenToYuan, yuanToFen, type ListCsvColumn, type ListKindRefs } from '@zhifa/core/lists';
import {
  CONDITION_LABEL,
  DEFAULT_CONDITIONS,
  ITEM_KIND_LABEL,
  NON_PENALTY_CONDITIONS,
  NON_PENALTY_ITEM_KINDS,
  type NonPenaltyCondition,
  type NonPenaltyItemKind,
} from '../rules.js';

export interface NonPenaltyAttributes {
  itemKind: NonPenaltyItemKind;
  conditions: NonPenaltyCondition[];
  correctionDeadlineDays: number;
  /** The fine the 处罚依据 would have set, in fen, when known (for "fines not imposed"). */
  fineFenIfPenalised: number | null;
}

export const NON_PENALTY_TOPIC_PREFIX = 'nonPenaltyList';

export const nonPenaltyAttributesSchema = z
  .object({
    itemKind: z.enum(NON_PENALTY_ITEM_KINDS, msg('适用类型应为 轻微违法、首违不罚 或 无主观过错', 'itemKind must be MINOR, FIRST_OFFENCE or NO_FAULT')),
    conditions: z
      .array(z.enum(NON_PENALTY_CONDITIONS, msg('未知的适用条件', 'unknown condition')))
      .min(1, msg('至少一项适用条件', 'at least one condition'))
      .nullish(),
    correctionDeadlineDays: z
      .number(msg('改正期限应为天数', 'correctionDeadlineDays must be a number of days'))
      .int(msg('改正期限应为整数天', 'correctionDeadlineDays must be whole days'))
      .min(0, msg('改正期限不能为负', 'correctionDeadlineDays must not be negative'))
      .max(365, msg('改正期限不超过 365 天', 'correctionDeadlineDays at most 365')),
    fineFenIfPenalised: z
      .union([z.bigint(), z.number().int()], msg('参考罚款应为整数分', 'fineFenIfPenalised must be whole fen'))
      .transform((v) => Number(v))
      .refine((v) => v >= 0 && Number.isSafeInteger(v), msg('参考罚款不合法', 'fineFenIfPenalised out of range'))
      .nullish(),
  })
  .transform(
    (a): NonPenaltyAttributes => ({
      itemKind: a.itemKind,
      conditions: [...new Set(a.conditions ?? DEFAULT_CONDITIONS[a.itemKind])],
      correctionDeadlineDays: a.correctionDeadlineDays,
      fineFenIfPenalised: a.fineFenIfPenalised ?? null,
    }),
  );

const byLabel = <K extends string>(labels: Record<K, { zh: string }>, text: string): K | undefined => {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  return (Object.keys(labels) as K[]).find((k) => k === t.toUpperCase() || labels[k].zh === t);
};

// 适用条件 is optional and last: real county sheets rarely carry it; without it the kind's defaults apply.
export const nonPenaltyCsvColumns: ListCsvColumn[] = [
  {
    header: '适用类型',
    field: 'itemKind',
    required: true,
    parse: (cell) => {
      const k = byLabel(ITEM_KIND_LABEL, cell);
      return k
        ? { value: k }
        : { error: { zh: '应为 轻微违法、首违不罚 或 无主观过错', en: 'must be 轻微违法 (MINOR), 首违不罚 (FIRST_OFFENCE) or 无主观过错 (NO_FAULT)' } };
    },
    format: (v) => ITEM_KIND_LABEL[v as NonPenaltyItemKind]?.zh ?? '',
  },
  {
    header: '改正期限（天）',
    field: 'correctionDeadlineDays',
    required: true,
    parse: (cell) =>
      /^\d{1,3}$/.test(cell) ? { value: Number(cell) } : { error: { zh: '应为不小于 0 的整数天数', en: 'must be a whole number of days, 0 or more' } },
    format: (v) => String(v ?? ''),
  },
  {
    header: '参考罚款（元）',
    field: 'fineFenIfPenalised',
    required: false,
    parse: (cell) => {
      if (!cell) return { value: undefined };
      const fen = yuanToFen(cell);
      return fen === null ? { error: { zh: '应为金额（元，最多两位小数），如 2000 或 1500.50', en: 'must be an amount in yuan with at most 2 decimals, e.g. 2000 or 1500.50' } } : { value: fen };
    },
    format: (v) => (v == null ? '' : fenToYuan(v as number)),
  },
  {
    header: '适用条件',
    field: 'conditions',
    required: false,
    parse: (cell) => {
      if (!cell) return { value: undefined };
      const parts = cell.split(/[、；;，,\n]+/).map((s) => s.trim()).filter(Boolean);
      const codes = parts.map((p) => byLabel(CONDITION_LABEL, p));
      const bad = parts.filter((_p, i) => !codes[i]);
      return bad.length
        ? { error: { zh: `未知的适用条件：${bad.join('、')}`, en: `unknown condition(s): ${bad.join(', ')}` } }
        : { value: codes };
    },
    format: (v) => ((v as NonPenaltyCondition[] | undefined) ?? []).map((c) => CONDITION_LABEL[c].zh).join('；'),
  },
];

export function registerNonPenaltyList(builder: ZhifaBuilder): ListKindRefs & { ItemKindEnum: any; ConditionEnum: any } {
  const ItemKindEnum = builder.enumType('NonPenaltyItemKind', {
    description: '不予处罚事项类型 Kind of non-penalty item',
    values: describedValues(ITEM_KIND_LABEL) as Record<NonPenaltyItemKind, { description: string }>,
  });
  const ConditionEnum = builder.enumType('NonPenaltyCondition', {
    description: '不予处罚适用条件 A condition of a non-penalty item',
    values: describedValues(CONDITION_LABEL) as Record<NonPenaltyCondition, { description: string }>,
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
    kind: 'NON_PENALTY',
    typePrefix: 'NonPenalty',
    nameZh: '不予处罚清单',
    nameEn: 'non-penalty list',
    attributes: nonPenaltyAttributesSchema as unknown as z.ZodType<Record<string, unknown>>,
    attributesInput: AttributesInput,
    csvColumns: nonPenaltyCsvColumns,
    topicPrefix: NON_PENALTY_TOPIC_PREFIX,
    itemFilters: {
      args: (arg) => ({ itemKind: arg({ type: ItemKindEnum, required: false, description: '适用类型 Kind' }) }),
      where: (args) => (args.itemKind ? { attributes: { path: ['itemKind'], equals: args.itemKind as string } } : {}),
    },
  });

  const attrs = (i: { attributes: unknown }) => i.attributes as NonPenaltyAttributes;
  builder.prismaObjectFields(refs.item, (t: any) => ({
    itemKind: t.field({ type: ItemKindEnum, description: '适用类型 Kind', resolve: (i: any) => attrs(i).itemKind }),
    conditions: t.field({ type: [ConditionEnum], description: '适用条件 Conditions', resolve: (i: any) => attrs(i).conditions }),
    correctionDeadlineDays: t.int({ description: '改正期限（天）Days allowed to correct', resolve: (i: any) => attrs(i).correctionDeadlineDays }),
    fineFenIfPenalised: t.field({
      type: 'Fen',
      nullable: true,
      description: '参考罚款（分）：按处罚依据本应处的罚款 The fine the penalty provision would have set, in fen',
      resolve: (i: any) => attrs(i).fineFenIfPenalised,
    }),
  }));
  return { ...refs, ItemKindEnum, ConditionEnum };
}
