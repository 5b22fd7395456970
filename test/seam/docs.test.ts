// The documentation follows the code. Every rule code the source can refuse with has a row, with its
// legal basis, in docs/rules.md, and every row there names a code the source has; every error code
// is in docs/frontend.md; every configuration variable the server reads (its own, core's settings
// and each plugin's) has a row in docs/operator.md; the variables of the test kit, the test runner
// and the benchmarks are named in the docs; every relative link in README.md and docs/ leads to a
// file (and heading) that exists; the README stays a front door.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_SETTINGS, settingVariable } from '@zhifa/core';
import { INSTALLED_PLUGINS } from '../../packages/server/src/plugins.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** TypeScript files under `dir` (relative to the root), without generated code and dependencies. */
function tsFiles(dir: string): string[] {
  if (!existsSync(path.join(ROOT, dir))) return [];
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'generated'].includes(e.name) ? [] : tsFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}
const matches = (files: string[], re: RegExp) =>
  new Set(files.flatMap((f) => [...read(f).matchAll(re)].map((m) => m[1])));

const plugins = readdirSync(path.join(ROOT, 'plugins')).map((p) => path.join('plugins', p, 'src'));
const domainSources = ['packages/core/src', ...plugins].flatMap(tsFiles);
const runtimeSources = ['packages/core/src', 'packages/server/src', 'packages/client/src', ...plugins].flatMap(tsFiles);

/** The table rows of a markdown file: [first cell, second cell]. */
function rows(file: string): [string, string][] {
  return read(file)
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-| ]+\|$/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      return [cells[1] ?? '', cells[2] ?? ''];
    });
}
const codesIn = (cell: string) => [...cell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]);

describe('docs/rules.md', () => {
  const literals = matches(domainSources, /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g);
  const enumValues = new Set([
    ...[...read('schema/schema.graphql').matchAll(/^enum \w+ \{([^}]*)\}/gm)].flatMap((m) =>
      [...m[1].matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*$/gm)].map((v) => v[1]),
    ),
    ...readdirSync(path.join(ROOT, 'schema', 'prisma')).flatMap((f) =>
      [...read(path.join('schema', 'prisma', f)).matchAll(/^enum \w+ \{([^}]*)\}/gm)].flatMap((m) =>
        [...m[1].matchAll(/^\s*([A-Z][A-Z0-9_]*)/gm)].map((v) => v[1]),
      ),
    ),
  ]);
  // Error codes (`code` of an error or of a GraphQL error's extensions) are checked against frontend.md below.
  const errorCodes = matches(domainSources, /\bcode(?:\s*=|:)\s*'([A-Z][A-Z0-9_]*)'/g);
  // Upper-snake literals that are neither rule codes, enum values, error codes nor variables.
  const NOT_RULES = new Set([
    'CHECK_DIGIT', // a USCC's problem (rules/uscc.ts), shown in a validation message, not a rule code
  ]);
  const ruleCodes = [...literals].filter(
    (l) => !enumValues.has(l) && !errorCodes.has(l) && !NOT_RULES.has(l) && !l.startsWith('ZHIFA_'),
  );
  const documented = rows('docs/rules.md').filter(([first]) => codesIn(first).length > 0);

  it('finds the rule codes it checks', () => {
    // The extraction itself must keep working: these are refused with today.
    expect(ruleCodes).toEqual(expect.arrayContaining(['CASE_TWO_OFFICERS', 'MATTER_NOT_PUBLISHED', 'LIST_IMMUTABLE']));
    expect(ruleCodes.length).toBeGreaterThan(50);
  });

  it('has a row for every rule code in the source', () => {
    const rowCodes = new Set(documented.flatMap(([first]) => codesIn(first)));
    expect(ruleCodes.filter((c) => !rowCodes.has(c)).sort()).toEqual([]);
  });

  it('gives each row its legal basis and names only codes the source has', () => {
    for (const [first, basis] of documented) {
      expect(basis, first).not.toBe('');
      for (const code of codesIn(first)) expect(literals.has(code) || enumValues.has(code), code).toBe(true);
    }
  });

  it('leaves the error codes to docs/frontend.md, which names each', () => {
    expect([...errorCodes]).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'RULE_VIOLATION']));
    const frontend = read('docs/frontend.md');
    for (const code of errorCodes) expect(frontend, code).toContain(`\`${code}\``);
  });
});

describe('docs/operator.md', () => {
  const config = ['packages/server/src/config.ts'];
  const read_ = [
    ...matches(config, /\bfield\(\s*'([A-Z][A-Z0-9_]*)'/g),
    ...matches(config, /\benv\.([A-Z][A-Z0-9_]*)/g),
    ...matches(runtimeSources, /process\.env\.([A-Z][A-Z0-9_]*)/g),
  ];
  const settings = [CASE_SETTINGS, ...INSTALLED_PLUGINS.flatMap((p) => (p.settings ? [p.settings] : []))].flatMap(
    (spec) => Object.keys(spec.schema.shape).map((key) => settingVariable(spec, key)),
  );
  const variables = [...new Set([...read_, ...settings])];

  it('finds the variables it checks', () => {
    expect(variables).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'ZHIFA_WS_MAX_CONNECTIONS', 'ZHIFA_CASE_DECISION_DAYS']),
    );
    for (const plugin of INSTALLED_PLUGINS)
      if (plugin.settings) expect(variables.some((v) => v.startsWith(plugin.settings!.env))).toBe(true);
  });

  it('has a configuration row for every variable the server, core and the plugins read', () => {
    const rowVariables = new Set(rows('docs/operator.md').flatMap(([first]) => codesIn(first)));
    expect(variables.filter((v) => !rowVariables.has(v)).sort()).toEqual([]);
  });

  it('names the variables of the test kit, the test runner and the benchmarks somewhere in the docs', () => {
    const tooling = matches(
      ['packages/testkit/src', 'scripts', 'bench'].flatMap(tsFiles).concat('vitest.config.ts'),
      /process\.env\.((?:ZHIFA|BENCH)_[A-Z0-9_]*)/g,
    );
    expect(tooling.size).toBeGreaterThan(0);
    const docs = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => path.join('docs', f))]
      .map(read)
      .join('\n');
    expect([...tooling].filter((v) => !docs.includes(`\`${v}`)).sort()).toEqual([]);
  });
});

describe('README.md and docs/', () => {
  const pages = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => path.join('docs', f))];
  /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
  const slug = (heading: string) =>
    heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
  const anchors = (file: string) => new Set([...read(file).matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1].trim())));

  it('link to files and headings that exist', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      for (const [, target] of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split('#');
        const resolved = file ? path.join(path.dirname(page), file) : page;
        checked++;
        if (!existsSync(path.join(ROOT, resolved))) broken.push(`${page}: ${target}`);
        else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor))
          broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(broken).toEqual([]);
  });

  it('the README is a front door: under 200 lines, linking every guide in docs/', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThan(200);
    for (const guide of readdirSync(path.join(ROOT, 'docs'))) expect(readme).toContain(`](docs/${guide}`);
  });
});
