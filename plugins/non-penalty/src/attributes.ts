// The attributes a non-penalty list item carries beyond the common columns, how they are validated
// (GraphQL input and CSV alike) and their CSV columns. No schema; one database check (the matter exists).
import { z } from 'zod';
import { msg } from '@zhifa/core';
import { fenToYuan, yuanToFen, type ItemAttributeIssue, type ListCsvColumn } from '@zhifa/core/lists';
import type { Db } from '@zhifa/core/prisma';
import {
  CONDITION_LABEL,
  DEFAULT_CONDITIONS,
  ITEM_KIND_LABEL,
  NON_PENALTY_CONDITIONS,
  NON_PENALTY_ITEM_KINDS,
  type NonPenaltyCondition,
  type NonPenaltyItemKind,
} from './rules.js';

export type NonPenaltyAttributes = {
  itemKind: NonPenaltyItemKind;
  conditions: NonPenaltyCondition[];
  correctionDeadlineDays: number;
  /** The fine the 处罚依据 would have set, in fen, when known (for "fines not imposed"). */
  fineFenIfPenalised: number | null;
  /** 行政执法事项编码: the enforcement matter the item concerns (EnforcementMatter.code); null on items made before matters. */
  matterCode: string | null;
};

export const MATTER_CODE_MAX = 64;

/** The list kind this plugin owns (EnforcementList.kind), with its label for the ListKind enum. */
export const NON_PENALTY_KIND = 'NON_PENALTY';
export const NON_PENALTY_KIND_LABEL = { kind: NON_PENALTY_KIND, zh: '不予处罚清单', en: 'Non-penalty list' };

export const nonPenaltyAttributes = z
  .object({
    itemKind: z.enum(
      NON_PENALTY_ITEM_KINDS,
      msg('适用类型应为 轻微违法、首违不罚 或 无主观过错', 'itemKind must be MINOR, FIRST_OFFENCE or NO_FAULT'),
    ),
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
    matterCode: z
      .string(msg('事项编码应为文字', 'matterCode must be text'))
      .trim()
      .min(1, msg('事项编码不能为空', 'matterCode must not be empty'))
      .max(
        MATTER_CODE_MAX,
        msg(`事项编码过长（上限 ${MATTER_CODE_MAX} 字）`, `matterCode too long (at most ${MATTER_CODE_MAX})`),
      )
      .regex(/^\S+$/, msg('事项编码不能含空白', 'matterCode must not contain spaces'))
      .nullish(),
  })
  .transform((a): NonPenaltyAttributes => ({
    itemKind: a.itemKind,
    conditions: [...new Set(a.conditions ?? DEFAULT_CONDITIONS[a.itemKind])],
    correctionDeadlineDays: a.correctionDeadlineDays,
    fineFenIfPenalised: a.fineFenIfPenalised ?? null,
    matterCode: a.matterCode ?? null,
  }));

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
        : {
            error: {
              zh: '应为 轻微违法、首违不罚 或 无主观过错',
              en: 'must be 轻微违法 (MINOR), 首违不罚 (FIRST_OFFENCE) or 无主观过错 (NO_FAULT)',
            },
          };
    },
    format: (v) => ITEM_KIND_LABEL[v as NonPenaltyItemKind]?.zh ?? '',
  },
  {
    header: '改正期限（天）',
    field: 'correctionDeadlineDays',
    required: true,
    parse: (cell) =>
      /^\d{1,3}$/.test(cell)
        ? { value: Number(cell) }
        : { error: { zh: '应为不小于 0 的整数天数', en: 'must be a whole number of days, 0 or more' } },
    format: (v) => String((v as number | null) ?? ''),
  },
  {
    header: '参考罚款（元）',
    field: 'fineFenIfPenalised',
    required: false,
    parse: (cell) => {
      if (!cell) return { value: undefined };
      const fen = yuanToFen(cell);
      return fen === null
        ? {
            error: {
              zh: '应为金额（元，最多两位小数），如 2000 或 1500.50',
              en: 'must be an amount in yuan with at most 2 decimals, e.g. 2000 or 1500.50',
            },
          }
        : { value: fen };
    },
    format: (v) => (v == null ? '' : fenToYuan(v as number)),
  },
  {
    header: '适用条件',
    field: 'conditions',
    required: false,
    parse: (cell) => {
      if (!cell) return { value: undefined };
      const parts = cell
        .split(/[、；;，,\n]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      const codes = parts.map((p) => byLabel(CONDITION_LABEL, p));
      const bad = parts.filter((_p, i) => !codes[i]);
      return bad.length
        ? { error: { zh: `未知的适用条件：${bad.join('、')}`, en: `unknown condition(s): ${bad.join(', ')}` } }
        : { value: codes };
    },
    format: (v) => ((v as NonPenaltyCondition[] | undefined) ?? []).map((c) => CONDITION_LABEL[c].zh).join('；'),
  },
  {
    header: '执法事项编码',
    field: 'matterCode',
    required: false,
    parse: (cell) => ({ value: cell || undefined }),
    format: (v) => (typeof v === 'string' ? v : ''),
  },
];

/** The matters the items name must exist (EnforcementMatter.code); one query for the whole batch. */
export async function checkMatterCodes(db: Db, items: readonly NonPenaltyAttributes[]): Promise<ItemAttributeIssue[]> {
  const codes = [...new Set(items.map((i) => i.matterCode).filter((c): c is string => c !== null))];
  if (!codes.length) return [];
  const found = new Set(
    (await db.enforcementMatter.findMany({ where: { code: { in: codes } }, select: { code: true } })).map(
      (m) => m.code,
    ),
  );
  return items.flatMap((i, index) =>
    i.matterCode !== null && !found.has(i.matterCode)
      ? [
          {
            index,
            field: 'matterCode',
            message: {
              zh: `未找到编码为 ${i.matterCode} 的行政执法事项`,
              en: `no enforcement matter has the code ${i.matterCode}`,
            },
          },
        ]
      : [],
  );
}
