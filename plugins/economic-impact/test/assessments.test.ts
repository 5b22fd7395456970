// The assessment's workflow through the API (county plan task 7): scores against hand-computed values, each step
// and each refusal (writing nothing), approval's snapshot and statistics, revisions, the enterprise's view, and
// follow-up visits after the decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gid, idOf, rowCounts, validCertificate, type GqlJson } from '@zhifa/testkit';
import { createEnterprise, createWorld, directCase, todayOn, type World } from './fixtures.js';
import {
  content,
  CREATE,
  FOLLOW_UP,
  result,
  RETURN,
  REVIEW,
  scores,
  step,
  UPDATE,
  writeDecision,
  writeNotice,
  writeTrigger,
} from './assessment-helpers.js';

let w: World;
/** An officer of agency A who is also its legal reviewer and head: the one who could approve their own work. */
let allRoles: { id: number; token: string };
beforeAll(async () => {
  w = await createWorld();
  const p = w.h.db.prisma;
  const person = await p.person.create({
    data: {
      agencyId: w.agencyA.id,
      name: '甲局身兼数职者',
      roles: ['OFFICER', 'LEGAL_REVIEWER', 'AGENCY_HEAD'],
      ...validCertificate(`EI-${process.pid}-ALL`),
    },
  });
  allRoles = { id: person.id, token: w.h.token(`person:${person.id}`) };
});
afterAll(() => w?.h.close());

const TABLES = ['ImpactAssessment', 'ImpactMitigation', 'ImpactFollowUp', 'ImpactStatsRollup', 'Event'];
const counts = () => rowCounts(w.h.db.prisma, TABLES);

async function expectRefused(
  doc: string,
  vars: Record<string, unknown>,
  token: string,
  expected: { rule?: string; code?: string; __typename?: string },
) {
  const before = await counts();
  const res = await w.h.gql(doc, vars, token);
  expect(res.errors).toBeUndefined();
  expect(result(res)).toMatchObject(expected);
  expect(await counts()).toEqual(before);
  return result(res);
}

async function create(caseGid: string, over: Record<string, unknown> = {}, token = w.tokens.officerA) {
  const res = await w.h.gql(CREATE, { c: caseGid, i: content(over) }, token);
  expect(res.errors).toBeUndefined();
  const a = result(res);
  expect(a.id, JSON.stringify(a)).toBeTruthy();
  return a;
}

const run = async (field: string, a: string, token: string) => result(await w.h.gql(step(field), { a }, token));

/** Created by officerA, submitted by officerA, reviewed by the reviewer, approved by the head. */
async function approved(caseGid: string, over: Record<string, unknown> = {}) {
  const a = await create(caseGid, over);
  expect(await run('submitImpactAssessment', a.id, w.tokens.officerA)).toMatchObject({ status: 'SUBMITTED' });
  expect(await run('reviewImpactAssessment', a.id, w.more.reviewerA)).toMatchObject({ status: 'REVIEWED' });
  return run('approveImpactAssessment', a.id, w.more.headA);
}

/** Agency A's day-grain cells (the month and year cells hold the same counts again; rollups.test.ts covers them). */
const rollup = async (metric: string) =>
  Object.fromEntries(
    (
      await w.h.db.prisma.impactStatsRollup.groupBy({
        by: ['key'],
        where: { agencyId: w.agencyA.id, grain: 'D', metric },
        _sum: { count: true },
      })
    ).map((r) => [r.key, r._sum.count]),
  );

