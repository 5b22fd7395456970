// A throwaway PostgreSQL cluster from the local binaries (Debian's postgresql package), on a free
// port, for `pnpm test` (scripts/test.ts) and `pnpm bench` (bench/run.ts) when no server is given.
// As root, PostgreSQL must run as an unprivileged user.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a)))
    if (existsSync(path.join(root, v, 'bin', 'initdb'))) return path.join(root, v, 'bin');
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface ClusterOptions {
  maxConnections: number;
  /** Tests turn fsync off (nothing to keep); benchmarks keep PostgreSQL's default. */
  fsync: boolean;
}

export interface Cluster {
  url: string;
  version: string;
  stop(): void;
}

export async function startCluster(bin: string, options: ClusterOptions): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhifa-pg-'));
  chmodSync(dir, 0o777);
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (cmd: string, args: string[]) => {
    const [exe, ...rest] = [...asUser, cmd, ...args];
    return execFileSync(exe, rest, { stdio: 'pipe' }).toString();
  };
  const data = path.join(dir, 'data');
  const port = await freePort();
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=${options.maxConnections}${options.fsync ? '' : ' -c fsync=off'}`;
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'zhifa', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', settings, 'start']);
  const version = run(path.join(bin, 'postgres'), ['--version']).trim();
  return {
    url: `postgres://zhifa@127.0.0.1:${port}/postgres`,
    version,
    stop: () => {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
