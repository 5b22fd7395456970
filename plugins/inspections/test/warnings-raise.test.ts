// The warning module in the visit's transaction (warnings/raise.ts), on the database: each rule at its boundary
// through raiseVisitWarningsInTx after the enterprise's lock and the visit's write, as the visit service calls it;
// each warning with its rule, evidence, basis and agencies, raised once per dedupe key with its event; and two
// agencies racing at one enterprise get 多头检查 exactly once (real concurrency on PostgreSQL, where the second
// transaction is seen waiting on the enterprise's lock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '@zhifa/core/rules';
import { sleep } from '@zhifa/testkit';
import { raiseVisitWarningsInTx } from '../src/warnings/raise.js';
import { insertFiling } from './fixtures.js';
import { at, createWarningWorld, recordVisit, visitOf, work, type WarningWorld } from './warning-helpers.js';

const onPostgres = !!process.env.ZHIFA_TEST_DATABASE_URL;
let w: WarningWorld;
beforeAll(async () => {
  w = await createWarningWorld({ yearlyCapByDomain: { 生态环境: 3 } });
});
afterAll(() => w?.h.close());

let n = 0;
/** A fresh enterprise, so that each test's visits are judged on their own. */
async function enterprise(): Promise<number> {
  const e = await w.h.db.prisma.enterprise.create({
    data: {
      uscc: completeUscc(`91320923MA2W${String(process.pid % 1000).padStart(3, '0')}${String(++n).padStart(2, '0')}`),
      name: `预警测试企业${n}`,
      kind: 'COMPANY',
      legalRepresentative: '某',
      address: '阜宁县',
      industry: '食品',
      scale: 'SMALL',
      employees: 5,
      creditRiskClass: 'B',
    },
  });
  return e.id;
}

const warnings = (enterpriseId: number, rule?: string) =>
  w.h.db.prisma.inspectionWarning.findMany({
    where: { enterpriseId, ...(rule ? { rule: rule as never } : {}) },
    orderBy: { id: 'asc' },
  });

/** A filed visit: its filing written first (so that 应报备未报备 stays out of the way). */
async function filed(agency: 'A' | 'B', enterpriseId: number, visitedAt: Date, extra = {}) {
  const row = visitOf(w, agency, visitedAt, { enterpriseId, ...extra });
  const f = await insertFiling(w, {
    agencyId: row.agencyId,
    enterpriseId,
    schemeId: agency === 'A' ? w.schemeA.id : w.schemeB.id,
    itemIds: row.itemIds,
    officerIds: row.officerIds,
    plannedFrom: visitedAt,
    plannedTo: new Date(visitedAt.getTime() + 86_400_000),
  });
  return recordVisit(w, { ...row, filingId: f.id });
}

describe('应报备未报备', () => {
  it('a visit without a filing is warned, with its evidence and basis and an event to the agency; a filed one is not', async () => {
    const e = await enterprise();
    const unfiled = await recordVisit(w, visitOf(w, 'A', at('2026-03-02T02:00:00Z'), { enterpriseId: e }));
    expect(unfiled.warningIds).toHaveLength(1);
    const [warning] = await warnings(e);
    expect(warning).toMatchObject({
      rule: 'UNFILED',
      dedupeKey: `unfiled:${unfiled.visitId}`,
      agencyId: w.agencyA.id,
      agencyIds: [w.agencyA.id],
      visitIds: [unfiled.visitId],
      status: 'RAISED',
      evidence: { visits: [{ visitId: unfiled.visitId, visitedAt: '2026-03-02T02:00:00.000Z' }] },
    });
    expect(warning.basis).toContain('国办发〔2024〕54号');
    const events = await w.h.db.prisma.event.findMany({ where: { topic: 'inspections.warningRaised' } });
    expect(events.map((ev) => [ev.agencyId, (ev.payload as { warningId: number }).warningId])).toContainEqual([
      w.agencyA.id,
      warning.id,
    ]);
    expect((await filed('A', e, at('2026-09-02T02:00:00Z'))).warningIds).toEqual([]);
  });
});

describe('多头检查 (default: 2 agencies within 15 days)', () => {
  it('another agency 15 days later (Shanghai days) trips; 16 days later does not', async () => {
    const e1 = await enterprise();
    const a = await filed('A', e1, at('2026-05-01T01:00:00Z'));
    const b = await filed('B', e1, at('2026-05-16T12:00:00Z'));
    const [multi] = await warnings(e1, 'MULTI_AGENCY');
    expect(b.warningIds).toEqual([multi.id]);
    expect(multi).toMatchObject({
      dedupeKey: `multi:${e1}:${a.visitId}`,
      agencyId: w.agencyB.id,
      agencyIds: [w.agencyB.id, w.agencyA.id],
      visitIds: [a.visitId, b.visitId],
      evidence: { threshold: 2, days: 15, agencies: 2 },
    });
    const e2 = await enterprise();
    await filed('A', e2, at('2026-05-01T01:00:00Z'));
    expect((await filed('B', e2, at('2026-05-17T00:00:00Z'))).warningIds).toEqual([]);
    expect(await warnings(e2)).toEqual([]);
  });

  it('agencies merged into one joint inspection are one inspection: no warning', async () => {
    const e = await enterprise();
    const joint = await w.h.db.prisma.jointInspection.create({
      data: {
        enterpriseId: e,
        leadAgencyId: w.agencyA.id,
        windowFrom: at('2026-06-01T00:00:00Z'),
        windowTo: at('2026-06-02T00:00:00Z'),
        createdBy: 'system:test',
        createdAt: at('2026-05-20T00:00:00Z'),
      },
    });
    await filed('A', e, at('2026-06-01T02:00:00Z'), { jointInspectionId: joint.id });
    await filed('B', e, at('2026-06-01T02:00:00Z'), { jointInspectionId: joint.id });
    expect(await warnings(e)).toEqual([]);
  });
});

