// graphql-ws on the HTTP server's port. Operations go through yoga.getEnveloped, so every envelop
// plugin (auth, armor, masking) also guards WebSocket operations. What only a long-lived
// connection needs lives here: limits on connections (in all, per address, per caller) and on
// operations per connection, an idle timeout, a maximum lifetime, and ending a connection whose
// credential stops being valid (expired, revoked) while it is open.
//
// Close codes follow what graphql-ws clients do with them: 1001 (going away) and 1013 (try again
// later) are retried, so a client reconnects after a lifetime close, a database fault or a full
// server, and resumes its subscriptions with `after`; 4403 (forbidden) is what a bad credential
// gets at connect, and what a credential that went bad gets later. 1011 and 4401 would be final
// for graphql-ws, so a database fault never uses them.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CloseCode,
  handleProtocols,
  makeServer,
  type Context as WsContext,
  type WebSocket as ProtocolSocket,
} from 'graphql-ws';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import {
  ServiceUnavailableError,
  UnauthenticatedError,
  type CallerCheck,
  type Context,
  type ResultSink,
} from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import type { Caller } from './identity.js';
import type { Logger } from './log.js';
import { Admission, type Refusal, type WsLimits } from './ws-limits.js';
import { operationOf, outcomeOf, writeRequestLine } from './request-log.js';

export { DEFAULT_WS_LIMITS, type WsLimits } from './ws-limits.js';

export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  tryAgainLater: 1013,
  forbidden: 4403,
  internalError: 4500,
} as const;

/** WebSocket close reasons are at most 123 bytes: code, Chinese and English when they fit, else code and English. */
export function closeReason(code: string, zh: string, en: string): string {
  const full = `${code} ${zh} / ${en}`;
  if (Buffer.byteLength(full) <= 123) return full;
  return Buffer.from(`${code}: ${en}`).subarray(0, 123).toString();
}

const REASONS = {
  server: closeReason('TOO_MANY_CONNECTIONS', '服务器连接数已满', 'server connection limit'),
  address: closeReason('TOO_MANY_CONNECTIONS', '本地址连接数已满', 'connection limit for this address'),
  caller: closeReason('TOO_MANY_CONNECTIONS', '本用户连接数已满', 'connection limit for this caller'),
  unavailable: closeReason('SERVICE_UNAVAILABLE', '数据库暂不可用，请稍后重试', 'database unavailable, retry later'),
  expired: closeReason('UNAUTHENTICATED', '令牌已过期', 'credential expired'),
  invalid: closeReason('UNAUTHENTICATED', '凭据已失效', 'credential no longer valid'),
  rejected: closeReason('UNAUTHENTICATED', '令牌无效', 'invalid credentials'),
  lifetime: closeReason('MAX_LIFETIME', '连接已达最长时限，请重连', 'connection lifetime reached, reconnect'),
  idle: closeReason('IDLE_TIMEOUT', '连接空闲超时', 'idle timeout'),
  internal: closeReason('INTERNAL_SERVER_ERROR', '内部错误', 'internal error'),
};

/** graphql-ws' keep-alive: a ping every 12 s, spread over this many ticks. */
const KEEPALIVE_MS = 12_000;
const KEEPALIVE_SLOTS = 12;

/** The deadline sweep's longest tick: a lifetime, idle, init or expiry close comes at most this late. */
const SWEEP_MS = 250;

export interface WsServerOptions {
  server: Server;
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  path: string;
  maxPayload: number;
  limits: WsLimits;
  log: Logger;
  /** Who a credential names; rejects with UnauthenticatedError or ServiceUnavailableError. */
  identify(authorization: unknown): Promise<Caller>;
}

export interface WsServer {
  /** Open (admitted) connections. */
  readonly connections: number;
  /** `next` messages sent so far: written directly from a shared serialisation (SocketSink), and through graphql-ws' emit. */
  readonly nextMessages: { readonly direct: number; readonly protocol: number };
  dispose(): Promise<void>;
}

interface Operation {
  start: number;
  operation: string | null;
  type: string | null;
  outcome: string;
}

interface Connection {
  socket: WebSocket;
  ip: string;
  lastActivity: number;
  callerKey: string | null;
  callerKind: string | null;
  authorization?: string;
  /** Deadlines (epoch ms) the sweep closes the connection at: connection_init, lifetime, the credential's expiry. */
  initBy: number;
  lifetimeEndsAt: number;
  expiresAt: number;
  /** Pinged, and no pong since: the next ping ends the socket. */
  awaitingPong: boolean;
  operations: Map<string, Operation>;
  /** graphql-ws' handler of this socket's messages, and what to tell it when the socket closes. */
  onMessage: ((data: string) => Promise<void>) | null;
  closed: ((code: number, reason: string) => Promise<void>) | null;
}