describe('scoring', () => {
  it('the weighted score against a hand-computed sum, with each term explained', async () => {
    const c = await directCase(w, w.enterprise.id);
    const a = await create(c.gid, {
      scores: scores({
        SURVIVAL: 3,
        OPERATIONS: 4,
        EMPLOYMENT: 2,
        SUPPLY_CHAIN: 1,
        REGIONAL_ECONOMY: 1,
        TAX: 0,
        CREDIT: 2,
        PUBLIC_OPINION: 4,
      }),
    });
    expect(a).toMatchObject({ status: 'DRAFT', level: null, weightedScore: null, explanation: null });
    const s = await run('submitImpactAssessment', a.id, w.tokens.officerA);
    // 0.2×3 + 0.2×4 + 0.15×2 + 0.1×1 + 0.1×1 + 0.1×0 + 0.1×2 + 0.05×4 = 0.6+0.8+0.3+0.1+0.1+0+0.2+0.2 = 2.3
    expect(s).toMatchObject({ status: 'SUBMITTED', weightedScore: 2.3, level: 'HIGH', rulesVersion: 1 });
    expect(s.explanation.weightedScore).toBe(2.3);
    expect(s.explanation.terms.map((t: GqlJson) => [t.dimension, t.weight, t.score, t.contribution])).toEqual([
      ['SURVIVAL', 0.2, 3, 0.6],
      ['OPERATIONS', 0.2, 4, 0.8],
      ['EMPLOYMENT', 0.15, 2, 0.3],
      ['SUPPLY_CHAIN', 0.1, 1, 0.1],
      ['REGIONAL_ECONOMY', 0.1, 1, 0.1],
      ['TAX', 0.1, 0, 0],
      ['CREDIT', 0.1, 2, 0.2],
      ['PUBLIC_OPINION', 0.05, 4, 0.2],
    ]);
    expect(s.explanation.text).toContain('= 2.3');
  });

  it('a sum exactly on a cut-off is the level it starts; 0.05 below is the level under it', async () => {
    const c1 = await directCase(w, w.enterprise.id);
    const at = await create(c1.gid, { scores: scores({}, 2) });
    expect(await run('submitImpactAssessment', at.id, w.tokens.officerA)).toMatchObject({
      weightedScore: 2,
      level: 'HIGH',
    });
    const c2 = await directCase(w, w.enterprise.id);
    const below = await create(c2.gid, { scores: scores({ PUBLIC_OPINION: 1 }, 2) });
    expect(await run('submitImpactAssessment', below.id, w.tokens.officerA)).toMatchObject({
      weightedScore: 1.95,
      level: 'MEDIUM',
    });
  });
});

