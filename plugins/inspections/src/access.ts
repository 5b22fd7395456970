// Row rules for this plugin's types, in one place, declared on the types and applied by the framework on
// every path (node, nested fields, events, subscriptions). Supervisors (the justice bureau) read everything.
// - items, plans and draws are public once published (谁编制、谁公示; 一公开), before that the agency's own;
// - schemes are the agency's working papers;
// - a filing and its visits: the agency, the lead agency of its joint inspection, and the 特邀行政执法监督员
//   invited to it (task 15); the enterprise reads its visits, and a filing only once it is no surprise (an
//   agreed time, or visited) — a 突击检查 announced in advance would not be one;
// - a rating: the enterprise that gave it and supervisors, never the agency inspected (龙华 practice);
// - a warning: the agencies it names and supervisors; the enterprise is not a party to it.
import { defineRowRule, isSupervisor, rowsThrough, type Viewer } from '@zhifa/core/auth';

export function isSpecialSupervisor(v: Viewer): v is Extract<Viewer, { kind: 'person' }> {
  return v.kind === 'person' && v.roles.includes('SPECIAL_SUPERVISOR');
}

/** Published rows for everyone; the agency's own and supervisors' for the rest. */
function publishedOrOwn<W extends object>(published: W) {
  return (v: Viewer) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { OR: [published, { agencyId: v.agencyId }] };
    return published;
  };
}

export const itemRule = defineRowRule('InspectionItem', {
  where: publishedOrOwn({ publishedAt: { not: null } }),
  can: (v, i) => i.publishedAt !== null || isSupervisor(v) || (v.kind === 'person' && v.agencyId === i.agencyId),
});
export const itemMatterRule = rowsThrough('InspectionItemMatter', 'item', itemRule);

export const planRule = defineRowRule('InspectionPlan', {
  where: publishedOrOwn({ status: 'PUBLISHED' as const }),
  can: (v, p) => p.status === 'PUBLISHED' || isSupervisor(v) || (v.kind === 'person' && v.agencyId === p.agencyId),
});
export const planItemRule = rowsThrough('InspectionPlanItem', 'plan', planRule);

export const schemeRule = defineRowRule('InspectionScheme', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { agencyId: v.agencyId };
    return null;
  },
  can: (v, s) => isSupervisor(v) || (v.kind === 'person' && v.agencyId === s.agencyId),
});
export const schemeItemRule = rowsThrough('InspectionSchemeItem', 'scheme', schemeRule);

const observing = (personId: number) => ({ observers: { some: { personId } } });

export const filingRule = defineRowRule('InspectionFiling', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person')
      return {
        OR: [
          { agencyId: v.agencyId },
          { jointInspection: { leadAgencyId: v.agencyId } },
          observing(v.personId),
          { jointInspection: observing(v.personId) },
        ],
      };
    if (v.kind === 'enterprise')
      return { enterpriseId: v.enterpriseId, OR: [{ notice: 'AGREED' as const }, { status: 'VISITED' as const }] };
    return null;
  },
});
export const filingItemRule = rowsThrough('InspectionFilingItem', 'filing', filingRule);
export const filingOfficerRule = rowsThrough('InspectionFilingOfficer', 'filing', filingRule);

export const visitRule = defineRowRule('InspectionVisit', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person')
      return {
        OR: [
          { agencyId: v.agencyId },
          { jointInspection: { leadAgencyId: v.agencyId } },
          { filing: observing(v.personId) },
          { jointInspection: observing(v.personId) },
        ],
      };
    if (v.kind === 'enterprise') return { enterpriseId: v.enterpriseId };
    return null;
  },
});
export const visitOfficerRule = rowsThrough('InspectionVisitOfficer', 'visit', visitRule);
export const visitItemRule = rowsThrough('InspectionVisitItem', 'visit', visitRule);

export function canReadRating(v: Viewer, r: { enterpriseId: number }): boolean {
  return isSupervisor(v) || (v.kind === 'enterprise' && v.enterpriseId === r.enterpriseId);
}

export const ratingRule = defineRowRule('InspectionRating', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'enterprise') return { enterpriseId: v.enterpriseId };
    return null;
  },
  can: canReadRating,
});

export const drawRule = defineRowRule('InspectionDraw', {
  where: publishedOrOwn({ publishedAt: { not: null } }),
  can: (v, d) => d.publishedAt !== null || isSupervisor(v) || (v.kind === 'person' && v.agencyId === d.agencyId),
});
export const drawEnterpriseRule = rowsThrough('InspectionDrawEnterprise', 'draw', drawRule);

export const jointInspectionRule = defineRowRule('JointInspection', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person')
      return {
        OR: [{ leadAgencyId: v.agencyId }, { filings: { some: { agencyId: v.agencyId } } }, observing(v.personId)],
      };
    // A surprise check stays one: the enterprise reads a joint inspection once it was visited, or when every
    // filing in it was agreed in advance (as it reads filings, filingRule).
    if (v.kind === 'enterprise')
      return {
        enterpriseId: v.enterpriseId,
        OR: [{ visits: { some: {} } }, { filings: { none: { notice: 'SURPRISE' as const } } }],
      };
    return null;
  },
});

export const observerRule = defineRowRule('InspectionObserver', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person')
      return {
        OR: [
          { personId: v.personId },
          { filing: { agencyId: v.agencyId } },
          { jointInspection: { leadAgencyId: v.agencyId } },
        ],
      };
    return null;
  },
});

export const warningRule = defineRowRule('InspectionWarning', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { agencyIds: { has: v.agencyId } };
    return null;
  },
  can: (v, w) => isSupervisor(v) || (v.kind === 'person' && w.agencyIds.includes(v.agencyId)),
});
export const warningStepRule = rowsThrough('InspectionWarningStep', 'warning', warningRule);
