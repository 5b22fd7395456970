// 统一社会信用代码 (GB 32100-2015). Pure functions; no I/O.

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'LENGTH' | 'CHARACTER' | 'REGION' | 'CHECK_DIGIT';

export interface UsccCheck {
  valid: boolean;
  problem?: UsccProblem;
  /** The check character the first 17 characters call for, when they are well formed. */
  expectedCheck?: string;
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const value = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[value];
}

export function checkUscc(code: string): UsccCheck {
  if (code.length !== 18) return { valid: false, problem: 'LENGTH' };
  for (const ch of code) if (!USCC_ALPHABET.includes(ch)) return { valid: false, problem: 'CHARACTER' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { valid: false, problem: 'REGION' };
  const expectedCheck = checkCharacter(code.slice(0, 17));
  if (code[17] !== expectedCheck) return { valid: false, problem: 'CHECK_DIGIT', expectedCheck };
  return { valid: true };
}

export function isValidUscc(code: string): boolean {
  return checkUscc(code).valid;
}

export const USCC_PROBLEM_MESSAGES: Record<UsccProblem, { zh: string; en: string }> = {
  LENGTH: { zh: '统一社会信用代码应为 18 位', en: 'a USCC has 18 characters' },
  CHARACTER: {
    zh: '统一社会信用代码含有不允许的字符（仅限数字和除 I、O、S、V、Z 外的大写字母）',
    en: 'the USCC has a character outside 0-9 and A-Z without I, O, S, V, Z',
  },
  REGION: {
    zh: '统一社会信用代码第 3–8 位应为行政区划码（数字）',
    en: 'positions 3–8 of a USCC are a numeric region code',
  },
  CHECK_DIGIT: { zh: '统一社会信用代码校验位错误', en: 'the USCC check character is wrong' },
};

/** Build a valid code from an 17-character stem (used by demo data and tests). */
export function completeUscc(first17: string): string {
  return first17 + checkCharacter(first17);
}

/** Codes are stored as entered apart from surrounding spaces and letter case. */
export function normaliseUscc(code: string): string {
  return code.trim().toUpperCase();
}

/** The bilingual explanation of a failed check; a wrong check character names the one expected. */
export function usccProblemMessage(check: UsccCheck): { zh: string; en: string } | null {
  if (check.valid || !check.problem) return null;
  const base = USCC_PROBLEM_MESSAGES[check.problem];
  if (check.problem === 'CHECK_DIGIT' && check.expectedCheck)
    return {
      zh: `${base.zh}：按前 17 位计算应为 ${check.expectedCheck}`,
      en: `${base.en}: the first 17 characters call for ${check.expectedCheck}`,
    };
  return base;
}

/**
 * Early pilot codes are well formed (18 characters of the alphabet) but fail the check character
 * or carry a non-numeric region; those may be accepted with a recorded override. A wrong length or
 * a forbidden character is a typing mistake, never a pilot code, so no override accepts it.
 */
export function usccOverridable(problem: UsccProblem): boolean {
  return problem === 'CHECK_DIGIT' || problem === 'REGION';
}
