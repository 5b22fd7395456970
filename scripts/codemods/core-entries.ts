// Moves every import of @zhifa/core to the entry point that holds the name, and says what it cannot
// place. Core has one entry point per concern (packages/core/package.json "exports", each an explicit
// list of named exports in packages/core/src/<entry>.ts); this codemod reads those lists, so it needs
// no table of its own and can be run again after any merge:
//
//   pnpm tsx scripts/codemods/core-entries.ts                 rewrite, then report
//   pnpm tsx scripts/codemods/core-entries.ts --check         report only; exit 1 if anything would change
//   pnpm tsx scripts/codemods/core-entries.ts --add-missing   first add each name no entry exports to the
//                                                             entry that already re-exports its file (or
//                                                             its folder; otherwise it says so and leaves
//                                                             the choice to you), then rewrite
//
// It rewrites `import { … } from '@zhifa/core…'` (values and types, `import type` and inline `type`,
// aliases) and `export { … } from '@zhifa/core…'` in packages/, plugins/, test/, bench/ and scripts/,
// one import declaration per entry point, merging duplicates, and leaves a file untouched when every
// name is already where it belongs (so a second run changes nothing). A name already imported from an
// entry that exports it stays there. Changed files go through Prettier.
//
// The report: names imported from @zhifa/core… that no entry exports (with the core file that declares
// each, and the entry it would join), names exported by two entries, entry exports that nothing outside
// core imports, names an entry re-exports from a module that no longer has them, `export *` in an entry
// (allowed only for the generated Prisma client), imports it cannot rewrite (namespace, default,
// side-effect, dynamic import()), and core importing its own entry points. It exits 1 when a name has
// no entry, an entry is broken, or (with --check) a file would change.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const CORE = path.join(ROOT, 'packages/core');
const CORE_SRC = path.join(CORE, 'src');
const PACKAGE = '@zhifa/core';
const SCANNED = ['packages', 'plugins', 'test', 'bench', 'scripts'];
const SKIPPED_DIRS = new Set(['node_modules', 'generated', 'dist', '.data', 'profiles', 'results']);

export interface EntryExport {
  name: string;
  /** The module the name is re-exported from, resolved to a file (null: declared in the entry). */
  from: string | null;
  /** True when the name arrives through `export *` (the generated Prisma client). */
  star: boolean;
}

export interface Entry {
  /** '@zhifa/core', '@zhifa/core/auth', … */
  spec: string;
  file: string;
  exports: Map<string, EntryExport>;
  /** Modules an `export *` in the entry names, resolved to files. */
  stars: string[];
}

const isCoreSpec = (s: string) => s === PACKAGE || s.startsWith(`${PACKAGE}/`);

function parse(file: string, text = readFileSync(file, 'utf8')): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** './x.js' from `file` → the .ts file it names (NodeNext style), or null. */
function resolveRelative(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(file), spec);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.d.ts'), `${base}.ts`, base];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

const hasExportModifier = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Top-level names a module declares and exports itself (not re-exports), with whether each is a type only. */
export function declaredExports(sf: ts.SourceFile): Map<string, { typeOnly: boolean }> {
  const out = new Map<string, { typeOnly: boolean }>();
  for (const st of sf.statements) {
    if (!hasExportModifier(st)) continue;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) out.set(d.name.text, { typeOnly: false });
      }
    } else if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) {
      if (st.name) out.set(st.name.text, { typeOnly: false });
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      if (!out.has(st.name.text)) out.set(st.name.text, { typeOnly: true });
    }
  }
  return out;
}

/** Every name a module exports, following `export * from './…'` within the repository. */
function moduleExports(file: string, seen = new Set<string>()): Map<string, EntryExport> {
  const out = new Map<string, EntryExport>();
  if (seen.has(file)) return out;
  seen.add(file);
  const sf = parse(file);
  for (const name of declaredExports(sf).keys()) out.set(name, { name, from: null, star: false });
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st)) continue;
    const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
    const target = spec ? resolveRelative(file, spec) : null;
    if (!st.exportClause) {
      if (target) for (const [name, e] of moduleExports(target, seen)) out.set(name, { ...e, star: true });
    } else if (ts.isNamespaceExport(st.exportClause)) {
      out.set(st.exportClause.name.text, { name: st.exportClause.name.text, from: target, star: false });
    } else {
      for (const el of st.exportClause.elements)
        out.set(el.name.text, { name: el.name.text, from: target, star: false });
    }
  }
  return out;
}

