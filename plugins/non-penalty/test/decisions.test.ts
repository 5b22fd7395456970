// evaluateNonPenalty and grantNonPenalty through the real schema: each condition failing, the
// look-back boundary against earlier cases, the grant and its records, and every refusal writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuleViolation, type ZhifaPlugin } from '@zhifa/core';
import { shanghaiToday } from '@zhifa/core/time';
import { yearsBefore } from '../src/rules.js';
import { ERR, gid, type GqlJson } from '@zhifa/testkit';
import { createWorld, type World } from './fixtures.js';
import {
  createCase,
  createEnterprise,
  createList,
  createMatter,
  DAY,
  dayOffset,
  GOOD_FACTS,
  PROVISION,
} from './decision-fixtures.js';

// A case guard from "another plugin": refuses any decision on a case whose number says so.
const guardPlugin: ZhifaPlugin = {
  name: 'test-guard',
  register(_builder, { guards }) {
    guards.add({
      name: 'test-guard',
      beforeDecide({ case: c }) {
        return c.number.includes('GUARDED')
          ? Promise.reject(new RuleViolation('TEST_GUARD', { zh: '测试守卫拒绝', en: 'refused by the test guard' }))
          : Promise.resolve();
      },
    });
  },
};

let w: World;
let lists: Awaited<ReturnType<typeof makeLists>>;
/** The agency heads (行政处罚法 第57条): a grant decides a general-procedure case, so it is theirs. */
let heads: { A: string; B: string };

async function makeLists() {
  const p = w.h.db.prisma;
  const inForce = await createList(
    p,
    w.agencyA.id,
    [
      { violatedProvision: PROVISION.licence, itemKind: 'FIRST_OFFENCE', days: 10, fineFen: 300000 },
      { violatedProvision: PROVISION.price, itemKind: 'MINOR', days: 3, fineFen: null },
      { violatedProvision: PROVISION.trademark, itemKind: 'NO_FAULT', days: 0 },
    ],
    { version: 3 },
  );
  const draft = await createList(
    p,
    w.agencyA.id,
    [{ violatedProvision: PROVISION.licence, itemKind: 'FIRST_OFFENCE', days: 10 }],
    { status: 'DRAFT' },
  );
  const repealed = await createList(
    p,
    w.agencyA.id,
    [{ violatedProvision: PROVISION.licence, itemKind: 'FIRST_OFFENCE', days: 10 }],
    { status: 'REPEALED' },
  );
  const expired = await createList(
    p,
    w.agencyA.id,
    [{ violatedProvision: PROVISION.licence, itemKind: 'FIRST_OFFENCE', days: 10 }],
    {
      validFrom: new Date('2023-01-01T00:00:00Z'),
      validUntil: new Date('2024-12-31T00:00:00Z'),
    },
  );
  const otherDraft = await createList(
    p,
    w.agencyB.id,
    [{ violatedProvision: PROVISION.licence, itemKind: 'FIRST_OFFENCE', days: 10 }],
    { status: 'DRAFT' },
  );
  return {
    firstOffence: inForce.items[0],
    minor: inForce.items[1],
    noFault: inForce.items[2],
    list: inForce.list,
    draft: draft.items[0],
    repealed: repealed.items[0],
    expired: expired.items[0],
    otherDraft: otherDraft.items[0],
  };
}

beforeAll(async () => {
  w = await createWorld([guardPlugin]);
  lists = await makeLists();
  const head = async (agencyId: number, name: string) =>
    w.h.token(`person:${(await w.h.db.prisma.person.create({ data: { agencyId, name, roles: ['AGENCY_HEAD'] } })).id}`);
  heads = { A: await head(w.agencyA.id, '甲局局长'), B: await head(w.agencyB.id, '乙局局长') };
});
afterAll(() => w?.h.close());

const EVALUATE = `query($caseId: ID!, $itemId: ID!, $facts: NonPenaltyFactsInput!) {
  evaluateNonPenalty(caseId: $caseId, itemId: $itemId, facts: $facts) {
    eligible itemKind correctionDeadline lookbackFrom lookbackUntil lookbackYears creditCheckRequired
    conditions { condition status passed reason reasonEn priorCaseCount }
  }
}`;

const GRANT = `mutation($caseId: ID!, $itemId: ID!, $facts: NonPenaltyFactsInput!, $order: NonPenaltyCorrectionOrderInput!, $education: String!,
  $credit: NonPenaltyCreditCheckInput) {
  grantNonPenalty(caseId: $caseId, itemId: $itemId, facts: $facts, correctionOrder: $order, education: $education, creditCheck: $credit) {
    ${ERR}
    ... on MutationGrantNonPenaltySuccess { data { id listVersion domain itemKind education fineNotImposedFen decidedBy decidedAt creditSystemChecked
      creditSystemCheckedOn
      item { seq violatedProvision } list { version title }
      case { number stage decision fineFen nonPenaltyDecision { listVersion } }
      enterprise { name } agency { name }
      facts { minorHarm correctionOrderedOn correctedOn }
      correctionOrder { content orderedOn deadline correctedOn }
      evaluation { eligible conditions { condition status reason } } } }
  }
}`;

