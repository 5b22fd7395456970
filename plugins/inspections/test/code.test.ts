// The inspection code's signature, rotation and expiry (code.ts), pure: a code signed by the first key verifies
// under every configured key; after a rotation (new key first) the old key's codes still verify until they
// expire, and once the old key is dropped they are refused as forged; expiry at its second.
import { describe, expect, it } from 'vitest';
import {
  codeEnterpriseId,
  codeKeysInForce,
  isProduction,
  signInspectionCode,
  verifyInspectionCode,
} from '../src/code.js';
import { parseCodeKeys } from '../src/rules/setting-values.js';

const OLD = { id: 'k2025', secret: 'o'.repeat(32) };
const NEW = { id: 'k2026', secret: 'n'.repeat(40) };
const at = new Date('2026-06-01T02:00:00Z');
const expires = new Date('2026-06-01T03:00:00Z');

describe('inspection code', () => {
  it('is compact, names its key and enterprise, and verifies', () => {
    const c = signInspectionCode([OLD], 42, expires);
    expect(c.code).toMatch(/^zic1\.k2025\.42\.1780282800\.[A-Za-z0-9_-]{43}$/);
    expect(c).toMatchObject({ keyId: 'k2025', expiresAt: expires });
    expect(codeEnterpriseId(c.code)).toBe(42);
    expect(verifyInspectionCode([OLD], c.code, at)).toEqual({
      ok: true,
      enterpriseId: 42,
      keyId: 'k2025',
      expiresAt: expires,
    });
  });

  it('refuses a changed enterprise, expiry, key id or mac as forged', () => {
    const { code } = signInspectionCode([OLD], 42, expires);
    const parts = code.split('.');
    const tamper = (i: number, v: string) => parts.map((p, j) => (j === i ? v : p)).join('.');
    for (const bad of [
      tamper(2, '43'),
      tamper(3, String(Number(parts[3]) + 3600)),
      tamper(1, 'k2026'),
      tamper(4, parts[4].slice(0, -1) + (parts[4].endsWith('A') ? 'B' : 'A')),
      code.slice(0, -2),
      `${code}.x`,
      'zic1.k2025.42',
      '',
      'zic2' + code.slice(4),
    ])
      expect(verifyInspectionCode([OLD, NEW], bad, at), bad).toMatchObject({ ok: false, refusal: 'FORGED' });
    // Signed with a key this server does not hold.
    const foreign = signInspectionCode([{ id: 'k2025', secret: 'x'.repeat(32) }], 42, expires).code;
    expect(verifyInspectionCode([OLD], foreign, at)).toMatchObject({ ok: false, refusal: 'FORGED' });
  });

  it('rotation: the new key signs, the old still verifies its codes, a dropped key refuses', () => {
    const old = signInspectionCode([OLD], 7, expires).code;
    const rotated = [NEW, OLD];
    const fresh = signInspectionCode(rotated, 7, expires);
    expect(fresh.keyId).toBe('k2026');
    expect(verifyInspectionCode(rotated, fresh.code, at)).toMatchObject({ ok: true, keyId: 'k2026' });
    expect(verifyInspectionCode(rotated, old, at)).toMatchObject({ ok: true, keyId: 'k2025' });
    expect(verifyInspectionCode([NEW], old, at)).toMatchObject({ ok: false, refusal: 'FORGED' });
    expect(verifyInspectionCode([NEW], fresh.code, at)).toMatchObject({ ok: true });
    // The setting's own parser keeps the order: the first pair signs.
    expect(parseCodeKeys(`k2026:${NEW.secret},k2025:${OLD.secret}`).map((k) => k.id)).toEqual(['k2026', 'k2025']);
  });

  it('expires at its second: the second before is the last valid one', () => {
    const { code } = signInspectionCode([OLD], 7, expires);
    expect(verifyInspectionCode([OLD], code, new Date(expires.getTime() - 1))).toMatchObject({ ok: true });
    expect(verifyInspectionCode([OLD], code, new Date(expires.getTime() - 1000))).toMatchObject({ ok: true });
    expect(verifyInspectionCode([OLD], code, expires)).toMatchObject({ ok: false, refusal: 'EXPIRED' });
    expect(verifyInspectionCode([OLD], code, new Date(expires.getTime() + 999))).toMatchObject({
      ok: false,
      refusal: 'EXPIRED',
    });
  });

  it('another enterprise’s genuine code is refused as such', () => {
    const { code } = signInspectionCode([OLD], 7, expires);
    expect(verifyInspectionCode([OLD], code, at, 8)).toMatchObject({
      ok: false,
      refusal: 'MISMATCH',
      enterpriseId: 7,
    });
    expect(verifyInspectionCode([OLD], code, at, 7)).toMatchObject({ ok: true });
  });

  it('without keys: a development key, none in production', () => {
    expect(codeKeysInForce([], {})?.map((k) => k.id)).toEqual(['dev']);
    expect(codeKeysInForce([], { ZHIFA_ENV: 'production' })).toBeNull();
    expect(codeKeysInForce([], { NODE_ENV: 'production' })).toBeNull();
    expect(codeKeysInForce([], { ZHIFA_ENV: 'development', NODE_ENV: 'production' })?.length).toBe(1);
    expect(codeKeysInForce([OLD], { ZHIFA_ENV: 'production' })).toEqual([OLD]);
    expect(isProduction({ ZHIFA_ENV: 'test' })).toBe(false);
  });
});
