// `pnpm test`: the whole suite on the embedded database (PGlite), then the same suite on a real
// PostgreSQL server. The PostgreSQL run uses ZHIFA_TEST_DATABASE_URL when set; otherwise it starts
// a throwaway cluster from the local PostgreSQL binaries (initdb/pg_ctl) if there are any.
// ZHIFA_REQUIRE_POSTGRES=1 (set by CI) turns "no PostgreSQL here" into a failure.
import { spawnSync } from 'node:child_process';
import { findPgBin, startCluster } from './pg-cluster.js';

const extra = process.argv.slice(2);

function vitest(env: NodeJS.ProcessEnv, label: string): number {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync('npx', ['vitest', 'run', ...extra], { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

let failed = vitest({ ZHIFA_TEST_DATABASE_URL: '' }, 'embedded database (PGlite)') !== 0;

let url = process.env.ZHIFA_TEST_DATABASE_URL;
let cluster: { url: string; stop(): void } | null = null;
if (!url) {
  const bin = findPgBin();
  if (bin) {
    cluster = await startCluster(bin, { maxConnections: 200, fsync: false });
    url = cluster.url;
  }
}
if (url) {
  try {
    failed =
      vitest({ ZHIFA_TEST_DATABASE_URL: url }, `PostgreSQL (${url.replace(/:[^:@/]*@/, ':***@')})`) !== 0 || failed;
  } finally {
    cluster?.stop();
  }
} else {
  const msg = 'PostgreSQL run skipped: no ZHIFA_TEST_DATABASE_URL and no local PostgreSQL binaries';
  if (process.env.ZHIFA_REQUIRE_POSTGRES === '1') {
    console.error(`FAIL: ${msg}`);
    failed = true;
  } else console.warn(`\nNOTE: ${msg}`);
}
process.exit(failed ? 1 : 0);