/** token null: the public. */
async function evaluate(
  caseGid: string,
  itemGid: string,
  facts: Record<string, unknown> = GOOD_FACTS(),
  token: string | null = w.tokens.officerA,
) {
  const res = await w.h.gql(EVALUATE, { caseId: caseGid, itemId: itemGid, facts }, token ?? undefined);
  // A query answers its data, or a top-level error (never both).
  if (res.errors) {
    expect(res.errors).toHaveLength(1);
    expect(res.data?.evaluateNonPenalty ?? null).toBeNull();
    return { data: null, error: res.errors[0] };
  }
  return { data: res.data.evaluateNonPenalty, error: null };
}

const orderFor = (facts: Record<string, GqlJson>) => ({
  content: '责令立即公示营业执照',
  orderedOn: facts.correctionOrderedOn,
});

/** By default the credit-information system was checked today; `credit: null` leaves it out. */
async function grant(
  caseGid: string,
  itemGid: string,
  opts: {
    facts?: Record<string, GqlJson>;
    token?: string | null;
    order?: GqlJson;
    education?: string;
    credit?: { checked: boolean; checkedOn?: string | null } | null;
  } = {},
) {
  const facts = opts.facts ?? GOOD_FACTS();
  const credit = opts.credit === undefined ? { checked: true, checkedOn: dayOffset(0) } : opts.credit;
  const res = await w.h.gql(
    GRANT,
    {
      caseId: caseGid,
      itemId: itemGid,
      facts,
      order: opts.order ?? orderFor(facts),
      education: opts.education ?? '已对当事人进行批评教育',
      credit,
    },
    opts.token === null ? undefined : (opts.token ?? heads.A),
  );
  expect(res.errors).toBeUndefined();
  return res.data.grantNonPenalty;
}

const byCode = (r: GqlJson, code: string) => r.data.conditions.find((c: GqlJson) => c.condition === code);

async function freshCase(provision = PROVISION.licence, extra: Record<string, unknown> = {}) {
  const e = await createEnterprise(w.h.db.prisma);
  const c = await createCase(w.h.db.prisma, {
    agencyId: w.agencyA.id,
    enterpriseId: e.id,
    violatedProvision: provision,
    ...extra,
  });
  return { e, c };
}

async function counts() {
  const p = w.h.db.prisma;
  const [decisions, events, decided] = await Promise.all([
    p.nonPenaltyDecision.count(),
    p.event.count(),
    p.enforcementCase.count({ where: { stage: 'DECIDED' } }),
  ]);
  return { decisions, events, decided };
}

