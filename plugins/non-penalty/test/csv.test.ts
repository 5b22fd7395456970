import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportListCsv, fenToYuan, parseListCsv, yuanToFen, ValidationErrorIssues } from './csv-helpers.js';
import { createWorld, HEADER, sampleCsv, type World } from './fixtures.js';
import { createMatter } from './decision-fixtures.js';
import { idOf, type GqlJson } from '@zhifa/testkit';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w?.h.close());

const BOM = '\uFEFF';
const ERR = `... on Error { __typename code message messageEn } ... on ValidationError { issues { path message messageEn } }`;
const LIST = `id items(first: 100) { totalCount edges { node { seq domain discretionLevel violation violatedProvision penaltyProvision
  applicableConditions itemKind conditions correctionDeadlineDays fineFenIfPenalised matterCode } } } csv`;

async function draft() {
  const res = await w.h.gql(
    `mutation($input: NonPenaltyListInput!) { createNonPenaltyList(input: $input) { ... on MutationCreateNonPenaltyListSuccess { data { id } } } }`,
    { input: { agencyId: w.agencyA.gid, title: '阜宁县市场监管领域不予处罚清单', domain: '市场监管' } },
    w.tokens.officerA,
  );
  return res.data.createNonPenaltyList.data.id as string;
}

async function importText(listId: string, csvText: string, token = w.tokens.officerA) {
  const res = await w.h.gql(
    `mutation($listId: ID!, $csvText: String!) { importNonPenaltyListCsv(listId: $listId, csvText: $csvText) { __typename ... on
      MutationImportNonPenaltyListCsvSuccess { data { ${LIST} } } ${ERR} } }`,
    { listId, csvText },
    token,
  );
  expect(res.errors).toBeUndefined();
  return res.data.importNonPenaltyListCsv;
}

/** The GraphQL multipart request spec, as a browser client would send it. */
async function importFile(listId: string, bytes: Uint8Array, token = w.tokens.officerA) {
  const form = new FormData();
  form.set(
    'operations',
    JSON.stringify({
      query: `mutation($listId: ID!, $file: File!) { importNonPenaltyListCsv(listId: $listId, file: $file) { __typename ... on
        MutationImportNonPenaltyListCsvSuccess { data { ${LIST} } } ${ERR} } }`,
      variables: { listId, file: null },
    }),
  );
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([bytes as unknown as BlobPart], { type: 'text/csv' }), 'list.csv');
  const res = await w.h.app.yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const json = await res.json();
  expect(json.errors).toBeUndefined();
  return json.data.importNonPenaltyListCsv;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('money in the CSV', () => {
  it('converts yuan to fen exactly, without floating point', () => {
    expect(yuanToFen('2000')).toBe(200000);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1,234.56')).toBe(123456);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('-5')).toBeNull();
    expect(yuanToFen('1e3')).toBeNull();
    expect(fenToYuan(200000)).toBe('2000');
    expect(fenToYuan(1250)).toBe('12.50');
    expect(fenToYuan(5)).toBe('0.05');
  });
});

describe('CSV parsing', () => {
  it('reads the Chinese headers, fills defaults, and inherits a blank 监管领域 from the row above (merged cells)', () => {
    const items = parseListCsv(
      [HEADER, '1,市场监管,,甲,依据甲,处罚甲,情形甲,轻微违法,0,', '2,,,乙,依据乙,处罚乙,情形乙,首违不罚,7,2000'].join(
        '\n',
      ),
      { defaultDomain: '默认' },
    );
    expect(items[1]).toMatchObject({
      seq: 2,
      domain: '市场监管',
      discretionLevel: null,
      attributes: {
        itemKind: 'FIRST_OFFENCE',
        conditions: ['FIRST_OFFENCE', 'MINOR_HARM', 'CORRECTED_IN_TIME'],
        correctionDeadlineDays: 7,
        fineFenIfPenalised: 200000,
      },
    });
  });
  it('accepts half-width brackets and spaces in headers, and quoted cells with line breaks', () => {
    const csv =
      '序号, 监管领域 ,裁量等级,违法行为,违法依据,处罚依据,适用情形,适用类型,改正期限(天)\n1,市场监管,,"第一行\n第二行",依据,处罚,情形,无主观过错,0\n';
    const [item] = parseListCsv(csv, { defaultDomain: '' });
    expect(item.violation).toBe('第一行\n第二行');
    expect(item.attributes.conditions).toEqual(['NO_SUBJECTIVE_FAULT']);
  });
  it('reports the line a multi-line record starts on', () => {
    const csv = `${HEADER}\n1,市场监管,,"跨\n行",依据,处罚,情形,轻微违法,0,\n2,市场监管,,乙,依据,处罚,情形,未知类型,0,\n`;
    const issues = ValidationErrorIssues(() => parseListCsv(csv, { defaultDomain: '' }));
    expect(issues.map((i) => i.path)).toEqual([['csv', 4, '适用类型']]);
  });
});

