// Row rules of core's types: who sees which rows, declared once per type (row-rules.ts) and
// applied by the framework on every path that loads the type (row-rules-plugin.ts). Resolvers do
// not repeat them; code that reads rows for another purpose (an aggregate, a check) uses
// `rule.where(viewer)`, where null means no rows.
import type { Prisma } from '../generated/prisma/client.js';
import type { CaseProcedure } from '../generated/prisma/enums.js';
import { defineRowRule, publicRows, rowsThrough } from './row-rules.js';
import { ForbiddenError } from '../errors.js';
import {
  actorOf,
  isAgencyAdminOf,
  isAgencyHeadOf,
  isJusticeBureau,
  isLegalReviewerOf,
  isStaff,
  isSupervisor,
  isSystemAdmin,
  type Viewer,
} from './viewer.js';

/**
 * The survey organisation's API keys: the county justice bureau's supervisors, who commission the
 * survey (county plan task 13), and system admins see all; a survey organisation's key its own
 * organisation's; nobody else any. The hash is never a field, whoever reads.
 */
export const apiKeyRule = defineRowRule('ApiKey', {
  where: (v): Prisma.ApiKeyWhereInput | null => {
    if (mayManageApiKeys(v)) return {};
    if (v.kind === 'surveyOrg') return { agencyId: v.agencyId };
    return null;
  },
  can: (v, k) => mayManageApiKeys(v) || (v.kind === 'surveyOrg' && v.agencyId === k.agencyId),
});

/** Issues, lists and revokes API keys: the county justice bureau (a supervisor of it) or a system admin — never a key. */
export function mayManageApiKeys(v: Viewer): boolean {
  return isJusticeBureau(v) || isSystemAdmin(v);
}

/** Enforcement cases: supervisors all; a person their agency's; an enterprise user its own; no one else. */
export const caseRule = defineRowRule('EnforcementCase', {
  where: (v): Prisma.EnforcementCaseWhereInput | null => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { agencyId: v.agencyId };
    if (v.kind === 'enterprise') return { enterpriseId: v.enterpriseId };
    return null;
  },
  can: (v, c) => canReadCase(v, c),
});

export function canReadCase(v: Viewer, c: { agencyId: number; enterpriseId: number | null }): boolean {
  if (isSupervisor(v)) return true;
  if (v.kind === 'person') return v.agencyId === c.agencyId;
  if (v.kind === 'enterprise') return v.enterpriseId === c.enterpriseId;
  return false;
}

/** What belongs to a case is read by whoever may read the case. */
export const caseOfficerRule = rowsThrough('CaseOfficer', 'case', caseRule);
export const casePenaltyRule = rowsThrough('CasePenalty', 'case', caseRule);
export const caseStepRule = rowsThrough('CaseStep', 'case', caseRule);
export const compulsoryMeasureRule = rowsThrough('CompulsoryMeasure', 'case', caseRule);

/** Agencies are public (行政执法主体 are published by the county). */
export const agencyRule = publicRows('Agency');

/**
 * What someone does on one case (行政处罚法; the "who acts"):
 * - `act`: the case's own steps — investigate, notify, record statements, hearings and service, take
 *   measures, advance the stage: the officers assigned to the case (第42条: 两名以上执法人员).
 * - `assign`: change the assigned officers: those officers, the agency head or the agency admin, or —
 *   while no one is assigned — the officer who registered the case.
 * - `review`: 法制审核 (第58条): the agency's legal reviewers (independence from the case is a rule,
 *   CASE_REVIEWER_NOT_INDEPENDENT, checked by the review itself).
 * - `head`: collective discussion (第57条第2款), deadline extensions (第60条), approving compulsory
 *   measures (行政强制法 第18条): the agency head.
 * - `decide`: a general-procedure case the agency head (第57条); a simple-procedure case an assigned
 *   officer, on the spot (第51条).
 * A system admin may do everything (maintenance), and so may the platform itself (the `system`
 * viewer: demo data, command-line maintenance). Supervisors read; they never act.
 */
export type CaseAction = 'act' | 'assign' | 'review' | 'head' | 'decide';

/** What who-acts needs to know about a case. */
export interface CaseActors {
  agencyId: number;
  procedure: CaseProcedure;
  /** Actor id (`person:12`) of who registered it. */
  registeredBy: string | null;
  /** Person ids of the assigned officers. */
  officerIds: readonly number[];
}

export function canActOnCase(v: Viewer, c: CaseActors, action: CaseAction): boolean {
  // The platform itself (demo data, maintenance; never the viewer of a request) acts like a system admin.
  if (isSystemAdmin(v) || v.kind === 'system') return true;
  if (v.kind !== 'person' || v.agencyId !== c.agencyId) return false;
  const assigned = c.officerIds.includes(v.personId);
  switch (action) {
    case 'act':
      return assigned;
    case 'assign':
      return (
        assigned ||
        isAgencyHeadOf(v, c.agencyId) ||
        isAgencyAdminOf(v, c.agencyId) ||
        (c.officerIds.length === 0 && c.registeredBy !== null && c.registeredBy === actorOf(v))
      );
    case 'review':
      return isLegalReviewerOf(v, c.agencyId);
    case 'head':
      return isAgencyHeadOf(v, c.agencyId);
    case 'decide':
      return c.procedure === 'SIMPLE' ? assigned : isAgencyHeadOf(v, c.agencyId);
  }
}

