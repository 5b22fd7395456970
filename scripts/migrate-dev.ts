// `pnpm db:migrate <name>`: author a migration from the change in schema/prisma.
// Why not `prisma migrate dev`: with a driver adapter, Prisma 6.19's WASM schema engine fails in
// its data-loss check once migrations exist ("PostgreSQL shadow DB must be provided through an
// external factory"). `prisma migrate diff --from-migrations` replays the committed migrations on
// the adapter's in-memory shadow PGlite and diffs against the datamodel: the same SQL migrate dev
// would write. No live data dir is ever opened.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('用法 / usage: pnpm db:migrate <name>   (lower-case letters, digits and _)');
  process.exit(2);
}
const sql = execFileSync(
  'npx',
  [
    'prisma',
    'migrate',
    'diff',
    '--from-migrations',
    'schema/migrations',
    '--to-schema-datamodel',
    'schema/prisma',
    '--script',
  ],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
if (!/^\s*(CREATE|ALTER|DROP|COMMENT)/m.test(sql)) {
  console.log('没有变化，未生成迁移 / no schema change: nothing to migrate');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join('schema', 'migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), sql);
console.log(`wrote ${dir}/migration.sql — review it, run the tests, commit it`);
