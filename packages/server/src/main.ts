// `pnpm start`: configuration, the data-dir lock, the database (migrated at start-up), demo data on
// the first start of an empty embedded database, then HTTP + WebSocket on HOST:PORT. SIGINT/SIGTERM
// shut down in order: stop accepting, drain, close the database, release the lock, exit 0.
// First: sets NODE_ENV for production before graphql-js is loaded (production-env.ts).
import './production-env.js';
import { revokeApiKey } from '@zhifa/core';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ConfigError, embeddedDataDir, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './database.js';
import { createApp, type App } from './app.js';
import { createLogger } from './log.js';
import { acquireLock, DataDirLocked, type DataDirLock } from './lock.js';
import { devApiKeyFileFor, resolveJwtSecret } from './secret.js';
import { isEmptyDatabase, seedDemoData } from './seed/index.js';
import { demoTokens, developmentApiKey, ROLE_NAMES } from './dev-tokens.js';
import { serveAdminSocket, type AdminSocket } from './admin-socket.js';

const log = (line: string) => console.log(`[zhifa] ${line}`);

export interface RunningServer {
  config: Config;
  app: App;
  db: Database;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** The URL people type: a loopback or wildcard bind is reachable as localhost. */
function publicUrl(host: string, port: number): string {
  const local = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(host);
  const h = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}/graphql`;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const dataDir = embeddedDataDir(config);
  const lock: DataDirLock | null = dataDir
    ? acquireLock(dataDir, { purpose: 'server', port: config.port, host: config.host })
    : null;
  let db: Database | null = null;
  try {
    const { secret, source, file } = resolveJwtSecret(config);
    if (source === 'generated') log(`已生成开发用 JWT 密钥 / generated a development JWT secret: ${file}`);

    const where =
      config.database.kind === 'postgres' ? 'PostgreSQL' : dataDir ? `PGlite ${dataDir}` : 'PGlite (memory://)';
    db = await openDatabase(config.database);
    log(`数据库已就绪（迁移已应用）/ database ready, migrations applied: ${where}`);

    if (config.demoData && config.database.kind === 'pglite' && (await isEmptyDatabase(db.prisma))) {
      const started = Date.now();
      await seedDemoData(db.prisma, { plugins: config.plugins, settings: config.settings, log });
      log(`已载入演示数据（${Date.now() - started} ms），仅供演示 / demo data loaded, for demonstration only`);
      await db.prisma.$executeRawUnsafe('ANALYZE'); // planner statistics for what was just loaded (database.ts)
    }

    const development = config.env === 'development';
    const logger = createLogger(config.logLevel);
    const app = await createApp({
      db,
      plugins: config.plugins,
      jwtSecret: secret,
      production: config.env === 'production',
      graphiql: config.graphiql,
      introspection: config.introspection,
      settings: config.settings,
      input: config.input,
      devTokens: development,
      ws: config.ws,
      subscriptionRecheckMs: config.subscriptionRecheckMs,
      log: logger,
    });
    const port = await app.listen(config.port, config.host);
    lock?.update({ port, host: config.host });
    // `pnpm zhifa api-key revoke` while this server holds the data dir (admin-socket.ts).
    const database = db;
    const admin: AdminSocket | null = dataDir
      ? await serveAdminSocket(
          dataDir,
          { revokeApiKey: (ref) => revokeApiKey(database.prisma, ref, { events: app.events }) },
          logger,
        ).catch((err: Error) => {
          log(`命令行管理套接字不可用 / admin socket unavailable: ${err.message}`);
          return null;
        })
      : null;
    const url = publicUrl(config.host, port);
    log(`GraphQL: ${url}${config.graphiql ? '  (GraphiQL，含订阅 / with subscriptions)' : ''}`);
    log(`插件 / plugins: ${config.plugins.map((p) => p.name).join(', ') || '（无 / none）'}; env ${config.env}`);

    if (development) await logDemoCredentials(db, secret, devApiKeyFileFor(config));

    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= (async () => {
        await admin?.close();
        await app.close();
        await database.close();
        lock?.release();
      })());
    return { config, app, db, port, url, stop };
  } catch (err) {
    await db?.close().catch(() => {});
    lock?.release();
    throw err;
  }
}

async function logDemoCredentials(db: Database, secret: string, apiKeyFile: string | null) {
  const tokens = await demoTokens(db.prisma, secret);
  if (!tokens.length) return;
  log(
    '演示令牌（仅开发环境，12 小时有效）/ demo tokens (development only, valid 12 h) — header "Authorization: Bearer <token>":',
  );
  for (const t of tokens) console.log(`  ${ROLE_NAMES[t.role]} — ${t.name} (${t.subject})\n    ${t.token}`);
  // The same key at every start while it works (kept beside the JWT secret, see developmentApiKey).
  const apiKey = await developmentApiKey(db.prisma, apiKeyFile);
  if (apiKey)
    console.log(
      `  第三方调查机构 API 密钥 survey organisation API key — ${apiKey.agencyName} (agency ${apiKey.agencyId})\n    ${apiKey.key}`,
    );
  log(
    '更多令牌 / more tokens: pnpm -s zhifa token <system-admin|supervisor|officer|agency-admin|enterprise|person:N|enterprise:N>',
  );
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }

  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (err) {
    console.error(err instanceof DataDirLocked ? err.message : err);
    process.exit(1);
  }

  let signalled = false;
  const shutdown = async (signal: string) => {
    if (signalled) {
      log(`再次收到 ${signal}，立即退出 / ${signal} again, exiting now`);
      process.exit(1);
    }
    signalled = true;
    log(`收到 ${signal}，正在停止 / ${signal} received, shutting down`);
    const force = setTimeout(() => {
      console.error('[zhifa] 停止超时，强制退出 / shutdown timed out, exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await server.stop();
      log('已停止 / stopped');
      process.exit(0);
    } catch (err) {
      console.error('[zhifa] 停止时出错 / error during shutdown', err);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
