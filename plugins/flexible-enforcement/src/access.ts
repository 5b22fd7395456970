// Row rules for this plugin's types, in one place, declared on the types and applied by the framework on
// every path (node, nested fields, events, subscriptions):
// - what a decision cited is read by whoever may read its case (core's caseRule);
// - a measure check is the agency's working record: staff of the case's agency and supervisors;
// - a soft measure: staff of its agency, supervisors, and the enterprise it was addressed to (提醒、告知 are
//   addressed to it); never the public;
// - an invitation: the inviting enterprise, staff of the agency invited, supervisors.
import { caseRule, defineRowRule, isSupervisor, rowsThrough, type Viewer } from '@zhifa/core/auth';

export const basisRule = rowsThrough('FlexibleDecisionBasis', 'case', caseRule);

export const measureCheckRule = defineRowRule('CompulsoryMeasureCheck', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { agencyId: v.agencyId };
    return null;
  },
  can: (v, c) => isSupervisor(v) || (v.kind === 'person' && v.agencyId === c.agencyId),
});

export function canReadSoftMeasure(v: Viewer, m: { agencyId: number; enterpriseId: number | null }): boolean {
  if (isSupervisor(v)) return true;
  if (v.kind === 'person') return v.agencyId === m.agencyId;
  if (v.kind === 'enterprise') return m.enterpriseId !== null && v.enterpriseId === m.enterpriseId;
  return false;
}

export const softMeasureRule = defineRowRule('SoftMeasure', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { agencyId: v.agencyId };
    if (v.kind === 'enterprise') return { enterpriseId: v.enterpriseId };
    return null;
  },
  can: canReadSoftMeasure,
});

export function canReadInvitation(v: Viewer, i: { agencyId: number; enterpriseId: number }): boolean {
  if (isSupervisor(v)) return true;
  if (v.kind === 'person') return v.agencyId === i.agencyId;
  if (v.kind === 'enterprise') return v.enterpriseId === i.enterpriseId;
  return false;
}

export const invitationRule = defineRowRule('Invitation', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { agencyId: v.agencyId };
    if (v.kind === 'enterprise') return { enterpriseId: v.enterpriseId };
    return null;
  },
  can: canReadInvitation,
});

export const citationRule = rowsThrough('InvitationCaseCitation', 'invitation', invitationRule);

// What an invitation names (its matters, its officers) is read with it.
export const invitationMatterRule = rowsThrough('InvitationMatter', 'invitation', invitationRule);
export const invitationOfficerRule = rowsThrough('InvitationOfficer', 'invitation', invitationRule);
