// WebSocket limits and their defaults, and the bookkeeping of how many connections are open: in
// all, from one address, and for one caller (a person, an enterprise or an API key, however many
// tokens they hold). Pure: ws.ts asks before admitting and tells when a connection closes.

export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerIp: number;
  maxConnectionsPerCaller: number;
}

export interface WsLimits extends ConnectionLimits {
  /** Operations in flight on one connection: its subscriptions and any query not yet answered. */
  maxSubscriptionsPerConnection: number;
  /** Close a connection with no operation that has sent nothing (not even a ping or pong) for this long. */
  idleTimeoutMs: number;
  /** Close a socket that has not sent connection_init within this time (graphql-ws 4408). */
  initTimeoutMs: number;
  /** Close every connection after at most this long (a random 0–10 % less, so they do not all return at once). */
  maxLifetimeMs: number;
  /** Ping every socket this often; one that has not answered by its next ping is ended (default: graphql-ws' 12 s). */
  keepAliveMs?: number;
}

/** A subscription's longest run on one identification of its caller (events about the caller re-check at once). */
export const DEFAULT_SUBSCRIPTION_RECHECK_MS = 60_000;

export const DEFAULT_WS_LIMITS: WsLimits = {
  maxConnections: 10_000,
  maxConnectionsPerIp: 200,
  maxConnectionsPerCaller: 20,
  maxSubscriptionsPerConnection: 20,
  idleTimeoutMs: 300_000,
  initTimeoutMs: 3_000,
  maxLifetimeMs: 3_600_000,
};

export type Refusal = { scope: 'server' | 'address' | 'caller'; limit: number };

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
