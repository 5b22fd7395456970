// Database selection: PGlite (embedded, default) or PostgreSQL when DATABASE_URL is set.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { createPrisma, type PrismaClient } from '@zhifa/core';
import { applyMigrations, pgliteRunner, pgRunner } from './migrate.js';

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  /** `schema` (default public) lets tests and tenants share one server; it must already exist. */
  | { kind: 'postgres'; url: string; schema?: string };

export interface Database {
  target: DatabaseTarget;
  prisma: PrismaClient;
  /** Subscribe to the event NOTIFY channel from other instances; resolves to an unsubscribe. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Called with every SQL statement Prisma sends (tests count them). */
  onQuery?: (sql: string) => void;
  poolSize?: number;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  if (target.kind === 'pglite') {
    const client = await PGlite.create(target.dataDir === 'memory://' ? undefined : target.dataDir);
    await applyMigrations(pgliteRunner(client));
    // pglite-prisma-adapter 0.6 is typed against an older driver-adapter-utils; same protocol.
    const adapter = new PrismaPGlite(client) as unknown as SqlDriverAdapterFactory;
    const prisma = createPrisma(adapter, options.onQuery);
    return {
      target,
      prisma,
      // One process owns an embedded database: the in-process wake-up is all it needs.
      listen: async () => async () => {},
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
  const listeners: pg.Client[] = [];
  return {
    target,
    prisma,
    listen: async (channel, onNotify) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', onNotify);
      client.on('error', (err) => console.error('[zhifa] LISTEN connection failed', err));
      await client.query(`LISTEN ${channel}`);
      listeners.push(client);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    close: async () => {
      await Promise.all(listeners.map((c) => c.end().catch(() => {})));
      await prisma.$disconnect();
    },
  };
}

function withSearchPath(url: string, schema: string | undefined): string {
  if (!schema) return url;
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path="${schema}"`);
  return u.toString();
}
