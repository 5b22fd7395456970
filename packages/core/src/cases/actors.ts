// Who acts on a case. Every case service asks here; nothing else decides it.
import type { Viewer } from '../auth/viewer.js';
import { canActOnCase } from '../auth/rows.js';
import { ForbiddenError } from '../errors.js';

/** Officers and admins of the case's agency act on it; a system admin may too. */
export function assertCanActOnCase(viewer: Viewer, c: { agencyId: number }): void {
  if (canActOnCase(viewer, c)) return;
  throw new ForbiddenError({ zh: '只有本案承办单位的执法人员可以办理此案', en: "Only officers of the case's agency may act on it" });
}