type Extra = { conn: Connection };
type Roots = { execute(args: ExecutionArgs): unknown; subscribe(args: ExecutionArgs): unknown };

export function serveGraphqlWs(options: WsServerOptions): WsServer {
  const { yoga, limits, log } = options;
  const admission = new Admission(limits);
  const connections = new Map<WebSocket, Connection>();
  const nextMessages = { direct: 0, protocol: 0 };
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });

  const fields = (conn: Connection) => ({ ip: conn.ip, caller: conn.callerKey ?? conn.callerKind });
  const close = (conn: Connection, code: number, reason: string, detail?: string) => {
    if (conn.socket.readyState >= conn.socket.CLOSING) return;
    log.info({ ...fields(conn), code, reason, detail }, 'websocket closed by server');
    conn.socket.close(code, reason);
  };
  /** A credential that went bad ends the connection (4403); a database that cannot say, retryably (1013). */
  const closeForCredential = (conn: Connection, err: unknown, badReason: string): boolean => {
    if (err instanceof UnauthenticatedError) close(conn, CLOSE.forbidden, badReason, err.messageEn);
    else if (err instanceof ServiceUnavailableError) close(conn, CLOSE.tryAgainLater, REASONS.unavailable);
    else return false;
    return true;
  };
  const refuseOverLimit = (to: { socket: WebSocket; ip: string; caller?: string }, r: Refusal) => {
    log.warn(
      { ip: to.ip, caller: to.caller, scope: r.scope, limit: r.limit, open: admission.open },
      'websocket refused: too many connections',
    );
    to.socket.close(CLOSE.tryAgainLater, REASONS[r.scope]);
  };
  const connectionOf = (ctx: WsContext<Record<string, unknown>, Extra>) => ctx.extra.conn;
  const logOperation = (conn: Connection, op: Operation) =>
    writeRequestLine(log, {
      transport: 'ws',
      operation: op.operation,
      type: op.type,
      caller: conn.callerKind,
      ms: performance.now() - op.start,
      outcome: op.outcome,
    });

  /** A subscription's recheck that also ends the connection when the credential itself went bad. */
  class WatchedCaller implements CallerCheck {
    constructor(
      private readonly conn: Connection,
      private readonly caller: CallerCheck,
    ) {}
    get expiresAt() {
      return this.caller.expiresAt;
    }
    get maxAgeMs() {
      return this.caller.maxAgeMs;
    }
    async recheck(opts?: { fresh?: boolean }) {
      try {
        return await this.caller.recheck(opts);
      } catch (err) {
        closeForCredential(this.conn, err, REASONS.invalid);
        throw err;
      }
    }
  }

  /**
   * A subscription's `next` messages written straight to its socket, from a result serialised once
   * for every subscriber sharing it (core's shared-execution.ts): the message graphql-ws' emit
   * would send, `{"id":…,"type":"next","payload":…}`, without its per-subscriber stringify and
   * promises. onNext has nothing to note for these (they carry no errors).
   */
  class SocketSink implements ResultSink {
    private readonly head: string;
    constructor(
      private readonly socket: WebSocket,
      id: string,
    ) {
      this.head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    }
    next(payloadJson: string): boolean {
      const ws = this.socket;
      // graphql-ws sends the next message once the last one is written out; so does this: with
      // anything still queued (a slow reader), the ordinary path takes over and waits for it.
      if (ws.readyState !== ws.OPEN || ws.bufferedAmount > 0) return false;
      ws.send(this.head + payloadJson + '}');
      nextMessages.direct++;
      return true;
    }
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== options.path) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const ip = req.socket.remoteAddress ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, ip));
  };
  options.server.on('upgrade', onUpgrade);

  // Per connection: what is made here lives as long as the connection, so nothing of the upgrade
  // request (its headers, the first bytes) is kept, and the socket's listeners are shared functions.
  const accept = (ws: WebSocket, ip: string) => {
    const refusal = admission.admit(ip);
    if (refusal) return refuseOverLimit({ socket: ws, ip }, refusal);
    const now = Date.now();
    const conn: Connection = {
      socket: ws,
      ip,
      lastActivity: now,
      callerKey: null,
      callerKind: null,
      initBy: now + limits.initTimeoutMs,
      lifetimeEndsAt: now + limits.maxLifetimeMs * (1 - Math.random() * 0.1),
      expiresAt: Infinity,
      awaitingPong: false,
      operations: new Map(),
      onMessage: null,
      closed: null,
    };
    connections.set(ws, conn);
    ws.on('message', onSocketMessage);
    ws.once('close', onSocketClose);
    ws.on('error', onSocketError);
    ws.on('pong', onSocketPong);
    conn.closed = protocol.opened(new ProtocolAdapter(conn), { conn });
  };

  function onSocketMessage(this: WebSocket, data: Buffer | ArrayBuffer | Buffer[]) {
    const conn = connections.get(this);
    if (!conn) return;
    conn.lastActivity = Date.now();
    const handle = conn.onMessage;
    if (!handle) return;
    handle(String(data)).catch((err: unknown) => {
      log.error({ err, ...fields(conn) }, 'unexpected error handling a WebSocket message');
      close(conn, CloseCode.InternalServerError, REASONS.internal);
    });
  }
  function onSocketClose(this: WebSocket, code: number, reason: Buffer) {
    const conn = connections.get(this);
    if (!conn) return;
    admission.release(conn.ip, conn.callerKey);
    connections.delete(this);
    log.debug({ ...fields(conn), code, reason: reason.toString() }, 'websocket closed');
    void conn.closed?.(code, reason.toString());
  }
  // A client's oversized message (which ws has already closed with 1009) and other protocol
  // errors: logged as the refusals they are, without a stack.
  function onSocketError(this: WebSocket, err: Error & { code?: string }) {
    const conn = connections.get(this);
    log.info({ ...(conn ? fields(conn) : {}), error: err.message, code: err.code }, 'websocket protocol error');
  }
  function onSocketPong(this: WebSocket) {
    const conn = connections.get(this);
    if (conn) conn.awaitingPong = false;
  }

  // Keep-alive as graphql-ws' own transport does it (a ping every 12 s; no pong by the next ping
  // ends the socket, so a dead peer does not keep its place under the limits), from one timer for all sockets: each tick pings a twelfth of them, so ten
  // thousand sockets are not pinged in one burst.
  let tick = 0;
  const keepAlive = setInterval(
    () => {
      const slot = tick++ % KEEPALIVE_SLOTS;
      let i = 0;
      for (const conn of connections.values()) {
        const ws = conn.socket;
        if (i++ % KEEPALIVE_SLOTS !== slot || ws.readyState !== ws.OPEN) continue;
        if (conn.awaitingPong) {
          ws.terminate();
          continue;
        }
        conn.awaitingPong = true;
        ws.ping();
      }
    },
    (limits.keepAliveMs ?? KEEPALIVE_MS) / KEEPALIVE_SLOTS,
  );
  keepAlive.unref();

  // Lifetime, idle, connection_init and credential expiry from one timer for all connections, not
  // a setTimeout each: no timer objects and closures per connection, and no TimersList per distinct
  // (jittered) delay left behind by every connection that came and went. A close comes up to one
  // tick late; every event is still checked against the credential's expiry before it is sent
  // (CredentialRecheck), so nothing is delivered past it.
  const sweepMs = Math.max(
    10,
    Math.min(SWEEP_MS, Math.min(limits.idleTimeoutMs, limits.initTimeoutMs, limits.maxLifetimeMs) / 4),
  );
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const conn of connections.values()) {
      if (now >= conn.expiresAt) close(conn, CLOSE.forbidden, REASONS.expired);
      else if (now >= conn.lifetimeEndsAt) close(conn, CLOSE.goingAway, REASONS.lifetime);
      else if (now >= conn.initBy)
        close(conn, CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
      else if (conn.operations.size === 0 && now - conn.lastActivity >= limits.idleTimeoutMs)
        close(conn, CLOSE.normal, REASONS.idle);
    }
  }, sweepMs);
  sweep.unref();

  /** The graphql-ws protocol's view of one socket: methods on a prototype, not closures per connection. */
  class ProtocolAdapter implements ProtocolSocket {
    constructor(private readonly conn: Connection) {}
    get protocol() {
      return this.conn.socket.protocol;
    }
    send(data: string): Promise<void> {
      const ws = this.conn.socket;
      if (ws.readyState !== ws.OPEN) return Promise.resolve();
      return new Promise<void>((resolve, reject) => ws.send(data, (err) => (err ? reject(err) : resolve())));
    }
    close(code: number, reason: string) {
      this.conn.socket.close(code, reason);
    }
    onMessage(cb: (data: string) => Promise<void>) {
      this.conn.onMessage = cb;
    }
  }

  wss.options.handleProtocols = handleProtocols;
  const protocol = makeServer<Record<string, unknown>, Extra>({
    // The sweep closes a socket without connection_init (4408, as graphql-ws would), not a timer per socket.
    connectionInitWaitTimeout: Infinity,
    execute: (args) => (args.rootValue as Roots).execute(args) as never,
    subscribe: (args) => (args.rootValue as Roots).subscribe(args) as never,
    // The credential is checked here and kept: each operation then builds its context exactly as
    // an HTTP request would, so the caller's roles are read fresh per operation.
    onConnect: async (ctx) => {
      const conn = connectionOf(ctx);
      conn.initBy = Infinity;
      const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
      let caller: Caller;
      try {
        caller = await options.identify(auth);
      } catch (err) {
        if (!closeForCredential(conn, err, REASONS.rejected)) {
          log.error({ err, ip: conn.ip }, 'unexpected error identifying a WebSocket caller');
          close(conn, CLOSE.internalError, REASONS.internal);
        }
        return false;
      }
      if (caller.viewer.kind !== 'public') {
        const key = actorOf(caller.viewer);
        const refusal = admission.admitCaller(key);
        if (refusal) {
          refuseOverLimit({ socket: conn.socket, ip: conn.ip, caller: key }, refusal);
          return false;
        }
        conn.callerKey = key;
      }
      conn.callerKind = caller.viewer.kind;
      if (typeof auth === 'string') conn.authorization = auth;
      if (caller.expiresAt) conn.expiresAt = caller.expiresAt.getTime();
      return true;
    },
    onSubscribe: async (ctx, id, payload) => {
      const conn = connectionOf(ctx);
      const op: Operation = {
        start: performance.now(),
        operation: payload.operationName ?? null,
        type: null,
        outcome: 'OK',
      };
      const refuse = (errors: readonly GraphQLError[]) => {
        conn.operations.delete(id);
        op.outcome = outcomeOf(errors);
        logOperation(conn, op);
        return errors;
      };
      if (conn.operations.size >= limits.maxSubscriptionsPerConnection)
        return refuse([tooManySubscriptions(limits.maxSubscriptionsPerConnection)]);
      conn.operations.set(id, op);
      // No fetch Request per operation (a few KB each, held for a subscription's life): the
      // context factory takes the connection's credential as it is (app.ts, wsAuthorization).
      const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
        connectionParams: ctx.connectionParams,
        wsAuthorization: conn.authorization ?? null,
        params: payload,
      });
      try {
        const document = parse(payload.query);
        Object.assign(op, operationOf(document, payload.operationName));
        const errors = validate(schema, document);
        if (errors.length) return refuse(errors);
        // getEnveloped's typing does not carry yoga's context option: contextFor built this.
        const contextValue = (await contextFactory()) as unknown as Context;
        if (contextValue.caller) contextValue.caller = new WatchedCaller(conn, contextValue.caller);
        if (op.type === 'subscription') contextValue.resultSink = new SocketSink(conn.socket, id);
        return {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue,
          rootValue: { execute, subscribe } satisfies Roots,
        };
      } catch (err) {
        if (!(err instanceof GraphQLError)) {
          conn.operations.delete(id);
          throw err;
        }
        // A syntax error, or the credential went bad since connecting, or the database is down: an
        // error for this operation. A bad credential also ends the connection; a subscription that
        // cannot start for a database fault closes it retryably, so the client resubscribes.
        const code = err.extensions?.code;
        if (code === 'UNAUTHENTICATED' && conn.authorization)
          close(conn, CLOSE.forbidden, REASONS.invalid, err.message);
        if (code === 'SERVICE_UNAVAILABLE' && op.type === 'subscription')
          close(conn, CLOSE.tryAgainLater, REASONS.unavailable);
        return refuse([err]);
      }
    },
    onNext: (ctx, id, _payload, _args, result) => {
      nextMessages.protocol++;
      const op = connectionOf(ctx).operations.get(id);
      if (op && op.outcome === 'OK') op.outcome = outcomeOf(result.errors);
    },
    onError: (ctx, id, _payload, errors) => {
      const op = connectionOf(ctx).operations.get(id);
      if (op && op.outcome === 'OK') op.outcome = outcomeOf(errors);
    },
    onComplete: (ctx, id) => {
      const conn = connectionOf(ctx);
      const op = conn.operations.get(id);
      if (!op) return;
      conn.operations.delete(id);
      conn.lastActivity = Date.now();
      logOperation(conn, op);
    },
  });

  return {
    get connections() {
      return admission.open;
    },
    nextMessages,
    dispose: async () => {
      options.server.off('upgrade', onUpgrade);
      clearInterval(keepAlive);
      clearInterval(sweep);
      for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'Going away');
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

function tooManySubscriptions(limit: number): GraphQLError {
  const zh = `本连接同时进行的操作已达上限（${limit}），请先结束一些订阅`;
  const en = `too many operations on this connection (limit ${limit}); complete some subscriptions first`;
  return new GraphQLError(`${zh} (${en})`, {
    extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', messageZh: zh, messageEn: en },
  });
}
