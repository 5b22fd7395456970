// flexibleEnforcementStats (county plan task 7) on a small known data set: every figure by hand — counts by kind,
// outcome and status, overdue follow-ups against today (Asia/Shanghai), the shares followed by a case, the median and
// mean response times, the mean rating, the fines imposed and left unimposed (fen), the guard's outcomes; Shanghai
// days at both ends of the range; the range rule at its edges; who reads whose figures; the figures following
// updates and deletions of the rows (the rollup's triggers) and equal to a recount; a constant number of statements
// for 2 and for 20 agencies' worth of rows. Rows are written with Prisma (stats-fixtures.ts says why).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseWorld, createHarness, countStatements, type BaseWorld, type Harness } from '@zhifa/testkit';
import { flexibleEnforcementPlugin } from '../src/index.js';
import { basis, check, invitation, softMeasure, statsCase, statsItem } from './stats-fixtures.js';

// Noon in Shanghai on 15 June 2026: "today" for the overdue follow-ups.
const NOW = new Date('2026-06-15T04:00:00Z');

let h: Harness;
let w: BaseWorld;
beforeAll(async () => {
  h = await createHarness({ plugins: [flexibleEnforcementPlugin], clock: () => NOW });
  w = await createBaseWorld(h);
});
afterAll(() => h?.close());

const STATS = `query($a: ID, $from: Date!, $to: Date!) { flexibleEnforcementStats(agencyId: $a, from: $from, to: $to) {
  agency { name } from to
  softMeasures { total byKind { reminder notice dissuasion guidance admonition interview commitment }
    complied partial notComplied open overdue followedByCase followedByCaseShare notCompliedFollowedByCase
    notCompliedFollowedByCaseShare }
  invitations { total byStatus { requested scheduled visited closed declined withdrawn } responded
    medianResponseHours averageResponseHours rated averageRating }
  lighter { decisions fineImposedFen fineNotImposedFen maximumUnknown }
  mitigated { decisions fineImposedFen fineNotImposedFen maximumUnknown }
  measureChecks { waived justifiedApproved justifiedPending refused } } }`;

const stats = (token: string | undefined, from: string, to: string, agencyId?: string) =>
  h.gql(STATS, { a: agencyId ?? null, from, to }, token);
const figures = async (from: string, to: string, agencyId?: string) => {
  const res = await stats(w.tokens.supervisor, from, to, agencyId);
  expect(res.errors).toBeUndefined();
  return res.data.flexibleEnforcementStats;
};

