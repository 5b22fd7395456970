// Triggers through the API (county plan task 7): each fires from the fact that changed — a case opened against a
// key enterprise or a cooperative, a 事先告知 (行政处罚法 第44条) at its threshold and one fen below (organisations
// ¥50,000.00 / ¥49,999.99, 个体工商户 ¥5,000.00 / ¥4,999.99), a licence or operations penalty, 查封/扣押 of
// production equipment, an enterprise that became a key enterprise, a declared risk — and is recorded once: a
// lower re-notice adds nothing, a heavier one adds a trigger. A natural person's case fires nothing, nor a trigger
// the rules in force leave out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseGuards, unitOfWork } from '@zhifa/core';
import { shanghaiToday } from '@zhifa/core/time';
import { countStatements, createMatter, ERR, expectTyped, gid, testSettings, type GqlJson } from '@zhifa/testkit';
import { catchUpImpactTriggersInTx } from '../src/index.js';
import { DEFAULT_RULES } from '../src/rules/rules-values.js';
import { measureTriggers } from '../src/rules/triggers.js';
import { createEnterprise, createWorld, directCase, type World } from './fixtures.js';

let w: World;
let matterGid: string;
beforeAll(async () => {
  w = await createWorld();
  matterGid = gid('EnforcementMatter', (await createMatter(w.h.db.prisma)).id);
});
afterAll(() => w?.h.close());

const today = () => shanghaiToday(new Date()).toISOString().slice(0, 10);
const p = () => w.h.db.prisma;

