// The case guard: penalising a case whose matter an in-force, published, mandatory (不予处罚) item
// covers needs a stated reason (NON_PENALTY_MANDATORY_ITEM_REASON, 行政处罚法 第33条). Through the real
// decideCase mutation (core runs every plugin's guard in its transaction), and the guard itself with a
// reason in a unit of work. Discretionary items, lists not in force or not binding the agency, and
// items naming no matter ask for nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseGuards, PluginSettings, unitOfWork, type DecideCaseInput } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { loadDecisionFacts } from '@zhifa/core/cases';
import { countStatements, ERR, gid, type GqlJson } from '@zhifa/testkit';
import { createWorld, type World } from './fixtures.js';
import {
  createCase,
  createEnterprise,
  createList,
  createMatter,
  PROVISION,
  type ItemSpec,
} from './decision-fixtures.js';
import { mandatoryItemCovering, nonPenaltyGuard } from '../src/guard.js';

let w: World;
/** The head of agency A: a general-procedure decision is the head's (行政处罚法 第57条). */
let headA: string;
beforeAll(async () => {
  w = await createWorld();
  headA = w.h.token(
    `person:${(await w.h.db.prisma.person.create({ data: { agencyId: w.agencyA.id, name: '甲局局长', roles: ['AGENCY_HEAD'] } })).id}`,
  );
});
afterAll(() => w?.h.close());

/** decideCase through GraphQL: a warning for the penalising decisions (the test matters allow WARNING and FINE). */
async function penalise(
  caseGid: string,
  decision: 'PENALTY' | 'LIGHTER' | 'MITIGATED' | 'NO_PENALTY' | 'DROPPED' = 'PENALTY',
  reason: string | null = null,
) {
  const penalising = decision === 'PENALTY' || decision === 'LIGHTER' || decision === 'MITIGATED';
  const input = {
    decision,
    penalties: penalising ? [{ kind: 'WARNING' }] : [],
    ground: decision === 'NO_PENALTY' ? 'MINOR_CORRECTED' : decision === 'DROPPED' ? 'FACTS_NOT_ESTABLISHED' : null,
    mitigatingCircumstance: decision === 'LIGHTER' || decision === 'MITIGATED' ? '主动消除违法行为危害后果' : null,
    reason,
  };
  const res = await w.h.gql(
    `mutation($id: ID!, $input: DecideCaseInput!) { decideCase(caseId: $id, input: $input) { __typename ${ERR} ... on MutationDecideCaseSuccess { data
      { stage decision decisionReason } } } }`,
    { id: caseGid, input },
    headA,
  );
  expect(res.errors).toBeUndefined();
  return res.data.decideCase;
}

/** A case in legal review, reviewed, with the notice (proposing a warning) and the statement a penalty needs (第44–45条). */
async function caseOn(matterId: number | null, agencyId = w.agencyA.id) {
  const p = w.h.db.prisma;
  const e = await createEnterprise(p);
  const c = await createCase(p, { agencyId, enterpriseId: e.id, violatedProvision: PROVISION.licence, matterId });
  const on = new Date(`${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00Z`);
  await p.caseStep.createMany({
    data: [
      {
        caseId: c.id,
        kind: 'NOTICE',
        on,
        actor: 'system:test',
        documentNumber: `告〔${c.id}〕`,
        proposal: [{ kind: 'WARNING', amountFen: null }],
      },
      { caseId: c.id, kind: 'STATEMENT', on, outcome: 'WAIVED', actor: 'system:test' },
    ],
  });
  return c;
}

const item = (matterCode: string | undefined, itemKind: ItemSpec['itemKind'] = 'MINOR'): ItemSpec[] => [
  { violatedProvision: PROVISION.licence, itemKind, days: 5, ...(matterCode ? { matterCode } : {}) },
];

async function written() {
  const p = w.h.db.prisma;
  const [events, decided] = await Promise.all([
    p.event.count(),
    p.enforcementCase.count({ where: { stage: 'DECIDED' } }),
  ]);
  return { events, decided };
}

