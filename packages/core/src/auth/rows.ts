// Row rules: who sees which rows. One place per type; resolvers and connections call these,
// never re-derive them.
import type { Prisma } from '../generated/prisma/client.js';
import { isOfficerOf, isStaff, isSupervisor, type Viewer } from './viewer.js';

/** Prisma filter for the cases a viewer may read, or null when they may read none. */
export function caseFilter(v: Viewer): Prisma.EnforcementCaseWhereInput | null {
  if (isSupervisor(v)) return {};
  if (v.kind === 'person') return { agencyId: v.agencyId };
  if (v.kind === 'enterprise') return { enterpriseId: v.enterpriseId };
  return null;
}

export function canReadCase(v: Viewer, c: { agencyId: number; enterpriseId: number | null }): boolean {
  if (isSupervisor(v)) return true;
  if (v.kind === 'person') return v.agencyId === c.agencyId;
  if (v.kind === 'enterprise') return v.enterpriseId === c.enterpriseId;
  return false;
}

export function canActOnCase(v: Viewer, c: { agencyId: number }): boolean {
  return isOfficerOf(v, c.agencyId);
}

/** Enterprises' details need a token; an enterprise user sees only their own. */
export function enterpriseFilter(v: Viewer): Prisma.EnterpriseWhereInput | null {
  if (isStaff(v)) return {};
  if (v.kind === 'enterprise') return { id: v.enterpriseId };
  return null;
}

export function canReadEnterprise(v: Viewer, e: { id: number }): boolean {
  if (isStaff(v)) return true;
  return v.kind === 'enterprise' && v.enterpriseId === e.id;
}

/** People (names, certificates) are visible to agency staff; the public and enterprises need not browse them. */
export function canReadPeople(v: Viewer): boolean {
  return isStaff(v);
}