/** Enterprises' details need a token; an enterprise user sees only their own. */
export const enterpriseRule = defineRowRule('Enterprise', {
  where: (v): Prisma.EnterpriseWhereInput | null => {
    if (isStaff(v)) return {};
    if (v.kind === 'enterprise') return { id: v.enterpriseId };
    return null;
  },
  can: (v, e) => canReadEnterprise(v, e),
});

export function canReadEnterprise(v: Viewer, e: { id: number }): boolean {
  if (isStaff(v)) return true;
  return v.kind === 'enterprise' && v.enterpriseId === e.id;
}

/**
 * People. Staff (a person of any agency) see everyone and the whole record: names and certificate
 * details are what officers show on duty (亮证执法) and what the county publishes (执法人员公示), so a
 * wall between agencies would protect nothing.
 *
 * An enterprise user sees the officers assigned to its own cases, and of them only the name and
 * the certificate number — what an officer must show the party anyway (行政处罚法 第55条: 执法人员
 * 在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件). Not their roles, agency, certificate
 * status or dates, nor anyone else.
 *
 * The public and the survey organisation see no one: the county publishes its officer lists by its
 * own act, not through this API.
 *
 * No pure check: whether an enterprise user may see a person depends on case assignments, so a
 * person reached through a to-one relation is checked in the database, or the relation says why
 * it needs no check (CaseOfficer.person: the officers of a case the viewer may read).
 */
export const personRule = defineRowRule('Person', {
  where: (v): Prisma.PersonWhereInput | null => {
    if (canReadPersonRecord(v)) return {};
    if (v.kind === 'enterprise') return { caseAssignments: { some: { case: { enterpriseId: v.enterpriseId } } } };
    return null;
  },
});

/** The whole person record (roles, agency, certificate status and dates, `canEnforce`): staff only. See personRule. */
export function canReadPersonRecord(v: Viewer): boolean {
  return isStaff(v);
}

/**
 * Actor ids (`person:12`, `apikey:3`, written into events and into `recordedBy`, `decidedBy`,
 * `usccOverrideBy`) name internal accounts: staff see them. Everyone else — the public, enterprise
 * users, the survey organisation — never sees who: `Event.actor` is null for them and the other
 * fields show only what kind of actor it was (actorLabel).
 */
export function canSeeActorIds(v: Viewer): boolean {
  return isStaff(v);
}

const ACTOR_LABELS: Record<string, string> = {
  person: '工作人员 agency staff',
  enterprise: '企业用户 enterprise user',
  apikey: '第三方调查机构 survey organisation',
  system: '系统 system',
  public: '公众 public',
};

/** A stored actor id as the viewer may see it: itself for staff, its kind only for everyone else. */
export function actorShownTo(v: Viewer, actor: string): string {
  if (canSeeActorIds(v)) return actor;
  return ACTOR_LABELS[actor.split(':', 1)[0]] ?? ACTOR_LABELS.system;
}

/**
 * Enforcement matters 行政执法事项 (权责清单 / 裁量基准, 行政处罚法 第34条: 应当向社会公布). A published
 * matter is public; a draft is seen by staff (any agency: the catalogue is drafted across agencies
 * and the justice bureau reviews it). Never no rows: the public sees the published ones.
 */
export const matterRule = defineRowRule('EnforcementMatter', {
  where: (v): Prisma.EnforcementMatterWhereInput => (isStaff(v) ? {} : { published: true }),
  can: (v, m) => canReadMatter(v, m),
});

export function canReadMatter(v: Viewer, m: { published: boolean }): boolean {
  return m.published || isStaff(v);
}

/**
 * Who may maintain matters at all (before the domain is known): a supervisor of the county justice
 * bureau (not a 司法所's), an agency admin, a system admin.
 */
export function mayMaintainMatters(v: Viewer): boolean {
  if (isSystemAdmin(v)) return true;
  if (v.kind !== 'person') return false;
  return (v.roles.includes('SUPERVISOR') && v.agencyKind === 'JUSTICE_BUREAU') || v.roles.includes('AGENCY_ADMIN');
}

/**
 * May maintain a matter of `domain`: the justice bureau's supervisors and system admins any; an
 * agency admin only where their agency's domains (`viewerAgencyDomains`, loaded by the caller)
 * include it.
 */
export function canMaintainMatter(v: Viewer, domain: string, viewerAgencyDomains: readonly string[]): boolean {
  if (!mayMaintainMatters(v) || v.kind !== 'person') return false;
  if (isSystemAdmin(v) || (v.roles.includes('SUPERVISOR') && v.agencyKind === 'JUSTICE_BUREAU')) return true;
  return viewerAgencyDomains.includes(domain);
}

/**
 * Whose figures a statistics field reads, for figures kept apart from the rows they count (rollups, which no row rule
 * narrows): a supervisor any agency, or the county (null) when none is named; any other member of staff their own
 * agency — also when none is named — and another agency's is refused; anyone else nothing.
 */
export function statisticsAgency(v: Viewer, requested: number | null): number | null {
  if (isSupervisor(v)) return requested;
  if (v.kind !== 'person') throw new ForbiddenError();
  if (requested !== null && requested !== v.agencyId)
    throw new ForbiddenError({
      zh: '只能查看本单位的统计',
      en: "Only your own agency's statistics are visible to you",
    });
  return v.agencyId;
}
