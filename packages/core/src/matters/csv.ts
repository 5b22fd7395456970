// CSV import and export of enforcement matters, in the spreadsheet shape a county's 权责清单 /
// 裁量基准 is kept in (Chinese headers, amounts in yuan):
//   事项编码 · 事项名称 · 监管领域 · 实施主体类别 · 违法依据 · 处罚依据 · 处罚种类 ·
//   罚款下限（元） · 罚款上限（元） · 违法所得倍数下限 · 违法所得倍数上限 · 追责时效（年） ·
//   违法所得不足（元）适用罚款幅度 · 必处种类（并处） · 选处种类 ·
//   then the 裁量基准 (行政处罚法 第34条), four columns a tier — 从轻罚款下限（元） · 从轻罚款上限（元） ·
//   从轻处罚种类 · 从轻情形 — for 减轻, 从轻, 一般, 从重, and 不予处罚情形; a tier is present when any of its cells is.
// 实施主体类别 and 处罚种类 hold several values separated by 、 (or ， , ； ; /), each the Chinese name
// (县行政执法机关, 罚款 …) or the API's code (ENFORCEMENT_AGENCY, FINE …).
//
// Import is all or nothing: every row is checked — cells (OWASP formula rule and text rules of
// lists/csv.ts), then the matter rules (rules/matter.ts) — and every problem is reported with its
// line (the header is line 1) and column, in Chinese and English, before anything is written.
// Export writes UTF-8 with a BOM and CRLF, every cell neutralised against formula injection;
// importing an export gives back the same matters.
import { stringify } from 'csv-stringify/sync';
import { AgencyKind, PenaltyKind } from '../generated/prisma/enums.js';
import { ValidationError, type Bilingual } from '../errors.js';
import {
  csvIssue,
  fenToYuan,
  headerKey,
  neutraliseCsvCell,
  readCsvCell,
  readCsvTable,
  startLine,
  yuanToFen,
} from '../lists/csv.js';
import { AGENCY_KIND_NAMES, PENALTY_KIND_NAMES } from '../rules/names.js';
import { MATTER_CODE, MATTER_LIMITS, matterProblems, type MatterFields } from '../rules/matter.js';
import {
  CIRCUMSTANCES_MAX,
  DISCRETION_TIERS,
  type DiscretionTier,
  type DiscretionTierKind,
} from '../rules/discretion.js';

export const MATTER_HEADERS = {
  code: '事项编码',
  name: '事项名称',
  domain: '监管领域',
  agencyKinds: '实施主体类别',
  violatedProvision: '违法依据',
  penaltyProvision: '处罚依据',
  penaltyKinds: '处罚种类',
  fineMinFen: '罚款下限（元）',
  fineMaxFen: '罚款上限（元）',
  gainsMultipleMin: '违法所得倍数下限',
  gainsMultipleMax: '违法所得倍数上限',
  limitationYears: '追责时效（年）',
  fallbackBelowFen: '违法所得不足（元）适用罚款幅度',
  mandatoryKinds: '必处种类（并处）',
  alternativeKinds: '选处种类',
} as const satisfies Record<Exclude<keyof MatterFields, 'benchmark'>, string>;

/** The 裁量基准 columns of each tier (不予处罚 has only its circumstances). */
const TIER_SHORT: Record<DiscretionTierKind, string> = {
  NO_PENALTY: '不予处罚',
  MITIGATED: '减轻',
  LIGHTER: '从轻',
  GENERAL: '一般',
  HEAVIER: '从重',
};
type TierColumn = 'fineMinFen' | 'fineMaxFen' | 'penaltyKinds' | 'circumstances';
const tierColumns = (t: DiscretionTierKind): TierColumn[] =>
  t === 'NO_PENALTY' ? ['circumstances'] : ['fineMinFen', 'fineMaxFen', 'penaltyKinds', 'circumstances'];
export const tierHeader = (t: DiscretionTierKind, c: TierColumn): string =>
  TIER_SHORT[t] +
  { fineMinFen: '罚款下限（元）', fineMaxFen: '罚款上限（元）', penaltyKinds: '处罚种类', circumstances: '情形' }[c];
