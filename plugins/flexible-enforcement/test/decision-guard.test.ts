// The decision guard through core's decideCase: a LIGHTER or MITIGATED decision that cites a list item
// (citeFlexibleBasis) is judged against it in the decision's transaction (行政处罚法 第32条、第34条).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '@zhifa/core/time';
import { createMatter, gid, rowCounts, validCertificate } from '@zhifa/testkit';
import { ERR, createWorld, type World } from './fixtures.js';

let w: World;
let head: string;
let officerA2: number;
beforeAll(async () => {
  w = await createWorld();
  const p = w.h.db.prisma;
  const h = await p.person.create({ data: { agencyId: w.agencyA.id, name: '甲局局长', roles: ['AGENCY_HEAD'] } });
  head = w.h.token(`person:${h.id}`);
  officerA2 = (
    await p.person.create({
      data: {
        agencyId: w.agencyA.id,
        name: '甲局执法员二',
        roles: ['OFFICER'],
        ...validCertificate(`FE-${process.pid}`),
      },
    })
  ).id;
});
afterAll(() => w?.h.close());

let seq = 0;
/** A published list of `kind` for agency A with one item on `matterCode`. */
async function publishedItem(kind: 'LIGHTER' | 'MITIGATED', attributes: Record<string, unknown>, domain = '市场监管') {
  const p = w.h.db.prisma;
  const series = await p.listSeries.create({ data: { kind } });
  const list = await p.enforcementList.create({
    data: {
      kind,
      seriesId: series.id,
      version: 1,
      title: `测试柔性清单${++seq}`,
      domain,
      agencyId: w.agencyA.id,
      status: 'PUBLISHED',
      publishedAt: new Date('2025-01-01T00:00:00Z'),
      validFrom: new Date('2025-01-01T00:00:00Z'),
    },
  });
  const item = await p.listItem.create({
    data: {
      listId: list.id,
      seq: 1,
      domain,
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      applicableConditions: '主动改正的',
      attributes: { exclusions: '两年内再次违法的', ...attributes },
    },
  });
  return gid(kind === 'LIGHTER' ? 'LighterPenaltyListItem' : 'MitigatedPenaltyListItem', item.id);
}

/** A general-procedure case of agency A on `matterId`, in legal review, a notice proposing a fine of `proposedFen`. */
async function caseReady(matterId: number, proposedFen: number) {
  const p = w.h.db.prisma;
  const on = shanghaiToday(new Date());
  const c = await p.enforcementCase.create({
    data: {
      number: `柔测〔2026〕${process.pid}-${++seq}号`,
      agencyId: w.agencyA.id,
      partyKind: 'ENTERPRISE',
      enterpriseId: w.enterprise.id,
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      stage: 'LEGAL_REVIEW',
      procedure: 'GENERAL',
      matterId,
      violationOn: new Date(on.getTime() - 10 * 86_400_000),
      officers: { create: [{ personId: w.people.officerA.id }, { personId: officerA2 }] },
    },
  });
  await p.caseStep.create({
    data: {
      caseId: c.id,
      kind: 'NOTICE',
      on,
      actor: 'system:test',
      documentNumber: `告〔${c.id}〕`,
      proposal: {
        penalties: [{ kind: 'FINE', amountFen: String(proposedFen) }],
        hearingOffered: true,
        hearingThresholdFen: '1000000',
      },
    },
  });
  await p.caseStep.createMany({
    data: [
      { caseId: c.id, kind: 'STATEMENT', on, outcome: 'WAIVED', actor: 'system:test' },
      { caseId: c.id, kind: 'HEARING_REQUEST', on, outcome: 'WAIVED', actor: 'system:test' },
      { caseId: c.id, kind: 'LEGAL_REVIEW', on, outcome: 'APPROVED', actor: 'system:test', note: '同意' },
    ],
  });
  return gid('EnforcementCase', c.id);
}

async function cite(caseId: string, itemId: string, extra: Record<string, unknown> = {}) {
  const res = await w.h.gql(
    `mutation($c: ID!, $i: ID!, $x: Boolean!, $m: MitigationCircumstance) { citeFlexibleBasis(caseId: $c, itemId: $i,
      exclusionsAbsent: $x, circumstance: $m) { __typename ... on MutationCiteFlexibleBasisSuccess { data { decision circumstance } } ${ERR} } }`,
    { c: caseId, i: itemId, x: true, m: 'ELIMINATED_HARM', ...extra },
    head,
  );
  expect(res.errors).toBeUndefined();
  return res.data.citeFlexibleBasis;
}