describe('bad input writes nothing', () => {
  it('scores: 4 allowed, 5 and −1 refused; a non-zero score needs evidence, 0 needs none; incomplete at submission', async () => {
    const c = await directCase(w, w.enterprise.id);
    const withScore = (score: number, evidence: string | null = '依据') =>
      content({ scores: [{ dimension: 'TAX', score, evidence }] });
    await expectRefused(CREATE, { c: c.gid, i: withScore(5) }, w.tokens.officerA, { rule: 'IMPACT_SCORE_RANGE' });
    await expectRefused(CREATE, { c: c.gid, i: withScore(-1) }, w.tokens.officerA, { rule: 'IMPACT_SCORE_RANGE' });
    await expectRefused(CREATE, { c: c.gid, i: withScore(1, null) }, w.tokens.officerA, {
      rule: 'IMPACT_EVIDENCE_REQUIRED',
    });
    await expectRefused(CREATE, { c: c.gid, i: withScore(1, '   ') }, w.tokens.officerA, {
      rule: 'IMPACT_EVIDENCE_REQUIRED',
    });
    const zero = result(await w.h.gql(CREATE, { c: c.gid, i: withScore(0, null) }, w.tokens.officerA));
    expect(zero).toMatchObject({ status: 'DRAFT', scores: [{ dimension: 'TAX', score: 0, evidence: null }] });
    const four = result(await w.h.gql(UPDATE, { a: zero.id, i: withScore(4) }, w.tokens.officerA));
    expect(four.scores).toEqual([{ dimension: 'TAX', score: 4, evidence: '依据' }]);
    const refused = await expectRefused(step('submitImpactAssessment'), { a: zero.id }, w.tokens.officerA, {
      rule: 'IMPACT_SCORES_INCOMPLETE',
    });
    expect(refused.messageEn).toContain('survival of the enterprise');
  });

  it('quantitative inputs out of bounds are validation errors', async () => {
    const c = await directCase(w, w.enterprise.id);
    await expectRefused(CREATE, { c: c.gid, i: content({ revenueSharePct: 100.5 }) }, w.tokens.officerA, {
      code: 'VALIDATION_FAILED',
    });
    await expectRefused(CREATE, { c: c.gid, i: content({ stoppageDays: -1 }) }, w.tokens.officerA, {
      code: 'VALIDATION_FAILED',
    });
  });

  it('an assessment on a case whose party is not an enterprise; on a decided case', async () => {
    const person = await directCase(w, null);
    await expectRefused(CREATE, { c: person.gid, i: content() }, w.tokens.officerA, {
      rule: 'IMPACT_NOT_ENTERPRISE',
    });
    const decided = await directCase(w, w.enterprise.id);
    await w.h.db.prisma.enforcementCase.update({
      where: { id: decided.id },
      data: { stage: 'DECIDED', decision: 'PENALTY', decidedAt: new Date() },
    });
    await expectRefused(CREATE, { c: decided.gid, i: content() }, w.tokens.officerA, { rule: 'IMPACT_CASE_DECIDED' });
  });

  it('an officer of another agency: the case is not found; an unassigned officer, the head: forbidden', async () => {
    const c = await directCase(w, w.enterprise.id);
    await expectRefused(CREATE, { c: c.gid, i: content() }, w.tokens.officerB, { code: 'NOT_FOUND' });
    await expectRefused(CREATE, { c: c.gid, i: content() }, w.more.headA, { code: 'FORBIDDEN' });
    const a = await create(c.gid);
    await expectRefused(UPDATE, { a: a.id, i: content() }, w.tokens.officerB, { code: 'NOT_FOUND' });
    await expectRefused(step('submitImpactAssessment'), { a: a.id }, w.tokens.enterprise, { code: 'NOT_FOUND' });
    await expectRefused(step('submitImpactAssessment'), { a: gid('ImpactAssessment', 999_999) }, w.tokens.officerA, {
      code: 'NOT_FOUND',
    });
  });
});

describe('mitigations (行政处罚法 第66条)', () => {
  const instalment = (instalments: number | null, dueOn: string | null) => ({
    mitigations: [{ kind: 'INSTALMENT', text: '分 3 期缴纳罚款', instalments, dueOn }],
  });
  const day = (offset: number) => new Date(todayOn().getTime() + offset * 86_400_000).toISOString().slice(0, 10);

  it('instalments or a deferral only with a proposed fine', async () => {
    const c = await directCase(w, w.enterprise.id);
    await expectRefused(CREATE, { c: c.gid, i: content(instalment(3, day(30))) }, w.tokens.officerA, {
      rule: 'IMPACT_MITIGATION_TERMS',
    });
    await writeNotice(w, c.id, [{ kind: 'WARNING', amountFen: null }]);
    await expectRefused(CREATE, { c: c.gid, i: content(instalment(3, day(30))) }, w.tokens.officerA, {
      rule: 'IMPACT_MITIGATION_TERMS',
    });
    await writeNotice(w, c.id, [{ kind: 'FINE', amountFen: 8_000_000 }]);
    const a = await create(c.gid, instalment(3, day(30)));
    expect(a.mitigations).toEqual([{ kind: 'INSTALMENT', text: '分 3 期缴纳罚款', instalments: 3, dueOn: day(30) }]);
  });

  it('terms at their bounds: 2–12 instalments, a day after today, one payment arrangement, none on others', async () => {
    const c = await directCase(w, w.enterprise.id);
    await writeNotice(w, c.id, [{ kind: 'FINE', amountFen: 8_000_000 }]);
    const a = await create(c.gid, instalment(2, day(1)));
    const update = (over: Record<string, unknown>) => w.h.gql(UPDATE, { a: a.id, i: content(over) }, w.tokens.officerA);
    expect(result(await update(instalment(12, day(1)))).mitigations[0].instalments).toBe(12);
    for (const bad of [
      instalment(1, day(30)),
      instalment(13, day(30)),
      instalment(3, day(0)),
      instalment(null, day(30)),
      instalment(3, null),
      { mitigations: [{ kind: 'DEFERRAL', text: '延期', dueOn: day(30), instalments: 2 }] },
      {
        mitigations: [
          { kind: 'DEFERRAL', text: '延期', dueOn: day(30) },
          { kind: 'INSTALMENT', text: '分期', instalments: 2, dueOn: day(60) },
        ],
      },
      { mitigations: [{ kind: 'COMPLIANCE_GUIDANCE', text: '合规指导', dueOn: day(30) }] },
    ])
      await expectRefused(UPDATE, { a: a.id, i: content(bad) }, w.tokens.officerA, { rule: 'IMPACT_MITIGATION_TERMS' });
    const deferral = result(await update({ mitigations: [{ kind: 'DEFERRAL', text: '延期', dueOn: day(1) }] }));
    expect(deferral.mitigations).toEqual([{ kind: 'DEFERRAL', text: '延期', instalments: null, dueOn: day(1) }]);
  });
});

