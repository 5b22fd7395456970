// `pnpm new:plugin <name>` (scripts/new-plugin.ts) on a copy of the files it touches: the skeleton is
// written and registered (the server's plugin list, the server's and the root's dependencies),
// formatted, declares what it imports, builds a schema alone and typechecks alone; a taken or
// malformed name writes nothing. The real tree is never touched.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema, type ZhifaPlugin } from '@zhifa/core';
import { scaffoldPlugin, type Scaffolded } from '../../scripts/new-plugin.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const COPIED = [
  'package.json',
  'tsconfig.json',
  '.prettierrc.json',
  'packages/server/package.json',
  'packages/server/src/plugins.ts',
];
let tmp: string;
let made: Scaffolded;
const read = (file: string) => readFileSync(path.join(tmp, file), 'utf8');
interface Manifest {
  name: string;
  exports: Record<string, string>;
  dependencies: Record<string, string>;
}
const json = (file: string) => JSON.parse(read(file)) as Manifest;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'zhifa-new-plugin-'));
  for (const file of COPIED) cpSync(path.join(ROOT, file), path.join(tmp, file));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  made = await scaffoldPlugin(tmp, 'sample-thing');
});
afterAll(() => tmp && rmSync(tmp, { recursive: true, force: true }));

describe('pnpm new:plugin', () => {
  it('writes the package skeleton', () => {
    expect(made.written.sort()).toEqual(
      ['package.json', 'tsconfig.json', 'src/index.ts', 'README.md']
        .map((f) => path.join('plugins/sample-thing', f))
        .sort(),
    );
    const manifest = json('plugins/sample-thing/package.json');
    expect(manifest.name).toBe('@zhifa/plugin-sample-thing');
    expect(manifest.exports['.']).toBe('./src/index.ts');
    // Declares exactly what its source imports (the rule of test/seam/manifests.test.ts).
    expect(Object.keys(manifest.dependencies)).toEqual(['@zhifa/core']);
    expect(read('plugins/sample-thing/src/index.ts')).toContain("from '@zhifa/core'");
    expect(JSON.parse(read('plugins/sample-thing/tsconfig.json'))).toMatchObject({
      extends: '../../tsconfig.json',
      include: ['src'],
    });
  });

  it('registers it with the server and as a dependency of the server and of the root', () => {
    const plugins = read('packages/server/src/plugins.ts');
    expect(plugins).toContain("import { sampleThingPlugin } from '@zhifa/plugin-sample-thing';");
    // Appended to the list, after the plugins already there.
    expect(plugins).toMatch(
      /INSTALLED_PLUGINS: ZhifaPlugin\[\] = \[[^\]]*\bnonPenaltyPlugin\b[^\]]*,\s*sampleThingPlugin,?\s*\]/,
    );
    expect(json('packages/server/package.json').dependencies['@zhifa/plugin-sample-thing']).toBe('workspace:*');
    expect(json('package.json').dependencies['@zhifa/plugin-sample-thing']).toBe('workspace:*');
    expect(made.edited.sort()).toEqual([
      'package.json',
      'packages/server/package.json',
      'packages/server/src/plugins.ts',
    ]);
  });

  it('leaves every file it wrote or changed formatted', async () => {
    for (const file of [...made.written, ...made.edited]) {
      const options = (await prettier.resolveConfig(path.join(ROOT, file))) ?? {};
      expect(await prettier.check(read(file), { ...options, filepath: path.join(ROOT, file) }), file).toBe(true);
    }
  });

  it('is a plugin a schema builds with, named for its folder', async () => {
    const mod = (await import(pathToFileURL(path.join(tmp, 'plugins/sample-thing/src/index.ts')).href)) as {
      sampleThingPlugin: ZhifaPlugin;
    };
    expect(mod.sampleThingPlugin.name).toBe('sample-thing');
    expect(() => createSchema({ plugins: [mod.sampleThingPlugin] })).not.toThrow();
  });

  it('typechecks alone (tsc on its own tsconfig)', { timeout: 180_000 }, () => {
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'plugins/sample-thing/tsconfig.json'],
      { cwd: tmp, stdio: 'pipe' },
    );
  });

  it('refuses a taken or malformed name, writing nothing', async () => {
    const before = read('packages/server/src/plugins.ts');
    await expect(scaffoldPlugin(tmp, 'sample-thing')).rejects.toThrow(/exists already/);
    await expect(scaffoldPlugin(tmp, 'Sample_Thing')).rejects.toThrow(/kebab-case/);
    expect(existsSync(path.join(tmp, 'plugins/Sample_Thing'))).toBe(false);
    expect(read('packages/server/src/plugins.ts')).toBe(before);
  });
});
