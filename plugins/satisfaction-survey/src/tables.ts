// Tables handed to the survey organisation and to supervisors as files: CSV (UTF-8 with BOM, CRLF, so Excel opens it
// as it is, every cell neutralised against formula injection — OWASP "CSV Injection") and xlsx (cells written as
// typed values, never formulas). Both come back through the graph as strings: CSV as text, xlsx base64-encoded.
// write-excel-file (fflate underneath) rather than a hand-written zip of SpreadsheetML: small, kept, no native parts.
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import { neutraliseCsvCell } from '@zhifa/core/lists';

export type TableCell = string | number | null;

export interface Table {
  /** Sheet name (xlsx); at most 31 characters, Excel's limit. */
  name: string;
  header: readonly string[];
  rows: readonly (readonly TableCell[])[];
}

export function tableCsv(table: Table): string {
  const text = (c: TableCell) => (c === null ? '' : typeof c === 'number' ? String(c) : neutraliseCsvCell(c));
  return (
    '\uFEFF' + stringify([table.header.map(text), ...table.rows.map((r) => r.map(text))], { record_delimiter: '\r\n' })
  );
}

export async function tableXlsxBase64(table: Table): Promise<string> {
  const cell = (value: TableCell) =>
    value === null ? null : typeof value === 'number' ? { value, type: Number } : { value, type: String };
  const data = [
    table.header.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const })),
    ...table.rows.map((r) => r.map(cell)),
  ];
  const buffer = await writeXlsxFile(data, { sheet: table.name.slice(0, 31) }).toBuffer();
  return Buffer.from(buffer).toString('base64');
}
