// The events this plugin emits. Everything about a case's assessment is scoped to the case's agency and the case,
// never to the enterprise: the enterprise reads what it may (that an assessment was made, the mitigations offered)
// through the graph, not through events that carry scores. highImpactFlagged carries no agency: supervisors only.
import { defineTopic, type Topic } from '@zhifa/core';
import type {
  ImpactAssessmentStatus,
  ImpactExemptionGround,
  ImpactLevel,
  ImpactTriggerKind,
  ImpactTriggerSource,
} from '@zhifa/core/prisma';

// A type, not an interface: payloads must be assignable to the log's JSON payload type.
type CaseRef = {
  caseId: number;
  number: string;
  agencyId: number;
};

/** A trigger fired on a case (recorded with why). */
export const IMPACT_TRIGGER_FIRED = defineTopic<
  CaseRef & { triggerId: number; kind: ImpactTriggerKind; source: ImpactTriggerSource; rulesVersion: number }
>('economicImpact.triggerFired');

export const IMPACT_EXEMPTION_RECORDED = defineTopic<CaseRef & { ground: ImpactExemptionGround; reason: string }>(
  'economicImpact.exemptionRecorded',
);
export const IMPACT_EXEMPTION_WITHDRAWN = defineTopic<CaseRef & { ground: ImpactExemptionGround; reason: string }>(
  'economicImpact.exemptionWithdrawn',
);

/** Every step of an assessment's workflow: created, updated, submitted, reviewed, approved, returned, revised. */
export type AssessmentAction = 'CREATED' | 'UPDATED' | 'SUBMITTED' | 'REVIEWED' | 'APPROVED' | 'RETURNED' | 'REVISED';

export const IMPACT_ASSESSMENT_CHANGED = defineTopic<
  CaseRef & {
    assessmentId: number;
    revision: number;
    action: AssessmentAction;
    status: ImpactAssessmentStatus;
    level: ImpactLevel | null;
  }
>('economicImpact.assessmentChanged');

export const IMPACT_FOLLOW_UP_RECORDED = defineTopic<
  CaseRef & { assessmentId: number; followUpId: number; visitedOn: string }
>('economicImpact.followUpRecorded');

/** A decision relied on an approved revision (or an exemption); the payment terms it carries (第66条). */
export const IMPACT_DECISION_RELIED = defineTopic<
  CaseRef & { assessmentId: number | null; revision: number | null; exempt: boolean; penaltiesChanged: boolean | null }
>('economicImpact.decisionRelied');

/** For supervisors: an approved assessment at HIGH or SEVERE, or a measure on production equipment. */
export const IMPACT_HIGH_FLAGGED = defineTopic<
  CaseRef & {
    reason: 'LEVEL' | 'PRODUCTION_MEASURE';
    level: ImpactLevel | null;
    assessmentId: number | null;
    measureId: number | null;
  }
>('economicImpact.highImpactFlagged');

/** A supervisor recorded a new version of the county's rules. */
export const IMPACT_RULES_CHANGED = defineTopic<{ version: number; reason: string }>('economicImpact.rulesChanged');

export const ECONOMIC_IMPACT_TOPICS: readonly Topic[] = [
  IMPACT_TRIGGER_FIRED,
  IMPACT_EXEMPTION_RECORDED,
  IMPACT_EXEMPTION_WITHDRAWN,
  IMPACT_ASSESSMENT_CHANGED,
  IMPACT_FOLLOW_UP_RECORDED,
  IMPACT_DECISION_RELIED,
  IMPACT_HIGH_FLAGGED,
  IMPACT_RULES_CHANGED,
];
