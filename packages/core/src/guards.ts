// Case guards: checks that plugins add to core case operations. They run inside the
// operation's transaction, after core's own rules, and refuse by throwing a RuleViolation.
import type { UnitOfWork } from './work/unit-of-work.js';
import type { CaseDecision, CaseGround, CompulsoryMeasureKind, PenaltyKind } from './generated/prisma/enums.js';
import type { EnforcementCase } from './generated/prisma/client.js';

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
  /** 查封、扣押决定书 / 冻结通知书 number and the day served on the party (第18条, 第24条). */
  noticeDocumentNumber: string;
  noticeServedOn: Date;
}

/** The case operation's unit of work (read with uow.tx, refuse by throwing, record with uow.emit) and the locked case. */
export interface GuardContext {
  uow: UnitOfWork;
  case: EnforcementCase;
}

export interface CaseGuard {
  /** Who added it, e.g. 'economic-impact'; shown in logs. */
  name: string;
  beforeDecide?(ctx: GuardContext, input: DecideCaseInput): Promise<void>;
  beforeCompulsoryMeasure?(ctx: GuardContext, input: CompulsoryMeasureInput): Promise<void>;
}

export class CaseGuards {
  private readonly guards: CaseGuard[] = [];

  add(guard: CaseGuard): void {
    this.guards.push(guard);
  }

  get names(): string[] {
    return this.guards.map((g) => g.name);
  }

  async beforeDecide(ctx: GuardContext, input: DecideCaseInput): Promise<void> {
    for (const g of this.guards) await g.beforeDecide?.(ctx, input);
  }

  async beforeCompulsoryMeasure(ctx: GuardContext, input: CompulsoryMeasureInput): Promise<void> {
    for (const g of this.guards) await g.beforeCompulsoryMeasure?.(ctx, input);
  }
}
