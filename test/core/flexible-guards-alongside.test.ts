// The flexible-enforcement guards installed beside the non-penalty and economic-impact plugins, in one harness: each
// plugin's guard judges what it owns and none lets through what another refuses. A LIGHTER decision that satisfies
// the item it cites is still refused by the economic-impact guard while its triggers hold without an approved
// assessment; a non-penalty grant on one case and a flexible citation on another do not meet; a measure on production
// equipment that a no-compulsory item covers gets both plugins' records in its transaction, or neither when refused.
// (The LIGHTER band's top and one fen above, through decideCase, are in plugins/flexible-enforcement/test/decision-guard.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '@zhifa/core/time';
import { economicImpactPlugin } from '@zhifa/plugin-economic-impact';
import { flexibleEnforcementPlugin } from '@zhifa/plugin-flexible-enforcement';
import { nonPenaltyPlugin } from '@zhifa/plugin-non-penalty';
import {
  createBaseWorld,
  createHarness,
  createMatter,
  gid,
  rowCounts,
  validCertificate,
  type BaseWorld,
  type Harness,
} from '@zhifa/testkit';
import { createCase, createList, GOOD_FACTS, PROVISION } from '../../plugins/non-penalty/test/decision-fixtures.js';

const ERR = [
  '... on Error { __typename code message messageEn } ... on RuleViolation { rule }',
  '... on ValidationError { issues { path message messageEn } }',
].join(' ');

let h: Harness;
let w: BaseWorld;
let head: { id: number; token: string };
let officerA2: number;
beforeAll(async () => {
  h = await createHarness({ plugins: [nonPenaltyPlugin, economicImpactPlugin, flexibleEnforcementPlugin] });
  w = await createBaseWorld(h);
  const p = h.db.prisma;
  const person = await p.person.create({ data: { agencyId: w.agencyA.id, name: '甲局局长', roles: ['AGENCY_HEAD'] } });
  head = { id: person.id, token: h.token(`person:${person.id}`) };
  officerA2 = (
    await p.person.create({
      data: {
        agencyId: w.agencyA.id,
        name: '甲局执法员二',
        roles: ['OFFICER'],
        ...validCertificate(`FA-${process.pid}`),
      },
    })
  ).id;
});
afterAll(() => h?.close());

let seq = 0;
async function keyEnterprise() {
  seq++;
  return h.db.prisma.enterprise.create({
    data: {
      uscc: `91320923K${String(process.pid % 1000).padStart(3, '0')}${String(seq).padStart(5, '0')}X`,
      name: `重点企业${seq}`,
      kind: 'COMPANY',
      legalRepresentative: '王某',
      address: '阜宁县',
      industry: '食品制造',
      scale: 'MEDIUM',
      employees: 300,
      creditRiskClass: 'A',
      isKeyEnterprise: true,
    },
  });
}

/** A published list of `kind` for agency A with one item. */
async function publishedItem(kind: 'LIGHTER' | 'NO_COMPULSORY', attributes: Record<string, unknown>) {
  const p = h.db.prisma;
  const series = await p.listSeries.create({ data: { kind } });
  const list = await p.enforcementList.create({
    data: {
      kind,
      seriesId: series.id,
      version: 1,
      title: `并行守卫测试清单${++seq}`,
      domain: '市场监管',
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
      domain: '市场监管',
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      applicableConditions: '主动改正的',
      attributes: { exclusions: null, ...attributes },
    },
  });
  return gid(kind === 'LIGHTER' ? 'LighterPenaltyListItem' : 'NoCompulsoryMeasureListItem', item.id);
}

/** A general-procedure case of agency A against `enterpriseId`, at `stage`, with a notice proposing `proposedFen`. */
async function enterpriseCase(
  matterId: number,
  enterpriseId: number,
  stage: 'LEGAL_REVIEW' | 'INVESTIGATING',
  proposedFen = 0,
) {
  const p = h.db.prisma;
  const on = shanghaiToday(new Date());
  const c = await p.enforcementCase.create({
    data: {
      number: `并守〔2026〕${process.pid}-${++seq}号`,
      agencyId: w.agencyA.id,
      partyKind: 'ENTERPRISE',
      enterpriseId,
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      stage,
      procedure: 'GENERAL',
      matterId,
      violationOn: new Date(on.getTime() - 10 * 86_400_000),
      officers: { create: [{ personId: w.people.officerA.id }, { personId: officerA2 }] },
    },
  });
  if (stage === 'LEGAL_REVIEW') {
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
  }
  return c;
}

