// Row rules for this plugin's types, in one place. A no-penalty decision is read by whoever may
// read its case (core's caseRule), declared on the type (`rowRule: decisionRule`) and applied by
// the framework on every path; evaluating an item against a case is for the officers of the
// case's agency and supervisors.
import { caseRule, isOfficerOf, isSupervisor, rowsThrough, type Viewer } from '@zhifa/core/auth';

export const decisionRule = rowsThrough('NonPenaltyDecision', 'case', caseRule);

export function canEvaluate(v: Viewer, c: { agencyId: number }): boolean {
  return isOfficerOf(v, c.agencyId) || isSupervisor(v);
}
