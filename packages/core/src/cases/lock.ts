import type { Db } from '../db.js';
import type { EnforcementCase } from '../generated/prisma/client.js';
import { NotFoundError } from '../errors.js';

const CASE_WHAT = { zh: '案件', en: 'Case' };

/** The one answer for a case that does not exist — or that the caller may not see (schema/case-scopes.ts). */
export function caseNotFound(caseId: number): NotFoundError {
  return new NotFoundError('EnforcementCase', String(caseId), CASE_WHAT);
}

/**
 * Read a case and lock its row until the transaction ends, so that two concurrent changes to one
 * case (two decisions, a decision and a measure) are applied one after the other, each seeing the
 * other's result, and guards read a state that cannot change under them.
 * One statement: every round trip inside a write keeps its locks held that much longer. The raw
 * row has the model's shape (test/core/case-lock.test.ts compares it with findUnique's).
 */
export async function lockCase(tx: Db, caseId: number): Promise<EnforcementCase> {
  const [c] = await tx.$queryRaw<EnforcementCase[]>`SELECT * FROM "EnforcementCase" WHERE id = ${caseId} FOR UPDATE`;
  if (!c) throw caseNotFound(caseId);
  return c;
}
