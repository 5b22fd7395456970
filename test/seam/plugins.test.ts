// The plugin checklist (README "Adding a plugin"), enforced: every folder under plugins/ is a
// registered plugin that owns its footprint — its package, its settings prefix, its topics, its
// Prisma file and migrations, its back-relations generated — and its package builds alone.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSchema } from '@zhifa/core';
import { INSTALLED_PLUGINS } from '../../packages/server/src/plugins.js';
import { generateRelations } from '../../scripts/plugin-relations.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const folders = readdirSync(path.join(ROOT, 'plugins')).filter((f) =>
  statSync(path.join(ROOT, 'plugins', f)).isDirectory(),
);
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
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'plugins', folder, 'package.json'), 'utf8'));

  it('is a package named for its folder, exporting the plugin, a dependency of the server', () => {
    expect(plugin, `plugins/${folder} is not in packages/server/src/plugins.ts`).toBeDefined();
    expect(manifest.name).toBe(`@zhifa/plugin-${folder}`);
    expect(manifest.exports['.']).toBe('./src/index.ts');
    const server = JSON.parse(readFileSync(path.join(ROOT, 'packages', 'server', 'package.json'), 'utf8'));
    expect(server.dependencies[manifest.name]).toBe('workspace:*');
  });

  it('reads its settings under ZHIFA_<NAME>_ and names its topics after itself', () => {
    if (plugin?.settings) expect(plugin.settings.env).toBe(`ZHIFA_${upperSnake(folder)}_`);
    for (const topic of plugin?.topics ?? []) expect(topic.name.startsWith(camel(folder)), topic.name).toBe(true);
  });

  it('keeps its models in its own Prisma file, created by migrations named for it', () => {
    const file = path.join(ROOT, 'schema', 'prisma', `${folder}.prisma`);
    if (!existsSync(file)) return;
    const models = [...readFileSync(file, 'utf8').matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    for (const model of models) {
      const creator = migrations.find((d) =>
        readFileSync(path.join(ROOT, 'schema', 'migrations', d, 'migration.sql'), 'utf8').includes(
          `CREATE TABLE "${model}"`,
        ),
      );
      expect(creator, `no migration creates ${model}`).toBeDefined();
      expect(creator!.slice(15).startsWith(folder.replace(/-/g, '_')), `${creator} should be named for ${folder}`).toBe(
        true,
      );
    }
  });

  it('builds alone (tsc on its own tsconfig)', { timeout: 180_000 }, () => {
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
  });
});
