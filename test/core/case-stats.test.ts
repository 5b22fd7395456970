// caseStats agrees with the case list: after a random mix of decisions made through decideCase, every
// figure equals a direct SQL count over the same rows (decided within the period, the caller's rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyIsNaturalPerson } from '@zhifa/core/rules';
import { startOfShanghaiDay } from '@zhifa/core/time';
import { createHarness, gid, idOf, type Harness, type GqlJson } from '@zhifa/testkit';
import {
  createOfficer,
  DECIDE,
  OPEN_CASE,
  readyToDecide,
  seedCounty,
  shanghaiDay,
  type County,
} from './case-fixtures.js';

let h: Harness;
let c: County;
let envHead: string;
beforeAll(async () => {
  h = await createHarness();
  c = await seedCounty(h);
  envHead = h.token(`person:${(await createOfficer(h, c.env.id, '郑局长', { roles: ['OFFICER', 'AGENCY_HEAD'] })).id}`);
});
afterAll(() => h?.close());

const STATS = `query($a: ID, $from: Date!, $to: Date!) { caseStats(agencyId: $a, from: $from, to: $to) {
  from to totalCount totalFineFen totalConfiscationFen
  byDecision { decision count } byGround { ground count } byPenaltyKind { kind count amountFen } } }`;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = 20260401;
