// One database migrated once per test run (vitest's global setup), and a copy of it for each test
// file: on PGlite a `dumpDataDir()` tarball that each new instance loads, on PostgreSQL a template
// database that each new database is created from. Without the global setup (a script, a config
// that leaves it out) every copy is created and migrated from scratch, as before.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseTarget } from '@zhifa/server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite data dir's tarball (PGlite runs). */
    zhifaPgliteSnapshot: string | null;
    /** Name of the migrated template database (PostgreSQL runs). */
    zhifaPostgresTemplate: string | null;
  }
}

/** The schema migrations run into in the template; each copy renames it after itself. */
const TEMPLATE_SCHEMA = 'zhifa_template';

/** The PostgreSQL server the suite runs on, if any (a URL to any database on it, usually `postgres`). */
export function testPostgresUrl(): string | undefined {
  return process.env.ZHIFA_TEST_DATABASE_URL || undefined;
}

/** `url` with its database replaced. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Global setup side (the vitest main process).

export interface MigratedOnce {
  /** What the workers receive through `inject`. */
  provided: { zhifaPgliteSnapshot: string | null; zhifaPostgresTemplate: string | null };
  teardown(): Promise<void>;
}

/** Migrate one database and keep it for the run: a PGlite tarball in a temp dir, or a template database. */
export async function migrateOnce(): Promise<MigratedOnce> {
  // The server's migration code only: the whole server (Prisma, Pothos) is not needed here.
  const { applyMigrations, pgliteRunner, pgRunner } = await import('@zhifa/server/migrate');
  const base = testPostgresUrl();
  if (!base) {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create();
    try {
      await applyMigrations(pgliteRunner(client));
      const tarball = await client.dumpDataDir('none');
      const dir = mkdtempSync(path.join(tmpdir(), 'zhifa-test-db-'));
      const file = path.join(dir, 'migrated.tar');
      writeFileSync(file, new Uint8Array(await tarball.arrayBuffer()));
      return {
        provided: { zhifaPgliteSnapshot: file, zhifaPostgresTemplate: null },
        teardown: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      };
    } finally {
      await client.close();
    }
  }

  const template = `zhifa_template_${process.pid}`;
  try {
    await withClient(base, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${template}"`);
    });
  } catch (err) {
    // 42501: a role without CREATEDB. Each copy is then a new schema, migrated when opened.
    if ((err as { code?: string }).code !== '42501') throw err;
    console.warn(
      `[testkit] cannot create databases (${(err as Error).message}); each test file migrates a new schema instead`,
    );
    return { provided: { zhifaPgliteSnapshot: null, zhifaPostgresTemplate: null }, teardown: async () => {} };
  }
  const teardown = () =>
    withClient(base, async (c) => {
      // Copies a crashed or killed worker left behind, then the template.
      const { rows } = await c.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
        [copyPrefix(template)],
      );
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    });
  try {
    await withClient(databaseUrl(base, template), async (c) => {
      await c.query(`CREATE SCHEMA "${TEMPLATE_SCHEMA}"`);
      await c.query(`SET search_path TO "${TEMPLATE_SCHEMA}"`);
      await applyMigrations(pgRunner(c));
    });
  } catch (err) {
    await teardown().catch(() => {});
    throw err;
  }
  return { provided: { zhifaPgliteSnapshot: null, zhifaPostgresTemplate: template }, teardown };
}

/** Copies of `zhifa_template_<pid>` are named `zhifa_<pid>_…`, so teardown finds them all. */
function copyPrefix(template: string): string {
  return `${template.replace(/^zhifa_template_/, 'zhifa_')}_`;
}

// ---------------------------------------------------------------------------------------------
// Worker side.

function provided<K extends 'zhifaPgliteSnapshot' | 'zhifaPostgresTemplate'>(key: K): string | null {
  try {
    return inject(key) ?? null;
  } catch {
    return null; // not inside a vitest worker
  }
}

/**
 * The tarball as PGlite reads it (`arrayBuffer()`, once per load): a copy of bytes held in memory,
 * where a plain Blob would be streamed again chunk by chunk each time.
 */
class SnapshotBlob extends Blob {
  readonly #bytes: ArrayBuffer;
  constructor(bytes: Uint8Array) {
    super([]);
    this.#bytes = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  override get size(): number {
    return this.#bytes.byteLength;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.slice(0));
  }
}

let snapshot: { file: string; blob: Blob } | null = null;

/** The migrated PGlite data dir, read once per worker process. */
function pgliteSnapshot(): Blob | undefined {
  const file = provided('zhifaPgliteSnapshot');
  if (!file) return undefined;
  if (snapshot?.file !== file) snapshot = { file, blob: new SnapshotBlob(readFileSync(file)) };
  return snapshot.blob;
}

let counter = 0;

export interface FreshDatabase {
  target: DatabaseTarget;
  /** Removes the copy (a no-op for in-memory PGlite). Call after closing every connection to it. */
  drop: () => Promise<void>;
}

/**
 * A fresh, migrated database of its own: in-memory PGlite loaded from the run's snapshot, or a new
 * database on the test PostgreSQL server created from the run's template. Two instances share one
 * by opening the same `target`.
 */
export async function freshDatabaseTarget(): Promise<FreshDatabase> {
  const base = testPostgresUrl();
  if (!base)
    return { target: { kind: 'pglite', dataDir: 'memory://', snapshot: pgliteSnapshot() }, drop: async () => {} };

  const template = provided('zhifaPostgresTemplate');
  if (!template) return freshSchema(base);

  const name = `${copyPrefix(template)}${process.pid}_${counter++}`;
  await withClient(base, async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (err) {
        // 55006: the template is briefly "being accessed by other users" (the set-up's own
        // connection still closing); anything else is real.
        if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  const url = databaseUrl(base, name);
  // Named after the database, so connections (application_name `zhifa/<schema>`) say whose they are.
  await withClient(url, (c) => c.query(`ALTER SCHEMA "${TEMPLATE_SCHEMA}" RENAME TO "${name}"`));
  return {
    target: { kind: 'postgres', url, schema: name },
    drop: () => withClient(base, async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** Without a template: a new schema on the server's own database, migrated when first opened. */
async function freshSchema(base: string): Promise<FreshDatabase> {
  const schema = `t_${process.pid}_${Date.now()}_${counter++}`;
  await withClient(base, (c) => c.query(`CREATE SCHEMA "${schema}"`));
  return {
    target: { kind: 'postgres', url: base, schema },
    drop: () => withClient(base, async (c) => void (await c.query(`DROP SCHEMA "${schema}" CASCADE`))),
  };
}
