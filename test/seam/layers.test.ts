// Core is layered and never points up: no file of packages/core/src imports one that imports it back,
// directly or around a loop, and neither does a folder (a folder and its entry file, `events/` and
// `events.ts`, count as one room); core imports no plugin and not the server. Type-only imports count:
// a loop of types is still two rooms that cannot be read, moved or tested one without the other.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = path.resolve(import.meta.dirname, '../../packages/core/src');
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)'([^']+)'/g;

type Graph = Map<string, Set<string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'generated') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Each core file's relative imports (as files under CORE) and its package imports. */
function readImports() {
  const files = new Map<string, { relative: string[]; packages: string[] }>();
  for (const file of sourceFiles(CORE)) {
    const text = readFileSync(file, 'utf8');
    const relative: string[] = [];
    const packages: string[] = [];
    for (const [, spec] of text.matchAll(SPECIFIER)) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
        if (!target.includes(`${path.sep}generated${path.sep}`)) relative.push(path.relative(CORE, target));
      } else packages.push(spec);
    }
    files.set(path.relative(CORE, file), { relative, packages });
  }
  return files;
}

/** A file's room: the top-level file or folder of core it belongs to (`events/bus.ts` and `events.ts` are `events`). */
const roomOf = (file: string) => file.split(path.sep)[0].replace(/\.ts$/, '');

/** The loops of a graph (strongly connected parts of more than one node), each sorted. Tarjan's algorithm. */
export function loops(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1) found.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

function graphOf(edges: Iterable<[string, string]>): Graph {
  const graph: Graph = new Map();
  for (const [a, b] of edges) {
    if (!graph.has(a)) graph.set(a, new Set());
    if (!graph.has(b)) graph.set(b, new Set());
    if (a !== b) graph.get(a)!.add(b);
  }
  return graph;
}

const imports = readImports();
const fileEdges = [...imports].flatMap(([file, { relative }]) => relative.map((t) => [file, t] as [string, string]));

describe("core's layers", () => {
  it('reads the tree (the check has something to check)', () => {
    expect(imports.size).toBeGreaterThan(100);
    expect(fileEdges.length).toBeGreaterThan(300);
  });

  it('the loop finder finds a loop of files and of folders, and none in a line', () => {
    expect(
      loops(
        graphOf([
          ['a.ts', 'b.ts'],
          ['b.ts', 'c.ts'],
          ['c.ts', 'a.ts'],
          ['c.ts', 'd.ts'],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(
      loops(
        graphOf([
          ['a.ts', 'b.ts'],
          ['b.ts', 'c.ts'],
        ]),
      ),
    ).toEqual([]);
    const folders = [
      ['x/one.ts', 'y/two.ts'],
      ['y/three.ts', 'x.ts'],
    ] as [string, string][];
    expect(loops(graphOf(folders))).toEqual([]);
    expect(loops(graphOf(folders.map(([a, b]) => [roomOf(a), roomOf(b)])))).toEqual([['x', 'y']]);
  });

  it('no file imports one that imports it back', () => {
    expect(loops(graphOf(fileEdges))).toEqual([]);
  });

  it('no folder imports one that imports it back', () => {
    expect(loops(graphOf(fileEdges.map(([a, b]) => [roomOf(a), roomOf(b)])))).toEqual([]);
  });

  it('core imports no plugin and not the server', () => {
    const upward = [...imports].flatMap(([file, { packages }]) =>
      packages.filter((p) => /^@zhifa\/(server|plugin-|client)/.test(p)).map((p) => `${file} -> ${p}`),
    );
    expect(upward).toEqual([]);
  });
});
