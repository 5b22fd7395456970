// The warning module's entry points, called by the services that record a visit or a filing, inside their
// transaction and after they took the enterprise's lock (enterprise-lock.ts). The warnings slice owns the
// rules (rules/warning-rules.ts) and fills these in; until then no warning is raised.
import type { UnitOfWork } from '@zhifa/core';

/** Judge a visit just written (its officers and items too) and raise what it trips; returns the warning ids. */
export function raiseVisitWarningsInTx(_uow: UnitOfWork, _visitId: number): Promise<number[]> {
  return Promise.resolve([]);
}

/** Judge a filing just written (or merged); returns the warning ids raised. */
export function raiseFilingWarningsInTx(_uow: UnitOfWork, _filingId: number): Promise<number[]> {
  return Promise.resolve([]);
}