describe('evaluateNonPenalty', () => {
  it('every condition passes: eligible, and nothing is written', async () => {
    const { c } = await freshCase();
    const before = await counts();
    const r = await evaluate(c.gid, lists.firstOffence.gid);
    expect(r.error).toBeNull();
    expect(r.data).toMatchObject({
      eligible: true,
      itemKind: 'FIRST_OFFENCE',
      lookbackYears: 2,
      correctionDeadline: dayOffset(5),
    });
    expect(r.data.conditions.map((x: GqlJson) => [x.condition, x.status])).toEqual([
      ['FIRST_OFFENCE', 'PASS'],
      ['MINOR_HARM', 'PASS'],
      ['CORRECTED_IN_TIME', 'PASS'],
    ]);
    for (const x of r.data.conditions) {
      expect(x.reason).toMatch(/[\u4e00-\u9fff]/);
      expect(x.reasonEn).toMatch(/[a-z]/);
    }
    expect(await counts()).toEqual(before);
    expect((await w.h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: c.id } })).stage).toBe('LEGAL_REVIEW');
  });

  it('each condition fails on its own fact', async () => {
    const { c } = await freshCase(PROVISION.price);
    const minor = (facts: Record<string, unknown>) => evaluate(c.gid, lists.minor.gid, { ...GOOD_FACTS(), ...facts });
    let r = await minor({ minorViolation: false });
    expect(r.data.eligible).toBe(false);
    expect(byCode(r, 'MINOR_VIOLATION')).toMatchObject({ status: 'FAIL', passed: false });
    r = await minor({ noHarm: false });
    expect(byCode(r, 'NO_HARM').status).toBe('FAIL');
    r = await minor({ noHarm: null });
    expect(byCode(r, 'NO_HARM').reason).toContain('尚未认定');
    // Deadline is ordered day + 3: corrected on day 4 is late, on day 3 is in time.
    r = await minor({ correctionOrderedOn: dayOffset(-10), correctedOn: dayOffset(-6) });
    expect(byCode(r, 'CORRECTED_IN_TIME')).toMatchObject({ status: 'FAIL' });
    expect(byCode(r, 'CORRECTED_IN_TIME').reason).toContain('逾期改正');
    r = await minor({ correctionOrderedOn: dayOffset(-10), correctedOn: dayOffset(-7) });
    expect(r.data.eligible).toBe(true);
    r = await minor({ correctionOrderedOn: dayOffset(-1), correctedOn: null });
    expect(byCode(r, 'CORRECTED_IN_TIME').status).toBe('PENDING');
    expect(r.data.eligible).toBe(false);
    r = await minor({ correctionOrderedOn: dayOffset(-10), correctedOn: null });
    expect(byCode(r, 'CORRECTED_IN_TIME').status).toBe('FAIL');
    r = await minor({ correctionOrderedOn: null, correctedOn: null });
    expect(byCode(r, 'CORRECTED_IN_TIME').reason).toContain('尚未责令改正');

    const { c: c2 } = await freshCase();
    r = await evaluate(c2.gid, lists.firstOffence.gid, { ...GOOD_FACTS(), noHarm: false, minorHarm: false });
    expect(byCode(r, 'MINOR_HARM').status).toBe('FAIL');

    const { c: c3 } = await freshCase(PROVISION.trademark);
    r = await evaluate(c3.gid, lists.noFault.gid, { noSubjectiveFault: false });
    expect(r.data.conditions).toEqual([expect.objectContaining({ condition: 'NO_SUBJECTIVE_FAULT', status: 'FAIL' })]);
    r = await evaluate(c3.gid, lists.noFault.gid, { noSubjectiveFault: true });
    expect(r.data.eligible).toBe(true);
  });

  it('first offence without a known violation day: the window ends on the registration day; its first day counts', async () => {
    const p = w.h.db.prisma;
    const registered = new Date(Date.now() - 20 * DAY);
    const boundary = yearsBefore(shanghaiToday(registered), 2); // 00:00 UTC = 08:00 Shanghai on the boundary day
    const cases = async (registeredAt: Date, extra: Record<string, unknown> = {}) => {
      const { e, c } = await freshCase(PROVISION.licence, { registeredAt: registered });
      await createCase(p, {
        agencyId: w.agencyB.id,
        enterpriseId: e.id,
        violatedProvision: PROVISION.licence,
        stage: 'CLOSED',
        decision: 'PENALTY',
        registeredAt,
        ...extra,
      });
      return evaluate(c.gid, lists.firstOffence.gid);
    };
    let r = await cases(boundary);
    expect(byCode(r, 'FIRST_OFFENCE')).toMatchObject({ status: 'FAIL', priorCaseCount: 1 });
    expect(byCode(r, 'FIRST_OFFENCE').reason).toContain('测罚');
    // The first minute of the boundary day in Shanghai is 16:00 UTC the day before: still inside.
    r = await cases(new Date(boundary.getTime() - 8 * 3600_000));
    expect(byCode(r, 'FIRST_OFFENCE').status).toBe('FAIL');
    // One minute earlier is the day before the window.
    r = await cases(new Date(boundary.getTime() - 8 * 3600_000 - 60_000));
    expect(byCode(r, 'FIRST_OFFENCE')).toMatchObject({ status: 'PASS', priorCaseCount: 0 });
    expect(r.data.lookbackFrom).toBe(boundary.toISOString().slice(0, 10));
    expect(r.data.lookbackUntil).toBe(shanghaiToday(registered).toISOString().slice(0, 10));
    // A dropped case, an open one, or another violation establish nothing.
    r = await cases(new Date(Date.now() - 30 * DAY), { decision: 'DROPPED' });
    expect(byCode(r, 'FIRST_OFFENCE').status).toBe('PASS');
    r = await cases(new Date(Date.now() - 30 * DAY), { decision: null, stage: 'INVESTIGATING' });
    expect(byCode(r, 'FIRST_OFFENCE').status).toBe('PASS');
    r = await cases(new Date(Date.now() - 30 * DAY), { violatedProvision: PROVISION.price });
    expect(byCode(r, 'FIRST_OFFENCE').status).toBe('PASS');
    // A case registered after this one's registration day (a later violation) does not make this one a repeat.
    r = await cases(new Date(Date.now() - 10 * DAY));
    expect(byCode(r, 'FIRST_OFFENCE').status).toBe('PASS');
  });

  it('first offence is anchored on the day of the violation and counts only earlier violations of the same matter (同类)', async () => {
    const p = w.h.db.prisma;
    const matter = await createMatter(p, { violatedProvision: PROVISION.licence });
    const otherMatter = await createMatter(p, { violatedProvision: PROVISION.licence });
    const item = (
      await createList(p, w.agencyA.id, [{ violatedProvision: PROVISION.licence, itemKind: 'FIRST_OFFENCE', days: 10 }])
    ).items[0];
    const itemWithMatter = (
      await createList(p, w.agencyA.id, [
        { violatedProvision: '《另一部条例》第一条', itemKind: 'FIRST_OFFENCE', days: 10, matterCode: matter.code },
      ])
    ).items[0];
    // The violation happened 400 days ago; the case was registered 20 days ago.
    const violationOn = new Date(shanghaiToday(new Date()).getTime() - 400 * DAY);
    const edge = yearsBefore(violationOn, 2);
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const withPrior = async (prior: Record<string, unknown>, itemGid = item.gid) => {
      const e = await createEnterprise(p);
      const c = await createCase(p, {
        agencyId: w.agencyA.id,
        enterpriseId: e.id,
        violatedProvision: PROVISION.licence,
        matterId: matter.id,
        violationOn,
      });
      await createCase(p, {
        agencyId: w.agencyA.id,
        enterpriseId: e.id,
        violatedProvision: PROVISION.licence,
        stage: 'CLOSED',
        decision: 'PENALTY',
        matterId: matter.id,
        registeredAt: new Date(Date.now() - 900 * DAY),
        ...prior,
      });
      return evaluate(c.gid, itemGid);
    };
    // Exactly two years before the violation: inside; one day beyond: outside.
    let r = await withPrior({ violationOn: edge });
    expect(byCode(r, 'FIRST_OFFENCE')).toMatchObject({ status: 'FAIL', priorCaseCount: 1 });
    expect(r.data).toMatchObject({ lookbackFrom: iso(edge), lookbackUntil: iso(violationOn) });
    r = await withPrior({ violationOn: new Date(edge.getTime() - DAY) });
    expect(byCode(r, 'FIRST_OFFENCE')).toMatchObject({ status: 'PASS', priorCaseCount: 0 });
    // Anchored on the violation, not on today: a prior 2.5 years before today but 1.4 years before the violation counts.
    r = await withPrior({ violationOn: new Date(violationOn.getTime() - 500 * DAY) });
    expect(byCode(r, 'FIRST_OFFENCE').status).toBe('FAIL');
    // The violation day itself is inside; a later violation (even one decided earlier) is not earlier.
    r = await withPrior({ violationOn });
    expect(byCode(r, 'FIRST_OFFENCE').status).toBe('FAIL');
    r = await withPrior({
      violationOn: new Date(violationOn.getTime() + DAY),
      registeredAt: new Date(Date.now() - 100 * DAY),
    });
    expect(byCode(r, 'FIRST_OFFENCE').status).toBe('PASS');
    // Another matter under the same provision is not 同类; a case from before matters, same provision, is.
    r = await withPrior({ violationOn: new Date(violationOn.getTime() - 30 * DAY), matterId: otherMatter.id });
    expect(byCode(r, 'FIRST_OFFENCE').status).toBe('PASS');
    r = await withPrior({
      violationOn: null,
      matterId: null,
      registeredAt: new Date(violationOn.getTime() - 30 * DAY),
    });
    expect(byCode(r, 'FIRST_OFFENCE').status).toBe('FAIL');
    // An item naming the case's matter applies whatever its printed provision; one naming another matter does not.
    r = await withPrior({ violationOn: new Date(edge.getTime() - DAY) }, itemWithMatter.gid);
    expect(r.data.eligible).toBe(true);
    const wrong = (
      await createList(p, w.agencyA.id, [
        { violatedProvision: PROVISION.licence, itemKind: 'FIRST_OFFENCE', days: 10, matterCode: otherMatter.code },
      ])
    ).items[0];
    r = await withPrior({ violationOn: new Date(edge.getTime() - DAY) }, wrong.gid);
    expect(r.error?.extensions?.rule).toBe('NON_PENALTY_ITEM_NOT_APPLICABLE');
  });

  it('an unnamed natural person passes first offence only on the officer’s verification', async () => {
    const c = await createCase(w.h.db.prisma, {
      agencyId: w.agencyA.id,
      enterpriseId: null,
      violatedProvision: PROVISION.licence,
    });
    let r = await evaluate(c.gid, lists.firstOffence.gid);
    expect(byCode(r, 'FIRST_OFFENCE')).toMatchObject({ status: 'FAIL' });
    expect(r.data.eligible).toBe(false);
    r = await evaluate(c.gid, lists.firstOffence.gid, { ...GOOD_FACTS(), officerVerifiedFirstOffence: true });
    expect(r.data.eligible).toBe(true);
  });

  it('refusals are top-level errors with their code, in both languages', async () => {
    const { c } = await freshCase();
    const expectErr = (r: GqlJson, code: string, rule?: string) => {
      expect(r.error?.extensions?.code, JSON.stringify(r)).toBe(code);
      expect(r.error.extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.error.extensions.messageEn).toMatch(/[A-Za-z]/);
      if (rule) expect(r.error.extensions.rule).toBe(rule);
    };
    expectErr(await evaluate(gid('EnforcementCase', 999999), lists.firstOffence.gid), 'NOT_FOUND');
    expectErr(await evaluate(c.gid, gid('NonPenaltyListItem', 999999)), 'NOT_FOUND');
    expectErr(await evaluate(c.gid, lists.otherDraft.gid), 'NOT_FOUND'); // another agency's draft is invisible
    expectErr(await evaluate(c.gid, lists.draft.gid), 'RULE_VIOLATION', 'NON_PENALTY_LIST_NOT_IN_FORCE');
    expectErr(await evaluate(c.gid, lists.repealed.gid), 'RULE_VIOLATION', 'NON_PENALTY_LIST_NOT_IN_FORCE');
    expectErr(await evaluate(c.gid, lists.expired.gid), 'RULE_VIOLATION', 'NON_PENALTY_LIST_NOT_IN_FORCE');
    expectErr(await evaluate(c.gid, lists.minor.gid), 'RULE_VIOLATION', 'NON_PENALTY_ITEM_NOT_APPLICABLE');
    // Another agency's officer may not see the case: told what an unknown case is told (no probing for ids).
    expectErr(await evaluate(c.gid, lists.firstOffence.gid, GOOD_FACTS(), w.tokens.officerB), 'NOT_FOUND');
    expectErr(await evaluate(c.gid, lists.firstOffence.gid, GOOD_FACTS(), w.tokens.enterprise), 'NOT_FOUND'); // another party's case
    expectErr(await evaluate(c.gid, lists.firstOffence.gid, GOOD_FACTS(), null), 'UNAUTHENTICATED');
    // Authorisation before validation: facts that would fail validation do not reach a caller who may not evaluate.
    const badFacts = { ...GOOD_FACTS(), correctedOn: dayOffset(2) };
    expectErr(await evaluate(c.gid, lists.firstOffence.gid, badFacts, w.tokens.officerB), 'NOT_FOUND');
    expectErr(await evaluate(c.gid, lists.firstOffence.gid, badFacts, null), 'UNAUTHENTICATED');
    expectErr(
      await evaluate(c.gid, lists.firstOffence.gid, { ...GOOD_FACTS(), correctedOn: dayOffset(2) }),
      'VALIDATION_FAILED',
    );
    expect((await evaluate(c.gid, lists.firstOffence.gid, GOOD_FACTS(), w.tokens.supervisor)).data.eligible).toBe(true);
    const decided = await createCase(w.h.db.prisma, {
      agencyId: w.agencyA.id,
      enterpriseId: null,
      violatedProvision: PROVISION.licence,
      stage: 'DECIDED',
      decision: 'PENALTY',
    });
    expectErr(await evaluate(decided.gid, lists.firstOffence.gid), 'RULE_VIOLATION', 'CASE_ALREADY_DECIDED');
  });
});