const TRIGGER = `kind source amountFen thresholdFen penaltyKind note reason reasonEn rulesVersion firedBy`;
const REQUIRED = `query($id: ID!) { case(id: $id) { impactAssessmentRequired(first: 20) { totalCount edges { node { ${TRIGGER} } } } } }`;
const NOTICE = `mutation($caseId: ID!, $input: RecordNoticeInput!) { recordNotice(caseId: $caseId, input: $input) { ${ERR} } }`;
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { ${ERR} ... on MutationOpenCaseSuccess { data { id } } } }`;
const MEASURE = `mutation($caseId: ID!, $input: CompulsoryMeasureInput!) { recordCompulsoryMeasure(caseId: $caseId, input: $input) { ${ERR}
  ... on MutationRecordCompulsoryMeasureSuccess { data { id } } } }`;
const DECLARE = `mutation($caseId: ID!, $kind: ImpactTriggerKind!, $note: String!) { declareImpactRisk(caseId: $caseId, kind: $kind, note: $note) {
  ${ERR} ... on MutationDeclareImpactRiskSuccess { data { id ${TRIGGER} } } } }`;

/** The case's triggers as the officer reads them, newest first. */
async function required(caseGid: string, token = w.tokens.officerA): Promise<GqlJson[]> {
  const res = await w.h.gql(REQUIRED, { id: caseGid }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.case.impactAssessmentRequired.edges.map((e: GqlJson) => e.node);
}

async function notice(caseGid: string, penalties: { kind: string; amountFen?: number }[], over = {}) {
  const res = await w.h.gql(
    NOTICE,
    {
      caseId: caseGid,
      input: { on: today(), proposedPenalties: penalties.map((x) => ({ amountFen: null, ...x })), ...over },
    },
    w.tokens.officerA,
  );
  expect(res.data.recordNotice.__typename, JSON.stringify(res.data)).toBe('MutationRecordNoticeSuccess');
}

async function enterpriseCase(opts: Parameters<typeof createEnterprise>[1] = {}) {
  const e = await createEnterprise(p(), opts);
  return directCase(w, e.id);
}

describe('a notice of proposed penalties (第44条) fires at the threshold, not one fen below', () => {
  const cases: [string, 'COMPANY' | 'INDIVIDUAL_BUSINESS', string, number, number][] = [
    ['a company’s fine', 'COMPANY', 'FINE', 5_000_000, 5_000_000],
    ['an 个体工商户’s fine', 'INDIVIDUAL_BUSINESS', 'FINE', 500_000, 500_000],
    ['a company’s confiscation', 'COMPANY', 'CONFISCATE_GAINS', 5_000_000, 5_000_000],
    ['an 个体工商户’s confiscation', 'INDIVIDUAL_BUSINESS', 'CONFISCATE_PROPERTY', 500_000, 500_000],
  ];
  for (const [what, kind, penalty, at, threshold] of cases)
    it(`${what}: ${at - 1} fen fires nothing, ${at} fen fires`, async () => {
      const below = await enterpriseCase({ kind });
      await notice(below.gid, [{ kind: penalty, amountFen: at - 1 }]);
      expect(await required(below.gid)).toEqual([]);

      const onIt = await enterpriseCase({ kind });
      await notice(onIt.gid, [{ kind: penalty, amountFen: at }]);
      const [t, ...rest] = await required(onIt.gid);
      expect(rest).toEqual([]);
      expect(t).toMatchObject({
        kind: penalty === 'FINE' ? 'LARGE_FINE' : 'LARGE_CONFISCATION',
        source: 'NOTICE',
        amountFen: at,
        thresholdFen: threshold,
        rulesVersion: 1,
      });
      expect(t.reason).toContain('事先告知');
      expect(t.reasonEn).toContain('threshold');
    });

  it('confiscations of gains and of property are summed', async () => {
    const k = await enterpriseCase();
    await notice(k.gid, [
      { kind: 'CONFISCATE_GAINS', amountFen: 2_500_000 },
      { kind: 'CONFISCATE_PROPERTY', amountFen: 2_500_000 },
    ]);
    expect(await required(k.gid)).toMatchObject([{ kind: 'LARGE_CONFISCATION', amountFen: 5_000_000 }]);
  });

  it('licence and operations penalties fire by their kind; a warning fires nothing', async () => {
    const k = await enterpriseCase();
    await notice(k.gid, [{ kind: 'WARNING' }, { kind: 'REVOKE_LICENCE' }, { kind: 'SUSPEND_OPERATIONS' }]);
    const got = await required(k.gid);
    expect(got.map((t) => [t.kind, t.penaltyKind]).sort()).toEqual([
      ['LICENCE', 'REVOKE_LICENCE'],
      ['OPERATIONS', 'SUSPEND_OPERATIONS'],
    ]);
  });

  it('a lower re-notice adds nothing; a heavier one adds a trigger (sticky: nothing un-fires)', async () => {
    const k = await enterpriseCase();
    await notice(k.gid, [{ kind: 'FINE', amountFen: 6_000_000 }]);
    await notice(k.gid, [{ kind: 'FINE', amountFen: 5_500_000 }]);
    expect((await required(k.gid)).map((t) => t.amountFen)).toEqual([6_000_000]);
    // Heavier only on new facts (第45条第2款), which core requires to be stated.
    await notice(k.gid, [{ kind: 'FINE', amountFen: 7_000_000 }], { newFacts: '查明另有违法所得' });
    expect((await required(k.gid)).map((t) => t.amountFen)).toEqual([7_000_000, 6_000_000]);
    const events = await p().event.findMany({ where: { caseId: k.id, topic: 'economicImpact.triggerFired' } });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.enterpriseId === null && e.agencyId === w.agencyA.id)).toBe(true);
  });

  it('a natural person’s case fires nothing', async () => {
    const k = await directCase(w, null);
    await notice(k.gid, [{ kind: 'FINE', amountFen: 90_000_000 }, { kind: 'REVOKE_LICENCE' }]);
    expect(await p().impactTrigger.count({ where: { caseId: k.id } })).toBe(0);
  });
});

describe('the party', () => {
  const open = async (enterpriseId: number) => {
    const res = await w.h.gql(
      OPEN,
      {
        input: {
          agencyId: w.agencyA.gid,
          matterId: matterGid,
          enterpriseId: gid('Enterprise', enterpriseId),
          violationOn: today(),
        },
      },
      w.tokens.officerA,
    );
    return res.data.openCase.data.id as string;
  };

  it('a case opened against a key enterprise or a cooperative fires; against a plain company nothing', async () => {
    const key = await open((await createEnterprise(p(), { isKeyEnterprise: true })).id);
    expect(await required(key)).toMatchObject([{ kind: 'KEY_ENTERPRISE', source: 'PARTY' }]);
    const coop = await open((await createEnterprise(p(), { kind: 'FARMERS_COOPERATIVE' })).id);
    expect(await required(coop)).toMatchObject([{ kind: 'COOPERATIVE', source: 'PARTY' }]);
    const plain = await open((await createEnterprise(p())).id);
    expect(await required(plain)).toEqual([]);
  });

  it('an enterprise made a key enterprise: its undecided cases fire, its decided ones do not', async () => {
    const e = w.enterprise;
    const undecided = await directCase(w, e.id);
    const decided = await directCase(w, e.id);
    await p().enforcementCase.update({ where: { id: decided.id }, data: { stage: 'DECIDED', decision: 'PENALTY' } });
    const UPDATE = `mutation($id: ID!, $input: EnterpriseInput!) { updateEnterprise(id: $id, input: $input) { ${ERR} } }`;
    const input = (isKeyEnterprise: boolean) => ({
      uscc: e.uscc,
      name: e.name,
      kind: 'COMPANY',
      legalRepresentative: '王某',
      address: '阜宁县益林镇',
      townshipId: w.township.gid,
      industry: '食品',
      scale: 'SMALL',
      employees: 12,
      isKeyEnterprise,
      creditRiskClass: 'B',
    });
    const res = await w.h.gql(UPDATE, { id: e.gid, input: input(true) }, w.tokens.officerA);
    expect(res.data.updateEnterprise.__typename).toBe('MutationUpdateEnterpriseSuccess');
    expect(await required(undecided.gid)).toMatchObject([{ kind: 'KEY_ENTERPRISE', source: 'PARTY' }]);
    expect(await required(decided.gid)).toEqual([]);
    // Updated again (still a key enterprise), then no longer one: nothing more, nothing un-fires.
    await w.h.gql(UPDATE, { id: e.gid, input: input(true) }, w.tokens.officerA);
    await w.h.gql(UPDATE, { id: e.gid, input: input(false) }, w.tokens.officerA);
    expect(await required(undecided.gid)).toHaveLength(1);
  });
});

describe('compulsory measures (行政强制法 第9条)', () => {
  const measure = (caseGid: string, over: Record<string, unknown>) =>
    w.h.gql(
      MEASURE,
      {
        caseId: caseGid,
        input: {
          kind: 'SEAL_UP',
          object: '生产线 2 条',
          officerIds: [w.people.officerA.gid, w.officerA2.gid],
          ...over,
        },
      },
      w.tokens.officerA,
    );

  it('查封 / 扣押 of production equipment fires and flags it for the supervisors; other objects fire nothing', async () => {
    const k = await enterpriseCase();
    const sealed = await measure(k.gid, { isProductionEquipment: true });
    expect(sealed.data.recordCompulsoryMeasure.__typename, JSON.stringify(sealed)).toBe(
      'MutationRecordCompulsoryMeasureSuccess',
    );
    const seized = await measure(k.gid, { kind: 'SEIZURE', object: '库存原料', isProductionEquipment: true });
    await measure(k.gid, { kind: 'SEIZURE', object: '过期食品 3 箱', isProductionEquipment: false });
    const got = await required(k.gid);
    expect(got.map((t) => [t.kind, t.source])).toEqual([
      ['PRODUCTION_MEASURE', 'MEASURE'],
      ['PRODUCTION_MEASURE', 'MEASURE'],
    ]);
    const flags = await p().event.findMany({
      where: { topic: 'economicImpact.highImpactFlagged', payload: { path: ['caseId'], equals: k.id } },
      orderBy: { id: 'asc' },
    });
    expect(flags.map((f) => [f.agencyId, f.caseId, (f.payload as GqlJson).reason])).toEqual([
      [null, null, 'PRODUCTION_MEASURE'],
      [null, null, 'PRODUCTION_MEASURE'],
    ]);
    expect((flags[1].payload as GqlJson).measureId).toBe(
      Number(
        Buffer.from(seized.data.recordCompulsoryMeasure.data.id as string, 'base64')
          .toString()
          .split(':')[1],
      ),
    );
  });

  it('冻结 is not a production measure, whatever its object', () => {
    expect(measureTriggers({ id: 1, kind: 'FREEZE', isProductionEquipment: true }, DEFAULT_RULES)).toEqual([]);
    expect(measureTriggers({ id: 1, kind: 'SEAL_UP', isProductionEquipment: true }, DEFAULT_RULES)).toHaveLength(1);
  });
});

describe('declareImpactRisk', () => {
  it('an officer of the case declares a risk; declared again, nothing new; its reason carries the note', async () => {
    const k = await enterpriseCase();
    const vars = { caseId: k.gid, kind: 'SUPPLY_CHAIN_RISK', note: '该企业为县内唯一饲料供应商' };
    const first = await w.h.gql(DECLARE, vars, w.tokens.officerA);
    const t = expectTyped(first.data.declareImpactRisk, 'MutationDeclareImpactRiskSuccess').data;
    expect(t).toMatchObject({ kind: 'SUPPLY_CHAIN_RISK', source: 'DECLARATION', note: vars.note });
    expect(t.reason).toContain('该企业为县内唯一饲料供应商');
    const again = await w.h.gql(DECLARE, { ...vars, note: '再次申报' }, w.more.officerA2);
    expect(again.data.declareImpactRisk.data.id).toBe(t.id);
    expect(await p().impactTrigger.count({ where: { caseId: k.id } })).toBe(1);
  });

  it('refusals write nothing: a kind that is not declared, a natural person, a decided case, not the case’s officer', async () => {
    const k = await enterpriseCase();
    const person = await directCase(w, null);
    const decided = await enterpriseCase();
    await p().enforcementCase.update({ where: { id: decided.id }, data: { stage: 'DECIDED', decision: 'PENALTY' } });
    const before = await p().impactTrigger.count();
    const declare = (caseId: string, kind: string, token = w.tokens.officerA) =>
      w.h.gql(DECLARE, { caseId, kind, note: '停产风险' }, token).then((r) => r.data.declareImpactRisk);
    expectTyped(await declare(k.gid, 'LARGE_FINE'), 'ValidationError', { code: 'VALIDATION_FAILED' });
    expectTyped(await declare(person.gid, 'STOPPAGE_RISK'), 'RuleViolation', {
      rule: 'IMPACT_NOT_ENTERPRISE',
      zh: '任务7',
      en: 'task 7',
    });
    expectTyped(await declare(decided.gid, 'STOPPAGE_RISK'), 'RuleViolation', { rule: 'IMPACT_CASE_DECIDED' });
    expectTyped(await declare(k.gid, 'STOPPAGE_RISK', w.more.headA), 'ForbiddenError');
    expectTyped(await declare(k.gid, 'STOPPAGE_RISK', w.tokens.officerB), 'NotFoundError');
    expect(await p().impactTrigger.count()).toBe(before);
  });
});

describe('exemptions (重大风险隐患、制假售假、危害人身安全)', () => {
  const RECORD = `mutation($caseId: ID!, $ground: ImpactExemptionGround!, $reason: String!) {
    recordImpactExemption(caseId: $caseId, ground: $ground, reason: $reason) { ${ERR}
      ... on MutationRecordImpactExemptionSuccess { data { ground reason recordedBy case { number } } } } }`;
  const WITHDRAW = `mutation($caseId: ID!) { withdrawImpactExemption(caseId: $caseId) { ${ERR}
    ... on MutationWithdrawImpactExemptionSuccess { data { impactExemption { ground } } } } }`;
  const EXEMPTION = `query($id: ID!) { case(id: $id) { impactExemption { ground reason recordedBy } } }`;
  const record = (caseId: string, token = w.more.headA) =>
    w.h
      .gql(RECORD, { caseId, ground: 'COUNTERFEIT', reason: '生产销售假冒注册商标的食品' }, token)
      .then((r) => r.data.recordImpactExemption);
  const withdraw = (caseId: string, token = w.more.headA) =>
    w.h.gql(WITHDRAW, { caseId }, token).then((r) => r.data.withdrawImpactExemption);

  it('the head records one with its reason, the staff see it; a second is refused; withdrawn, then none to withdraw', async () => {
    const k = await enterpriseCase();
    const rec = expectTyped(await record(k.gid), 'MutationRecordImpactExemptionSuccess');
    expect(rec.data).toMatchObject({ ground: 'COUNTERFEIT', reason: '生产销售假冒注册商标的食品' });
    const seen = await w.h.gql(EXEMPTION, { id: k.gid }, w.tokens.officerA);
    expect(seen.data.case.impactExemption).toMatchObject({ ground: 'COUNTERFEIT' });
    expectTyped(await record(k.gid), 'RuleViolation', { rule: 'IMPACT_EXEMPTION_EXISTS', zh: '任务7', en: 'task 7' });
    expect(expectTyped(await withdraw(k.gid), 'MutationWithdrawImpactExemptionSuccess').data).toEqual({
      impactExemption: null,
    });
    expectTyped(await withdraw(k.gid), 'RuleViolation', { rule: 'IMPACT_EXEMPTION_MISSING' });
    const topics = (await p().event.findMany({ where: { caseId: k.id }, orderBy: { id: 'asc' } })).map((e) => e.topic);
    expect(topics).toEqual(['economicImpact.exemptionRecorded', 'economicImpact.exemptionWithdrawn']);
  });

  it('refusals write nothing: an officer, another agency’s head, a natural person, a decided case', async () => {
    const k = await enterpriseCase();
    const person = await directCase(w, null);
    const decided = await enterpriseCase();
    await p().enforcementCase.update({ where: { id: decided.id }, data: { stage: 'DECIDED', decision: 'PENALTY' } });
    expectTyped(await record(k.gid, w.tokens.officerA), 'ForbiddenError');
    expectTyped(await record(k.gid, w.more.headB), 'NotFoundError');
    expectTyped(await record(person.gid), 'RuleViolation', { rule: 'IMPACT_NOT_ENTERPRISE' });
    expectTyped(await record(decided.gid), 'RuleViolation', { rule: 'IMPACT_CASE_DECIDED', zh: '已作出决定' });
    expectTyped(await withdraw(decided.gid), 'RuleViolation', { rule: 'IMPACT_CASE_DECIDED' });
    expect(await p().impactExemption.count({ where: { caseId: { in: [k.id, person.id, decided.id] } } })).toBe(0);
  });
});

describe('who sees the triggers', () => {
  it('the agency’s staff and supervisors; never the enterprise', async () => {
    const e = await createEnterprise(p(), { isKeyEnterprise: true });
    const k = await directCase(w, e.id);
    await notice(k.gid, [{ kind: 'FINE', amountFen: 5_000_000 }]);
    expect(await required(k.gid, w.tokens.supervisor)).toHaveLength(1);
    expect(await required(k.gid, w.more.reviewerA)).toHaveLength(1);
    const party = await w.h.gql(REQUIRED, { id: k.gid }, w.h.token(`enterprise:${e.id}`));
    expect(party.data.case.impactAssessmentRequired).toBeNull();
    expect(party.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('batched', () => {
  it('a page of cases with their triggers and exemptions costs the same statements for 2 cases as for 20', async () => {
    for (let i = 0; i < 20; i++) {
      const k = await enterpriseCase({ isKeyEnterprise: i % 2 === 0 });
      await notice(k.gid, [{ kind: 'FINE', amountFen: 5_000_000 + i }]);
    }
    const LIST = `query($first: Int!) { cases(first: $first) { edges { node { number
      impactAssessmentRequired(first: 10) { totalCount edges { node { kind reason amountFen } } }
      impactExemption { ground reason } } } } }`;
    const page = (first: number) =>
      countStatements(w.h, async () => {
        const res = await w.h.gql(LIST, { first }, w.tokens.officerA);
        expect(res.errors).toBeUndefined();
        return res.data.cases.edges as GqlJson[];
      });
    const two = await page(2);
    const twenty = await page(20);
    expect(twenty.result).toHaveLength(20);
    expect(twenty.result.some((e) => e.node.impactAssessmentRequired.totalCount > 0)).toBe(true);
    expect(twenty.count).toBe(two.count);
    // Measured: one statement (the cases with their triggers and exemption joined in), whatever the page size.
    expect(twenty.count).toBeLessThanOrEqual(2);
  });
});

describe('rules versions', () => {
  it('a trigger the rules in force leave out does not fire; the version is recorded with each trigger', async () => {
    const UPDATE = `mutation($i: ImpactRulesInput!) { updateImpactRules(input: $i) { ${ERR} } }`;
    const rules = (enabledTriggers: string[]) => ({
      organisationThresholdFen: 5_000_000,
      individualBusinessThresholdFen: 500_000,
      enabledTriggers,
      weights: Object.entries(DEFAULT_RULES.weights).map(([dimension, v]) => ({ dimension, weight: v / 10_000 })),
      mediumFrom: DEFAULT_RULES.mediumFrom,
      highFrom: DEFAULT_RULES.highFrom,
      severeFrom: DEFAULT_RULES.severeFrom,
      reason: '测试：暂停罚款触发',
    });
    const withoutFine = DEFAULT_RULES.enabledTriggers.filter((k) => k !== 'LARGE_FINE' && k !== 'PUBLIC_OPINION_RISK');
    const res = await w.h.gql(UPDATE, { i: rules(withoutFine) }, w.tokens.supervisor);
    expect(res.data.updateImpactRules.__typename, JSON.stringify(res)).toBe('MutationUpdateImpactRulesSuccess');
    try {
      const k = await enterpriseCase();
      await notice(k.gid, [
        { kind: 'FINE', amountFen: 9_000_000 },
        { kind: 'CONFISCATE_GAINS', amountFen: 5_000_000 },
      ]);
      expect(await required(k.gid)).toMatchObject([{ kind: 'LARGE_CONFISCATION', rulesVersion: 2 }]);
      const declared = await w.h.gql(
        DECLARE,
        { caseId: k.gid, kind: 'STOPPAGE_RISK', note: '停产风险' },
        w.tokens.officerA,
      );
      expect(declared.data.declareImpactRisk.data).toMatchObject({ rulesVersion: 2 });
      // A risk the rules in force leave out is not declared (and nothing is written).
      const left = await w.h.gql(
        DECLARE,
        { caseId: k.gid, kind: 'PUBLIC_OPINION_RISK', note: '舆情风险' },
        w.tokens.officerA,
      );
      expectTyped(left.data.declareImpactRisk, 'ValidationError', { zh: '现行评估规则', en: 'rules in force' });
      expect(await p().impactTrigger.count({ where: { caseId: k.id } })).toBe(2);
    } finally {
      await w.h.gql(UPDATE, { i: rules([...DEFAULT_RULES.enabledTriggers]) }, w.tokens.supervisor);
    }
  });
});

describe('catchUpImpactTriggersInTx', () => {
  it('records what the facts of cases written before the plugin fire, once', async () => {
    const e = await createEnterprise(p(), { kind: 'FARMERS_COOPERATIVE' });
    const k = await directCase(w, e.id);
    await p().caseStep.create({
      data: {
        caseId: k.id,
        kind: 'NOTICE',
        on: shanghaiToday(new Date()),
        actor: 'system:test',
        proposal: {
          penalties: [{ kind: 'FINE', amountFen: '5000000' }],
          hearingOffered: true,
          hearingThresholdFen: '0',
        },
      },
    });
    const run = () =>
      unitOfWork(
        {
          prisma: p(),
          viewer: { kind: 'system', name: 'economic-impact catch-up' },
          guards: new CaseGuards(),
          settings: testSettings(),
          clock: () => new Date(),
        },
        (uow) => catchUpImpactTriggersInTx(uow, { limit: 1000 }),
        { silent: 'test: a catch-up that may find nothing' },
      );
    const first = await run();
    expect(first.recorded).toBeGreaterThanOrEqual(2);
    expect((await required(k.gid)).map((t) => t.kind).sort()).toEqual(['COOPERATIVE', 'LARGE_FINE']);
    expect((await run()).recorded).toBe(0);
  });
});

describe('statistics', () => {
  it('the trigger rollup counts every trigger recorded, by kind (each grain, for the agencies and for the county)', async () => {
    const recorded = await p().impactTrigger.groupBy({
      by: ['kind'],
      _count: { _all: true },
      orderBy: { kind: 'asc' },
    });
    expect(recorded.length).toBeGreaterThan(5);
    const expected = Object.fromEntries(recorded.map((r) => [r.kind, r._count._all]));
    for (const grain of ['D', 'M', 'Y'])
      for (const county of [true, false]) {
        const rolled = await p().impactStatsRollup.groupBy({
          by: ['key'],
          where: { metric: 'trigger', grain, agencyId: county ? 0 : { not: 0 } },
          _sum: { count: true },
          orderBy: { key: 'asc' },
        });
        expect(Object.fromEntries(rolled.map((r) => [r.key, r._sum.count])), `${grain} ${county}`).toEqual(expected);
      }
  });
});
