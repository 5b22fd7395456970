// Structured logs: one JSON object per line (pino), so a log shipper can count refusals by code
// and find slow operations without parsing prose. Expected refusals are data, not incidents: they
// never carry a stack. Only unexpected errors (INTERNAL_SERVER_ERROR) are logged with theirs.
// No line carries personal data: never a request's variables, and an error only as errorForLog
// (core log-fields.ts) gives it — type, code, first line, stack frames.
import { pino, type DestinationStream, type Logger } from 'pino';
import { errorForLog } from '@zhifa/core';

export type { Logger };

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A logger at `level`, writing to `destination` (standard output by default). */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // pino's own error serializer writes the whole message (Prisma's renders the query): an error
      // logged under `err` goes through errorForLog, whoever logs it; what it already made passes as is.
      serializers: { err: (e: unknown) => (e instanceof Error ? errorForLog(e, { stack: true }) : e) },
    },
    destination,
  );
}

/**
 * graphql-yoga's logger, routed into ours. Yoga reports every error that error masking replaced —
 * including each expected refusal, with its stack. Masking has already logged what deserved it
 * (`handled`), so only an error it never saw is logged here.
 */
export function yogaLogger(log: Logger, handled: WeakSet<object>) {
  return {
    debug: (...args: unknown[]) => log.debug({ yoga: args.map(String) }, 'yoga'),
    info: (...args: unknown[]) => log.info({ yoga: args.map(String) }, 'yoga'),
    warn: (...args: unknown[]) => log.warn({ yoga: args.map(String) }, 'yoga'),
    error: (...args: unknown[]) => {
      const unseen = args.filter((a) => !(typeof a === 'object' && a !== null && handled.has(a)));
      if (unseen.length) log.error({ err: errorForLog(unseen[0], { stack: true }) }, 'yoga error');
    },
  };
}