describe('grantNonPenalty', () => {
  it('decides the case through the core path and records the item, list version, evaluation and event', async () => {
    const { e, c } = await freshCase();
    const before = await counts();
    const facts = GOOD_FACTS();
    const r = await grant(c.gid, lists.firstOffence.gid, { facts });
    expect(r.__typename, JSON.stringify(r)).toBe('MutationGrantNonPenaltySuccess');
    expect(r.data).toMatchObject({
      listVersion: 3,
      list: { version: 3 },
      item: { seq: 1, violatedProvision: PROVISION.licence },
      itemKind: 'FIRST_OFFENCE',
      domain: '市场监管',
      fineNotImposedFen: 300000,
      education: '已对当事人进行批评教育',
      decidedBy: expect.stringMatching(/^person:/),
      case: {
        number: c.number,
        stage: 'DECIDED',
        decision: 'NO_PENALTY',
        fineFen: null,
        nonPenaltyDecision: { listVersion: 3 },
      },
      enterprise: { name: e.name },
      agency: { name: '阜宁县市场监督管理局' },
      facts: { minorHarm: true, correctionOrderedOn: facts.correctionOrderedOn, correctedOn: facts.correctedOn },
      correctionOrder: {
        content: '责令立即公示营业执照',
        orderedOn: facts.correctionOrderedOn,
        deadline: dayOffset(5),
        correctedOn: facts.correctedOn,
      },
      evaluation: { eligible: true },
    });
    expect(r.data.evaluation.conditions).toHaveLength(3);
    expect(await counts()).toEqual({
      decisions: before.decisions + 1,
      events: before.events + 2,
      decided: before.decided + 1,
    });
    const events = await w.h.db.prisma.event.findMany({ where: { caseId: c.id }, orderBy: { id: 'asc' } });
    expect(events.map((x) => x.topic)).toEqual(['case.decided', 'nonPenalty.granted']);
    expect(events[0].payload).toMatchObject({ decision: 'NO_PENALTY', via: 'non-penalty' });
    expect(events[1]).toMatchObject({ agencyId: w.agencyA.id, enterpriseId: e.id, caseId: c.id, public: false });
    expect(events[1].payload).toMatchObject({ caseId: c.id, listVersion: 3, itemId: lists.firstOffence.id });

    // Enterprise.nonPenaltyDecisions and EnforcementCase.nonPenaltyDecision follow the case's readers.
    const Q = `query($id: ID!) { node(id: $id) { ... on Enterprise { nonPenaltyDecisions(first: 10) { totalCount edges { node { listVersion case {
      number } } } } } } }`;
    const eg = gid('Enterprise', e.id);
    for (const token of [w.tokens.officerA, w.tokens.supervisor, w.h.token(`enterprise:${e.id}`)]) {
      const q = await w.h.gql(Q, { id: eg }, token);
      expect(q.errors).toBeUndefined();
      expect(q.data.node.nonPenaltyDecisions.totalCount).toBe(1);
    }
    const other = await w.h.gql(Q, { id: eg }, w.tokens.officerB);
    expect(other.data.node.nonPenaltyDecisions.totalCount).toBe(0);
    const node = await w.h.gql(`query($id: ID!) { node(id: $id) { id } }`, {
      id: gid('NonPenaltyDecision', Number(Buffer.from(r.data.id, 'base64').toString().split(':')[1])),
    });
    expect(node.data?.node ?? null).toBeNull();
  });

  it('every refusal is typed and writes nothing', async () => {
    const p = w.h.db.prisma;
    const { c } = await freshCase();
    const inv = (await freshCase(PROVISION.licence, { stage: 'INVESTIGATING' })).c;
    const decided = (await freshCase(PROVISION.licence, { stage: 'DECIDED', decision: 'PENALTY' })).c;
    const guarded = await p.enforcementCase.update({
      where: { id: (await freshCase()).c.id },
      data: { number: `GUARDED-${Date.now()}` },
    });
    const guardedGid = gid('EnforcementCase', guarded.id);
    const bCase = await createCase(p, {
      agencyId: w.agencyB.id,
      enterpriseId: null,
      violatedProvision: PROVISION.licence,
    });
    const cases = [
      [gid('EnforcementCase', 999999), lists.firstOffence.gid, {}, 'NotFoundError'],
      [c.gid, gid('NonPenaltyListItem', 999999), {}, 'NotFoundError'],
      [c.gid, lists.draft.gid, {}, 'RuleViolation', 'NON_PENALTY_LIST_NOT_IN_FORCE'],
      [c.gid, lists.repealed.gid, {}, 'RuleViolation', 'NON_PENALTY_LIST_NOT_IN_FORCE'],
      [c.gid, lists.expired.gid, {}, 'RuleViolation', 'NON_PENALTY_LIST_NOT_IN_FORCE'],
      [c.gid, lists.minor.gid, {}, 'RuleViolation', 'NON_PENALTY_ITEM_NOT_APPLICABLE'],
      [decided.gid, lists.firstOffence.gid, {}, 'RuleViolation', 'CASE_ALREADY_DECIDED'],
      [inv.gid, lists.firstOffence.gid, {}, 'RuleViolation', 'CASE_NOT_IN_LEGAL_REVIEW'],
      [
        c.gid,
        lists.firstOffence.gid,
        { facts: { ...GOOD_FACTS(), minorHarm: false, noHarm: false } },
        'RuleViolation',
        'NON_PENALTY_NOT_ELIGIBLE',
      ],
      // A case the caller may not see answers as an unknown case (no probing for ids).
      [bCase.gid, lists.firstOffence.gid, {}, 'NotFoundError'],
      [c.gid, lists.firstOffence.gid, { token: w.tokens.officerB }, 'NotFoundError'],
      // The case's own officer does not decide a general-procedure case: the head does (第57条).
      [c.gid, lists.firstOffence.gid, { token: w.tokens.officerA }, 'ForbiddenError'],
      [c.gid, lists.firstOffence.gid, { token: w.tokens.auxiliaryA }, 'ForbiddenError'],
      [c.gid, lists.firstOffence.gid, { token: w.tokens.enterprise }, 'NotFoundError'], // another party's case
      [c.gid, lists.firstOffence.gid, { token: null }, 'UnauthenticatedError'],
      [c.gid, lists.firstOffence.gid, { education: '  ' }, 'ValidationError'],
      // Refused before its input is checked: a caller who may not decide learns nothing about the arguments.
      [c.gid, lists.firstOffence.gid, { token: w.tokens.officerA, education: '  ' }, 'ForbiddenError'],
      [c.gid, lists.firstOffence.gid, { token: null, education: '  ' }, 'UnauthenticatedError'],
      [c.gid, lists.firstOffence.gid, { order: { content: '改正', orderedOn: dayOffset(-4) } }, 'ValidationError'],
      [
        c.gid,
        lists.firstOffence.gid,
        { facts: { ...GOOD_FACTS(), correctionOrderedOn: dayOffset(1), correctedOn: null } },
        'ValidationError',
      ],
      [guardedGid, lists.firstOffence.gid, {}, 'RuleViolation', 'TEST_GUARD'],
    ] as const;
    for (const [caseGid, itemGid, opts, typename, rule] of cases) {
      const before = await counts();
      const r = await grant(caseGid, itemGid, opts);
      expect(r.__typename, `${typename} ${rule ?? ''}: ${JSON.stringify(r)}`).toBe(typename);
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.messageEn).toMatch(/[A-Za-z]/);
      if (rule) expect(r.rule).toBe(rule);
      expect(await counts(), `${typename} ${rule ?? ''}`).toEqual(before);
    }
    const notEligible = await grant(c.gid, lists.firstOffence.gid, {
      facts: { ...GOOD_FACTS(), minorHarm: false, noHarm: false },
    });
    expect(notEligible.message).toContain('危害后果轻微');
    expect(notEligible.messageEn).toContain('the harmful consequence is minor');
    for (const id of [c.id, inv.id, guarded.id])
      expect((await p.enforcementCase.findUniqueOrThrow({ where: { id } })).decision).toBeNull();
  });

  it('an officer of agency A cannot grant on agency B’s case; B’s head can', async () => {
    const p = w.h.db.prisma;
    const bList = await createList(
      p,
      w.agencyB.id,
      [{ violatedProvision: PROVISION.food, itemKind: 'NO_FAULT', days: 0 }],
      { domain: '生态环境' },
    );
    const e = await createEnterprise(p);
    const bCase = await createCase(p, {
      agencyId: w.agencyB.id,
      enterpriseId: e.id,
      violatedProvision: PROVISION.food,
    });
    const refused = await grant(bCase.gid, bList.items[0].gid, { token: w.tokens.officerA });
    expect(refused.__typename).toBe('NotFoundError');
    const ok = await grant(bCase.gid, bList.items[0].gid, { token: heads.B });
    expect(ok.__typename).toBe('MutationGrantNonPenaltySuccess');
    expect(ok.data.fineNotImposedFen).toBeNull();
    // A county list of another county agency does not bind agency A (a sibling cannot bind it).
    const { c } = await freshCase(PROVISION.food);
    const sibling = await grant(c.gid, bList.items[0].gid);
    expect(sibling).toMatchObject({ __typename: 'RuleViolation', rule: 'NON_PENALTY_LIST_NOT_FOR_AGENCY' });
    expect(sibling.message).toContain('第33条');
  });

  it('lists issued above the county bind every agency of their domain; a county list binds its issuer and the agencies below it', async () => {
    const p = w.h.db.prisma;
    const item = (violatedProvision: string) => [{ violatedProvision, itemKind: 'NO_FAULT' as const, days: 0 }];
    // Recorded by agency B but issued by the province for 市场监管: binds A, an agency of that domain.
    const provincial = await createList(p, w.agencyB.id, item(PROVISION.trademark), {
      issuerLevel: 'PROVINCIAL',
      domain: '市场监管',
    });
    const national = await createList(p, w.agencyB.id, item(PROVISION.trademark), {
      issuerLevel: 'NATIONAL',
      domain: '生态环境',
    });
    const countyWide = await createList(p, w.county.id, item(PROVISION.trademark), { domain: '市场监管' });
    const facts = { noSubjectiveFault: true, correctionOrderedOn: dayOffset(-1), correctedOn: dayOffset(-1) };
    const onA = async (listItem: { gid: string }) =>
      grant((await freshCase(PROVISION.trademark)).c.gid, listItem.gid, { facts });
    expect((await onA(provincial.items[0])).__typename).toBe('MutationGrantNonPenaltySuccess');
    expect((await onA(countyWide.items[0])).__typename).toBe('MutationGrantNonPenaltySuccess');
    // A national list of another domain does not bind A.
    expect(await onA(national.items[0])).toMatchObject({
      __typename: 'RuleViolation',
      rule: 'NON_PENALTY_LIST_NOT_FOR_AGENCY',
    });
    // The county government's 市场监管 list does not bind B (生态环境), though B is below the county.
    const e = await createEnterprise(p);
    const bCase = await createCase(p, {
      agencyId: w.agencyB.id,
      enterpriseId: e.id,
      violatedProvision: PROVISION.trademark,
    });
    expect(await grant(bCase.gid, countyWide.items[0].gid, { facts, token: heads.B })).toMatchObject({
      rule: 'NON_PENALTY_LIST_NOT_FOR_AGENCY',
    });
    const r = await evaluate(bCase.gid, countyWide.items[0].gid, facts, w.tokens.officerB);
    expect(r.error?.extensions?.rule).toBe('NON_PENALTY_LIST_NOT_FOR_AGENCY');
  });

  it('two grants on one case at once: one decides, the other is refused', async () => {
    const { c } = await freshCase();
    const results = await Promise.all([grant(c.gid, lists.firstOffence.gid), grant(c.gid, lists.firstOffence.gid)]);
    const names = results.map((r) => r.__typename).sort();
    expect(names).toEqual(['MutationGrantNonPenaltySuccess', 'RuleViolation']);
    expect(results.find((r) => r.__typename === 'RuleViolation').rule).toBe('CASE_ALREADY_DECIDED');
    expect(await w.h.db.prisma.nonPenaltyDecision.count({ where: { caseId: c.id } })).toBe(1);
  });

  it('a granted no-penalty makes the party’s next same violation not a first offence', async () => {
    const { e, c } = await freshCase();
    expect((await grant(c.gid, lists.firstOffence.gid)).__typename).toBe('MutationGrantNonPenaltySuccess');
    const again = await createCase(w.h.db.prisma, {
      agencyId: w.agencyA.id,
      enterpriseId: e.id,
      violatedProvision: PROVISION.licence,
      registeredAt: new Date(),
    });
    const r = await evaluate(again.gid, lists.firstOffence.gid);
    expect(byCode(r, 'FIRST_OFFENCE')).toMatchObject({ status: 'FAIL', priorCaseCount: 1 });
  });
});

