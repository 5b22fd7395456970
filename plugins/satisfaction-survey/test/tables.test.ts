// The file formats handed out: CSV that Excel opens as it is and that runs no formula, and xlsx that a real
// reader (read-excel-file) reads back cell for cell, numbers as numbers.
import { expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { tableCsv, tableXlsxBase64, type Table } from '../src/tables.js';

const table: Table = {
  name: '抽样框',
  header: ['企业名称', '统一社会信用代码', '数量'],
  rows: [
    ['阜宁县某某食品有限公司', '91320923MA1N2X3Y4X', 3],
    ['=HYPERLINK("http://x")', null, 0.5],
  ],
};

it('writes CSV with a BOM, CRLF and formula cells neutralised', () => {
  expect(tableCsv(table)).toBe(
    '\uFEFF企业名称,统一社会信用代码,数量\r\n阜宁县某某食品有限公司,91320923MA1N2X3Y4X,3\r\n"\'=HYPERLINK(""http://x"")",,0.5\r\n',
  );
});

it('writes xlsx a spreadsheet reader reads back, cell for cell', async () => {
  const bytes = Buffer.from(await tableXlsxBase64(table), 'base64');
  expect(await readSheet(bytes)).toEqual([
    ['企业名称', '统一社会信用代码', '数量'],
    ['阜宁县某某食品有限公司', '91320923MA1N2X3Y4X', 3],
    ['=HYPERLINK("http://x")', null, 0.5],
  ]);
});
