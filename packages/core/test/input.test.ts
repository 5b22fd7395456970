// Input hygiene as pure rules (input/text.ts, input/values.ts), each at its boundary: the last value
// allowed and the first refused. The same rules through the API: test/security/input-hygiene.test.ts.
import { describe, expect, it } from 'vitest';
import { isScalarType } from 'graphql';
import { createSchema } from '@zhifa/core';
import {
  checkText,
  parseCalendarDate,
  parseFenValue,
  parseInstant,
  RefusedInput,
  type TextKind,
} from '@zhifa/core/input';

const ok = (kind: TextKind, s: string) => {
  const r = checkText(kind, s);
  if (!('value' in r)) throw new Error(`refused ${JSON.stringify(s)}: ${r.error.en}`);
  return r.value;
};
const refused = (kind: TextKind, s: string) => {
  const r = checkText(kind, s);
  if ('value' in r) throw new Error(`accepted ${JSON.stringify(s)}`);
  return r.error;
};

describe('text', () => {
  it('refuses NUL and every other control character (Cc) in a line; the first printable characters pass', () => {
    expect(refused('line', 'a\u0000b').en).toContain('U+0000');
    expect(refused('line', 'a\u001fb').en).toContain('U+001F');
    expect(ok('line', 'a\u0020b')).toBe('a b');
    expect(ok('line', 'a~b')).toBe('a~b'); // U+007E, the last before DEL
    expect(refused('line', 'a\u007fb').en).toContain('U+007F');
    expect(refused('line', 'a\u009fb').en).toContain('U+009F');
    expect(ok('line', 'a\u00a0b')).toBe('a\u00a0b'); // U+00A0, the first after C1
    for (const c of ['\n', '\t', '\r']) expect(refused('line', `a${c}b`).zh).toContain('只能填一行');
  });

  it('multi-line free text admits line feed and tab (CR LF and CR become LF), nothing else below U+0020', () => {
    expect(ok('multiline', '第一行\n第二行\t附注')).toBe('第一行\n第二行\t附注');
    expect(ok('multiline', 'a\r\nb\rc')).toBe('a\nb\nc');
    expect(refused('multiline', 'a\u0000b').en).toContain('U+0000');
    expect(refused('multiline', 'a\u000bb').en).toContain('U+000B');
    expect(refused('multiline', 'a\u000cb').en).toContain('U+000C');
  });

  it('a whole CSV text is left to the CSV reader, which checks each cell (and names line and column)', () => {
    expect(ok('csv', 'a,b\r\nc\td\u0000\n')).toBe('a,b\r\nc\td\u0000\n');
    expect(refused('csv', 'a\ud800').en).toContain('unpaired surrogate');
  });

  it('normalises to NFC', () => {
    expect(ok('line', 'Cafe\u0301')).toBe('Café');
    expect(ok('name', '\uf9d1')).toBe('\u516d'); // a CJK compatibility ideograph becomes the unified 六
  });

  it('refuses unpaired surrogates everywhere; a real astral character passes', () => {
    expect(refused('multiline', 'a\ud800b').en).toContain('unpaired surrogate');
    expect(ok('name', '𠀀𪚥')).toBe('𠀀𪚥');
  });

  it('names refuse invisible and text-direction characters, which other text admits', () => {
    for (const c of [
      '\u202e',
      '\u202a',
      '\u2066',
      '\u2069',
      '\u200e',
      '\u200f',
      '\u061c',
      '\u200b',
      '\u200c',
      '\u200d',
      '\u2060',
      '\ufeff',
      '\u00ad',
    ]) {
      expect(refused('name', `张${c}三`).en, c.codePointAt(0)!.toString(16)).toMatch(
        /invisible or text-direction character U\+/,
      );
      expect(ok('line', `张${c}三`)).toBe(`张${c}三`);
    }
    // Neighbours that are ordinary: U+200A hair space, U+2010 hyphen, U+00B7 middle dot (the 间隔号 of transliterated names)
    expect(ok('name', '阿卜杜拉·买买提')).toBe('阿卜杜拉·买买提');
    expect(ok('name', 'A\u200aB')).toBe('A\u200aB');
    expect(ok('name', 'A\u2010B')).toBe('A\u2010B');
  });
});