/** The entry points, in the order packages/core/package.json lists them ('.' first). */
export function readEntries(): Entry[] {
  const manifest = JSON.parse(readFileSync(path.join(CORE, 'package.json'), 'utf8')) as {
    exports: Record<string, string>;
  };
  const entries = Object.entries(manifest.exports).map(([sub, target]): Entry => {
    const file = path.resolve(CORE, target);
    const spec = sub === '.' ? PACKAGE : `${PACKAGE}/${sub.replace(/^\.\//, '')}`;
    const sf = parse(file);
    const stars = sf.statements
      .filter((st): st is ts.ExportDeclaration => ts.isExportDeclaration(st) && !st.exportClause)
      .map((st) => resolveRelative(file, (st.moduleSpecifier as ts.StringLiteral).text) ?? '?');
    return { spec, file, exports: moduleExports(file), stars };
  });
  return entries.sort((a, b) => Number(b.spec === PACKAGE) - Number(a.spec === PACKAGE));
}

/** Where a name goes: the entry it is imported from if that one exports it, else the one entry that does. */
export function place(entries: Entry[], name: string, current: string): { spec: string | null; holders: string[] } {
  const holders = entries.filter((e) => e.exports.has(name)).map((e) => e.spec);
  if (holders.includes(current)) return { spec: current, holders };
  return { spec: holders[0] ?? null, holders };
}

interface Specifier {
  name: string;
  alias: string | null;
  typeOnly: boolean;
}

const specText = (s: Specifier, inTypeDecl: boolean) =>
  `${s.typeOnly && !inTypeDecl ? 'type ' : ''}${s.name}${s.alias ? ` as ${s.alias}` : ''}`;

/** Values first, then types, each in name order (the order most of the tree already uses). */
const bySpecifier = (a: Specifier, b: Specifier) =>
  Number(a.typeOnly) - Number(b.typeOnly) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });

function declText(kind: 'import' | 'export', spec: string, specs: Specifier[]): string {
  const allTypes = specs.every((s) => s.typeOnly);
  const list = [...specs]
    .sort(bySpecifier)
    .map((s) => specText(s, allTypes))
    .join(', ');
  return `${kind} ${allTypes ? 'type ' : ''}{ ${list} } from '${spec}';`;
}

/** Specifiers grouped by target entry, in entry order, duplicates merged (a value import covers a type one). */
function group(entries: Entry[], placed: { spec: string; s: Specifier }[]): Map<string, Specifier[]> {
  const order = (spec: string) => {
    const i = entries.findIndex((e) => e.spec === spec);
    return i < 0 ? entries.length : i;
  };
  const byTarget = new Map<string, Specifier[]>();
  for (const { spec, s } of [...placed].sort((a, b) => order(a.spec) - order(b.spec))) {
    const list = byTarget.get(spec) ?? [];
    const same = list.find((o) => o.name === s.name && o.alias === s.alias);
    if (same) same.typeOnly &&= s.typeOnly;
    else list.push({ ...s });
    byTarget.set(spec, list);
  }
  return byTarget;
}

export interface Finding {
  file: string;
  line: number;
  what: string;
}

export interface FilePlan {
  file: string;
  /** The rewritten text, or null when the file is already right. */
  text: string | null;
  /** Every (name, entry) this file imports from core after the rewrite. */
  uses: { name: string; spec: string }[];
  unplaced: { name: string; spec: string; line: number }[];
  findings: Finding[];
}

