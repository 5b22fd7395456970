// The HTTP + WebSocket application: one graphql-yoga instance; graphql-ws (ws.ts) sends operations through
// yoga.getEnveloped so every envelop plugin (auth, armor, masking) also guards subscriptions.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import {
  createSchema,
  PluginSettings,
  RuleViolation,
  ServiceUnavailableError,
  ValidationError,
  ZhifaError,
  errorForLog,
  type CallerCheck,
  type Context,
  type ZhifaPlugin,
} from '@zhifa/core';
import { PUBLIC_VIEWER, type Viewer } from '@zhifa/core/auth';
import {
  EventBus,
  NOTIFY_CHANNEL,
  useSharedEventExecution,
  VIEWER_TOPICS,
  type EventBusOptions,
} from '@zhifa/core/events';
import type { InputLimits } from '@zhifa/core/input';
import type { Database } from './database.js';
import { cachedIdentifier, type Caller, type Identify } from './identity.js';
import { ViewerCache, type FeedTiming } from './viewer-cache.js';
import { handleDevToken } from './dev-tokens.js';
import { SECURITY_HEADERS, securityPlugins } from './security.js';
import { renderGraphiQLPage, useGraphiQLAssets } from './graphiql.js';
import { isDatabaseUnavailable } from './faults.js';
import { createLogger, yogaLogger, type Logger } from './log.js';
import { useRequestLog, writeRequestLine } from './request-log.js';
import { DEFAULT_WS_LIMITS, serveGraphqlWs, type WsLimits, type WsServer } from './ws.js';
import { Admission } from './ws-admission.js';
import { limitHttpStreams, type StreamLimits } from './http-streams.js';
import { DEFAULT_SUBSCRIPTION_RECHECK_MS } from './ws-limits.js';
import { startSweeps, type Sweeps } from './sweeps.js';

/** Largest HTTP request body: room for a CSV list of thousands of items, nothing more. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
/** Largest WebSocket message: operations are small; only HTTP carries uploads. */
export const MAX_WS_MESSAGE_BYTES = 256 * 1024;

export interface AppOptions {
  db: Database;
  plugins: ZhifaPlugin[];
  jwtSecret: string;
  production?: boolean;
  graphiql?: boolean;
  introspection?: boolean;
  /** Plugins' parsed settings; a plugin with none configured gets its defaults. */
  settings?: PluginSettings;
  /** The clock resolvers and units of work read; tests may fix it. */
  clock?: () => Date;
  /** Serve GET /dev/token (loopback only) for `pnpm zhifa token`; never honoured in production. */
  devTokens?: boolean;
  /** Event bus tuning (sweep interval, page sizes); tests lengthen the sweep to prove NOTIFY alone wakes. */
  events?: EventBusOptions;
  /** WebSocket limits; each one not given has its default (DEFAULT_WS_LIMITS). */
  ws?: Partial<WsLimits>;
  /** The longest a subscription delivers without identifying its caller again (events about the caller re-check at once). */
  subscriptionRecheckMs?: number;
  /** Where request lines and errors go; by default only unexpected errors, to standard output. */
  log?: Logger;
  /** Bounds on input (largest amount of money), from the configuration; core's defaults otherwise. */
  input?: Partial<InputLimits>;
  /** Viewer cache lease and heartbeat on PostgreSQL (viewer-cache.ts); tests may shorten them. */
  viewerFeed?: FeedTiming;
}

/** Retry-After on a 503: long enough for a database restart to make progress, short enough not to strand anyone. */
const RETRY_AFTER_SECONDS = 5;

export interface App {
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  events: EventBus;
  /** The compulsory-measure overdue sweep (ZHIFA_CASE_MEASURE_SWEEP_SECONDS); `runOnce()` sweeps now. */
  /** Core's and the plugins' periodic sweeps (sweeps.ts); tests run them with `sweeps.runOnce()`. */
  sweeps: Sweeps;
  ws: WsServer;
  /** Subscriptions over HTTP streams, held to the WebSocket limits (http-streams.ts). */
  streams: StreamLimits;
  /** Start listening; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Graceful: stop accepting, close WebSockets, drain HTTP, stop the bus. The database is the caller's. */
  close(): Promise<void>;
  server: Server;
  ready(): boolean;
  /** The per-process viewer cache (hit counts for benchmarks and tests). */
  viewers: ViewerCache;
}

