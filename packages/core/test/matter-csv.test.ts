import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import { exportMattersCsv, MATTER_HEADERS, parseMattersCsv } from '../src/matters/csv.js';
import type { MatterFields } from '../src/rules/matter.js';

const HEADER = Object.values(MATTER_HEADERS).join(',');
const ROW_LICENCE =
  'SJ-DJ-001,未按规定公示营业执照,市场监管,县行政执法机关、镇区,《市场主体登记管理条例》第三十六条,《市场主体登记管理条例》第四十八条,罚款,,30000,,,2';
const ROW_GAINS =
  'SJ-SP-002,经营超过保质期的食品,市场监管,ENFORCEMENT_AGENCY,《食品安全法》第三十四条第（十）项,《食品安全法》第一百二十四条,"没收违法所得、罚款, REVOKE_LICENCE",50000,100000,10,20,5';

/** The issues of a refused CSV as "line column: en" (the message itself starts with the same place). */
function issues(csv: string): string[] {
  try {
    parseMattersCsv(csv);
  } catch (e) {
    if (e instanceof ValidationError)
      return e.issues.map((i) => {
        const place =
          i.path.length === 3
            ? `line ${i.path[1]}, column "${i.path[2]}": `
            : i.path.length === 2 && typeof i.path[1] === 'number'
              ? `line ${i.path[1]}: `
              : '';
        expect(i.messageEn.startsWith(place)).toBe(true);
        return `${i.path.slice(1).join(' ')}: ${i.messageEn.slice(place.length)}`;
      });
    throw e;
  }
  return [];
}

describe('parseMattersCsv', () => {
  it('reads names or codes, yuan as fen, multiples and years', () => {
    const rows = parseMattersCsv(`\uFEFF${HEADER}\r\n${ROW_LICENCE}\r\n${ROW_GAINS}\r\n`);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows[0].fields).toEqual({
      code: 'SJ-DJ-001',
      name: '未按规定公示营业执照',
      domain: '市场监管',
      agencyKinds: ['ENFORCEMENT_AGENCY', 'TOWNSHIP'],
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条',
      penaltyKinds: ['FINE'],
      fineMinFen: null,
      fineMaxFen: 3_000_000n,
      gainsMultipleMin: null,
      gainsMultipleMax: null,
      limitationYears: 2,
      fallbackBelowFen: null,
      mandatoryKinds: [],
      alternativeKinds: [],
      benchmark: [],
    });
    expect(rows[1].fields).toMatchObject({
      penaltyKinds: ['CONFISCATE_GAINS', 'FINE', 'REVOKE_LICENCE'],
      fineMinFen: 5_000_000n,
      fineMaxFen: 10_000_000n,
      gainsMultipleMin: 10,
      gainsMultipleMax: 20,
      limitationYears: 5,
    });
  });

  it('numeric columns may be left out of the header (none; 2 years)', () => {
    const rows = parseMattersCsv(
      '事项编码,事项名称,监管领域,实施主体类别,违法依据,处罚依据,处罚种类\nA-1,某事项,市场监管,街道,第一条,第二条,警告\n',
    );
    expect(rows[0].fields).toMatchObject({
      agencyKinds: ['SUBDISTRICT'],
      penaltyKinds: ['WARNING'],
      fineMaxFen: null,
      limitationYears: 2,
    });
  });

  it('reports every bad row with line and column, in both languages, and the matter rules at their column', () => {
    const csv = [
      HEADER,
      ROW_LICENCE,
      'SJ-DJ-001,重复编码,市场监管,县行政执法机关,第一条,第二条,警告,,,,,2', // line 3: duplicate code
      'B 2,,市场监管,某某局,第一条,第二条,罚金,abc,,x,,3', // line 4: many problems
      'B-3,范围颠倒,市场监管,县行政执法机关,第一条,第二条,罚款,30000.01,30000,,,4', // line 5: rules
      'B-4,公式,市场监管,县行政执法机关,"=HYPERLINK(""http://x"")",第二条,警告,,,,,2', // line 6: formula
    ].join('\n');
    const got = issues(csv);
    expect(got).toEqual([
      '3 事项编码: duplicates line 2',
      '4 事项编码: a matter code holds letters, digits and . _ - / and starts with a letter or digit',
      '4 事项名称: must not be empty',
      expect.stringMatching(/^4 实施主体类别: unknown agency kind\(s\): 某某局/),
      expect.stringMatching(/^4 处罚种类: unknown penalty kind\(s\): 罚金/),
      '4 罚款下限（元）: must be an amount in yuan, e.g. 30000 or 2,000.50',
      '4 违法所得倍数下限: must be a multiple, e.g. 1 or 0.5',
      expect.stringMatching(/^5 罚款下限（元）: the minimum fine ¥30000.01 is above the maximum ¥30000 \(art. 34\)/),
      expect.stringMatching(/^5 追责时效（年）: .*art. 36/),
      expect.stringMatching(/^6 违法依据: a cell must not start with =/),
    ]);
    // The Chinese messages of the same refusal; parsing that does not throw fails here, not silently.
    let refused: unknown = null;
    try {
      parseMattersCsv(csv);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(ValidationError);
    const zh = (refused as ValidationError).issues.map((i) => i.messageZh);
    expect(zh[0]).toBe('第 3 行「事项编码」：与第 2 行重复');
    expect(zh).toContainEqual(expect.stringContaining('第 5 行「追责时效（年）」：追责时效只能是 2 年或 5 年'));
  });

  it('refuses a missing column, an empty file and a header-only file', () => {
    expect(issues('事项编码,事项名称\nA,B\n')).toEqual([
      expect.stringContaining('missing required column(s): 监管领域, 实施主体类别, 违法依据, 处罚依据, 处罚种类'),
    ]);
    expect(issues('')).toEqual([': The file is empty']);
    expect(issues(HEADER + '\n')).toEqual([': The file has no data rows']);
  });

  it('refuses GBK bytes with a hint', () => {
    expect(() => parseMattersCsv(new Uint8Array([0xca, 0xc2, 0xcf, 0xee]))).toThrow(/UTF-8/);
  });
});

