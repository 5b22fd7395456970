// graphql-ws on the HTTP server's port. What only a long-lived connection needs is here and beside
// it: limits on connections (in all, per address, per caller; ws-admission.ts) and on operations
// per connection, an idle timeout, a maximum lifetime, keep-alive (ws-deadlines.ts), and ending a
// connection whose credential stops being valid (expired, revoked) while it is open. Operations
// go through yoga.getEnveloped (ws-protocol.ts), so every envelop plugin (auth, armor, masking)
// also guards WebSocket operations. This file wires them: the upgrade, one connection's socket
// events, and disposal. Close codes and reasons: ws-connection.ts.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, handleProtocols } from 'graphql-ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { errorForLog, type Context } from '@zhifa/core';
import type { Caller } from './identity.js';
import type { Logger } from './log.js';
import type { WsLimits } from './ws-limits.js';
import { refuseOverLimit, type Admission } from './ws-admission.js';
import { keepDeadlines } from './ws-deadlines.js';
import { CLOSE, closeConnection, connectionFields, newConnection, REASONS, type Connection } from './ws-connection.js';
import { graphqlWsProtocol, ProtocolAdapter } from './ws-protocol.js';

export { DEFAULT_WS_LIMITS, type WsLimits } from './ws-limits.js';
export { CLOSE, closeReason } from './ws-connection.js';

export interface WsServerOptions {
  server: Server;
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  path: string;
  maxPayload: number;
  limits: WsLimits;
  /** The count of open connections, shared with subscriptions over HTTP streams (http-streams.ts). */
  admission: Admission;
  log: Logger;
  /** Who a credential names; rejects with UnauthenticatedError or ServiceUnavailableError. */
  identify(authorization: unknown): Promise<Caller>;
}

export interface WsServer {
  /** Open (admitted) connections: WebSocket connections and HTTP-stream subscriptions. */
  readonly connections: number;
  /** `next` messages sent so far: written directly from a shared serialisation (SocketSink), and through graphql-ws' emit. */
  readonly nextMessages: { readonly direct: number; readonly protocol: number };
  dispose(): Promise<void>;
}

export function serveGraphqlWs(options: WsServerOptions): WsServer {
  const { yoga, limits, log, admission } = options;
  const connections = new Map<WebSocket, Connection>();
  const nextMessages = { direct: 0, protocol: 0 };
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });

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
    if (refusal) return refuseOverLimit(log, admission, { socket: ws, ip }, refusal);
    const conn = newConnection(ws, ip, limits);
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
    handle(messageText(data)).catch((err: unknown) => {
      log.error(
        { err: errorForLog(err, { stack: true }), ...connectionFields(conn) },
        'unexpected error handling a WebSocket message',
      );
      closeConnection(log, conn, CloseCode.InternalServerError, REASONS.internal);
    });
  }
  function onSocketClose(this: WebSocket, code: number, reason: Buffer) {
    const conn = connections.get(this);
    if (!conn) return;
    admission.release(conn.ip, conn.callerKey);
    connections.delete(this);
    log.debug({ ...connectionFields(conn), code, reason: reason.toString() }, 'websocket closed');
    void conn.closed?.(code, reason.toString());
  }
  // A client's oversized message (which ws has already closed with 1009) and other protocol
  // errors: logged as the refusals they are, without a stack.
  function onSocketError(this: WebSocket, err: Error & { code?: string }) {
    const conn = connections.get(this);
    log.info(
      { ...(conn ? connectionFields(conn) : {}), error: err.message, code: err.code },
      'websocket protocol error',
    );
  }
  function onSocketPong(this: WebSocket) {
    const conn = connections.get(this);
    if (conn) conn.awaitingPong = false;
  }

  const stopDeadlines = keepDeadlines(connections, limits, log);

  wss.options.handleProtocols = handleProtocols;
  const protocol = graphqlWsProtocol({
    yoga,
    limits,
    log,
    admission,
    nextMessages,
    identify: (authorization) => options.identify(authorization),
  });

  return {
    get connections() {
      return admission.open;
    },
    nextMessages,
    dispose: async () => {
      options.server.off('upgrade', onUpgrade);
      stopDeadlines();
      for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'Going away');
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** A message's text: a Buffer with ws's default binaryType ('nodebuffer'); the other shapes for completeness. */
function messageText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Buffer.isBuffer(data)) return data.toString();
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString();
}
