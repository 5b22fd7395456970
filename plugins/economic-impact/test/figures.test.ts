// impactStats from the rollups, figures by hand: sums over agencies × days × keys within the range (a level replaced
// by a later approval counts once), the median days to approval from the histogram, the decisions; who sees which
// agency; bad ranges; a constant number of statements whatever the number of rollup rows. Rollups are written
// here through the one rollup writer (the triggers and assessments write theirs; the guard's are tested in guard.test.ts).
// Then EnforcementCase.impactDecision: what the decision relied on, for the agency and for the enterprise (never
// whether the penalties moved), batched over a page of cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseGuards, PluginSettings, unitOfWork } from '@zhifa/core';
import { countStatements, gid, type GqlJson } from '@zhifa/testkit';
import { addToStats, type StatDelta } from '../src/rollups.js';
import { createEnterprise, createWorld, directCase, type World } from './fixtures.js';
import { approvedRevision, dayOffset, DECIDE, decisionInput, readyToDecide, recordTrigger } from './guard-fixtures.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w?.h.close());

const STATS = `query($a: ID, $from: Date!, $to: Date!) { impactStats(agencyId: $a, from: $from, to: $to) {
  agency { name } from to byLevel { level count } byTrigger { kind count } mitigations { kind count }
  firstApprovals medianDaysToApproval
  decisions { total notRequired withAssessment exempt withoutRequiredAssessment penaltiesChangedAfterAssessment } } }`;

async function stats(token: string, from: string, to: string, agencyId?: string) {
  const res = await w.h.gql(STATS, { a: agencyId ?? null, from, to }, token);
  return res;
}
const count = (list: GqlJson[], key: string, value: string) => list.find((x) => x[key] === value).count;

/** Counts on Shanghai days (`day` at UTC midnight of the day), through the one rollup writer. */
async function rollups(cells: (Omit<StatDelta, 'at'> & { day: Date })[]) {
  const env = {
    prisma: w.h.db.prisma,
    viewer: { kind: 'system' as const, name: 'test' },
    guards: new CaseGuards(),
    settings: new PluginSettings(),
    clock: () => new Date(),
  };
  // Noon in Shanghai (04:00 UTC) of the day: counted on that day.
  const deltas = cells.map(({ day, ...d }) => ({ ...d, at: new Date(day.getTime() + 4 * 3600_000) }));
  await unitOfWork(env, (uow) => addToStats(uow.tx, deltas), { silent: 'test set-up' });
}