describe('parseMattersCsv: leading tab and the row cap', () => {
  it('refuses a cell starting with a tab or carriage return, naming line and column (it used to be trimmed and stored)', () => {
    const tabbed = ROW_LICENCE.replace('未按规定公示营业执照', '\t未按规定公示营业执照');
    expect(issues(`${HEADER}\n${tabbed}`)).toEqual([
      `2 事项名称: a cell must not start with a tab or carriage return (a spreadsheet would run it as a formula)`,
    ]);
    // A space before text is trimmed as before; a space before a formula is still a formula.
    expect(issues(`${HEADER}\n${ROW_LICENCE.replace('未按', ' 未按')}`)).toEqual([]);
  });

  it('takes 2000 data rows and refuses 2001, and stops reading at 2001', () => {
    const rows = (n: number) =>
      [HEADER, ...Array.from({ length: n }, (_, i) => ROW_LICENCE.replace('SJ-DJ-001', `SJ-DJ-${i + 1}`))].join('\n');
    expect(parseMattersCsv(rows(2000))).toHaveLength(2000);
    expect(issues(rows(2001))).toEqual([': too many rows (at most 2000)']);
    expect(issues(`${rows(2001)}\nX,"unclosed`)).toEqual([': too many rows (at most 2000)']);
  });
});

describe('exportMattersCsv', () => {
  const m: MatterFields = {
    code: 'X-1',
    name: "=cmd|' /C calc'!A0",
    domain: '市场监管',
    agencyKinds: ['ENFORCEMENT_AGENCY'],
    violatedProvision: '第一条\n第二款',
    penaltyProvision: '-第三条',
    penaltyKinds: ['WARNING', 'FINE'],
    fineMinFen: 1250n,
    fineMaxFen: 3_000_000n,
    gainsMultipleMin: 0.5,
    gainsMultipleMax: 3,
    limitationYears: 5,
    fallbackBelowFen: null,
    mandatoryKinds: [],
    alternativeKinds: ['WARNING', 'FINE'],
    benchmark: [
      {
        tier: 'LIGHTER',
        fineMinFen: 1250n,
        fineMaxFen: 900_000n,
        penaltyKinds: ['FINE'],
        circumstances: '主动消除危害后果',
      },
      { tier: 'GENERAL', fineMinFen: 900_000n, fineMaxFen: 2_100_000n, penaltyKinds: [], circumstances: '' },
    ],
  };

  it('writes BOM, CRLF, Chinese names, yuan, neutralised formulas; importing it gives the matters back', () => {
    const csv = exportMattersCsv([m]);
    expect(
      csv.startsWith(
        '\uFEFF事项编码,事项名称,监管领域,实施主体类别,违法依据,处罚依据,处罚种类,罚款下限（元）,罚款上限（元）,违法所得倍数下限,违法所得倍数上限,追责时效（年）,' +
          '违法所得不足（元）适用罚款幅度,必处种类（并处）,选处种类,不予处罚情形,减轻罚款下限（元）,减轻罚款上限（元）,减轻处罚种类,减轻情形,' +
          '从轻罚款下限（元）,从轻罚款上限（元）,从轻处罚种类,从轻情形,一般罚款下限（元）,一般罚款上限（元）,一般处罚种类,一般情形,' +
          '从重罚款下限（元）,从重罚款上限（元）,从重处罚种类,从重情形\r\n',
      ),
    ).toBe(true);
    expect(csv).toContain(`'=cmd|`);
    expect(csv).toContain(
      `警告、罚款,12.50,30000,0.5,3,5,,,警告、罚款,,,,,,12.50,9000,罚款,主动消除危害后果,9000,21000,,,,,,\r\n`,
    );
    expect(csv).toContain(`县行政执法机关`);
    expect(parseMattersCsv(csv).map((r) => r.fields)).toEqual([m]);
  });
});