describe('beforeDecide: a mandatory item covering the case’s matter', () => {
  it('penalising without a reason is refused, naming the item and the article, and writes nothing', async () => {
    const p = w.h.db.prisma;
    const matter = await createMatter(p);
    const { list } = await createList(p, w.agencyA.id, item(matter.code, 'MINOR'));
    for (const decision of ['PENALTY', 'LIGHTER', 'MITIGATED'] as const) {
      const c = await caseOn(matter.id);
      const before = await written();
      const r = await penalise(c.gid, decision);
      expect(r, decision).toMatchObject({ __typename: 'RuleViolation', rule: 'NON_PENALTY_MANDATORY_ITEM_REASON' });
      expect(r.message).toContain(list.title);
      expect(r.message).toContain('行政处罚法第33条第1款');
      expect(r.messageEn).toContain('art. 33(1)');
      expect(await written()).toEqual(before);
      expect((await p.enforcementCase.findUniqueOrThrow({ where: { id: c.id } })).stage).toBe('LEGAL_REVIEW');
    }
    // Not penalising is what the item asks for: nothing to explain.
    expect((await penalise((await caseOn(matter.id)).gid, 'NO_PENALTY')).__typename).toBe('MutationDecideCaseSuccess');
    expect((await penalise((await caseOn(matter.id)).gid, 'DROPPED')).__typename).toBe('MutationDecideCaseSuccess');
  });

  it('a no-fault item names 第33条第2款', async () => {
    const matter = await createMatter(w.h.db.prisma);
    await createList(w.h.db.prisma, w.agencyA.id, item(matter.code, 'NO_FAULT'));
    const r = await penalise((await caseOn(matter.id)).gid);
    expect(r).toMatchObject({ rule: 'NON_PENALTY_MANDATORY_ITEM_REASON' });
    expect(r.message).toContain('行政处罚法第33条第2款');
  });

  it('with a stated reason the decision goes through and the reason is stored', async () => {
    const p = w.h.db.prisma;
    const matter = await createMatter(p);
    await createList(p, w.agencyA.id, item(matter.code));
    expect(await penalise((await caseOn(matter.id)).gid, 'PENALTY', null)).toMatchObject({
      rule: 'NON_PENALTY_MANDATORY_ITEM_REASON',
    });
    const reason = '当事人未在责令改正期限内改正，不符合清单第1项适用条件';
    const r = await penalise((await caseOn(matter.id)).gid, 'PENALTY', reason);
    expect(r, JSON.stringify(r)).toMatchObject({
      __typename: 'MutationDecideCaseSuccess',
      data: { stage: 'DECIDED', decision: 'PENALTY', decisionReason: reason },
    });
  });

  it('the guard reads only the decision and its reason: a blank reason is no reason', async () => {
    const p = w.h.db.prisma;
    const matter = await createMatter(p);
    await createList(p, w.agencyA.id, item(matter.code));
    const c = await caseOn(matter.id);
    const officer = await p.person.findUniqueOrThrow({
      where: { id: w.people.officerA.id },
      include: { agency: true },
    });
    const viewer: Viewer = {
      kind: 'person',
      personId: officer.id,
      name: officer.name,
      agencyId: officer.agencyId,
      agencyKind: officer.agency.kind,
      roles: officer.roles,
    };
    const guards = new CaseGuards();
    guards.add(nonPenaltyGuard);
    const env = { prisma: p, viewer, guards, settings: new PluginSettings(), clock: () => new Date() };
    const input = (reason: string | null) => ({ decision: 'PENALTY', reason }) as DecideCaseInput;
    const run = (reason: string | null) =>
      unitOfWork(
        env,
        async (uow) => {
          const decision = await loadDecisionFacts(uow, c.id);
          await guards.beforeDecide({ uow, case: decision.case, decision }, input(reason));
        },
        { silent: 'the guard only reads' },
      );
    await expect(run('   ')).rejects.toMatchObject({ rule: 'NON_PENALTY_MANDATORY_ITEM_REASON' });
    await expect(run('已造成危害后果')).resolves.toBeUndefined();
  });

  it('asks nothing for a discretionary item, a list not in force, another matter, or an item naming no matter', async () => {
    const p = w.h.db.prisma;
    const matter = await createMatter(p);
    await createList(p, w.agencyA.id, item(matter.code, 'FIRST_OFFENCE'));
    await createList(p, w.agencyA.id, item(matter.code), { status: 'DRAFT' });
    await createList(p, w.agencyA.id, item(matter.code), { status: 'REPEALED' });
    await createList(p, w.agencyA.id, item(matter.code), {
      validFrom: new Date('2023-01-01T00:00:00Z'),
      validUntil: new Date('2024-12-31T00:00:00Z'),
    });
    await createList(p, w.agencyA.id, item(matter.code), { validFrom: new Date('2099-01-01T00:00:00Z') });
    await createList(p, w.agencyA.id, item((await createMatter(p)).code));
    await createList(p, w.agencyA.id, item(undefined));
    expect(await mandatoryItemCovering(p, { agencyId: w.agencyA.id, matterId: matter.id }, new Date())).toBeNull();
    expect((await penalise((await caseOn(matter.id)).gid)).__typename).toBe('MutationDecideCaseSuccess');
    // A case opened before matters (no matter) is covered by nothing.
    expect((await penalise((await caseOn(null)).gid)).__typename).toBe('MutationDecideCaseSuccess');
  });

  it('counts the lists that bind the case’s agency: a sibling’s county list does not, a provincial list of the domain does', async () => {
    const p = w.h.db.prisma;
    const matter = await createMatter(p);
    await createList(p, w.agencyB.id, item(matter.code), { domain: '市场监管' });
    expect((await penalise((await caseOn(matter.id)).gid)).__typename).toBe('MutationDecideCaseSuccess');
    await createList(p, w.agencyB.id, item(matter.code), { domain: '市场监管', issuerLevel: 'PROVINCIAL' });
    expect(await penalise((await caseOn(matter.id)).gid)).toMatchObject({ rule: 'NON_PENALTY_MANDATORY_ITEM_REASON' });
  });

  it('the first day of validity counts; the day after the last does not', async () => {
    const p = w.h.db.prisma;
    const matter = await createMatter(p);
    const today = new Date(`${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00Z`);
    const day = 86_400_000;
    const { list } = await createList(p, w.agencyA.id, item(matter.code), { validFrom: today });
    expect(await mandatoryItemCovering(p, { agencyId: w.agencyA.id, matterId: matter.id }, new Date())).not.toBeNull();
    await p.enforcementList.update({
      where: { id: list.id },
      data: { validFrom: new Date(today.getTime() - 10 * day), validUntil: today },
    });
    expect(await mandatoryItemCovering(p, { agencyId: w.agencyA.id, matterId: matter.id }, new Date())).not.toBeNull();
    await p.enforcementList.update({ where: { id: list.id }, data: { validUntil: new Date(today.getTime() - day) } });
    expect(await mandatoryItemCovering(p, { agencyId: w.agencyA.id, matterId: matter.id }, new Date())).toBeNull();
  });
});

