// A subscription outlives the moment its caller was identified: a role may be removed, an API key
// revoked, a token may expire while it is open. Before each event is handed on, the caller's
// credential is checked again — its expiry every time, the database whenever an event concerns
// the caller (in event order, so nothing after a revocation slips through, on every instance) and
// otherwise at most every `maxAgeMs` (for changes made outside the unit of work). A caller that
// lost access gets one final error instead of the event, and the subscription ends.
import type { CallerCheck, Context } from '../context.js';
import type { Viewer } from '../auth/viewer.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import { concernsCaller, keepsAccess } from './access-change.js';
import type { StoredEvent } from '../event-log/store.js';
import { isImmediateSource, type ImmediateSource } from '../event-log/bus.js';

export const CREDENTIAL_EXPIRED = { zh: '令牌已过期，订阅已结束', en: 'the token expired; the subscription ended' };
export const ACCESS_CHANGED = {
  zh: '访问权限已变更，订阅已结束；可重新订阅（用 after 续传）',
  en: 'your access changed; the subscription ended — subscribe again (with after) to resume',
};

/** Yielded once, last, in place of an event: the subscription field's resolver raises `error`. */
export class SubscriptionEnded {
  constructor(readonly error: unknown) {}
}

/** For a subscription field's resolver: the event, or the error that ended the subscription. */
export function unlessEnded<T>(value: T | SubscriptionEnded): T {
  if (value instanceof SubscriptionEnded) throw value.error;
  return value;
}

/**
 * `source` yields events accepted for the caller as identified at the start, plus every event
 * that concerns the caller (so a change of access is seen in order). `deliverable` says which of
 * them the subscriber asked for and may see.
 */
export function whileAccessHolds(
  ctx: Pick<Context, 'viewer' | 'caller'>,
  source: AsyncIterableIterator<StoredEvent>,
  deliverable: (e: StoredEvent) => boolean,
): AsyncIterableIterator<StoredEvent | SubscriptionEnded> & ImmediateSource<StoredEvent> {
  return new AccessWatch(ctx.viewer, ctx.caller, source, deliverable);
}

/** whileAccessHolds' iterator: a class, so an idle subscriber holds one object and no closures. */
class AccessWatch implements AsyncIterableIterator<StoredEvent | SubscriptionEnded>, ImmediateSource<StoredEvent> {
  private checkedAt = Date.now();
  private ended = false;
  /** The source, when it offers events as they arrive (the bus's subscription does). */
  private readonly immediate: ImmediateSource<StoredEvent> | null;

  constructor(
    private readonly viewer: Viewer,
    private readonly caller: CallerCheck | undefined,
    private readonly source: AsyncIterableIterator<StoredEvent>,
    private readonly deliverable: (e: StoredEvent) => boolean,
  ) {
    this.immediate = isImmediateSource<StoredEvent>(source) ? source : null;
  }

  private async end(error: unknown): Promise<IteratorResult<SubscriptionEnded>> {
    this.ended = true;
    await this.source.return?.();
    return { done: false, value: new SubscriptionEnded(error) };
  }

  private expired(caller: CallerCheck): boolean {
    return !!caller.expiresAt && Date.now() >= caller.expiresAt.getTime();
  }

  /** Whether the caller must be identified again before `e` is handed on (expiry aside). */
  private due(e: StoredEvent): boolean {
    return concernsCaller(this.viewer, e) || Date.now() - this.checkedAt >= this.caller!.maxAgeMs;
  }

  /** Null while the caller keeps access; otherwise the error to end with. */
  private async lostAccess(e: StoredEvent): Promise<unknown> {
    const { caller, viewer } = this;
    if (!caller) return null;
    let now: Viewer;
    try {
      // An event about the caller reads the database: the instance's viewer cache may not have heard yet.
      now = await caller.recheck({ fresh: concernsCaller(viewer, e) });
    } catch (err) {
      // Fail closed: revoked or unreachable, nothing more is delivered on this credential.
      return err ?? new Error('caller recheck failed');
    }
    this.checkedAt = Date.now();
    return keepsAccess(viewer, now) ? null : new ForbiddenError(ACCESS_CHANGED);
  }

  async next(): Promise<IteratorResult<StoredEvent | SubscriptionEnded>> {
    while (!this.ended) {
      const r = await this.source.next();
      if (r.done) return r;
      const caller = this.caller;
      if (caller) {
        if (this.expired(caller)) return this.end(new UnauthenticatedError(CREDENTIAL_EXPIRED));
        // Most events need no new identification: no promise for them (ten thousand subscribers each take every event).
        if (this.due(r.value)) {
          const lost = await this.lostAccess(r.value);
          if (lost) return this.end(lost);
        }
      }
      if (this.deliverable(r.value)) return r;
    }
    return { done: true, value: undefined };
  }

  listen(consumer: { ready(): void }): boolean {
    return !!this.immediate && this.immediate.listen(consumer);
  }

  /**
   * The same checks as next(), for an event taken as it arrives: one that is past the credential's
   * expiry or needs the caller identified again is left to next(), which may end the subscription.
   */
  peek(): StoredEvent | undefined {
    const source = this.immediate;
    if (!source) return undefined;
    while (!this.ended) {
      const e = source.peek();
      if (e === undefined || (this.caller && (this.expired(this.caller) || this.due(e)))) return undefined;
      if (this.deliverable(e)) return e;
      source.take(); // next() passes over it too
    }
    return undefined;
  }

  take(): void {
    this.immediate?.take();
  }

  async return(value?: unknown): Promise<IteratorResult<StoredEvent | SubscriptionEnded>> {
    this.ended = true;
    await this.source.return?.(value);
    return { done: true, value: undefined };
  }

  throw(err?: unknown): Promise<IteratorResult<StoredEvent | SubscriptionEnded>> {
    this.ended = true;
    return this.source.throw?.(err) ?? Promise.reject(err);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
