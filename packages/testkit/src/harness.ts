// Test harness: the real schema through yoga.fetch on a fresh database per test file — a copy of
// the one database migrated in global setup (see databases.ts).
// ZHIFA_TEST_DATABASE_URL=postgres://… runs the same tests on PostgreSQL (a database of its own each).
import { CASE_SETTINGS, PluginSettings, type CaseSettings, type ZhifaPlugin } from '@zhifa/core';
import {
  createApp,
  openDatabase,
  signToken,
  type App,
  type AppOptions,
  type Database,
  type Subject,
} from '@zhifa/server';
import { freshDatabaseTarget } from './databases.js';

export { freshDatabaseTarget, type FreshDatabase } from './databases.js';

export const TEST_SECRET = 'test-secret-not-for-production';

/**
 * JSON as tests read it — a GraphQL response's `data` and `errors`, an event's payload: whatever
 * the document selected, walked by member access and checked by the assertions. `any` on purpose
 * and in this one place; the test/bench override in eslint.config.js says why reading it is allowed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GqlJson = any;

/** A GraphQL response over HTTP: `data` typed by the caller when it likes, `GqlJson` otherwise. */
export interface GqlResponse<T = GqlJson> {
  data?: T;
  errors?: GqlJson[];
}

export interface Harness {
  app: App;
  db: Database;
  /** SQL statements Prisma sent since the last reset. */
  queries: string[];
  gql<T = GqlJson>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  token(sub: Subject): string;
  close(): Promise<void>;
}

/**
 * Settings for a test app: defaults, except that background sweeps are off (a test runs them by hand,
 * e.g. `app.sweeps.runOnce()`), plus the core case settings a test overrides.
 */
export function testSettings(caseSettings: Partial<CaseSettings> = {}): PluginSettings {
  const settings = new PluginSettings();
  return settings.set(CASE_SETTINGS, { ...settings.get(CASE_SETTINGS), measureSweepSeconds: 0, ...caseSettings });
}

export interface HarnessOptions {
  plugins?: ZhifaPlugin[];
  /** testSettings() by default. */
  settings?: PluginSettings;
  /** The clock resolvers and units of work read; the real one by default. */
  clock?: () => Date;
  /** Where the app logs (a test capturing its log lines); unexpected errors to standard output by default. */
  log?: AppOptions['log'];
}

export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const queries: string[] = [];
  const { target, drop } = await freshDatabaseTarget();
  const db = await openDatabase(target, { onQuery: (sql) => queries.push(sql) });
  const app = await createApp({
    db,
    plugins: opts.plugins ?? [],
    jwtSecret: TEST_SECRET,
    settings: opts.settings ?? testSettings(),
    clock: opts.clock,
    log: opts.log,
  });
  return {
    app,
    db,
    queries,
    token: (sub) => signToken(TEST_SECRET, sub),
    async gql<T>(query: string, variables?: Record<string, unknown>, token?: string) {
      const res = await app.yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlResponse<T>;
    },
    async close() {
      await app.close();
      await db.close();
      await drop();
    },
  };
}
