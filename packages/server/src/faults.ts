// Is this error the database being unreachable (down, restarting, refusing or dropping
// connections, out of connections) rather than anything about the request? Such a fault is
// reported as retryable — HTTP 503, graphql-ws 1013 — never as a bad credential or a bug. Errors
// reach us wrapped differently by pg, Prisma's driver adapter, Prisma itself and PGlite, so the
// chain of causes is searched for any of their signs.

/** Socket errors of a connection that cannot be made or was lost. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
]);
/** Prisma: can't reach, timed out, server closed the connection, pool timeout, too many connections. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
/** Prisma driver-adapter error kinds with the same meaning. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** PostgreSQL: shutting down, starting up, too many connections. Class 08 (connection exception) too. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Errors that carry no code: pg's lost connection, pg-pool's connect timeout, a closed PGlite. */
const MESSAGES =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|PGlite is closed|can't reach database server/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): boolean => {
    if (e === null || typeof e !== 'object' || seen.has(e) || depth > 6) return false;
    seen.add(e);
    const o = e as Record<string, unknown>;
    const code = typeof o.code === 'string' ? o.code : typeof o.originalCode === 'string' ? o.originalCode : undefined;
    if (
      code &&
      (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
    )
      return true;
    if (typeof o.kind === 'string' && ADAPTER_KINDS.has(o.kind)) return true;
    if (typeof o.message === 'string' && MESSAGES.test(o.message)) return true;
    return ['cause', 'originalError', 'meta', 'driverAdapterError', 'error'].some((k) => visit(o[k], depth + 1));
  };
  return visit(err, 0);
}
