// The one way a plugin declares a live subscription: a topic, the GraphQL type it yields, an
// optional filter on its arguments, and how to turn the event into that type. Authorisation
// (canSeeEvent), replay with `after`, and exactly-once in-order delivery come from core.
import { contextCacheSymbol } from '@pothos/core';
import type {
  ArgBuilder,
  InputFieldMap,
  InputShapeFromFields,
  MaybePromise,
  OutputShape,
  OutputType,
} from '@pothos/core';
import type { FieldAuthScopes } from '@pothos/plugin-scope-auth';
import type { ZhifaBuilder, ZhifaSchemaTypes } from '../builder.js';
import type { Payload, Topic } from '../event-log/topic.js';
import type { Context } from '../context.js';
import { ValidationError } from '../errors.js';
import { decodeCursor, type Position } from '../event-log/position.js';
import type { StoredEvent } from '../event-log/store.js';
import { canSeeEvent } from '../event-log/visibility.js';
import { concernsCaller } from './access-change.js';
import { unlessEnded, whileAccessHolds, type SubscriptionEnded } from './recheck.js';
import { coalesce } from './coalesce.js';

/** A delivered event whose payload has its topic's declared type. */
export type TopicEvent<P extends Payload> = Omit<StoredEvent, 'payload'> & { payload: P };

export interface TopicSubscription<
  P extends Payload,
  Type extends OutputType<ZhifaSchemaTypes>,
  Args extends InputFieldMap,
> {
  /** GraphQL field name on Subscription, e.g. 'nonPenaltyGranted'. */
  field: string;
  description: string;
  topics: readonly Topic<P>[];
  /** Output type: a ref or the name of an object registered on the builder. */
  type: Type;
  /** Extra arguments (the `after` cursor is added for you). */
  args?: (arg: ArgBuilder<ZhifaSchemaTypes>) => Args;
  /** Narrow by arguments, e.g. only one agency's events. Visibility (canSeeEvent) is applied first. */
  filter?: (event: TopicEvent<P>, args: InputShapeFromFields<Args>, ctx: Context) => boolean;
  /** Turn a delivered event into the output value (load the row it names); null when it is gone. */
  resolve: (
    event: TopicEvent<P>,
    args: InputShapeFromFields<Args>,
    ctx: Context,
  ) => MaybePromise<OutputShape<ZhifaSchemaTypes, Type> | null>;
  authScopes?: FieldAuthScopes<ZhifaSchemaTypes, unknown, InputShapeFromFields<Args>>;
  /**
   * For a subscription whose messages are a state (live figures) rather than facts: at most one message per
   * this many milliseconds per subscriber, events in between folded into the last (coalesce.ts). A number, or
   * read from the context (a plugin setting). Without it, every event is a message.
   */
  coalesceMs?: number | ((ctx: Context) => number);
  /**
   * Who may be woken by an event, in place of canSeeEvent. Only for a subscription that hands out nothing
   * of the event but its cursor, and whose `resolve` reads what it yields under the caller's own access (its
   * authScopes having admitted the caller): e.g. the survey organisation's batch event wakes the evaluated
   * agency's subscriber, who then reads its own agency's figures, never the batch.
   */
  wakes?: (event: TopicEvent<P>, ctx: Context) => boolean;
}

export function parseAfter(after: string | null | undefined): Position | undefined {
  if (after == null) return undefined;
  const pos = decodeCursor(after);
  if (!pos) throw ValidationError.one(['after'], { zh: '事件游标无效', en: 'invalid event cursor' });
  return pos;
}

/**
 * The events of `topics` the caller may see, after `after`, for as long as the caller keeps that
 * access (see recheck.ts). The field's resolver passes each value through `unlessEnded`.
 */
export function subscribeToTopics(
  ctx: Context,
  topics: readonly string[],
  after: string | null | undefined,
  filter: (e: StoredEvent) => boolean = ANY,
  options: {
    loadsRows?: boolean;
    /** At most one event per this many milliseconds, the last of those in between (coalesce.ts). */
    coalesceMs?: number;
    /** In place of canSeeEvent (TopicSubscription.wakes says when). */
    visible?: (e: StoredEvent) => boolean;
  } = {},
): AsyncIterableIterator<StoredEvent | SubscriptionEnded> {
  const watch = new TopicWatch(ctx.viewer, new Set(topics), filter, options.visible);
  // Bound methods, not closures: an idle subscriber holds these for its whole life.
  const deliverable = watch.deliverable.bind(watch);
  const events = ctx.events.subscribe({ after: parseAfter(after), accept: watch.accept.bind(watch) });
  const watched = whileAccessHolds(ctx, events, deliverable);
  const live = options.coalesceMs ? coalesce(watched, options.coalesceMs) : watched;
  // A subscription whose resolver loads rows needs fresh loaders per event; one that hands out the
  // event itself (Subscription.events) keeps its context as it is: a reset would also make Pothos
  // recompute the operation's complexity and every plugin's per-request state, for every subscriber,
  // on every event.
  return options.loadsRows === false ? live : freshLoadersPerEvent(ctx, live);
}

