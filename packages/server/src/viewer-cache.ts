// Who a credential identifies (a person's roles and agency kind, an enterprise, a survey
// organisation's key), cached per process so an authenticated request costs no SQL — and still
// exact: a revoked role takes effect on the very next request, on every instance.
//
// How a change reaches the cache. Triggers on Person, Agency, ApiKey and Enterprise (migration
// 20261127113503_viewer_changes) log every change that alters a viewer in "ViewerChange" and NOTIFY
// `zhifa_viewers`, whoever wrote it (the API, the CLI, psql).
// - Embedded (PGlite): one process owns the database, and PGlite calls the NOTIFY listener when the
//   writing transaction commits, before the commit returns. Nothing can read a stale viewer.
// - PostgreSQL: the NOTIFY drops the entry within a millisecond or so, but NOTIFY alone cannot
//   promise "the very next request": instance B may take a request after A's commit before it has
//   read the notification. So the cache answers only under a lease: B re-reads the change log every
//   `heartbeatMs` on its own connection (every row committed since the oldest transaction it saw
//   running), and serves from the cache only while the last completed read *started* less than
//   `leaseMs` ago; a writer that changed a viewer waits `leaseMs` after its commit before it
//   answers (UnitOfWork `settle`). Any request that starts after that answer, on any instance,
//   either finds a read that began after the commit (so the entry is gone) or finds the lease
//   expired and reads the database. Only durations are compared, each on one machine's monotonic
//   clock: no clock synchronisation between instances is assumed. The cost falls on the rare write
//   (role changes, key revocations wait ~0.5 s) and on one tiny query per instance per heartbeat,
//   never on a read request. A change made outside the API (psql, the CLI) reaches every instance
//   within `leaseMs` of its commit.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Viewer } from '@zhifa/core/auth';

export const VIEWER_CHANNEL = 'zhifa_viewers';

/** A stream of viewer changes, with how fresh the instance's view of it is. */
export interface ViewerFeed {
  /** Milliseconds since the start of the last completed read of the change log (0: changes arrive synchronously). */
  staleness(): number;
  /** The cache may answer while staleness() is below this. */
  readonly leaseMs: number;
  /** How long a writer that changed a viewer waits after its commit (0 when changes arrive synchronously). */
  readonly settleMs: number;
  stop(): Promise<void>;
}

/** `subject` is `person:12`, `agency:3`, `apikey:7` or `enterprise:40`; null means anything may have changed. */
export type ViewerChangeListener = (subject: string | null) => void;

export interface FeedTiming {
  heartbeatMs?: number;
  leaseMs?: number;
  /** Act on NOTIFY (default). Tests turn it off to show that the lease alone keeps the guarantee. */
  notify?: boolean;
}

export const DEFAULT_HEARTBEAT_MS = 100;
export const DEFAULT_LEASE_MS = 500;
/** Change-log rows are kept this long (an instance cut off for longer starts its cache afresh). */
const KEEP_LOG_MS = 3_600_000;
const PRUNE_EVERY_MS = 600_000;

/** Embedded: the NOTIFY listener runs inside the writer's commit. */
export async function pgliteViewerFeed(client: PGlite, onChange: ViewerChangeListener): Promise<ViewerFeed> {
  const unlisten = await client.listen(VIEWER_CHANNEL, (payload) => onChange(subjectOf(payload, null) ?? null));
  // Keep the log short (the embedded database needs no log, but the triggers are shared with PostgreSQL).
  const prune = setInterval(() => {
    void client.query(`DELETE FROM "ViewerChange" WHERE "createdAt" < now() - interval '1 hour'`).catch(() => {});
  }, PRUNE_EVERY_MS);
  prune.unref();
  return {
    staleness: () => 0,
    leaseMs: Infinity,
    settleMs: 0,
    stop: async () => {
      clearInterval(prune);
      await unlisten().catch(() => {});
    },
  };
}

