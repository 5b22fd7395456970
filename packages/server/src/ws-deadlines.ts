// The deadlines of open WebSocket connections, from two timers for all of them: keep-alive pings
// (no pong by the next ping ends the socket), and a sweep that closes a connection at its
// credential's expiry, its lifetime, without connection_init in time, or idle.
import { CloseCode } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { Logger } from './log.js';
import type { WsLimits } from './ws-limits.js';
import { CLOSE, closeConnection, REASONS, type Connection } from './ws-connection.js';

/** graphql-ws' keep-alive: a ping every 12 s, spread over this many ticks. */
const KEEPALIVE_MS = 12_000;
const KEEPALIVE_SLOTS = 12;

/** The deadline sweep's longest tick: a lifetime, idle, init or expiry close comes at most this late. */
const SWEEP_MS = 250;

/** Start both timers over `connections` (as it changes); the function returned stops them. */
export function keepDeadlines(
  connections: ReadonlyMap<WebSocket, Connection>,
  limits: WsLimits,
  log: Logger,
): () => void {
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
  const close = (conn: Connection, code: number, reason: string) => closeConnection(log, conn, code, reason);
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

  return () => {
    clearInterval(keepAlive);
    clearInterval(sweep);
  };
}
