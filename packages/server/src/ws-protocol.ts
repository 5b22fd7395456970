// The glue between graphql-ws and yoga: each operation goes through yoga.getEnveloped, so every
// envelop plugin (auth, armor, masking) also guards WebSocket operations; the protocol's view of a
// socket; a subscription's credential recheck that also ends the connection; `next` messages
// written straight from a result serialised once for all its subscribers; one request-log line
// per operation; and the limit on operations per connection.
import type { WebSocket } from 'ws';
import {
  makeServer,
  type Context as WsContext,
  type Server as ProtocolServer,
  type WebSocket as ProtocolSocket,
} from 'graphql-ws';
import { GraphQLError, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import type { CallerCheck, Context, ResultSink } from '@zhifa/core';
import type { Caller } from './identity.js';
import type { Logger } from './log.js';
import type { WsLimits } from './ws-limits.js';
import { admitCaller, type Admission } from './ws-admission.js';
import {
  CLOSE,
  closeConnection,
  closeForCredential,
  REASONS,
  type Connection,
  type Operation,
} from './ws-connection.js';
import { operationOf, outcomeOf, writeRequestLine } from './request-log.js';

export type Extra = { conn: Connection };
type Roots = { execute(args: ExecutionArgs): unknown; subscribe(args: ExecutionArgs): unknown };

/** `next` messages sent so far: written directly from a shared serialisation (SocketSink), and through graphql-ws' emit. */
export type NextMessages = { direct: number; protocol: number };

export interface ProtocolOptions {
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  limits: WsLimits;
  log: Logger;
  admission: Admission;
  nextMessages: NextMessages;
  identify(authorization: unknown): Promise<Caller>;
}

/** The graphql-ws protocol over yoga, for every connection: `opened(new ProtocolAdapter(conn), { conn })`. */
export function graphqlWsProtocol(options: ProtocolOptions): ProtocolServer<Extra> {
  const { yoga, limits, log, nextMessages } = options;
  const connectionOf = (ctx: WsContext<Record<string, unknown>, Extra>) => ctx.extra.conn;
  const close = (conn: Connection, code: number, reason: string, detail?: string) =>
    closeConnection(log, conn, code, reason, detail);
  const logOperation = (conn: Connection, op: Operation) =>
    writeRequestLine(log, {
      transport: 'ws',
      operation: op.operation,
      type: op.type,
      caller: conn.callerKind,
      ms: performance.now() - op.start,
      outcome: op.outcome,
    });

  return makeServer<Record<string, unknown>, Extra>({
    // The sweep closes a socket without connection_init (4408, as graphql-ws would), not a timer per socket.
    connectionInitWaitTimeout: Infinity,
    execute: (args) => (args.rootValue as Roots).execute(args) as never,
    subscribe: (args) => (args.rootValue as Roots).subscribe(args) as never,
    // The credential is checked here and kept (ws-admission.ts).
    onConnect: (ctx) => admitCaller(connectionOf(ctx), ctx.connectionParams, options),
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
      const envelope = yoga.getEnveloped({
        connectionParams: ctx.connectionParams,
        wsAuthorization: conn.authorization ?? null,
        params: payload,
      });
      const { execute, subscribe, contextFactory } = envelope;
      // envelop types these `any` (it serves any GraphQL implementation); here they are graphql-js's.
      const schema = envelope.schema as GraphQLSchema;
      const parse = envelope.parse as (source: string) => DocumentNode;
      const validate = envelope.validate as (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[];
      try {
        const document = parse(payload.query);
        Object.assign(op, operationOf(document, payload.operationName));
        const errors = validate(schema, document);
        if (errors.length) return refuse(errors);
        // getEnveloped's typing does not carry yoga's context option: contextFor built this.
        const contextValue = (await contextFactory()) as unknown as Context;
        if (contextValue.caller) contextValue.caller = new WatchedCaller(conn, contextValue.caller, log);
        if (op.type === 'subscription') contextValue.resultSink = new SocketSink(conn.socket, id, nextMessages);
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
}

/** The graphql-ws protocol's view of one socket: methods on a prototype, not closures per connection. */
export class ProtocolAdapter implements ProtocolSocket {
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

/** A subscription's recheck that also ends the connection when the credential itself went bad. */
class WatchedCaller implements CallerCheck {
  constructor(
    private readonly conn: Connection,
    private readonly caller: CallerCheck,
    private readonly log: Logger,
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
      closeForCredential(this.log, this.conn, err, REASONS.invalid);
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
    private readonly sent: NextMessages,
  ) {
    this.head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  }
  next(payloadJson: string): boolean {
    const ws = this.socket;
    // graphql-ws sends the next message once the last one is written out; so does this: with
    // anything still queued (a slow reader), the ordinary path takes over and waits for it.
    if (ws.readyState !== ws.OPEN || ws.bufferedAmount > 0) return false;
    ws.send(this.head + payloadJson + '}');
    this.sent.direct++;
    return true;
  }
}

function tooManySubscriptions(limit: number): GraphQLError {
  const zh = `本连接同时进行的操作已达上限（${limit}），请先结束一些订阅`;
  const en = `too many operations on this connection (limit ${limit}); complete some subscriptions first`;
  return new GraphQLError(`${zh} (${en})`, {
    extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', messageZh: zh, messageEn: en },
  });
}
