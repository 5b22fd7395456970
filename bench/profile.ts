// `tsx bench/profile.ts [flat|dashboard|trivial] [seconds]`: the server under load with
// `node --cpu-prof`, then the functions and packages that took the most self time.
// PGlite, the benchmark data; the profile is left in bench/profiles/.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from './lib/load.js';
import { prepare } from './lib/data.js';
import { DASHBOARD, FLAT, TRIVIAL } from './lib/queries.js';
import { ROOT, startZhifa } from './lib/servers.js';

const which = process.argv[2] ?? 'flat';
const seconds = Number(process.argv[3] ?? 10);
const QUERIES: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  trivial: { query: TRIVIAL },
  flat: { query: FLAT },
  dashboard: { query: DASHBOARD, variables: { n: 10 } },
};
const dir = path.join(ROOT, 'bench', 'profiles', `${which}-${Date.now()}`);
mkdirSync(dir, { recursive: true });
const data = await prepare(process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite', process.env.BENCH_DATABASE_URL);
const z = await startZhifa(data.target, {}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
const q = QUERIES[which];
const r = await load({
  port: z.port,
  ...q,
  authorization: `Bearer ${data.supervisors[0]}`,
  connections: 8,
  durationMs: seconds * 1000,
});
console.log(`${which}: ${Math.round(r.rps)} req/s, p50 ${r.p50.toFixed(2)} ms, errors ${r.errors}`);
await z.stop();
await data.cleanup();

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
const prof = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }[];
  samples: number[];
  timeDeltas: number[];
};
// Only the samples of the measured window (the last `seconds` before shutdown), not start-up.
const times: number[] = [];
let t = 0;
for (const d of prof.timeDeltas) times.push((t += d));
const end = times[times.length - 1];
const hits = new Map<number, number>();
for (let i = 0; i < prof.samples.length; i++) {
  if (times[i] < end - (seconds + 0.5) * 1e6 || times[i] > end - 0.5e6) continue;
  hits.set(prof.samples[i], (hits.get(prof.samples[i]) ?? 0) + 1);
}
for (const n of prof.nodes) n.hitCount = hits.get(n.id) ?? 0;
const total = prof.nodes.reduce((s, n) => s + n.hitCount, 0);
const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
for (const n of prof.nodes) {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const pkg =
    /node_modules\/\.pnpm\/([^/]+)/.exec(url)?.[1]?.replace(/@\d.*$/, '') ??
    (url.includes('/packages/')
      ? 'zhifa ' + (/packages\/([^/]+)/.exec(url)?.[1] ?? '')
      : url.startsWith('node:')
        ? url
        : url
          ? 'other'
          : `(${n.callFrame.functionName || 'native'})`);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + n.hitCount);
  const key = `${n.callFrame.functionName || '(anonymous)'} ${path.basename(url)}:${n.callFrame.lineNumber + 1} [${pkg}]`;
  byFn.set(key, (byFn.get(key) ?? 0) + n.hitCount);
}
const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, hits]) => `${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`)
    .join('\n');
console.log(`\nself time by package:\n${top(byPkg, 25)}\n\nself time by function:\n${top(byFn, 40)}`);
console.log(`\nprofile: ${path.relative(ROOT, path.join(dir, file))}`);
process.exit(0);