const TIER_HEADERS = DISCRETION_TIERS.flatMap((t) => tierColumns(t).map((c) => tierHeader(t, c)));

type Field = Exclude<keyof MatterFields, 'benchmark'>;
const FIELDS = Object.keys(MATTER_HEADERS) as Field[];
/** Columns the header row must have; the numeric ones may be left out (blank: none, 追责时效 2 years). */
const REQUIRED: readonly Field[] = [
  'code',
  'name',
  'domain',
  'agencyKinds',
  'violatedProvision',
  'penaltyProvision',
  'penaltyKinds',
];
const MULTILINE: readonly Field[] = ['violatedProvision', 'penaltyProvision'];
/** Columns that may be empty lists. */
const OPTIONAL_LISTS: readonly Field[] = ['mandatoryKinds', 'alternativeKinds'];
const TEXT_LIMIT: Partial<Record<Field, number>> = {
  code: MATTER_LIMITS.code,
  name: MATTER_LIMITS.name,
  domain: MATTER_LIMITS.domain,
  violatedProvision: MATTER_LIMITS.provision,
  penaltyProvision: MATTER_LIMITS.provision,
};

export const MATTER_CSV_ROWS = 2000;
const BOM = '\uFEFF';

/** One matter read from a CSV, with the line it starts on. */
export interface MatterRow {
  line: number;
  fields: MatterFields;
}

/** Name (Chinese, NFKC) or code → enum value. */
function lookup<T extends string>(values: readonly T[], zhName: (v: T) => string): Map<string, T> {
  const m = new Map<string, T>();
  for (const v of values) {
    m.set(headerKey(v), v);
    m.set(headerKey(zhName(v)), v);
  }
  return m;
}
const AGENCY_KINDS = lookup(Object.values(AgencyKind), (k) => AGENCY_KIND_NAMES[k]);
const PENALTY_KINDS = lookup(Object.values(PenaltyKind), (k) => PENALTY_KIND_NAMES[k].zh);
const SEPARATORS = /[、，,；;/／\n]+/;

function enumList<T extends string>(
  cell: string,
  table: Map<string, T>,
  what: Bilingual,
  names: readonly string[],
): { value: T[] } | { error: Bilingual } {
  const parts = cell
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.length) return { error: { zh: '不能为空', en: 'must not be empty' } };
  const unknown = parts.filter((p) => !table.has(headerKey(p)));
  if (unknown.length)
    return {
      error: {
        zh: `不认识的${what.zh}：${unknown.join('、')}（可填：${names.join('、')}）`,
        en: `unknown ${what.en}: ${unknown.join(', ')} (one of: ${names.join(', ')})`,
      },
    };
  return { value: parts.map((p) => table.get(headerKey(p))!) };
}

const MULTIPLE = /^\d{1,3}(?:\.\d{1,4})?$/;

