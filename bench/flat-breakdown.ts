// `tsx bench/flat-breakdown.ts [seconds] [rounds]`: where scenario 1's authenticated flat list spends
// its time, on PostgreSQL. The same app answers `agencies(first: 20)` with its page read through
// Prisma (production), through a plain `pg` pool (the cost of a hand-tuned SQL path), or from memory
// (the GraphQL side alone: yoga, execution, Pothos) — each as a ratio to bare yoga's trivial query in
// the same interleaved run (bench/baselines/zhifa-data-variant.ts). BENCH_DATABASE_URL or a
// throwaway cluster, as for `pnpm bench`.
import { prepare } from './lib/data.js';
import { FLAT } from './lib/queries.js';
import { interleaved, load, type LoadResult } from './lib/load.js';
import { startBaseline, type Proc } from './lib/servers.js';
import { findPgBin, startCluster } from '../scripts/pg-cluster.js';

const seconds = Number(process.argv[2] ?? 5);
const rounds = Number(process.argv[3] ?? 3);
const bin = findPgBin();
if (!process.env.BENCH_DATABASE_URL && !bin) throw new Error('set BENCH_DATABASE_URL or install PostgreSQL');
const cluster = process.env.BENCH_DATABASE_URL ? null : await startCluster(bin!, { maxConnections: 300, fsync: true });
const data = await prepare('postgres', process.env.BENCH_DATABASE_URL ?? cluster!.url);
if (data.target.kind !== 'postgres') throw new Error('PostgreSQL only');
const env = { BENCH_DATABASE_URL: data.target.url };
Object.assign(process.env, env);
const servers: Record<string, Proc> = {
  bare: await startBaseline('bare-yoga', null),
  prisma: await startBaseline('zhifa-data-variant', null, [], ['prisma']),
  pg: await startBaseline('zhifa-data-variant', null, [], ['pg']),
  none: await startBaseline('zhifa-data-variant', null, [], ['none']),
};
const auth = `Bearer ${data.supervisors[0]}`;
let medians: Map<string, LoadResult>;
try {
  medians = await interleaved(
    rounds,
    Object.entries(servers).map(([name, p]) => ({
      name,
      run: async () => {
        const r = await load({
          port: p.port,
          query: name === 'bare' ? '{ hello }' : FLAT,
          authorization: name === 'bare' ? undefined : auth,
          connections: 8,
          durationMs: seconds * 1000,
        });
        if (r.errors) throw new Error(`${name}: ${r.errors} errors`);
        return r;
      },
    })),
  );
} finally {
  for (const p of Object.values(servers)) await p.stop();
  await data.cleanup();
  cluster?.stop();
}
const median = (name: string) => medians.get(name)!.rps;
const bare = median('bare');
console.log(
  `authenticated agencies(first: 20), ${seconds} s × ${rounds} interleaved rounds, 8 connections (median round)\n`,
);
console.log(
  `| the page read through | req/s | ÷ bare yoga { hello } (${Math.round(bare)} req/s) | ms per request above bare yoga |`,
);
console.log(`|---|---|---|---|`);
for (const [name, label] of [
  ['prisma', 'Prisma (production)'],
  ['pg', 'a plain pg pool'],
  ['none', 'memory (no database)'],
] as const)
  console.log(
    `| ${label} | ${Math.round(median(name))} | ${(median(name) / bare).toFixed(2)} | ${(1000 / median(name) - 1000 / bare).toFixed(2)} |`,
  );
