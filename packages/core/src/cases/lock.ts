import type { Db } from '../db.js';
import type { EnforcementCase } from '../generated/prisma/client.js';
import { NotFoundError } from '../errors.js';

const CASE_WHAT = { zh: '案件', en: 'Case' };

/**
 * Read a case and lock its row until the transaction ends, so that two concurrent changes to one
 * case (two decisions, a decision and a measure) are applied one after the other, each seeing the
 * other's result, and guards read a state that cannot change under them.
 */
export async function lockCase(tx: Db, caseId: number): Promise<EnforcementCase> {
  await tx.$queryRaw`SELECT id FROM "EnforcementCase" WHERE id = ${caseId} FOR UPDATE`;
  const c = await tx.enforcementCase.findUnique({ where: { id: caseId } });
  if (!c) throw new NotFoundError('EnforcementCase', String(caseId), CASE_WHAT);
  return c;
}
