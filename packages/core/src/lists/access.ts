// Row rules for enforcement lists, in one place.
// Published and repealed versions are public: what was 向社会公布 stays public as history.
// Drafts are seen by the staff of the issuing agency and by supervisors. Changing a list needs an
// officer (or admin) of the issuing agency; publishing and repealing, the act of issuing or
// withdrawing the document, need the agency's admin.
import type { Prisma } from '../generated/prisma/client.js';
import type { ListStatus } from '../generated/prisma/enums.js';
import { isAgencyAdminOf, isOfficerOf, isSupervisor, type Viewer } from '../auth/viewer.js';
import { defineRowRule, rowsThrough } from '../auth/row-rules.js';

export const PUBLIC_LIST_STATUSES: ListStatus[] = ['PUBLISHED', 'REPEALED'];

/** Every list type's row rule (applied by the framework on every path that loads a list version). */
export const listRule = defineRowRule('EnforcementList', {
  where: (v): Prisma.EnforcementListWhereInput => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { OR: [{ status: { in: PUBLIC_LIST_STATUSES } }, { agencyId: v.agencyId }] };
    return { status: { in: PUBLIC_LIST_STATUSES } };
  },
  can: (v, l) => canReadList(v, l),
});

/** An item is read by whoever may read its list version. */
export const listItemRule = rowsThrough('ListItem', 'list', listRule);

export function canReadList(v: Viewer, l: { status: ListStatus; agencyId: number }): boolean {
  if (PUBLIC_LIST_STATUSES.includes(l.status) || isSupervisor(v)) return true;
  return v.kind === 'person' && v.agencyId === l.agencyId;
}

/** Draft, edit items, import, make a new version. */
export function canEditList(v: Viewer, l: { agencyId: number }): boolean {
  return isOfficerOf(v, l.agencyId);
}

/** Publish or repeal. */
export function canIssueList(v: Viewer, l: { agencyId: number }): boolean {
  return isAgencyAdminOf(v, l.agencyId);
}
