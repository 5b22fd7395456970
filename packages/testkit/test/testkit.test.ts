// The test kit itself: each file's database is a fresh copy of the migrated one, the base world
// is what it says, and the helpers count what they claim to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, settledHead } from '@zhifa/core/events';
import {
  countStatements,
  createBaseWorld,
  createHarness,
  ERR,
  expectTyped,
  gid,
  idOf,
  isEventBusPoll,
  rowCounts,
  type BaseWorld,
  type Harness,
  type GqlJson,
} from '@zhifa/testkit';

let h: Harness;
let setupMs = 0;
let setupCpuMs = 0;
beforeAll(async () => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  h = await createHarness();
  setupMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  setupCpuMs = (used.user + used.system) / 1000;
});
afterAll(() => h?.close());

describe('a test file database', () => {
  it('is migrated and empty (but for the reference data migrations write)', async () => {
    const applied = await h.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    expect(applied[0].n).toBeGreaterThan(0);
    const counts = await rowCounts(h.db.prisma);
    expect(Object.keys(counts)).toEqual(
      expect.arrayContaining(['Agency', 'Person', 'Enterprise', 'EnforcementCase', 'Event']),
    );
    // Empty but for what a migration writes as reference data: the economic-impact plugin's rules, version 1.
    const { ImpactRules: rules, ...domain } = counts;
    expect(rules).toBe(1);
    expect(Object.entries(domain).filter(([, n]) => n !== 0)).toEqual([]);
    // How quick is the benchmarks' business, not a test's: ZHIFA_TEST_TIMING prints the figure.
    if (process.env.ZHIFA_TEST_TIMING)
      console.log(`[testkit] createHarness: ${setupMs.toFixed(0)} ms (${setupCpuMs.toFixed(0)} ms CPU)`);
  });
});

describe('base world', () => {
  let w: BaseWorld;
  beforeAll(async () => {
    w = await createBaseWorld(h);
  });

  it('has the county, its agencies, a person in each role and an enterprise, each with a token', async () => {
    const counts = await rowCounts(h.db.prisma, ['Agency', 'Person', 'Enterprise']);
    expect(counts).toEqual({ Agency: 5, Person: 7, Enterprise: 1 });
    const res = await h.gql(`{ viewer { kind name roles } }`, {}, w.tokens.officerA);
    expect(res.data.viewer).toMatchObject({ kind: 'person', name: '张执法', roles: ['OFFICER'] });
    for (const token of Object.values(w.tokens)) {
      const r = await h.gql(`{ viewer { kind } }`, {}, token);
      expect(r.data.viewer.kind).not.toBe('public');
    }
    expect((await h.gql(`{ viewer { kind } }`, {}, w.tokens.enterprise)).data.viewer.kind).toBe('enterprise');
  });

  it('gives both officers a certificate that lets them enforce today', async () => {
    const res = await h.gql(
      `{ people(first: 10, role: OFFICER) { edges { node { name canEnforce agency { name domains } } } } }`,
      {},
      w.tokens.supervisor,
    );
    expect(res.errors).toBeUndefined();
    const officers = res.data.people.edges.map((e: GqlJson) => e.node);
    expect(officers).toEqual(
      expect.arrayContaining([
        { name: '张执法', canEnforce: true, agency: { name: '阜宁县市场监督管理局', domains: ['市场监管'] } },
        { name: '陈执法', canEnforce: true, agency: { name: '盐城市阜宁生态环境局', domains: ['生态环境'] } },
      ]),
    );
  });

  it('global ids round-trip and name rows the schema finds', async () => {
    expect(idOf(gid('Agency', 42))).toBe(42);
    expect(w.agencyA.gid).toBe(gid('Agency', w.agencyA.id));
    const res = await h.gql(`query($id: ID!) { node(id: $id) { id ... on Agency { name } } }`, { id: w.agencyB.gid });
    expect(res.data.node).toEqual({ id: w.agencyB.gid, name: w.agencyB.name });
  });

  it('the error fragment and expectTyped read a refusal; the refused write wrote nothing', async () => {
    const before = await rowCounts(h.db.prisma);
    const res = await h.gql(
      `mutation($input: AgencyInput!) { createAgency(input: $input) { ${ERR} } }`,
      { input: { name: '某局', kind: 'TOWNSHIP' } },
      w.tokens.officerA,
    );
    expectTyped(res.data.createAgency, 'ForbiddenError', { code: 'FORBIDDEN' });
    expect(await rowCounts(h.db.prisma)).toEqual(before);
  });
});

describe('countStatements', () => {
  it('counts what the call sent, not the event bus polling beside it', async () => {
    const { result, count, statements } = await countStatements(h, async () => {
      await settledHead(h.db.prisma); // what the bus sends when it polls
      await h.db.prisma.$transaction((tx) => appendEvent(tx, { topic: 'testkit', payload: {}, actor: 'test' }));
      return h.db.prisma.agency.count();
    });
    expect(typeof result).toBe('number');
    expect(statements.some(isEventBusPoll)).toBe(false);
    expect(statements.some((s) => /INSERT INTO "[^"]*"?\.?"?Event"/.test(s))).toBe(true);
    expect(count).toBe(statements.length);
    expect(h.queries.some(isEventBusPoll)).toBe(true);
  });
});
