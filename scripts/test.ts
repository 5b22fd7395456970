// `pnpm test`: the whole suite on the embedded database (PGlite), then the same suite on a real
// PostgreSQL server. The PostgreSQL run uses ZHIFA_TEST_DATABASE_URL when set; otherwise it starts
// a throwaway cluster from the local PostgreSQL binaries (initdb/pg_ctl) if there are any.
// ZHIFA_REQUIRE_POSTGRES=1 (set by CI) turns "no PostgreSQL here" into a failure.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';

const extra = process.argv.slice(2);

function vitest(env: NodeJS.ProcessEnv, label: string): number {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync('npx', ['vitest', 'run', ...extra], { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function findPgBin(): string | null {
  const roots = ['/usr/lib/postgresql'];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(path.join(root, v, 'bin', 'initdb'))) return path.join(root, v, 'bin');
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Start a throwaway cluster; as root, PostgreSQL must run as an unprivileged user. */
async function startCluster(bin: string): Promise<{ url: string; stop(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhifa-pg-'));
  chmodSync(dir, 0o777);
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (cmd: string, args: string[]) => {
    const [exe, ...rest] = [...asUser, cmd, ...args];
    execFileSync(exe, rest, { stdio: 'pipe' });
  };
  const data = path.join(dir, 'data');
  const port = await freePort();
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'zhifa', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`, 'start']);
  return {
    url: `postgres://zhifa@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let failed = vitest({ ZHIFA_TEST_DATABASE_URL: '' }, 'embedded database (PGlite)') !== 0;

let url = process.env.ZHIFA_TEST_DATABASE_URL;
let cluster: { url: string; stop(): void } | null = null;
if (!url) {
  const bin = findPgBin();
  if (bin) {
    cluster = await startCluster(bin);
    url = cluster.url;
  }
}
if (url) {
  try {
    failed = vitest({ ZHIFA_TEST_DATABASE_URL: url }, `PostgreSQL (${url.replace(/:[^:@/]*@/, ':***@')})`) !== 0 || failed;
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
