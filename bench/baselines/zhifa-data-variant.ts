// Not a baseline of the issue: a measuring instrument for where the flat list's time goes. The
// Zhifa app (createApp, production settings, every plugin) on PostgreSQL, with `agency.findMany`
// answered one of three ways — `prisma` (as in production), `pg` (the same columns and page through
// a plain `pg` pool: what a hand-tuned SQL path would cost) or `none` (the page from memory: the
// GraphQL side alone). Everything else goes to the real client. Run by bench/flat-breakdown.ts.
import pg from 'pg';
import { createApp, openDatabase } from '@zhifa/server';
import { INSTALLED_PLUGINS } from '../../packages/server/src/plugins.js';
import { BENCH_SECRET } from '../lib/servers.js';

const variant = process.argv[2] as 'prisma' | 'pg' | 'none';
const url = process.env.BENCH_DATABASE_URL!;
const db = await openDatabase({ kind: 'postgres', url });
const pool = new pg.Pool({ connectionString: url, max: 10 });
const columns = (select: Record<string, unknown>) =>
  Object.keys(select)
    .filter((k) => select[k] === true)
    .map((k) => `"${k}"`);
let memory: unknown[] | null = null;

type FindMany = (args: { select: Record<string, unknown>; take?: number }) => Promise<unknown[]>;
const agency = db.prisma.agency;
const findMany: FindMany = async (args) => {
  if (variant === 'pg')
    return (
      await pool.query(`SELECT ${columns(args.select).join(', ')} FROM "Agency" ORDER BY id LIMIT $1`, [
        args.take ?? 21,
      ])
    ).rows;
  return (memory ??= (await agency.findMany(args)) as unknown[]);
};
const prisma =
  variant === 'prisma'
    ? db.prisma
    : new Proxy(db.prisma, {
        get: (target, key, receiver) =>
          key === 'agency'
            ? new Proxy(agency, { get: (a, k) => (k === 'findMany' ? findMany : Reflect.get(a, k)) })
            : Reflect.get(target, key, receiver),
      });
const app = await createApp({
  db: { ...db, prisma },
  plugins: INSTALLED_PLUGINS,
  jwtSecret: BENCH_SECRET,
  production: true,
});
console.log(`listening ${await app.listen(0)}`);
process.on('SIGTERM', () => {
  void (async () => {
    await app.close();
    await pool.end();
    await db.close();
    process.exit(0);
  })();
});
