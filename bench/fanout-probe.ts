// `tsx bench/fanout-probe.ts <subscribers> [heap] [cpu]`: what idle `events` subscribers hold and
// what connecting and fanning out costs, on one server process (bench scenario 4, taken apart).
//   heap: a heap snapshot before and after connecting (node --heapsnapshot-signal), diffed by
//         object kind: retained self size per subscriber, the biggest kinds first;
//   cpu:  node --cpu-prof on the server; the connect phase and the fan-out phase summarised apart.
// PostgreSQL with BENCH_DATABASE_URL, else PGlite. Files are left in bench/profiles/.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { OPEN_CASE, openCaseInput } from './lib/queries.js';
import { prepare } from './lib/data.js';
import { ROOT, startZhifa } from './lib/servers.js';
import { subscribeRaw, type RawSubscriber } from './lib/ws-client.js';
import { summarise } from './lib/profile-summary.js';

const n = Number(process.argv[2] ?? 2000);
const heap = process.argv.includes('heap');
const cpu = process.argv.includes('cpu');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dir = path.join(ROOT, 'bench', 'profiles', `fanout-${n}-${Date.now()}`);
mkdirSync(dir, { recursive: true });
const data = await prepare(process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite', process.env.BENCH_DATABASE_URL);
const nodeArgs = [
  ...(heap ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`] : []),
  ...(cpu ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []),
];
const z = await startZhifa(data.target, {}, nodeArgs);
const t0 = performance.now();
const mark = (label: string) => console.log(`[probe] ${label} at ${((performance.now() - t0) / 1000).toFixed(2)} s`);

const openCase = async (facts: string) => {
  const r = await fetch(`http://127.0.0.1:${z.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${data.officer}` },
    body: JSON.stringify({
      query: OPEN_CASE,
      variables: { input: openCaseInput(data, facts, '探测') },
    }),
  });
  const body = (await r.json()) as { data?: { openCase?: { data?: { number: string } } } };
  if (!body.data?.openCase?.data) throw new Error(JSON.stringify(body));
};

const snapshots: string[] = [];
const snapshot = async () => {
  const before = new Set(readdirSync(dir));
  z.child.kill('SIGUSR2');
  for (;;) {
    await sleep(500);
    const f = readdirSync(dir).find((x) => x.endsWith('.heapsnapshot') && !before.has(x));
    if (!f) continue;
    const size = statSync(path.join(dir, f)).size;
    await sleep(1000);
    if (statSync(path.join(dir, f)).size === size && size > 0) {
      snapshots.push(path.join(dir, f));
      return;
    }
  }
};

await openCase('warm-up');
await sleep(1000);
const rss0 = z.rssBytes();
if (heap) await snapshot();
mark('connecting');
const connectStart = performance.now();
const subs: RawSubscriber[] = [];
for (let i = 0; i < n; i += 250) {
  const batch = Array.from({ length: Math.min(250, n - i) }, (_, k) =>
    subscribeRaw(
      z.port,
      `Bearer ${data.supervisors[Math.floor((i + k) / 1000) % data.supervisors.length]}`,
      `subscription { events(topics: ["case.opened"]) { id payload } }`,
    ),
  );
  subs.push(...batch);
  await Promise.all(batch.map((s) => s.acked));
}
const connectMs = performance.now() - connectStart;
mark(`acked ${n} in ${connectMs.toFixed(0)} ms`);
// The subscribe message follows the ack: wait until the server holds them all.
await openCase('probe');
for (let i = 0; i < 40 && !subs.every((s) => s.messages.length > 0); i++) await sleep(250);
mark(`all live: ${subs.filter((s) => s.messages.length > 0).length} of ${n}`);
await sleep(3000);
const rss1 = z.rssBytes();
console.log(
  `[probe] resident memory per subscriber: ${((rss1 - rss0) / n / 1024).toFixed(1)} KB (${((rss1 - rss0) / 2 ** 20).toFixed(0)} MB for ${n})`,
);
if (heap) await snapshot();
mark('fan-out');
// V8's profile timestamps and hrtime both read CLOCK_MONOTONIC: the fan-out window, in the profile's own clock.
const fanoutFromUs = Number(process.hrtime.bigint() / 1000n);
for (const s of subs) s.messages.length = 0;
const lat: number[] = [];
for (let e = 0; e < 5; e++) {
  const sent = performance.now();
  await openCase(`burst ${e}`);
  await sleep(1000);
  for (const s of subs) for (const [t] of s.messages) lat.push(t - sent);
  for (const s of subs) s.messages.length = 0;
}
lat.sort((a, b) => a - b);
console.log(
  `[probe] delivery ${lat.length} of ${5 * n}: p50 ${lat[Math.floor(lat.length / 2)]?.toFixed(0)} ms, p99 ${lat[Math.floor(lat.length * 0.99)]?.toFixed(0)} ms`,
);
const fanoutToUs = Number(process.hrtime.bigint() / 1000n);
mark('done');
for (const s of subs) s.close();
await z.stop();
await data.cleanup();

if (heap && snapshots.length === 2)
  console.log(`\nheap growth per subscriber by kind (self size):\n${diffSnapshots(snapshots[0], snapshots[1], n)}`);
if (cpu) {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file) {
    const start = (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { startTime: number }).startTime;
    const window = { fromUs: fanoutFromUs - start, toUs: fanoutToUs - start };
    console.log(`\ncpu profile: ${path.relative(ROOT, path.join(dir, file))}`);
    console.log(
      `\nfan-out phase only (5 events to ${n} subscribers):\n${summarise(path.join(dir, file), { ...window, top: 40 })}`,
    );
  }
}

/** Self size and count by node type and name (constructor, or closure's function name). */
function census(file: string): Map<string, { size: number; count: number }> {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const F = fields.length;
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const out = new Map<string, { size: number; count: number }>();
  for (let i = 0; i < snap.nodes.length; i += F) {
    const type = types[snap.nodes[i + iType]];
    let name = snap.strings[snap.nodes[i + iName]];
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '';
    if (name.length > 60) name = name.slice(0, 60);
    const key = `${type} ${name}`;
    const e = out.get(key) ?? { size: 0, count: 0 };
    e.size += snap.nodes[i + iSize];
    e.count++;
    out.set(key, e);
  }
  return out;
}

function diffSnapshots(a: string, b: string, per: number): string {
  const before = census(a);
  const after = census(b);
  const rows: [string, number, number][] = [];
  let total = 0;
  for (const [k, v] of after) {
    const p = before.get(k) ?? { size: 0, count: 0 };
    const d = v.size - p.size;
    total += d;
    rows.push([k, d, v.count - p.count]);
  }
  rows.sort((x, y) => y[1] - x[1]);
  return (
    `total ${(total / per).toFixed(0)} B per subscriber\n` +
    rows
      .slice(0, 45)
      .map(([k, d, c]) => `${(d / per).toFixed(0).padStart(7)} B  ${(c / per).toFixed(2).padStart(6)} objects  ${k}`)
      .join('\n')
  );
}
