// Row rules for this plugin's types, in one place. A no-penalty decision is read by whoever may
// read its case (core's caseFilter/canReadCase); evaluating an item against a case is for the
// officers of the case's agency and supervisors.
import { canReadCase, caseFilter, isOfficerOf, isSupervisor, type Viewer } from '@zhifa/core/auth';
import type { Prisma } from '@zhifa/core/prisma';

export function decisionFilter(v: Viewer): Prisma.NonPenaltyDecisionWhereInput {
  const cases = caseFilter(v);
  return cases === null ? { id: { in: [] } } : { case: cases };
}

export function canReadDecision(v: Viewer, d: { agencyId: number; enterpriseId: number | null }): boolean {
  return canReadCase(v, d);
}

export function canEvaluate(v: Viewer, c: { agencyId: number }): boolean {
  return isOfficerOf(v, c.agencyId) || isSupervisor(v);
}
