// The HTTP + WebSocket application: one graphql-yoga instance; graphql-ws operations go through
// yoga.getEnveloped so every envelop plugin (auth, armor, masking) also guards subscriptions.
import { createServer, type Server } from 'node:http';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError } from 'graphql';
import {
  createSchema,
  EventBus,
  NOTIFY_CHANNEL,
  PluginSettings,
  PUBLIC_VIEWER,
  RuleViolation,
  ValidationError,
  ZhifaError,
  type Context,
  type EventBusOptions,
  type InputLimits,
  type ZhifaPlugin,
} from '@zhifa/core';
import type { Database } from './database.js';
import { InvalidCredentials, resolveViewer } from './identity.js';
import { handleDevToken } from './dev-tokens.js';
import { securityPlugins } from './security.js';

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
  /** Bounds on input (largest amount of money), from the configuration; core's defaults otherwise. */
  input?: Partial<InputLimits>;
}

export interface App {
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  events: EventBus;
  /** Start listening; resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Graceful: stop accepting, close WebSockets, drain HTTP, stop the bus. The database is the caller's. */
  close(): Promise<void>;
  server: Server;
  ready(): boolean;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { schema, guards } = createSchema({ plugins: options.plugins, input: options.input });
  const prisma = options.db.prisma;
  const events = new EventBus(prisma, options.events);
  await events.start();
  const unlisten = await options.db.listen(NOTIFY_CHANNEL, () => events.wake());
  const settings = options.settings ?? new PluginSettings();
  const clock = options.clock ?? (() => new Date());
  let accepting = true;

  const contextFor = async (authorization: unknown): Promise<Context> => {
    try {
      const viewer = await resolveViewer(prisma, options.jwtSecret, authorization);
      return { prisma, viewer, events, guards, settings, clock };
    } catch (err) {
      if (err instanceof InvalidCredentials)
        throw new GraphQLError(err.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      throw err;
    }
  };

  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql ?? !options.production ? { subscriptionsProtocol: 'WS' } : false,
    landingPage: false,
    maskedErrors: {
      // Typed domain errors surfaced outside a result union still show their bilingual message.
      maskError: (error, message) => {
        const original = (error as GraphQLError).originalError;
        if (original instanceof ZhifaError) return topLevelError(original, error as GraphQLError);
        if (error instanceof GraphQLError && !original) return error;
        if (original instanceof GraphQLError) return original;
        console.error('[zhifa] unexpected error', original ?? error);
        return new GraphQLError(`内部错误 / ${message}`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    context: ({ request }) => contextFor(request.headers.get('authorization')),
    plugins: securityPlugins({ production: !!options.production, introspection: options.introspection }),
  });

  const server = createServer(async (req, res) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES || (req.method === 'POST' && req.headers['transfer-encoding'])) {
      // Chunked bodies have no declared size; the only large legitimate bodies (CSV uploads) come
      // from clients that declare it, so refusing chunked POSTs keeps every request bounded.
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      return void res.end(JSON.stringify({ errors: [{ message: `请求过大或未声明长度（上限 ${MAX_REQUEST_BYTES / 1024 / 1024} MiB）/ request too large or of undeclared size (limit ${MAX_REQUEST_BYTES / 1024 / 1024} MiB)`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }));
    }
    if (req.url?.startsWith('/dev/token'))
      return handleDevToken(req, res, { enabled: !!options.devTokens && !options.production, prisma, secret: options.jwtSecret });
    if (req.url === '/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (req.url === '/ready') {
      const ok = accepting && (await prisma.$queryRaw`SELECT 1`.then(() => true, () => false));
      return void res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ready: ok }));
    }
    return yoga.handle(req, res);
  });

  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload: MAX_WS_MESSAGE_BYTES });
  const wsServer = useServer<Record<string, unknown>, { authorization?: string }>(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      // The credential is checked once here (a bad one closes the socket with 4403) and kept:
      // each operation then builds its context exactly as an HTTP request would, so the viewer's
      // roles are read fresh per operation and yoga's context factory sees a real Request.
      onConnect: async (ctx) => {
        const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        try {
          await contextFor(auth);
        } catch {
          return false;
        }
        if (typeof auth === 'string') ctx.extra.authorization = auth;
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const headers = new Headers(ctx.extra.authorization ? { authorization: ctx.extra.authorization } : {});
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          request: new Request(`http://${ctx.extra.request.headers.host ?? 'localhost'}${yoga.graphqlEndpoint}`, { method: 'POST', headers }),
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        try {
          const document = parse(payload.query);
          const errors = validate(schema, document);
          if (errors.length) return errors;
          return {
            schema,
            operationName: payload.operationName,
            document,
            variableValues: payload.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          };
        } catch (err) {
          // A syntax error, or credentials revoked since connecting: an error for this operation,
          // not an internal error that closes everyone's socket.
          if (err instanceof GraphQLError) return [err];
          throw err;
        }
      },
    },
    wss,
  );

  return {
    yoga,
    events,
    server,
    ready: () => accepting,
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
      await events.stop();
      await wsServer.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections?.();
        setTimeout(() => server.closeAllConnections?.(), 5_000).unref();
      });
      await unlisten();
    },
  };
}

export { PUBLIC_VIEWER };

/**
 * A refusal outside a mutation's result union (a query, a subscription, a guarded field) as a
 * top-level error: the same code and bilingual messages the typed results carry, at its path.
 */
function topLevelError(e: ZhifaError, at: GraphQLError): GraphQLError {
  const extensions: Record<string, unknown> = { code: e.code, messageZh: e.messageZh, messageEn: e.messageEn };
  if (e instanceof RuleViolation) extensions.rule = e.rule;
  if (e instanceof ValidationError) extensions.issues = e.issues.map((i) => ({ path: i.path.map(String), message: i.messageZh, messageEn: i.messageEn }));
  return new GraphQLError(e.message, { nodes: at.nodes, path: at.path, extensions });
}
