// What a log line may say about an error. Logs carry no personal data: Prisma's messages render
// the query they refused — its arguments, search text and names included — and driver errors
// quote the values they could not take. So a log line keeps an error's type, its code and the
// first line of its message (Prisma's "Invalid `prisma.x.findMany()` invocation"), and, for an
// unexpected error, the stack's frames (never the message the stack repeats at its top).

/** Longest message kept: a line, not a dump. */
const MAX_MESSAGE = 300;

export interface LoggedError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
}

export function errorForLog(err: unknown, options: { stack?: boolean } = {}): LoggedError {
  if (typeof err !== 'object' || err === null) return { type: typeof err, message: firstLine(String(err)) };
  const e = err as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown };
  const named = err.constructor?.name;
  const type = named && named !== 'Object' ? named : typeof e.name === 'string' ? e.name : 'Error';
  const out: LoggedError = { type, message: firstLine(typeof e.message === 'string' ? e.message : '') };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = String(e.code);
  if (options.stack && typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((l) => /^\s+at /.test(l));
    if (frames.length) out.stack = frames.join('\n');
  }
  return out;
}

function firstLine(message: string): string {
  const line = message
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  return (line ?? '').slice(0, MAX_MESSAGE);
}
