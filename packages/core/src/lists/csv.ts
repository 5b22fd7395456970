// CSV import and export of list items, in the spreadsheet shape county lists are kept in:
// 序号 · 监管领域 · 裁量等级 · 违法行为 · 违法依据 · 处罚依据 · 适用情形, then the list kind's own columns.
//
// Import is all or nothing: every row is checked and every problem is reported with its line number
// (1-based, the header is line 1) and column, before anything is written. Export writes UTF-8 with a
// BOM and CRLF record ends so Excel opens it as Chinese text; importing an export gives back the items.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell whose first character is
// = + - @ tab or carriage return as a formula (=HYPERLINK(…), =cmd|' /C calc'!A0). The rule is
// OWASP's, applied exactly, to every cell: export prefixes such a cell with a single quote ' so the
// spreadsheet shows it as text; import refuses such a cell, naming line and column — a formula in
// an uploaded list is a mistake or an attack — and reads a cell written as '= … (our export's
// escape, or a user marking text) as the text after the quote. Only ASCII - counts: a dash "—" or
// "－" does not. To keep export → import exact, a cell that already starts with quotes before such
// a character gets one more quote on export, and import removes exactly one.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import { ValidationError, type Bilingual, type FieldIssue } from '../errors.js';
import { bilingualMessage } from '../validation.js';
import { checkText, type TextKind } from '../input/text.js';

export interface ListItemData {
  seq: number;
  domain: string;
  discretionLevel: string | null;
  violation: string;
  violatedProvision: string;
  penaltyProvision: string;
  applicableConditions: string;
  attributes: Record<string, unknown>;
}

export type CellResult = { value: unknown } | { error: Bilingual };

/** A kind-specific column: which attribute it fills, how a cell is read and written. */
export interface ListCsvColumn {
  header: string;
  /** Attribute key this column fills. */
  field: string;
  /** Must the header row contain it? Optional columns fall back to the attribute schema's defaults. */
  required: boolean;
  /** Read a cell (already trimmed). A blank cell of an optional column should yield `{ value: undefined }`. */
  parse(cell: string): CellResult;
  format(value: unknown, attributes: Record<string, unknown>): string;
}

export interface ListCsvSpec {
  columns: readonly ListCsvColumn[];
  /** Validates and normalises the attributes an item carries (e.g. fills defaults). */
  attributes: z.ZodType<object>;
}

export const BASE_HEADERS = ['序号', '监管领域', '裁量等级', '违法行为', '违法依据', '处罚依据', '适用情形'] as const;
type BaseHeader = (typeof BASE_HEADERS)[number];
/** Columns that may be left blank in a row. 监管领域 blank means "as the row above" (merged cells in Excel). */
const OPTIONAL_CELLS = new Set<BaseHeader>(['裁量等级', '监管领域']);
/** Free-text columns: a cell may hold line breaks and tabs (input/text.ts `multiline`); every other cell is one line. */
const MULTILINE_CELLS = new Set<string>(['违法行为', '违法依据', '处罚依据', '适用情形']);

export const LIMITS = {
  rows: 2000,
  domain: 50,
  discretionLevel: 50,
  violation: 500,
  provision: 2000,
  conditions: 2000,
};
const CELL_LIMIT: Record<BaseHeader, number> = {
  序号: 9,
  监管领域: LIMITS.domain,
  裁量等级: LIMITS.discretionLevel,
  违法行为: LIMITS.violation,
  违法依据: LIMITS.provision,
  处罚依据: LIMITS.provision,
  适用情形: LIMITS.conditions,
};

const BOM = '\uFEFF';