const ANY = () => true;

/** Which events of the log one subscriber asked for and may see. */
class TopicWatch {
  constructor(
    private readonly viewer: Context['viewer'],
    private readonly wanted: ReadonlySet<string>,
    private readonly filter: (e: StoredEvent) => boolean,
    private readonly visible?: (e: StoredEvent) => boolean,
  ) {}

  deliverable(e: StoredEvent): boolean {
    return (
      (this.wanted.size === 0 || this.wanted.has(e.topic)) &&
      (this.visible ? this.visible(e) : canSeeEvent(this.viewer, e)) &&
      this.filter(e)
    );
  }

  /**
   * What the bus hands on: the deliverable events, and events about the caller whatever the
   * topics, so a change to the caller's access is noticed in event order, before any event after it.
   */
  accept(e: StoredEvent): boolean {
    return this.deliverable(e) || concernsCaller(this.viewer, e);
  }
}

/**
 * One subscription keeps one context for its whole life, and Pothos keys its per-request caches
 * (dataloaders, prisma relation loaders) on the context: without a reset, the tenth event would
 * be resolved from rows cached at the first. graphql-js resolves each event before asking for the
 * next, so a fresh cache key per event is safe.
 */
function freshLoadersPerEvent<T>(ctx: Context, source: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  // Pothos keys its caches on a symbol property of the context object; Context does not declare it.
  const holder: Record<symbol, unknown> = ctx as Context & Record<symbol, unknown>;
  return {
    next: async () => {
      const r = await source.next();
      if (!r.done) holder[contextCacheSymbol] = {};
      return r;
    },
    return: (v?: unknown) => source.return?.(v) ?? Promise.resolve({ done: true as const, value: undefined }),
    throw: (e?: unknown) => source.throw?.(e) ?? Promise.reject(e),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export function defineTopicSubscription<
  P extends Payload,
  Type extends OutputType<ZhifaSchemaTypes>,
  Args extends InputFieldMap = Record<never, never>,
>(builder: ZhifaBuilder, spec: TopicSubscription<P, Type, Args>): void {
  // The events a topic list can yield carry that topic's payload: the one place the stored JSON is
  // read as P, checked when the payload was written through the same Topic<P> (UnitOfWork.emit).
  const typed = (e: StoredEvent) => e as TopicEvent<P>;
  // The field's arguments are the plugin's Args plus `after`; a generic Args cannot be related to
  // the shape Pothos infers for the union, so the plugin's share is named here, once.
  const own = (args: object) => args as InputShapeFromFields<Args>;
  const scopes = spec.authScopes;
  const resolveEvent = (event: StoredEvent | SubscriptionEnded, args: object, ctx: Context) =>
    spec.resolve(typed(unlessEnded(event)), own(args), ctx);
  builder.subscriptionField(spec.field, (t) => {
    const ownArgs: InputFieldMap = spec.args?.(t.arg) ?? {};
    return t.field({
      type: spec.type,
      nullable: true,
      description: spec.description,
      authScopes:
        typeof scopes === 'function' ? (parent, args, ctx, info) => scopes(parent, own(args), ctx, info) : scopes,
      args: {
        ...ownArgs,
        after: t.arg.string({
          required: false,
          description: '从该事件游标之后开始（先补发错过的事件）Replay after this event cursor',
        }),
      },
      subscribe: (_root, args, ctx) => {
        const wakes = spec.wakes;
        return subscribeToTopics(
          ctx,
          spec.topics.map((topic) => topic.name),
          args.after,
          (e) => !spec.filter || spec.filter(typed(e), own(args), ctx),
          {
            coalesceMs: typeof spec.coalesceMs === 'function' ? spec.coalesceMs(ctx) : spec.coalesceMs,
            visible: wakes && ((e) => wakes(typed(e), ctx)),
          },
        );
      },
      // Pothos' Resolver type stays a deferred conditional for a generic Type; spec.resolve is checked where the plugin calls this.
      resolve: resolveEvent as never, // cast explained above
    });
  });
}
