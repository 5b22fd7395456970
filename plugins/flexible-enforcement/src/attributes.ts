// The attributes the three flexible-enforcement list kinds' items carry beyond core's common columns
// (violation, provisions, 适用情形), how they are validated (GraphQL input and CSV alike), their CSV
// columns, and the checks that need the database (the matter exists; a LIGHTER band lies in its range).
// Every item names the enforcement matter it concerns: an item is applied to a case of that matter only.
import { z } from 'zod';
import { msg } from '@zhifa/core';
import { fenToYuan, yuanToFen, type ItemAttributeIssue, type ListCsvColumn } from '@zhifa/core/lists';
import type { Db } from '@zhifa/core/prisma';
import { readBenchmark } from '@zhifa/core/rules';
import {
  CIRCUMSTANCE_LABEL,
  MITIGATION_CIRCUMSTANCES,
  WAIVABLE_MEASURE_KINDS,
  type Bilingual,
  type MitigationCircumstance,
} from './rules.js';

export const MATTER_CODE_MAX = 64;
export const EXCLUSIONS_MAX = 2000;
export const MEASURE_TARGET_MAX = 200;
export const MEASURE_PROVISION_MAX = 2000;

export type WaivableMeasureKind = (typeof WAIVABLE_MEASURE_KINDS)[number];

interface CommonAttributes {
  /** 行政执法事项编码: the enforcement matter the item concerns (EnforcementMatter.code). */
  matterCode: string;
  /** 排除情形: circumstances in which the item does not apply; null when the list states none. */
  exclusions: string | null;
}

export type LighterAttributes = CommonAttributes & {
  /** A band narrower than the matter's 从轻 tier, in fen; null bound = the tier's own. */
  fineMinFen: number | null;
  fineMaxFen: number | null;
};
export type MitigatedAttributes = CommonAttributes & { circumstance: MitigationCircumstance };
export type NoCompulsoryAttributes = CommonAttributes & {
  measureKind: WaivableMeasureKind;
  /** What the measure would be taken on (e.g. 生产设备); null: any object. */
  measureTarget: string | null;
  /** The provision that would otherwise allow the measure (e.g. 《食品安全法》第一百一十条). */
  measureProvision: string;
};

const optionalText = (max: number, zh: string, en: string) =>
  z
    .string(msg(`${zh}应为文字`, `${en} must be text`))
    .trim()
    .max(max, msg(`${zh}过长（上限 ${max} 字）`, `${en} too long (at most ${max})`))
    .nullish()
    .transform((v) => v || null);

const common = {
  matterCode: z
    .string(msg('事项编码应为文字', 'matterCode must be text'))
    .trim()
    .min(1, msg('须写明行政执法事项编码', 'matterCode is required'))
    .max(
      MATTER_CODE_MAX,
      msg(`事项编码过长（上限 ${MATTER_CODE_MAX} 字）`, `matterCode too long (at most ${MATTER_CODE_MAX})`),
    )
    .regex(/^\S+$/, msg('事项编码不能含空白', 'matterCode must not contain spaces')),
  exclusions: optionalText(EXCLUSIONS_MAX, '排除情形', 'exclusions'),
};

const fen = (zh: string, en: string) =>
  z
    .union([z.bigint(), z.number().int()], msg(`${zh}应为整数分`, `${en} must be whole fen`))
    .transform((v) => Number(v))
    .refine((v) => v >= 0 && Number.isSafeInteger(v), msg(`${zh}不合法`, `${en} out of range`))
    .nullish()
    .transform((v) => v ?? null);

export const lighterAttributes = z
  .object({
    ...common,
    fineMinFen: fen('罚款下限', 'fineMinFen'),
    fineMaxFen: fen('罚款上限', 'fineMaxFen'),
  })
  .refine((a) => a.fineMinFen === null || a.fineMaxFen === null || a.fineMinFen <= a.fineMaxFen, {
    message: msg('罚款下限不能高于上限', 'fineMinFen must not exceed fineMaxFen'),
    path: ['fineMinFen'],
  })
  .transform((a): LighterAttributes => a);