describe('重复检查 (default: 30 days)', () => {
  it('the same agency and item 30 days later trips; 31 days later does not', async () => {
    const e1 = await enterprise();
    const first = await filed('A', e1, at('2026-04-01T02:00:00Z'));
    const again = await filed('A', e1, at('2026-05-01T02:00:00Z'));
    const [r] = await warnings(e1, 'REPEATED');
    expect(again.warningIds).toContain(r.id);
    expect(r).toMatchObject({
      dedupeKey: `repeat:${again.visitId}`,
      visitIds: [first.visitId, again.visitId],
      evidence: { days: 30, repeats: [{ itemId: w.itemA.id, previousVisitId: first.visitId }] },
    });
    const e2 = await enterprise();
    await filed('A', e2, at('2026-04-01T02:00:00Z'));
    await filed('A', e2, at('2026-05-02T02:00:00Z'));
    expect(await warnings(e2, 'REPEATED')).toEqual([]);
  });
});

describe('高频次检查 (default cap 2; 生态环境 3)', () => {
  it('agency A: the 2nd visit of the year is allowed, the 3rd trips', async () => {
    const e = await enterprise();
    // 31 days apart: no repeat warnings in the way.
    await filed('A', e, at('2026-01-05T02:00:00Z'));
    expect((await filed('A', e, at('2026-03-05T02:00:00Z'))).warningIds).toEqual([]);
    const third = await filed('A', e, at('2026-05-05T02:00:00Z'));
    const [f] = await warnings(e, 'HIGH_FREQUENCY');
    expect(third.warningIds).toEqual([f.id]);
    expect(f).toMatchObject({
      dedupeKey: `freq:${e}:${w.agencyA.id}:2026:3`,
      evidence: { year: 2026, cap: 2, count: 3, domains: ['市场监管'] },
    });
  });

  it('agency B (生态环境, cap 3): the 3rd is allowed, the 4th trips', async () => {
    const e = await enterprise();
    for (const d of ['2026-01-05', '2026-03-05', '2026-05-05'])
      expect((await filed('B', e, at(`${d}T02:00:00Z`))).warningIds).toEqual([]);
    await filed('B', e, at('2026-07-05T02:00:00Z'));
    expect((await warnings(e, 'HIGH_FREQUENCY')).map((x) => x.evidence)).toMatchObject([{ cap: 3, count: 4 }]);
  });
});

describe('raised once', () => {
  it('judging a visit again raises nothing new and emits nothing', async () => {
    const e = await enterprise();
    await filed('A', e, at('2026-08-01T02:00:00Z'));
    const b = await recordVisit(w, visitOf(w, 'B', at('2026-08-02T02:00:00Z'), { enterpriseId: e }));
    expect(b.warningIds).toHaveLength(2);
    const events = await w.h.db.prisma.event.count();
    const again = await work(w, (uow) => raiseVisitWarningsInTx(uow, b.visitId), 'judged again: nothing new');
    expect(again).toEqual([]);
    expect(await w.h.db.prisma.event.count()).toBe(events);
    expect((await warnings(e)).map((x) => x.rule).sort()).toEqual(['MULTI_AGENCY', 'UNFILED']);
  });
});

describe('the race: two agencies recording visits at one enterprise at once', () => {
  it('get 多头检查 exactly once, however the transactions interleave', async () => {
    for (let round = 0; round < 3; round++) {
      const e = await enterprise();
      const visits = await Promise.all(
        // Recorded at the door at the same moment (visits are recorded as they happen).
        (['A', 'B', 'A', 'B'] as const).map((agency, i) =>
          recordVisit(w, visitOf(w, agency, at('2026-10-01T02:00:00Z'), { enterpriseId: e }), async () => {
            await sleep(onPostgres ? (i * 7) % 20 : 0);
          }),
        ),
      );
      const multi = await warnings(e, 'MULTI_AGENCY');
      expect(multi, `round ${round}`).toHaveLength(1);
      expect(visits.flatMap((v) => v.warningIds)).toContain(multi[0].id);
    }
  });

  it.skipIf(!onPostgres)(
    'the second waits on the enterprise’s lock while the first holds it, then sees the first visit',
    async () => {
      const e = await enterprise();
      let written!: () => void;
      const firstWritten = new Promise<void>((r) => (written = r));
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const first = recordVisit(w, visitOf(w, 'A', at('2026-11-02T02:00:00Z'), { enterpriseId: e }), async () => {
        written();
        await released;
      });
      await firstWritten;
      const second = recordVisit(w, visitOf(w, 'B', at('2026-11-03T02:00:00Z'), { enterpriseId: e }));
      await untilLockWaits(1);
      release();
      const [a, b] = await Promise.all([first, second]);
      const [multi] = await warnings(e, 'MULTI_AGENCY');
      expect(a.warningIds).not.toContain(multi.id);
      expect(b.warningIds).toContain(multi.id);
      expect(multi.visitIds).toEqual([a.visitId, b.visitId]);
    },
  );
});

/** Wait until `count` sessions of this database wait on a lock (pg_stat_activity); fails after 10 s. */
async function untilLockWaits(count: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await w.h.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (row.n >= count) return;
    if (Date.now() > deadline) throw new Error(`no session waits on a lock (have ${row.n}, want ${count})`);
    await sleep(10);
  }
}