/** What the codemod would do to one file. */
export function planFile(entries: Entry[], file: string, text = readFileSync(file, 'utf8')): FilePlan {
  const sf = parse(file, text);
  const rel = path.relative(ROOT, file);
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const plan: FilePlan = { file, text: null, uses: [], unplaced: [], findings: [] };
  const imports: ts.ImportDeclaration[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  const importPlaced: { spec: string; s: Specifier }[] = [];
  let importsChange = false;

  const resolveAll = (decl: ts.ImportDeclaration | ts.ExportDeclaration, current: string, specs: Specifier[]) =>
    specs.map((s) => {
      const { spec, holders } = place(entries, s.name, current);
      if (holders.length > 1 && spec !== current) {
        plan.findings.push({
          file: rel,
          line: lineOf(decl),
          what: `${s.name} is exported by ${holders.join(' and ')}`,
        });
      }
      if (!spec) plan.unplaced.push({ name: s.name, spec: current, line: lineOf(decl) });
      return { spec: spec ?? current, s };
    });

  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && isCoreSpec(st.moduleSpecifier.text)) {
      const current = st.moduleSpecifier.text;
      const clause = st.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : null;
      if (!clause || clause.name || !named) {
        plan.findings.push({ file: rel, line: lineOf(st), what: `cannot rewrite: ${st.getText(sf)}` });
        continue;
      }
      const specs = named.elements.map((el) => ({
        name: (el.propertyName ?? el.name).text,
        alias: el.propertyName ? el.name.text : null,
        typeOnly: clause.isTypeOnly || el.isTypeOnly,
      }));
      const placed = resolveAll(st, current, specs);
      if (placed.some((p) => p.spec !== current)) importsChange = true;
      importPlaced.push(...placed);
      imports.push(st);
    } else if (
      ts.isExportDeclaration(st) &&
      st.moduleSpecifier &&
      ts.isStringLiteral(st.moduleSpecifier) &&
      isCoreSpec(st.moduleSpecifier.text)
    ) {
      const current = st.moduleSpecifier.text;
      if (!st.exportClause || !ts.isNamedExports(st.exportClause)) {
        plan.findings.push({ file: rel, line: lineOf(st), what: `cannot rewrite: ${st.getText(sf)}` });
        continue;
      }
      const specs = st.exportClause.elements.map((el) => ({
        name: (el.propertyName ?? el.name).text,
        alias: el.propertyName ? el.name.text : null,
        typeOnly: st.isTypeOnly || el.isTypeOnly,
      }));
      const placed = resolveAll(st, current, specs);
      for (const p of placed) plan.uses.push({ name: p.s.name, spec: p.spec });
      if (placed.some((p) => p.spec !== current)) {
        const groups = [...group(entries, placed)].map(([spec, list]) => declText('export', spec, list));
        edits.push({ start: st.getStart(sf), end: st.end, text: groups.join('\n') });
      }
    }
  }

  // Anything else that names the package: import('…') in code or in a type, vi.mock('…').
  const visit = (node: ts.Node): void => {
    const arg =
      ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])
        ? node.arguments[0].text
        : ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)
          ? node.argument.literal.text
          : null;
    if (arg && isCoreSpec(arg)) {
      plan.findings.push({ file: rel, line: lineOf(node), what: `cannot rewrite: ${node.getText(sf).slice(0, 80)}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);

  const groups = group(entries, importPlaced);
  for (const [spec, list] of groups) for (const s of list) plan.uses.push({ name: s.name, spec });
  if (importsChange || groups.size !== imports.length) {
    const block = [...groups].map(([spec, list]) => declText('import', spec, list)).join('\n');
    imports.forEach((st, i) => {
      if (i === 0) edits.push({ start: st.getStart(sf), end: st.end, text: block });
      else edits.push({ start: st.getStart(sf), end: text[st.end] === '\n' ? st.end + 1 : st.end, text: '' });
    });
  }
  if (edits.length > 0) {
    let out = text;
    for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    plan.text = out;
  }
  return plan;
}

/** The TypeScript files of the repository the codemod reads (core's own sources included, to catch self-imports). */
export function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!SKIPPED_DIRS.has(name) && !name.startsWith('.')) walk(full);
      } else if (/\.(c|m)?tsx?$/.test(name)) out.push(full);
    }
  };
  for (const top of SCANNED) if (existsSync(path.join(ROOT, top))) walk(path.join(ROOT, top));
  return out.sort();
}

const insideCore = (file: string) => file.startsWith(CORE_SRC + path.sep);

/** Where core declares a name: every non-generated source file under packages/core/src that exports it. */
export function declarationsOf(name: string): { file: string; typeOnly: boolean }[] {
  coreDeclarations ??= sourceFiles()
    .filter(insideCore)
    .map((file) => ({ file, names: declaredExports(parse(file)) }));
  return coreDeclarations.flatMap(({ file, names }) => {
    const d = names.get(name);
    return d ? [{ file, typeOnly: d.typeOnly }] : [];
  });
}
let coreDeclarations: { file: string; names: Map<string, { typeOnly: boolean }> }[] | undefined;

/** The entry a core file's names belong in: the one re-exporting that file, else that folder; else none (choose). */
export function homeOf(entries: Entry[], file: string): Entry | undefined {
  const score = (e: Entry, same: (from: string) => boolean) =>
    [...e.exports.values()].filter((x) => !x.star && x.from && same(x.from)).length;
  const best = (same: (from: string) => boolean) =>
    entries
      .map((e) => ({ e, n: score(e, same) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n)[0]?.e;
  return best((from) => from === file) ?? best((from) => path.dirname(from) === path.dirname(file));
}

export interface Report {
  plans: FilePlan[];
  unplaced: Map<string, { files: string[]; declared: { file: string; typeOnly: boolean }[]; home: string | null }>;
  duplicates: { name: string; specs: string[] }[];
  unused: { spec: string; name: string }[];
  stars: { spec: string; target: string }[];
  /** Names an entry re-exports from a module that no longer exports them (after a merge that moved them). */
  stale: { spec: string; name: string; from: string }[];
  selfImports: Finding[];
  findings: Finding[];
}

/** The whole tree (and `extra` files, given as text, for tests) against the entry points. */
export function analyse(entries = readEntries(), extra: [file: string, text: string][] = []): Report {
  const files = sourceFiles();
  const plans = [
    ...files.filter((f) => !insideCore(f)).map((f) => planFile(entries, f)),
    ...extra.map(([f, text]) => planFile(entries, f, text)),
  ];
  const selfImports = files
    .filter(insideCore)
    .flatMap((f) => planFile(entries, f).uses.map(() => f))
    .filter((f, i, all) => all.indexOf(f) === i)
    .map((f) => ({ file: path.relative(ROOT, f), line: 0, what: 'core imports its own entry point' }));

  const unplaced: Report['unplaced'] = new Map();
  for (const p of plans) {
    for (const u of p.unplaced) {
      const seen = unplaced.get(u.name);
      const where = `${path.relative(ROOT, p.file)}:${u.line} (from '${u.spec}')`;
      if (seen) seen.files.push(where);
      else {
        const declared = declarationsOf(u.name);
        const home = declared.length === 1 ? (homeOf(entries, declared[0].file)?.spec ?? null) : null;
        unplaced.set(u.name, { files: [where], declared, home });
      }
    }
  }

  const owners = new Map<string, string[]>();
  for (const e of entries) for (const name of e.exports.keys()) owners.set(name, [...(owners.get(name) ?? []), e.spec]);
  const duplicates = [...owners].filter(([, specs]) => specs.length > 1).map(([name, specs]) => ({ name, specs }));

  const used = new Set(plans.flatMap((p) => p.uses.map((u) => `${u.spec} ${u.name}`)));
  const unused = entries.flatMap((e) =>
    [...e.exports.values()]
      .filter((x) => !x.star && !used.has(`${e.spec} ${x.name}`))
      .map((x) => ({ spec: e.spec, name: x.name })),
  );
  const stars = entries.flatMap((e) =>
    e.stars
      .filter((t) => !t.includes(`${path.sep}generated${path.sep}`))
      .map((t) => ({ spec: e.spec, target: path.relative(ROOT, t) })),
  );
  const stale = entries.flatMap((e) =>
    [...e.exports.values()]
      .filter((x) => !x.star && x.from && !moduleExports(x.from).has(x.name))
      .map((x) => ({ spec: e.spec, name: x.name, from: path.relative(ROOT, x.from!) })),
  );
  const findings = plans.flatMap((p) => p.findings);
  return { plans, unplaced, duplicates, unused, stars, stale, selfImports, findings };
}

/** Appends `export { name } from './file.js'` to the entry each unplaced name belongs in; returns what it added. */
function addMissing(report: Report, entries: Entry[]): string[] {
  const added: string[] = [];
  for (const [name, u] of report.unplaced) {
    if (!u.home || u.declared.length !== 1) continue;
    const entry = entries.find((e) => e.spec === u.home)!;
    const from = `./${path.relative(path.dirname(entry.file), u.declared[0].file).replace(/\.ts$/, '.js')}`;
    const line = `export { ${u.declared[0].typeOnly ? 'type ' : ''}${name} } from '${from}';\n`;
    const text = readFileSync(entry.file, 'utf8');
    writeFileSync(entry.file, text.endsWith('\n') ? text + line : `${text}\n${line}`);
    added.push(`${path.relative(ROOT, entry.file)}: ${line.trim()}`);
  }
  return added;
}

async function formatted(file: string, text: string): Promise<string> {
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(file);
  return prettier.format(text, { ...options, filepath: file });
}

function printReport(r: Report, log: (s: string) => void): void {
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    log(`\n${title}`);
    for (const l of lines) log(`  ${l}`);
  };
  section(
    'NOT EXPORTED BY ANY ENTRY (add each to an entry, or run with --add-missing):',
    [...r.unplaced].map(([name, u]) => {
      const decl = u.declared.map((d) => path.relative(ROOT, d.file)).join(', ') || 'not declared in packages/core/src';
      const home = u.home ? `belongs in '${u.home}'` : 'no entry re-exports its file or folder: choose one';
      return `${name}: declared in ${decl}; ${home}; imported by ${u.files.join(', ')}`;
    }),
  );
  section(
    'EXPORTED BY MORE THAN ONE ENTRY:',
    r.duplicates.map((d) => `${d.name}: ${d.specs.join(', ')}`),
  );
  section(
    '`export *` IN AN ENTRY (name each export; only the generated Prisma client may be re-exported whole):',
    r.stars.map((s) => `'${s.spec}' re-exports all of ${s.target}`),
  );
  section(
    'RE-EXPORTED FROM A MODULE THAT NO LONGER HAS THE NAME (moved or removed: fix the entry):',
    r.stale.map((x) => `'${x.spec}': ${x.name} from ${x.from}`),
  );
  section(
    'CORE IMPORTING ITS OWN ENTRY POINTS (use a relative import):',
    r.selfImports.map((f) => f.file),
  );
  section(
    'NEEDS A HAND:',
    r.findings.map((f) => `${f.file}:${f.line}: ${f.what}`),
  );
  const unused = new Map<string, string[]>();
  for (const u of r.unused) unused.set(u.spec, [...(unused.get(u.spec) ?? []), u.name]);
  section(
    'EXPORTED BUT IMPORTED BY NOTHING OUTSIDE CORE (remove from the entry unless a plugin is about to use it):',
    [...unused].map(([spec, names]) => `'${spec}': ${names.join(', ')}`),
  );
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const check = args.has('--check');
  let entries = readEntries();
  let report = analyse(entries);
  if (args.has('--add-missing') && !check) {
    const added = addMissing(report, entries);
    for (const a of added) console.log(`added ${a}`);
    for (const file of new Set(added.map((a) => path.join(ROOT, a.split(':')[0])))) {
      writeFileSync(file, await formatted(file, readFileSync(file, 'utf8')));
    }
    entries = readEntries();
    report = analyse(entries);
  }
  const changes = report.plans.filter((p) => p.text !== null);
  for (const p of changes) {
    const rel = path.relative(ROOT, p.file);
    if (check) console.log(`would rewrite ${rel}`);
    else {
      writeFileSync(p.file, await formatted(p.file, p.text!));
      console.log(`rewrote ${rel}`);
    }
  }
  if (!check && changes.length > 0) report = analyse(entries);
  const done = check ? `${changes.length} to rewrite` : `${changes.length} rewritten`;
  console.log(
    `${check ? 'checked' : 'done'}: ${report.plans.length} files read, ${done}, ${entries.length} entry points, ` +
      `${report.unplaced.size} names no entry exports`,
  );
  printReport(report, (s) => console.log(s));
  const broken = [report.selfImports, report.stars, report.stale].some((l) => l.length > 0) || report.unplaced.size > 0;
  if (broken || (check && changes.length > 0)) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
