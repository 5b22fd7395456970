import type { AgencyKind, PersonRole } from '../generated/prisma/enums.js';

/** Who is calling. Resolved once per request (HTTP) or per connection (WebSocket) from a token or API key. */
export type Viewer =
  | { kind: 'public' }
  | { kind: 'person'; personId: number; name: string; agencyId: number; agencyKind: AgencyKind; roles: PersonRole[] }
  | { kind: 'enterprise'; enterpriseId: number; name: string }
  | { kind: 'surveyOrg'; agencyId: number; apiKeyId: number; name: string }
  /** The platform itself (demo data, command-line maintenance); never the viewer of a request. */
  | { kind: 'system'; name: string };

export const PUBLIC_VIEWER: Viewer = { kind: 'public' };

const SUPERVISING_AGENCIES: AgencyKind[] = ['JUSTICE_BUREAU', 'JUSTICE_OFFICE'];

export function isSystemAdmin(v: Viewer): boolean {
  return v.kind === 'person' && v.roles.includes('SYSTEM_ADMIN');
}

/** County justice bureau supervision (行政执法协调监督): reads everything. */
export function isSupervisor(v: Viewer): boolean {
  return (
    isSystemAdmin(v) ||
    (v.kind === 'person' && v.roles.includes('SUPERVISOR') && SUPERVISING_AGENCIES.includes(v.agencyKind))
  );
}

/**
 * The county justice bureau itself (县司法局): a SUPERVISOR of a JUSTICE_BUREAU agency — not of a 司法所,
 * which supervises a township but designates no one. It issues enforcement certificates (county plan
 * task 3) and designates heads, legal reviewers and supervisors (rules/roles.ts).
 */
export function isJusticeBureau(v: Viewer): boolean {
  return v.kind === 'person' && v.roles.includes('SUPERVISOR') && v.agencyKind === 'JUSTICE_BUREAU';
}

/**
 * May act as an officer of the agency: its officers and agency admins, and a system admin. Every
 * "officers of the agency" rule (cases, lists, evaluations, the officerOf scope) goes through this
 * one function, so system admins are treated the same everywhere.
 */
export function isOfficerOf(v: Viewer, agencyId: number): boolean {
  return (
    isSystemAdmin(v) ||
    (v.kind === 'person' &&
      v.agencyId === agencyId &&
      (v.roles.includes('OFFICER') || v.roles.includes('AGENCY_ADMIN')))
  );
}

export function isAgencyAdminOf(v: Viewer, agencyId: number): boolean {
  return isSystemAdmin(v) || (v.kind === 'person' && v.agencyId === agencyId && v.roles.includes('AGENCY_ADMIN'));
}

/** 行政机关负责人 (行政处罚法 第57条, 行政强制法 第18条): the head of the agency; a system admin too. */
export function isAgencyHeadOf(v: Viewer, agencyId: number): boolean {
  return isSystemAdmin(v) || (v.kind === 'person' && v.agencyId === agencyId && v.roles.includes('AGENCY_HEAD'));
}

/** 法制审核人员 (行政处罚法 第58条) of the agency, or a system admin. */
export function isLegalReviewerOf(v: Viewer, agencyId: number): boolean {
  return isSystemAdmin(v) || (v.kind === 'person' && v.agencyId === agencyId && v.roles.includes('LEGAL_REVIEWER'));
}

/**
 * Takes part in the agency's cases in some role — officer, agency admin, legal reviewer, agency head —
 * or is a system admin, or the platform itself (demo data, maintenance; never a request's viewer). The
 * coarse check; who does what on one case is `canActOnCase` (auth/rows.ts).
 */
export function isCaseStaffOf(v: Viewer, agencyId: number): boolean {
  return (
    v.kind === 'system' || isOfficerOf(v, agencyId) || isAgencyHeadOf(v, agencyId) || isLegalReviewerOf(v, agencyId)
  );
}

export function isStaff(v: Viewer): boolean {
  return v.kind === 'person';
}

/** A short, stable description of the actor, written into the event log. */
export function actorOf(v: Viewer): string {
  switch (v.kind) {
    case 'public':
      return 'public';
    case 'person':
      return `person:${v.personId}`;
    case 'enterprise':
      return `enterprise:${v.enterpriseId}`;
    case 'surveyOrg':
      return `apikey:${v.apiKeyId}`;
    case 'system':
      return `system:${v.name}`;
  }
}