export async function createApp(options: AppOptions): Promise<App> {
  const zhifa = createSchema({ plugins: options.plugins, input: options.input });
  const { schema, guards } = zhifa;
  const prisma = options.db.prisma;
  const log = options.log ?? createLogger('error');
  const events = new EventBus(prisma, { log, ...options.events });
  await events.start();
  const unlisten = await options.db.listen(NOTIFY_CHANNEL, () => events.wake());
  const settings = options.settings ?? new PluginSettings();
  const clock = options.clock ?? (() => new Date());
  let accepting = true;

  // Started beside the event bus, stopped before it.
  const sweeps = startSweeps({ prisma, guards, settings, clock, events }, log, zhifa.sweeps);
  const recheckMs = options.subscriptionRecheckMs ?? DEFAULT_SUBSCRIPTION_RECHECK_MS;
  let viewers: ViewerCache | null = null;
  const feed = await options.db.watchViewers((subject) => viewers?.changed(subject), options.viewerFeed);
  viewers = new ViewerCache(feed);
  const identify = cachedIdentifier(prisma, options.jwtSecret, viewers);
  // A write that changed who someone is waits until every instance's cache has let go (viewer-cache.ts).
  const settle =
    feed.settleMs > 0
      ? async (topics: readonly string[]) => {
          if (topics.some((t) => VIEWER_TOPICS.has(t))) await new Promise((r) => setTimeout(r, feed.settleMs));
        }
      : undefined;

  const contextFor = async (authorization: unknown): Promise<Context> => {
    let caller: Caller;
    try {
      caller = await identify(authorization);
    } catch (err) {
      // A bad credential is 401, a database that cannot say is 503: never one for the other.
      if (err instanceof ZhifaError) throw requestError(err);
      throw err;
    }
    const ctx: Context = { prisma, viewer: caller.viewer, events, guards, settings, clock, settle };
    // A subscription asks again, from the same credential, while it runs (events/recheck.ts).
    if (caller.viewer.kind !== 'public')
      ctx.caller = new CredentialRecheck(identify, authorization, caller.expiresAt, recheckMs);
    return ctx;
  };

  // One count of open connections for WebSocket and HTTP-stream subscriptions alike.
  const wsLimits = { ...DEFAULT_WS_LIMITS, ...options.ws };
  const admission = new Admission(wsLimits);
  const streams = limitHttpStreams({ admission, limits: wsLimits, log });

  const graphiql = options.graphiql ?? !options.production;
  // Errors that masking has dealt with (logged if unexpected); yoga would log each again, with its stack.
  const handled = new WeakSet<object>();
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // Our own page and files (graphiql.ts), not yoga's default page, which loads its code from a public CDN.
    graphiql: graphiql ? { subscriptionsProtocol: 'WS', title: 'Zhifa 执法 GraphiQL' } : false,
    renderGraphiQL: renderGraphiQLPage,
    landingPage: false,
    // The HTTP server below already bounds every body (a declared length of at most
    // MAX_REQUEST_BYTES, no chunked POSTs, and node:http reads no more than declared); yoga's own
    // limit pipes each body through a stream transform again, with an abort signal and a DOMException each.
    maxRequestBodySize: false,
    logging: yogaLogger(log, handled),
    maskedErrors: {
      // Typed domain errors surfaced outside a result union still show their bilingual message.
      // Expected refusals are not logged here (the request line carries their code); a database
      // fault is one warning line and a 503; only what nobody expected is logged with its stack.
      maskError: (error, message) => {
        if (typeof error === 'object' && error !== null) handled.add(error);
        const original = (error as GraphQLError).originalError;
        if (original instanceof ZhifaError) return topLevelError(original, error as GraphQLError);
        if (error instanceof GraphQLError && !original) return error;
        if (original instanceof GraphQLError) return original;
        if (isDatabaseUnavailable(original ?? error)) {
          log.warn({ error: errorForLog(original ?? error) }, 'database unavailable');
          return topLevelError(new ServiceUnavailableError(), error as GraphQLError);
        }
        // Its type, first line and stack, never the rest of its message (Prisma's renders the query and its variables).
        log.error({ err: errorForLog(original ?? error, { stack: true }) }, 'unexpected error');
        return new GraphQLError(`内部错误 / ${message}`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    // HTTP: the request's header; WebSocket operations (ws.ts) pass the connection's credential.
    context: (initial: { request?: Request; wsAuthorization?: string | null }) =>
      contextFor(
        'wsAuthorization' in initial ? initial.wsAuthorization : initial.request!.headers.get('authorization'),
      ),
    plugins: [
      ...securityPlugins({ production: !!options.production, introspection: options.introspection }),
      ...(graphiql ? [useGraphiQLAssets()] : []),
      useRequestLog(log),
      useSharedEventExecution(),
      streams.plugin,
    ],
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (
      Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES ||
      (req.method === 'POST' && req.headers['transfer-encoding'])
    ) {
      // Chunked bodies have no declared size; the only large legitimate bodies (CSV uploads) come
      // from clients that declare it, so refusing chunked POSTs keeps every request bounded.
      writeRequestLine(log, {
        transport: 'http',
        operation: null,
        type: null,
        caller: null,
        ms: 0,
        outcome: 'PAYLOAD_TOO_LARGE',
        status: 413,
      });
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      return void res.end(
        JSON.stringify({
          errors: [
            {
              message: `请求过大或未声明长度（上限 ${MAX_REQUEST_BYTES / 1024 / 1024} MiB）/ request too large or of undeclared size (limit ${MAX_REQUEST_BYTES / 1024 / 1024} MiB)`,
              extensions: { code: 'PAYLOAD_TOO_LARGE' },
            },
          ],
        }),
      );
    }
    if (req.url?.startsWith('/dev/token'))
      return handleDevToken(req, res, {
        enabled: !!options.devTokens && !options.production,
        prisma,
        secret: options.jwtSecret,
      });
    if (req.url === '/health')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (req.url === '/ready') {
      const ok =
        accepting &&
        (await prisma.$queryRaw`SELECT 1`.then(
          () => true,
          () => false,
        ));
      return void res
        .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ready: ok }));
    }
    return yoga.handle(req, res);
  };
  // Node ignores what a request listener returns; the handlers above answer their own errors, so a
  // rejection here is a bug, reported as an unhandled rejection as before.
  const server = createServer((req, res) => void handle(req, res));

  const ws = serveGraphqlWs({
    server,
    yoga,
    path: yoga.graphqlEndpoint,
    maxPayload: MAX_WS_MESSAGE_BYTES,
    limits: wsLimits,
    admission,
    log,
    identify,
  });

  return {
    yoga,
    events,
    sweeps,
    ws,
    streams,
    server,
    ready: () => accepting,
    viewers,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const addr = server.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    close: async () => {
      accepting = false;
      await sweeps.stop();
      await events.stop();
      await ws.dispose();
      streams.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections?.();
        setTimeout(() => server.closeAllConnections?.(), 5_000).unref();
      });
      await unlisten();
      await feed.stop();
    },
  };
}

