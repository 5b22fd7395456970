import type { Db } from '../db.js';
import { comparePositions, ORIGIN, type Position } from './position.js';
import { readSettled, settledHead, type StoredEvent } from './store.js';

type BatchListener = (batch: StoredEvent[], from: Position, to: Position) => void;

export interface SubscribeOptions {
  /** Replay events after this position first; without it, start live from now. */
  after?: Position;
  /** Which events this subscriber wants and may see (topic and authorisation filters). */
  accept: (e: StoredEvent) => boolean;
}

export interface EventBusOptions {
  /** Sweep interval: a row held back behind a slow transaction settles without a new NOTIFY. */
  sweepMs?: number;
  /** Catch-up page size and the most events buffered for one slow live subscriber. */
  pageSize?: number;
  maxBuffered?: number;
}

/**
 * Delivers committed events to subscribers in one total order, exactly once each.
 * One poller per instance reads new settled rows and hands each batch to subscribers whose
 * position lies inside it; a subscriber that is behind (replaying `after`, or too slow) reads
 * the log itself until it reaches the poller's head, then goes live again.
 */
export class EventBus {
  private head: Position = ORIGIN;
  private readonly listeners = new Set<BatchListener>();
  private readonly closers = new Set<() => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly pageSize: number;
  private readonly maxBuffered: number;

  constructor(
    private readonly db: Db,
    private readonly options: EventBusOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 100;
    this.maxBuffered = options.maxBuffered ?? 1000;
  }

  async start(): Promise<void> {
    this.head = await settledHead(this.db);
    this.timer = setInterval(() => this.wake(), this.options.sweepMs ?? 500);
    this.timer.unref();
  }

  /** Stop polling, end every subscription, and wait for a poll in flight (the database may close next). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const close of this.closers) close();
    while (this.running) await this.running;
  }

  /** Live subscriptions on this instance (health and tests). */
  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Something may have committed: poll now (coalesced). */
  wake(): void {
    // A NOTIFY or a late mutate() after shutdown must not query a database being closed.
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pollOnce().catch((err) => console.error('[zhifa] event poll failed', err));
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
  }

  /** Resolves once every event committed before the call has been handed to live subscribers. */
  async flush(): Promise<void> {
    this.wake();
    while (this.running) await this.running;
  }

  private async pollOnce(): Promise<void> {
    while (!this.stopped) {
      const rows = await readSettled(this.db, this.head, 500);
      if (rows.length === 0) return;
      const from = this.head;
      const last = rows[rows.length - 1];
      this.head = { txid: last.txid, id: last.id };
      for (const l of this.listeners) l(rows, from, this.head);
    }
  }

  subscribe(options: SubscribeOptions): AsyncIterableIterator<StoredEvent> {
    const bus = this;
    // `read`: how far this subscriber has looked; `delivered`: the last event it has yielded.
    let read = options.after ?? bus.head;
    let delivered = read;
    let pending: StoredEvent[] = [];
    let wakeup: (() => void) | null = null;
    let reading = false;
    let done = false;

    const onBatch: BatchListener = (batch, from, to) => {
      // A batch holds every settled row in (from, to]. A subscriber positioned anywhere in that
      // range takes the rows after its position; one that is behind `from` reads the log itself
      // (it must not take this batch: the rows between it and `from` would be skipped), and one
      // reading the log right now resumes from wherever that read ends.
      if (!reading && comparePositions(from, read) <= 0 && comparePositions(read, to) < 0) {
        for (const e of batch) if (comparePositions(e, read) > 0 && options.accept(e)) pending.push(e);
        read = to;
        if (pending.length > bus.maxBuffered) {
          // Too slow to keep up live: drop the buffer and fall back to reading the log.
          pending = [];
          read = delivered;
        }
      }
      wakeup?.();
    };
    const close = () => {
      done = true;
      bus.listeners.delete(onBatch);
      bus.closers.delete(close);
      wakeup?.();
    };
    bus.listeners.add(onBatch);
    bus.closers.add(close);
    if (bus.stopped) close();

    const park = () => new Promise<void>((resolve) => (wakeup = resolve)).then(() => void (wakeup = null));

    async function* run(): AsyncGenerator<StoredEvent> {
      try {
        while (!done) {
          const next = pending.shift();
          if (next) {
            delivered = { txid: next.txid, id: next.id };
            yield next;
            continue;
          }
          if (comparePositions(read, bus.head) < 0) {
            let rows: StoredEvent[];
            reading = true;
            try {
              rows = await readSettled(bus.db, read, bus.pageSize);
            } catch (err) {
              // A database hiccup must not end a supervisor's subscription: retry on the next sweep.
              console.error('[zhifa] event catch-up read failed', err);
              await park();
              continue;
            } finally {
              reading = false;
            }
            for (const e of rows) {
              read = { txid: e.txid, id: e.id };
              if (options.accept(e)) pending.push(e);
            }
            if (rows.length > 0) continue;
          }
          await park();
        }
      } finally {
        close();
      }
    }
    // An async generator parked on an `await` ignores return() until it next yields; a client
    // that unsubscribes while nothing is happening must still be released at once.
    const gen = run();
    return {
      next: () => gen.next(),
      return: () => {
        close();
        return gen.return(undefined);
      },
      throw: (err?: unknown) => {
        close();
        return gen.throw(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
