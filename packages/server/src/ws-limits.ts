// WebSocket limits and their defaults; subscriptions over HTTP streams (http-streams.ts) are held to
// the same ones. How many connections are open against them is counted in ws-admission.ts; the
// deadlines they set are kept in ws-deadlines.ts.

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

/** What a refusal over each connection limit says, on a WebSocket close and in an HTTP stream's error alike. */
export const OVER_LIMIT = {
  server: { zh: '服务器连接数已满', en: 'server connection limit' },
  address: { zh: '本地址连接数已满', en: 'connection limit for this address' },
  caller: { zh: '本用户连接数已满', en: 'connection limit for this caller' },
} as const;

/** What a connection, or a stream, ended at its maximum lifetime says. */
export const LIFETIME_REACHED = {
  zh: '连接已达最长时限，请重连',
  en: 'connection lifetime reached, reconnect',
} as const;
