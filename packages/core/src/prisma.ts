// @zhifa/core/prisma — the database: the generated Prisma client (PrismaClient, the Prisma
// namespace, model types and enums) and the client factory.
export * from './generated/prisma/client.js';
export { createPrisma, prismaDatamodel, type Db } from './db.js';