/** Parse a whole CSV into matters, or throw one ValidationError listing every problem. */
export function parseMattersCsv(input: Uint8Array | string): MatterRow[] {
  const { headers, index, rows, issues } = readCsvTable(input, MATTER_CSV_ROWS);
  const missing = REQUIRED.map((f) => MATTER_HEADERS[f]).filter((h) => !index.has(headerKey(h)));
  if (missing.length)
    issues.push({
      path: ['csv', 'header'],
      messageZh: `缺少必需的列：${missing.join('、')}`,
      messageEn: `missing required column(s): ${missing.join(', ')}`,
    });
  if (issues.length) throw new ValidationError(issues);

  const dataRows = rows;
  if (dataRows.length === 0)
    throw ValidationError.one(['csv'], { zh: '文件没有数据行', en: 'The file has no data rows' });

  const out: MatterRow[] = [];
  const codeLines = new Map<string, number>();
  for (const row of dataRows) {
    const line = startLine(row);
    const before = issues.length;
    const badAt = (header: string, m: Bilingual) => issues.push(csvIssue(line, header, m));
    const bad = (f: Field, m: Bilingual) => badAt(MATTER_HEADERS[f], m);
    /** The cell's text under `header`, or null when refused (the issue is recorded). */
    const cellAt = (header: string, kind: 'multiline' | 'name' | 'line'): string | null => {
      const i = index.get(headerKey(header));
      const r = readCsvCell(i === undefined ? '' : (row.record[i] ?? ''), kind);
      if ('value' in r) return r.value;
      badAt(header, r.error);
      return null;
    };
    const cell = (f: Field): string | null =>
      cellAt(MATTER_HEADERS[f], MULTILINE.includes(f) ? 'multiline' : f === 'code' ? 'name' : 'line');
    if (row.record.slice(headers.length).some((c) => c.trim() !== ''))
      issues.push(csvIssue(line, null, { zh: '该行的列数多于表头', en: 'the row has more cells than the header' }));

    const cells = Object.fromEntries(FIELDS.map((f) => [f, cell(f)])) as Record<Field, string | null>;
    const text = (f: Field): string => {
      const v = cells[f];
      if (v === null) return '';
      if (!v) bad(f, { zh: '不能为空', en: 'must not be empty' });
      else if (v.length > TEXT_LIMIT[f]!)
        bad(f, { zh: `过长（上限 ${TEXT_LIMIT[f]} 字）`, en: `too long (at most ${TEXT_LIMIT[f]} characters)` });
      return v;
    };
    const code = text('code');
    if (code && !MATTER_CODE.test(code))
      bad('code', {
        zh: '事项编码只能含字母、数字和 . _ - /，以字母或数字开头',
        en: 'a matter code holds letters, digits and . _ - / and starts with a letter or digit',
      });
    else if (code && codeLines.has(code))
      bad('code', { zh: `与第 ${codeLines.get(code)} 行重复`, en: `duplicates line ${codeLines.get(code)}` });
    else if (code) codeLines.set(code, line);

    const list = <T extends string>(
      f: Field,
      table: Map<string, T>,
      what: Bilingual,
      names: readonly string[],
    ): T[] => {
      const v = cells[f];
      if (v === null || (v === '' && OPTIONAL_LISTS.includes(f))) return [];
      const r = enumList(v, table, what, names);
      if ('error' in r) {
        bad(f, r.error);
        return [];
      }
      return r.value;
    };
    const fenOf = (v: string | null, header: string): bigint | null => {
      if (!v) return null;
      const n = yuanToFen(v);
      if (n === null)
        badAt(header, {
          zh: '应为金额（元），如 30000 或 2,000.50',
          en: 'must be an amount in yuan, e.g. 30000 or 2,000.50',
        });
      return n === null ? null : BigInt(n);
    };
    const fen = (f: Field): bigint | null => fenOf(cells[f], MATTER_HEADERS[f]);
    const kindNames = Object.values(PENALTY_KIND_NAMES).map((n) => n.zh);
    const kindsWhat = { zh: '处罚种类', en: 'penalty kind(s)' };
    // 裁量基准: a tier is present when any of its cells is filled.
    const benchmark: DiscretionTier[] = [];
    for (const tier of DISCRETION_TIERS) {
      const get = (c: TierColumn) => cellAt(tierHeader(tier, c), c === 'circumstances' ? 'multiline' : 'line');
      const raw = Object.fromEntries(tierColumns(tier).map((c) => [c, get(c)])) as Partial<
        Record<TierColumn, string | null>
      >;
      if (!Object.values(raw).some((v) => v)) continue;
      let kinds: PenaltyKind[] = [];
      if (raw.penaltyKinds) {
        const r = enumList(raw.penaltyKinds, PENALTY_KINDS, kindsWhat, kindNames);
        if ('error' in r) badAt(tierHeader(tier, 'penaltyKinds'), r.error);
        else kinds = r.value;
      }
      const circumstances = raw.circumstances ?? '';
      if (circumstances.length > CIRCUMSTANCES_MAX)
        badAt(tierHeader(tier, 'circumstances'), {
          zh: `过长（上限 ${CIRCUMSTANCES_MAX} 字）`,
          en: `too long (at most ${CIRCUMSTANCES_MAX} characters)`,
        });
      benchmark.push({
        tier,
        fineMinFen: fenOf(raw.fineMinFen ?? null, tierHeader(tier, 'fineMinFen')),
        fineMaxFen: fenOf(raw.fineMaxFen ?? null, tierHeader(tier, 'fineMaxFen')),
        penaltyKinds: kinds,
        circumstances,
      });
    }
    const multiple = (f: Field): number | null => {
      const v = cells[f];
      if (!v) return null;
      if (!MULTIPLE.test(v)) {
        bad(f, { zh: '应为倍数，如 1 或 0.5', en: 'must be a multiple, e.g. 1 or 0.5' });
        return null;
      }
      return Number(v);
    };
    let limitationYears = 2;
    if (cells.limitationYears) {
      if (/^\d{1,2}$/.test(cells.limitationYears)) limitationYears = Number(cells.limitationYears);
      else bad('limitationYears', { zh: '应为年数（2 或 5）', en: 'must be a number of years (2 or 5)' });
    }

    const fields: MatterFields = {
      code,
      name: text('name'),
      domain: text('domain'),
      agencyKinds: list(
        'agencyKinds',
        AGENCY_KINDS,
        { zh: '实施主体类别', en: 'agency kind(s)' },
        Object.values(AGENCY_KIND_NAMES),
      ),
      violatedProvision: text('violatedProvision'),
      penaltyProvision: text('penaltyProvision'),
      penaltyKinds: list('penaltyKinds', PENALTY_KINDS, kindsWhat, kindNames),
      fineMinFen: fen('fineMinFen'),
      fineMaxFen: fen('fineMaxFen'),
      gainsMultipleMin: multiple('gainsMultipleMin'),
      gainsMultipleMax: multiple('gainsMultipleMax'),
      limitationYears,
      fallbackBelowFen: fen('fallbackBelowFen'),
      mandatoryKinds: list('mandatoryKinds', PENALTY_KINDS, kindsWhat, kindNames),
      alternativeKinds: list('alternativeKinds', PENALTY_KINDS, kindsWhat, kindNames),
      benchmark,
    };
    // The matter rules, once the row's cells are readable (they would only repeat a cell's problem).
    if (issues.length === before)
      for (const p of matterProblems(fields))
        if (p.field === 'benchmark') badAt(tierHeader(p.tier ?? 'GENERAL', 'circumstances'), p);
        else bad(p.field, p);
    out.push({ line, fields });
  }
  if (issues.length) throw new ValidationError(issues);
  return out;
}

