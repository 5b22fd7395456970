// Who acts on a case. Every case service asks here; nothing else decides it. The rule itself is
// `canActOnCase` (auth/rows.ts), shared with the mutations' scopes (schema/case-scopes.ts), which
// refuse before any input is looked at; the services check again inside their transaction, against
// the locked case, so an assignment changed in between is respected.
import type { Db } from '../db.js';
import type { UnitOfWork } from '../work/unit-of-work.js';
import type { EnforcementCase } from '../generated/prisma/client.js';
import type { Bilingual } from '../errors.js';
import { isAgencyAdminOf, isAgencyHeadOf, isCaseStaffOf, type Viewer } from '../auth/viewer.js';
import { canActOnCase, type CaseAction, type CaseActors } from '../auth/rows.js';
import { ForbiddenError } from '../errors.js';
import { CASE_SETTINGS } from '../case-settings.js';
import type { CertificateHolder } from '../rules/certificate.js';
import { officerActRefusal } from '../rules/case-stage.js';
import { refuse } from './refuse.js';

/**
 * The coarse check: someone who takes part in the agency's cases (officer, admin, legal reviewer, head)
 * or a system admin. Opening a case, and the first gate of services that then ask `assertCaseActor`.
 */
export function assertCanActOnCase(viewer: Viewer, c: { agencyId: number }): void {
  if (isCaseStaffOf(viewer, c.agencyId)) return;
  throw new ForbiddenError({
    zh: '只有本案承办单位的工作人员可以办理此案',
    en: "Only staff of the case's agency may act on it",
  });
}

/** The facts who-acts needs, read in the caller's transaction. */
export async function caseActors(
  tx: Db,
  c: Pick<EnforcementCase, 'id' | 'agencyId' | 'procedure' | 'registeredBy'>,
): Promise<CaseActors> {
  return (await assignedOfficers(tx, c)).actors;
}

/** Who-acts and the assigned officers' certificates, in one statement. */
async function assignedOfficers(
  tx: Db,
  c: Pick<EnforcementCase, 'id' | 'agencyId' | 'procedure' | 'registeredBy'>,
): Promise<{ actors: CaseActors; officers: Map<number, CertificateHolder> }> {
  const rows = await tx.caseOfficer.findMany({
    where: { caseId: c.id },
    select: {
      personId: true,
      person: {
        select: { roles: true, certificateStatus: true, certificateExpiresOn: true, certificateReviewYear: true },
      },
    },
  });
  return {
    actors: {
      agencyId: c.agencyId,
      procedure: c.procedure,
      registeredBy: c.registeredBy,
      officerIds: rows.map((o) => o.personId),
    },
    officers: new Map(rows.map((o) => [o.personId, o.person])),
  };
}

/**
 * Whether the viewer does `action` as one of the case's enforcement officers (行政处罚法 第42条) rather
 * than in another capacity: its own steps, a simple-procedure decision on the spot (第51条), and
 * changing the officers when being assigned is what allows it. The platform itself (demo data,
 * maintenance) never acts as an officer.
 */
export function isOfficerAct(v: Viewer, c: CaseActors, action: CaseAction): boolean {
  if (v.kind === 'system') return false;
  switch (action) {
    case 'act':
      return true;
    case 'decide':
      return c.procedure === 'SIMPLE';
    case 'assign':
      return (
        v.kind === 'person' &&
        c.officerIds.includes(v.personId) &&
        !isAgencyHeadOf(v, c.agencyId) &&
        !isAgencyAdminOf(v, c.agencyId)
      );
    default:
      return false;
  }
}

export const CASE_ACTION_REFUSALS: Record<CaseAction, (c: CaseActors) => Bilingual> = {
  act: () => ({ zh: '只有本案的承办人员可以办理此案', en: 'Only the officers assigned to the case may act on it' }),
  assign: () => ({
    zh: '只有本案承办人员、本单位负责人或管理员可以指派承办人员（尚未指派时，立案人员也可以）',
    en: 'Only the assigned officers, the agency head or admin (or, before anyone is assigned, whoever registered the case) may assign officers',
  }),
  review: () => ({
    zh: '只有本单位的法制审核人员可以进行法制审核（行政处罚法第58条）',
    en: "Only the agency's legal reviewers may review the case (行政处罚法 art. 58)",
  }),
  head: () => ({
    zh: '只有本单位负责人可以办理此事项（行政处罚法第57条、第60条）',
    en: 'Only the agency head may do this (行政处罚法 art. 57, 60)',
  }),
  decide: (c) =>
    c.procedure === 'SIMPLE'
      ? {
          zh: '简易程序案件由本案承办人员当场作出决定（行政处罚法第51条）',
          en: 'A simple-procedure case is decided by its assigned officers on the spot (行政处罚法 art. 51)',
        }
      : {
          zh: '普通程序案件由行政机关负责人作出决定（行政处罚法第57条）',
          en: 'A general-procedure case is decided by the agency head (行政处罚法 art. 57)',
        },
};

/**
 * Refuse (ForbiddenError, naming who may) unless the viewer may do `action` on the case; then, for an
 * officer's act, refuse (RuleViolation, 行政处罚法 第42条) when the acting officer cannot enforce today,
 * or — except when changing the officers, which is how a case gets going again — when fewer than two
 * assigned officers can. Every case service asks here, so no step is left out.
 */
export async function assertCaseActor(uow: UnitOfWork, c: EnforcementCase, action: CaseAction): Promise<CaseActors> {
  const { actors, officers } = await assignedOfficers(uow.tx, c);
  const v = uow.viewer;
  if (!canActOnCase(v, actors, action)) throw new ForbiddenError(CASE_ACTION_REFUSALS[action](actors));
  if (isOfficerAct(v, actors, action)) {
    const actor = (v.kind === 'person' && officers.get(v.personId)) || null;
    const graceUntil = uow.settings.get(CASE_SETTINGS).reviewGraceUntil;
    refuse(officerActRefusal(actor, action === 'assign' ? null : [...officers.values()], uow.now, graceUntil));
  }
  return actors;
}