describe('EnforcementCase.mandatoryNonPenaltyItem', () => {
  it('shows the covering item to the case’s readers, null when none, in the same statements for 2 cases or 20', async () => {
    const p = w.h.db.prisma;
    const matter = await createMatter(p);
    const { list } = await createList(p, w.agencyA.id, [
      ...item(undefined, 'FIRST_OFFENCE'),
      { ...item(matter.code)[0] },
    ]);
    const covered = await caseOn(matter.id);
    const other = await caseOn((await createMatter(p)).id);
    const Q = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on EnforcementCase { number mandatoryNonPenaltyItem { seq mandatory matterCode list {
      title } } } } }`;
    const res = await w.h.gql(Q, { ids: [covered.gid, other.gid] }, w.tokens.officerA);
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes).toEqual([
      {
        number: covered.number,
        mandatoryNonPenaltyItem: { seq: 2, mandatory: true, matterCode: matter.code, list: { title: list.title } },
      },
      { number: other.number, mandatoryNonPenaltyItem: null },
    ]);

    // A page of cases of an agency of its own (市场监管, bound by a provincial list): the field adds the
    // same few statements for 2 cases or 20.
    const agencyC = await p.agency.create({
      data: {
        name: `阜宁县测试执法局${process.pid}`,
        kind: 'ENFORCEMENT_AGENCY',
        parentId: w.county.id,
        domains: ['市场监管'],
      },
    });
    await createList(p, w.agencyB.id, item(matter.code), { domain: '市场监管', issuerLevel: 'PROVINCIAL' });
    for (let i = 0; i < 20; i++) await caseOn(i % 2 ? matter.id : null, agencyC.id);
    const PAGE = (field: string) =>
      `query($a: ID!, $n: Int!) { cases(agencyId: $a, first: $n) { edges { node { number ${field} } } } }`;
    const count = async (field: string, n: number) => {
      const { result, count } = await countStatements(
        w.h,
        () => w.h.gql(PAGE(field), { a: gid('Agency', agencyC.id), n }, w.tokens.supervisor),
        {
          ignore: (q) => /^(BEGIN|COMMIT|ROLLBACK)/i.test(q.trim()),
        },
      );
      expect(result.errors).toBeUndefined();
      if (field)
        expect(result.data.cases.edges.filter((e: GqlJson) => e.node.mandatoryNonPenaltyItem).length).toBe(n / 2);
      return count;
    };
    const added = async (field: string, n: number) => (await count(field, n)) - (await count('', n));
    // A first request identifies the caller (the viewer cache then answers without SQL), so it is left out.
    await count('', 2);
    // The item's own fields: a fixed few statements for the page (matters, candidate items with their
    // lists, the agency tree), the same for 2 cases as for 20.
    const scalars = 'mandatoryNonPenaltyItem { seq mandatory matterCode }';
    const forTwo = await added(scalars, 2);
    expect(forTwo).toBeLessThanOrEqual(4);
    expect(await added(scalars, 20)).toBe(forTwo);
    // Its relations load through plugin-prisma's batched fallback: a bounded few more, not one per case.
    expect(await added('mandatoryNonPenaltyItem { seq list { title } }', 20)).toBeLessThanOrEqual(8);
  });
});

describe('decideCase with this guard installed', () => {
  it('costs a bounded number of SQL statements: the guard reads the matter from the decision', async () => {
    const p = w.h.db.prisma;
    const matter = await createMatter(p);
    // A mandatory item on the matter in a sibling agency's county list: a candidate the guard must read
    // and place in the agency tree, which does not bind agency A, so the decision goes through.
    await createList(p, w.agencyB.id, item(matter.code), { domain: '市场监管' });
    const decide = async () => {
      const c = await caseOn(matter.id);
      // BEGIN, COMMIT, ROLLBACK (PGlite's adapter logs its COMMIT as a comment) are not counted.
      return countStatements(w.h, () => penalise(c.gid), {
        ignore: (q) => /^\s*(-- Implicit ")?(BEGIN|COMMIT|ROLLBACK)\b/i.test(q),
      });
    };
    await decide();
    const { result, count, statements } = await decide();
    expect(result.__typename).toBe('MutationDecideCaseSuccess');
    // Core's 8 (test/core/decision-path.test.ts) and the guard's two: the candidate items with their
    // lists, and the agency tree. 18 before the decision's facts were read once.
    expect(count, statements.join('\n')).toBeLessThanOrEqual(10);
  });
});