describe('国家企业信用信息公示系统 check on a first-offence grant', () => {
  it('an enterprise party’s first offence needs the check, dated on or after the violation; it is recorded', async () => {
    const p = w.h.db.prisma;
    const violationOn = new Date(shanghaiToday(new Date()).getTime() - 30 * DAY);
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const fresh = async () => {
      const e = await createEnterprise(p);
      return createCase(p, {
        agencyId: w.agencyA.id,
        enterpriseId: e.id,
        violatedProvision: PROVISION.licence,
        violationOn,
      });
    };
    const c = await fresh();
    const ev = await evaluate(c.gid, lists.firstOffence.gid);
    expect(ev.data).toMatchObject({ eligible: true, creditCheckRequired: true });
    const refusals = [
      [null, 'RuleViolation', 'NON_PENALTY_CREDIT_CHECK_REQUIRED'],
      [{ checked: false }, 'RuleViolation', 'NON_PENALTY_CREDIT_CHECK_REQUIRED'],
      // The day before the violation: too early to speak for it.
      [
        { checked: true, checkedOn: iso(new Date(violationOn.getTime() - DAY)) },
        'RuleViolation',
        'NON_PENALTY_CREDIT_CHECK_REQUIRED',
      ],
      [{ checked: true }, 'ValidationError'],
      [{ checked: true, checkedOn: dayOffset(1) }, 'ValidationError'],
      [{ checked: false, checkedOn: dayOffset(-1) }, 'ValidationError'],
    ] as const;
    for (const [credit, typename, rule] of refusals) {
      const before = await counts();
      const r = await grant(c.gid, lists.firstOffence.gid, { credit: credit });
      expect(r.__typename, JSON.stringify([credit, r])).toBe(typename);
      if (rule) {
        expect(r.rule).toBe(rule);
        expect(r.message).toContain('第33条第1款');
        expect(r.messageEn).toContain('art. 33(1)');
      }
      expect(await counts()).toEqual(before);
    }
    // The violation day itself is the first day a check counts.
    const ok = await grant(c.gid, lists.firstOffence.gid, { credit: { checked: true, checkedOn: iso(violationOn) } });
    expect(ok.__typename, JSON.stringify(ok)).toBe('MutationGrantNonPenaltySuccess');
    expect(ok.data).toMatchObject({ creditSystemChecked: true, creditSystemCheckedOn: iso(violationOn) });
    const row = await p.nonPenaltyDecision.findUniqueOrThrow({ where: { caseId: c.id } });
    expect(row).toMatchObject({ creditSystemChecked: true, creditSystemCheckedOn: violationOn });
  });

  it('other items, and an unnamed natural person, need no check; whether one was made is still recorded', async () => {
    const p = w.h.db.prisma;
    const e = await createEnterprise(p);
    const minorCase = await createCase(p, {
      agencyId: w.agencyA.id,
      enterpriseId: e.id,
      violatedProvision: PROVISION.price,
    });
    expect((await evaluate(minorCase.gid, lists.minor.gid)).data.creditCheckRequired).toBe(false);
    const minor = await grant(minorCase.gid, lists.minor.gid, { credit: null });
    expect(minor.data).toMatchObject({ creditSystemChecked: false, creditSystemCheckedOn: null });
    const person = await createCase(p, {
      agencyId: w.agencyA.id,
      enterpriseId: null,
      violatedProvision: PROVISION.licence,
    });
    expect((await evaluate(person.gid, lists.firstOffence.gid)).data.creditCheckRequired).toBe(false);
    const r = await grant(person.gid, lists.firstOffence.gid, {
      credit: null,
      facts: { ...GOOD_FACTS(), officerVerifiedFirstOffence: true },
    });
    expect(r.__typename, JSON.stringify(r)).toBe('MutationGrantNonPenaltySuccess');
  });
});

