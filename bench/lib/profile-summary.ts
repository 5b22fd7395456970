// Summarise a .cpuprofile: self time by package and function, and inclusive time of chosen frames.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
};
export function summarise(file: string, opts: { fromUs?: number; toUs?: number; top?: number } = {}): string {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const times: number[] = [];
  let t = 0;
  for (const d of prof.timeDeltas) times.push((t += d));
  const hits = new Map<number, number>();
  for (let i = 0; i < prof.samples.length; i++) {
    if (opts.fromUs !== undefined && times[i] < opts.fromUs) continue;
    if (opts.toUs !== undefined && times[i] > opts.toUs) continue;
    hits.set(prof.samples[i], (hits.get(prof.samples[i]) ?? 0) + 1);
  }
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  for (const n of prof.nodes) n.hitCount = hits.get(n.id) ?? 0;
  const total = prof.nodes.reduce((s, n) => s + n.hitCount, 0);
  const pkgOf = (url: string, fn: string) => {
    url = url.replace(/^file:\/\//, '');
    return (
      /node_modules\/\.pnpm\/([^/]+)/.exec(url)?.[1]?.replace(/@\d.*$/, '') ??
      (url.includes('/packages/')
        ? 'zhifa ' + (/packages\/([^/]+)/.exec(url)?.[1] ?? '')
        : url.startsWith('node:')
          ? url
          : url
            ? 'wasm/other'
            : `(${fn || 'native'})`)
    );
  };
  const self = new Map<string, number>();
  const byPkg = new Map<string, number>();
  // inclusive by package: a sample counts once for each package on its stack
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  for (const n of prof.nodes) {
    if (!n.hitCount) continue;
    const pkg = pkgOf(n.callFrame.url, n.callFrame.functionName);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + n.hitCount);
    const key = `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1} [${pkg}]`;
    self.set(key, (self.get(key) ?? 0) + n.hitCount);
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const m = byId.get(id)!;
      const k = `${m.callFrame.functionName || '(anonymous)'} ${path.basename(m.callFrame.url)}:${m.callFrame.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + n.hitCount);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, h]) => `${((h / total) * 100).toFixed(1).padStart(5)} %  ${name}`)
      .join('\n');
  return `self by package:\n${top(byPkg, 20)}\n\nself by function:\n${top(self, opts.top ?? 30)}\n\ninclusive:\n${top(incl, 60)}`;
}
// Run as a script (`tsx bench/lib/profile-summary.ts <file>`), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2])
  console.log(summarise(process.argv[2]));