describe('CSV import', () => {
  it('imports UTF-8 text without a BOM, replacing the draft items', async () => {
    const id = await draft();
    const res = await importText(id, sampleCsv(3));
    expect(res.__typename).toBe('MutationImportNonPenaltyListCsvSuccess');
    expect(res.data.items.totalCount).toBe(3);
    expect(res.data.items.edges[0].node).toMatchObject({
      seq: 1,
      itemKind: 'FIRST_OFFENCE',
      correctionDeadlineDays: 5,
      fineFenIfPenalised: 100050,
    });
    const again = await importText(id, sampleCsv(2));
    expect(again.data.items.totalCount).toBe(2);
    const events = await w.h.db.prisma.event.findMany({ where: { topic: 'nonPenaltyList.imported' } });
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('imports a multipart upload with a BOM (Excel "CSV UTF-8")', async () => {
    const id = await draft();
    const res = await importFile(id, utf8(BOM + sampleCsv(4)));
    expect(res.__typename).toBe('MutationImportNonPenaltyListCsvSuccess');
    expect(res.data.items.totalCount).toBe(4);
  });

  it("refuses GBK bytes (Excel's default) with a bilingual hint, and writes nothing", async () => {
    const id = await draft();
    await importText(id, sampleCsv(1));
    // "序号,监管领域" in GBK: D0F2 BAC5 2C BCE0 B9DC C1EC D3F2
    const gbk = new Uint8Array([
      0xd0, 0xf2, 0xba, 0xc5, 0x2c, 0xbc, 0xe0, 0xb9, 0xdc, 0xc1, 0xec, 0xd3, 0xf2, 0x0d, 0x0a,
    ]);
    const res = await importFile(id, gbk);
    expect(res).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(res.message).toContain('不是 UTF-8');
    expect(res.messageEn).toContain('not UTF-8');
    const still = await w.h.gql(
      `query($id: ID!) { nonPenaltyList(id: $id) { items(first: 5) { totalCount } } }`,
      { id },
      w.tokens.officerA,
    );
    expect(still.data.nonPenaltyList.items.totalCount).toBe(1);
  });

  it('refuses UTF-16 (Excel "Unicode text")', async () => {
    const id = await draft();
    const res = await importFile(id, new Uint8Array([0xff, 0xfe, 0x8f, 0x5e]));
    expect(res.message).toContain('UTF-16');
  });

  it('names every missing required column', async () => {
    const id = await draft();
    const res = await importText(id, '序号,监管领域,违法行为,违法依据,处罚依据\n1,市场监管,甲,乙,丙\n');
    expect(res.__typename).toBe('ValidationError');
    expect(res.message).toContain('缺少必需的列：裁量等级、适用情形、适用类型、改正期限（天）');
    expect(res.messageEn).toContain('missing required column(s)');
  });

  it('reports every bad row with its line number and column, and writes nothing', async () => {
    const id = await draft();
    await importText(id, sampleCsv(2));
    const csv = [
      HEADER,
      '1,市场监管,,甲,依据,处罚,情形,轻微违法,3,',
      'x,市场监管,,乙,依据,处罚,情形,轻微违法,3,',
      '3,市场监管,,,依据,处罚,情形,罚不罚,-1,12.345',
      '',
      '1,市场监管,,丁,依据,处罚,情形,首违不罚,5,',
      ',,,,,,,,,',
    ].join('\r\n');
    const res = await importText(id, csv);
    expect(res.__typename).toBe('ValidationError');
    expect(res.issues.map((i: GqlJson) => i.path)).toEqual([
      ['csv', '3', '序号'],
      ['csv', '4', '违法行为'],
      ['csv', '4', '适用类型'],
      ['csv', '4', '改正期限（天）'],
      ['csv', '4', '参考罚款（元）'],
      ['csv', '6', '序号'],
    ]);
    expect(res.issues[0].message).toBe('第 3 行「序号」：应为正整数');
    expect(res.issues[5].message).toContain('与第 2 行重复');
    expect(res.issues[0].messageEn).toBe('line 3, column "序号": must be a positive integer');
    const still = await w.h.gql(
      `query($id: ID!) { nonPenaltyList(id: $id) { items(first: 5) { totalCount } } }`,
      { id },
      w.tokens.officerA,
    );
    expect(still.data.nonPenaltyList.items.totalCount).toBe(2);
  });

  it('refuses an empty file, a header-only file, and both or neither of file and text', async () => {
    const id = await draft();
    expect((await importText(id, '')).message).toContain('文件为空');
    expect((await importText(id, HEADER + '\n')).message).toContain('没有数据行');
    const neither = await w.h.gql(
      `mutation($id: ID!) { importNonPenaltyListCsv(listId: $id) { __typename ${ERR} } }`,
      { id },
      w.tokens.officerA,
    );
    expect(neither.data.importNonPenaltyListCsv.__typename).toBe('ValidationError');
  });

  it('only officers of the issuing agency import', async () => {
    const id = await draft();
    expect((await importText(id, sampleCsv(1), w.tokens.officerB)).__typename).toBe('NotFoundError');
    expect((await importText(id, sampleCsv(1), w.tokens.supervisor)).__typename).toBe('ForbiddenError');
  });
});

describe('CSV export and round trip', () => {
  it('exports with BOM and CRLF; importing the export gives the same items, and the same CSV', async () => {
    const a = await draft();
    const matter = await createMatter(w.h.db.prisma);
    const tricky = [
      HEADER + ',适用条件,执法事项编码',
      '1,市场监管,不予处罚,"含逗号,与""引号""",依据一,处罚一,"多行\n情形",首违不罚,7,1500.5,初次违法；及时改正,' +
        matter.code,
      '2,市场监管,,未按规定办理备案,依据二,处罚二,情形二,轻微违法,0,,,',
      '10,食品安全,从轻,无主观过错的,依据三,处罚三,情形三,无主观过错,0,20000,,',
    ].join('\n');
    const first = await importText(a, tricky);
    expect(first.__typename).toBe('MutationImportNonPenaltyListCsvSuccess');
    const csv: string = first.data.csv;
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(BOM + HEADER + ',适用条件,执法事项编码');
    expect(first.data.items.edges[0].node.matterCode).toBe(matter.code);
    expect(csv).toContain('"含逗号,与""引号"""');
    expect(csv).toContain('1500.50');

    const b = await draft();
    const second = await importFile(b, utf8(csv));
    expect(second).toMatchObject({ __typename: 'MutationImportNonPenaltyListCsvSuccess' });
    expect(second.data.items.edges.map((e: GqlJson) => e.node)).toEqual(
      first.data.items.edges.map((e: GqlJson) => e.node),
    );
    expect(second.data.csv).toBe(csv);
    expect(first.data.items.edges[0].node.conditions).toEqual(['FIRST_OFFENCE', 'CORRECTED_IN_TIME']);
  });

  it('refuses a 执法事项编码 naming no matter, with its line and column, and writes nothing', async () => {
    const a = await draft();
    const matter = await createMatter(w.h.db.prisma);
    const csv = [
      HEADER + ',执法事项编码',
      `1,市场监管,,甲,依据甲,处罚甲,情形甲,轻微违法,0,,${matter.code}`,
      '2,市场监管,,乙,依据乙,处罚乙,情形乙,首违不罚,7,,NO-SUCH-MATTER',
    ].join('\n');
    const r = await importText(a, csv);
    expect(r.__typename).toBe('ValidationError');
    expect(r.issues).toEqual([
      expect.objectContaining({
        path: ['csv', '3', '执法事项编码'],
        message: expect.stringContaining('第 3 行「执法事项编码」：未找到编码为 NO-SUCH-MATTER'),
      }),
    ]);
    expect(await w.h.db.prisma.listItem.count({ where: { listId: idOf(a) } })).toBe(0);
  });

  it('the pure export and parse agree', () => {
    const items = parseListCsv(sampleCsv(5), { defaultDomain: '' });
    expect(parseListCsv(exportListCsv(items), { defaultDomain: '' })).toEqual(items);
  });
});

// Issue 7, finding 3 — CSV formula injection (OWASP "CSV Injection": = + - @ tab carriage return).
describe('CSV formula injection', () => {
  const DDE = "=cmd|' /C calc'!A0";
  const LINK = '=HYPERLINK("http://evil.example/?x=1","click")';

  it('export prefixes a single quote to every cell starting with = + - @ tab or carriage return, and to nothing else', () => {
    const [base] = parseListCsv(sampleCsv(1), { defaultDomain: '' });
    const cells = [
      DDE,
      LINK,
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      "'=already quoted",
      '—破折号开头',
      '－全角减号',
      '正常文字',
      "'普通引号",
    ];
    const csv = exportListCsv(cells.map((violation, i) => ({ ...base, seq: i + 1, violation })));
    const exported = csv
      .split('\r\n')
      .slice(1, -1)
      .map((line) => parseListCsvCells(line)[3]);
    expect(exported).toEqual([
      `'${DDE}`,
      `'${LINK}`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\t=1",
      "'\r=1",
      "''=already quoted",
      '—破折号开头',
      '－全角减号',
      '正常文字',
      "'普通引号",
    ]);
  });

  it('import refuses a formula cell in any column, naming line and column, and writes nothing', async () => {
    const id = await draft();
    await importText(id, sampleCsv(2));
    const csv = [
      HEADER,
      `1,市场监管,,"${DDE.replace(/"/g, '""')}",依据,处罚,情形,轻微违法,3,`,
      `2,+市场监管,@SUM(1),乙,-依据,处罚,"${LINK.replace(/"/g, '""')}",轻微违法,3,`,
      '3,市场监管,,丙,依据,处罚,情形,=1,-1,',
      '4,市场监管,,丁, =前有空格,处罚,情形,轻微违法,3,',
    ].join('\r\n');
    const res = await importText(id, csv);
    expect(res.__typename).toBe('ValidationError');
    expect(res.issues.map((i: GqlJson) => i.path)).toEqual([
      ['csv', '2', '违法行为'],
      ['csv', '3', '监管领域'],
      ['csv', '3', '裁量等级'],
      ['csv', '3', '违法依据'],
      ['csv', '3', '适用情形'],
      ['csv', '4', '适用类型'],
      ['csv', '4', '改正期限（天）'],
      ['csv', '5', '违法依据'],
    ]);
    expect(res.issues[0].message).toBe(
      "第 2 行「违法行为」：单元格不能以 = + - @ 开头（电子表格会当作公式执行）；如确为文字，请在开头加英文单引号 '",
    );
    expect(res.issues[0].messageEn).toBe(
      `line 2, column "违法行为": a cell must not start with = + - @ (a spreadsheet would run it as a formula); if it is text, start it with a single quote '`,
    );
    const still = await w.h.gql(
      `query($id: ID!) { nonPenaltyList(id: $id) { items(first: 5) { totalCount } } }`,
      { id },
      w.tokens.officerA,
    );
    expect(still.data.nonPenaltyList.items.totalCount).toBe(2);
  });

  it('import refuses a cell starting with a tab, as the README says, instead of trimming it and storing the rest', async () => {
    const id = await draft();
    const csv = [
      HEADER,
      '1,市场监管,,\t未按规定公示营业执照,依据,处罚,情形,首违不罚,3,',
      '2,市场监管,,甲,依据,处罚,"\t初次违法",首违不罚,3,',
      '3,市场监管,,乙,依据,处罚,情形,首违不罚,3,',
    ].join('\r\n');
    const res = await importText(id, csv);
    expect(res.__typename).toBe('ValidationError');
    expect(res.issues.map((i: GqlJson) => [i.path, i.message, i.messageEn])).toEqual([
      [
        ['csv', '2', '违法行为'],
        '第 2 行「违法行为」：单元格不能以制表符或回车开头（电子表格会当作公式执行）',
        'line 2, column "违法行为": a cell must not start with a tab or carriage return (a spreadsheet would run it as a formula)',
      ],
      [
        ['csv', '3', '适用情形'],
        '第 3 行「适用情形」：单元格不能以制表符或回车开头（电子表格会当作公式执行）',
        'line 3, column "适用情形": a cell must not start with a tab or carriage return (a spreadsheet would run it as a formula)',
      ],
    ]);
    const still = await w.h.gql(
      `query($id: ID!) { nonPenaltyList(id: $id) { items(first: 5) { totalCount } } }`,
      { id },
      w.tokens.officerA,
    );
    expect(still.data.nonPenaltyList.items.totalCount).toBe(0);
  });

  it('text stored with a leading = (typed in a form) exports neutralised, and imports back unchanged', async () => {
    const id = await draft();
    const add = await w.h.gql(
      `mutation($id: ID!, $input: NonPenaltyListItemInput!) { addNonPenaltyListItem(listId: $id, input: $input) { __typename ... on
        MutationAddNonPenaltyListItemSuccess { data { violation } } } }`,
      {
        id,
        input: {
          violation: LINK,
          violatedProvision: '-依据',
          penaltyProvision: '@处罚',
          applicableConditions: "'=情形",
          attributes: { itemKind: 'MINOR', correctionDeadlineDays: 3 },
        },
      },
      w.tokens.officerA,
    );
    expect(add.data.addNonPenaltyListItem.data.violation).toBe(LINK);
    const list = await w.h.gql(`query($id: ID!) { nonPenaltyList(id: $id) { ${LIST} } }`, { id }, w.tokens.officerA);
    const csv: string = list.data.nonPenaltyList.csv;
    const [, row] = csv.split('\r\n');
    expect(parseListCsvCells(row).slice(3, 7)).toEqual([`'${LINK}`, "'-依据", "'@处罚", "''=情形"]);
    expect(csv).not.toMatch(/(^|,)"?=/m);

    const again = await draft();
    const back = await importText(again, csv);
    expect(back.__typename).toBe('MutationImportNonPenaltyListCsvSuccess');
    expect(back.data.items.edges[0].node).toMatchObject({
      violation: LINK,
      violatedProvision: '-依据',
      penaltyProvision: '@处罚',
      applicableConditions: "'=情形",
    });
    expect(back.data.csv).toBe(csv);
  });
});

/** The cells of one CSV line, unquoted (no line breaks inside cells here). */
function parseListCsvCells(line: string): string[] {
  const cells: string[] = [];
  const re = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m && m[0] !== ''; m = re.exec(line)) {
    cells.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]);
    if (m[3] === '') break;
  }
  return cells;
}

