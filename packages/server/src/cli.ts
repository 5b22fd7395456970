// `pnpm zhifa <command>`: development and operations helpers. pnpm prints a banner on stdout before
// a script runs; `pnpm -s zhifa token …` (silent) leaves the token alone on stdout for $(…).
//
//   token <role | person-id | person:N | enterprise:N>   print a JWT, alone, on stdout
//   seed [--reset]                                       load demo data (--reset: empty the database first)
//   api-key <surveyOrgAgencyId>                          print a new API key for a survey organisation
//   api-key revoke <id | prefix | key>                   revoke an API key (recorded in the event log)
//
// An embedded data dir may be open in one process only. While a server holds it, `token` asks that
// server (GET /dev/token, loopback, development only) and `api-key revoke` asks it over its admin
// socket (admin-socket.ts) instead of opening the dir; other commands that must write refuse. With
// DATABASE_URL there is no lock: every command talks to PostgreSQL directly, and running servers see
// a revocation through the event log.
import path from 'node:path';
import { revokeApiKey, UnknownApiKey } from '@zhifa/core';
import { fileURLToPath } from 'node:url';
import { ConfigError, embeddedDataDir, loadConfig, MEMORY_DATA_DIR, type Config } from './config.js';
import { openDatabase, type Database } from './database.js';
import { createSurveyApiKey, DEV_ROLES, resolveSubject, UnknownSubject } from './dev-tokens.js';
import { signToken } from './identity.js';

import { adminSocketPathFor, AdminSocketUnavailable, askServer, type AdminAnswer } from './admin-socket.js';
import { DEFAULT_LEASE_MS } from './viewer-cache.js';
import { acquireLock, DataDirLocked, lockHolder, type LockInfo } from './lock.js';
import { resolveJwtSecret } from './secret.js';
import { clearDatabase, isEmptyDatabase, seedDemoData } from './seed/index.js';

const USAGE = `用法 / usage: pnpm -s zhifa <command>   (-s: 不输出 pnpm 的脚本横幅 / no pnpm banner on stdout)
  token <${DEV_ROLES.join('|')}|<person-id>|person:N|enterprise:N>
        签发令牌，仅输出令牌本身 / print a JWT, alone, on stdout
  seed [--reset]
        载入演示数据；--reset 先清空数据库 / load demo data; --reset empties the database first
  api-key <surveyOrgAgencyId>
        为第三方调查机构生成 API 密钥 / print a new API key for a survey organisation
  api-key revoke <id|prefix|key>
        吊销 API 密钥（记入事件日志，各服务器实例上用它打开的订阅随即结束）
        revoke an API key (recorded in the event log; subscriptions opened with it end on every instance)`;

/** A failure the user can act on: the message is printed without a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const info = (line: string) => process.stderr.write(`${line}\n`);

/** Open the configured database for one command, holding the data-dir lock while it is open. */
async function withDatabase<T>(config: Config, run: (db: Database) => Promise<T>): Promise<T> {
  if (config.database.kind === 'pglite' && config.database.dataDir === MEMORY_DATA_DIR)
    throw new CliError(
      'ZHIFA_DATA_DIR=memory:// 是临时数据库，命令行无从打开 / memory:// is a throwaway database; there is nothing for the CLI to open',
      2,
    );
  const dataDir = embeddedDataDir(config);
  const lock = dataDir ? acquireLock(dataDir, { purpose: 'cli' }) : null;
  try {
    const db = await openDatabase(config.database);
    try {
      return await run(db);
    } finally {
      await db.close();
    }
  } finally {
    lock?.release();
  }
}

/** The address at which the CLI reaches the server that holds the lock. */
function serverAddress(holder: LockInfo): string {
  const host = !holder.host || holder.host === '0.0.0.0' || holder.host === '::' ? '127.0.0.1' : holder.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${holder.port}`;
}

async function tokenFromServer(holder: LockInfo, spec: string): Promise<string> {
  const url = `${serverAddress(holder)}/dev/token?for=${encodeURIComponent(spec)}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new CliError(
      `数据目录正被服务器进程 ${holder.pid} 使用，但无法连接 ${url}：${(err as Error).message}\n` +
        `The data dir is held by server process ${holder.pid}, but ${url} did not answer: ${(err as Error).message}`,
    );
  }
  const body = (await res.text()).trim();
  if (res.ok) return body;
  if (res.status === 404 && body.includes('development only'))
    throw new CliError(
      `运行中的服务器（进程 ${holder.pid}）不是开发环境，不提供令牌 / the running server (pid ${holder.pid}) is not in development and issues no tokens`,
    );
  throw new CliError(body || `HTTP ${res.status}`, res.status === 400 ? 2 : 1);
}

async function token(config: Config, spec: string | undefined): Promise<void> {
  if (!spec) throw new CliError(USAGE, 2);
  const dataDir = embeddedDataDir(config);
  const holder = dataDir ? lockHolder(dataDir) : null;
  if (holder?.purpose === 'server' && holder.port) {
    process.stdout.write(`${await tokenFromServer(holder, spec)}\n`);
    return;
  }
  const secret = resolveJwtSecret(config).secret;
  const jwt = await withDatabase(config, async (db) => {
    const { subject, name } = await resolveSubject(db.prisma, spec);
    info(`${subject} ${name}`);
    return signToken(secret, subject);
  });
  process.stdout.write(`${jwt}\n`);
}

