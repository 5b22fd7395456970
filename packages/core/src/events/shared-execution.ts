// Per-event work once per event, not once per subscriber, where visibility allows.
//
// Every live subscriber of `Subscription.events` is handed the very same StoredEvent object by the
// bus (one poll, one batch). What a subscriber then receives for it depends on the operation
// (document, variables) and on the caller only through `actor` (shown to staff only): the event's
// visibility itself (canSeeEvent), the re-check of the caller and the credential's expiry stay per
// subscriber, upstream of this. So the GraphQL execution of an event's selection is done once per
// (event, document, variables, may-see-actor) and its result shared; ten thousand supervisors
// watching the log cost one execution per event instead of ten thousand.
//
// An envelop plugin: it replaces the subscribe function of operations whose only root field is
// `events`, keeping graphql-js's source stream (the field's own subscribe, auth included) and
// mapping each source event through a shared execution. Everything else is left alone.
import { createSourceEventStream, execute, Kind, type DocumentNode, type ExecutionArgs, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { Context } from '../context.js';
import { canSeeActorIds } from '../auth/rows.js';
import type { StoredEvent } from './store.js';

type Shared = Map<string, Promise<ExecutionResult> | ExecutionResult>;

/** Results per event object: dropped with the event once no subscriber holds it. */
const results = new WeakMap<object, Shared>();

function operationOf(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? ops.find((o) => o.name?.value === name) : ops.length === 1 ? ops[0] : undefined;
}

/** The operation subscribes to `events` alone (aliases allowed), with no fragments to resolve elsewhere. */
function sharesEvents(args: ExecutionArgs): boolean {
  const op = operationOf(args.document, args.operationName);
  if (!op || op.operation !== 'subscription') return false;
  const roots = op.selectionSet.selections;
  return roots.length === 1 && roots[0]!.kind === Kind.FIELD && roots[0]!.name.value === 'events' && !roots[0]!.directives?.length;
}

function isStoredEvent(v: unknown): v is StoredEvent {
  return typeof v === 'object' && v !== null && typeof (v as StoredEvent).id === 'bigint' && typeof (v as StoredEvent).topic === 'string';
}

/**
 * One subscriber's stream of results: its own source events, each mapped through the execution
 * shared by every subscriber with the same key. A class (no generator, no closures): ten thousand
 * idle subscribers each hold one.
 */
class SharedEventResults implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterableIterator<unknown>,
    private readonly args: ExecutionArgs,
    private readonly key: string,
  ) {}

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const r = await this.source.next();
    if (r.done) return { done: true, value: undefined };
    const payload = r.value;
    // The end of a subscription (access lost) and anything else not an event are the subscriber's own.
    if (!isStoredEvent(payload)) return { done: false, value: (await execute({ ...this.args, rootValue: payload })) as ExecutionResult };
    let shared = results.get(payload);
    if (!shared) results.set(payload, (shared = new Map()));
    let result = shared.get(this.key);
    if (result === undefined) {
      result = execute({ ...this.args, rootValue: payload }) as Promise<ExecutionResult> | ExecutionResult;
      shared.set(this.key, result);
    }
    return { done: false, value: await result };
  }

  // Ending the results ends the source at once (it may be parked waiting for events).
  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    return { done: true, value: undefined };
  }

  async throw(err?: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    throw err;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

function sharingKey(args: ExecutionArgs): string {
  const ctx = args.contextValue as Context;
  let document = documentKeys.get(args.document);
  if (document === undefined) documentKeys.set(args.document, (document = String(nextDocument++)));
  return `${document}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${canSeeActorIds(ctx.viewer) ? 'staff' : 'other'}`;
}

const documentKeys = new WeakMap<DocumentNode, string>();
let nextDocument = 0;

/** The subscribe function for `events`-only operations: one source stream each, shared executions. */
export async function subscribeSharingEvents(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in (source as object))) return source as ExecutionResult;
  return new SharedEventResults(source as AsyncIterableIterator<unknown>, args, sharingKey(args));
}

/** Envelop/yoga plugin: `events`-only subscriptions share each event's execution (see the top of this file). */
export function useSharedEventExecution(): {
  onSubscribe: (p: { args: ExecutionArgs; setSubscribeFn: (fn: (args: ExecutionArgs) => unknown) => void }) => void;
} {
  return {
    onSubscribe: ({ args, setSubscribeFn }) => {
      if (sharesEvents(args)) setSubscribeFn(subscribeSharingEvents);
    },
  };
}
