// Starting what the benchmarks measure, each in a process of its own (the load generator runs in
// the parent): the Zhifa server (packages/server/src/main.ts, production mode), and the two
// baselines (bench/baselines/*.ts). Resident memory is read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

export type Target = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface Proc {
  child: ChildProcess;
  port: number;
  /** Milliseconds from spawn to the first 200 from /ready (or the baseline's ready line). */
  startMs: number;
  rssBytes(): number;
  output(): string;
  stop(): Promise<void>;
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Environment of a production server on `target`. */
export function serverEnv(target: Target, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ZHIFA_ENV: 'production',
    ZHIFA_JWT_SECRET: BENCH_SECRET,
    ZHIFA_LOG: 'error',
    HOST: '127.0.0.1',
    PORT: '0',
    ZHIFA_DEMO_DATA: 'false',
    ZHIFA_WS_MAX_CONNECTIONS: '20000',
    ZHIFA_WS_MAX_CONNECTIONS_PER_IP: '20000',
    ZHIFA_WS_MAX_CONNECTIONS_PER_CALLER: '10000',
    ZHIFA_WS_IDLE_TIMEOUT_SECONDS: '86400',
    ...(target.kind === 'pglite' ? { ZHIFA_DATA_DIR: target.dataDir } : { DATABASE_URL: target.url }),
    ...extra,
  };
}

async function spawnReady(
  args: string[],
  env: Record<string, string>,
  ready: (line: string) => number | null,
  opts: { nodeArgs?: string[] } = {},
): Promise<Proc> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      for (const line of out.split('\n')) {
        const p = ready(line);
        if (p) return resolve(p);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ready:\n${out}`)));
  });
  const startMs = performance.now() - started;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    port,
    startMs,
    rssBytes: () => rssOf(child.pid!),
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** The Zhifa server as `pnpm start` runs it, in production mode; ready when it prints its URL. */
export async function startZhifa(
  target: Target,
  extra: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Proc> {
  const proc = await spawnReady(
    ['packages/server/src/main.ts'],
    serverEnv(target, extra),
    (line) => {
      const m = /GraphQL: http:\/\/[^:]+:(\d+)\/graphql/.exec(line);
      return m ? Number(m[1]) : null;
    },
    // BENCH_CPU_PROF=<dir>: profile the server (`node --cpu-prof`); summarise with bench/lib/profile-summary.ts.
    {
      nodeArgs: [
        ...nodeArgs,
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      ],
    },
  );
  return proc;
}

/** A baseline server (bench/baselines/<name>.ts) that prints `listening <port>`. */
export async function startBaseline(
  name: 'bare-yoga' | 'handwritten' | 'ws-broadcast' | 'zhifa-data-variant',
  target: Target | null,
  nodeArgs: string[] = [],
  args: string[] = [],
): Promise<Proc> {
  return spawnReady(
    [`bench/baselines/${name}.ts`, ...args],
    target ? (target.kind === 'pglite' ? { BENCH_DATA_DIR: target.dataDir } : { BENCH_DATABASE_URL: target.url }) : {},
    (line) => {
      const m = /^listening (\d+)/.exec(line);
      return m ? Number(m[1]) : null;
    },
    { nodeArgs },
  );
}
