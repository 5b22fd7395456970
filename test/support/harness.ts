// Test harness: the real schema through yoga.fetch on a fresh database per test file.
// ZHIFA_TEST_DATABASE_URL=postgres://… runs the same tests on PostgreSQL (a fresh schema each).
import pg from 'pg';
import type { ZhifaPlugin } from '@zhifa/core';
import { createApp, openDatabase, signToken, type App, type Database, type DatabaseTarget, type Subject } from '@zhifa/server';

export const TEST_SECRET = 'test-secret-not-for-production';

export interface Harness {
  app: App;
  db: Database;
  /** SQL statements Prisma sent since the last reset. */
  queries: string[];
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: any[] }>;
  token(sub: Subject): string;
  close(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated database: in-memory PGlite, or a new schema on the test PostgreSQL server. */
export async function freshDatabaseTarget(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  const base = process.env.ZHIFA_TEST_DATABASE_URL;
  if (!base) return { target: { kind: 'pglite', dataDir: 'memory://' }, drop: async () => {} };
  const schema = `t_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  return {
    target: { kind: 'postgres', url: base, schema },
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA "${schema}" CASCADE`);
      await c.end();
    },
  };
}

export async function createHarness(opts: { plugins?: ZhifaPlugin[] } = {}): Promise<Harness> {
  const queries: string[] = [];
  const { target, drop } = await freshDatabaseTarget();
  const db = await openDatabase(target, { onQuery: (sql) => queries.push(sql) });
  const app = await createApp({ db, plugins: opts.plugins ?? [], jwtSecret: TEST_SECRET });
  return {
    app,
    db,
    queries,
    token: (sub) => signToken(TEST_SECRET, sub),
    async gql(query, variables, token) {
      const res = await app.yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    async close() {
      await app.close();
      await db.close();
      await drop();
    },
  };
}
