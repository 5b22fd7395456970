// @zhifa/core/lists — reusable versioned, published lists (不予处罚/从轻/减轻/不予强制清单): a plugin
// defines its list kind with defineListKind and gets the lifecycle, CSV, access and topics.
export { defineListKind } from './lists/define-list-kind.js';
export type { ItemAttributeIssue, ListKindRefs } from './lists/spec.js';
export { listTopics } from './lists/topics.js';
export { canReadList } from './lists/access.js';
export { listAppliesToAgency, loadAgencyScope, loadAgencyScopes } from './lists/scope.js';
export { isInForce } from './lists/rules.js';
export {
  exportListCsv,
  fenToYuan,
  neutraliseCsvCell,
  parseListCsv,
  yuanToFen,
  type ListCsvColumn,
  type ListItemData,
} from './lists/csv.js';