const rnd = random(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

interface MatterSpec {
  id: number;
  kinds: string[];
  min: number;
  max: number;
}

/** Whether the case's party is a natural person (an 个体工商户 counts, 民法典 第54条). */
async function naturalPersonParty(caseId: number): Promise<boolean> {
  const k = await h.db.prisma.enforcementCase.findUniqueOrThrow({
    where: { id: caseId },
    include: { enterprise: true },
  });
  return partyIsNaturalPerson(k, k.enterprise);
}

/** `naturalPerson`: 第30条 and 第31条 grounds are a natural person's only (CASE_GROUND_NATURAL_PERSON_ONLY). */
function randomDecision(m: MatterSpec, naturalPerson: boolean) {
  const decision = pick(['PENALTY', 'PENALTY', 'LIGHTER', 'MITIGATED', 'NO_PENALTY', 'NO_PENALTY', 'DROPPED'] as const);
  const gains = rnd() < 0.3 ? [{ kind: 'CONFISCATE_GAINS', amountFen: int(1, 500_000) }] : [];
  if (decision === 'NO_PENALTY')
    return {
      decision,
      ground: pick(
        naturalPerson
          ? ['MINOR_CORRECTED', 'FIRST_OFFENCE', 'NO_FAULT', 'UNDER_FOURTEEN', 'MENTAL_ILLNESS', 'TIME_BARRED']
          : ['MINOR_CORRECTED', 'FIRST_OFFENCE', 'NO_FAULT', 'TIME_BARRED'],
      ),
      penalties: gains,
    };
  if (decision === 'DROPPED')
    return rnd() < 0.5
      ? { decision, ground: 'FACTS_NOT_ESTABLISHED' }
      : { decision, ground: 'OTHER', groundNote: '当事人已注销' };
  // 从轻 lies in the lowest 30 % of the range (ZHIFA_CASE_DISCRETION_BANDS' default, 行政处罚法 第34条).
  const fine =
    decision === 'MITIGATED'
      ? int(1, m.min)
      : decision === 'LIGHTER'
        ? int(Math.max(1, m.min), m.min + Math.floor((m.max - m.min) * 0.3))
        : int(Math.max(1, m.min), m.max);
  const others = m.kinds.filter((k) => k !== 'FINE' && rnd() < 0.3).map((kind) => ({ kind }));
  return {
    decision,
    ...(decision === 'PENALTY' ? {} : { mitigatingCircumstance: '主动减轻违法行为危害后果' }),
    penalties: [{ kind: 'FINE', amountFen: fine }, ...others, ...gains],
  };
}

describe('caseStats', () => {
  const marketIds: number[] = [];
  const envIds: number[] = [];

  beforeAll(async () => {
    const specs: {
      agency: number;
      matter: MatterSpec;
      token: string;
      officer: string;
      into: number[];
      party: () => Record<string, unknown>;
    }[] = [
      {
        agency: c.market.id,
        matter: { id: c.matters.licence.id, kinds: ['WARNING', 'FINE', 'REVOKE_LICENCE'], min: 0, max: 3_000_000 },
        token: c.tokens.head,
        officer: c.tokens.o1,
        into: marketIds,
        party: () => ({ enterpriseId: gid('Enterprise', pick([c.shop.id, c.factory.id, c.stall.id])) }),
      },
      {
        agency: c.env.id,
        matter: {
          id: c.matters.air.id,
          kinds: ['FINE', 'SUSPEND_OPERATIONS', 'CLOSE_DOWN'],
          min: 10_000_000,
          max: 100_000_000,
        },
        token: envHead,
        officer: c.tokens.sysAdmin,
        into: envIds,
        party: () => ({ enterpriseId: gid('Enterprise', c.factory.id) }),
      },
    ];
    for (let i = 0; i < 36; i++) {
      const s = specs[i % 3 === 2 ? 1 : 0];
      const opened = await h.gql(
        OPEN_CASE,
        {
          input: {
            agencyId: gid('Agency', s.agency),
            matterId: gid('EnforcementMatter', s.matter.id),
            violationOn: shanghaiDay(-30),
            ...s.party(),
          },
        },
        s.officer,
      );
      const caseId = opened.data.openCase.data.id;
      s.into.push(idOf(caseId));
      if (i % 9 === 8) continue; // left undecided
      await readyToDecide(h, idOf(caseId));
      const input = randomDecision(s.matter, await naturalPersonParty(idOf(caseId)));
      const res = await h.gql(DECIDE, { caseId, input }, s.token);
      expect(
        res.data.decideCase.__typename,
        `seed ${SEED}, case ${i}: ${JSON.stringify(input)} → ${JSON.stringify(res.data.decideCase)}`,
      ).toBe('MutationDecideCaseSuccess');
    }
    // Move some decisions to the edges of the period [yesterday, today] (Asia/Shanghai), and beyond.
    const from = new Date(`${shanghaiDay(-1)}T00:00:00Z`);
    const after = new Date(`${shanghaiDay(1)}T00:00:00Z`);
    const edges = [
      startOfShanghaiDay(from), // first instant: in
      new Date(startOfShanghaiDay(from).getTime() - 1), // the last instant before: out
      new Date(startOfShanghaiDay(after).getTime() - 1), // the last instant of `to`: in
      startOfShanghaiDay(after), // out
      new Date('2024-03-01T04:00:00Z'), // long before: out
    ];
    const decided = await h.db.prisma.enforcementCase.findMany({
      where: { decision: { not: null } },
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    for (const [i, at] of edges.entries())
      await h.db.prisma.enforcementCase.update({ where: { id: decided[i * 3].id }, data: { decidedAt: at } });
  });

  /** The figures straight from SQL, for cases of `agencyIds` decided in [from, to] (Shanghai days). */
  async function sqlFigures(agencyIds: number[], from: string, to: string) {
    const lo = startOfShanghaiDay(new Date(`${from}T00:00:00Z`));
    const hi = startOfShanghaiDay(new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000));
    const p = h.db.prisma;
    const cases = await p.$queryRaw<
      { decision: string; ground: string | null; fine: bigint | null; conf: bigint | null }[]
    >`
      SELECT "decision"::text AS decision, "ground"::text AS ground, "fineFen" AS fine, "confiscationFen" AS conf FROM "EnforcementCase"
      WHERE "decision" IS NOT NULL AND "decidedAt" >= ${lo} AND "decidedAt" < ${hi} AND "agencyId" = ANY(${agencyIds})`;
    const kinds = await p.$queryRaw<{ kind: string; n: bigint; amount: bigint | null }[]>`
      SELECT p."kind"::text AS kind, count(*) AS n, sum(p."amountFen") AS amount FROM "CasePenalty" p JOIN "EnforcementCase" c ON c.id = p."caseId"
      WHERE c."decision" IS NOT NULL AND c."decidedAt" >= ${lo} AND c."decidedAt" < ${hi} AND c."agencyId" = ANY(${agencyIds}) GROUP BY p."kind"`;
    const count = (f: (r: (typeof cases)[number]) => boolean) => cases.filter(f).length;
    return {
      totalCount: cases.length,
      totalFineFen: Number(cases.reduce((s, r) => s + (r.fine ?? 0n), 0n)),
      totalConfiscationFen: Number(cases.reduce((s, r) => s + (r.conf ?? 0n), 0n)),
      decisions: Object.fromEntries(
        ['PENALTY', 'LIGHTER', 'MITIGATED', 'NO_PENALTY', 'DROPPED', 'TRANSFERRED'].map((d) => [
          d,
          count((r) => r.decision === d),
        ]),
      ),
      grounds: Object.fromEntries(
        [
          'MINOR_CORRECTED',
          'FIRST_OFFENCE',
          'NO_FAULT',
          'UNDER_FOURTEEN',
          'MENTAL_ILLNESS',
          'TIME_BARRED',
          'FACTS_NOT_ESTABLISHED',
          'OTHER',
        ].map((g) => [g, count((r) => r.ground === g)]),
      ),
      kinds: Object.fromEntries(kinds.map((k) => [k.kind, { count: Number(k.n), amountFen: Number(k.amount ?? 0n) }])),
    };
  }

  function figures(stats: GqlJson) {
    return {
      totalCount: stats.totalCount,
      totalFineFen: stats.totalFineFen,
      totalConfiscationFen: stats.totalConfiscationFen,
      decisions: Object.fromEntries(stats.byDecision.map((d: GqlJson) => [d.decision, d.count])),
      grounds: Object.fromEntries(stats.byGround.map((g: GqlJson) => [g.ground, g.count])),
      kinds: Object.fromEntries(
        stats.byPenaltyKind
          .filter((k: GqlJson) => k.count > 0)
          .map((k: GqlJson) => [k.kind, { count: k.count, amountFen: k.amountFen }]),
      ),
    };
  }

  it('a supervisor: the whole county, equal to direct SQL counts, with the period edges in Asia/Shanghai days', async () => {
    const vars = { from: shanghaiDay(-1), to: shanghaiDay(0) };
    const res = await h.gql(STATS, vars, c.tokens.supervisor);
    expect(res.errors).toBeUndefined();
    const expected = await sqlFigures([c.market.id, c.env.id], vars.from, vars.to);
    expect(figures(res.data.caseStats)).toEqual(expected);
    // 36 opened, 4 left undecided, 3 moved out of the period.
    expect(res.data.caseStats.totalCount).toBe(36 - 4 - 3);
    expect(res.data.caseStats.byDecision.map((d: GqlJson) => d.decision)).toEqual([
      'PENALTY',
      'LIGHTER',
      'MITIGATED',
      'NO_PENALTY',
      'DROPPED',
      'TRANSFERRED', // 移送司法机关 (第27条), every decision listed
    ]);
    expect(res.data.caseStats.byPenaltyKind).toHaveLength(12);
    // The same figures as the case list: every case decided in the period is listed, and no other.
    const list = await h.gql(
      `{ cases(first: 100) { edges { node { decision decidedAt } } } }`,
      undefined,
      c.tokens.supervisor,
    );
    const lo = startOfShanghaiDay(new Date(`${vars.from}T00:00:00Z`)).getTime();
    const hi = startOfShanghaiDay(new Date(`${shanghaiDay(1)}T00:00:00Z`)).getTime();
    const listed = list.data.cases.edges
      .map((e: GqlJson) => e.node)
      .filter((n: GqlJson) => n.decision && Date.parse(n.decidedAt) >= lo && Date.parse(n.decidedAt) < hi);
    expect(listed.length).toBe(res.data.caseStats.totalCount);
    expect(listed.filter((n: GqlJson) => n.decision === 'NO_PENALTY').length).toBe(expected.decisions.NO_PENALTY);
  });

  it('an agency filter, and an officer sees only their own agency', async () => {
    const vars = { from: '2024-01-01', to: shanghaiDay(1) };
    const env = await h.gql(STATS, { ...vars, a: gid('Agency', c.env.id) }, c.tokens.supervisor);
    expect(figures(env.data.caseStats)).toEqual(await sqlFigures([c.env.id], vars.from, vars.to));
    const own = await h.gql(STATS, vars, c.tokens.o1);
    expect(figures(own.data.caseStats)).toEqual(await sqlFigures([c.market.id], vars.from, vars.to));
    const other = await h.gql(STATS, { ...vars, a: gid('Agency', c.env.id) }, c.tokens.o1);
    expect(other.data.caseStats.totalCount).toBe(0);
    expect(own.data.caseStats.totalCount).toBeGreaterThan(0);
  });

  it('an enterprise counts its own cases; the public must sign in; a reversed period is refused', async () => {
    const vars = { from: '2024-01-01', to: shanghaiDay(1) };
    const shop = await h.gql(STATS, vars, c.tokens.shop);
    const shopDecided = await h.db.prisma.enforcementCase.count({
      where: { enterpriseId: c.shop.id, decision: { not: null } },
    });
    expect(shop.data.caseStats.totalCount).toBe(shopDecided);
    const anon = await h.gql(STATS, vars);
    expect(anon.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const reversed = await h.gql(STATS, { from: shanghaiDay(0), to: shanghaiDay(-1) }, c.tokens.supervisor);
    expect(reversed.errors![0].extensions.code).toBe('VALIDATION_FAILED');
    expect(reversed.errors![0].message).toContain('止日不能早于起日');
  });
});
