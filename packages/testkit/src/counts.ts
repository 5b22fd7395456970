// What a request wrote and what it cost: row counts per table, SQL statements per call.
import type { PrismaClient } from '@zhifa/core/prisma';
import type { Harness } from './harness.js';

/**
 * Rows in each table (all of the database's tables but `_prisma_migrations`, or those named), in
 * one statement. Compare before and after to show that a refused write wrote nothing.
 */
export async function rowCounts(
  prisma: Pick<PrismaClient, '$queryRawUnsafe'>,
  tables?: readonly string[],
): Promise<Record<string, number>> {
  const names =
    tables ??
    (
      await prisma.$queryRawUnsafe<{ name: string }[]>(
        `SELECT table_name::text AS name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
         ORDER BY table_name`,
      )
    ).map((r) => r.name);
  if (names.length === 0) return {};
  const rows = await prisma.$queryRawUnsafe<{ name: string; n: number }[]>(
    names
      .map((t) => `SELECT '${t.replace(/'/g, "''")}' AS name, count(*)::int AS n FROM "${t.replace(/"/g, '""')}"`)
      .join(' UNION ALL '),
  );
  return Object.fromEntries(names.map((t) => [t, Number(rows.find((r) => r.name === t)!.n)]));
}

/**
 * A statement the event bus sends on its own schedule (reading settled events from the outbox),
 * not one the request under test caused.
 */
export function isEventBusPoll(sql: string): boolean {
  return /\bFROM\s+"Event"/.test(sql) && /pg_current_snapshot/.test(sql);
}

export interface StatementCount<T> {
  result: T;
  count: number;
  statements: string[];
}

/**
 * The SQL statements Prisma sent while `fn` ran, less the event bus's polling (and whatever
 * `ignore` matches): for N+1 guards.
 */
export async function countStatements<T>(
  h: Pick<Harness, 'queries'>,
  fn: () => Promise<T>,
  opts: { ignore?: (sql: string) => boolean } = {},
): Promise<StatementCount<T>> {
  const start = h.queries.length;
  const result = await fn();
  const statements = h.queries.slice(start).filter((sql) => !isEventBusPoll(sql) && !opts.ignore?.(sql));
  return { result, count: statements.length, statements };
}
