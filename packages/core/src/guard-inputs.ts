// What the case guards (guards.ts) receive besides the unit of work: a decision as asked, a
// compulsory measure as asked, and the facts a decision is judged on (which core's rules judge too).
// Plain data, so the unit of work (work/unit-of-work.ts, which calls the guards), the guards and the
// case operations (cases/) all name it without naming one another.
import type {
  CaseDecision,
  CaseGround,
  CaseProcedure,
  CompulsoryMeasureKind,
  PenaltyKind,
} from './generated/prisma/enums.js';
import type { Agency, EnforcementCase, EnforcementMatter, Enterprise } from './generated/prisma/client.js';
import type { ProcedureState } from './rules/procedure.js';
import type { OnSiteRecord } from './rules/compulsory-measure.js';

/**
 * A decision as guards see it (cases/decide.ts builds it from the caller's request): the penalties
 * imposed, the ground of a decision that imposes none, the 第32条 circumstance, and `fineFen` /
 * `confiscationFen`, the sums of the FINE and of the CONFISCATE_* penalties (null when none).
 */
export interface DecideCaseInput {
  decision: CaseDecision;
  penalties: { kind: PenaltyKind; amountFen: bigint | null }[];
  ground: CaseGround | null;
  groundNote: string | null;
  mitigatingCircumstance: string | null;
  illegalGainsFen: bigint | null;
  /** Why the decision was taken, when a rule asks for a stated reason. */
  reason: string | null;
  /** 从重 circumstance of a PENALTY in the benchmark's 从重 tier (第34条). */
  aggravatingFactor: string | null;
  /** TRANSFERRED (第27条): the receiving judicial body and the 移送书 number. */
  transferredTo: string | null;
  transferDocumentNumber: string | null;
  fineFen: bigint | null;
  confiscationFen: bigint | null;
  /** Set by the path that decides (a plugin may record why it decided). */
  via?: string;
}

export interface CompulsoryMeasureInput {
  kind: CompulsoryMeasureKind;
  object: string;
  isProductionEquipment: boolean;
  justification: string | null;
  /** 第19条: taken on the spot in an emergency, approved afterwards. */
  emergency: boolean;
  /** When an emergency measure was taken; null for a measure awaiting prior approval. */
  takenAt: Date | null;
  /** The two or more officers who take it (第18条第(二)项). */
  officerIds: number[];
  /**
   * 查封、扣押决定书 / 冻结通知书 number and the day served on the party, and the 现场笔录 (第18条, 第24条):
   * given with an emergency measure (taken on the spot), null on a request awaiting approval (not yet taken).
   */
  noticeDocumentNumber: string | null;
  noticeServedOn: Date | null;
  onSiteRecord: OnSiteRecord | null;
}

/**
 * What a decision is judged on, read once in the deciding transaction (cases/decision-facts.ts): the
 * locked case, who is assigned to it, its agency, enforcement matter and party, its procedure steps,
 * and what follows from them. The rules (rules/decision.ts, rules/procedure.ts) and every guard's
 * beforeDecide receive this one value, so none of them reads these again; it cannot change under
 * them while the case row is locked.
 */
export interface DecisionFacts {
  /** The case, its row locked until the transaction ends. */
  case: EnforcementCase;
  /** The case's procedure and seriousness (as on `case`), named as the rules ask for them. */
  procedure: CaseProcedure;
  serious: boolean;
  /** The officers assigned to the case (person ids, ascending). */
  officerIds: number[];
  agency: Pick<Agency, 'id' | 'name' | 'kind' | 'parentId' | 'domains' | 'documentPrefix'>;
  /** The case's enforcement matter; null for a case registered before matters existed. */
  matter: EnforcementMatter | null;
  /** The party enterprise (with the 重点企业 flag the economic-impact guard weighs); null for a natural-person party. */
  enterprise: Pick<Enterprise, 'id' | 'name' | 'kind' | 'uscc' | 'isKeyEnterprise'> | null;
  /** partyIsNaturalPerson (rules/party.ts): a citizen or an 个体工商户. */
  naturalPerson: boolean;
  /** The procedure steps so far (rules/procedure.ts procedureState). */
  state: ProcedureState;
  /** 较大数额 for this case (第63条), from the settings in force. */
  hearingThresholdFen: bigint;
  /** The day of the decision in Asia/Shanghai (UTC midnight). */
  today: Date;
}
