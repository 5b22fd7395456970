// Row rules for this plugin's types, in one place: what a decision cited is read by whoever may read
// its case (core's caseRule), declared on the type and applied by the framework on every path.
import { caseRule, rowsThrough } from '@zhifa/core/auth';

export const basisRule = rowsThrough('FlexibleDecisionBasis', 'case', caseRule);
