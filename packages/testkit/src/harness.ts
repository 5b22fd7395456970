// Test harness: the real schema through yoga.fetch on a fresh database per test file — a copy of
// the one database migrated in global setup (see databases.ts).
// ZHIFA_TEST_DATABASE_URL=postgres://… runs the same tests on PostgreSQL (a database of its own each).
import type { PluginSettings, ZhifaPlugin } from '@zhifa/core';
import { createApp, openDatabase, signToken, type App, type Database, type Subject } from '@zhifa/server';
import { freshDatabaseTarget } from './databases.js';

export { freshDatabaseTarget, type FreshDatabase } from './databases.js';

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

export async function createHarness(
  opts: {
    plugins?: ZhifaPlugin[];
    /** The app's clock (default: the real one), e.g. to stand on 31 March. */
    clock?: () => Date;
    /** Parsed settings (core's CASE_SETTINGS, plugins'); defaults otherwise. */
    settings?: PluginSettings;
  } = {},
): Promise<Harness> {
  const queries: string[] = [];
  const { target, drop } = await freshDatabaseTarget();
  const db = await openDatabase(target, { onQuery: (sql) => queries.push(sql) });
  const app = await createApp({ db, plugins: opts.plugins ?? [], jwtSecret: TEST_SECRET, clock: opts.clock, settings: opts.settings });
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
