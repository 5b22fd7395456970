// The plugin end to end through the API, across its parts: a case written before the plugin was installed (its
// triggers never recorded by a reaction) is refused at the decision from its facts; the officers assess, the legal
// reviewer reviews, the head approves — the approval records what the facts fire, so it answers them — and the
// decision goes through, relying on that revision. A heavier re-notice after the approval is a new trigger: refused
// again until a new revision is approved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gid, rowCounts } from '@zhifa/testkit';
import { CREATE, REVIEW, content, result, step } from './assessment-helpers.js';
import { createEnterprise, createWorld, directCase, type World } from './fixtures.js';
import { DECIDE, readyToDecide } from './guard-fixtures.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w?.h.close());

const decide = (caseGid: string, amountFen: number) =>
  w.h.gql(
    DECIDE,
    { caseId: caseGid, input: { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen }] } },
    w.more.headA,
  );

/** Draft (officer A), submit (officer A), review (the legal reviewer), approve (the head): the approved revision. */
async function assessAndApprove(caseGid: string, assessmentGid?: string) {
  let id = assessmentGid;
  if (!id) {
    const created = result(await w.h.gql(CREATE, { c: caseGid, i: content() }, w.tokens.officerA));
    expect(created.status, JSON.stringify(created)).toBe('DRAFT');
    id = created.id as string;
  }
  expect(result(await w.h.gql(step('submitImpactAssessment'), { a: id }, w.tokens.officerA)).status).toBe('SUBMITTED');
  expect(result(await w.h.gql(REVIEW, { a: id, c: '同意' }, w.more.reviewerA)).status).toBe('REVIEWED');
  const approved = result(await w.h.gql(step('approveImpactAssessment'), { a: id }, w.more.headA));
  expect(approved.status).toBe('APPROVED');
  return approved;
}

describe('a case written before the plugin, through the API', () => {
  it('is refused from its facts, assessed, approved, then decided relying on the revision', async () => {
    const e = await createEnterprise(w.h.db.prisma);
    const k = await directCase(w, e.id, 'INVESTIGATING');
    await readyToDecide(w, k.id, [{ kind: 'FINE', amountFen: 6_000_000 }]);
    expect(await w.h.db.prisma.impactTrigger.count({ where: { caseId: k.id } })).toBe(0);

    const before = await rowCounts(w.h.db.prisma);
    const refused = (await decide(k.gid, 6_000_000)).data.decideCase;
    expect(refused).toMatchObject({ __typename: 'RuleViolation', rule: 'IMPACT_ASSESSMENT_REQUIRED' });
    expect(refused.message).toContain('¥60,000.00');
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);

    const approved = await assessAndApprove(k.gid);
    // The approval recorded the trigger the notice fires, and answers it.
    const triggers = await w.h.db.prisma.impactTrigger.findMany({ where: { caseId: k.id } });
    expect(triggers.map((t) => [t.kind, t.amountFen])).toEqual([['LARGE_FINE', 6_000_000n]]);
    expect(approved.coveredTriggerIds).toEqual([gid('ImpactTrigger', triggers[0].id)]);

    const decided = (await decide(k.gid, 6_000_000)).data.decideCase;
    expect(decided.__typename).toBe('MutationDecideCaseSuccess');
    const relied = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on EnforcementCase { impactDecision { required exempt assessmentRevision penaltiesChanged } } } }`,
      { id: k.gid },
      w.more.headA,
    );
    expect(relied.data.node.impactDecision).toEqual({
      required: true,
      exempt: false,
      assessmentRevision: 1,
      penaltiesChanged: false,
    });
  });

  it('a heavier re-notice after the approval needs a new revision', async () => {
    const e = await createEnterprise(w.h.db.prisma);
    const k = await directCase(w, e.id, 'INVESTIGATING');
    await readyToDecide(w, k.id, [{ kind: 'FINE', amountFen: 6_000_000 }]);
    const first = await assessAndApprove(k.gid);
    await readyToDecide(w, k.id, [{ kind: 'FINE', amountFen: 9_000_000 }]);

    const refused = (await decide(k.gid, 9_000_000)).data.decideCase;
    expect(refused).toMatchObject({ rule: 'IMPACT_ASSESSMENT_REQUIRED' });
    expect(refused.message).toContain('¥90,000.00');

    const revised = result(await w.h.gql(step('reviseImpactAssessment'), { a: first.id }, w.tokens.officerA));
    expect(revised).toMatchObject({ revision: 2, status: 'DRAFT' });
    await assessAndApprove(k.gid, revised.id as string);
    expect((await decide(k.gid, 9_000_000)).data.decideCase.__typename).toBe('MutationDecideCaseSuccess');
    const d = await w.h.db.prisma.impactDecision.findUniqueOrThrow({ where: { caseId: k.id } });
    expect(d.assessmentId).toBe(
      (await w.h.db.prisma.impactAssessment.findFirstOrThrow({ where: { caseId: k.id, revision: 2 } })).id,
    );
  });
});

describe('what a decision relied on, as the enterprise reads it', () => {
  it('the approved revision and its mitigations, never its level', async () => {
    const e = await createEnterprise(w.h.db.prisma);
    const k = await directCase(w, e.id, 'INVESTIGATING');
    await readyToDecide(w, k.id, [{ kind: 'FINE', amountFen: 6_000_000 }]);
    await assessAndApprove(k.gid);
    expect((await decide(k.gid, 6_000_000)).data.decideCase.__typename).toBe('MutationDecideCaseSuccess');
    const user = await w.h.db.prisma.enterprise.findUniqueOrThrow({ where: { id: e.id } });
    const token = w.h.token(`enterprise:${user.id}`);
    const q = `query($id: ID!) { node(id: $id) { ... on EnforcementCase { impactDecision { assessment { revision status
      mitigations { kind text } } } } } }`;
    const res = await w.h.gql(q, { id: k.gid }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data.node.impactDecision.assessment).toEqual({
      revision: 1,
      status: 'APPROVED',
      mitigations: [{ kind: 'COMPLIANCE_GUIDANCE', text: '上门开展合规指导' }],
    });
    const level = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on EnforcementCase { impactDecision { assessment { level } } } } }`,
      { id: k.gid },
      token,
    );
    expect(level.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
