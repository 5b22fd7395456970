// Honest manifests: every package under packages/ and plugins/ declares each package its source
// imports (bare specifiers), and nothing it does not use. Node would otherwise find undeclared ones
// in the root node_modules, and the package would not build or install alone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const packageDirs = ['packages', 'plugins'].flatMap((group) =>
  readdirSync(path.join(ROOT, group))
    .map((name) => path.join(group, name))
    .filter((dir) => statSync(path.join(ROOT, dir)).isDirectory()),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The package a bare specifier names: 'zod', '@pothos/core', '@zhifa/core' (from '@zhifa/core/lists'). */
function packageOf(spec: string): string | null {
  if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  // Static imports and re-exports, side-effect imports, and dynamic import('…') of a literal.
  return [
    ...text.matchAll(
      /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]);
}

describe.each(packageDirs)('%s/package.json', (dir) => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'));
  const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
  const used = new Set(
    sourceFiles(path.join(ROOT, dir, 'src'))
      .flatMap(importsOf)
      .map(packageOf)
      .filter((p): p is string => !!p && p !== manifest.name),
  );

  it('declares every package its source imports', () => {
    expect([...used].filter((p) => !declared.has(p)).sort()).toEqual([]);
  });

  it('declares nothing its source does not import', () => {
    expect([...declared].filter((p) => !used.has(p)).sort()).toEqual([]);
  });
});
