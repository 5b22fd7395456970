// Importing matters from a CSV (matters/csv.ts) in one unit of work: rows are keyed by 事项编码 —
// a new code creates a draft, a known code replaces that matter's fields (a published one stays
// published, as with updateMatter), an identical row changes nothing. All or nothing: the file is
// parsed and every row checked first (matters/csv.ts runs the matter rules on each row); a row the
// caller may not maintain (another domain, or a known matter of another domain) refuses the whole
// import, naming every such line.
//
// A county catalogue has hundreds to two thousand rows, so the import writes in bulk: one
// statement for all new matters, one update per changed matter, and one `matter.imported` event
// listing every matter created or changed (the audit trail); each changed published matter also
// gets its public `matter.updated`, as a form edit would.
import { Prisma } from '../generated/prisma/client.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { canMaintainMatter } from '../auth/rows.js';
import { CORE_TOPICS } from '../topics.js';
import type { UnitOfWork } from '../work/unit-of-work.js';
import type { MatterRow } from './csv.js';
import { changedMatterFields, matterFieldsOf, matterColumns, refuseIncoherentMatter } from './service.js';

export interface MatterImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export async function importMattersInTx(
  uow: UnitOfWork,
  rows: readonly MatterRow[],
  domains: readonly string[],
): Promise<MatterImportResult> {
  const { tx, viewer } = uow;
  const codes = rows.map((r) => r.fields.code);
  // Lock the known matters first: a concurrent edit of one of them waits for this import (or the reverse).
  await tx.$queryRaw`SELECT id FROM "EnforcementMatter" WHERE code IN (${Prisma.join(codes)}) FOR UPDATE`;
  const existing = new Map(
    (await tx.enforcementMatter.findMany({ where: { code: { in: codes } } })).map((m) => [m.code, m]),
  );

  const refused = rows.filter((r) => {
    const before = existing.get(r.fields.code);
    return (
      !canMaintainMatter(viewer, r.fields.domain, domains) ||
      (before !== undefined && !canMaintainMatter(viewer, before.domain, domains))
    );
  });
  if (refused.length) {
    const lines = refused.map((r) => r.line);
    throw new ForbiddenError({
      zh: `无权维护第 ${lines.join('、')} 行的执法事项（监管领域不属本单位：${domains.join('、') || '无'}）；未导入任何数据`,
      en: `Not allowed to maintain the matters on line(s) ${lines.join(', ')} (not of your agency's domains: ${domains.join(', ') || 'none'}); nothing was imported`,
    });
  }
  // Already checked row by row when parsed; kept here so that no path writes an incoherent matter.
  for (const r of rows) refuseIncoherentMatter(r.fields);

  const fresh = rows.filter((r) => !existing.has(r.fields.code));
  const created = fresh.length
    ? await tx.enforcementMatter
        .createManyAndReturn({ data: fresh.map((r) => matterColumns(r.fields)), select: { id: true, code: true } })
        .catch((err) => {
          // Another import or createMatter took one of these codes meanwhile.
          if ((err as { code?: string }).code === 'P2002')
            throw ValidationError.one(['csv'], {
              zh: '导入期间有事项编码被占用，请重新导入',
              en: 'a matter code was taken while importing; import again',
            });
          throw err;
        })
    : [];
  const updated: { matterId: number; code: string; changed: string[] }[] = [];
  let unchanged = 0;
  for (const { fields } of rows) {
    const before = existing.get(fields.code);
    if (!before) continue;
    const changed = changedMatterFields(matterFieldsOf(before), fields);
    if (!changed.length) {
      unchanged++;
      continue;
    }
    const m = await tx.enforcementMatter.update({ where: { id: before.id }, data: matterColumns(fields) });
    updated.push({ matterId: m.id, code: m.code, changed });
    if (m.published)
      await uow.emit(
        CORE_TOPICS.matterUpdated,
        { matterId: m.id, code: m.code, name: m.name, domain: m.domain, published: true, via: 'csv', changed },
        { agencyId: viewer.kind === 'person' ? viewer.agencyId : null, public: true },
      );
  }
  if (created.length || updated.length)
    await uow.emit(
      CORE_TOPICS.mattersImported,
      { created: created.map((m) => ({ matterId: m.id, code: m.code })), updated, unchanged },
      { agencyId: viewer.kind === 'person' ? viewer.agencyId : null },
    );
  return { created: created.length, updated: updated.length, unchanged };
}