describe('flexibleEnforcementStats on a known data set', () => {
  beforeAll(async () => {
    const p = h.db.prisma;
    const [a, b] = [w.agencyA.id, w.agencyB.id];
    const [oa, ob] = [w.people.officerA.id, w.people.officerB.id];
    const e = w.enterprise.id;
    const [c1, c2] = [await statsCase(p, a), await statsCase(p, b)];
    // Soft measures (by the day taken). Today is 06-15: a follow-up due 06-14 is overdue, one due today is not.
    for (const m of [
      { agencyId: a, officerId: oa, kind: 'REMINDER', takenOn: '2026-06-05', followUpOn: '2026-06-12' },
      { agencyId: a, officerId: oa, kind: 'REMINDER', takenOn: '2026-06-06', followUpOn: '2026-06-20' },
      { agencyId: a, officerId: oa, kind: 'NOTICE', takenOn: '2026-06-07', followUpOn: '2026-06-15' },
      { agencyId: a, officerId: oa, kind: 'NOTICE', takenOn: '2026-06-07', followUpOn: '2026-06-14' },
      {
        agencyId: a,
        officerId: oa,
        kind: 'INTERVIEW',
        takenOn: '2026-06-07',
        followUpOn: '2026-06-14',
        outcome: 'COMPLIED',
      },
      {
        agencyId: a,
        officerId: oa,
        kind: 'COMMITMENT',
        takenOn: '2026-06-08',
        outcome: 'NOT_COMPLIED',
        followUpCaseId: c1.id,
      },
      { agencyId: a, officerId: oa, kind: 'GUIDANCE', takenOn: '2026-06-08', outcome: 'NOT_COMPLIED' },
      { agencyId: a, officerId: oa, kind: 'ADMONITION', takenOn: '2026-06-09', outcome: 'PARTIAL' },
      {
        agencyId: b,
        officerId: ob,
        kind: 'DISSUASION',
        takenOn: '2026-06-09',
        outcome: 'NOT_COMPLIED',
        followUpCaseId: c2.id,
      },
      // The day before the range: overdue, but not counted in it.
      { agencyId: a, officerId: oa, kind: 'REMINDER', takenOn: '2026-05-31', followUpOn: '2026-06-01' },
    ] as const)
      await softMeasure(p, { ...m, enterpriseId: e });
    // Invitations (by the Shanghai day requested). 2026-05-31T16:00Z is 00:00 on 1 June in Shanghai; a millisecond
    // earlier is still 31 May.
    for (const i of [
      { agencyId: a, status: 'REQUESTED', requestedAt: '2026-06-03T02:00:00Z' },
      { agencyId: a, status: 'SCHEDULED', requestedAt: '2026-06-03T02:00:00Z', respondedAfterMinutes: 180 },
      { agencyId: a, status: 'DECLINED', requestedAt: '2026-06-03T02:00:00Z', respondedAfterMinutes: 90 },
      { agencyId: a, status: 'CLOSED', requestedAt: '2026-06-03T02:00:00Z', respondedAfterMinutes: 1800, rating: 5 },
      { agencyId: a, status: 'VISITED', requestedAt: '2026-06-03T02:00:00Z', respondedAfterMinutes: 600 },
      { agencyId: a, status: 'CLOSED', requestedAt: '2026-06-04T02:00:00Z', respondedAfterMinutes: 135, rating: 3 },
      { agencyId: a, status: 'REQUESTED', requestedAt: '2026-05-31T16:00:00.000Z' },
      { agencyId: a, status: 'REQUESTED', requestedAt: '2026-05-31T15:59:59.999Z' },
      { agencyId: b, status: 'WITHDRAWN', requestedAt: '2026-06-04T02:00:00Z' },
      { agencyId: b, status: 'SCHEDULED', requestedAt: '2026-06-04T02:00:00Z', respondedAfterMinutes: 6000 },
    ] as const)
      await invitation(p, { ...i, enterpriseId: e });
    // 从轻 / 减轻 decisions (by the Shanghai day decided); a citation not yet decided is not counted.
    const [lighter, mitigated] = [await statsItem(p, a, 'LIGHTER'), await statsItem(p, a, 'MITIGATED')];
    const ofItem = (i: typeof lighter) => ({ itemId: i.id, listId: i.listId });
    for (const d of [
      {
        agencyId: a,
        decision: 'LIGHTER',
        decided: true,
        decidedAt: '2026-06-10T02:00:00Z',
        fineFen: 300_000n,
        matterMaxFineFen: 1_000_000n,
      },
      {
        agencyId: a,
        decision: 'LIGHTER',
        decided: true,
        decidedAt: '2026-06-10T02:00:00Z',
        fineFen: 500_000n,
        matterMaxFineFen: null,
      },
      {
        agencyId: a,
        decision: 'LIGHTER',
        decided: true,
        decidedAt: '2026-05-31T16:00:00Z',
        fineFen: 200_000n,
        matterMaxFineFen: 300_000n,
      },
      {
        agencyId: a,
        decision: 'LIGHTER',
        decided: false,
        decidedAt: '2026-06-10T02:00:00Z',
        fineFen: null,
        matterMaxFineFen: null,
      },
      {
        agencyId: a,
        decision: 'MITIGATED',
        decided: true,
        decidedAt: '2026-06-11T02:00:00Z',
        fineFen: 100_000n,
        matterMaxFineFen: 1_000_000n,
      },
      {
        agencyId: b,
        decision: 'MITIGATED',
        decided: true,
        decidedAt: '2026-06-11T02:00:00Z',
        fineFen: null,
        matterMaxFineFen: 2_000_000n,
      },
    ] as const)
      await basis(p, {
        ...d,
        caseId: (await statsCase(p, d.agencyId)).id,
        ...ofItem(d.decision === 'LIGHTER' ? lighter : mitigated),
      });
    // What the no-compulsory guard found (by the Shanghai day recorded).
    const waivable = await statsItem(p, a, 'NO_COMPULSORY');
    for (const c of [
      { agencyId: a, outcome: 'WAIVED', recordedAt: '2026-06-02T02:00:00Z' },
      { agencyId: a, outcome: 'WAIVED', recordedAt: '2026-06-03T02:00:00Z' },
      { agencyId: a, outcome: 'JUSTIFIED', approved: true, recordedAt: '2026-06-04T02:00:00Z' },
      { agencyId: a, outcome: 'JUSTIFIED', recordedAt: '2026-06-05T02:00:00Z' },
      { agencyId: a, outcome: 'REFUSED', recordedAt: '2026-06-05T02:00:00Z' },
      { agencyId: b, outcome: 'WAIVED', recordedAt: '2026-06-05T02:00:00Z' },
    ] as const)
      await check(p, { ...c, caseId: c.agencyId === a ? c1.id : c2.id, ...ofItem(waivable) });
  });

  it('the county (a supervisor naming no agency): every figure of every agency in range', async () => {
    const s = await figures('2026-06-01', '2026-06-15');
    expect(s.agency).toBeNull();
    expect(s.softMeasures).toEqual({
      total: 9,
      byKind: { reminder: 2, notice: 2, dissuasion: 1, guidance: 1, admonition: 1, interview: 1, commitment: 1 },
      complied: 1,
      partial: 1,
      notComplied: 3,
      open: 4,
      overdue: 2,
      followedByCase: 2,
      followedByCaseShare: 2 / 9,
      notCompliedFollowedByCase: 2,
      notCompliedFollowedByCaseShare: 2 / 3,
    });
    // Whole hours to the answer: 1, 2, 3, 10, 30, 100 → median (3 + 10) / 2; the mean of the exact times
    // (1.5 + 2.25 + 3 + 10 + 30 + 100) / 6.
    expect(s.invitations).toEqual({
      total: 9,
      byStatus: { requested: 2, scheduled: 2, visited: 1, closed: 2, declined: 1, withdrawn: 1 },
      responded: 6,
      medianResponseHours: 6.5,
      averageResponseHours: 146.75 / 6,
      rated: 2,
      averageRating: 4,
    });
    expect(s.lighter).toEqual({
      decisions: 3,
      fineImposedFen: 1_000_000,
      fineNotImposedFen: 800_000,
      maximumUnknown: 1,
    });
    expect(s.mitigated).toEqual({
      decisions: 2,
      fineImposedFen: 100_000,
      fineNotImposedFen: 2_900_000,
      maximumUnknown: 0,
    });
    expect(s.measureChecks).toEqual({ waived: 3, justifiedApproved: 1, justifiedPending: 1, refused: 1 });
  });

  it('one agency: its own rows; an odd count of response times takes the middle one', async () => {
    const s = await figures('2026-06-01', '2026-06-15', w.agencyA.gid);
    expect(s.agency.name).toBe(w.agencyA.name);
    expect(s.softMeasures).toMatchObject({
      total: 8,
      notComplied: 2,
      open: 4,
      overdue: 2,
      followedByCase: 1,
      followedByCaseShare: 1 / 8,
      notCompliedFollowedByCase: 1,
      notCompliedFollowedByCaseShare: 0.5,
    });
    // 1, 2, 3, 10, 30 hours → 3; (1.5 + 2.25 + 3 + 10 + 30) / 5 = 9.35.
    expect(s.invitations).toMatchObject({ total: 7, responded: 5, medianResponseHours: 3, rated: 2, averageRating: 4 });
    expect(s.invitations.averageResponseHours).toBeCloseTo(9.35, 12);
    expect(s.invitations.byStatus).toEqual({
      requested: 2,
      scheduled: 1,
      visited: 1,
      closed: 2,
      declined: 1,
      withdrawn: 0,
    });
    expect(s.mitigated).toEqual({
      decisions: 1,
      fineImposedFen: 100_000,
      fineNotImposedFen: 900_000,
      maximumUnknown: 0,
    });
    expect(s.measureChecks).toEqual({ waived: 2, justifiedApproved: 1, justifiedPending: 1, refused: 1 });
  });

  it('counts Asia/Shanghai days, both ends included: 16:00 UTC on 31 May is 1 June', async () => {
    const june1 = await figures('2026-06-01', '2026-06-01', w.agencyA.gid);
    expect(june1.invitations.total).toBe(1);
    expect(june1.lighter).toEqual({
      decisions: 1,
      fineImposedFen: 200_000,
      fineNotImposedFen: 100_000,
      maximumUnknown: 0,
    });
    expect(june1.softMeasures.total).toBe(0);
    const may31 = await figures('2026-05-31', '2026-05-31', w.agencyA.gid);
    expect(may31.invitations.total).toBe(1);
    expect(may31.lighter.decisions).toBe(0);
    // The measure taken on 31 May: open, its follow-up day (1 June) passed.
    expect(may31.softMeasures).toMatchObject({ total: 1, open: 1, overdue: 1 });
    const none = await figures('2026-06-12', '2026-06-15', w.agencyA.gid);
    expect(none.softMeasures.total).toBe(0);
    expect(none.softMeasures.followedByCaseShare).toBeNull();
    expect(none.softMeasures.notCompliedFollowedByCaseShare).toBeNull();
    expect(none.invitations).toMatchObject({
      total: 0,
      medianResponseHours: null,
      averageResponseHours: null,
      averageRating: null,
    });
  });
});