async function cite(caseId: number, itemId: string) {
  const res = await h.gql(
    `mutation($c: ID!, $i: ID!) { citeFlexibleBasis(caseId: $c, itemId: $i, exclusionsAbsent: true, circumstance: ELIMINATED_HARM) {
      __typename ${ERR} } }`,
    { c: gid('EnforcementCase', caseId), i: itemId },
    head.token,
  );
  expect(res.errors).toBeUndefined();
  return res.data.citeFlexibleBasis;
}

async function decideLighter(caseId: number, fineFen: number) {
  const res = await h.gql(
    `mutation($c: ID!, $input: DecideCaseInput!) { decideCase(caseId: $c, input: $input) { __typename ${ERR}
      ... on MutationDecideCaseSuccess { data { stage decision flexibleBasis { fineFen } } } } }`,
    {
      c: gid('EnforcementCase', caseId),
      input: {
        decision: 'LIGHTER',
        penalties: [{ kind: 'FINE', amountFen: fineFen }],
      },
    },
    head.token,
  );
  expect(res.errors).toBeUndefined();
  return res.data.decideCase;
}

describe('the flexible and economic-impact guards on one decision', () => {
  it('a LIGHTER decision within the cited band is refused while the key-enterprise trigger has no approved assessment, and decided once it has', async () => {
    const p = h.db.prisma;
    const matter = await createMatter(p, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const item = await publishedItem('LIGHTER', { matterCode: matter.code, fineMinFen: null, fineMaxFen: 600_000 });
    const e = await keyEnterprise();
    const c = await enterpriseCase(matter.id, e.id, 'LEGAL_REVIEW', 600_001);
    expect((await cite(c.id, item)).__typename).toBe('MutationCiteFlexibleBasisSuccess');
    const before = await rowCounts(p);
    const refused = await decideLighter(c.id, 600_000);
    expect(refused).toMatchObject({ __typename: 'RuleViolation', rule: 'IMPACT_ASSESSMENT_REQUIRED' });
    expect(await rowCounts(p)).toEqual(before);

    const trigger = await p.impactTrigger.create({
      data: {
        caseId: c.id,
        kind: 'KEY_ENTERPRISE',
        source: 'PARTY',
        rulesVersion: 1,
        firedAt: new Date(),
        actor: 'system:test',
      },
    });
    const now = new Date();
    await p.impactAssessment.create({
      data: {
        caseId: c.id,
        agencyId: w.agencyA.id,
        enterpriseId: e.id,
        revision: 1,
        status: 'APPROVED',
        level: 'LOW',
        weightedScore: 0.5,
        rulesVersion: 1,
        summary: '影响较小',
        coveredTriggerIds: [trigger.id],
        assessedProposal: {
          penalties: [{ kind: 'FINE', amountFen: '600001' }],
          hearingOffered: true,
          hearingThresholdFen: '1000000',
        },
        createdBy: 'system:test',
        createdAt: now,
        updatedAt: now,
        submittedBy: 'system:test',
        submittedAt: now,
        reviewedBy: 'system:test',
        reviewedAt: now,
        approvedBy: `person:${head.id}`,
        approvedAt: now,
      },
    });
    // Assessed: the economic-impact guard lets it through, and the flexible guard still judges the band (its top
    // allowed, one fen above refused, nothing written).
    const above = await rowCounts(p);
    expect(await decideLighter(c.id, 600_001)).toMatchObject({ rule: 'FLEXIBLE_FINE_OUTSIDE_BAND' });
    expect(await rowCounts(p)).toEqual(above);
    const done = await decideLighter(c.id, 600_000);
    expect(done, JSON.stringify(done)).toMatchObject({
      __typename: 'MutationDecideCaseSuccess',
      data: { stage: 'DECIDED', decision: 'LIGHTER', flexibleBasis: { fineFen: 600_000 } },
    });
  });
});

describe('a non-penalty grant and a flexible citation on different cases', () => {
  it('do not interfere: the grant decides its case, the cited case decides LIGHTER', async () => {
    const p = h.db.prisma;
    const list = await createList(
      p,
      w.agencyA.id,
      [{ violatedProvision: PROVISION.licence, itemKind: 'FIRST_OFFENCE', days: 10, fineFen: 300000 }],
      { version: 2 },
    );
    const granted = await createCase(p, {
      agencyId: w.agencyA.id,
      enterpriseId: w.enterprise.id,
      violatedProvision: PROVISION.licence,
    });
    const matter = await createMatter(p, { fineMinFen: 100_000n, fineMaxFen: 3_000_000n });
    const item = await publishedItem('LIGHTER', { matterCode: matter.code, fineMinFen: null, fineMaxFen: 600_000 });
    const cited = await enterpriseCase(matter.id, w.enterprise.id, 'LEGAL_REVIEW', 500_000);
    expect((await cite(cited.id, item)).__typename).toBe('MutationCiteFlexibleBasisSuccess');

    const facts = GOOD_FACTS();
    const grant = await h.gql(
      `mutation($c: ID!, $i: ID!, $f: NonPenaltyFactsInput!, $o: NonPenaltyCorrectionOrderInput!, $on: Date!) {
        grantNonPenalty(caseId: $c, itemId: $i, facts: $f, correctionOrder: $o, education: "批评教育", creditCheck: { checked: true, checkedOn: $on }) {
          __typename ${ERR} } }`,
      {
        c: granted.gid,
        i: list.items[0].gid,
        f: facts,
        o: { content: '公示营业执照', orderedOn: facts.correctionOrderedOn },
        on: facts.correctedOn,
      },
      head.token,
    );
    expect(grant.errors).toBeUndefined();
    expect(grant.data.grantNonPenalty.__typename, JSON.stringify(grant.data)).toBe('MutationGrantNonPenaltySuccess');
    // The grant's case cited nothing: no flexible basis was written for it.
    expect(await p.flexibleDecisionBasis.count({ where: { caseId: granted.id } })).toBe(0);
    expect((await decideLighter(cited.id, 500_000)).__typename).toBe('MutationDecideCaseSuccess');
    expect(await p.nonPenaltyDecision.count({ where: { caseId: cited.id } })).toBe(0);
    expect(await p.flexibleDecisionBasis.findUniqueOrThrow({ where: { caseId: cited.id } })).toMatchObject({
      decision: 'LIGHTER',
      fineFen: 500_000n,
    });
  });
});

describe('a measure on production equipment that a no-compulsory item covers', () => {
  async function record(caseId: number, justification: string | null) {
    const res = await h.gql(
      `mutation($c: ID!, $input: CompulsoryMeasureInput!) { recordCompulsoryMeasure(caseId: $c, input: $input) { __typename ${ERR} } }`,
      {
        c: gid('EnforcementCase', caseId),
        input: {
          kind: 'SEAL_UP',
          object: '生产线一条',
          isProductionEquipment: true,
          justification,
          officerIds: [gid('Person', w.people.officerA.id), gid('Person', officerA2)],
        },
      },
      w.tokens.officerA,
    );
    expect(res.errors).toBeUndefined();
    return res.data.recordCompulsoryMeasure;
  }

  it('with a justification: the guard’s check and the impact trigger are written in the measure’s transaction', async () => {
    const p = h.db.prisma;
    const matter = await createMatter(p);
    await publishedItem('NO_COMPULSORY', {
      matterCode: matter.code,
      measureKind: 'SEAL_UP',
      measureTarget: '生产设备',
      measureProvision: '某法',
    });
    const c = await enterpriseCase(matter.id, w.enterprise.id, 'INVESTIGATING');
    const done = await record(c.id, '当事人拒不停止生产，存在转移证据风险');
    expect(done.__typename, JSON.stringify(done)).toBe('MutationRecordCompulsoryMeasureSuccess');
    const measure = await p.compulsoryMeasure.findFirstOrThrow({ where: { caseId: c.id } });
    expect(await p.compulsoryMeasureCheck.findMany({ where: { caseId: c.id } })).toMatchObject([
      { outcome: 'JUSTIFIED', measureId: measure.id },
    ]);
    expect(await p.impactTrigger.findMany({ where: { caseId: c.id } })).toMatchObject([{ kind: 'PRODUCTION_MEASURE' }]);
  });

  it('without one: refused by the no-compulsory guard, and neither plugin writes anything', async () => {
    const p = h.db.prisma;
    const matter = await createMatter(p);
    await publishedItem('NO_COMPULSORY', {
      matterCode: matter.code,
      measureKind: 'SEAL_UP',
      measureTarget: '生产设备',
      measureProvision: '某法',
    });
    const c = await enterpriseCase(matter.id, w.enterprise.id, 'INVESTIGATING');
    const before = await rowCounts(p);
    expect(await record(c.id, null)).toMatchObject({ rule: 'FLEXIBLE_MEASURE_JUSTIFICATION_REQUIRED' });
    expect(await rowCounts(p)).toEqual(before);
    expect(await p.impactTrigger.count({ where: { caseId: c.id } })).toBe(0);
    expect(await p.compulsoryMeasureCheck.count({ where: { caseId: c.id } })).toBe(0);
  });
});
