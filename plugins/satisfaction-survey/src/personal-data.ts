// 个人信息保护法 第6条 (minimum necessary): a satisfaction survey needs no respondent's personal data, and the
// platform has no field for it — but free text could still carry a phone number or an ID number. These pure checks
// find the two kinds that identify a person outright in China, so a response holding one is refused (the caller
// removes it and resubmits); nothing holding one is ever stored.
//
// Decisions (where the law and the issue leave it open):
// - Text is read after NFKC, so full-width digits (１３８…) and dashes are caught like ASCII ones.
// - Mobile number: 1[3-9] and nine more digits, optionally after +86 / 86, written whole or in the usual 3-4-4
//   groups separated by one space or dash (138 1234 5678, 138-1234-5678); not part of a longer digit run, so an
//   order number or a 20-digit code is not taken for a phone number.
// - 居民身份证号码: the 18-character form (GB 11643-1999) with a valid birth date and a valid ISO 7064 MOD 11-2 check
//   character, and the old 15-digit form (birth date 19YYMMDD valid) — both, because the old cards' numbers are still
//   in people's records; optionally in 6-8-4 (or 6-6-3) groups separated by one space. Not part of a longer digit run.

export type PersonalDataKind = 'MOBILE' | 'IDENTITY';

const MOBILE = /(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])/u;
const ID18 = /(?<![0-9])([0-9]{6}) ?([0-9]{8}) ?([0-9]{3}[0-9Xx])(?![0-9A-Za-z])/gu;
const ID15 = /(?<![0-9])([0-9]{6}) ?([0-9]{6}) ?([0-9]{3})(?![0-9])/gu;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643-1999 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function validBirthDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The kind of personal data the text holds, or null. */
export function findPersonalData(text: string): PersonalDataKind | null {
  const t = text.normalize('NFKC');
  if (MOBILE.test(t)) return 'MOBILE';
  for (const m of t.matchAll(ID18)) {
    const digits = m[1] + m[2] + m[3].toUpperCase();
    if (validBirthDate(m[2]) && idCheckCharacter(digits.slice(0, 17)) === digits[17]) return 'IDENTITY';
  }
  for (const m of t.matchAll(ID15)) if (validBirthDate(`19${m[2]}`)) return 'IDENTITY';
  return null;
}

export const PERSONAL_DATA_REFUSALS: Record<PersonalDataKind, { zh: string; en: string }> = {
  MOBILE: {
    zh: '疑似含有手机号码：依《个人信息保护法》第6条（最小必要），不得提交受访者个人信息，请删除后重新提交',
    en: 'appears to hold a mobile phone number: 个人信息保护法 第6条 (minimum necessary) — no respondent personal data; remove it and resubmit',
  },
  IDENTITY: {
    zh: '疑似含有居民身份证号码：依《个人信息保护法》第6条（最小必要），不得提交受访者个人信息，请删除后重新提交',
    en: 'appears to hold a resident ID card number: 个人信息保护法 第6条 (minimum necessary) — no respondent personal data; remove it and resubmit',
  },
};
