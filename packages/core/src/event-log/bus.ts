import type { Db } from '../db.js';
import { errorForLog } from '../log-fields.js';
import { comparePositions, ORIGIN, type Position } from './position.js';
import { readSettled, settledHead, type StoredEvent } from './store.js';

export interface SubscribeOptions {
  /** Replay events after this position first; without it, start live from now. */
  after?: Position;
  /** Which events this subscriber wants and may see (topic and authorisation filters). */
  accept: (e: StoredEvent) => boolean;
}

/**
 * Taking events as they arrive, without a promise per event and per layer: for a consumer that
 * can hand an event on at once (shared-execution.ts writes a result shared by many subscribers
 * straight to each socket). An iterator offers events this way only while its own consumer waits
 * in next() with nothing in flight, so events taken here and events taken through next() never
 * overtake one another; whatever the consumer does not take goes through next() as before.
 */
export interface ImmediateSource<T> {
  /** From now on `consumer.ready()` runs when events have arrived; false when this iterator cannot offer them. */
  listen(consumer: { ready(): void }): boolean;
  /** The next event, if it may be handed on now. */
  peek(): T | undefined;
  /** Consume the event peek() offered. */
  take(): void;
}

export function isImmediateSource<T>(it: object): it is ImmediateSource<T> {
  return (
    typeof (it as Partial<ImmediateSource<T>>).peek === 'function' &&
    typeof (it as Partial<ImmediateSource<T>>).listen === 'function'
  );
}

export interface EventBusOptions {
  /** Sweep interval: a row held back behind a slow transaction settles without a new NOTIFY. */
  sweepMs?: number;
  /** Catch-up page size and the most events buffered for one slow live subscriber. */
  pageSize?: number;
  maxBuffered?: number;
  /** Subscribers handed one batch per turn of the event loop (default 500). */
  fanoutChunk?: number;
  /** Where the bus reports a database outage and a failing consumer (the server's logger); JSON on stderr by default. */
  log?: BusLog;
}

/** The part of a structured logger (pino's) the bus writes to: one JSON line per call. */
export interface BusLog {
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

const STDERR_LOG: BusLog = {
  warn: (fields, msg) => console.error(JSON.stringify({ level: 'warn', time: new Date(), ...fields, msg })),
  error: (fields, msg) => console.error(JSON.stringify({ level: 'error', time: new Date(), ...fields, msg })),
};

/**
 * Delivers committed events to subscribers in one total order, exactly once each.
 * One poller per instance reads new settled rows and hands each batch to subscribers whose
 * position lies inside it; a subscriber that is behind (replaying `after`, or too slow) reads
 * the log itself until it reaches the poller's head, then goes live again.
 */
export class EventBus {
  private head: Position = ORIGIN;
  private readonly live = new Set<BusSubscription>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly pageSize: number;
  private readonly maxBuffered: number;
  private readonly fanoutChunk: number;
  readonly log: BusLog;
  /** The outage under way: reads of the log fail (the database is away) since `since`. */
  private outage: { since: number; failures: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: EventBusOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 100;
    this.maxBuffered = options.maxBuffered ?? 1000;
    this.fanoutChunk = options.fanoutChunk ?? 500;
    this.log = options.log ?? STDERR_LOG;
  }

  /**
   * A read of the log failed (the poller's, or a subscriber catching up): one warning line when an
   * outage begins, not one per poll and subscriber while it lasts (the sweep retries twice a second).
   */
  readFailed(err: unknown): void {
    if (this.outage) {
      this.outage.failures++;
      return;
    }
    this.outage = { since: Date.now(), failures: 1 };
    this.log.warn(
      { error: errorForLog(err) },
      '事件日志读取失败，将自动重试 / reading the event log failed (database unavailable?); retrying',
    );
  }

  /** The poller read the log again: the outage, if any, is over — one line says so and how long it took. */
  private readSucceeded(): void {
    if (!this.outage) return;
    const { since, failures } = this.outage;
    this.outage = null;
    this.log.warn(
      { outageMs: Date.now() - since, failedReads: failures },
      '事件日志恢复读取 / reading the event log again',
    );
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
    for (const sub of this.live) sub.close();
    while (this.running) await this.running;
  }

  /** Live subscriptions on this instance (health and tests). */
  get subscriberCount(): number {
    return this.live.size;
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
        await this.pollOnce().then(
          () => this.readSucceeded(),
          (err) => this.readFailed(err),
        );
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
      const to = { txid: last.txid, id: last.id };
      // Each subscriber's delivery runs as microtasks once it is woken: hand the batch over in
      // chunks with a turn of the event loop between them, so a fan-out to ten thousand does not
      // hold back HTTP answers (and the NOTIFY that starts the next poll) until it is all sent.
      // The head moves to the batch's end before the first chunk. A subscriber skipped while it
      // was reading the log may finish that read between two chunks: measured against `to` it
      // knows it is still behind and reads on, where against `from` it parked for good (CI saw a
      // subscriber stuck at 68 of 90). One already handed the batch stands at `to`, so it reads
      // nothing; one that subscribes meanwhile starts live from `to`.
      this.head = to;
      let n = 0;
      for (const sub of this.live) {
        if (++n % this.fanoutChunk === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        sub.onBatch(rows, from, to);
      }
    }
  }

