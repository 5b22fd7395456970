// `pnpm new:plugin <name>`: the part of "Adding a plugin" (docs/plugin-author.md) that needs no
// thought — the package skeleton under plugins/<name>/ and its registration: the server's plugin list
// (packages/server/src/plugins.ts), the server's dependencies and the root package's (the
// cross-package tests under test/ and bench/ import plugins from the root). Then: `pnpm install`
// (links the new workspace package) and `pnpm schema:print`. test/seam/plugins.test.ts holds the
// result to the checklist; test/seam/new-plugin.test.ts runs this on a copy of the tree.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export interface Scaffolded {
  /** Files written, relative to the root. */
  written: string[];
  /** Files changed, relative to the root. */
  edited: string[];
}

async function format(root: string, file: string, text: string): Promise<string> {
  const options = (await prettier.resolveConfig(path.join(root, file))) ?? {};
  return prettier.format(text, { ...options, filepath: path.join(root, file) });
}

function addDependency(root: string, file: string, pkg: string): void {
  const full = path.join(root, file);
  const manifest = JSON.parse(readFileSync(full, 'utf8')) as { dependencies?: Record<string, string> };
  const deps = { ...manifest.dependencies, [pkg]: 'workspace:*' };
  manifest.dependencies = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(full, JSON.stringify(manifest, null, 2) + '\n');
}

/** Write plugins/<name>/ and register it under `root`; throws on a bad or taken name, writing nothing. */
export async function scaffoldPlugin(root: string, name: string): Promise<Scaffolded> {
  if (!NAME.test(name)) throw new Error(`plugin name must be kebab-case (e.g. flexible-enforcement), got "${name}"`);
  const dir = path.join('plugins', name);
  if (existsSync(path.join(root, dir))) throw new Error(`${dir} exists already`);
  const pkg = `@zhifa/plugin-${name}`;
  const exportName = `${camel(name)}Plugin`;
  const pluginsFile = path.join('packages', 'server', 'src', 'plugins.ts');
  const plugins = readFileSync(path.join(root, pluginsFile), 'utf8');
  const list = /(export const INSTALLED_PLUGINS: ZhifaPlugin\[\] = \[)([^\]]*)(\];)/;
  if (!list.test(plugins)) throw new Error(`${pluginsFile}: INSTALLED_PLUGINS list not found`);

  const files: Record<string, string> = {
    'package.json':
      JSON.stringify(
        {
          name: pkg,
          version: '0.1.0',
          private: true,
          type: 'module',
          exports: { '.': './src/index.ts' },
          dependencies: { '@zhifa/core': 'workspace:*' },
        },
        null,
        2,
      ) + '\n',
    'tsconfig.json': JSON.stringify(
      { extends: '../../tsconfig.json', compilerOptions: { noEmit: true }, include: ['src'] },
      null,
      2,
    ),
    'src/index.ts': `// ${name}: what this plugin adds to the graph (one paragraph). The checklist and the contract are
// in docs/plugin-author.md; plugins/non-penalty is the plugin to copy from.
import type { ZhifaPlugin } from '@zhifa/core';

export const ${exportName}: ZhifaPlugin = {
  name: '${name}',
  // settings: from src/settings.ts (defineSettings('ZHIFA_${name.replace(/-/g, '_').toUpperCase()}_', …)),
  // topics: from src/topics.ts (defineTopic<Payload>('${camel(name)}.…')),
  // seed, authorisationMatrix: src/seed.ts, test/access-matrix.ts.
  register() {
    // builder.prismaObject(…), builder.queryField(…): one file per type under src/schema/.
  },
};

export default ${exportName};
`,
    'README.md': `# ${pkg}\n\nWhat it adds, who may do what, its events, its settings and its rule codes (with their legal basis, also\nin docs/rules.md).\n`,
  };

  const written: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const rel = path.join(dir, file);
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), await format(root, rel, text));
    written.push(rel);
  }

  const lastImport = [...plugins.matchAll(/^import .*;$/gm)].at(-1)!;
  const at = lastImport.index + lastImport[0].length;
  let next = `${plugins.slice(0, at)}\nimport { ${exportName} } from '${pkg}';${plugins.slice(at)}`;
  next = next.replace(list, (_m, open: string, items: string, close: string) => {
    const names = items
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return `${open}${[...names, exportName].join(', ')}${close}`;
  });
  writeFileSync(path.join(root, pluginsFile), await format(root, pluginsFile, next));

  const serverManifest = path.join('packages', 'server', 'package.json');
  addDependency(root, serverManifest, pkg);
  addDependency(root, 'package.json', pkg);
  return { written, edited: [pluginsFile, serverManifest, 'package.json'] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const name = process.argv[2] ?? '';
  const root = path.resolve(import.meta.dirname, '..');
  scaffoldPlugin(root, name).then(
    ({ written, edited }) => {
      console.log(`wrote ${written.join(', ')}\nregistered in ${edited.join(', ')}`);
      console.log(
        `next: pnpm install (links ${`@zhifa/plugin-${name}`}), pnpm schema:print; then the rest of the checklist in docs/plugin-author.md`,
      );
    },
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