/** PostgreSQL: LISTEN for speed, the change log on a lease for the guarantee (see the top of this file). */
export async function postgresViewerFeed(
  url: string,
  schema: string,
  onChange: ViewerChangeListener,
  timing: FeedTiming = {},
): Promise<ViewerFeed> {
  const heartbeatMs = timing.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const leaseMs = timing.leaseMs ?? DEFAULT_LEASE_MS;
  let client: pg.Client | null = null;
  let stopped = false;
  let syncedAt = -Infinity; // performance.now() at the start of the last completed read
  let low: string | null = null; // xmin of the last read's snapshot: nothing older can still commit
  const seen = new Map<string, bigint>(); // ids read with txid >= low (they may be read again)
  let lastPrune = 0;
  let timer: NodeJS.Timeout | null = null;

  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === VIEWER_CHANNEL && timing.notify !== false) {
        const subject = subjectOf(n.payload ?? '', schema);
        if (subject !== undefined) onChange(subject);
      }
    });
    c.on('error', () => {});
    c.on('end', () => {
      if (client === c) client = null;
    });
    await c.connect();
    await c.query(`LISTEN ${VIEWER_CHANNEL}`);
    client = c;
  };

  const read = async () => {
    const c = client;
    if (!c) return;
    const started = performance.now();
    if (low === null) {
      // First read on this connection: start from now, and forget everything cached before (a
      // reconnect may have missed notifications; the log would tell, but an empty cache is simpler).
      const r = await c.query<{ xmin: string }>(`SELECT (pg_snapshot_xmin(pg_current_snapshot()))::text AS xmin`);
      low = r.rows[0].xmin;
      seen.clear();
      onChange(null);
    } else {
      const r = await c.query<{ xmin: string; rows: [string, string, string][] | null }>(
        `SELECT (pg_snapshot_xmin(pg_current_snapshot()))::text AS xmin,
                (SELECT json_agg(json_build_array(id::text, txid::text, subject)) FROM "ViewerChange" WHERE txid >= $1::bigint) AS rows`,
        [low],
      );
      const xmin = r.rows[0].xmin;
      for (const [id, txid, subject] of r.rows[0].rows ?? []) {
        if (seen.has(id)) continue;
        seen.set(id, BigInt(txid));
        onChange(subject);
      }
      low = xmin;
      const floor = BigInt(xmin);
      for (const [id, txid] of seen) if (txid < floor) seen.delete(id);
    }
    syncedAt = Math.max(syncedAt, started);
    if (started - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = started;
      await c
        .query(`DELETE FROM "ViewerChange" WHERE "createdAt" < now() - make_interval(secs => $1)`, [KEEP_LOG_MS / 1000])
        .catch(() => {});
    }
  };

  const beat = async () => {
    timer = null;
    if (stopped) return;
    try {
      if (!client) {
        low = null;
        await connect();
      }
      await read();
    } catch {
      // The database is unreachable: the lease runs out and requests read the database (and fail as they would have).
      const c = client;
      client = null;
      low = null;
      await c?.end().catch(() => {});
    }
    if (!stopped) {
      timer = setTimeout(() => void beat(), client ? heartbeatMs : Math.max(heartbeatMs, 1_000));
      timer.unref();
    }
  };

  await connect();
  await read();
  timer = setTimeout(() => void beat(), heartbeatMs);
  timer.unref();
  return {
    staleness: () => performance.now() - syncedAt,
    leaseMs,
    settleMs: leaseMs,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}

/** `<schema>|<subject>`; undefined when it is another schema's (tests and tenants share a server). */
function subjectOf(payload: string, schema: string | null): string | null | undefined {
  const bar = payload.indexOf('|');
  if (bar < 0) return null;
  if (schema !== null && payload.slice(0, bar) !== schema) return undefined;
  return payload.slice(bar + 1);
}

interface Entry {
  viewer: Viewer;
  /** API keys: the stored hash the presented key is compared with. */
  hash?: string;
}

/**
 * Viewers by subject (`person:12`, `enterprise:40`, `apikey:<prefix>`), least recently used first.
 * `generation` guards a read against a change that lands while it runs: an entry read before a
 * change is never stored after it.
 */
export class ViewerCache {
  private readonly entries = new Map<string, Entry>();
  private gen = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly feed: Pick<ViewerFeed, 'staleness' | 'leaseMs'>,
    private readonly max = 10_000,
  ) {}

  /** Whether the cache may answer now (the lease holds). */
  usable(): boolean {
    return this.feed.staleness() < this.feed.leaseMs;
  }

  get size(): number {
    return this.entries.size;
  }

  generation(): number {
    return this.gen;
  }

  get(key: string): Entry | undefined {
    if (!this.usable()) return undefined;
    const e = this.entries.get(key);
    if (e) {
      this.hits++;
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, e);
    } else this.misses++;
    return e;
  }

  /** Store what was read if nothing changed since `generation` was taken. */
  put(key: string, entry: Entry, generation: number): void {
    if (generation !== this.gen) return;
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  /** A change: drop every viewer it may alter (null: all). */
  changed(subject: string | null): void {
    this.gen++;
    if (subject === null) return this.entries.clear();
    const [kind, raw] = subject.split(':');
    const id = Number(raw);
    if (kind === 'person' || kind === 'enterprise') {
      this.entries.delete(subject);
      return;
    }
    for (const [key, { viewer: v }] of this.entries) {
      if (kind === 'agency' && (v.kind === 'person' || v.kind === 'surveyOrg') && v.agencyId === id)
        this.entries.delete(key);
      else if (kind === 'apikey' && v.kind === 'surveyOrg' && v.apiKeyId === id) this.entries.delete(key);
    }
  }
}
