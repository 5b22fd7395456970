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
//
// Delivery is shared too, where the transport allows (a WebSocket operation's ctx.resultSink):
// each shared result is serialised once, and an event that arrives while the subscriber waits is
// written to its socket at once, in the bus's hand-out, when its checks need no wait (see
// ImmediateSource in bus.ts and AccessWatch.peek). Profiled at 10,000 subscribers, the promise
// chain each event otherwise climbs per subscriber (bus → access check → these results → masking
// → graphql-ws' loop, onNext, stringify, send) cost about as much as the socket writes themselves.
// Whatever cannot go at once — an expired credential, a recheck that is due, a result still being
// computed or carrying errors (masked on the ordinary way out), a socket with writes still queued —
// goes the ordinary way, in order, and so does everything after it until the subscriber waits again.
import {
  createSourceEventStream,
  execute,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context, ResultSink } from '../context.js';
import { canSeeActorIds } from '../auth/rows.js';
import { isImmediateSource, type ImmediateSource } from '../event-log/bus.js';
import type { StoredEvent } from '../event-log/store.js';

type Shared = Map<string, Promise<ExecutionResult> | ExecutionResult>;

/** Results per event object: dropped with the event once no subscriber holds it. */
const results = new WeakMap<object, Shared>();

/** Each shared result serialised once, for every subscriber written to directly. */
const serialised = new WeakMap<ExecutionResult, string>();

/** The result of `event` for every subscriber with `key`: executed by the first who asks. */
function sharedResult(
  event: StoredEvent,
  args: ExecutionArgs,
  key: string,
): Promise<ExecutionResult> | ExecutionResult {
  let shared = results.get(event);
  if (!shared) results.set(event, (shared = new Map() as Shared));
  let result = shared.get(key);
  if (result === undefined) {
    result = execute({ ...args, rootValue: event });
    shared.set(key, result);
  }
  return result;
}

function serialisedResult(result: ExecutionResult): string {
  let json = serialised.get(result);
  if (json === undefined) serialised.set(result, (json = JSON.stringify(result)));
  return json;
}

function operationOf(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return name ? ops.find((o) => o.name?.value === name) : ops.length === 1 ? ops[0] : undefined;
}

/** The operation subscribes to `events` alone (aliases allowed), with no fragments to resolve elsewhere. */
function sharesEvents(args: ExecutionArgs): boolean {
  const op = operationOf(args.document, args.operationName);
  if (!op || op.operation !== OperationTypeNode.SUBSCRIPTION) return false;
  const roots = op.selectionSet.selections;
  return (
    roots.length === 1 &&
    roots[0].kind === Kind.FIELD &&
    roots[0].name.value === 'events' &&
    !roots[0].directives?.length
  );
}

function isStoredEvent(v: unknown): v is StoredEvent {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as StoredEvent).id === 'bigint' &&
    typeof (v as StoredEvent).topic === 'string'
  );
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
    private readonly sink: ResultSink | undefined,
  ) {
    if (sink && isImmediateSource(source)) source.listen(this);
  }

  /** Events have arrived while this subscriber waits: write what can go at once (see the top of this file). */
  ready(): void {
    const source = this.source as AsyncIterableIterator<unknown> & ImmediateSource<unknown>;
    for (let e = source.peek(); e !== undefined; e = source.peek()) {
      if (!isStoredEvent(e)) return;
      const result = sharedResult(e, this.args, this.key);
      if ('then' in result || result.errors || !this.sink!.next(serialisedResult(result))) return;
      source.take();
    }
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const r = await this.source.next();
    if (r.done) return { done: true, value: undefined };
    const payload = r.value;
    // The end of a subscription (access lost) and anything else not an event are the subscriber's own.
    if (!isStoredEvent(payload)) return { done: false, value: await execute({ ...this.args, rootValue: payload }) };
    return { done: false, value: await sharedResult(payload, this.args, this.key) };
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
export async function subscribeSharingEvents(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in (source as object))) return source as ExecutionResult;
  return new SharedEventResults(
    source as AsyncIterableIterator<unknown>,
    args,
    sharingKey(args),
    (args.contextValue as Context).resultSink,
  );
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
