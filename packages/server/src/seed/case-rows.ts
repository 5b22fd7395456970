// What demo cases are made from (the county's agencies, officers, matters and enterprises), and the rows a
// demo case is written as: the case, its steps and its compulsory measures, and the plan
// that holds them with its penalties and officers (cases.ts makes them, seed/index.ts writes them).
import type {
  CaseDecision,
  CaseGround,
  CaseProcedure,
  CaseStage,
  CaseStepKind,
  CaseStepOutcome,
  CompulsoryMeasureKind,
  CompulsoryMeasureStatus,
  CreditRiskClass,
  EnterpriseKind,
  MeasurePartySignature,
  PenaltyKind,
} from '@zhifa/core/prisma';

export interface CaseRow {
  number: string;
  agencyId: number;
  partyKind: 'ENTERPRISE' | 'NATURAL_PERSON';
  enterpriseId: number | null;
  partyDescription: string | null;
  violation: string;
  violatedProvision: string;
  penaltyProvision: string;
  matterId: number;
  violationOn: Date;
  procedure: CaseProcedure;
  serious: boolean;
  registeredBy: string;
  deadlineOn: Date | null;
  stage: CaseStage;
  decision: CaseDecision | null;
  decisionNumber: string | null;
  decidedBy: string | null;
  ground: CaseGround | null;
  groundNote: string | null;
  mitigatingCircumstance: string | null;
  fineFen: bigint | null;
  confiscationFen: bigint | null;
  registeredAt: Date;
  decidedAt: Date | null;
  closedAt: Date | null;
}

export interface StepRow {
  kind: CaseStepKind;
  on: Date;
  outcome: CaseStepOutcome | null;
  documentNumber: string | null;
  note: string | null;
  days: number | null;
  /** DEADLINE_EXTENSION beyond the first: the heads' 集体讨论 that decided it. */
  discussion: string | null;
  /** NOTICE: the proposal as the procedure service stores it (fen as decimal strings). */
  proposal: {
    penalties: { kind: PenaltyKind; amountFen: string | null }[];
    hearingOffered: boolean;
    hearingThresholdFen: string;
    /** The 第32条 减轻 circumstance a fine below the matter's minimum rests on. */
    mitigatingCircumstance?: string;
  } | null;
  /** HEARING_NOTICE: the day set (第64条第(二)项: at least 7 days after the party is told) and the place. */
  hearingOn: Date | null;
  place: string | null;
  /** HEARING: the presiding officer, not one who investigated (第64条第(四)项), and whether public (第(三)项). */
  presidingOfficerId: number | null;
  publicHearing: boolean | null;
  actor: string;
  recordedAt: Date;
}

export interface MeasureRow {
  kind: CompulsoryMeasureKind;
  object: string;
  isProductionEquipment: boolean;
  justification: string;
  takenAt: Date;
  recordedBy: string;
  status: CompulsoryMeasureStatus;
  emergency: boolean;
  approvedAt: Date | null;
  approvedBy: string | null;
  officerIds: number[];
  /** The decision served and the 现场笔录 once taken (行政强制法 第18条, 第24条); null on a request awaiting approval. */
  noticeDocumentNumber: string | null;
  noticeServedOn: Date | null;
  siteRecord: string | null;
  partySignature: MeasurePartySignature | null;
  partyRefusalNote: string | null;
  witness: string | null;
  dueOn: Date | null;
  extendedDays: number | null;
  extensionReason: string | null;
  extendedBy: string | null;
  releasedOn: Date | null;
  releaseReason: string | null;
  releasedBy: string | null;
}

export type Penalty = { kind: PenaltyKind; amountFen: bigint | null };

export interface CasePlan {
  row: CaseRow;
  penalties: Penalty[];
  officerIds: number[];
  measures: MeasureRow[];
  steps: StepRow[];
}

export interface CaseInput {
  now: Date;
  /**
   * In ENFORCEMENT_AGENCIES order: the officers who may act today, its published matters (in its
   * violations' order), its head and its legal reviewers.
   */
  agencies: { id: number; officerIds: number[]; matterIds: number[]; headId: number; reviewerIds: number[] }[];
  enterprises: { id: number; creditRiskClass: CreditRiskClass; industry: string; kind: EnterpriseKind }[];
  /** 第63条 较大数额 per domain ('*' default), fen: CASE_SETTINGS.hearingFineThresholds. */
  hearingThresholds: Record<string, { naturalPersonFen: number; organisationFen: number }>;
}
