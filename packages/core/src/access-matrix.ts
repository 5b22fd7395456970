// @zhifa/core/access-matrix — the authorisation matrix: the table of who may call each root
// operation, and the fixtures its test builds (core's rows, the list machinery's rows).
export {
  defineAuthorisationMatrix,
  expectation,
  MATRIX_ROLES,
  mutationRow,
  queryRow,
  subscriptionRow,
  type AccessRow,
  type AuthorisationMatrix,
  type MatrixRole,
  type MatrixWorld,
} from './auth/matrix.js';
export { CORE_AUTHORISATION_MATRIX } from './auth/access-matrix.js';
export { listKindAccessRows, writeListMatrixFixtures } from './lists/access-matrix.js';
