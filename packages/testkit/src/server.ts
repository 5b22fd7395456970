// A real server on a random port, for end-to-end tests with real HTTP and WebSocket clients.
// Two servers on one PostgreSQL database are two instances: pass the first one's `target`.
import type { ZhifaPlugin } from '@zhifa/core';
import type { EventBusOptions } from '@zhifa/core/events';
import {
  createApp,
  openDatabase,
  signToken,
  type App,
  type AppOptions,
  type Database,
  type DatabaseTarget,
  type Subject,
} from '@zhifa/server';
import { freshDatabaseTarget } from './databases.js';
import { TEST_SECRET, testSettings } from './harness.js';

export interface TestServer {
  app: App;
  db: Database;
  target: DatabaseTarget;
  port: number;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** ws://127.0.0.1:<port>/graphql */
  wsUrl: string;
  token(sub: Subject): string;
  /** NOTIFYs this instance has heard from the database (PostgreSQL only; always 0 on PGlite). */
  notifications(): number;
  close: () => Promise<void>;
}

export interface TestServerOptions {
  /** Share another instance's database; a fresh one is created (and dropped on close) otherwise. */
  target?: DatabaseTarget;
  plugins?: ZhifaPlugin[];
  poolSize?: number;
  events?: EventBusOptions;
  /** WebSocket limits, the subscription recheck interval and the logger, as createApp takes them. */
  ws?: AppOptions['ws'];
  subscriptionRecheckMs?: number;
  log?: AppOptions['log'];
  /** testSettings() (background sweeps off) by default. */
  settings?: AppOptions['settings'];
  /** Viewer cache lease on PostgreSQL, as createApp takes it. */
  viewerFeed?: AppOptions['viewerFeed'];
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const fresh = opts.target ? null : await freshDatabaseTarget();
  const target = opts.target ?? fresh!.target;
  const db = await openDatabase(target, { poolSize: opts.poolSize });
  let heard = 0;
  const listen = db.listen.bind(db);
  db.listen = (channel, onNotify) =>
    listen(channel, () => {
      heard++;
      onNotify();
    });
  const app = await createApp({
    db,
    plugins: opts.plugins ?? [],
    jwtSecret: TEST_SECRET,
    events: opts.events,
    ws: opts.ws,
    subscriptionRecheckMs: opts.subscriptionRecheckMs,
    log: opts.log,
    settings: opts.settings ?? testSettings(),
    viewerFeed: opts.viewerFeed,
  });
  const port = await app.listen(0);
  return {
    app,
    db,
    target,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    token: (sub) => signToken(TEST_SECRET, sub),
    notifications: () => heard,
    async close() {
      await app.close();
      await db.close();
      await fresh?.drop();
    },
  };
}

/**
 * Two instances on one database (PostgreSQL: two servers sharing a fresh database), each with the
 * same options. `close()` closes the second first, so the database the first created outlives both.
 */
export async function startTwoInstances(
  opts: Omit<TestServerOptions, 'target'> = {},
): Promise<{ a: TestServer; b: TestServer; close: () => Promise<void> }> {
  const a = await startTestServer(opts);
  const b = await startTestServer({ ...opts, target: a.target });
  return {
    a,
    b,
    close: async () => {
      await b.close();
      await a.close();
    },
  };
}
