// One WebSocket connection as the server keeps it: its state (address, caller, deadlines,
// operations), the close codes and reasons, and closing it.
//
// Close codes follow what graphql-ws clients do with them: 1001 (going away) and 1013 (try again
// later) are retried, so a client reconnects after a lifetime close, a database fault or a full
// server, and resumes its subscriptions with `after`; 4403 (forbidden) is what a bad credential
// gets at connect, and what a credential that went bad gets later. 1011 and 4401 would be final
// for graphql-ws, so a database fault never uses them.
import type { WebSocket } from 'ws';
import { ServiceUnavailableError, UnauthenticatedError } from '@zhifa/core';
import type { Logger } from './log.js';
import { LIFETIME_REACHED, OVER_LIMIT, type WsLimits } from './ws-limits.js';

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

export const REASONS = {
  server: closeReason('TOO_MANY_CONNECTIONS', OVER_LIMIT.server.zh, OVER_LIMIT.server.en),
  address: closeReason('TOO_MANY_CONNECTIONS', OVER_LIMIT.address.zh, OVER_LIMIT.address.en),
  caller: closeReason('TOO_MANY_CONNECTIONS', OVER_LIMIT.caller.zh, OVER_LIMIT.caller.en),
  unavailable: closeReason('SERVICE_UNAVAILABLE', '数据库暂不可用，请稍后重试', 'database unavailable, retry later'),
  expired: closeReason('UNAUTHENTICATED', '令牌已过期', 'credential expired'),
  invalid: closeReason('UNAUTHENTICATED', '凭据已失效', 'credential no longer valid'),
  rejected: closeReason('UNAUTHENTICATED', '令牌无效', 'invalid credentials'),
  lifetime: closeReason('MAX_LIFETIME', LIFETIME_REACHED.zh, LIFETIME_REACHED.en),
  idle: closeReason('IDLE_TIMEOUT', '连接空闲超时', 'idle timeout'),
  internal: closeReason('INTERNAL_SERVER_ERROR', '内部错误', 'internal error'),
};

export interface Operation {
  start: number;
  operation: string | null;
  type: string | null;
  outcome: string;
}

export interface Connection {
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

/** A connection just admitted: no caller yet, connection_init and lifetime deadlines from now. */
export function newConnection(socket: WebSocket, ip: string, limits: WsLimits): Connection {
  const now = Date.now();
  return {
    socket,
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
}

/** What a log line says about a connection. */
export const connectionFields = (conn: Connection) => ({ ip: conn.ip, caller: conn.callerKey ?? conn.callerKind });

export function closeConnection(log: Logger, conn: Connection, code: number, reason: string, detail?: string): void {
  if (conn.socket.readyState >= conn.socket.CLOSING) return;
  log.info({ ...connectionFields(conn), code, reason, detail }, 'websocket closed by server');
  conn.socket.close(code, reason);
}

/** A credential that went bad ends the connection (4403); a database that cannot say, retryably (1013). */
export function closeForCredential(log: Logger, conn: Connection, err: unknown, badReason: string): boolean {
  if (err instanceof UnauthenticatedError) closeConnection(log, conn, CLOSE.forbidden, badReason, err.messageEn);
  else if (err instanceof ServiceUnavailableError) closeConnection(log, conn, CLOSE.tryAgainLater, REASONS.unavailable);
  else return false;
  return true;
}
