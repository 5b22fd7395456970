// The JWT signing secret. Production must configure one (config.ts refuses to start without it).
// In development an unset secret is generated once and kept beside the data dir, mode 0600, so
// tokens printed yesterday still work today; `.data/` is git-ignored, so it is never committed.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATA_DIR, MIN_SECRET_LENGTH, type Config } from './config.js';

/** Where the development secret lives: `<data dir>/../jwt-secret`. */
export function secretFileFor(config: Pick<Config, 'database'>): string | null {
  const db = config.database;
  if (db.kind === 'pglite' && db.dataDir === 'memory://') return null;
  // A PostgreSQL development server has no data dir of its own; use the default's neighbour.
  const dataDir = db.kind === 'pglite' ? db.dataDir : DEFAULT_DATA_DIR;
  return path.join(path.dirname(dataDir), 'jwt-secret');
}

/**
 * Where the development survey-organisation API key is kept: beside the secret, `<data dir>/../dev-api-key`
 * (mode 0600, git-ignored with `.data/`). Null for a throwaway database, whose keys die with it.
 */
export function devApiKeyFileFor(config: Pick<Config, 'database'>): string | null {
  const secret = secretFileFor(config);
  return secret && path.join(path.dirname(secret), 'dev-api-key');
}

export interface ResolvedSecret {
  secret: string;
  /** Where it came from, for the start-up log. */
  source: 'config' | 'file' | 'generated' | 'ephemeral';
  file?: string;
}

export function resolveJwtSecret(config: Pick<Config, 'database' | 'jwtSecret' | 'env'>): ResolvedSecret {
  if (config.jwtSecret) return { secret: config.jwtSecret, source: 'config' };
  if (config.env === 'production') throw new Error('ZHIFA_JWT_SECRET 未设置 / ZHIFA_JWT_SECRET is not set');
  const file = secretFileFor(config);
  // A throwaway database gets a throwaway secret: nothing it signs outlives the process anyway.
  if (!file) return { secret: randomBytes(32).toString('base64url'), source: 'ephemeral' };
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= MIN_SECRET_LENGTH) return { secret: existing, source: 'file', file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    // Exclusive create: a server and a CLI starting together must not end up with two secrets.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { secret: readFileSync(file, 'utf8').trim(), source: 'file', file };
  }
  chmodSync(file, 0o600); // the umask may have narrowed it further, never widened; make it exact
  return { secret, source: 'generated', file };
}
