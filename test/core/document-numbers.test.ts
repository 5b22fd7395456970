// Document numbers (cases/numbers.ts): per agency, kind and year; unique under concurrent
// transactions and gap-free, because a number is taken with a row-locking upsert inside the
// deciding transaction and given back when that transaction rolls back. The waiting test needs
// real concurrent transactions: PostgreSQL (ZHIFA_TEST_DATABASE_URL); the mix runs everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDocumentNumber, nextSerial } from '@zhifa/core/cases';
import { createHarness, sleep, type Harness } from '@zhifa/testkit';

const onPostgres = !!process.env.ZHIFA_TEST_DATABASE_URL;
let h: Harness;
let agencyId: number;
beforeAll(async () => {
  h = await createHarness();
  agencyId = (
    await h.db.prisma.agency.create({
      data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY', documentPrefix: '阜市监' },
    })
  ).id;
});
afterAll(() => h?.close());

class Rollback extends Error {}

/** Signals around a held number: `taken` fires once the number (and its row lock) is held; the transaction ends when `release` resolves. */
interface Hold {
  taken: () => void;
  release: Promise<void>;
}

/** Take a number in a transaction that commits, or rolls back when `rollback`; `hold` keeps it open (a pause, or until released). */
async function take(
  kind: 'PENALTY_DECISION' | 'NO_PENALTY_DECISION' | 'REGISTRATION',
  year: number,
  rollback = false,
  hold: number | Hold = 0,
) {
  try {
    return await h.db.prisma.$transaction(
      async (tx) => {
        const n = await nextSerial(tx, agencyId, kind, year);
        if (typeof hold === 'number') {
          if (hold) await sleep(hold);
        } else {
          hold.taken();
          await hold.release;
        }
        if (rollback) throw new Rollback(String(n));
        return n;
      },
      { timeout: 20_000, maxWait: 20_000 },
    );
  } catch (e) {
    if (e instanceof Rollback) return null;
    throw e;
  }
}

/** Wait until `n` sessions of this database wait on a lock (pg_stat_activity); fails after 10 s. */
async function untilLockWaits(n: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await h.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (row.n >= n) return;
    if (Date.now() > deadline) throw new Error(`no session waits on a lock (have ${row.n}, want ${n})`);
    await sleep(10);
  }
}

describe('document numbers', () => {
  it('are formatted per kind', () => {
    expect(formatDocumentNumber('阜市监', 'REGISTRATION', 2026, 3)).toBe('阜市监立〔2026〕3号');
    expect(formatDocumentNumber('阜市监', 'PENALTY_DECISION', 2026, 17)).toBe('阜市监罚〔2026〕17号');
    expect(formatDocumentNumber('阜市监', 'NO_PENALTY_DECISION', 2026, 2)).toBe('阜市监不罚〔2026〕2号');
  });

  it('each agency, kind and year counts on its own from 1', async () => {
    expect(await take('REGISTRATION', 2031)).toBe(1);
    expect(await take('REGISTRATION', 2031)).toBe(2);
    expect(await take('PENALTY_DECISION', 2031)).toBe(1);
    expect(await take('REGISTRATION', 2032)).toBe(1);
  });

  it('a mix of concurrent transactions, some rolled back: the committed numbers are 1..n, each once', async () => {
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        take('NO_PENALTY_DECISION', 2040, i % 4 === 1, onPostgres ? (i * 7) % 30 : 0),
      ),
    );
    const committed = results.filter((n): n is number => n !== null).sort((a, b) => a - b);
    expect(committed).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    const row = await h.db.prisma.documentSequence.findUniqueOrThrow({
      where: { agencyId_kind_year: { agencyId, kind: 'NO_PENALTY_DECISION', year: 2040 } },
    });
    expect(row.last).toBe(18);
  });

  it.skipIf(!onPostgres)(
    'a second transaction waits for the first, and takes its number back when the first rolls back',
    async () => {
      await take('PENALTY_DECISION', 2050); // 1, committed
      let taken!: () => void;
      const holding = new Promise<void>((resolve) => (taken = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      // Takes 2 and holds it, with its row lock, until released; then rolls back.
      const first = take('PENALTY_DECISION', 2050, true, { taken, release: released });
      await holding;
      let secondDone = false;
      const second = take('PENALTY_DECISION', 2050).finally(() => (secondDone = true));
      // The second transaction is seen waiting on a lock by PostgreSQL itself, not guessed from a pause.
      await untilLockWaits(1);
      expect(secondDone).toBe(false);
      release();
      expect(await first).toBeNull();
      expect(await second).toBe(2);
      expect(await take('PENALTY_DECISION', 2050)).toBe(3);
    },
  );
});
