// ZHIFA_ENV=production is enough: the server process also runs graphql-js's production code paths,
// which graphql-js chooses from NODE_ENV once, when it is first loaded.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(REPO, 'packages/server/src/main.ts');

function nodeEnvAfterImport(env: Record<string, string>): string {
  const { NODE_ENV: _, ZHIFA_ENV: __, ...rest } = process.env;
  return execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `await import(${JSON.stringify(path.join(REPO, 'packages/server/src/production-env.ts'))}); process.stdout.write(String(process.env.NODE_ENV))`,
    ],
    {
      cwd: REPO,
      env: { ...rest, ...env },
      encoding: 'utf8',
    },
  );
}

describe('production mode reaches graphql-js', () => {
  it('ZHIFA_ENV=production sets an unset NODE_ENV; development leaves it unset; an explicit NODE_ENV is kept', () => {
    expect(nodeEnvAfterImport({ ZHIFA_ENV: 'production' })).toBe('production');
    expect(nodeEnvAfterImport({ ZHIFA_ENV: 'development' })).toBe('undefined');
    expect(nodeEnvAfterImport({ ZHIFA_ENV: 'production', NODE_ENV: 'test' })).toBe('test');
  });

  it('main.ts imports it before any other module (ES modules evaluate in import order)', () => {
    const firstImport = /^import\s+[^;]*?['"]([^'"]+)['"]/m.exec(readFileSync(MAIN, 'utf8'))?.[1];
    expect(firstImport).toBe('./production-env.js');
  });
});