export { PUBLIC_VIEWER };

/** A subscription's way back to its credential (events/recheck.ts): one object per operation, no closure per subscriber. */
class CredentialRecheck implements CallerCheck {
  constructor(
    private readonly identify: Identify,
    private readonly authorization: unknown,
    readonly expiresAt: Date | null,
    readonly maxAgeMs: number,
  ) {}

  async recheck(options?: { fresh?: boolean }): Promise<Viewer> {
    return (await this.identify(this.authorization, options)).viewer;
  }
}

/**
 * A refusal outside a mutation's result union (a query, a subscription, a guarded field) as a
 * top-level error: the same code and bilingual messages the typed results carry, at its path.
 */
function topLevelError(e: ZhifaError, at: GraphQLError): GraphQLError {
  const extensions: Record<string, unknown> = { code: e.code, messageZh: e.messageZh, messageEn: e.messageEn };
  if (e instanceof ServiceUnavailableError)
    extensions.http = { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } };
  if (e instanceof RuleViolation) extensions.rule = e.rule;
  if (e instanceof ValidationError)
    extensions.issues = e.issues.map((i) => ({
      path: i.path.map(String),
      message: i.messageZh,
      messageEn: i.messageEn,
    }));
  return new GraphQLError(e.message, { nodes: at.nodes, path: at.path, extensions });
}

/** A refusal before anything executes (identifying the caller), with its HTTP status. */
function requestError(e: ZhifaError): GraphQLError {
  const http =
    e instanceof ServiceUnavailableError
      ? { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } }
      : { status: e.code === 'UNAUTHENTICATED' ? 401 : 403 };
  return new GraphQLError(e.message, {
    extensions: { code: e.code, messageZh: e.messageZh, messageEn: e.messageEn, http },
  });
}
