// The unit of work: the one way anything writes. It opens a transaction and hands the work the
// transaction, the viewer, one clock reading, the plugins' settings, the case guards and `emit`.
// The domain change and its events commit together or not at all; once committed, the local event
// bus is woken (other instances hear the NOTIFY). A write must emit at least one event — the event
// log is the audit trail — unless it says why not (`{ silent: 'reason' }`). Each emitted event is handed
// to the reactions plugins added for its topic (guards.ts CaseGuards.react), inside the same transaction.
import type { Db } from '../db.js';
import type { EnforcementCase, PrismaClient } from '../generated/prisma/client.js';
import { actorOf, type Viewer } from '../auth/viewer.js';
import type { CompulsoryMeasureInput, DecideCaseInput, DecisionFacts } from '../guard-inputs.js';
import type { PluginSettings } from '../settings.js';
import { appendEvent } from '../event-log/store.js';
import type { EventScope, Payload, Topic } from '../event-log/topic.js';

export interface UnitOfWork {
  readonly tx: Db;
  readonly viewer: Viewer;
  /** One reading of the clock for the whole unit: every row and event it writes carries the same time. */
  readonly now: Date;
  readonly settings: PluginSettings;
  /** The case guards plugins added (guards.ts CaseGuards); core's case operations call them. */
  readonly guards: CaseGuardChecks;
  emit<P extends Payload>(topic: Topic<P>, payload: P, scope: EventScope): Promise<void>;
  /** The same unit acting for someone else (demo data acting as the case's officer). */
  as(viewer: Viewer): UnitOfWork;
}

/** The case operation's unit of work (read with uow.tx, refuse by throwing, record with uow.emit) and the locked case. */
export interface GuardContext {
  uow: UnitOfWork;
  case: EnforcementCase;
}

/** A decision's guard context: the unit of work, the locked case, and everything the decision was judged on. */
export interface DecideGuardContext extends GuardContext {
  decision: DecisionFacts;
}

/**
 * What a unit asks of its case guards: each check runs every guard a plugin added (guards.ts
 * CaseGuards), refusing by throwing. Declared here, with what the guards receive, so that the
 * unit of work does not name the guards' own module.
 */
export interface CaseGuardChecks {
  /** The decision as the plugins' records complete it, before core's rules judge it. */
  prepareDecision(ctx: DecideGuardContext, input: DecideCaseInput): Promise<DecideCaseInput>;
  beforeDecide(ctx: DecideGuardContext, input: DecideCaseInput): Promise<void>;
  beforeCompulsoryMeasure(ctx: GuardContext, input: CompulsoryMeasureInput): Promise<void>;
  /** The reactions plugins added to `topic` (guards.ts CaseGuards.react); `depth` counts reactions emitting in turn. */
  afterEmit(uow: UnitOfWork, topic: string, payload: Payload, scope: EventScope, depth: number): Promise<void>;
}

/** What a unit of work needs from its surroundings: a request context, or the demo-data loader. */
export interface WorkEnvironment {
  prisma: PrismaClient;
  viewer: Viewer;
  guards: CaseGuardChecks;
  settings: PluginSettings;
  clock: () => Date;
  /** The event bus to wake after commit; absent where no bus runs (demo data before start-up). */
  events?: { wake(): void };
  /** Called after commit with the topics emitted (Context.settle). */
  settle?: (topics: readonly string[]) => Promise<void>;
}

export interface WorkOptions {
  /** The write deliberately emits no event; say why (it is read in review, not at run time). */
  silent?: string;
}

export class NoEventEmitted extends Error {
  constructor() {
    super('a unit of work committed nothing to the event log; emit an event or pass { silent: "why" }');
  }
}

export async function unitOfWork<T>(
  env: WorkEnvironment,
  work: (uow: UnitOfWork) => Promise<T>,
  options: WorkOptions = {},
): Promise<T> {
  const now = env.clock();
  let emitted = 0;
  let depth = 0;
  const topics: string[] = [];
  const result = await env.prisma.$transaction(
    async (tx) => {
      const make = (viewer: Viewer): UnitOfWork => ({
        tx,
        viewer,
        now,
        settings: env.settings,
        guards: env.guards,
        emit: async (topic, payload, scope) => {
          emitted++;
          topics.push(topic.name);
          await appendEvent(tx, { topic: topic.name, ...scope, payload, actor: actorOf(viewer) });
          depth++;
          try {
            await env.guards.afterEmit(make(viewer), topic.name, payload, scope, depth);
          } finally {
            depth--;
          }
        },
        as: make,
      });
      const value = await work(make(env.viewer));
      if (emitted === 0 && options.silent === undefined) throw new NoEventEmitted();
      return value;
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
  env.events?.wake();
  if (env.settle) await env.settle(topics);
  return result;
}
