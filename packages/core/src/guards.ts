// Case guards: checks that plugins add to core case operations. They run inside the
// operation's transaction, after core's own rules, and refuse by throwing a RuleViolation.
import type { UnitOfWork } from './work/unit-of-work.js';
import type { CaseDecision, CompulsoryMeasureKind } from './generated/prisma/enums.js';
import type { EnforcementCase } from './generated/prisma/client.js';

export interface DecideCaseInput {
  decision: CaseDecision;
  fineFen: bigint | null;
  confiscationFen: bigint | null;
  /** Why the decision was taken, where a rule asks for a stated reason (stored as decisionReason). */
  reason?: string | null;
  /** Set by the path that decides (a plugin may record why it decided). */
  via?: string;
}

export interface CompulsoryMeasureInput {
  kind: CompulsoryMeasureKind;
  object: string;
  isProductionEquipment: boolean;
  justification: string | null;
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