export const mitigatedAttributes = z
  .object({
    ...common,
    circumstance: z.enum(
      MITIGATION_CIRCUMSTANCES,
      msg('须写明行政处罚法第32条规定的减轻情形', 'circumstance must be one of art. 32’s five'),
    ),
  })
  .transform((a): MitigatedAttributes => a);

export const noCompulsoryAttributes = z
  .object({
    ...common,
    measureKind: z.enum(
      WAIVABLE_MEASURE_KINDS,
      msg('强制措施种类应为 查封、扣押 或 冻结', 'measureKind must be SEAL_UP, SEIZURE or FREEZE'),
    ),
    measureTarget: optionalText(MEASURE_TARGET_MAX, '强制措施对象', 'measureTarget'),
    measureProvision: z
      .string(msg('强制措施依据应为文字', 'measureProvision must be text'))
      .trim()
      .min(1, msg('须写明原本可采取该强制措施的依据', 'measureProvision (what would allow the measure) is required'))
      .max(
        MEASURE_PROVISION_MAX,
        msg(
          `强制措施依据过长（上限 ${MEASURE_PROVISION_MAX} 字）`,
          `measureProvision too long (at most ${MEASURE_PROVISION_MAX})`,
        ),
      ),
  })
  .transform((a): NoCompulsoryAttributes => a);

// ── CSV columns ─────────────────────────────────────────────────────────────────────────────────────

const byLabel = <K extends string>(labels: Record<K, { zh: string }>, text: string): K | undefined => {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  return (Object.keys(labels) as K[]).find((k) => k === t.toUpperCase() || labels[k].zh === t);
};

const textColumn = (header: string, field: string, required: boolean): ListCsvColumn => ({
  header,
  field,
  required,
  parse: (cell) => ({ value: cell || undefined }),
  format: (v) => (typeof v === 'string' ? v : ''),
});

const commonColumns: ListCsvColumn[] = [
  textColumn('执法事项编码', 'matterCode', true),
  textColumn('排除情形', 'exclusions', false),
];

const yuanColumn = (header: string, field: string): ListCsvColumn => ({
  header,
  field,
  required: false,
  parse: (cell) => {
    if (!cell) return { value: undefined };
    const f = yuanToFen(cell);
    return f === null
      ? {
          error: {
            zh: '应为金额（元，最多两位小数），如 2000 或 1500.50',
            en: 'must be an amount in yuan with at most 2 decimals, e.g. 2000 or 1500.50',
          },
        }
      : { value: f };
  },
  format: (v) => (v == null ? '' : fenToYuan(v as number)),
});

export const lighterCsvColumns: ListCsvColumn[] = [
  ...commonColumns,
  yuanColumn('罚款下限（元）', 'fineMinFen'),
  yuanColumn('罚款上限（元）', 'fineMaxFen'),
];

export const mitigatedCsvColumns: ListCsvColumn[] = [
  ...commonColumns,
  {
    header: '减轻情形',
    field: 'circumstance',
    required: true,
    parse: (cell) => {
      const c = byLabel(CIRCUMSTANCE_LABEL, cell);
      return c
        ? { value: c }
        : {
            error: {
              zh: `应为行政处罚法第32条的情形之一：${MITIGATION_CIRCUMSTANCES.map((k) => CIRCUMSTANCE_LABEL[k].zh).join('、')}`,
              en: `must be one of art. 32’s circumstances: ${MITIGATION_CIRCUMSTANCES.join(', ')}`,
            },
          };
    },
    format: (v) => CIRCUMSTANCE_LABEL[v as MitigationCircumstance]?.zh ?? '',
  },
];

export const MEASURE_KIND_LABEL: Record<WaivableMeasureKind, Bilingual> = {
  SEAL_UP: { zh: '查封', en: 'seal-up' },
  SEIZURE: { zh: '扣押', en: 'seizure' },
  FREEZE: { zh: '冻结', en: 'freeze' },
};