describe('CSV row cap', () => {
  const rows = (n: number) =>
    [
      HEADER,
      ...Array.from(
        { length: n },
        (_, i) => `${i + 1},市场监管,不予处罚,违法行为${i + 1},依据,处罚,情形,首违不罚,3,100`,
      ),
    ].join('\r\n');

  it('takes 2000 data rows and refuses 2001, in both languages', () => {
    expect(parseListCsv(rows(2000), { defaultDomain: '' })).toHaveLength(2000);
    expect(ValidationErrorIssues(() => parseListCsv(rows(2001), { defaultDomain: '' }))).toEqual([
      { path: ['csv'], messageZh: '数据行过多（上限 2000）', messageEn: 'too many rows (at most 2000)' },
    ]);
  });

  it('blank rows do not count; the cap is applied while reading: nothing after row 2001 is parsed', () => {
    const blanks = rows(2000).replace(/\r\n/g, '\r\n,,,,,,,,,\r\n');
    expect(parseListCsv(blanks, { defaultDomain: '' })).toHaveLength(2000);
    // An unclosed quote after the 2001st row: read, it would be a malformed-CSV error instead.
    const issues = ValidationErrorIssues(() => parseListCsv(`${rows(2001)}\r\n9999,"unclosed`, { defaultDomain: '' }));
    expect(issues.map((i) => i.messageEn)).toEqual(['too many rows (at most 2000)']);
    expect(
      ValidationErrorIssues(() => parseListCsv(`${rows(1999)}\r\n9999,"unclosed`, { defaultDomain: '' }))[0].messageEn,
    ).toMatch(/^line \d+: malformed CSV/);
  });
});