describe('the range', () => {
  it('may span 366 days, both ends included; 367 days or an end before the start is FLEXIBLE_STATS_RANGE', async () => {
    expect((await stats(w.tokens.supervisor, '2025-06-15', '2026-06-15')).errors).toBeUndefined();
    expect((await stats(w.tokens.supervisor, '2026-06-15', '2026-06-15')).errors).toBeUndefined();
    for (const [from, to] of [
      ['2025-06-14', '2026-06-15'],
      ['2026-06-15', '2026-06-14'],
    ]) {
      const res = await stats(w.tokens.supervisor, from, to);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'FLEXIBLE_STATS_RANGE' });
      expect(res.errors?.[0].extensions.messageZh).toMatch(/统计区间/);
    }
  });
});

describe('who reads whose figures', () => {
  it('staff read their own agency (also without naming it), never another; supervisors any; the rest nothing', async () => {
    const own = await stats(w.tokens.officerA, '2026-06-01', '2026-06-15');
    expect(own.data.flexibleEnforcementStats.agency.name).toBe(w.agencyA.name);
    const other = await stats(w.tokens.officerA, '2026-06-01', '2026-06-15', w.agencyB.gid);
    expect(other.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(other.errors?.[0].message).toContain('本单位');
    const adminB = await stats(w.tokens.adminB, '2026-06-01', '2026-06-15');
    expect(adminB.data.flexibleEnforcementStats.agency.name).toBe(w.agencyB.name);
    const sup = await stats(w.tokens.supervisor, '2026-06-01', '2026-06-15', w.agencyB.gid);
    expect(sup.data.flexibleEnforcementStats.softMeasures.total).toBe(1);
    expect((await stats(w.tokens.enterprise, '2026-06-01', '2026-06-15')).errors?.[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await stats(undefined, '2026-06-01', '2026-06-15')).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('the rollup follows the rows', () => {
  // March 2026 of agency A holds nothing else.
  const march = () => figures('2026-03-01', '2026-03-31', w.agencyA.gid);

  it('as outcomes, answers, ratings, approvals and decisions are recorded, and rows deleted', async () => {
    const p = h.db.prisma;
    const [a, oa, e] = [w.agencyA.id, w.people.officerA.id, w.enterprise.id];
    const m = await softMeasure(p, {
      agencyId: a,
      officerId: oa,
      kind: 'ADMONITION',
      takenOn: '2026-03-02',
      followUpOn: '2026-03-09',
    });
    expect((await march()).softMeasures).toMatchObject({ total: 1, open: 1, overdue: 1 });
    await p.softMeasure.update({ where: { id: m.id }, data: { outcome: 'NOT_COMPLIED', outcomeRecordedAt: NOW } });
    expect((await march()).softMeasures).toMatchObject({ open: 0, overdue: 0, notComplied: 1, followedByCase: 0 });
    const c = await statsCase(p, a);
    await p.softMeasure.update({ where: { id: m.id }, data: { followUpCaseId: c.id } });
    expect((await march()).softMeasures).toMatchObject({ followedByCase: 1, notCompliedFollowedByCaseShare: 1 });

    // A change that moves no figure writes no cell.
    const cells = () =>
      p.flexibleStatsRollup.findMany({
        orderBy: [{ agencyId: 'asc' }, { grain: 'asc' }, { day: 'asc' }, { metric: 'asc' }, { key: 'asc' }],
      });
    const before = await cells();
    await p.softMeasure.update({ where: { id: m.id }, data: { outcomeNote: '拒不整改', overdueAnnouncedAt: NOW } });
    expect(await cells()).toEqual(before);

    const i = await invitation(p, {
      agencyId: a,
      enterpriseId: e,
      status: 'REQUESTED',
      requestedAt: '2026-03-03T01:00:00Z',
    });
    await p.invitation.update({
      where: { id: i.id },
      data: { status: 'SCHEDULED', respondedAt: new Date('2026-03-03T05:30:00Z') },
    });
    expect((await march()).invitations).toMatchObject({
      total: 1,
      byStatus: { requested: 0, scheduled: 1, visited: 0, closed: 0, declined: 0, withdrawn: 0 },
      medianResponseHours: 4,
      averageResponseHours: 4.5,
    });
    await p.invitation.update({ where: { id: i.id }, data: { status: 'CLOSED', rating: 2, ratedAt: NOW } });
    expect((await march()).invitations).toMatchObject({
      rated: 1,
      averageRating: 2,
      byStatus: { scheduled: 0, closed: 1 },
    });

    const item = await statsItem(p, a, 'NO_COMPULSORY');
    const k = await check(p, {
      agencyId: a,
      caseId: c.id,
      itemId: item.id,
      listId: item.listId,
      outcome: 'JUSTIFIED',
      recordedAt: '2026-03-04T02:00:00Z',
    });
    expect((await march()).measureChecks).toMatchObject({ justifiedPending: 1, justifiedApproved: 0 });
    await p.compulsoryMeasureCheck.update({ where: { id: k.id }, data: { approvedBy: 'person:9', approvedAt: NOW } });
    expect((await march()).measureChecks).toMatchObject({ justifiedPending: 0, justifiedApproved: 1 });

    const lighter = await statsItem(p, a, 'LIGHTER');
    const cited = await basis(p, {
      agencyId: a,
      caseId: (await statsCase(p, a)).id,
      itemId: lighter.id,
      listId: lighter.listId,
      decision: 'LIGHTER',
      decided: false,
      decidedAt: '2026-03-05T02:00:00Z',
      fineFen: null,
      matterMaxFineFen: null,
    });
    expect((await march()).lighter.decisions).toBe(0);
    await p.flexibleDecisionBasis.update({
      where: { id: cited.id },
      data: {
        decided: true,
        fineFen: 400_000n,
        matterMaxFineFen: 1_000_000n,
        fineNotImposedFen: 600_000n,
        decidedAt: new Date('2026-03-06T02:00:00Z'),
      },
    });
    expect((await march()).lighter).toEqual({
      decisions: 1,
      fineImposedFen: 400_000,
      fineNotImposedFen: 600_000,
      maximumUnknown: 0,
    });

    await p.softMeasure.delete({ where: { id: m.id } });
    await p.invitation.delete({ where: { id: i.id } });
    const after = await march();
    expect(after.softMeasures.total).toBe(0);
    expect(after.invitations).toMatchObject({ total: 0, rated: 0, medianResponseHours: null });
  });

  it('equals a recount of every row (the migration’s backfill, run again from nothing)', async () => {
    const p = h.db.prisma;
    const nonZero = () =>
      p.$queryRaw<unknown[]>`SELECT "agencyId", grain, day, metric, key, value FROM "FlexibleStatsRollup"
        WHERE value <> 0 ORDER BY 1, 2, 3, 4, 5`;
    const kept = await nonZero();
    expect(kept.length).toBeGreaterThan(50);
    await p.$transaction([
      p.$executeRaw`DELETE FROM "FlexibleStatsRollup"`,
      ...[
        ['flexible_stats_soft_measure_cells', 'SoftMeasure'],
        ['flexible_stats_invitation_cells', 'Invitation'],
        ['flexible_stats_decision_cells', 'FlexibleDecisionBasis'],
        ['flexible_stats_measure_check_cells', 'CompulsoryMeasureCheck'],
      ].map(([cells, table]) =>
        p.$executeRawUnsafe(`DO $$ BEGIN EXECUTE "flexible_stats_sql"(current_schema(), '${cells}',
            'SELECT 1 AS sign, to_jsonb(x) AS r FROM "${table}" x'); END $$`),
      ),
    ]);
    expect(await nonZero()).toEqual(kept);
  });
});

describe('cost', () => {
  const YEAR = { from: '2026-01-01', to: '2026-12-31' };

  it('the same statements for 2 agencies’ worth of rows as for 20', async () => {
    const county = () => stats(w.tokens.supervisor, YEAR.from, YEAR.to);
    const agency = () => stats(w.tokens.supervisor, YEAR.from, YEAR.to, w.agencyA.gid);
    const [c2, a2] = [await countStatements(h, county), await countStatements(h, agency)];
    const totalBefore = c2.result.data.flexibleEnforcementStats.softMeasures.total;
    const p = h.db.prisma;
    for (let n = 0; n < 18; n++) {
      const ag = await p.agency.create({
        data: { name: `统计测试局${n}`, kind: 'ENFORCEMENT_AGENCY', parentId: w.county.id, domains: ['市场监管'] },
      });
      const officer = await p.person.create({ data: { agencyId: ag.id, name: `统计执法员${n}`, roles: ['OFFICER'] } });
      for (let d = 0; d < 10; d++) {
        const day = `2026-${String(1 + ((n + d) % 12)).padStart(2, '0')}-${String(1 + d).padStart(2, '0')}`;
        await softMeasure(p, {
          agencyId: ag.id,
          officerId: officer.id,
          kind: 'REMINDER',
          takenOn: day,
          outcome: 'COMPLIED',
        });
        await invitation(p, {
          agencyId: ag.id,
          enterpriseId: w.enterprise.id,
          status: 'SCHEDULED',
          requestedAt: `${day}T03:00:00Z`,
          respondedAfterMinutes: 60 * d,
        });
      }
    }
    const [c20, a20] = [await countStatements(h, county), await countStatements(h, agency)];
    expect(c20.result.data.flexibleEnforcementStats.softMeasures.total).toBe(totalBefore + 180);
    expect(c20.count).toBe(c2.count);
    expect(a20.count).toBe(a2.count);
    // The rollup's cells, and the agency's name when one is named.
    expect(c20.count).toBe(1);
    expect(a20.count).toBe(2);
  });
});