describe('dates', () => {
  const day = (s: string) => (parseCalendarDate(s) as Date).toISOString().slice(0, 10);

  it('takes real calendar days from 1900-01-01 to 2100-12-31', () => {
    expect(day('1900-01-01')).toBe('1900-01-01');
    expect(day('2100-12-31')).toBe('2100-12-31');
    expect(day('2024-02-29')).toBe('2024-02-29');
    expect(day('2025-02-28')).toBe('2025-02-28');
    expect(day('2025-12-31')).toBe('2025-12-31');
  });

  it.each([
    ['1899-12-31', 'year'],
    ['2101-01-01', 'year'],
    ['0000-01-01', 'year'],
    ['2025-02-29', 'calendar'],
    ['2025-02-30', 'calendar'],
    ['2100-02-29', 'calendar'], // 2100 is not a leap year
    ['2025-04-31', 'calendar'],
    ['2025-13-01', 'calendar'],
    ['2025-00-10', 'calendar'],
    ['2025-01-00', 'calendar'],
    ['2025-1-1', 'YYYY-MM-DD'],
    ['2025-01-01T00:00:00Z', 'YYYY-MM-DD'],
    ['20250101', 'YYYY-MM-DD'],
  ])('refuses %s (%s)', (s, why) => {
    const r = parseCalendarDate(s);
    expect(r).toBeInstanceOf(RefusedInput);
    expect((r as RefusedInput).reason.en).toContain(
      why === 'calendar' ? 'not a real calendar date' : why === 'year' ? 'the year must be from 1900 to 2100' : why,
    );
  });

  it('DateTime: RFC 3339 with an offset, each part in range', () => {
    expect((parseInstant('2025-03-01T08:00:00+08:00') as Date).toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect((parseInstant('2100-12-31T23:59:59.999Z') as Date).toISOString()).toBe('2100-12-31T23:59:59.999Z');
    for (const bad of [
      '2025-02-30T00:00:00Z',
      '2025-03-01T24:00:00Z',
      '2025-03-01T23:60:00Z',
      '2025-03-01T23:59:60Z',
      '2025-03-01T08:00:00',
      '2025-03-01',
      'March 1, 2025',
      '0000-01-01T00:00:00Z',
      '2101-01-01T00:00:00Z',
      '2025-03-01T08:00:00+24:00',
    ])
      expect(parseInstant(bad), bad).toBeInstanceOf(RefusedInput);
  });
});

describe('money', () => {
  const MAX = 1_000_000_000_000;
  it('takes whole, non-negative fen up to the bound (¥10 000 000 000 by default)', () => {
    expect(parseFenValue(0, MAX)).toBe(0n);
    expect(parseFenValue(MAX, MAX)).toBe(1_000_000_000_000n);
    expect((parseFenValue(MAX + 1, MAX) as RefusedInput).reason.en).toContain('must not exceed 1000000000000 fen');
    expect(parseFenValue(Number.MAX_SAFE_INTEGER, MAX)).toBeInstanceOf(RefusedInput);
    for (const bad of [-1, 1.5, '100', null, Number.NaN]) expect(parseFenValue(bad, MAX)).toBeInstanceOf(RefusedInput);
  });

  it('the bound reaches the Fen scalar from createSchema (the server passes its configuration)', () => {
    const fen = createSchema({ input: { maxFen: 500 } }).schema.getType('Fen');
    if (!isScalarType(fen)) throw new Error('no Fen scalar');
    expect(fen.parseValue(500)).toBe(500n);
    expect(fen.parseValue(501)).toBeInstanceOf(RefusedInput);
  });
});