async function seed(config: Config, args: string[]): Promise<void> {
  const reset = args.includes('--reset');
  const unknown = args.filter((a) => a !== '--reset');
  if (unknown.length) throw new CliError(`未知参数 / unknown argument: ${unknown.join(' ')}\n${USAGE}`, 2);
  if (config.env === 'production')
    throw new CliError('生产环境不载入演示数据 / demo data is never loaded in production', 2);
  await withDatabase(config, async (db) => {
    if (!reset && !(await isEmptyDatabase(db.prisma)))
      throw new CliError(
        '数据库已有数据；要重建演示数据请用 seed --reset / the database already has data; use seed --reset to rebuild the demo data',
      );
    if (reset) {
      await clearDatabase(db.prisma);
      info('已清空数据库 / database emptied');
    }
    const { counts } = await seedDemoData(db.prisma, { plugins: config.plugins, log: info });
    info(`演示数据已载入 / demo data loaded: ${JSON.stringify(counts)}`);
  });
}

async function apiKey(config: Config, raw: string | undefined, rest: string[]): Promise<void> {
  if (raw === 'revoke') return revokeKey(config, rest[0]);
  if (!raw || !/^\d+$/.test(raw))
    throw new CliError(`须给出调查机构的单位编号 / give the survey organisation's agency id\n${USAGE}`, 2);
  const key = await withDatabase(config, async (db) => {
    const created = await createSurveyApiKey(db.prisma, Number(raw), 'cli');
    info(`${created.agencyName} (agency ${created.agencyId})`);
    return created.key;
  });
  process.stdout.write(`${key}\n`);
}

async function revokeKey(config: Config, ref: string | undefined): Promise<void> {
  if (!ref)
    throw new CliError(`须给出密钥编号、前缀或密钥本身 / give the key's id, prefix or the key itself\n${USAGE}`, 2);
  const dataDir = embeddedDataDir(config);
  const holder = dataDir ? lockHolder(dataDir) : null;
  const revoked =
    dataDir && holder?.purpose === 'server'
      ? await revokeThroughServer(dataDir, holder, ref)
      : await withDatabase(config, async (db) => {
          try {
            // On PostgreSQL, running servers drop the key from their caches within the lease: wait it out,
            // so that when this command returns the key is refused everywhere (viewer-cache.ts).
            const settle =
              db.target.kind === 'postgres'
                ? () => new Promise<void>((r) => setTimeout(r, DEFAULT_LEASE_MS))
                : undefined;
            const r = await revokeApiKey(db.prisma, ref, { settle });
            return { ...r, revokedAt: r.revokedAt.toISOString() };
          } catch (err) {
            if (err instanceof UnknownApiKey) throw new CliError(err.message);
            throw err;
          }
        });
  info(
    revoked.already
      ? `密钥 ${revoked.id}（${revoked.prefix}，${revoked.label}）此前已吊销 / ` +
          `key ${revoked.id} (${revoked.prefix}, ${revoked.label}) was already revoked at ${revoked.revokedAt}`
      : `已吊销密钥 ${revoked.id}（${revoked.prefix}，${revoked.label}）/ revoked key ${revoked.id} (${revoked.prefix}, ${revoked.label})`,
  );
}

/**
 * A leaked key is revoked without downtime: the embedded server holding the data dir does it, asked
 * over its admin socket (admin-socket.ts), through its own unit of work.
 */
async function revokeThroughServer(
  dataDir: string,
  holder: LockInfo,
  ref: string,
): Promise<{ id: number; prefix: string; label: string; already: boolean; revokedAt: string }> {
  let answer: AdminAnswer;
  try {
    answer = await askServer(dataDir, { op: 'revokeApiKey', ref });
  } catch (err) {
    const reason = err instanceof AdminSocketUnavailable ? err.reason : (err as Error).message;
    throw new CliError(
      `数据目录正被服务器进程 ${holder.pid} 使用，但无法经其管理套接字 ${adminSocketPathFor(dataDir)} 吊销（${reason}）；须以数据目录所属的系统用户运行本命令\n` +
        `The data dir is held by server process ${holder.pid}, but its admin socket ${adminSocketPathFor(dataDir)} did not answer (${reason}); ` +
        `run this command as the OS user who owns the data dir`,
    );
  }
  if (!answer.ok) throw new CliError(answer.message);
  info(`经运行中的服务器（进程 ${holder.pid}）吊销 / revoked by the running server (pid ${holder.pid})`);
  return answer.revoked;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    info(USAGE);
    if (!command) throw new CliError('', 2);
    return;
  }
  const config = loadConfig(env);
  switch (command) {
    case 'token':
      return token(config, args[0]);
    case 'seed':
      return seed(config, args);
    case 'api-key':
      return apiKey(config, args[0], args.slice(1));
    default:
      throw new CliError(`未知命令 / unknown command: ${command}\n${USAGE}`, 2);
  }
}

async function main() {
  try {
    await runCli(process.argv.slice(2));
    process.exit(0);
  } catch (err) {
    if (err instanceof CliError) {
      if (err.message) info(err.message);
      process.exit(err.exitCode);
    }
    if (err instanceof ConfigError || err instanceof DataDirLocked) {
      info(err.message);
      process.exit(err instanceof ConfigError ? 2 : 1);
    }
    if (err instanceof UnknownSubject) {
      info(err.message);
      process.exit(err.status === 400 ? 2 : 1);
    }
    throw err;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
