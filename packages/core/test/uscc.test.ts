import { describe, expect, it } from 'vitest';
import {
  checkCharacter,
  checkUscc,
  completeUscc,
  isValidUscc,
  normaliseUscc,
  USCC_ALPHABET,
  usccOverridable,
  usccProblemMessage,
} from '../src/rules/uscc.js';

describe('USCC alphabet (GB 32100-2015)', () => {
  it('has 31 characters: digits and capitals without I O S V Z', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
    expect(new Set(USCC_ALPHABET).size).toBe(31);
    for (const ch of 'IOSVZ') expect(USCC_ALPHABET).not.toContain(ch);
    for (const ch of '0123456789ABCDEFGHJKLMNPQRTUWXY') expect(USCC_ALPHABET).toContain(ch);
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('refuses %s anywhere in a code as a CHARACTER problem', (ch) => {
    const good = completeUscc('91320923MA1MXJ0N7');
    for (const pos of [0, 10, 17]) {
      const bad = good.slice(0, pos) + ch + good.slice(pos + 1);
      expect(checkUscc(bad)).toEqual({ valid: false, problem: 'CHARACTER' });
    }
  });
});

describe('checkUscc', () => {
  it('accepts a check character worked out by hand', () => {
    // 91320923MA1MXJ0N7: values 9 1 3 2 0 9 2 3 21 10 1 21 29 18 0 22 7, weighted
    // 9·1 + 1·3 + 3·9 + 2·27 + 0·19 + 9·26 + 2·16 + 3·17 + 21·20 + 10·29 + 1·25 + 21·13 + 29·8
    // + 18·24 + 0·10 + 22·30 + 7·28 = 2938; 2938 mod 31 = 24; 31 − 24 = 7 → '7'.
    expect(checkCharacter('91320923MA1MXJ0N7')).toBe('7');
    expect(checkUscc('91320923MA1MXJ0N77')).toEqual({ valid: true });
  });

  it.each([
    ['91110108551385082Q', 'a published company code ending in a letter'],
    ['914403001922038216', 'a published company code ending in a digit'],
    ['9144030071526726XG', 'a published code with a letter inside the body'],
  ])('accepts %s (%s)', (code) => {
    expect(checkUscc(code)).toEqual({ valid: true });
  });

  it('accepts codes built with completeUscc for every kind of registering authority', () => {
    const stems = [
      '91320923MA1N0AB1C', // 9 工商 · 1 企业
      '92320923MA1PQ2RT3', // 9 工商 · 2 个体工商户
      '93320923MA1UW4XY5', // 9 工商 · 3 农民专业合作社
      '11320923014000000', // 1 机构编制 · 1 机关
      '52320923MJ0000000', // 5 民政 · 2 民办非企业单位
    ];
    for (const stem of stems) {
      const code = completeUscc(stem);
      expect(code).toHaveLength(18);
      expect(isValidUscc(code)).toBe(true);
    }
  });

  it('maps a check value of 31 to 0', () => {
    // Find a stem whose weighted sum is a multiple of 31 by adjusting the last body character.
    const base = '91320923MA1MXJ0N';
    const stem = [...USCC_ALPHABET].map((c) => base + c).find((s) => checkCharacter(s) === '0')!;
    expect(stem).toBeDefined();
    expect(checkUscc(`${stem}0`)).toEqual({ valid: true });
  });

  it('reports a wrong length', () => {
    expect(checkUscc('')).toEqual({ valid: false, problem: 'LENGTH' });
    expect(checkUscc('91320923MA1MXJ0N7')).toEqual({ valid: false, problem: 'LENGTH' });
    expect(checkUscc('91320923MA1MXJ0N777')).toEqual({ valid: false, problem: 'LENGTH' });
  });

  it('reports lower case and punctuation as CHARACTER problems (normalise first)', () => {
    expect(checkUscc('91320923ma1mxj0n77')).toEqual({ valid: false, problem: 'CHARACTER' });
    expect(checkUscc('91320923-A1MXJ0N77')).toEqual({ valid: false, problem: 'CHARACTER' });
    expect(normaliseUscc(' 91320923ma1mxj0n77 ')).toBe('91320923MA1MXJ0N77');
  });

  it('reports a region code (positions 3–8) that is not numeric', () => {
    const stem = '9132A923MA1MXJ0N7';
    expect(checkUscc(completeUscc(stem))).toEqual({ valid: false, problem: 'REGION' });
  });

  it('reports a wrong check character with the expected one', () => {
    expect(checkUscc('91320923MA1MXJ0N78')).toEqual({ valid: false, problem: 'CHECK_DIGIT', expectedCheck: '7' });
    expect(checkUscc('91110108551385082P')).toEqual({ valid: false, problem: 'CHECK_DIGIT', expectedCheck: 'Q' });
  });

  it('catches every single-character substitution in the body', () => {
    const code = '91320923MA1MXJ0N77';
    for (let i = 0; i < 17; i++)
      for (const ch of USCC_ALPHABET) {
        if (ch === code[i] || (i >= 2 && i < 8 && !/\d/.test(ch))) continue;
        expect(isValidUscc(code.slice(0, i) + ch + code.slice(i + 1))).toBe(false);
      }
  });
});

describe('usccProblemMessage', () => {
  it('is bilingual and names the expected check character', () => {
    const m = usccProblemMessage(checkUscc('91320923MA1MXJ0N78'))!;
    expect(m.zh).toContain('校验位错误');
    expect(m.zh).toContain('应为 7');
    expect(m.en).toContain('call for 7');
  });

  it.each([
    ['9132092', '18 位', '18 characters'],
    ['91320923MA1MXJ0NI7', '不允许的字符', 'without I, O, S, V, Z'],
    [completeUscc('9132A923MA1MXJ0N7'), '行政区划码', 'region code'],
  ])('explains %s', (code, zh, en) => {
    const m = usccProblemMessage(checkUscc(code))!;
    expect(m.zh).toContain(zh);
    expect(m.en).toContain(en);
  });

  it('is null for a valid code', () => {
    expect(usccProblemMessage(checkUscc('914403001922038216'))).toBeNull();
  });
});

describe('usccOverridable', () => {
  it('covers well-formed pilot codes only', () => {
    expect(usccOverridable('CHECK_DIGIT')).toBe(true);
    expect(usccOverridable('REGION')).toBe(true);
    expect(usccOverridable('LENGTH')).toBe(false);
    expect(usccOverridable('CHARACTER')).toBe(false);
  });
});
