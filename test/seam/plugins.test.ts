// The plugin checklist (docs/plugin-author.md "Adding a plugin"), enforced: every folder under plugins/ is a
// registered plugin that owns its footprint — its package, its settings prefix, its topics, its
// Prisma file and migrations, its back-relations generated — and its package builds alone.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSchema, settingVariable } from '@zhifa/core';
import { INSTALLED_PLUGINS } from '../../packages/server/src/plugins.js';
import { generateRelations } from '../../scripts/plugin-relations.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const folders = readdirSync(path.join(ROOT, 'plugins')).filter((f) =>
  statSync(path.join(ROOT, 'plugins', f)).isDirectory(),
);
interface Manifest {
  name: string;
  exports: Record<string, string>;
  dependencies: Record<string, string>;
}
const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
const upperSnake = (name: string) => name.replace(/-/g, '_').toUpperCase();
const migrations = readdirSync(path.join(ROOT, 'schema', 'migrations')).filter((d) => /^\d{14}_/.test(d));

describe('plugins', () => {
  it('every plugin registered with the server has a folder, and every folder is registered', () => {
    expect(INSTALLED_PLUGINS.map((p) => p.name).sort()).toEqual([...folders].sort());
  });

  it('a schema builds with no plugin and with each plugin alone', () => {
    expect(() => createSchema({ plugins: [] })).not.toThrow();
    for (const plugin of INSTALLED_PLUGINS)
      expect(() => createSchema({ plugins: [plugin] }), plugin.name).not.toThrow();
  });

  it('core back-relations to plugin models are generated, not hand-edited (pnpm db:relations)', () => {
    expect(generateRelations().changed).toEqual([]);
  });
});

describe.each(folders)('plugins/%s', (folder) => {
  const plugin = INSTALLED_PLUGINS.find((p) => p.name === folder);
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'plugins', folder, 'package.json'), 'utf8')) as Manifest;

  it('is a package named for its folder, exporting the plugin, a dependency of the server and the root', () => {
    expect(plugin, `plugins/${folder} is not in packages/server/src/plugins.ts`).toBeDefined();
    expect(manifest.name).toBe(`@zhifa/plugin-${folder}`);
    expect(manifest.exports['.']).toBe('./src/index.ts');
    const server = JSON.parse(readFileSync(path.join(ROOT, 'packages', 'server', 'package.json'), 'utf8')) as Manifest;
    expect(server.dependencies[manifest.name]).toBe('workspace:*');
    // The cross-package tests under test/ and bench/ import plugins from the root.
    const root = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
    expect(root.dependencies[manifest.name], 'the root package.json').toBe('workspace:*');
  });

  // Each check below asserts something for every plugin: what it declares is checked, and what it
  // does not declare is checked to be absent, so no plugin passes a check with nothing to check.
  const src = path.join(ROOT, 'plugins', folder, 'src');
  const sources = () =>
    (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(path.join(src, f), 'utf8'))
      .join('\n')
      // Code only: a comment naming defineSettings or a topic declares nothing.
      .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

  it('reads its settings under ZHIFA_<NAME>_, from src/settings.ts, or declares none', () => {
    const file = existsSync(path.join(src, 'settings.ts'));
    if (plugin?.settings) {
      expect(file, 'settings are declared in src/settings.ts').toBe(true);
      expect(plugin.settings.env).toBe(`ZHIFA_${upperSnake(folder)}_`);
      const keys = Object.keys(plugin.settings.schema.shape);
      expect(keys.length, 'a settings spec with no key').toBeGreaterThan(0);
      for (const key of keys)
        expect(settingVariable(plugin.settings, key)).toMatch(new RegExp(`^ZHIFA_${upperSnake(folder)}_[A-Z0-9_]+$`));
    } else {
      expect(file, 'src/settings.ts exists but the plugin object has no settings').toBe(false);
      expect(sources()).not.toMatch(/\bdefineSettings\(/);
    }
  });

  it('declares every topic it defines, each named after itself, and declares some if it emits', () => {
    const code = sources();
    const declared = (plugin?.topics ?? []).map((t) => t.name);
    for (const name of declared) expect(name.startsWith(camel(folder)), name).toBe(true);
    // Topics defined in its source by name are all declared (list kinds' topics come from listTopics).
    const defined = [...code.matchAll(/\bdefineTopic(?:<[\s\S]*?>)?\(\s*'([^']+)'/g)].map((m) => m[1]);
    for (const name of defined) expect(declared, `topic ${name} is defined but not declared`).toContain(name);
    const emits = /\.emit\(/.test(code) || (plugin?.listKinds ?? []).length > 0;
    if (emits) expect(declared.length, 'it emits events but declares no topic').toBeGreaterThan(0);
    else expect(declared, 'it declares topics but nothing in it emits').toEqual([]);
  });

  it('keeps its models in its own Prisma file, created by migrations named for it, or has neither', () => {
    const file = path.join(ROOT, 'schema', 'prisma', `${folder}.prisma`);
    const prefix = folder.replace(/-/g, '_');
    const named = migrations.filter((d) => d.slice(15).startsWith(prefix));
    if (!existsSync(file)) {
      expect(named, `migrations named for ${folder} but no schema/prisma/${folder}.prisma`).toEqual([]);
      return;
    }
    const models = [...readFileSync(file, 'utf8').matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models.length, `schema/prisma/${folder}.prisma declares no model`).toBeGreaterThan(0);
    expect(named.length, `no migration is named for ${folder}`).toBeGreaterThan(0);
    for (const model of models) {
      const creator = migrations.find((d) =>
        readFileSync(path.join(ROOT, 'schema', 'migrations', d, 'migration.sql'), 'utf8').includes(
          `CREATE TABLE "${model}"`,
        ),
      );
      expect(creator, `no migration creates ${model}`).toBeDefined();
      expect(creator!.slice(15).startsWith(prefix), `${creator} should be named for ${folder}`).toBe(true);
    }
  });

  // What the compiler says does not depend on the database: checked once, in the embedded run (scripts/test.ts runs the
  // suite against PGlite, then PostgreSQL), which keeps the whole of CI under its 15 minutes.
  it.skipIf(!!process.env.ZHIFA_TEST_DATABASE_URL)(
    'builds alone (tsc on its own tsconfig)',
    { timeout: 180_000 },
    () => {
      expect(existsSync(path.join(ROOT, 'plugins', folder, 'tsconfig.json'))).toBe(true);
      execFileSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
          '-p',
          path.join('plugins', folder, 'tsconfig.json'),
        ],
        {
          cwd: ROOT,
          stdio: 'pipe',
        },
      );
    },
  );
});
