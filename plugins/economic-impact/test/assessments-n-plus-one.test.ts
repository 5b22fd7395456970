// `cases { impactAssessment { … } }` costs a fixed number of statements whatever the number of cases — alone, and with
// the case's triggers and what its decision relied on beside it (the N+1 guard): the latest visible revision
// is selected within the cases' query, mitigations and follow-ups are batched, and the explanations of a page are
// computed from two statements (their scores, the rules versions they name).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, type GqlJson } from '@zhifa/testkit';
import { createEnterprise, createWorld, directCase, type World } from './fixtures.js';
import { scores } from './assessment-helpers.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w?.h.close());

/** An enterprise with `n` cases, each with an approved revision 1 (two mitigations) and a draft revision 2. */
async function enterpriseWithCases(n: number) {
  const p = w.h.db.prisma;
  const e = await createEnterprise(p);
  for (let i = 0; i < n; i++) {
    const c = await directCase(w, e.id);
    const base = {
      caseId: c.id,
      agencyId: w.agencyA.id,
      enterpriseId: e.id,
      scores: scores({}, (i % 4) + 1),
      createdBy: 'system',
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    await p.impactAssessment.create({
      data: {
        ...base,
        revision: 1,
        status: 'APPROVED',
        weightedScore: (i % 4) + 1,
        level: 'MEDIUM',
        rulesVersion: 1,
        submittedBy: 'system',
        approvedBy: 'system',
        approvedAt: new Date(),
        mitigations: {
          create: [
            { position: 0, kind: 'COMPLIANCE_GUIDANCE', text: '合规指导' },
            { position: 1, kind: 'FOLLOW_UP_VISIT', text: '回访' },
          ],
        },
      },
    });
    await p.impactAssessment.create({ data: { ...base, revision: 2 } });
  }
  return e;
}

const LIST = `query($e: ID!) { cases(enterpriseId: $e, first: 100) { edges { node { number
  impactAssessment { revision status level mitigations { kind } explanation { weightedScore terms { contribution } }
    followUps(first: 3) { totalCount } }
  } } } }`;
const REVISIONS = `query($e: ID!) { cases(enterpriseId: $e, first: 100) { edges { node { number
  impactAssessmentRevisions(first: 5) { totalCount edges { node { revision status mitigations { kind } } } } } } } }`;
const ENTERPRISE_LIST = `query($e: ID!) { cases(enterpriseId: $e, first: 100) { edges { node { number
  impactAssessment { revision status mitigations { kind text } } } } } }`;

describe('N+1', () => {
  it('staff: the same statements for 3 cases as for 30 (the latest revision; every revision)', async () => {
    const small = await enterpriseWithCases(3);
    const large = await enterpriseWithCases(30);
    const run = (e: { gid: string }) => countStatements(w.h, () => w.h.gql(LIST, { e: e.gid }, w.tokens.officerA));
    await run(small); // the caller's first request reads who they are; later ones do not
    const a = await run(small);
    const b = await run(large);
    expect(b.result.errors).toBeUndefined();
    const edges = b.result.data.cases.edges as GqlJson[];
    expect(edges).toHaveLength(30);
    expect(edges[0].node.impactAssessment).toMatchObject({ revision: 2, status: 'DRAFT', mitigations: [] });
    expect(b.count).toBe(a.count);
    const revisions = (e: { gid: string }) =>
      countStatements(w.h, () => w.h.gql(REVISIONS, { e: e.gid }, w.tokens.officerA));
    const ra = await revisions(small);
    const rb = await revisions(large);
    expect(rb.result.data.cases.edges[0].node.impactAssessmentRevisions.totalCount).toBe(2);
    expect(rb.count).toBe(ra.count);
  });

  it('the enterprise: its approved revisions, the same statements for 3 cases as for 30', async () => {
    const small = await enterpriseWithCases(3);
    const large = await enterpriseWithCases(30);
    const run = (e: { gid: string; id: number }) =>
      countStatements(w.h, () => w.h.gql(ENTERPRISE_LIST, { e: e.gid }, w.h.token(`enterprise:${e.id}`)));
    // Each enterprise user's first request reads who they are; measured on the second.
    await run(small);
    await run(large);
    const a = await run(small);
    const b = await run(large);
    expect(b.result.errors).toBeUndefined();
    const edges = b.result.data.cases.edges as GqlJson[];
    expect(edges).toHaveLength(30);
    expect(
      edges.every((x) => x.node.impactAssessment.revision === 1 && x.node.impactAssessment.mitigations.length === 2),
    ).toBe(true);
    expect(b.count).toBe(a.count);
  });

  it('the issue’s guard: cases { impactAssessment { … } impactAssessmentRequired { … } impactDecision { … } } together', async () => {
    const p = w.h.db.prisma;
    const withTriggers = async (n: number) => {
      const e = await enterpriseWithCases(n);
      const ids = (await p.enforcementCase.findMany({ where: { enterpriseId: e.id }, select: { id: true } })).map(
        (c) => c.id,
      );
      await p.impactTrigger.createMany({
        data: ids.flatMap((caseId) =>
          (['KEY_ENTERPRISE', 'LARGE_FINE'] as const).map((kind) => ({
            caseId,
            kind,
            source: kind === 'LARGE_FINE' ? ('NOTICE' as const) : ('PARTY' as const),
            amountFen: kind === 'LARGE_FINE' ? 6_000_000n : null,
            thresholdFen: kind === 'LARGE_FINE' ? 5_000_000n : null,
            rulesVersion: 1,
            firedAt: new Date(),
            actor: 'system:test',
          })),
        ),
      });
      return e;
    };
    const ALL = `query($e: ID!) { cases(enterpriseId: $e, first: 100) { edges { node { number
      impactAssessment { revision status level mitigations { kind } }
      impactAssessmentRequired(first: 5) { totalCount edges { node { kind reason } } }
      impactDecision { required assessmentRevision } } } } }`;
    const small = await withTriggers(2);
    const large = await withTriggers(20);
    const run = (e: { gid: string }) => countStatements(w.h, () => w.h.gql(ALL, { e: e.gid }, w.tokens.officerA));
    await run(small);
    const a = await run(small);
    const b = await run(large);
    expect(b.result.errors).toBeUndefined();
    const edges = b.result.data.cases.edges as GqlJson[];
    expect(edges).toHaveLength(20);
    expect(edges[0].node.impactAssessmentRequired.totalCount).toBe(2);
    expect(edges[0].node.impactAssessmentRequired.edges[0].node.reason).toContain('¥60,000.00');
    expect(b.count).toBe(a.count);
  });
});
