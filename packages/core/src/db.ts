import { PrismaClient } from './generated/prisma/client.js';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export { PrismaClient, Prisma } from './generated/prisma/client.js';
/** Every model's fields (kind, type, list): what the database layer's plan cache reads (server/src/prisma-plans.ts). */
export { getDatamodel as prismaDatamodel } from './generated/pothos-types.js';
export type * from './generated/prisma/client.js';

/** A transaction client or the root client: what a repository function may be handed. */
export type Db = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

const RELATION_LOAD_STRATEGY = process.env.ZHIFA_RELATION_LOAD_STRATEGY === 'query' ? 'query' : undefined;

export function createPrisma(adapter: SqlDriverAdapterFactory, log?: (sql: string) => void): PrismaClient {
  const prisma = new PrismaClient({ adapter, log: log ? [{ emit: 'event', level: 'query' }] : [] });
  // $on('query') is typed only for a client whose log levels are known at compile time; these are chosen at run time.
  if (log)
    (prisma as unknown as { $on(ev: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) =>
      log(e.query),
    );
  // Pothos hands resolvers `select: {}` when a client selects only `__typename` of a mutation's
  // result; Prisma rejects an empty select. Selecting nothing means "just the row" here.
  return prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ operation, args, query }) {
          const a = args as { select?: object; relationLoadStrategy?: string };
          if (a && a.select && Object.keys(a.select).length === 0) delete a.select;
          // Relation joins (one statement per request) are the default; ZHIFA_RELATION_LOAD_STRATEGY=query
          // goes back to one batched statement per relation, for measuring one against the other.
          if (RELATION_LOAD_STRATEGY && a && operation.startsWith('find') && a.relationLoadStrategy === undefined)
            a.relationLoadStrategy = RELATION_LOAD_STRATEGY;
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient; // $extends returns a structurally different client type; the extension only drops an empty select
}
