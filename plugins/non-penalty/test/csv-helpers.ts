// The core CSV functions bound to the non-penalty columns, for tests.
import { ValidationError, type FieldIssue } from '@zhifa/core';
import { exportListCsv as exportCsv, parseListCsv as parseCsv, type ListItemData } from '@zhifa/core/lists';
import { nonPenaltyAttributes, nonPenaltyCsvColumns } from '../src/attributes.js';
export { fenToYuan, yuanToFen } from '@zhifa/core/lists';

const spec = { columns: nonPenaltyCsvColumns, attributes: nonPenaltyAttributes };

export const parseListCsv = (input: string | Uint8Array, opts: { defaultDomain: string }) =>
  parseCsv(input, spec, opts);
export const exportListCsv = (items: ListItemData[]) => exportCsv(items, spec);

export function ValidationErrorIssues(fn: () => unknown): FieldIssue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError');
}
