// Who gets a WebSocket connection, and keeps it: the bookkeeping of how many connections are open
// (in all, from one address, and for one caller — a person, an enterprise or an API key, however
// many tokens they hold), refusing one over a limit (1013, retried by clients), and the credential
// check at connection_init that names the caller and takes its place.
import { errorForLog } from '@zhifa/core';
import type { WebSocket } from 'ws';
import { actorOf } from '@zhifa/core/auth';
import type { Caller } from './identity.js';
import type { Logger } from './log.js';
import type { ConnectionLimits } from './ws-limits.js';
import { CLOSE, closeConnection, closeForCredential, REASONS, type Connection } from './ws-connection.js';

export type Refusal = { scope: 'server' | 'address' | 'caller'; limit: number };

/** Pure counting: ws.ts asks before admitting and tells when a connection closes. */
export class Admission {
  private total = 0;
  private readonly byIp = new Map<string, number>();
  private readonly byCaller = new Map<string, number>();

  constructor(private readonly limits: ConnectionLimits) {}

  /** Take a place for a new connection from `ip`, or say which limit it is over. */
  admit(ip: string): Refusal | null {
    if (this.total >= this.limits.maxConnections) return { scope: 'server', limit: this.limits.maxConnections };
    if ((this.byIp.get(ip) ?? 0) >= this.limits.maxConnectionsPerIp)
      return { scope: 'address', limit: this.limits.maxConnectionsPerIp };
    this.total++;
    bump(this.byIp, ip, 1);
    return null;
  }

  /** Once the connection says who it is: take a place for `caller` (actorOf), or refuse. */
  admitCaller(caller: string): Refusal | null {
    if ((this.byCaller.get(caller) ?? 0) >= this.limits.maxConnectionsPerCaller)
      return { scope: 'caller', limit: this.limits.maxConnectionsPerCaller };
    bump(this.byCaller, caller, 1);
    return null;
  }

  /** A connection admitted from `ip` (and, if it was, for `caller`) closed. */
  release(ip: string, caller: string | null): void {
    this.total--;
    bump(this.byIp, ip, -1);
    if (caller) bump(this.byCaller, caller, -1);
  }

  get open(): number {
    return this.total;
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

/** Close a socket over a limit with 1013 (try again later), saying which limit. */
export function refuseOverLimit(
  log: Logger,
  admission: Admission,
  to: { socket: WebSocket; ip: string; caller?: string },
  r: Refusal,
): void {
  log.warn(
    { ip: to.ip, caller: to.caller, scope: r.scope, limit: r.limit, open: admission.open },
    'websocket refused: too many connections',
  );
  to.socket.close(CLOSE.tryAgainLater, REASONS[r.scope]);
}

/**
 * connection_init: identify the credential in `connectionParams` and take the caller's place, or
 * close the connection (4403 for a bad credential, 1013 for a database fault or a full caller).
 * The credential is kept on the connection: each operation then builds its context exactly as an
 * HTTP request would, so the caller's roles are read fresh per operation.
 */
export async function admitCaller(
  conn: Connection,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  deps: { admission: Admission; log: Logger; identify(authorization: unknown): Promise<Caller> },
): Promise<boolean> {
  const { admission, log } = deps;
  conn.initBy = Infinity;
  const auth = connectionParams?.authorization ?? connectionParams?.Authorization;
  let caller: Caller;
  try {
    caller = await deps.identify(auth);
  } catch (err) {
    if (!closeForCredential(log, conn, err, REASONS.rejected)) {
      log.error(
        { err: errorForLog(err, { stack: true }), ip: conn.ip },
        'unexpected error identifying a WebSocket caller',
      );
      closeConnection(log, conn, CLOSE.internalError, REASONS.internal);
    }
    return false;
  }
  if (caller.viewer.kind !== 'public') {
    const key = actorOf(caller.viewer);
    const refusal = admission.admitCaller(key);
    if (refusal) {
      refuseOverLimit(log, admission, { socket: conn.socket, ip: conn.ip, caller: key }, refusal);
      return false;
    }
    conn.callerKey = key;
  }
  conn.callerKind = caller.viewer.kind;
  if (typeof auth === 'string') conn.authorization = auth;
  if (caller.expiresAt) conn.expiresAt = caller.expiresAt.getTime();
  return true;
}
