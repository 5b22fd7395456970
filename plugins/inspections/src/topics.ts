// The events this plugin emits. Scopes decide who sees an event in the log and on `events`: a rating is
// scoped to the enterprise alone (supervisors see every event), so the agency inspected never reads it (龙华
// practice); a surprise filing is not scoped to its enterprise before the visit (突击检查 stays a surprise).
import { defineTopic } from '@zhifa/core';
import type {
  InspectionFinding,
  InspectionPlanStatus,
  InspectionSchemeStatus,
  InspectionWarningRule,
  InspectionWarningStatus,
} from '@zhifa/core/prisma';

/** A 检查事项 was compiled (the agency's draft), published (public: 谁编制、谁公示) or repealed. */
export const INSPECTION_ITEM_CHANGED = defineTopic<{
  itemId: number;
  agencyId: number;
  action: 'CREATED' | 'PUBLISHED' | 'REPEALED';
  late: boolean;
}>('inspections.itemChanged');

/** An annual plan was created, filed 备案 with the justice bureau, or published (public once published). */
export const INSPECTION_PLAN_CHANGED = defineTopic<{
  planId: number;
  agencyId: number;
  year: number;
  status: InspectionPlanStatus;
  late: boolean;
}>('inspections.planChanged');

/** A scheme was requested, approved or refused by the agency head, or its urgent approval fell overdue. */
export const INSPECTION_SCHEME_CHANGED = defineTopic<{
  schemeId: number;
  agencyId: number;
  status: InspectionSchemeStatus;
  urgent: boolean;
  action: 'REQUESTED' | 'APPROVED' | 'REFUSED' | 'OVERDUE';
}>('inspections.schemeChanged');

/** A visit was filed 线上报备, cancelled, merged into or joined to a joint inspection. */
export const INSPECTION_FILING_CHANGED = defineTopic<{
  filingId: number;
  agencyId: number;
  /** Null for a surprise check until its visit: the enterprise is not told in advance. */
  enterpriseId: number | null;
  action: 'FILED' | 'CANCELLED' | 'MERGED' | 'JOINED';
  jointInspectionId: number | null;
}>('inspections.filingChanged');

/** A visit was recorded at the door (扫码入企): to the enterprise and the agency (inspectionVisitRecorded). */
export const INSPECTION_VISIT_RECORDED = defineTopic<{
  visitId: number;
  agencyId: number;
  enterpriseId: number;
  filingId: number | null;
  jointInspectionId: number | null;
}>('inspections.visitRecorded');

/** The visit's finding: compliant, rectification ordered, or a case opened that links back to it. */
export const INSPECTION_FINDING_RECORDED = defineTopic<{
  visitId: number;
  agencyId: number;
  enterpriseId: number;
  finding: InspectionFinding;
  caseId: number | null;
}>('inspections.findingRecorded');

/** The enterprise rated a visit: scoped to the enterprise only — supervisors read it, the agency never does. */
export const INSPECTION_VISIT_RATED = defineTopic<{
  ratingId: number;
  visitId: number;
  enterpriseId: number;
  score: number;
}>('inspections.visitRated');

/** A 双随机 draw was made (the agency's) or published (public: 一公开). */
export const INSPECTION_DRAW_CHANGED = defineTopic<{
  drawId: number;
  agencyId: number;
  matterId: number;
  action: 'DRAWN' | 'PUBLISHED';
}>('inspections.drawChanged');

/** A joint inspection was formed, joined, or a special supervisor invited to it or to a major filing. */
export const JOINT_INSPECTION_CHANGED = defineTopic<{
  jointInspectionId: number | null;
  filingId: number | null;
  leadAgencyId: number;
  enterpriseId: number;
  action: 'MERGED' | 'JOINED' | 'INVITED';
}>('inspections.jointInspectionChanged');

/** A warning was raised (inspectionWarningRaised, for supervisors, live). */
export const INSPECTION_WARNING_RAISED = defineTopic<{
  warningId: number;
  rule: InspectionWarningRule;
  agencyId: number;
  enterpriseId: number;
}>('inspections.warningRaised');

/** A warning moved: 交办 → 督办 → 整改 → 销号 (or returned). */
export const INSPECTION_WARNING_CHANGED = defineTopic<{
  warningId: number;
  rule: InspectionWarningRule;
  agencyId: number;
  status: InspectionWarningStatus;
}>('inspections.warningChanged');

/** A warning's deadline (交办 / 督办) passed without the agency's report: announced once per deadline by the sweep. */
export const INSPECTION_WARNING_OVERDUE = defineTopic<{
  warningId: number;
  rule: InspectionWarningRule;
  agencyId: number;
  status: InspectionWarningStatus;
  dueAt: string;
}>('inspections.warningOverdue');

export const INSPECTIONS_TOPICS = [
  INSPECTION_ITEM_CHANGED,
  INSPECTION_PLAN_CHANGED,
  INSPECTION_SCHEME_CHANGED,
  INSPECTION_FILING_CHANGED,
  INSPECTION_VISIT_RECORDED,
  INSPECTION_FINDING_RECORDED,
  INSPECTION_VISIT_RATED,
  INSPECTION_DRAW_CHANGED,
  JOINT_INSPECTION_CHANGED,
  INSPECTION_WARNING_RAISED,
  INSPECTION_WARNING_CHANGED,
  INSPECTION_WARNING_OVERDUE,
];
