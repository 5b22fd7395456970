// The committed migrations build exactly the datamodel in schema/prisma. Branches author their
// migrations apart (each against the tree it started from), so after a merge the migrations may
// leave out a change, or repeat one; this is the same diff `pnpm db:migrate` writes from, and it
// must be empty.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const prismaCli = createRequire(path.join(ROOT, 'package.json')).resolve('prisma/build/index.js');

describe('migrations', () => {
  it('replayed in order, equal the datamodel (nothing left to migrate)', () => {
    const sql = execFileSync(
      process.execPath,
      [
        prismaCli,
        'migrate',
        'diff',
        '--from-migrations',
        'schema/migrations',
        '--to-schema-datamodel',
        'schema/prisma',
        '--script',
      ],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(sql).not.toMatch(/^\s*(CREATE|ALTER|DROP|COMMENT)/m);
    expect(sql).toMatch(/empty migration/);
  }, 120_000);
});
