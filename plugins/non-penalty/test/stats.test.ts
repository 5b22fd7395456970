// nonPenaltyStats on known data (Asia/Shanghai months, distinct enterprises, known and unknown fines),
// who sees what, the range cap, and an N+1 guard: statements do not grow with the number of agencies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './fixtures.js';
import { createCase, createEnterprise, createList, PROVISION } from './decision-fixtures.js';
import type { GqlJson } from '@zhifa/testkit';

let w: World;
let itemId: number;
let listId: number;

beforeAll(async () => {
  w = await createWorld();
  const l = await createList(w.h.db.prisma, w.agencyA.id, [
    { violatedProvision: PROVISION.licence, itemKind: 'MINOR', days: 3 },
  ]);
  itemId = l.items[0].id;
  listId = l.list.id;
});
afterAll(() => w?.h.close());

/** A decision row written directly: the statistics read only this table. */
async function decision(
  agencyId: number,
  enterpriseId: number | null,
  decidedAt: string,
  fine: number | null,
  domain = '市场监管',
) {
  const p = w.h.db.prisma;
  const c = await createCase(p, {
    agencyId,
    enterpriseId,
    violatedProvision: PROVISION.licence,
    stage: 'DECIDED',
    decision: 'NO_PENALTY',
    decidedAt: new Date(decidedAt),
  });
  return p.nonPenaltyDecision.create({
    data: {
      caseId: c.id,
      itemId,
      listId,
      listVersion: 1,
      agencyId,
      enterpriseId,
      domain,
      itemKind: 'MINOR',
      facts: {},
      evaluation: {},
      correctionContent: '改正',
      correctionOrderedOn: new Date('2025-01-01'),
      correctionDeadline: new Date('2025-01-04'),
      education: '教育',
      fineNotImposedFen: fine === null ? null : BigInt(fine),
      decidedBy: 'person:1',
      decidedAt: new Date(decidedAt),
    },
  });
}

const STATS = `query($agencyId: ID, $domain: String, $from: Date!, $to: Date!) {
  nonPenaltyStats(agencyId: $agencyId, domain: $domain, from: $from, to: $to) {
    from to domain decisions enterprisesBenefited fineNotImposedFen fineUnknownCount
    byMonth { month decisions enterprisesBenefited fineNotImposedFen fineUnknownCount }
    byAgency { agency { name } decisions enterprisesBenefited fineNotImposedFen fineUnknownCount }
  }
}`;

/** token null: the public. */
const stats = async (vars: Record<string, unknown>, token: string | null = w.tokens.supervisor) => {
  const res = await w.h.gql(STATS, { from: '2025-01-01', to: '2025-04-30', ...vars }, token ?? undefined);
  // A query answers its data, or a top-level error with its code (never both).
  if (res.errors) {
    expect(res.data?.nonPenaltyStats ?? null).toBeNull();
    return { data: null, code: res.errors[0].extensions.code as string, message: res.errors[0].message as string };
  }
  return { data: res.data.nonPenaltyStats, code: null, message: null };
};

