// Reusable versioned, published lists (不予处罚/从轻/减轻/不予强制清单). Import as '@zhifa/core/lists'.
export * from './rules.js';
export * from './csv.js';
export * from './access.js';
export * from './scope.js';
export * from './kinds.js';
export * from './spec.js';
export * from './topics.js';
export { toItemData, violationSearch } from './nodes.js';
export * from './define-list-kind.js';