describe('workflow', () => {
  it('draft → submitted → reviewed → approved, each an event; approval snapshots triggers and the proposal', async () => {
    const c = await directCase(w, w.enterprise.id);
    const t1 = await writeTrigger(w, c.id);
    await writeNotice(w, c.id, [{ kind: 'FINE', amountFen: 6_000_000 }]);
    const a = await create(c.gid);
    expect(await run('approveImpactAssessment', a.id, w.more.headA)).toMatchObject({ rule: 'IMPACT_STATUS' });
    expect(await run('reviewImpactAssessment', a.id, w.more.reviewerA)).toMatchObject({ rule: 'IMPACT_STATUS' });
    await run('submitImpactAssessment', a.id, w.tokens.officerA);
    expect(await run('submitImpactAssessment', a.id, w.tokens.officerA)).toMatchObject({ rule: 'IMPACT_STATUS' });
    expect(await run('reviewImpactAssessment', a.id, w.tokens.officerA)).toMatchObject({ code: 'FORBIDDEN' });
    await expectRefused(UPDATE, { a: a.id, i: content() }, w.tokens.officerA, { rule: 'IMPACT_STATUS' });
    const reviewed = result(await w.h.gql(REVIEW, { a: a.id, c: '符合规定' }, w.more.reviewerA));
    expect(reviewed).toMatchObject({ status: 'REVIEWED', reviewComment: '符合规定' });
    const t2 = await writeTrigger(w, c.id);
    const ok = await run('approveImpactAssessment', a.id, w.more.headA);
    // The notice (written directly, without its reaction) fires LARGE_FINE: approval records it first, and covers it.
    const fine = await w.h.db.prisma.impactTrigger.findFirstOrThrow({ where: { caseId: c.id, kind: 'LARGE_FINE' } });
    expect(fine).toMatchObject({ amountFen: 6_000_000n, source: 'NOTICE' });
    expect(ok).toMatchObject({
      status: 'APPROVED',
      coveredTriggerIds: [t1.gid, t2.gid, gid('ImpactTrigger', fine.id)],
    });
    const row = await w.h.db.prisma.impactAssessment.findUniqueOrThrow({
      where: { caseId_revision: { caseId: c.id, revision: 1 } },
    });
    expect(row.assessedProposal).toMatchObject({ penalties: [{ kind: 'FINE', amountFen: '6000000' }] });
    expect(row).toMatchObject({ submittedBy: `person:${w.people.officerA.id}`, approvedBy: `person:${w.headA.id}` });
    const events = await w.h.db.prisma.event.findMany({
      where: { topic: 'economicImpact.assessmentChanged', caseId: c.id },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => (e.payload as GqlJson).action)).toEqual(['CREATED', 'SUBMITTED', 'REVIEWED', 'APPROVED']);
    expect(events.every((e) => e.agencyId === w.agencyA.id && e.enterpriseId === null)).toBe(true);
  });

  it('an approved revision never changes; a change is a new revision copying it, one open at a time', async () => {
    const c = await directCase(w, w.enterprise.id);
    const a = await approved(c.gid, { summary: '第一版意见' });
    await expectRefused(UPDATE, { a: a.id, i: content() }, w.tokens.officerA, { rule: 'IMPACT_APPROVED_IMMUTABLE' });
    await expectRefused(step('submitImpactAssessment'), { a: a.id }, w.tokens.officerA, {
      rule: 'IMPACT_APPROVED_IMMUTABLE',
    });
    await expectRefused(step('approveImpactAssessment'), { a: a.id }, w.more.headA, {
      rule: 'IMPACT_APPROVED_IMMUTABLE',
    });
    const r2 = await run('reviseImpactAssessment', a.id, w.more.officerA2);
    expect(r2).toMatchObject({ revision: 2, status: 'DRAFT', scores: a.scores, mitigations: a.mitigations });
    await expectRefused(step('reviseImpactAssessment'), { a: a.id }, w.tokens.officerA, {
      rule: 'IMPACT_REVISION_OPEN',
    });
    await expectRefused(CREATE, { c: c.gid, i: content() }, w.tokens.officerA, { rule: 'IMPACT_REVISION_OPEN' });
    await expectRefused(step('reviseImpactAssessment'), { a: r2.id }, w.tokens.officerA, { rule: 'IMPACT_STATUS' });
    expect(
      result(await w.h.gql(UPDATE, { a: r2.id, i: content({ summary: '第二版' }) }, w.tokens.officerA)),
    ).toMatchObject({ status: 'DRAFT' });
    const p = w.h.db.prisma;
    expect((await p.impactAssessment.findUniqueOrThrow({ where: { id: idOf(a.id) } })).summary).toBe('第一版意见');
    expect((await p.impactAssessment.findUniqueOrThrow({ where: { id: idOf(r2.id) } })).summary).toBe('第二版');
  });

  it('returned with comments by the reviewer, and by the head; edited and submitted again', async () => {
    const c = await directCase(w, w.enterprise.id);
    const a = await create(c.gid);
    await run('submitImpactAssessment', a.id, w.tokens.officerA);
    await expectRefused(RETURN, { a: a.id, c: '依据不足' }, w.more.headA, { code: 'FORBIDDEN' });
    const back = result(await w.h.gql(RETURN, { a: a.id, c: '依据不足' }, w.more.reviewerA));
    expect(back).toMatchObject({ status: 'RETURNED', returnComment: '依据不足' });
    await w.h.gql(UPDATE, { a: a.id, i: content({ scores: scores({}, 3) }) }, w.tokens.officerA);
    expect(await run('submitImpactAssessment', a.id, w.more.officerA2)).toMatchObject({
      status: 'SUBMITTED',
      level: 'SEVERE',
      weightedScore: 3,
    });
    await run('reviewImpactAssessment', a.id, w.more.reviewerA);
    await expectRefused(RETURN, { a: a.id, c: '再议' }, w.more.reviewerA, { code: 'FORBIDDEN' });
    expect(result(await w.h.gql(RETURN, { a: a.id, c: '再议' }, w.more.headA))).toMatchObject({
      status: 'RETURNED',
      returnComment: '再议',
    });
    await expectRefused(RETURN, { a: a.id, c: '再议' }, w.more.reviewerA, { rule: 'IMPACT_STATUS' });
  });

  it('nobody reviews, returns or approves a revision they submitted (第58条)', async () => {
    const c = await directCase(w, w.enterprise.id);
    await w.h.db.prisma.caseOfficer.create({ data: { caseId: c.id, personId: allRoles.id } });
    const a = await create(c.gid, {}, allRoles.token);
    await run('submitImpactAssessment', a.id, allRoles.token);
    await expectRefused(step('reviewImpactAssessment'), { a: a.id }, allRoles.token, { rule: 'IMPACT_SELF_APPROVAL' });
    await expectRefused(RETURN, { a: a.id, c: '自己退回' }, allRoles.token, { rule: 'IMPACT_SELF_APPROVAL' });
    await run('reviewImpactAssessment', a.id, w.more.reviewerA);
    await expectRefused(step('approveImpactAssessment'), { a: a.id }, allRoles.token, {
      rule: 'IMPACT_SELF_APPROVAL',
    });
    // Drafting is not submitting: whoever drafted may approve what another submitted.
    const c2 = await directCase(w, w.enterprise.id);
    await w.h.db.prisma.caseOfficer.create({ data: { caseId: c2.id, personId: allRoles.id } });
    const b = await create(c2.gid, {}, allRoles.token);
    await run('submitImpactAssessment', b.id, w.tokens.officerA);
    await run('reviewImpactAssessment', b.id, allRoles.token);
    expect(await run('approveImpactAssessment', b.id, allRoles.token)).toMatchObject({ status: 'APPROVED' });
  });

  it('nothing changes once the case is decided', async () => {
    const c = await directCase(w, w.enterprise.id);
    const a = await create(c.gid);
    await run('submitImpactAssessment', a.id, w.tokens.officerA);
    await run('reviewImpactAssessment', a.id, w.more.reviewerA);
    await w.h.db.prisma.enforcementCase.update({
      where: { id: c.id },
      data: { stage: 'DECIDED', decision: 'PENALTY', decidedAt: new Date() },
    });
    await expectRefused(step('approveImpactAssessment'), { a: a.id }, w.more.headA, { rule: 'IMPACT_CASE_DECIDED' });
  });
});

