// The events this plugin emits. List lifecycle events come from core's list machinery, one prefix per
// kind (`.published` and `.repealed` are public).
import { defineTopic } from '@zhifa/core';
import type {
  CompulsoryGuardOutcome,
  CompulsoryMeasureKind,
  InvitationStatus,
  SoftMeasureKind,
  SoftMeasureOutcome,
} from '@zhifa/core/prisma';
import { listTopics } from '@zhifa/core/lists';

export const LIGHTER_LIST_TOPICS = listTopics('flexibleEnforcementLighterList');
export const MITIGATED_LIST_TOPICS = listTopics('flexibleEnforcementMitigatedList');
export const NO_COMPULSORY_LIST_TOPICS = listTopics('flexibleEnforcementNoCompulsoryList');

/** A 从轻 / 减轻 list item was cited for a case's forthcoming decision (visible with the case). */
export const FLEXIBLE_BASIS_CITED = defineTopic<{
  caseId: number;
  basisId: number;
  itemId: number;
  listId: number;
  listVersion: number;
  decision: string;
}>('flexibleEnforcement.basisCited');

/**
 * What the no-compulsory guard found for a measure: JUSTIFIED when a measure was asked for despite a matching
 * item, then approved or REFUSED by the head (core's approval), or WAIVED when the officers followed the list.
 * Scoped to the case's agency and case (staff and supervisors), never the enterprise.
 */
export const MEASURE_CHECK_RECORDED = defineTopic<{
  checkId: number;
  caseId: number;
  agencyId: number;
  measureKind: CompulsoryMeasureKind;
  outcome: CompulsoryGuardOutcome;
  approved: boolean;
  itemId: number;
}>('flexibleEnforcement.measureCheckRecorded');

// Soft measures: scoped to the agency, the enterprise addressed (it reads what was addressed to it) and the case.
type SoftMeasureRef = {
  softMeasureId: number;
  agencyId: number;
  enterpriseId: number | null;
  caseId: number | null;
  kind: SoftMeasureKind;
};

export const SOFT_MEASURE_RECORDED = defineTopic<SoftMeasureRef & { takenOn: string; followUpOn: string | null }>(
  'flexibleEnforcement.softMeasureRecorded',
);
export const SOFT_MEASURE_OUTCOME_RECORDED = defineTopic<SoftMeasureRef & { outcome: SoftMeasureOutcome }>(
  'flexibleEnforcement.softMeasureOutcomeRecorded',
);
/** The follow-up day passed with no outcome: announced to the agency once (the sweep). */
export const SOFT_MEASURE_FOLLOW_UP_OVERDUE = defineTopic<SoftMeasureRef & { followUpOn: string }>(
  'flexibleEnforcement.softMeasureFollowUpOverdue',
);
/** A case was opened after a NOT_COMPLIED outcome, linking back to the measure. */
export const SOFT_MEASURE_CASE_OPENED = defineTopic<SoftMeasureRef & { followUpCaseId: number }>(
  'flexibleEnforcement.softMeasureCaseOpened',
);

/** Every step of an invitation (邀约式执法服务); scoped to the agency invited and the inviting enterprise. */
export type InvitationAction =
  'REQUESTED' | 'SCHEDULED' | 'DECLINED' | 'VISITED' | 'CLOSED' | 'WITHDRAWN' | 'RATED' | 'CASE_CITED';

export const INVITATION_CHANGED = defineTopic<{
  invitationId: number;
  agencyId: number;
  enterpriseId: number;
  action: InvitationAction;
  status: InvitationStatus;
}>('flexibleEnforcement.invitationChanged');

type ListTopic = (typeof LIGHTER_LIST_TOPICS)['created'];

export const FLEXIBLE_ENFORCEMENT_TOPICS = [
  ...[LIGHTER_LIST_TOPICS, MITIGATED_LIST_TOPICS, NO_COMPULSORY_LIST_TOPICS].flatMap(
    (t) => Object.values(t) as ListTopic[],
  ),
  FLEXIBLE_BASIS_CITED,
  MEASURE_CHECK_RECORDED,
  SOFT_MEASURE_RECORDED,
  SOFT_MEASURE_OUTCOME_RECORDED,
  SOFT_MEASURE_FOLLOW_UP_OVERDUE,
  SOFT_MEASURE_CASE_OPENED,
  INVITATION_CHANGED,
];
