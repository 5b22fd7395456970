// Server configuration from environment variables, validated once at start. A bad value stops the
// server with one message that names every bad variable, in Chinese and English, instead of
// failing later somewhere less obvious.
//
// HOST defaults to 127.0.0.1: a development server (demo data, demo tokens, /dev/token) should not
// be reachable from the network by accident. Set HOST=0.0.0.0 (or ::) in a container or behind a
// reverse proxy.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { bilingualMessage, CORE_SETTINGS, PluginSettings, settingsFromEnv, type ZhifaPlugin } from '@zhifa/core';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '@zhifa/core/input';
import type { DatabaseTarget } from './database.js';
import { selectPlugins } from './plugins.js';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { DEFAULT_SUBSCRIPTION_RECHECK_MS, DEFAULT_WS_LIMITS, type WsLimits } from './ws-limits.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data', 'pglite');
export const MEMORY_DATA_DIR = 'memory://';
export const MIN_SECRET_LENGTH = 32;

export type Environment = 'development' | 'production' | 'test';

export interface Config {
  env: Environment;
  port: number;
  host: string;
  database: DatabaseTarget;
  /** Absent in development/test when not configured: see secret.ts, which makes and keeps one. */
  jwtSecret?: string;
  plugins: ZhifaPlugin[];
  graphiql: boolean;
  introspection: boolean;
  /** Seed demo data on the first start of an empty embedded database. */
  demoData: boolean;
  /** Each selected plugin's settings, parsed from its ZHIFA_<NAME>_* variables. */
  settings: PluginSettings;
  /** Least severe log line written: request lines are `info`, unexpected errors `error`. */
  logLevel: LogLevel;
  /** WebSocket limits (connections, subscriptions per connection, idle, init and lifetime). */
  ws: WsLimits;
  /** The longest a subscription delivers without identifying its caller again. */
  subscriptionRecheckMs: number;
  /** Bounds on input the schema enforces (core's input/values.ts), e.g. the largest amount of money. */
  input: InputLimits;
}

