import type { Db } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Position } from './position.js';

export interface StoredEvent {
  id: bigint;
  txid: bigint;
  topic: string;
  agencyId: number | null;
  enterpriseId: number | null;
  caseId: number | null;
  public: boolean;
  payload: Record<string, unknown>;
  actor: string;
  createdAt: Date;
}

export interface NewEvent {
  topic: string;
  agencyId?: number | null;
  enterpriseId?: number | null;
  caseId?: number | null;
  public?: boolean;
  payload: Record<string, unknown>;
  actor: string;
}

export const NOTIFY_CHANNEL = 'zhifa_events';

/**
 * Append to the outbox inside the caller's transaction. The NOTIFY is transactional too:
 * PostgreSQL delivers it to listening instances only when (and if) the transaction commits.
 * One statement for both: every round trip inside a unit of work keeps its row locks (a case, an
 * agency's document sequence) held that much longer.
 */
export async function appendEvent(tx: Db, e: NewEvent): Promise<void> {
  await tx.$executeRaw`
    WITH e AS (
      INSERT INTO "Event" (topic, "agencyId", "enterpriseId", "caseId", public, payload, actor)
      VALUES (${e.topic}, ${e.agencyId ?? null}::int, ${e.enterpriseId ?? null}::int, ${e.caseId ?? null}::int,
        ${e.public ?? false}, ${JSON.stringify(e.payload)}::jsonb, ${e.actor})
      RETURNING id)
    SELECT pg_notify(${NOTIFY_CHANNEL}, '') FROM e`;
}

/** Settled events after `after`, in delivery order. Settled: no older transaction is still running. */
export async function readSettled(
  db: Db,
  after: Position,
  limit: number,
  topics?: readonly string[],
): Promise<StoredEvent[]> {
  const topicFilter = topics?.length ? Prisma.sql`AND topic IN (${Prisma.join(topics)})` : Prisma.empty;
  return db.$queryRaw<StoredEvent[]>`
    SELECT id, txid, topic, "agencyId", "enterpriseId", "caseId", public, payload, actor, "createdAt"
    FROM "Event"
    WHERE (txid, id) > (${after.txid}, ${after.id})
      AND txid < (pg_snapshot_xmin(pg_current_snapshot()))::text::bigint
      ${topicFilter}
    ORDER BY txid, id
    LIMIT ${limit}`;
}

/** The position of the last settled event, the point from which a new live subscriber starts. */
export async function settledHead(db: Db): Promise<Position> {
  const rows = await db.$queryRaw<Position[]>`
    SELECT txid, id FROM "Event"
    WHERE txid < (pg_snapshot_xmin(pg_current_snapshot()))::text::bigint
    ORDER BY txid DESC, id DESC LIMIT 1`;
  return rows[0] ?? { txid: 0n, id: 0n };
}
