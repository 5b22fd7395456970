// Configuration: defaults, every bad variable named in one bilingual error, and the development
// JWT secret kept beside the data dir.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATA_DIR, loadConfig } from '../../packages/server/src/config.js';
import { resolveJwtSecret } from '../../packages/server/src/secret.js';
import { nonPenaltySettings } from '@zhifa/plugin-non-penalty';

describe('loadConfig', () => {
  it('has development defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development',
      port: 4000,
      host: '127.0.0.1',
      database: { kind: 'pglite', dataDir: DEFAULT_DATA_DIR },
      graphiql: true,
      introspection: true,
      demoData: true,
    });
    expect(c.settings.get(nonPenaltySettings)).toEqual({ firstOffenceLookbackYears: 2 });
    expect(c.jwtSecret).toBeUndefined();
    expect(c.input).toEqual({ maxFen: 1_000_000_000_000 });
  });

  it('reads the largest amount of money from ZHIFA_MAX_FEN, up to 2^53 − 1', () => {
    expect(loadConfig({ ZHIFA_MAX_FEN: '500000' }).input).toEqual({ maxFen: 500_000 });
    expect(loadConfig({ ZHIFA_MAX_FEN: String(Number.MAX_SAFE_INTEGER) }).input.maxFen).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => loadConfig({ ZHIFA_MAX_FEN: String(Number.MAX_SAFE_INTEGER + 1) })).toThrow(ConfigError);
  });

  it('turns GraphiQL, introspection and demo data off in production', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      ZHIFA_JWT_SECRET: 'x'.repeat(32),
      DATABASE_URL: 'postgres://u@h/db',
    });
    expect(c).toMatchObject({ env: 'production', graphiql: false, introspection: false, demoData: false });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });

  it('reads every variable', () => {
    const c = loadConfig(
      {
        ZHIFA_ENV: 'test',
        NODE_ENV: 'production', // ZHIFA_ENV wins
        PORT: '0',
        HOST: '0.0.0.0',
        ZHIFA_DATA_DIR: 'var/db',
        ZHIFA_JWT_SECRET: 's'.repeat(40),
        ZHIFA_PLUGINS: '',
        ZHIFA_GRAPHIQL: 'off',
        ZHIFA_INTROSPECTION: 'YES',
        ZHIFA_DEMO_DATA: '1',
      },
      '/srv/zhifa',
    );
    expect(c).toMatchObject({
      env: 'test',
      port: 0,
      host: '0.0.0.0',
      database: { kind: 'pglite', dataDir: '/srv/zhifa/var/db' },
      jwtSecret: 's'.repeat(40),
      plugins: [],
      graphiql: false,
      introspection: true,
      demoData: true,
    });
    expect(loadConfig({ ZHIFA_DATA_DIR: 'memory://' }).database).toEqual({ kind: 'pglite', dataDir: 'memory://' });
  });

  it("reads a plugin's settings under its own prefix, only when the plugin is selected", () => {
    const env = { ZHIFA_NON_PENALTY_FIRST_OFFENCE_LOOKBACK_YEARS: '3' };
    expect(loadConfig(env).settings.get(nonPenaltySettings)).toEqual({ firstOffenceLookbackYears: 3 });
    expect(
      loadConfig({ ...env, ZHIFA_PLUGINS: 'non-penalty' }).settings.get(nonPenaltySettings).firstOffenceLookbackYears,
    ).toBe(3);
    // Not selected: its variables are not read (and a bad one does not stop the server).
    expect(() => loadConfig({ ZHIFA_NON_PENALTY_FIRST_OFFENCE_LOOKBACK_YEARS: 'x', ZHIFA_PLUGINS: '' })).not.toThrow();
    // The boundary: 20 is the last allowed value, 21 the first refused.
    expect(
      loadConfig({ ZHIFA_NON_PENALTY_FIRST_OFFENCE_LOOKBACK_YEARS: '20' }).settings.get(nonPenaltySettings)
        .firstOffenceLookbackYears,
    ).toBe(20);
    expect(() => loadConfig({ ZHIFA_NON_PENALTY_FIRST_OFFENCE_LOOKBACK_YEARS: '21' })).toThrow(ConfigError);
  });

  const bad: [string, string][] = [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['HOST', 'not a host'],
    ['ZHIFA_ENV', 'staging'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://u@h/db'],
    ['ZHIFA_JWT_SECRET', 'too-short'],
    ['ZHIFA_PLUGINS', 'no-such-plugin'],
    ['ZHIFA_GRAPHIQL', 'maybe'],
    ['ZHIFA_INTROSPECTION', '2'],
    ['ZHIFA_DEMO_DATA', 'sometimes'],
    ['ZHIFA_MAX_FEN', '0'],
    ['ZHIFA_MAX_FEN', '1e12'],
    ['ZHIFA_NON_PENALTY_FIRST_OFFENCE_LOOKBACK_YEARS', '-1'],
    ['ZHIFA_NON_PENALTY_FIRST_OFFENCE_LOOKBACK_YEARS', '0'],
    ['ZHIFA_NON_PENALTY_FIRST_OFFENCE_LOOKBACK_YEARS', '2.5'],
    ['ZHIFA_NON_PENALTY_FIRST_OFFENCE_LOOKBACK_YEARS', 'two'],
  ];
  it.each(bad)('names %s=%s', (variable, value) => {
    const err = catchConfig({ [variable]: value });
    expect(err.issues.map((i) => i.variable)).toEqual([variable]);
    expect(err.message).toContain(`${variable}: `);
    expect(err.message).toContain(value);
    // Chinese first, then English.
    expect(err.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
  });

  it('requires a long secret in production', () => {
    const err = catchConfig({ NODE_ENV: 'production' });
    expect(err.issues.map((i) => i.variable)).toEqual(['ZHIFA_JWT_SECRET']);
    expect(err.message).toContain('生产环境必须设置');
    expect(catchConfig({ NODE_ENV: 'production', ZHIFA_JWT_SECRET: 'short' }).issues[0].en).toContain('at least 32');
  });

  it('lists every bad variable at once', () => {
    const err = catchConfig({
      PORT: '-1',
      HOST: 'a b',
      ZHIFA_GRAPHIQL: 'x',
      ZHIFA_PLUGINS: 'nope',
      DATABASE_URL: 'http://x',
    });
    expect(err.issues.map((i) => i.variable).sort()).toEqual([
      'DATABASE_URL',
      'HOST',
      'PORT',
      'ZHIFA_GRAPHIQL',
      'ZHIFA_PLUGINS',
    ]);
    expect(err.message.split('\n')[0]).toContain('配置错误');
    expect(err.message).toContain('nope');
  });
});

function catchConfig(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('development JWT secret', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhifa-secret-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated once beside the data dir, mode 0600, and reused', () => {
    const config = loadConfig({ ZHIFA_DATA_DIR: path.join(dir, 'pglite') });
    const first = resolveJwtSecret(config);
    expect(first.source).toBe('generated');
    expect(first.file).toBe(path.join(dir, 'jwt-secret'));
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    const again = resolveJwtSecret(config);
    expect(again).toMatchObject({ source: 'file', secret: first.secret });
    expect(readFileSync(first.file!, 'utf8').trim()).toBe(first.secret);
  });

  it('comes from the configuration when set, and is throwaway for memory://', () => {
    expect(resolveJwtSecret(loadConfig({ ZHIFA_JWT_SECRET: 'k'.repeat(32) }))).toEqual({
      secret: 'k'.repeat(32),
      source: 'config',
    });
    expect(resolveJwtSecret(loadConfig({ ZHIFA_DATA_DIR: 'memory://' })).source).toBe('ephemeral');
  });
});