/** Decode upload bytes as UTF-8 (BOM optional). Anything else is refused with a hint how to fix it. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw ValidationError.one(['csv'], {
      zh: '文件是 UTF-16 编码（Excel“Unicode 文本”），请另存为“CSV UTF-8（逗号分隔）”后再导入',
      en: 'The file is UTF-16 (Excel "Unicode Text"); save it as "CSV UTF-8 (comma delimited)" and import again',
    });
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw ValidationError.one(['csv'], {
      zh: '文件不是 UTF-8 编码（可能是 Excel 默认保存的 GBK/GB18030），请另存为“CSV UTF-8（逗号分隔）”后再导入',
      en: 'The file is not UTF-8 (probably GBK/GB18030 as saved by Excel by default); save it as "CSV UTF-8 (comma delimited)" and import again',
    });
  }
}

/** Header names compare after NFKC (full-width brackets = ASCII) and without spaces. */
export function headerKey(h: string): string {
  return h.normalize('NFKC').replace(/\s+/g, '');
}

/** OWASP CSV Injection: the first characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell our export escaped (or a user marked as text): quotes, then a formula start. */
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

const FORMULA_REFUSED: Bilingual = {
  zh: "单元格不能以 = + - @ 开头（电子表格会当作公式执行）；如确为文字，请在开头加英文单引号 '",
  en: "a cell must not start with = + - @ (a spreadsheet would run it as a formula); if it is text, start it with a single quote '",
};

/** Export: neutralise a cell a spreadsheet would run as a formula (OWASP: prefix a single quote). */
export function neutraliseCsvCell(value: string): string {
  return FORMULA_START.test(value) || ESCAPED_FORMULA.test(value) ? `'${value}` : value;
}

const TAB_REFUSED: Bilingual = {
  zh: '单元格不能以制表符或回车开头（电子表格会当作公式执行）',
  en: 'a cell must not start with a tab or carriage return (a spreadsheet would run it as a formula)',
};

/**
 * Import: the stored text of a cell as read from the file, or why it is refused: a formula
 * (above), or text the API would refuse in the same field (input/text.ts: control characters,
 * NFC). The OWASP check sees the cell as the spreadsheet does: a leading tab or carriage return is
 * refused before the cell is trimmed (trimming took it away and stored the rest); the other
 * formula characters also after leading spaces, as before.
 */
export function readCsvCell(raw: string, kind: TextKind = 'line'): { value: string } | { error: Bilingual } {
  if (/^[\t\r]/.test(raw)) return { error: TAB_REFUSED };
  const cell = raw.trim();
  if (FORMULA_START.test(cell)) return { error: FORMULA_REFUSED };
  return checkText(kind, ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell);
}

/** An issue named by line (and column), in both languages. */
export function csvIssue(line: number, column: string | null, msg: Bilingual): FieldIssue {
  const where = column ? `第 ${line} 行「${column}」` : `第 ${line} 行`;
  const whereEn = column ? `line ${line}, column "${column}"` : `line ${line}`;
  return {
    path: column ? ['csv', line, column] : ['csv', line],
    messageZh: `${where}：${msg.zh}`,
    messageEn: `${whereEn}: ${msg.en}`,
  };
}

export interface CsvRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Parse a whole CSV into items, or throw one ValidationError listing every problem.
 * `defaultDomain` fills a blank 监管领域 in the first row (later blank rows inherit the row above).
 */
export function parseListCsv(
  input: Uint8Array | string,
  spec: ListCsvSpec,
  opts: { defaultDomain: string },
): ListItemData[] {
  return parseListCsvRows(input, spec, opts).items;
}

/** The issues of items found after parsing (e.g. by a database check), named by line and column. */
export function csvItemIssues(
  lines: readonly number[],
  columns: readonly ListCsvColumn[],
  problems: readonly { index: number; field: string; message: Bilingual }[],
): FieldIssue[] {
  return problems.map((p) =>
    csvIssue(lines[p.index] ?? 0, columns.find((c) => c.field === p.field)?.header ?? null, p.message),
  );
}