describe('a case opened on a matter, end to end', () => {
  it('openCase on a matter, then a first-offence item naming that matter: the grant numbers a 不予行政处罚决定书 with the item’s ground', async () => {
    const p = w.h.db.prisma;
    const matter = await createMatter(p, { violatedProvision: PROVISION.licence });
    const { items } = await createList(p, w.agencyA.id, [
      { violatedProvision: PROVISION.licence, itemKind: 'FIRST_OFFENCE', days: 10, matterCode: matter.code },
    ]);
    const e = await createEnterprise(p);
    const violationOn = dayOffset(-40);
    const opened = await w.h.gql(
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { __typename ${ERR} ... on MutationOpenCaseSuccess { data { id number violationOn
        matter { code } } } } }`,
      {
        input: {
          agencyId: w.agencyA.gid,
          matterId: gid('EnforcementMatter', matter.id),
          enterpriseId: gid('Enterprise', e.id),
          violationOn,
        },
      },
      w.tokens.officerA,
    );
    expect(opened.errors).toBeUndefined();
    const c = opened.data.openCase;
    expect(c, JSON.stringify(c)).toMatchObject({
      __typename: 'MutationOpenCaseSuccess',
      data: { violationOn, matter: { code: matter.code } },
    });
    const id = Number(Buffer.from(c.data.id, 'base64').toString().split(':')[1]);
    // Investigation and legal review are other helpers' steps: the case is put in review directly.
    await p.enforcementCase.update({ where: { id }, data: { stage: 'LEGAL_REVIEW' } });
    await p.caseStep.create({
      data: {
        caseId: id,
        kind: 'LEGAL_REVIEW',
        on: shanghaiToday(new Date()),
        outcome: 'APPROVED',
        actor: 'system:test',
        note: '同意',
      },
    });

    const ev = await evaluate(c.data.id, items[0].gid);
    expect(ev.data).toMatchObject({ eligible: true, lookbackUntil: violationOn, creditCheckRequired: true });
    const r = await grant(c.data.id, items[0].gid, { credit: { checked: true, checkedOn: violationOn } });
    expect(r.__typename, JSON.stringify(r)).toBe('MutationGrantNonPenaltySuccess');
    const decided = await p.enforcementCase.findUniqueOrThrow({ where: { id } });
    expect(decided).toMatchObject({ stage: 'DECIDED', decision: 'NO_PENALTY', ground: 'FIRST_OFFENCE' });
    expect(decided.decisionNumber).toMatch(/^阜市监不罚〔\d{4}〕\d+号$/);
  });
});

describe('public reads', () => {
  it('the public reads published lists but no decision, case or evaluation', async () => {
    const lists = await w.h.gql(`{ nonPenaltyLists(first: 50) { edges { node { status } } } }`);
    expect(lists.errors).toBeUndefined();
    const statuses = new Set(lists.data.nonPenaltyLists.edges.map((x: GqlJson) => x.node.status));
    expect([...statuses].sort()).toEqual(['PUBLISHED', 'REPEALED']);
    const d = await w.h.db.prisma.nonPenaltyDecision.findFirstOrThrow();
    const node = await w.h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: gid('NonPenaltyDecision', d.id) });
    expect(node.data?.node ?? null).toBeNull();
    const viaOfficer = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on NonPenaltyDecision { listVersion } } }`,
      { id: gid('NonPenaltyDecision', d.id) },
      w.tokens.supervisor,
    );
    expect(viaOfficer.data.node.listVersion).toBeGreaterThan(0);
  });
});
