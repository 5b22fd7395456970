// Importing matters from a CSV (matters/csv.ts) in one unit of work: rows are keyed by 事项编码 —
// a new code creates a draft, a known code replaces that matter's fields (a published one stays
// published, as with updateMatter), an identical row changes nothing. All or nothing: the file is
// parsed and every row checked first; a row the caller may not maintain (another domain, or a
// known matter of another domain) refuses the whole import, naming every such line.
import { ForbiddenError } from '../errors.js';
import { canMaintainMatter } from '../auth/rows.js';
import type { UnitOfWork } from '../work/unit-of-work.js';
import type { MatterRow } from './csv.js';
import { changedFields, createMatterInTx, fieldsOf, updateMatterInTx } from './service.js';

export interface MatterImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export async function importMattersInTx(uow: UnitOfWork, rows: readonly MatterRow[], domains: readonly string[]): Promise<MatterImportResult> {
  const existing = new Map(
    (await uow.tx.enforcementMatter.findMany({ where: { code: { in: rows.map((r) => r.fields.code) } } })).map((m) => [m.code, m]),
  );
  const refused = rows.filter((r) => {
    const before = existing.get(r.fields.code);
    return !canMaintainMatter(uow.viewer, r.fields.domain, domains) || (before !== undefined && !canMaintainMatter(uow.viewer, before.domain, domains));
  });
  if (refused.length) {
    const lines = refused.map((r) => r.line).join('、');
    throw new ForbiddenError({
      zh: `无权维护以下行的执法事项（监管领域不属本单位：${domains.join('、') || '无'}）：第 ${lines} 行；未导入任何数据`,
      en: `Not allowed to maintain the matters on line(s) ${refused.map((r) => r.line).join(', ')} (not of your agency's domains: ${domains.join(', ') || 'none'}); nothing was imported`,
    });
  }
  const result: MatterImportResult = { created: 0, updated: 0, unchanged: 0 };
  for (const { line, fields } of rows) {
    const before = existing.get(fields.code);
    const codePath = ['csv', line, '事项编码'];
    if (!before) {
      await createMatterInTx(uow, fields, domains, 'csv', codePath);
      result.created++;
    } else if (changedFields(fieldsOf(before), fields).length === 0) result.unchanged++;
    else {
      await updateMatterInTx(uow, before.id, fields, domains, 'csv', codePath);
      result.updated++;
    }
  }
  return result;
}
