// N+1 guard: a deep nested listing (the frontends' dashboard) costs a fixed number of SQL
// statements whatever the page size — at most one per list level (relation joins load the whole
// tree in one) — and none to identify a caller the server already knows (viewer cache).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, createHarness, createMatter, type Harness, type GqlJson } from '@zhifa/testkit';
import { createEnterprise, VALID_CERT } from './case-fixtures.js';

const AGENCIES = 100;
const PEOPLE_PER_AGENCY = 4;
const CASES_PER_AGENCY = 10;
/** agencies, people, cases, officers, penalties: at most one statement per list level. */
const LIST_LEVELS = 5;

let h: Harness;
let supervisorToken: string;
beforeAll(async () => {
  h = await createHarness();
  const p = h.db.prisma;
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
  const supervisor = await p.person.create({ data: { agencyId: bureau.id, name: '监督员', roles: ['SUPERVISOR'] } });
  supervisorToken = h.token(`person:${supervisor.id}`);
  const enterprises: { id: number }[] = [];
  for (let i = 0; i < 10; i++) enterprises.push(await createEnterprise(h, `经营主体${i}`));
  const matter = await createMatter(p);
  for (let a = 0; a < AGENCIES; a++) {
    const agency = await p.agency.create({ data: { name: `执法机关${a}`, kind: 'ENFORCEMENT_AGENCY' } });
    await p.person.createMany({
      data: Array.from({ length: PEOPLE_PER_AGENCY }, (_, i) => ({
        agencyId: agency.id,
        name: `执法员${a}-${i}`,
        ...VALID_CERT(),
        certificateNumber: `N1-${a}-${i}`,
      })),
    });
    const people = await p.person.findMany({ where: { agencyId: agency.id }, orderBy: { id: 'asc' } });
    await p.enforcementCase.createMany({
      data: Array.from({ length: CASES_PER_AGENCY }, (_, k) => ({
        number: `阜执罚〔2025〕${a * 100 + k}号`,
        agencyId: agency.id,
        partyKind: 'ENTERPRISE' as const,
        enterpriseId: enterprises[k % enterprises.length].id,
        violation: '违法行为',
        violatedProvision: '违法依据',
        penaltyProvision: '处罚依据',
        matterId: matter.id,
      })),
    });
    const cases = await p.enforcementCase.findMany({ where: { agencyId: agency.id } });
    await p.casePenalty.createMany({
      data: cases.flatMap((k) => [
        { caseId: k.id, kind: 'WARNING' as const },
        { caseId: k.id, kind: 'FINE' as const, amountFen: 100_000n },
      ]),
    });
    await p.caseOfficer.createMany({
      data: cases.flatMap((k, i) =>
        [people[i % 2], people[2 + (i % 2)]].map((o) => ({ caseId: k.id, personId: o.id })),
      ),
    });
  }
});
afterAll(() => h?.close());

const QUERY = `query($n: Int!) {
  agencies(first: $n, kind: ENFORCEMENT_AGENCY) {
    edges { node {
      name
      people(first: 4) { edges { node { name canEnforce } } }
      cases(first: 10) { totalCount edges { node {
        number
        enterprise { name }
        officers(first: 5) { edges { node { person { name } } } }
        matter { code }
        penalties(first: 2) { edges { node { kind amountFen } } }
        deadline isOverdue
      } } }
    } }
  }
}`;

async function statementsFor(n: number) {
  // Without the event bus's polling: it reads the outbox in the background on its own schedule.
  const { result: res, count, statements } = await countStatements(h, () => h.gql(QUERY, { n }, supervisorToken));
  expect(res.errors).toBeUndefined();
  return { res, count, statements };
}

describe('N+1 guard', () => {
  it('agencies → people, cases → enterprise, officers → person: the same statements at page 10 and 100, at most one per list level', async () => {
    await h.gql(`{ viewer { kind } }`, {}, supervisorToken); // the server knows the caller from here on
    const small = await statementsFor(10);
    const large = await statementsFor(100);
    const agencies = large.res.data.agencies.edges;
    expect(agencies).toHaveLength(AGENCIES);
    for (const { node } of agencies) {
      expect(node.people.edges).toHaveLength(PEOPLE_PER_AGENCY);
      expect(node.cases.totalCount).toBe(CASES_PER_AGENCY);
      expect(node.cases.edges).toHaveLength(CASES_PER_AGENCY);
      for (const { node: k } of node.cases.edges) {
        expect(k.enterprise.name).toMatch(/^经营主体/);
        expect(k.officers.edges).toHaveLength(2);
        expect(k.officers.edges[0].node.person.name).toMatch(/^执法员/);
        expect(k.matter.code).toMatch(/^TEST-/);
        expect(k.penalties.edges.map((e: GqlJson) => e.node.kind)).toEqual(['WARNING', 'FINE']);
      }
    }
    expect(small.res.data.agencies.edges).toHaveLength(10);
    expect(large.count, large.statements.join('\n')).toBeLessThanOrEqual(LIST_LEVELS);
    expect(large.count, `page 10:\n${small.statements.join('\n')}\npage 100:\n${large.statements.join('\n')}`).toBe(
      small.count,
    );
  });

  it('loads only the columns the query asks for, not whole cases, enterprises and agencies', async () => {
    const { statements } = await statementsFor(10);
    const sql = statements.join('\n');
    // Asked: number, enterprise name, the keys. Not asked: a case's texts and dates, an enterprise's
    // address, an agency's domains (each a column every row would build into the join's JSON).
    expect(sql).toMatch(/'number'/);
    for (const column of [
      'decisionReason',
      'mitigatingCircumstance',
      'groundNote',
      'legalRepresentative',
      'usccOverrideReason',
      'documentPrefix',
      'domains',
    ])
      expect(sql, column).not.toMatch(new RegExp(`"${column}"`));
  });

  it('no statement identifies a known caller', async () => {
    const { statements } = await statementsFor(10);
    // The query's own statements all start from the agencies.
    for (const sql of statements) expect(sql).toMatch(/FROM "[^"]+"\."Agency"/);
  });
});
