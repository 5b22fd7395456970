// Core's entry points (packages/core/package.json "exports"): one per concern, each an explicit list
// of what code outside core imports, and every import in the tree at the entry that holds its name.
// The codemod that keeps it so (scripts/codemods/core-entries.ts) is tested here on made-up files.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, planFile, readEntries, ROOT } from '../../scripts/codemods/core-entries.js';

const entries = readEntries();
const report = analyse(entries);
const fake = path.join(ROOT, 'plugins/example/src/fake.ts');

describe("core's entry points", () => {
  it('are the ones the plugin-author guide names, the contract first', () => {
    expect(entries.map((e) => e.spec)).toEqual([
      '@zhifa/core',
      '@zhifa/core/auth',
      '@zhifa/core/cases',
      '@zhifa/core/events',
      '@zhifa/core/input',
      '@zhifa/core/lists',
      '@zhifa/core/prisma',
      '@zhifa/core/rules',
      '@zhifa/core/time',
    ]);
  });

  it('name each export (only the generated Prisma client is re-exported whole)', () => {
    expect(report.stars).toEqual([]);
    const prisma = entries.find((e) => e.spec === '@zhifa/core/prisma')!;
    expect(prisma.exports.get('PrismaClient')?.star).toBe(true);
    expect(prisma.exports.get('createPrisma')?.star).toBe(false);
  });

  it('give every name one home, and find each in the module they name', () => {
    expect(report.duplicates).toEqual([]);
    expect(report.stale).toEqual([]);
  });

  it('export nothing that no code outside core imports', () => {
    expect(report.unused).toEqual([]);
  });

  it('hold every name imported from them, each import already at its entry (the codemod has nothing to do)', () => {
    expect([...report.unplaced.keys()]).toEqual([]);
    expect(report.plans.filter((p) => p.text !== null).map((p) => path.relative(ROOT, p.file))).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.plans.length).toBeGreaterThan(100);
  });

  it('are never imported by core itself (it imports its modules by relative path)', () => {
    expect(report.selfImports).toEqual([]);
  });
});

describe('the codemod (scripts/codemods/core-entries.ts)', () => {
  it('moves each name to its entry, merges duplicates, keeps type-only imports type-only', () => {
    const text = [
      '// header',
      "import { shanghaiToday, unitOfWork, type Viewer } from '@zhifa/core';",
      "import type { PrismaClient, ZhifaPlugin } from '@zhifa/core';",
      "import { z } from 'zod';",
      "import { shanghaiYear as year, lockCase } from '@zhifa/core/lists';",
      "export { fenToYuan, addDays } from '@zhifa/core/lists';",
      'export const x = 1;',
      '',
    ].join('\n');
    const plan = planFile(entries, fake, text);
    expect(plan.unplaced).toEqual([]);
    expect(plan.text).toBe(
      [
        '// header',
        "import { unitOfWork, type ZhifaPlugin } from '@zhifa/core';",
        "import type { Viewer } from '@zhifa/core/auth';",
        "import { lockCase } from '@zhifa/core/cases';",
        "import type { PrismaClient } from '@zhifa/core/prisma';",
        "import { shanghaiToday, shanghaiYear as year } from '@zhifa/core/time';",
        "import { z } from 'zod';",
        "export { fenToYuan } from '@zhifa/core/lists';",
        "export { addDays } from '@zhifa/core/time';",
        'export const x = 1;',
        '',
      ].join('\n'),
    );
    // Run again on its own output: nothing left to do.
    expect(planFile(entries, fake, plan.text!).text).toBeNull();
  });

  it('merges two imports from one entry, a value import covering a type import of the same name', () => {
    const text = "import { parseId } from '@zhifa/core';\nimport { type parseId, msg } from '@zhifa/core';\n";
    expect(planFile(entries, fake, text).text).toBe("import { msg, parseId } from '@zhifa/core';\n");
  });

  it('reports a name no entry exports, with where core declares it and the entry it belongs in, and leaves it', () => {
    const text =
      "import { caseActors, unitOfWork } from '@zhifa/core';\nimport { toItemData } from '@zhifa/core/lists';\n";
    const plan = planFile(entries, fake, text);
    expect(plan.text).toBeNull();
    expect(plan.unplaced.map((u) => [u.name, u.spec])).toEqual([
      ['caseActors', '@zhifa/core'],
      ['toItemData', '@zhifa/core/lists'],
    ]);
    const r = analyse(entries, [[fake, text]]);
    expect(r.unplaced.get('caseActors')).toMatchObject({
      declared: [{ file: path.join(ROOT, 'packages/core/src/cases/actors.ts'), typeOnly: false }],
      home: '@zhifa/core/cases',
    });
    expect(r.unplaced.get('toItemData')).toMatchObject({
      declared: [{ file: path.join(ROOT, 'packages/core/src/lists/nodes.ts') }],
      home: '@zhifa/core/lists',
    });
  });

  it('says what it cannot rewrite', () => {
    const text = "import * as core from '@zhifa/core';\nconst lists = await import('@zhifa/core/lists');\n";
    expect(planFile(entries, fake, text).findings.map((f) => f.what)).toEqual([
      "cannot rewrite: import * as core from '@zhifa/core';",
      "cannot rewrite: import('@zhifa/core/lists')",
    ]);
  });
});