/** parseListCsv, with the line each item starts on (for issues found later). */
export function parseListCsvRows(
  input: Uint8Array | string,
  spec: ListCsvSpec,
  opts: { defaultDomain: string },
): { items: ListItemData[]; lines: number[] } {
  const { headers, index, rows, issues } = readCsvTable(input, LIMITS.rows);
  const required = [...BASE_HEADERS, ...spec.columns.filter((c) => c.required).map((c) => c.header)];
  const missing = required.filter((h) => !index.has(headerKey(h)));
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

  const items: ListItemData[] = [];
  const lines: number[] = [];
  const seqLines = new Map<number, number>();
  let previousDomain = opts.defaultDomain;
  for (const row of dataRows) {
    const line = startLine(row);
    /** The cell's text, or null when it is refused (the issue is recorded; no other check repeats it). */
    const cell = (header: string): string | null => {
      const i = index.get(headerKey(header));
      const r = readCsvCell(
        i === undefined ? '' : (row.record[i] ?? ''),
        MULTILINE_CELLS.has(header) ? 'multiline' : 'line',
      );
      if ('value' in r) return r.value;
      issues.push(csvIssue(line, header, r.error));
      return null;
    };
    const extra = row.record.slice(headers.length).some((c) => c.trim() !== '');
    if (extra)
      issues.push(csvIssue(line, null, { zh: '该行的列数多于表头', en: 'the row has more cells than the header' }));

    const base: Partial<Record<BaseHeader, string>> = {};
    for (const h of BASE_HEADERS) {
      const v = cell(h);
      if (v === null) continue;
      if (!v && !OPTIONAL_CELLS.has(h)) issues.push(csvIssue(line, h, { zh: '不能为空', en: 'must not be empty' }));
      else if (v.length > CELL_LIMIT[h])
        issues.push(
          csvIssue(line, h, {
            zh: `过长（上限 ${CELL_LIMIT[h]} 字）`,
            en: `too long (at most ${CELL_LIMIT[h]} characters)`,
          }),
        );
      base[h] = v;
    }
    let seq = NaN;
    if (base.序号) {
      seq = /^\d{1,9}$/.test(base.序号) ? Number(base.序号) : NaN;
      if (!(seq >= 1)) issues.push(csvIssue(line, '序号', { zh: '应为正整数', en: 'must be a positive integer' }));
      else if (seqLines.has(seq))
        issues.push(
          csvIssue(line, '序号', {
            zh: `与第 ${seqLines.get(seq)} 行重复`,
            en: `duplicates line ${seqLines.get(seq)}`,
          }),
        );
      else seqLines.set(seq, line);
    }
    const domain = base.监管领域 || previousDomain;
    previousDomain = domain;

    const raw: Record<string, unknown> = {};
    let cellErrors = false;
    for (const col of spec.columns) {
      const text = cell(col.header);
      if (text === null) {
        cellErrors = true;
        continue;
      }
      const r = col.parse(text);
      if ('error' in r) {
        issues.push(csvIssue(line, col.header, r.error));
        cellErrors = true;
      } else if (r.value !== undefined) raw[col.field] = r.value;
    }
    let attributes: Record<string, unknown> = {};
    if (!cellErrors) {
      const parsed = spec.attributes.safeParse(raw);
      if (parsed.success) attributes = { ...parsed.data };
      else
        for (const zi of parsed.error.issues) {
          const col = spec.columns.find((c) => c.field === zi.path[0]);
          issues.push(csvIssue(line, col?.header ?? null, bilingualMessage(zi.message)));
        }
    }
    lines.push(line);
    items.push({
      seq,
      domain,
      discretionLevel: base.裁量等级 || null,
      violation: base.违法行为!,
      violatedProvision: base.违法依据!,
      penaltyProvision: base.处罚依据!,
      applicableConditions: base.适用情形!,
      attributes,
    });
  }
  if (issues.length) throw new ValidationError(issues);
  return { items, lines };
}

/** The line a record starts on: csv-parse reports where it ends; quoted cells may span lines. */
export function startLine(r: CsvRecord): number {
  const body = r.raw.replace(/^\n+/, '').replace(/\n$/, '');
  return r.info.lines - (body.match(/\n/g)?.length ?? 0);
}