describe('nonPenaltyStats', () => {
  it('counts decisions, distinct enterprises and fines per Shanghai month and per agency', async () => {
    const e1 = await createEnterprise(w.h.db.prisma);
    const e2 = await createEnterprise(w.h.db.prisma);
    await decision(w.agencyA.id, e1.id, '2025-01-10T02:00:00Z', 200000);
    await decision(w.agencyA.id, e1.id, '2025-01-20T02:00:00Z', null);
    // 31 March 16:30 UTC is 1 April 00:30 in Shanghai: an April decision.
    await decision(w.agencyA.id, e2.id, '2025-03-31T16:30:00Z', 50000);
    await decision(w.agencyB.id, e2.id, '2025-02-15T02:00:00Z', 10000, '生态环境');
    await decision(w.agencyB.id, null, '2025-02-16T02:00:00Z', null, '生态环境');
    // Outside the range on either side (Shanghai days): 31 Dec 2024 23:59 and 1 May 2025 00:00.
    await decision(w.agencyA.id, e1.id, '2024-12-31T15:59:00Z', 999);
    await decision(w.agencyA.id, e1.id, '2025-04-30T16:00:00Z', 999);

    const s = await stats({});
    expect(s.code).toBeNull();
    expect(s.data).toMatchObject({
      from: '2025-01-01',
      to: '2025-04-30',
      domain: null,
      decisions: 5,
      enterprisesBenefited: 2,
      fineNotImposedFen: 260000,
      fineUnknownCount: 2,
    });
    expect(s.data.byMonth).toEqual([
      { month: '2025-01', decisions: 2, enterprisesBenefited: 1, fineNotImposedFen: 200000, fineUnknownCount: 1 },
      { month: '2025-02', decisions: 2, enterprisesBenefited: 1, fineNotImposedFen: 10000, fineUnknownCount: 1 },
      { month: '2025-03', decisions: 0, enterprisesBenefited: 0, fineNotImposedFen: 0, fineUnknownCount: 0 },
      { month: '2025-04', decisions: 1, enterprisesBenefited: 1, fineNotImposedFen: 50000, fineUnknownCount: 0 },
    ]);
    expect(s.data.byAgency).toEqual([
      {
        agency: { name: '阜宁县市场监督管理局' },
        decisions: 3,
        enterprisesBenefited: 2,
        fineNotImposedFen: 250000,
        fineUnknownCount: 1,
      },
      {
        agency: { name: '盐城市阜宁生态环境局' },
        decisions: 2,
        enterprisesBenefited: 1,
        fineNotImposedFen: 10000,
        fineUnknownCount: 1,
      },
    ]);

    const env = await stats({ domain: '生态环境' });
    expect(env.data).toMatchObject({ decisions: 2, domain: '生态环境', fineNotImposedFen: 10000 });
    const a = await stats({ agencyId: w.agencyA.gid });
    expect(a.data).toMatchObject({ decisions: 3, enterprisesBenefited: 2 });
    const empty = await stats({ from: '2020-01-01', to: '2020-02-10' });
    expect(empty.data).toMatchObject({ decisions: 0, enterprisesBenefited: 0, fineNotImposedFen: 0, byAgency: [] });
    expect(empty.data.byMonth.map((m: GqlJson) => m.month)).toEqual(['2020-01', '2020-02']);
  });

  it('supervisors see every agency; other staff only their own; the public and enterprises none', async () => {
    const own = await stats({}, w.tokens.officerA);
    expect(own.data.byAgency.map((r: GqlJson) => r.agency.name)).toEqual(['阜宁县市场监督管理局']);
    expect(own.data.decisions).toBe(3);
    expect((await stats({ agencyId: w.agencyB.gid }, w.tokens.officerA)).code).toBe('FORBIDDEN');
    expect((await stats({}, w.tokens.enterprise)).code).toBe('FORBIDDEN');
    expect((await stats({}, null)).code).toBe('UNAUTHENTICATED');
    expect((await stats({ agencyId: w.agencyB.gid }, w.tokens.supervisor)).data.decisions).toBe(2);
  });

  it('a range over 120 months or ending before it starts is refused', async () => {
    const long = await stats({ from: '2015-01-01', to: '2025-01-31' });
    expect(long.code).toBe('VALIDATION_FAILED');
    expect(long.message).toContain('120');
    expect((await stats({ from: '2016-01-01', to: '2025-12-31' })).code).toBeNull();
    expect((await stats({ from: '2025-03-01', to: '2025-02-28' })).code).toBe('VALIDATION_FAILED');
  });

  it('N+1 guard: statements do not grow with the number of agencies', async () => {
    const count = async () => {
      w.h.queries.length = 0;
      const s = await stats({ from: '2026-01-01', to: '2026-12-31' });
      expect(s.code).toBeNull();
      // The event bus polls on the same client (PostgreSQL under load); its reads are not this query's.
      const ours = w.h.queries.filter(
        (q) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(q.trim()) && !/"Event"|pg_snapshot|LISTEN/.test(q),
      );
      return { n: ours.length, agencies: s.data.byAgency.length };
    };
    const p = w.h.db.prisma;
    const add = async (k: number) => {
      for (let i = 0; i < k; i++) {
        const a = await p.agency.create({
          data: { name: `统计测试单位${Date.now()}-${i}`, kind: 'ENFORCEMENT_AGENCY' },
        });
        await decision(a.id, null, `2026-0${(i % 9) + 1}-10T02:00:00Z`, 100);
      }
    };
    await add(2);
    const few = await count();
    await add(30);
    const many = await count();
    expect(few.agencies).toBe(2);
    expect(many.agencies).toBe(32);
    expect(many.n).toBe(few.n);
    // Two to resolve the token's person and agency, one aggregate, one for all agencies of byAgency.
    expect(many.n).toBeLessThanOrEqual(4);
  });
});
