// Plans of recent reads are kept per Prisma client (packages/core/src/db.ts): a plan names its
// client's schema, so two clients in one process (tests, tenants: one schema each on PostgreSQL)
// never run each other's plans.
import { afterAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '@zhifa/server';
import { freshDatabaseTarget, type FreshDatabase } from '@zhifa/testkit';

const opened: { db: Database; fresh: FreshDatabase }[] = [];
afterAll(async () => {
  for (const { db, fresh } of opened) {
    await db.close();
    await fresh.drop();
  }
});

it('the same read on two databases answers from each', async () => {
  for (const name of ['甲县司法局', '乙县司法局']) {
    const fresh = await freshDatabaseTarget();
    const db = await openDatabase(fresh.target);
    opened.push({ db, fresh });
    await db.prisma.agency.create({ data: { name, kind: 'JUSTICE_BUREAU' } });
  }
  for (let round = 0; round < 3; round++) {
    const names = await Promise.all(
      opened.map(({ db }) =>
        db.prisma.agency.findMany({ orderBy: { id: 'asc' }, take: 5 }).then((rows) => rows.map((r) => r.name)),
      ),
    );
    expect(names).toEqual([['甲县司法局'], ['乙县司法局']]);
  }
});
