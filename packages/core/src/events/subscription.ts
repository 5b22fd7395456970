// The one way a plugin declares a live subscription: a topic, the GraphQL type it yields, an
// optional filter on its arguments, and how to turn the event into that type. Authorisation
// (canSeeEvent), replay with `after`, and exactly-once in-order delivery come from core.
import { contextCacheSymbol } from '@pothos/core';
import type { ZhifaBuilder } from '../builder.js';
import type { Context } from '../context.js';
import { ValidationError } from '../errors.js';
import { decodeCursor, type Position } from './position.js';
import type { StoredEvent } from './store.js';
import { canSeeEvent } from './visibility.js';

export interface TopicSubscription<Args extends Record<string, unknown>> {
  /** GraphQL field name on Subscription, e.g. 'nonPenaltyGranted'. */
  field: string;
  description: string;
  topics: string[];
  /** Output type: a name registered on the builder (object or prisma object). */
  type: string;
  /** Extra arguments (the `after` cursor is added for you). */
  args?: (t: any) => Record<string, any>;
  /** Narrow by arguments, e.g. only one agency's events. */
  filter?: (event: StoredEvent, args: Args, ctx: Context) => boolean;
  /** Turn a delivered event into the output value (load the row it names). */
  resolve: (event: StoredEvent, args: Args, ctx: Context) => unknown;
  authScopes?: Record<string, unknown>;
}

export function parseAfter(after: string | null | undefined): Position | undefined {
  if (after == null) return undefined;
  const pos = decodeCursor(after);
  if (!pos) throw ValidationError.one(['after'], { zh: '事件游标无效', en: 'invalid event cursor' });
  return pos;
}

export function subscribeToTopics(
  ctx: Context,
  topics: readonly string[],
  after: string | null | undefined,
  filter: (e: StoredEvent) => boolean = () => true,
): AsyncIterableIterator<StoredEvent> {
  const wanted = new Set(topics);
  const events = ctx.events.subscribe({
    after: parseAfter(after),
    accept: (e) => (wanted.size === 0 || wanted.has(e.topic)) && canSeeEvent(ctx.viewer, e) && filter(e),
  });
  return freshLoadersPerEvent(ctx, events);
}

/**
 * One subscription keeps one context for its whole life, and Pothos keys its per-request caches
 * (dataloaders, prisma relation loaders) on the context: without a reset, the tenth event would
 * be resolved from rows cached at the first. graphql-js resolves each event before asking for the
 * next, so a fresh cache key per event is safe.
 */
function freshLoadersPerEvent<T>(ctx: Context, source: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  const holder = ctx as unknown as Record<symbol, unknown>;
  return {
    next: async () => {
      const r = await source.next();
      if (!r.done) holder[contextCacheSymbol] = {};
      return r;
    },
    return: (v?: unknown) => source.return?.(v) ?? Promise.resolve({ done: true, value: undefined as never }),
    throw: (e?: unknown) => source.throw?.(e) ?? Promise.reject(e),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export function defineTopicSubscription<Args extends Record<string, unknown>>(
  builder: ZhifaBuilder,
  spec: TopicSubscription<Args>,
): void {
  builder.subscriptionField(spec.field, (t) =>
    t.field({
      type: spec.type as never,
      description: spec.description,
      authScopes: spec.authScopes as never,
      args: {
        ...(spec.args?.(t.arg) ?? {}),
        after: t.arg.string({ required: false, description: '从该事件游标之后开始（先补发错过的事件）Replay after this event cursor' }),
      },
      subscribe: (_root, args, ctx) =>
        subscribeToTopics(ctx, spec.topics, args.after as string | undefined, (e) =>
          spec.filter ? spec.filter(e, args as unknown as Args, ctx) : true,
        ),
      resolve: (event, args, ctx) => spec.resolve(event as unknown as StoredEvent, args as unknown as Args, ctx) as never,
    }),
  );
}
