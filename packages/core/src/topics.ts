// Core's event topics and the payload each carries. Plugins declare theirs beside their code.
import { defineTopic } from './event-log/topic.js';
import type {
  CaseDecision,
  CaseGround,
  CaseProcedure,
  CaseStage,
  CaseStepKind,
  CaseStepOutcome,
  CertificateStatus,
  CompulsoryMeasureKind,
  CompulsoryMeasureStatus,
  MeasurePartySignature,
  PartyKind,
  PenaltyKind,
  PersonRole,
} from './generated/prisma/enums.js';

type CaseRef = { caseId: number; number: string };
type MeasureRef = CaseRef & { measureId: number; kind: CompulsoryMeasureKind };
type UsccOverridePayload = {
  reason: string;
  problem: string | null;
  expectedCheck: string | null;
  recordedNow: boolean;
} | null;
type MatterPayload = {
  matterId: number;
  code: string;
  name: string;
  domain: string;
  published: boolean;
  via: 'api' | 'csv';
};
type EnterprisePayload = { enterpriseId: number; uscc: string; name: string; usccOverride: UsccOverridePayload };

export const CORE_TOPICS = {
  agencyCreated: defineTopic<{ agencyId: number; name: string }>('agency.created'),
  agencyUpdated: defineTopic<{ agencyId: number; name: string }>('agency.updated'),
  personCreated: defineTopic<{ personId: number; name: string; roles: PersonRole[]; certificateNumber: string | null }>(
    'person.created',
  ),
  personUpdated: defineTopic<{
    personId: number;
    name: string;
    roles: PersonRole[];
    certificateNumber: string | null;
    previousCertificateNumber: string | null;
  }>('person.updated'),
  certificateChanged: defineTopic<
    | {
        personId: number;
        change: 'status';
        certificateNumber: string | null;
        from: CertificateStatus | null;
        to: CertificateStatus;
        reason: string;
      }
    | { personId: number; change: 'review'; certificateNumber: string | null; from: number | null; to: number }
    /** A new card issued by the justice bureau (issueCertificate); the previous number, if any, is retired. */
    | {
        personId: number;
        change: 'issued';
        certificateNumber: string;
        previousNumber: string | null;
        previousStatus: CertificateStatus | null;
        issuedOn: string;
        expiresOn: string;
        reason: string;
      }
  >('person.certificateChanged'),
  /** Roles granted or removed (rules/roles.ts: who may), with who (the event's actor) and why. */
  personRolesChanged: defineTopic<{
    personId: number;
    name: string;
    from: PersonRole[];
    to: PersonRole[];
    granted: PersonRole[];
    removed: PersonRole[];
    reason: string;
  }>('person.rolesChanged'),
  enterpriseCreated: defineTopic<EnterprisePayload>('enterprise.created'),
  enterpriseUpdated: defineTopic<EnterprisePayload & { previousUscc?: string }>('enterprise.updated'),
  caseOpened: defineTopic<
    CaseRef & {
      stage: CaseStage;
      partyKind: PartyKind;
      matterId: number;
      procedure: CaseProcedure;
      violationOn: string;
    }
  >('case.opened'),
  caseOfficersAssigned: defineTopic<CaseRef & { personIds: number[] }>('case.officersAssigned'),
  caseAdvanced: defineTopic<CaseRef & { from: CaseStage; to: CaseStage }>('case.advanced'),
  /** A procedure step (事先告知, 陈述申辩, 听证, 法制审核, 集体讨论, 送达, 期限延长); `on` is YYYY-MM-DD. */
  caseStepRecorded: defineTopic<
    CaseRef & { stepId: number; kind: CaseStepKind; outcome: CaseStepOutcome | null; on: string }
  >('case.stepRecorded'),
  caseCompulsoryMeasureRecorded: defineTopic<
    CaseRef & {
      measureId: number;
      kind: CompulsoryMeasureKind;
      object: string;
      isProductionEquipment: boolean;
      justified: boolean;
      /** REQUESTED (awaiting the head's approval) or IN_FORCE (taken in an emergency, 第19条). */
      status: CompulsoryMeasureStatus;
      emergency: boolean;
      /** YYYY-MM-DD, the last day in force; null until taken. */
      dueOn: string | null;
    }
  >('case.compulsoryMeasureRecorded'),
  caseDecided: defineTopic<
    CaseRef & {
      decision: CaseDecision;
      decisionNumber: string | null;
      ground: CaseGround | null;
      penalties: { kind: PenaltyKind; amountFen: number | null }[];
      fineFen: number | null;
      confiscationFen: number | null;
      /** TRANSFERRED (行政处罚法 第27条): the receiving body and the 移送书 number. */
      transferredTo?: string | null;
      transferDocumentNumber?: string | null;
      /** 第65条: the hearing whose record the decision rests on. */
      hearingStepId?: number | null;
      via: string;
      /** The head who decided was an assigned officer too (CASE_SETTINGS.headMayInvestigate allowed it). */
      decidedByInvestigator: boolean;
    }
  >('case.decided'),
  /** An API key was issued to a survey organisation (never the key nor its hash). */
  apiKeyCreated: defineTopic<{ apiKeyId: number; prefix: string; label: string }>('apiKey.created'),
  /** An API key stopped working: subscriptions it opened end on every instance. `reason`: why, when given. */
  apiKeyRevoked: defineTopic<{ apiKeyId: number; prefix: string; label: string; reason?: string | null }>(
    'apiKey.revoked',
  ),
  demoDataLoaded: defineTopic<{ agencies: number; people: number; enterprises: number; cases: number }>(
    'system.demoDataLoaded',
  ),
  /** The agency head approved (or refused) a measure (行政强制法 第18–19条). */
  compulsoryMeasureApproved: defineTopic<
    MeasureRef & {
      approved: boolean;
      status: CompulsoryMeasureStatus;
      emergency: boolean;
      dueOn: string | null;
      reason: string | null;
    }
  >('compulsoryMeasure.approved'),
  /** Extended once by the head (第25条 / 第32条). */
  compulsoryMeasureExtended: defineTopic<MeasureRef & { days: number; dueOn: string; reason: string }>(
    'compulsoryMeasure.extended',
  ),
  /** Released 解除 (第28条 / 第33条). */
  compulsoryMeasureReleased: defineTopic<MeasureRef & { releasedOn: string; reason: string }>(
    'compulsoryMeasure.released',
  ),
  /** Still in force past its last day: told once per measure by the overdue sweep (to the agency and supervisors). */
  compulsoryMeasureOverdue: defineTopic<MeasureRef & { dueOn: string; takenAt: string }>('compulsoryMeasure.overdue'),
  /** An emergency measure still unapproved 24 hours after it was taken (第19条): told once by the sweep; it must be released. */
  compulsoryMeasureApprovalLapsed: defineTopic<MeasureRef & { takenAt: string; lapsedAt: string }>(
    'compulsoryMeasure.approvalLapsed',
  ),
  /** An approved request taken on the spot: the decision served and the 现场笔录 recorded (第18条, 第24条). */
  compulsoryMeasureOnSiteRecorded: defineTopic<
    MeasureRef & { noticeServedOn: string; partySignature: MeasurePartySignature }
  >('compulsoryMeasure.onSiteRecorded'),
  /** Enforcement matters (权责清单 / 裁量基准): public once published; `via` says whether a form or a CSV import wrote it. */
  matterCreated: defineTopic<MatterPayload>('matter.created'),
  matterUpdated: defineTopic<MatterPayload & { changed: string[] }>('matter.updated'),
  matterPublished: defineTopic<MatterPayload>('matter.published'),
  matterUnpublished: defineTopic<MatterPayload & { reason: string }>('matter.unpublished'),
  /** One CSV import: every matter it created (drafts) or changed; a changed published matter also gets its public `matter.updated`. */
  mattersImported: defineTopic<{
    created: { matterId: number; code: string }[];
    updated: { matterId: number; code: string; changed: string[] }[];
    unchanged: number;
  }>('matter.imported'),
} as const;