const multipleText = (n: number | null) => (n === null ? '' : String(n));

/** The CSV of matters: UTF-8 with BOM, CRLF, in the order given, every cell neutralised (OWASP). */
export function exportMattersCsv(matters: readonly MatterFields[]): string {
  const header = [...FIELDS.map((f) => MATTER_HEADERS[f]), ...TIER_HEADERS];
  const kinds = (ks: readonly PenaltyKind[]) => ks.map((k) => PENALTY_KIND_NAMES[k].zh).join('、');
  const fenText = (v: bigint | null) => (v === null ? '' : fenToYuan(v));
  const rows = matters.map((m) =>
    [
      m.code,
      m.name,
      m.domain,
      m.agencyKinds.map((k) => AGENCY_KIND_NAMES[k]).join('、'),
      m.violatedProvision,
      m.penaltyProvision,
      m.penaltyKinds.map((k) => PENALTY_KIND_NAMES[k].zh).join('、'),
      m.fineMinFen === null ? '' : fenToYuan(m.fineMinFen),
      m.fineMaxFen === null ? '' : fenToYuan(m.fineMaxFen),
      multipleText(m.gainsMultipleMin),
      multipleText(m.gainsMultipleMax),
      String(m.limitationYears),
      fenText(m.fallbackBelowFen),
      kinds(m.mandatoryKinds),
      kinds(m.alternativeKinds),
      ...DISCRETION_TIERS.flatMap((tier) => {
        const t = m.benchmark.find((x) => x.tier === tier);
        return tierColumns(tier).map((c) =>
          !t
            ? ''
            : c === 'penaltyKinds'
              ? kinds(t.penaltyKinds)
              : c === 'circumstances'
                ? t.circumstances
                : fenText(t[c]),
        );
      }),
    ].map(neutraliseCsvCell),
  );
  return BOM + stringify([header, ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
