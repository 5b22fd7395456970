import { PrismaClient } from './generated/prisma/client.js';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export { PrismaClient, Prisma } from './generated/prisma/client.js';
export type * from './generated/prisma/client.js';

/** A transaction client or the root client: what a repository function may be handed. */
export type Db = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export function createPrisma(adapter: SqlDriverAdapterFactory, log?: (sql: string) => void): PrismaClient {
  const prisma = new PrismaClient({ adapter, log: log ? [{ emit: 'event', level: 'query' }] : [] });
  if (log) (prisma as any).$on('query', (e: { query: string }) => log(e.query));
  return prisma;
}
