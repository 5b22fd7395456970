// Row rules for this plugin's types, in one place (task 7's visibility): officers, heads and legal reviewers of the
// case's agency and supervisors see an assessment whole; the enterprise sees that an approved one was made and the
// mitigations offered to it — its scoring and evidence are guarded per field (`staffOnly`); the public nothing.
// Triggers, exemptions and follow-up visits are the agency's working record: staff of the case's agency and
// supervisors.
import { caseRule, defineRowRule, isStaff, isSupervisor, rowsThrough, type Viewer } from '@zhifa/core/auth';

export const assessmentRule = defineRowRule('ImpactAssessment', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { agencyId: v.agencyId };
    if (v.kind === 'enterprise') return { enterpriseId: v.enterpriseId, status: 'APPROVED' as const };
    return null;
  },
  can: (v, a) => canReadAssessment(v, a),
});

export function canReadAssessment(v: Viewer, a: { agencyId: number; enterpriseId: number; status: string }): boolean {
  if (isSupervisor(v)) return true;
  if (v.kind === 'person') return v.agencyId === a.agencyId;
  if (v.kind === 'enterprise') return v.enterpriseId === a.enterpriseId && a.status === 'APPROVED';
  return false;
}

/**
 * The cases whose working record (triggers, exemptions) a viewer reads: staff of the case's agency, supervisors — caseRule without
 * the enterprise. Triggers go `through` their case under it, so under a case already read (the case's
 * `impactAssessmentRequired`, itself staff only) the framework adds nothing, where a filter of its own would join the
 * case again for every trigger of every case on the page.
 */
const staffCaseRule = defineRowRule('EnforcementCase', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { agencyId: v.agencyId };
    return null;
  },
});

export const triggerRule = rowsThrough('ImpactTrigger', 'case', staffCaseRule);
export const exemptionRule = rowsThrough('ImpactExemption', 'case', staffCaseRule);
export const mitigationRule = rowsThrough('ImpactMitigation', 'assessment', assessmentRule);
export const followUpRule = defineRowRule('ImpactFollowUp', {
  where: (v) => {
    if (isSupervisor(v)) return {};
    if (v.kind === 'person') return { assessment: { agencyId: v.agencyId } };
    return null;
  },
});
/** What a decision relied on is read with its case (the enterprise reads the payment terms it carries). */
export const decisionRule = rowsThrough('ImpactDecision', 'case', caseRule);
/** The county's rules: every member of staff (officers apply them); not the public. */
export const rulesRule = defineRowRule('ImpactRules', { where: (v) => (isStaff(v) ? {} : null), can: isStaff });

/** Scoring, evidence, triggers and the workflow's comments: never the enterprise (the row rule already narrows staff). */
export const staffOnly = { staff: true } as const;
