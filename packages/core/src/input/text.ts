// What a string may contain, by kind of field. Pure; applied to every String and ID argument and
// input field by the input plugin (plugin.ts) and to every CSV cell (lists/csv.ts).
//
// - Every string is normalised to Unicode NFC (UAX #15), so the same text typed on two systems is
//   stored, compared and counted alike.
// - No kind admits an unpaired surrogate (not Unicode; PostgreSQL stores text as UTF-8) or a
//   control character (general category Cc: U+0000–U+001F, U+007F–U+009F) — a NUL cannot even be
//   stored in PostgreSQL text — except that `multiline` free text admits line feed and tab, with
//   CR LF and lone CR read as LF. `csv` (a whole file sent as text) is checked cell by cell instead,
//   by the CSV reader with this same function, so each refusal names its line and column.
// - `name` (names of people, enterprises and agencies, list titles, and identifiers people read:
//   case and certificate numbers) also refuses characters that are invisible or change the
//   direction of text around them, which make two names look alike or a name read backwards
//   (Unicode Bidi_Control: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069; zero-width and
//   invisible: U+00AD, U+180E, U+200B–U+200D, U+2060–U+2064, U+FEFF; cf. Unicode TR #36 §2 and
//   CVE-2021-42574 "Trojan Source").
import type { Bilingual } from '../errors.js';

export type TextKind = 'line' | 'multiline' | 'name' | 'csv';

/** The Pothos `extensions` key naming a field's text kind; `line` when absent. */
export const TEXT_KIND = 'zhifaTextKind';

/** `t.string({ …, extensions: textKind('name') })`: the field's kind of text (default `line`). */
export function textKind(kind: TextKind): Record<string, TextKind> {
  return { [TEXT_KIND]: kind };
}

// Control characters are what these two look for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_TAB_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
const INVISIBLE_OR_BIDI = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const LONE_SURROGATE = /\p{Surrogate}/u;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The text to store, or why it is refused. */
export function checkText(kind: TextKind, raw: string): { value: string } | { error: Bilingual } {
  if (LONE_SURROGATE.test(raw))
    return {
      error: { zh: '含有无效的 Unicode 字符（孤立的代理项）', en: 'contains invalid Unicode (an unpaired surrogate)' },
    };
  let value = raw.normalize('NFC');
  if (kind === 'multiline') value = value.replace(/\r\n?/g, '\n');
  if (kind === 'csv') return { value };
  const control = (kind === 'multiline' ? CONTROL_BUT_TAB_LF : CONTROL).exec(value);
  if (control) {
    const at = codePoint(control[0]);
    return kind !== 'multiline'
      ? {
          error: {
            zh: `含有控制字符 ${at}（此处只能填一行文字）`,
            en: `contains the control character ${at} (a single line of text is expected)`,
          },
        }
      : { error: { zh: `含有控制字符 ${at}`, en: `contains the control character ${at}` } };
  }
  if (kind === 'name') {
    const hidden = INVISIBLE_OR_BIDI.exec(value);
    if (hidden)
      return {
        error: {
          zh: `含有不可见或改变文字方向的字符 ${codePoint(hidden[0])}`,
          en: `contains an invisible or text-direction character ${codePoint(hidden[0])}`,
        },
      };
  }
  return { value };
}
