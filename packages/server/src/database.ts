// Database selection: PGlite (embedded, default) or PostgreSQL when DATABASE_URL is set.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { createPrisma, type PrismaClient } from '@zhifa/core/prisma';
import { withArrayParameters } from './pglite-arrays.js';
import { cachePlans } from './prisma-plans.js';
import { applyMigrations, pgliteRunner, pgRunner } from './migrate.js';
import {
  pgliteViewerFeed,
  postgresViewerFeed,
  type FeedTiming,
  type ViewerChangeListener,
  type ViewerFeed,
} from './viewer-cache.js';

export type DatabaseTarget =
  /**
   * `snapshot`: a `dumpDataDir()` tarball to start a new data dir from (tests copy one database
   * migrated once); migrations still run and find what the snapshot already has.
   */
  | { kind: 'pglite'; dataDir: string; snapshot?: Blob | File }
  /** `schema` (default public) lets tests and tenants share one server; it must already exist. */
  | { kind: 'postgres'; url: string; schema?: string };

export interface Database {
  target: DatabaseTarget;
  prisma: PrismaClient;
  /** Subscribe to the event NOTIFY channel from other instances; resolves to an unsubscribe. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** Every change to who a credential identifies, as it commits (viewer-cache.ts). */
  watchViewers(onChange: ViewerChangeListener, timing?: FeedTiming): Promise<ViewerFeed>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Called with every SQL statement Prisma sends (tests count them). */
  onQuery?: (sql: string) => void;
  poolSize?: number;
}

/**
 * PostgreSQL settings of the embedded database. shared_buffers: PGlite's 128 MB (the PostgreSQL
 * default) is resident from the start in the WASM heap; 16 MB holds the hot pages of a county's
 * data many times over (the rest is read through the OS page cache) and saves ~120 MB of resident
 * memory per server (measured: 345 → 225 MB for PGlite alone on an existing data dir).
 */
export const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  // Prisma plans compiled once per request shape (prisma-plans.ts), for every client opened here.
  cachePlans();
  if (target.kind === 'pglite') {
    const client = await PGlite.create(target.dataDir === 'memory://' ? undefined : target.dataDir, {
      ...(target.snapshot ? { loadDataDir: target.snapshot } : {}),
      startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
    });
    await applyMigrations(pgliteRunner(client));
    // The embedded server has no autovacuum daemon, so no planner statistics unless asked: without
    // them a nested list's lateral joins scan whole tables (the dashboard ran 20× slower). Cheap at
    // a county's scale; main.ts asks again after loading demo data.
    await client.exec('ANALYZE');
    // pglite-prisma-adapter 0.6 is typed against an older driver-adapter-utils; same protocol.
    const adapter = new PrismaPGlite(withArrayParameters(client)) as unknown as SqlDriverAdapterFactory;
    const prisma = createPrisma(adapter, options.onQuery);
    return {
      target,
      prisma,
      // One process owns an embedded database: the in-process wake-up is all it needs.
      listen: () => Promise.resolve(() => Promise.resolve()),
      watchViewers: (onChange) => pgliteViewerFeed(client, onChange),
      close: async () => {
        await prisma.$disconnect();
        await client.close();
      },
    };
  }

  // Prisma qualifies table names with the adapter's schema; raw SQL (events, migrations) relies on
  // search_path, so both are set.
  const url = withSearchPath(target.url, target.schema);
  const migrator = new pg.Client({ connectionString: url });
  await migrator.connect();
  try {
    await applyMigrations(pgRunner(migrator));
  } finally {
    await migrator.end();
  }
  const adapter = new PrismaPg(
    { connectionString: url, max: options.poolSize ?? 10 },
    target.schema ? { schema: target.schema } : undefined,
  );
  const prisma = createPrisma(adapter, options.onQuery);
  const listeners: { stop: () => Promise<void> }[] = [];
  return {
    target,
    prisma,
    listen: async (channel, onNotify) => {
      const listener = await keepListening(url, channel, onNotify);
      listeners.push(listener);
      return listener.stop;
    },
    watchViewers: async (onChange, timing) => {
      const feed = await postgresViewerFeed(url, target.schema ?? 'public', onChange, timing);
      listeners.push(feed);
      return feed;
    },
    close: async () => {
      await Promise.all(listeners.map((l) => l.stop()));
      await prisma.$disconnect();
    },
  };
}

/** Our connections name themselves (pg_stat_activity shows `zhifa` or `zhifa/<schema>`) and pick the schema. */
function withSearchPath(url: string, schema: string | undefined): string {
  const u = new URL(url);
  if (!u.searchParams.has('application_name'))
    u.searchParams.set('application_name', schema ? `zhifa/${schema}` : 'zhifa');
  if (schema) u.searchParams.set('options', `-c search_path="${schema}"`);
  return u.toString();
}

/**
 * A LISTEN connection that comes back after the database restarts or drops it. While it is down,
 * the bus's sweep still delivers (slower); after reconnecting we wake the bus once, since NOTIFYs
 * sent in between are lost.
 */
async function keepListening(
  url: string,
  channel: string,
  onNotify: () => void,
): Promise<{ stop: () => Promise<void> }> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', onNotify);
    c.on('error', (err) => console.error('[zhifa] LISTEN 连接出错 / LISTEN connection error:', err.message));
    c.on('end', () => {
      if (stopped || client !== c) return;
      client = null;
      schedule(1_000);
    });
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
  };
  const schedule = (ms: number) => {
    retry = setTimeout(() => {
      retry = null;
      if (stopped) return;
      void connect()
        .then(onNotify)
        .catch(() => schedule(Math.min(ms * 2, 30_000)));
    }, ms);
    retry.unref();
  };

  await connect();
  return {
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
