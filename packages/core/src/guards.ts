// Case guards: checks that plugins add to core case operations. They run inside the
// operation's transaction, after core's own rules, and refuse by throwing a RuleViolation.
// CaseGuards is what a unit of work calls (work/unit-of-work.ts CaseGuardChecks); what the guards
// receive is declared there (GuardContext) and in guard-inputs.ts.
// Reactions are their other half: a plugin keeps what it derives from core's facts (an economic
// impact trigger fired by a proposed fine) in the transaction that changed them, so the derived row
// and the fact commit together, and a refusal later in that transaction takes both back.
import type { CompulsoryMeasureInput, DecideCaseInput } from './guard-inputs.js';
import type { EventScope, Payload, Topic } from './event-log/topic.js';
import type { CaseGuardChecks, DecideGuardContext, GuardContext, UnitOfWork } from './work/unit-of-work.js';

export interface CaseGuard {
  /** Who added it, e.g. 'economic-impact'; shown in logs. */
  name: string;
  /**
   * Fill in what the plugin's own record says about a decision before core's rules judge it (e.g. the 第32条
   * circumstance of a cited 从轻 / 减轻 list item replaces the free text). Return only the fields to set; throw a
   * ValidationError for input that contradicts the record.
   */
  prepareDecision?(ctx: DecideGuardContext, input: DecideCaseInput): Promise<DecisionCompletion | void>;
  /** Refuse a decision (throw a RuleViolation). Read what the decision needs from `ctx.decision`, not again. */
  beforeDecide?(ctx: DecideGuardContext, input: DecideCaseInput): Promise<void>;
  beforeCompulsoryMeasure?(ctx: GuardContext, input: CompulsoryMeasureInput): Promise<void>;
}

/** What `prepareDecision` may set on a decision: the fields a plugin's record can answer for. */
export type DecisionCompletion = Partial<Pick<DecideCaseInput, 'mitigatingCircumstance'>>;

/** A reaction to an event, run in the unit of work that emitted it, right after the event is appended. */
export type EventReaction<P extends Payload> = (uow: UnitOfWork, payload: P, scope: EventScope) => Promise<void>;

/** Reactions may emit in turn; a chain deeper than this is a loop between reactions, not a domain need. */
const MAX_REACTION_DEPTH = 4;

export class CaseGuards implements CaseGuardChecks {
  private readonly guards: CaseGuard[] = [];
  private readonly reactions = new Map<string, { name: string; react: EventReaction<Payload> }[]>();

  add(guard: CaseGuard): void {
    this.guards.push(guard);
  }

  /**
   * React to `topic` inside the emitting transaction (`name`: who added it, e.g. 'economic-impact').
   * The reaction reads with `uow.tx` what the emitting operation wrote, may write and emit, and a throw
   * refuses the whole operation. It runs on every emit of the topic, so it returns early on what it
   * does not need before reading anything.
   */
  react<P extends Payload>(topic: Topic<P>, name: string, react: EventReaction<P>): void {
    const list = this.reactions.get(topic.name) ?? [];
    // The topic's payload type is what its emitters promise; the map holds reactions of every topic.
    list.push({ name, react: react as EventReaction<Payload> });
    this.reactions.set(topic.name, list);
  }

  async afterEmit(uow: UnitOfWork, topic: string, payload: Payload, scope: EventScope, depth: number): Promise<void> {
    const list = this.reactions.get(topic);
    if (!list) return;
    if (depth > MAX_REACTION_DEPTH)
      throw new Error(`event reactions nested deeper than ${MAX_REACTION_DEPTH} at ${topic}: a loop between reactions`);
    for (const r of list) await r.react(uow, payload, scope);
  }

  get names(): string[] {
    return [...this.guards.map((g) => g.name), ...[...this.reactions.values()].flat().map((r) => r.name)];
  }

  async prepareDecision(ctx: DecideGuardContext, input: DecideCaseInput): Promise<DecideCaseInput> {
    let out = input;
    for (const g of this.guards) {
      const set = await g.prepareDecision?.(ctx, out);
      if (set) out = { ...out, ...set };
    }
    return out;
  }

  async beforeDecide(ctx: DecideGuardContext, input: DecideCaseInput): Promise<void> {
    for (const g of this.guards) await g.beforeDecide?.(ctx, input);
  }

  async beforeCompulsoryMeasure(ctx: GuardContext, input: CompulsoryMeasureInput): Promise<void> {
    for (const g of this.guards) await g.beforeCompulsoryMeasure?.(ctx, input);
  }
}
