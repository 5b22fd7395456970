import { PrismaClient } from './generated/prisma/client.js';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export { PrismaClient, Prisma } from './generated/prisma/client.js';
export type * from './generated/prisma/client.js';

/** A transaction client or the root client: what a repository function may be handed. */
export type Db = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export function createPrisma(adapter: SqlDriverAdapterFactory, log?: (sql: string) => void): PrismaClient {
  const prisma = new PrismaClient({ adapter, log: log ? [{ emit: 'event', level: 'query' }] : [] });
  // $on('query') is typed only for a client whose log levels are known at compile time; these are chosen at run time.
  if (log) (prisma as unknown as { $on(ev: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => log(e.query));
  // Pothos hands resolvers `select: {}` when a client selects only `__typename` of a mutation's
  // result; Prisma rejects an empty select. Selecting nothing means "just the row" here.
  return prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          const a = args as { select?: object };
          if (a && a.select && Object.keys(a.select).length === 0) delete a.select;
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient; // $extends returns a structurally different client type; the extension only drops an empty select
}
