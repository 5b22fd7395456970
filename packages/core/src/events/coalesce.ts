// Coalescing for a subscription whose messages are a state, not a stream of facts (live figures): the subscriber
// gets at most one value per interval, however fast events arrive. The first event after a quiet interval goes
// at once (with any that are already waiting); events arriving within the interval after a message was sent are
// folded into ONE message at its end, carrying the LAST of them — the resolver reads the state then, so a message
// is never staler than the events it covers, and the event's cursor is the last one covered (resuming with
// `after` from it misses nothing). An ending (access lost, SubscriptionEnded) passes at once and drops what was
// held: nothing is delivered after it.
import { SubscriptionEnded } from './recheck.js';

export function coalesce<T>(
  source: AsyncIterableIterator<T | SubscriptionEnded>,
  intervalMs: number,
): AsyncIterableIterator<T | SubscriptionEnded> {
  return new Coalesced(source, intervalMs);
}

/** A class, so an idle subscriber holds one object and no closures (recheck.ts says why). */
class Coalesced<T> implements AsyncIterableIterator<T | SubscriptionEnded> {
  /** A read of the source still in flight when a window closed: the next window starts with it. */
  private pending: Promise<IteratorResult<T | SubscriptionEnded>> | null = null;
  /** The end of the source, seen while a window was open: delivered after that window's message. */
  private held: IteratorResult<T | SubscriptionEnded> | null = null;
  /** Whether a value was handed on: the consumer asking for the next one means it has been sent. */
  private sentAny = false;

  constructor(
    private readonly source: AsyncIterableIterator<T | SubscriptionEnded>,
    private readonly intervalMs: number,
  ) {}

  private read(): Promise<IteratorResult<T | SubscriptionEnded>> {
    return (this.pending ??= this.source.next());
  }

  async next(): Promise<IteratorResult<T | SubscriptionEnded>> {
    if (this.held) {
      const end = this.held;
      this.held = null;
      return end;
    }
    // The consumer (graphql-ws) asks for the next value once it has sent the last: the interval runs from now,
    // so messages on the wire are an interval apart whatever resolving one takes.
    const deadline = this.sentAny ? Date.now() + this.intervalMs : -Infinity;
    const first = await this.read();
    this.pending = null;
    if (first.done || first.value instanceof SubscriptionEnded) return first;
    let latest = first;
    // Events already waiting (a replay after `after`, a burst that came while the last message was resolved)
    // are folded in even when no wait is due: a zero wait still lets a read that is ready win the race.
    for (;;) {
      const r = await this.readFor(Math.max(0, deadline - Date.now()));
      if (r === null) break; // the window closed; the read goes on into the next one
      this.pending = null;
      if (r.value instanceof SubscriptionEnded) return r;
      if (r.done) {
        this.held = r;
        break;
      }
      latest = r;
    }
    this.sentAny = true;
    return latest;
  }

  /** The source's next result, or null when `ms` pass first. */
  private async readFor(ms: number): Promise<IteratorResult<T | SubscriptionEnded> | null> {
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<null>((resolve) => {
      timer = setTimeout(resolve, ms, null);
      timer.unref();
    });
    try {
      return await Promise.race([this.read(), elapsed]);
    } finally {
      clearTimeout(timer);
    }
  }

  async return(value?: unknown): Promise<IteratorResult<T | SubscriptionEnded>> {
    await this.source.return?.(value);
    return { done: true, value: undefined };
  }

  throw(err?: unknown): Promise<IteratorResult<T | SubscriptionEnded>> {
    return this.source.throw?.(err) ?? Promise.reject(err);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