  subscribe(options: SubscribeOptions): AsyncIterableIterator<StoredEvent> & ImmediateSource<StoredEvent> {
    const sub = new BusSubscription(this, this.head, options);
    this.live.add(sub);
    if (this.stopped) sub.close();
    return sub;
  }

  /** For BusSubscription: read the log after `from` (a subscriber that is behind). */
  readAfter(from: Position): Promise<StoredEvent[]> {
    return readSettled(this.db, from, this.pageSize);
  }

  /** For BusSubscription: it ended. */
  drop(sub: BusSubscription): void {
    this.live.delete(sub);
  }

  get position(): Position {
    return this.head;
  }

  get bufferLimit(): number {
    return this.maxBuffered;
  }
}

/**
 * One subscriber's iterator. A class rather than closures: ten thousand idle subscribers each
 * hold one of these, and every closure (with the name the TypeScript loader attaches to it) costs
 * a few hundred bytes more than a method on the prototype.
 */
class BusSubscription implements AsyncIterableIterator<StoredEvent>, ImmediateSource<StoredEvent> {
  /** How far this subscriber has looked. */
  private read: Position;
  /** The last event it has yielded. */
  private delivered: Position;
  private pending: StoredEvent[] = [];
  private wakeup: (() => void) | null = null;
  private reading = false;
  private done = false;
  private consumer: { ready(): void } | null = null;

  constructor(
    private readonly bus: EventBus,
    head: Position,
    private readonly options: SubscribeOptions,
  ) {
    this.read = options.after ?? head;
    this.delivered = this.read;
  }

  onBatch(batch: StoredEvent[], from: Position, to: Position): void {
    // A batch holds every settled row in (from, to]. A subscriber positioned anywhere in that
    // range takes the rows after its position; one that is behind `from` reads the log itself
    // (it must not take this batch: the rows between it and `from` would be skipped), and one
    // reading the log right now resumes from wherever that read ends.
    if (!this.reading && comparePositions(from, this.read) <= 0 && comparePositions(this.read, to) < 0) {
      for (const e of batch) if (comparePositions(e, this.read) > 0 && this.options.accept(e)) this.pending.push(e);
      this.read = to;
      if (this.pending.length > this.bus.bufferLimit) {
        // Too slow to keep up live: drop the buffer and fall back to reading the log.
        this.pending = [];
        this.read = this.delivered;
      }
    }
    if (this.consumer && this.wakeup && this.pending.length > 0) {
      try {
        this.consumer.ready();
      } catch (err) {
        // What it did not take goes through next(); the hand-out to everyone else goes on.
        this.bus.log.error({ err: errorForLog(err, { stack: true }) }, 'immediate event consumer failed');
      }
    }
    // Woken only with something to do: a parked next() with nothing pending and nothing left to
    // read would only park again (a promise per subscriber per batch, for nothing).
    if (this.pending.length > 0 || comparePositions(this.read, this.bus.position) < 0) this.wake();
  }

  listen(consumer: { ready(): void }): boolean {
    this.consumer = consumer;
    return true;
  }

  // Only while next() is parked: then nothing taken earlier is still on its way up the chain.
  peek(): StoredEvent | undefined {
    return this.wakeup && !this.done ? this.pending[0] : undefined;
  }

  take(): void {
    const e = this.pending.shift();
    if (e) this.delivered = { txid: e.txid, id: e.id };
  }

  close(): void {
    this.done = true;
    this.bus.drop(this);
    this.wake();
  }

  private wake(): void {
    const w = this.wakeup;
    this.wakeup = null;
    w?.();
  }

  private park(): Promise<void> {
    return new Promise<void>((resolve) => (this.wakeup = resolve));
  }

  // graphql-js asks for the next event only once the previous one is handled: no two next() overlap.
  async next(): Promise<IteratorResult<StoredEvent>> {
    while (!this.done) {
      const next = this.pending.shift();
      if (next) {
        this.delivered = { txid: next.txid, id: next.id };
        return { done: false, value: next };
      }
      if (comparePositions(this.read, this.bus.position) < 0) {
        let rows: StoredEvent[];
        this.reading = true;
        try {
          rows = await this.bus.readAfter(this.read);
        } catch (err) {
          // A database hiccup must not end a supervisor's subscription: retry on the next sweep.
          this.bus.readFailed(err);
          await this.park();
          continue;
        } finally {
          this.reading = false;
        }
        for (const e of rows) {
          this.read = { txid: e.txid, id: e.id };
          if (this.options.accept(e)) this.pending.push(e);
        }
        if (rows.length > 0) continue;
      }
      await this.park();
    }
    return { done: true, value: undefined };
  }

  // A client that unsubscribes while nothing is happening is released at once, parked or not.
  return(): Promise<IteratorResult<StoredEvent>> {
    this.close();
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(err?: unknown): Promise<IteratorResult<StoredEvent>> {
    this.close();
    return Promise.reject(err);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