export const noCompulsoryCsvColumns: ListCsvColumn[] = [
  ...commonColumns,
  {
    header: '强制措施种类',
    field: 'measureKind',
    required: true,
    parse: (cell) => {
      const k = byLabel(MEASURE_KIND_LABEL, cell);
      return k
        ? { value: k }
        : { error: { zh: '应为 查封、扣押 或 冻结', en: 'must be 查封 (SEAL_UP), 扣押 (SEIZURE) or 冻结 (FREEZE)' } };
    },
    format: (v) => MEASURE_KIND_LABEL[v as WaivableMeasureKind]?.zh ?? '',
  },
  textColumn('强制措施对象', 'measureTarget', false),
  textColumn('强制措施依据', 'measureProvision', true),
];

// ── checks against the database ─────────────────────────────────────────────────────────────────────

const yuan = (f: number) => `¥${fenToYuan(f)}`;

/**
 * Every item's matter exists (one query for the batch); `extra` adds a kind's own checks of an item
 * against its matter.
 */
async function checkMatters<A extends CommonAttributes>(
  db: Db,
  items: readonly A[],
  extra?: (item: A, matter: MatterBounds) => Omit<ItemAttributeIssue, 'index'> | null,
): Promise<ItemAttributeIssue[]> {
  const codes = [...new Set(items.map((i) => i.matterCode))];
  if (!codes.length) return [];
  const matters = new Map(
    (
      await db.enforcementMatter.findMany({
        where: { code: { in: codes } },
        select: { code: true, fineMinFen: true, fineMaxFen: true, benchmark: true },
      })
    ).map((m) => [m.code, m]),
  );
  return items.flatMap((i, index) => {
    const m = matters.get(i.matterCode);
    if (!m)
      return [
        {
          index,
          field: 'matterCode',
          message: {
            zh: `未找到编码为 ${i.matterCode} 的行政执法事项`,
            en: `no enforcement matter has the code ${i.matterCode}`,
          },
        },
      ];
    const issue = extra?.(i, m);
    return issue ? [{ index, ...issue }] : [];
  });
}

interface MatterBounds {
  fineMinFen: bigint | null;
  fineMaxFen: bigint | null;
  benchmark: unknown;
}

/**
 * A LIGHTER item's band (行政处罚法 第32条: 从轻 within the lawful range; 第34条 裁量基准) lies within the
 * matter's 从轻 tier where its benchmark states one, else within the matter's lawful fine range: a list
 * narrows the benchmark, it never widens it.
 */
export function lighterBandIssue(a: LighterAttributes, m: MatterBounds): Omit<ItemAttributeIssue, 'index'> | null {
  if (a.fineMinFen === null && a.fineMaxFen === null) return null;
  const tier = readBenchmark(m.benchmark).find((t) => t.tier === 'LIGHTER');
  const lo = Number(tier?.fineMinFen ?? m.fineMinFen ?? 0n);
  const hiBig = tier?.fineMaxFen ?? m.fineMaxFen;
  const hi = hiBig === null ? null : Number(hiBig);
  const where = tier
    ? { zh: '裁量基准从轻档', en: 'the benchmark’s lighter tier' }
    : { zh: '法定罚款幅度', en: 'the lawful fine range' };
  const range = `${yuan(lo)}–${hi === null ? '∞' : yuan(hi)}`;
  const outside = [a.fineMinFen, a.fineMaxFen].find(
    (v): v is number => v !== null && (v < lo || (hi !== null && v > hi)),
  );
  if (outside === undefined) return null;
  return {
    field: outside === a.fineMinFen ? 'fineMinFen' : 'fineMaxFen',
    message: {
      zh: `从轻处罚幅度 ${yuan(outside)} 超出事项${where.zh} ${range}（行政处罚法第32条、第34条）`,
      en: `the lighter band's ${yuan(outside)} lies outside ${where.en} ${range} (arts. 32, 34)`,
    },
  };
}

export const checkLighterItems = (db: Db, items: readonly LighterAttributes[]) =>
  checkMatters(db, items, lighterBandIssue);
export const checkMatterItems = <A extends CommonAttributes>(db: Db, items: readonly A[]) => checkMatters(db, items);
