// The enterprise's inspection code 检查码 (扫码入企, county plan task 14; Shanghai 检查码 practice): a compact signed
// token an app renders as a QR code, `zic1.<keyId>.<enterpriseId>.<expiresEpochSeconds>.<mac>`, the mac being
// HMAC-SHA256 over everything before it, base64url. Pure: keys and the clock are arguments.
//
// Keys come from the setting codeKeys (ZHIFA_INSPECTIONS_CODE_KEYS). The first key signs; every configured key
// verifies, so a key is rotated by putting the new one first and keeping the old one until the codes it signed
// have expired (at most codeTtlMinutes); a key dropped from the list no longer verifies anything.
//
// With no key configured a random key is made once per process: for development only — its codes die with the
// process and one instance cannot verify another's. In production (ZHIFA_ENV=production, or NODE_ENV=production
// when ZHIFA_ENV is unset, as the server's configuration reads it) that is refused: reading a code and recording a
// visit answer INSPECTION_CODE_KEYS_MISSING rather than hand out codes no other instance accepts.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CodeKey } from './rules/setting-values.js';

export const CODE_PREFIX = 'zic1';

/** The development key: random, this process only (see above). */
const DEV_KEY: CodeKey = { id: 'dev', secret: randomBytes(32).toString('base64url') };

export function isProduction(env: Record<string, string | undefined> = process.env): boolean {
  const mode = env.ZHIFA_ENV?.trim() || env.NODE_ENV?.trim();
  return mode === 'production';
}

/** The keys in force: the configured ones, else the development key; null in production without keys. */
export function codeKeysInForce(configured: readonly CodeKey[], env = process.env): readonly CodeKey[] | null {
  if (configured.length > 0) return configured;
  return isProduction(env) ? null : [DEV_KEY];
}

export interface InspectionCode {
  code: string;
  keyId: string;
  expiresAt: Date;
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

/** Signs a code for `enterpriseId` expiring at `expiresAt` (whole seconds; a fraction is dropped). */
export function signInspectionCode(keys: readonly CodeKey[], enterpriseId: number, expiresAt: Date): InspectionCode {
  const key = keys[0];
  if (!key) throw new Error('no inspection code key');
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const body = `${CODE_PREFIX}.${key.id}.${enterpriseId}.${expires}`;
  return {
    code: `${body}.${mac(key.secret, body).toString('base64url')}`,
    keyId: key.id,
    expiresAt: new Date(expires * 1000),
  };
}

export type CodeRefusal = 'FORGED' | 'EXPIRED' | 'MISMATCH';

export type CodeCheck =
  | { ok: true; enterpriseId: number; keyId: string; expiresAt: Date }
  | { ok: false; refusal: CodeRefusal; enterpriseId: number | null };

const SHAPE = /^zic1\.([A-Za-z0-9-]{1,16})\.([1-9][0-9]{0,9})\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/;

/** The enterprise a code names, unverified (to lock its row before verifying); null when it is no code at all. */
export function codeEnterpriseId(code: string): number | null {
  const m = SHAPE.exec(code.trim());
  if (!m) return null;
  const id = Number(m[2]);
  return id <= 2_147_483_647 ? id : null;
}

/**
 * Verifies `code` at `now`: FORGED for anything malformed, signed by a key not configured, or with a wrong mac;
 * EXPIRED from its expiry second on (the second before is the last valid one); MISMATCH when it is genuine
 * and current but names another enterprise than `expectedEnterpriseId`.
 */
export function verifyInspectionCode(
  keys: readonly CodeKey[],
  code: string,
  now: Date,
  expectedEnterpriseId: number | null = null,
): CodeCheck {
  const m = SHAPE.exec(code.trim());
  const enterpriseId = codeEnterpriseId(code);
  if (!m || enterpriseId === null) return { ok: false, refusal: 'FORGED', enterpriseId: null };
  const [, keyId, , expiresRaw, given] = m;
  const key = keys.find((k) => k.id === keyId);
  if (!key) return { ok: false, refusal: 'FORGED', enterpriseId };
  const expected = mac(key.secret, `${CODE_PREFIX}.${keyId}.${m[2]}.${expiresRaw}`);
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    return { ok: false, refusal: 'FORGED', enterpriseId };
  const expires = Number(expiresRaw);
  if (Math.floor(now.getTime() / 1000) >= expires) return { ok: false, refusal: 'EXPIRED', enterpriseId };
  if (expectedEnterpriseId !== null && expectedEnterpriseId !== enterpriseId)
    return { ok: false, refusal: 'MISMATCH', enterpriseId };
  return { ok: true, enterpriseId, keyId, expiresAt: new Date(expires * 1000) };
}