export interface ConfigIssue {
  variable: string;
  zh: string;
  en: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      [
        '配置错误，服务器未启动 / Configuration error, the server did not start:',
        ...issues.map((i) => `  ${i.variable}: ${i.zh} / ${i.en}`),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/** Unset or blank means "use the default". */
const optional = (raw: string | undefined) => (raw === undefined || raw.trim() === '' ? undefined : raw.trim());

const bool = z
  .string()
  .transform((s) => s.toLowerCase())
  .refine(
    (s) => TRUE.includes(s) || FALSE.includes(s),
    '须为 true/false（或 1/0、yes/no、on/off）|must be true/false (or 1/0, yes/no, on/off)',
  )
  .transform((s) => TRUE.includes(s));

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `须为 ${min}–${max} 的整数|must be an integer from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `须为 ${min}–${max} 的整数|must be an integer from ${min} to ${max}`);

const environment = z.enum(['development', 'production', 'test'], {
  error: '须为 development、production 或 test|must be development, production or test',
});

const databaseUrl = z
  .string()
  .refine(
    (s) => /^postgres(ql)?:\/\/[^\s]+$/.test(s),
    '须为 postgres:// 或 postgresql:// 开头的连接串|must be a postgres:// or postgresql:// connection URL',
  );

const logLevel = z.enum(LOG_LEVELS, {
  error: `须为 ${LOG_LEVELS.join('、')} 之一|must be one of ${LOG_LEVELS.join(', ')}`,
});

const host = z.string().regex(/^[^\s/]+$/, '须为主机名或 IP 地址|must be a host name or IP address');

const secret = z
  .string()
  .min(
    MIN_SECRET_LENGTH,
    `长度须不少于 ${MIN_SECRET_LENGTH} 个字符|must be at least ${MIN_SECRET_LENGTH} characters long`,
  );

type Env = Record<string, string | undefined>;

/** Parse the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const issues: ConfigIssue[] = [];
  function field<T>(variable: string, schema: z.ZodType<T>, fallback: T): T;
  function field<T>(variable: string, schema: z.ZodType<T>, fallback: undefined): T | undefined;
  function field<T>(variable: string, schema: z.ZodType<T>, fallback: T | undefined): T | undefined {
    const raw = optional(env[variable]);
    if (raw === undefined) return fallback;
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      const { zh, en } = bilingualMessage(issue.message);
      issues.push({ variable, zh: `${zh}（当前值 “${raw}”）`, en: `${en} (got "${raw}")` });
    }
    return fallback;
  }

  // ZHIFA_ENV wins: NODE_ENV is often set by tools for their own reasons.
  const envVar = optional(env.ZHIFA_ENV) !== undefined ? 'ZHIFA_ENV' : 'NODE_ENV';
  const mode = field(envVar, environment, 'development' as Environment);
  const development = mode !== 'production';

  const port = field('PORT', integer(0, 65535), 4000);
  const hostName = field('HOST', host, '127.0.0.1');
  const url = field('DATABASE_URL', databaseUrl, undefined);
  const rawDir = optional(env.ZHIFA_DATA_DIR);
  const dataDir =
    rawDir === undefined ? DEFAULT_DATA_DIR : rawDir === MEMORY_DATA_DIR ? MEMORY_DATA_DIR : path.resolve(cwd, rawDir);

  const jwtSecret = field('ZHIFA_JWT_SECRET', secret, undefined);
  if (mode === 'production' && optional(env.ZHIFA_JWT_SECRET) === undefined)
    issues.push({
      variable: 'ZHIFA_JWT_SECRET',
      zh: `生产环境必须设置（不少于 ${MIN_SECRET_LENGTH} 个字符的随机串）`,
      en: `required in production (a random string of at least ${MIN_SECRET_LENGTH} characters)`,
    });

  let plugins: ZhifaPlugin[] = [];
  try {
    plugins = selectPlugins(env.ZHIFA_PLUGINS);
  } catch (err) {
    // selectPlugins speaks "中文 / English: names (installed: …)"; keep the names in both halves.
    const en = (err as Error).message.split(' / ').slice(1).join(' / ') || (err as Error).message;
    issues.push({ variable: 'ZHIFA_PLUGINS', zh: `含未知插件（${en.replace(/^[^:]*:\s*/, '')}）`, en });
  }

  const graphiql = field('ZHIFA_GRAPHIQL', bool, development);
  const introspection = field('ZHIFA_INTROSPECTION', bool, development);
  const demoData = field('ZHIFA_DEMO_DATA', bool, mode === 'development');
  const log = field('ZHIFA_LOG', logLevel, 'info' as LogLevel);
  const seconds = (variable: string, min: number, max: number, fallbackMs: number) =>
    field(variable, integer(min, max), fallbackMs / 1000) * 1000;
  const ws: WsLimits = {
    maxConnections: field('ZHIFA_WS_MAX_CONNECTIONS', integer(1, 1_000_000), DEFAULT_WS_LIMITS.maxConnections),
    maxConnectionsPerIp: field(
      'ZHIFA_WS_MAX_CONNECTIONS_PER_IP',
      integer(1, 1_000_000),
      DEFAULT_WS_LIMITS.maxConnectionsPerIp,
    ),
    maxConnectionsPerCaller: field(
      'ZHIFA_WS_MAX_CONNECTIONS_PER_CALLER',
      integer(1, 10_000),
      DEFAULT_WS_LIMITS.maxConnectionsPerCaller,
    ),
    maxSubscriptionsPerConnection: field(
      'ZHIFA_WS_MAX_SUBSCRIPTIONS',
      integer(1, 1_000),
      DEFAULT_WS_LIMITS.maxSubscriptionsPerConnection,
    ),
    idleTimeoutMs: seconds('ZHIFA_WS_IDLE_TIMEOUT_SECONDS', 1, 86_400, DEFAULT_WS_LIMITS.idleTimeoutMs),
    initTimeoutMs: seconds('ZHIFA_WS_INIT_TIMEOUT_SECONDS', 1, 60, DEFAULT_WS_LIMITS.initTimeoutMs),
    // At most a week: every connection is recycled within it, and setTimeout cannot wait much longer.
    maxLifetimeMs: seconds('ZHIFA_WS_MAX_LIFETIME_SECONDS', 10, 604_800, DEFAULT_WS_LIMITS.maxLifetimeMs),
  };
  const subscriptionRecheckMs = seconds(
    'ZHIFA_SUBSCRIPTION_RECHECK_SECONDS',
    0,
    3_600,
    DEFAULT_SUBSCRIPTION_RECHECK_MS,
  );
  // Largest amount of money (fen) any input may carry; JSON numbers stay exact up to 2^53 − 1.
  const maxFen = field('ZHIFA_MAX_FEN', integer(1, Number.MAX_SAFE_INTEGER), DEFAULT_INPUT_LIMITS.maxFen);
  // Plugins declare their own variables (prefix + key); core and server never name them.
  const settings = new PluginSettings();
  for (const spec of [...CORE_SETTINGS, ...plugins.flatMap((p) => (p.settings ? [p.settings] : []))]) {
    const r = settingsFromEnv(spec, env);
    issues.push(...r.issues);
    if (r.value !== null) settings.set(spec, r.value);
  }

  if (issues.length) throw new ConfigError(issues);
  return {
    env: mode,
    port,
    host: hostName,
    database: url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir },
    jwtSecret,
    plugins,
    graphiql,
    introspection,
    demoData,
    settings,
    logLevel: log,
    ws,
    subscriptionRecheckMs,
    input: { maxFen },
  };
}

/** The data dir of an embedded database kept on disk, or null (PostgreSQL, or memory://). */
export function embeddedDataDir(config: Pick<Config, 'database'>): string | null {
  return config.database.kind === 'pglite' && config.database.dataDir !== MEMORY_DATA_DIR
    ? config.database.dataDir
    : null;
}