/** The CSV of a list version: UTF-8 with BOM, CRLF record ends, items in 序号 order. */
export function exportListCsv(items: readonly ListItemData[], spec: ListCsvSpec): string {
  const header = [...BASE_HEADERS, ...spec.columns.map((c) => c.header)];
  const rows = [...items]
    .sort((a, b) => a.seq - b.seq)
    .map((i) =>
      [
        String(i.seq),
        i.domain,
        i.discretionLevel ?? '',
        i.violation,
        i.violatedProvision,
        i.penaltyProvision,
        i.applicableConditions,
        ...spec.columns.map((c) => c.format(i.attributes[c.field], i.attributes)),
      ].map(neutraliseCsvCell),
    );
  // A line break inside a cell must be quoted even though records end in CRLF.
  return BOM + stringify([header, ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

const YUAN = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** "2,000.5" yuan → 200050 fen, exactly (string arithmetic, never floating point); null if malformed. */
export function yuanToFen(text: string): number | null {
  const m = YUAN.exec(text.trim());
  if (!m) return null;
  const fen = BigInt(m[1].replace(/,/g, '')) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : null;
}

/** 200000 fen → "2000"; 1250 fen → "12.50". */
export function fenToYuan(fen: number | bigint): string {
  const f = BigInt(fen);
  const yuan = f / 100n;
  const rest = f % 100n;
  return rest === 0n ? yuan.toString() : `${yuan}.${rest.toString().padStart(2, '0')}`;
}

/**
 * The first steps of every CSV import: decode (UTF-8, BOM optional), one record end, parse, and index
 * the header row by headerKey. Duplicate headers come back as issues; the caller adds its own
 * (missing columns) before throwing them together.
 */
/**
 * The header and the data rows of a CSV (rows whose every cell is blank are left out), or a
 * ValidationError: empty, malformed, or more than `maxRows` data rows. The cap is applied while
 * parsing: reading stops at the first row past it, so an oversized import never builds its rows.
 */
export function readCsvTable(
  input: Uint8Array | string,
  maxRows: number,
): {
  headers: string[];
  index: Map<string, number>;
  rows: CsvRecord[];
  issues: FieldIssue[];
} {
  let text = typeof input === 'string' ? input : decodeCsvBytes(input);
  if (text.startsWith(BOM)) text = text.slice(1);
  // One record end everywhere; a line break inside a quoted cell becomes "\n" as Excel stores it.
  text = text.replace(/\r\n?/g, '\n');
  if (!text.trim()) throw ValidationError.one(['csv'], { zh: '文件为空', en: 'The file is empty' });

  const tooMany = ValidationError.one(['csv'], {
    zh: `数据行过多（上限 ${maxRows}）`,
    en: `too many rows (at most ${maxRows})`,
  });
  let records: CsvRecord[];
  let seen = -1; // the header is not a data row
  try {
    // csv-parse's types do not model `info`/`raw`, which wrap each record as { record, info, raw }.
    const parsed: unknown = parse(text, {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // Handed the wrapped record too (info + raw); a row of blank cells is not a data row.
      on_record: (wrapped: unknown) => {
        const r = wrapped as CsvRecord;
        if (seen >= 0 && !r.record.some((c) => c.trim() !== '')) return null;
        if (++seen > maxRows) throw tooMany;
        return wrapped as string[]; // what csv-parse's types call a record; it is `r`, unchanged
      },
    });
    records = parsed as CsvRecord[]; // the shape documented for info + raw (see above)
  } catch (err) {
    if (err === tooMany) throw tooMany;
    const line = (err as { lines?: number }).lines ?? 0;
    throw new ValidationError([
      csvIssue(line, null, {
        zh: `CSV 格式错误（引号不匹配等）：${(err as Error).message}`,
        en: `malformed CSV: ${(err as Error).message}`,
      }),
    ]);
  }

  const [head, ...rows] = records;
  const headers = head.record.map(headerKey);
  const index = new Map<string, number>();
  const issues: FieldIssue[] = [];
  headers.forEach((h, i) => {
    if (!h) return;
    if (index.has(h)) issues.push(csvIssue(1, h, { zh: '表头重复', en: 'duplicate column' }));
    else index.set(h, i);
  });
  return { headers, index, rows, issues };
}
