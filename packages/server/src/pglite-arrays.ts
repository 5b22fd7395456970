// Prisma binds array parameters as JS arrays (e.g. `roles @> $1` for `{ has: 'OFFICER' }`).
// node-postgres turns them into PostgreSQL array literals; PGlite only knows how to for built-in
// element types, and sends an enum array ("PersonRole"[]) as a bare string, which PostgreSQL
// rejects as a malformed array literal. Handing PGlite the literal, as node-postgres would,
// makes both databases behave the same for every array type.
import type { PGlite, Transaction } from '@electric-sql/pglite';

export function arrayLiteral(values: readonly unknown[]): string {
  const element = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    // Prisma binds scalars (text, numbers, booleans, enum names) and dates as array elements.
    const scalar = v as string | number | boolean | bigint | Date;
    const text = scalar instanceof Date ? scalar.toISOString() : String(scalar);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  };
  return `{${values.map(element).join(',')}}`;
}

const fixParams = (params?: unknown[]) => params?.map((p) => (Array.isArray(p) ? arrayLiteral(p) : p));

function withQueryFix<T extends PGlite | Transaction>(target: T, wrapTransaction: boolean): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop === 'query')
        return (sql: string, params?: unknown[], options?: object) =>
          (t as PGlite).query(sql, fixParams(params), options);
      if (wrapTransaction && prop === 'transaction')
        return <R>(fn: (tx: Transaction) => Promise<R>) =>
          (t as PGlite).transaction((tx) => fn(withQueryFix(tx, false)));
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(t) : value;
    },
  });
}

/** The PGlite client as the Prisma adapter should see it. */
export function withArrayParameters(client: PGlite): PGlite {
  return withQueryFix(client, true);
}
