// Parsers of the `key:value,…` settings. Each throws one bilingual message (`中文|English`, the settings'
// convention) naming the part that is wrong, so a misconfigured county learns which pair to fix at start.
import { msg } from '@zhifa/core';
import type { CreditRiskClass } from '@zhifa/core/prisma';

export interface CodeKey {
  readonly id: string;
  readonly secret: string;
}

export const MIN_CODE_SECRET_LENGTH = 32;

function pairs(raw: string): [string, string][] {
  return raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const at = p.indexOf(':');
      if (at <= 0) throw new Error(msg(`“${p}” 应为 键:值`, `"${p}" should be key:value`));
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()];
    });
}

export function parseCodeKeys(raw: string): CodeKey[] {
  const keys = pairs(raw).map(([id, secret]) => {
    if (!/^[A-Za-z0-9-]{1,16}$/.test(id))
      throw new Error(
        msg(`密钥编号“${id}”须为 1–16 位字母、数字或 -`, `key id "${id}" must be 1–16 letters, digits or -`),
      );
    if (secret.length < MIN_CODE_SECRET_LENGTH)
      throw new Error(
        msg(
          `密钥“${id}”的密文不少于 ${MIN_CODE_SECRET_LENGTH} 个字符`,
          `key "${id}" needs a secret of at least ${MIN_CODE_SECRET_LENGTH} characters`,
        ),
      );
    return { id, secret };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length)
    throw new Error(msg('密钥编号重复', 'a key id appears twice'));
  return keys;
}

export function parseDomainCaps(raw: string): Record<string, number> {
  const caps: Record<string, number> = {};
  for (const [domain, value] of pairs(raw)) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 365)
      throw new Error(
        msg(`领域“${domain}”的次数须为 1–365 的整数`, `the cap of "${domain}" must be an integer from 1 to 365`),
      );
    caps[domain] = n;
  }
  return caps;
}

export type DrawWeights = Record<CreditRiskClass, number>;

export function parseDrawWeights(raw: string): DrawWeights {
  const weights: Partial<DrawWeights> = {};
  for (const [cls, value] of pairs(raw)) {
    if (!['A', 'B', 'C', 'D'].includes(cls))
      throw new Error(msg(`信用风险类别“${cls}”应为 A、B、C 或 D`, `credit class "${cls}" should be A, B, C or D`));
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > 1000)
      throw new Error(
        msg(`类别 ${cls} 的权重须为 0 以上、1000 以内`, `the weight of ${cls} must be above 0 and at most 1000`),
      );
    weights[cls as CreditRiskClass] = n;
  }
  for (const cls of ['A', 'B', 'C', 'D'] as const)
    if (weights[cls] === undefined)
      throw new Error(msg(`缺少类别 ${cls} 的权重`, `the weight of class ${cls} is missing`));
  return weights as DrawWeights;
}

/** Weights stored with a draw (JSON), read back checked: the four classes, each above 0 — as the setting wrote them. */
export function storedDrawWeights(v: unknown): DrawWeights {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  return parseDrawWeights(['A', 'B', 'C', 'D'].map((c) => `${c}:${typeof o[c] === 'number' ? o[c] : 'x'}`).join(','));
}
