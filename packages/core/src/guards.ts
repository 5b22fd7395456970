// Case guards: checks that plugins add to core case operations. They run inside the
// operation's transaction, after core's own rules, and refuse by throwing a RuleViolation.
// CaseGuards is what a unit of work calls (work/unit-of-work.ts CaseGuardChecks); what the guards
// receive is declared there (GuardContext) and in guard-inputs.ts.
import type { CompulsoryMeasureInput, DecideCaseInput } from './guard-inputs.js';
import type { CaseGuardChecks, DecideGuardContext, GuardContext } from './work/unit-of-work.js';

export interface CaseGuard {
  /** Who added it, e.g. 'economic-impact'; shown in logs. */
  name: string;
  /** Refuse a decision (throw a RuleViolation). Read what the decision needs from `ctx.decision`, not again. */
  beforeDecide?(ctx: DecideGuardContext, input: DecideCaseInput): Promise<void>;
  beforeCompulsoryMeasure?(ctx: GuardContext, input: CompulsoryMeasureInput): Promise<void>;
}

export class CaseGuards implements CaseGuardChecks {
  private readonly guards: CaseGuard[] = [];

  add(guard: CaseGuard): void {
    this.guards.push(guard);
  }

  get names(): string[] {
    return this.guards.map((g) => g.name);
  }

  async beforeDecide(ctx: DecideGuardContext, input: DecideCaseInput): Promise<void> {
    for (const g of this.guards) await g.beforeDecide?.(ctx, input);
  }

  async beforeCompulsoryMeasure(ctx: GuardContext, input: CompulsoryMeasureInput): Promise<void> {
    for (const g of this.guards) await g.beforeCompulsoryMeasure?.(ctx, input);
  }
}