describe('impactStats', () => {
  beforeAll(async () => {
    const day = (d: number) => new Date(`${dayOffset(d)}T00:00:00Z`);
    const a = w.agencyA.id;
    const b = w.agencyB.id;
    await rollups([
      { agencyId: a, day: day(-2), metric: 'trigger', key: 'LARGE_FINE', count: 2 },
      { agencyId: a, day: day(-2), metric: 'trigger', key: 'KEY_ENTERPRISE', count: 1 },
      { agencyId: a, day: day(-2), metric: 'level', key: 'MEDIUM', count: 2 },
      { agencyId: a, day: day(-2), metric: 'level', key: 'HIGH', count: 1 },
      // A case's MEDIUM revision replaced by a HIGH one the next day.
      { agencyId: a, day: day(-1), metric: 'level', key: 'MEDIUM', count: -1 },
      { agencyId: a, day: day(-1), metric: 'level', key: 'HIGH', count: 1 },
      { agencyId: a, day: day(-2), metric: 'mitigation', key: 'INSTALMENT', count: 1 },
      { agencyId: a, day: day(-2), metric: 'daysToApproval', key: '3', count: 1 },
      { agencyId: a, day: day(-2), metric: 'daysToApproval', key: '10', count: 2 },
      { agencyId: a, day: day(-1), metric: 'daysToApproval', key: '5', count: 1 },
      { agencyId: a, day: day(-1), metric: 'decided', key: 'withAssessment', count: 2 },
      { agencyId: a, day: day(-1), metric: 'decided', key: 'penaltiesChanged', count: 1 },
      { agencyId: a, day: day(-1), metric: 'decided', key: 'exempt', count: 1 },
      { agencyId: a, day: day(-1), metric: 'decided', key: 'notRequired', count: 1 },
      { agencyId: b, day: day(-2), metric: 'trigger', key: 'LARGE_FINE', count: 5 },
      { agencyId: b, day: day(-2), metric: 'daysToApproval', key: '1', count: 1 },
      { agencyId: b, day: day(-2), metric: 'decided', key: 'notRequired', count: 4 },
      // Outside the range below.
      { agencyId: a, day: day(-40), metric: 'trigger', key: 'LARGE_FINE', count: 100 },
      { agencyId: a, day: day(-40), metric: 'daysToApproval', key: '30', count: 9 },
    ]);
  });

  it('the county (supervisors): sums over every agency and day in range; the median of 1, 3, 5, 10, 10 days is 5', async () => {
    const s = (await stats(w.tokens.supervisor, dayOffset(-5), dayOffset(0))).data.impactStats;
    expect(s.agency).toBeNull();
    expect(count(s.byTrigger, 'kind', 'LARGE_FINE')).toBe(7);
    expect(count(s.byTrigger, 'kind', 'KEY_ENTERPRISE')).toBe(1);
    expect(count(s.byTrigger, 'kind', 'COOPERATIVE')).toBe(0);
    expect(s.byTrigger).toHaveLength(10);
    expect(s.byLevel).toEqual([
      { level: 'LOW', count: 0 },
      { level: 'MEDIUM', count: 1 },
      { level: 'HIGH', count: 2 },
      { level: 'SEVERE', count: 0 },
    ]);
    expect(count(s.mitigations, 'kind', 'INSTALMENT')).toBe(1);
    expect(s.firstApprovals).toBe(5);
    expect(s.medianDaysToApproval).toBe(5);
    expect(s.decisions).toEqual({
      total: 8,
      notRequired: 5,
      withAssessment: 2,
      exempt: 1,
      withoutRequiredAssessment: 0,
      penaltiesChangedAfterAssessment: 1,
    });
  });

  it('one agency: its own rows; an even count takes the mean of the middle two (3, 5, 10, 10 → 7.5)', async () => {
    const s = (await stats(w.tokens.supervisor, dayOffset(-5), dayOffset(0), w.agencyA.gid)).data.impactStats;
    expect(s.agency.name).toBe(w.agencyA.name);
    expect(count(s.byTrigger, 'kind', 'LARGE_FINE')).toBe(2);
    expect(s.firstApprovals).toBe(4);
    expect(s.medianDaysToApproval).toBe(7.5);
    expect(s.decisions.total).toBe(4);
    // Both ends are included: the day 40 days ago alone.
    const old = (await stats(w.tokens.supervisor, dayOffset(-40), dayOffset(-40), w.agencyA.gid)).data.impactStats;
    expect(count(old.byTrigger, 'kind', 'LARGE_FINE')).toBe(100);
    expect(old.medianDaysToApproval).toBe(30);
    const none = (await stats(w.tokens.supervisor, dayOffset(-39), dayOffset(-3), w.agencyA.gid)).data.impactStats;
    expect(none.medianDaysToApproval).toBeNull();
    expect(none.firstApprovals).toBe(0);
  });

  it('staff see their own agency (without asking, too); another agency’s are refused; the enterprise and the public nothing', async () => {
    const own = (await stats(w.tokens.officerA, dayOffset(-5), dayOffset(0))).data.impactStats;
    expect(own.agency.name).toBe(w.agencyA.name);
    expect(count(own.byTrigger, 'kind', 'LARGE_FINE')).toBe(2);
    const other = await stats(w.tokens.officerA, dayOffset(-5), dayOffset(0), w.agencyB.gid);
    expect(other.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(other.errors?.[0].message).toContain('本单位');
    expect((await stats(w.tokens.enterprise, dayOffset(-5), dayOffset(0))).errors?.[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await w.h.gql(STATS, { from: dayOffset(0), to: dayOffset(0) })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('a range ending before it starts, or longer than ten years, is refused', async () => {
    const back = await stats(w.tokens.supervisor, dayOffset(0), dayOffset(-1));
    expect(back.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(back.errors)).toContain('截止日期不能早于起始日期');
    const long = await stats(w.tokens.supervisor, dayOffset(-3660), dayOffset(0));
    expect(long.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    expect((await stats(w.tokens.supervisor, dayOffset(-3659), dayOffset(0))).errors).toBeUndefined();
  });

  it('costs the same statements whatever the number of rollup rows', async () => {
    const run = () => stats(w.tokens.supervisor, dayOffset(-400), dayOffset(0));
    const before = await countStatements(w.h, run);
    const agencies = [w.agencyA.id, w.agencyB.id];
    await rollups(
      Array.from({ length: 300 }, (_, i) => ({
        agencyId: agencies[i % 2],
        day: new Date(`${dayOffset(-100 - Math.floor(i / 2))}T00:00:00Z`),
        metric: 'trigger' as const,
        key: 'COOPERATIVE',
        count: 1,
      })),
    );
    const after = await countStatements(w.h, run);
    expect(count(after.result.data.impactStats.byTrigger, 'kind', 'COOPERATIVE')).toBe(300);
    expect(after.count).toBe(before.count);
    expect(after.count).toBeLessThanOrEqual(2);
  });
});

describe('EnforcementCase.impactDecision', () => {
  const CASES = `query($a: ID!) { cases(agencyId: $a, first: 50) { edges { node { number impactDecision {
    required exempt assessmentRevision paymentTerms { kind instalments dueOn text } decidedAt } } } } }`;

  it('shows the revision relied on and the 第66条 terms to the agency and to the enterprise; whether the penalties moved to staff only', async () => {
    const e = await createEnterprise(w.h.db.prisma);
    const c = await directCase(w, e.id);
    const notice = await readyToDecide(w, c.id, [{ kind: 'FINE', amountFen: 6_000_000 }]);
    const t = await recordTrigger(w, c.id, 'LARGE_FINE', {
      amountFen: 6_000_000n,
      thresholdFen: 5_000_000n,
      stepId: notice!.id,
    });
    await approvedRevision(w, c, {
      covered: [t.id],
      assessedProposal: [{ kind: 'FINE', amountFen: 6_000_000 }],
      mitigations: [{ kind: 'DEFERRAL', dueOn: dayOffset(60) }],
    });
    const decided = await w.h.gql(
      DECIDE,
      { caseId: c.gid, input: decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 5_800_000 }]) },
      w.more.headA,
    );
    expect(decided.data.decideCase.data.stage).toBe('DECIDED');
    const Q = `query($id: ID!) { node(id: $id) { ... on EnforcementCase { impactDecision { required exempt assessmentRevision penaltiesChanged
      paymentTerms { kind instalments dueOn text } } } } }`;
    const expected = {
      required: true,
      exempt: false,
      assessmentRevision: 1,
      paymentTerms: { kind: 'DEFERRAL', instalments: null, dueOn: dayOffset(60), text: '缓解措施1' },
    };
    const staff = await w.h.gql(Q, { id: c.gid }, w.tokens.officerA);
    expect(staff.data.node.impactDecision).toEqual({ ...expected, penaltiesChanged: true });
    const party = await w.h.gql(Q, { id: c.gid }, w.h.token(`enterprise:${e.id}`));
    expect(party.data.node.impactDecision).toEqual({ ...expected, penaltiesChanged: null });
    expect(party.errors?.map((x: GqlJson) => x.extensions.code)).toEqual(['FORBIDDEN']);
    expect((await w.h.gql(Q, { id: c.gid }, w.tokens.officerB)).data.node).toBeNull();
  });

  it('is loaded with the page of cases: the same statements for one decided case as for many', async () => {
    const run = () => w.h.gql(CASES, { a: w.agencyA.gid }, w.tokens.supervisor);
    const before = await countStatements(w.h, run);
    for (let i = 0; i < 4; i++) {
      const e = await createEnterprise(w.h.db.prisma);
      const c = await directCase(w, e.id);
      await readyToDecide(w, c.id, [{ kind: 'WARNING' }]);
      await w.h.gql(DECIDE, { caseId: gid('EnforcementCase', c.id), input: decisionInput('PENALTY') }, w.more.headA);
    }
    const after = await countStatements(w.h, run);
    const decided = after.result.data.cases.edges.filter((e: GqlJson) => e.node.impactDecision);
    expect(decided.length).toBeGreaterThanOrEqual(5);
    expect(after.count).toBe(before.count);
  });
});