describe('approval: statistics and supervisors’ flag', () => {
  it('counts the level and mitigations in place of the previous revision’s; days from the first trigger once', async () => {
    const p = w.h.db.prisma;
    await p.impactStatsRollup.deleteMany({});
    const c = await directCase(w, w.enterprise.id);
    await writeTrigger(w, c.id, new Date(Date.now() - 3 * 86_400_000));
    await writeTrigger(w, c.id);
    // Supervisors' events carry no scope: found by their payload.
    const flagEvents = async () =>
      (await p.event.findMany({ where: { topic: 'economicImpact.highImpactFlagged' } })).filter(
        (e) => (e.payload as GqlJson).caseId === c.id,
      );
    const flags = async () => (await flagEvents()).length;
    const first = await approved(c.gid, {
      scores: scores({}, 2),
      mitigations: [
        { kind: 'COMPLIANCE_GUIDANCE', text: '合规指导' },
        { kind: 'COMPLIANCE_GUIDANCE', text: '再次合规指导' },
        { kind: 'FOLLOW_UP_VISIT', text: '回访' },
      ],
    });
    expect(first).toMatchObject({ status: 'APPROVED', level: 'HIGH' });
    expect(await rollup('level')).toEqual({ HIGH: 1 });
    expect(await rollup('mitigation')).toEqual({ COMPLIANCE_GUIDANCE: 1, FOLLOW_UP_VISIT: 1 });
    expect(await rollup('daysToApproval')).toEqual({ '3': 1 });
    expect(await flags()).toBe(1);
    const [flag] = await flagEvents();
    expect(flag).toMatchObject({ agencyId: null, enterpriseId: null });
    expect(flag.payload).toMatchObject({ reason: 'LEVEL', level: 'HIGH', assessmentId: idOf(first.id) });

    const r2 = await run('reviseImpactAssessment', first.id, w.tokens.officerA);
    await w.h.gql(
      UPDATE,
      { a: r2.id, i: content({ scores: scores({}, 1), mitigations: [{ kind: 'FOLLOW_UP_VISIT', text: '回访' }] }) },
      w.tokens.officerA,
    );
    await run('submitImpactAssessment', r2.id, w.tokens.officerA);
    await run('reviewImpactAssessment', r2.id, w.more.reviewerA);
    expect(await run('approveImpactAssessment', r2.id, w.more.headA)).toMatchObject({ level: 'MEDIUM' });
    expect(await rollup('level')).toEqual({ HIGH: 0, MEDIUM: 1 });
    expect(await rollup('mitigation')).toEqual({ COMPLIANCE_GUIDANCE: 0, FOLLOW_UP_VISIT: 1 });
    expect(await rollup('daysToApproval')).toEqual({ '3': 1 });
    expect(await flags()).toBe(1);
  });
});