/** Decides; a case that cites an item states no free-text circumstance (the citation's replaces it). */
async function decide(
  caseId: string,
  decision: 'LIGHTER' | 'MITIGATED',
  fineFen: number,
  freeText: string | null = null,
) {
  const res = await w.h.gql(
    `mutation($c: ID!, $input: DecideCaseInput!) { decideCase(caseId: $c, input: $input) { __typename ${ERR}
      ... on MutationDecideCaseSuccess { data { stage decision mitigatingCircumstance
        flexibleBasis { fineFen matterMaxFineFen fineNotImposedFen circumstance } } } } }`,
    {
      c: caseId,
      input: { decision, penalties: [{ kind: 'FINE', amountFen: fineFen }], mitigatingCircumstance: freeText },
    },
    head,
  );
  expect(res.errors).toBeUndefined();
  return res.data.decideCase;
}

describe('a LIGHTER decision citing an item with a band', () => {
  it('exactly the band’s top is decided, with what was left unimposed against the matter’s maximum', async () => {
    const matter = await createMatter(w.h.db.prisma, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const item = await publishedItem('LIGHTER', { matterCode: matter.code, fineMaxFen: 600_000 });
    const c = await caseReady(matter.id, 600_001);
    expect((await cite(c, item)).__typename).toBe('MutationCiteFlexibleBasisSuccess');
    const done = await decide(c, 'LIGHTER', 600_000);
    expect(done.__typename, JSON.stringify(done)).toBe('MutationDecideCaseSuccess');
    expect(done.data).toMatchObject({
      stage: 'DECIDED',
      decision: 'LIGHTER',
      flexibleBasis: {
        fineFen: 600_000,
        matterMaxFineFen: 3_000_000,
        fineNotImposedFen: 2_400_000,
        circumstance: 'ELIMINATED_HARM',
      },
    });
  });

  it('one fen above the band’s top is refused with FLEXIBLE_FINE_OUTSIDE_BAND, and the decision writes nothing', async () => {
    const matter = await createMatter(w.h.db.prisma, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const item = await publishedItem('LIGHTER', { matterCode: matter.code, fineMaxFen: 600_000 });
    const c = await caseReady(matter.id, 600_001);
    await cite(c, item);
    const before = await rowCounts(w.h.db.prisma);
    const refused = await decide(c, 'LIGHTER', 600_001);
    expect(refused).toMatchObject({ __typename: 'RuleViolation', rule: 'FLEXIBLE_FINE_OUTSIDE_BAND' });
    expect(refused.message).toContain('第32条');
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  });

  it('an item of another matter, or whose 排除情形 the officers marked present, is refused', async () => {
    const matter = await createMatter(w.h.db.prisma, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const other = await createMatter(w.h.db.prisma, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const c = await caseReady(matter.id, 500_000);
    await cite(c, await publishedItem('LIGHTER', { matterCode: other.code }));
    expect(await decide(c, 'LIGHTER', 500_000)).toMatchObject({ rule: 'FLEXIBLE_ITEM_MATTER' });
    await cite(c, await publishedItem('LIGHTER', { matterCode: matter.code }), { x: false });
    expect(await decide(c, 'LIGHTER', 500_000)).toMatchObject({ rule: 'FLEXIBLE_EXCLUSION_PRESENT' });
    // Cited again, correctly, the decision goes through.
    await cite(c, await publishedItem('LIGHTER', { matterCode: matter.code }));
    expect((await decide(c, 'LIGHTER', 500_000)).__typename).toBe('MutationDecideCaseSuccess');
  });
});

describe('flexibleEnforcementStats', () => {
  it('counts a 从轻 decision once decided through the guard — never the citation alone, nor a refused decision', async () => {
    const today = shanghaiToday(new Date()).toISOString().slice(0, 10);
    const lighter = async () => {
      const res = await w.h.gql(
        `query($a: ID, $d: Date!) { flexibleEnforcementStats(agencyId: $a, from: $d, to: $d) {
          lighter { decisions fineImposedFen fineNotImposedFen maximumUnknown } } }`,
        { a: w.agencyA.gid, d: today },
        w.tokens.supervisor,
      );
      expect(res.errors).toBeUndefined();
      return res.data.flexibleEnforcementStats.lighter as Record<string, number>;
    };
    const before = await lighter();
    const matter = await createMatter(w.h.db.prisma, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const item = await publishedItem('LIGHTER', { matterCode: matter.code, fineMaxFen: 600_000 });
    const c = await caseReady(matter.id, 600_001);
    await cite(c, item);
    expect(await lighter()).toEqual(before);
    expect(await decide(c, 'LIGHTER', 600_001)).toMatchObject({ rule: 'FLEXIBLE_FINE_OUTSIDE_BAND' });
    expect(await lighter()).toEqual(before);
    expect((await decide(c, 'LIGHTER', 600_000)).__typename).toBe('MutationDecideCaseSuccess');
    expect(await lighter()).toEqual({
      decisions: before.decisions + 1,
      fineImposedFen: before.fineImposedFen + 600_000,
      fineNotImposedFen: before.fineNotImposedFen + 2_400_000,
      maximumUnknown: before.maximumUnknown,
    });
  });
});

describe('a MITIGATED decision citing an item', () => {
  it('takes the item’s 第32条 circumstance; a LIGHTER decision may not cite it', async () => {
    const matter = await createMatter(w.h.db.prisma, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const item = await publishedItem('MITIGATED', { matterCode: matter.code, circumstance: 'CONFESSED' });
    const c = await caseReady(matter.id, 99_999);
    const wrong = await cite(c, item, { m: 'COERCED' });
    expect(wrong.__typename).toBe('ValidationError');
    expect((await cite(c, item, { m: null })).data).toMatchObject({ decision: 'MITIGATED', circumstance: 'CONFESSED' });
    expect(await decide(c, 'LIGHTER', 99_999)).toMatchObject({ __typename: 'RuleViolation' });
    const done = await decide(c, 'MITIGATED', 99_999);
    expect(done.__typename, JSON.stringify(done)).toBe('MutationDecideCaseSuccess');
    expect(done.data.flexibleBasis).toMatchObject({ fineFen: 99_999, circumstance: 'CONFESSED' });
  });

  it('a decision that cites nothing is not affected: it states its circumstance in free text, as core asks', async () => {
    const matter = await createMatter(w.h.db.prisma, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const c = await caseReady(matter.id, 500_000);
    const bare = await decide(c, 'LIGHTER', 500_000);
    expect(bare).toMatchObject({ __typename: 'RuleViolation', rule: 'CASE_MITIGATING_CIRCUMSTANCE_REQUIRED' });
    const done = await decide(c, 'LIGHTER', 500_000, '主动消除违法行为危害后果');
    expect(done.__typename, JSON.stringify(done)).toBe('MutationDecideCaseSuccess');
    expect(done.data.flexibleBasis).toBeNull();
    expect(done.data.mitigatingCircumstance).toBe('主动消除违法行为危害后果');
  });
});

describe('the cited 第32条 circumstance replaces the free text', () => {
  it('the decision records the cited circumstance with its item; free text beside a citation is refused and writes nothing', async () => {
    const matter = await createMatter(w.h.db.prisma, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const item = await publishedItem('LIGHTER', { matterCode: matter.code, fineMaxFen: 600_000 });
    const c = await caseReady(matter.id, 600_000);
    expect((await cite(c, item)).__typename).toBe('MutationCiteFlexibleBasisSuccess');
    const before = await rowCounts(w.h.db.prisma);
    const refused = await decide(c, 'LIGHTER', 500_000, '主动消除违法行为危害后果');
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.issues[0].path).toEqual(['input', 'mitigatingCircumstance']);
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);
    const done = await decide(c, 'LIGHTER', 500_000);
    expect(done.__typename, JSON.stringify(done)).toBe('MutationDecideCaseSuccess');
    expect(done.data.mitigatingCircumstance).toMatch(
      /^主动消除或者减轻违法行为危害后果（行政处罚法第32条；依《.+》第1版第 \d+ 项）$/,
    );
  });
});