describe('what the enterprise sees', () => {
  it('the approved revision and its mitigations, never a draft, the scoring or the evidence', async () => {
    const ent = await createEnterprise(w.h.db.prisma);
    const token = w.h.token(`enterprise:${ent.id}`);
    const c = await directCase(w, ent.id);
    const draft = await create(c.gid);
    const CASE = `query($c: ID!) { node(id: $c) { ... on EnforcementCase { impactAssessment { revision status
      mitigations { kind text } } impactAssessmentRevisions(first: 5) { totalCount edges { node { revision } } } } } }`;
    const before = await w.h.gql(CASE, { c: c.gid }, token);
    expect(before.data.node.impactAssessment).toBeNull();
    expect(before.data.node.impactAssessmentRevisions.totalCount).toBe(0);
    expect((await w.h.gql(`query($a: ID!) { node(id: $a) { id } }`, { a: draft.id }, token)).data.node).toBeNull();

    await run('submitImpactAssessment', draft.id, w.tokens.officerA);
    await run('reviewImpactAssessment', draft.id, w.more.reviewerA);
    const ok = await run('approveImpactAssessment', draft.id, w.more.headA);
    await run('reviseImpactAssessment', ok.id, w.tokens.officerA);

    const after = await w.h.gql(CASE, { c: c.gid }, token);
    expect(after.errors).toBeUndefined();
    expect(after.data.node.impactAssessment).toEqual({
      revision: 1,
      status: 'APPROVED',
      mitigations: [{ kind: 'COMPLIANCE_GUIDANCE', text: '上门开展合规指导' }],
    });
    expect(after.data.node.impactAssessmentRevisions.totalCount).toBe(1);
    const staff = await w.h.gql(CASE, { c: c.gid }, w.tokens.officerA);
    expect(staff.data.node.impactAssessment).toMatchObject({ revision: 2, status: 'DRAFT' });
    expect(staff.data.node.impactAssessmentRevisions.totalCount).toBe(2);

    for (const field of [
      'level',
      'weightedScore',
      'scores { evidence }',
      'explanation { text }',
      'jobsAffected',
      'summary',
      'reviewComment',
    ]) {
      const res = await w.h.gql(
        `query($a: ID!) { node(id: $a) { ... on ImpactAssessment { revision ${field} } } }`,
        { a: ok.id },
        token,
      );
      expect(res.data.node.revision).toBe(1);
      expect(Object.values(res.data.node)[1], field).toBeNull();
      expect(res.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
    const own = await w.h.gql(
      `query($e: ID!) { node(id: $e) { ... on Enterprise { impactAssessments(first: 5) { totalCount edges { node { revision } } } } } }`,
      { e: ent.gid },
      token,
    );
    expect(own.data.node.impactAssessments.edges).toEqual([{ node: { revision: 1 } }]);
    const other = await w.h.gql(`query($a: ID!) { node(id: $a) { id } }`, { a: ok.id }, w.tokens.enterprise);
    expect(other.data.node).toBeNull();
  });
});

describe('impactAssessments', () => {
  it('filters by agency, level, status and day; another agency’s list is refused', async () => {
    const LIST = `query($a: ID, $l: ImpactLevel, $s: ImpactAssessmentStatus, $from: Date, $to: Date) {
      impactAssessments(agencyId: $a, level: $l, status: $s, from: $from, to: $to, first: 100) { totalCount edges { node { id level status } } } }`;
    const all = await w.h.gql(LIST, { a: w.agencyA.gid }, w.more.headA);
    const total = all.data.impactAssessments.totalCount as number;
    expect(total).toBe(await w.h.db.prisma.impactAssessment.count({ where: { agencyId: w.agencyA.id } }));
    const high = await w.h.gql(LIST, { a: w.agencyA.gid, l: 'HIGH', s: 'APPROVED' }, w.tokens.supervisor);
    expect(high.data.impactAssessments.totalCount).toBeGreaterThan(0);
    expect(
      high.data.impactAssessments.edges.every((e: GqlJson) => e.node.level === 'HIGH' && e.node.status === 'APPROVED'),
    ).toBe(true);
    const today = todayOn().toISOString().slice(0, 10);
    const yesterday = new Date(todayOn().getTime() - 86_400_000).toISOString().slice(0, 10);
    expect((await w.h.gql(LIST, { from: today, to: today }, w.tokens.officerA)).data.impactAssessments.totalCount).toBe(
      total,
    );
    expect((await w.h.gql(LIST, { to: yesterday }, w.tokens.officerA)).data.impactAssessments.totalCount).toBe(0);
    expect((await w.h.gql(LIST, {}, w.tokens.officerB)).data.impactAssessments.totalCount).toBe(0);
    const refused = await w.h.gql(LIST, { a: w.agencyA.gid }, w.tokens.officerB);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await w.h.gql(LIST, {}, w.tokens.enterprise)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('follow-up visits (案后回访)', () => {
  it('after the decision, against the revision it relied on, from the decision’s day to today', async () => {
    const c = await directCase(w, w.enterprise.id);
    const a = await approved(c.gid);
    const today = todayOn();
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const vars = (on: Date) => ({ c: c.gid, on: iso(on), f: '企业已恢复生产，按期缴纳首期罚款' });
    await expectRefused(FOLLOW_UP, vars(today), w.tokens.officerA, { rule: 'IMPACT_FOLLOW_UP_BEFORE_DECISION' });
    const decidedAt = new Date(Date.now() - 2 * 86_400_000);
    await writeDecision(w, c.id, idOf(a.id), decidedAt);
    const decidedOn = new Date(today.getTime() - 2 * 86_400_000);
    await expectRefused(FOLLOW_UP, vars(new Date(decidedOn.getTime() - 86_400_000)), w.tokens.officerA, {
      rule: 'IMPACT_FOLLOW_UP_BEFORE_DECISION',
    });
    await expectRefused(FOLLOW_UP, vars(new Date(today.getTime() + 86_400_000)), w.tokens.officerA, {
      rule: 'IMPACT_FOLLOW_UP_BEFORE_DECISION',
    });
    const first = result(await w.h.gql(FOLLOW_UP, vars(decidedOn), w.tokens.officerA));
    expect(first).toMatchObject({ visitedOn: iso(decidedOn), recordedBy: `person:${w.people.officerA.id}` });
    expect(result(await w.h.gql(FOLLOW_UP, vars(today), w.more.officerA2)).visitedOn).toBe(iso(today));
    const read = await w.h.gql(
      `query($a: ID!) { node(id: $a) { ... on ImpactAssessment { followUps(first: 5) { totalCount edges { node { visitedOn } } } } } }`,
      { a: a.id },
      w.more.headA,
    );
    expect(read.data.node.followUps.totalCount).toBe(2);
    const hidden = await w.h.gql(
      `query($a: ID!) { node(id: $a) { ... on ImpactAssessment { followUps(first: 5) { totalCount } } } }`,
      { a: a.id },
      w.tokens.enterprise,
    );
    expect(hidden.data.node.followUps.totalCount).toBe(0);
    expect(await w.h.db.prisma.event.count({ where: { topic: 'economicImpact.followUpRecorded', caseId: c.id } })).toBe(
      2,
    );
  });
});
