// The legal edges of a case against its matter, each at its boundary through yoga.fetch (issue 17 items
// 7, 8, 10, 11 and the missing outcomes): 第36条's facts of the case and 发现; the fallback fine range of a
// matter fining by multiples of gains; 并处; the 裁量基准 tiers (and their default band); 移送司法机关; the
// 90-day time limit, its extensions (市场监督管理行政处罚程序规定 第64条) and the time not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createMatter, ERR, gid, rowCounts, type Harness } from '@zhifa/testkit';
import { addYears, shanghaiToday } from '@zhifa/core/time';
import {
  directCase,
  expectError,
  OPEN_CASE,
  readyToDecide,
  seedCounty,
  shanghaiDay,
  type County,
} from './case-fixtures.js';

let h: Harness;
let c: County;
beforeAll(async () => {
  h = await createHarness();
  c = await seedCounty(h);
});
afterAll(() => h?.close());

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const today = () => shanghaiToday(new Date());

const DECIDE = `mutation($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { ${ERR}
  ... on MutationDecideCaseSuccess { data { stage decision decisionNumber fineFen aggravatingFactor transferredTo transferDocumentNumber } } } }`;

/** A case on `matterId` in legal review, its notice covering any decision: ready for the head to decide. */
async function decidable(matterId: number, deadlineOn: Date | null = null) {
  const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'REGISTERED', { matterId });
  if (deadlineOn) await h.db.prisma.enforcementCase.update({ where: { id: k.id }, data: { deadlineOn } });
  await readyToDecide(h, k.id);
  return { id: k.id, caseId: gid('EnforcementCase', k.id) };
}

async function decide(matterId: number, input: Record<string, unknown>, deadlineOn: Date | null = null) {
  const k = await decidable(matterId, deadlineOn);
  const res = await h.gql(DECIDE, { caseId: k.caseId, input }, c.tokens.head);
  expect(res.errors).toBeUndefined();
  return { k, r: res.data.decideCase };
}

const fine = (amountFen: number, more: Record<string, unknown>[] = []) => [{ kind: 'FINE', amountFen }, ...more];

describe('第36条: the limitation is a fact of the case and stops at 发现', () => {
  const open = (over: Record<string, unknown>) =>
    h.gql(
      OPEN_CASE.replace('data { id number stage', 'data { id number stage discoveredOn limitationYears'),
      {
        input: {
          agencyId: gid('Agency', c.market.id),
          matterId: gid('EnforcementMatter', c.matters.licence.id),
          enterpriseId: gid('Enterprise', c.shop.id),
          ...over,
        },
      },
      c.tokens.o1,
    );

  it('discovered on the last day of the two years: registered later still; discovered the next day: barred', async () => {
    const violationOn = addYears(today(), -3);
    const last = addYears(violationOn, 2);
    const ok = await open({ violationOn: iso(violationOn), discoveredOn: iso(last) });
    expect(ok.data.openCase.data).toMatchObject({ discoveredOn: iso(last), limitationYears: 2 });
    const barred = await open({ violationOn: iso(violationOn), discoveredOn: iso(new Date(last.getTime() + DAY)) });
    expectError(barred.data.openCase, 'RuleViolation', { rule: 'CASE_TIME_BARRED', zh: ['第36条', '发现'] });
    // Without a discovery day, the registration day counts (as before).
    expect((await open({ violationOn: iso(violationOn) })).data.openCase.__typename).toBe('RuleViolation');
  });

  it('five years only where safety was endangered AND harm followed — facts of the case, the matter the default', async () => {
    const violationOn = iso(new Date(addYears(today(), -2).getTime() - DAY)); // one day past two years
    const food = gid('EnforcementMatter', c.matters.food.id);
    // The food matter's 5 years presume both facts…
    const byDefault = await open({ matterId: food, violationOn });
    expect(byDefault.data.openCase.data.limitationYears).toBe(5);
    // …but no harm followed: two years, and the case is barred.
    const noHarm = await open({ matterId: food, violationOn, harmFollowed: false });
    expectError(noHarm.data.openCase, 'RuleViolation', { rule: 'CASE_TIME_BARRED', zh: '2 年' });
    // A 2-year matter whose case endangered safety with harm: five years.
    const both = await open({ violationOn, endangersSafety: true, harmFollowed: true });
    expect(both.data.openCase.data.limitationYears).toBe(5);
    const one = await open({ violationOn, endangersSafety: true });
    expectError(one.data.openCase, 'RuleViolation', { rule: 'CASE_TIME_BARRED' });
  });

  it('a discovery day before the violation or after today is refused, writing nothing', async () => {
    const before = await rowCounts(h.db.prisma);
    const early = await open({ violationOn: shanghaiDay(-5), discoveredOn: shanghaiDay(-6) });
    expectError(early.data.openCase, 'ValidationError', { zh: '不能早于违法行为', en: 'before it happened' });
    const late = await open({ violationOn: shanghaiDay(-5), discoveredOn: shanghaiDay(1) });
    expectError(late.data.openCase, 'ValidationError', { zh: '不能晚于今天' });
    expect(await rowCounts(h.db.prisma)).toEqual(before);
  });
});

describe('fines by multiples of illegal gains: the provision’s fallback range (item 8)', () => {
  it('no gains and no fallback range: no lawful maximum, refused; gains established: the multiple', async () => {
    const m = await createMatter(h.db.prisma, {
      penaltyKinds: ['FINE', 'CONFISCATE_GAINS'],
      fineMaxFen: null,
      gainsMultipleMin: 1,
      gainsMultipleMax: 5,
      penaltyProvision: '《某条例》第三十条（违法所得一倍以上五倍以下罚款）',
    });
    const { r: none } = await decide(m.id, { decision: 'PENALTY', penalties: fine(100_000) });
    expectError(none, 'RuleViolation', {
      rule: 'FINE_RANGE_UNDETERMINED',
      zh: ['第4条', '违法所得'],
      en: 'no lawful maximum',
    });
    const { r: zero } = await decide(m.id, { decision: 'PENALTY', penalties: fine(100_000), illegalGainsFen: 0 });
    expect(zero.rule).toBe('FINE_RANGE_UNDETERMINED');
    const { r: ok } = await decide(m.id, { decision: 'PENALTY', penalties: fine(500_000), illegalGainsFen: 100_000 });
    expect(ok.data.fineFen).toBe(500_000);
  });

  it('违法所得不足一万元的 the amount range applies: ¥9,999.99 of gains takes it, ¥10,000 the multiple', async () => {
    const m = await createMatter(h.db.prisma, {
      penaltyKinds: ['FINE', 'CONFISCATE_GAINS'],
      fineMaxFen: 5_000_000n, // 并处五万元以下罚款
      gainsMultipleMin: 1,
      gainsMultipleMax: 5,
      fallbackBelowFen: 1_000_000n,
    });
    // Below the threshold: up to ¥50,000 whatever the gains.
    const below = await decide(m.id, { decision: 'PENALTY', penalties: fine(5_000_000), illegalGainsFen: 999_999 });
    expect(below.r.data.fineFen).toBe(5_000_000);
    const over = await decide(m.id, { decision: 'PENALTY', penalties: fine(5_000_001), illegalGainsFen: 999_999 });
    expect(over.r.rule).toBe('FINE_ABOVE_MAXIMUM');
    // At the threshold: five times ¥10,000.
    const at = await decide(m.id, { decision: 'PENALTY', penalties: fine(5_000_000), illegalGainsFen: 1_000_000 });
    expect(at.r.data.fineFen).toBe(5_000_000);
    const atOver = await decide(m.id, { decision: 'PENALTY', penalties: fine(5_000_001), illegalGainsFen: 1_000_000 });
    expectError(atOver.r, 'RuleViolation', { rule: 'FINE_ABOVE_MAXIMUM', zh: '倍' });
  });
});

describe('并处: kinds a provision imposes together', () => {
  it('处…罚款: a warning alone is refused, with the fine allowed; 减轻 may leave it out', async () => {
    const m = await createMatter(h.db.prisma, { penaltyKinds: ['WARNING', 'FINE'], mandatoryKinds: ['FINE'] });
    const alone = await decide(m.id, { decision: 'PENALTY', penalties: [{ kind: 'WARNING' }] });
    expectError(alone.r, 'RuleViolation', { rule: 'MISSING_JOINT_PENALTY', zh: ['罚款', '第4条'], en: 'FINE' });
    const both = await decide(m.id, { decision: 'PENALTY', penalties: fine(100_000, [{ kind: 'WARNING' }]) });
    expect(both.r.data.decision).toBe('PENALTY');
    const mitigated = await decide(m.id, {
      decision: 'MITIGATED',
      mitigatingCircumstance: '主动消除违法行为危害后果',
      penalties: [{ kind: 'WARNING' }],
    });
    expect(mitigated.r.data.decision).toBe('MITIGATED');
  });

  it('没收违法所得，并处罚款: confiscating alone is refused', async () => {
    const m = await createMatter(h.db.prisma, {
      penaltyKinds: ['FINE', 'CONFISCATE_GAINS'],
      mandatoryKinds: ['CONFISCATE_GAINS', 'FINE'],
    });
    const alone = await decide(m.id, {
      decision: 'PENALTY',
      penalties: [{ kind: 'CONFISCATE_GAINS', amountFen: 50_000 }],
    });
    expect(alone.r.rule).toBe('MISSING_JOINT_PENALTY');
    const both = await decide(m.id, {
      decision: 'PENALTY',
      penalties: fine(100_000, [{ kind: 'CONFISCATE_GAINS', amountFen: 50_000 }]),
    });
    expect(both.r.data.decision).toBe('PENALTY');
  });

  it('处警告或者罚款: at least one of the alternatives', async () => {
    const m = await createMatter(h.db.prisma, {
      penaltyKinds: ['WARNING', 'FINE'],
      alternativeKinds: ['WARNING', 'FINE'],
    });
    const neither = await decide(m.id, {
      decision: 'PENALTY',
      penalties: [{ kind: 'CONFISCATE_GAINS', amountFen: 50_000 }],
    });
    expectError(neither.r, 'RuleViolation', { rule: 'MISSING_JOINT_PENALTY', zh: '或者' });
    const warning = await decide(m.id, { decision: 'PENALTY', penalties: [{ kind: 'WARNING' }] });
    expect(warning.r.data.decision).toBe('PENALTY');
  });
});

describe('裁量基准 (第34条): a decision lies in its tier', () => {
  it('without a benchmark, 从轻 lies in the lowest 30 % (the setting): ¥9,000 of ¥30,000 allowed, ¥9,000.01 refused', async () => {
    const lighter = (amountFen: number) =>
      decide(c.matters.licence.id, {
        decision: 'LIGHTER',
        mitigatingCircumstance: '主动供述',
        penalties: fine(amountFen),
      });
    expect((await lighter(900_000)).r.data.fineFen).toBe(900_000);
    expectError((await lighter(900_001)).r, 'RuleViolation', {
      rule: 'DISCRETION_FINE_OUTSIDE_TIER',
      zh: ['从轻', '第34条', '30%'],
      en: 'lighter',
    });
    // A plain penalty is not bounded by default.
    expect(
      (await decide(c.matters.licence.id, { decision: 'PENALTY', penalties: fine(3_000_000) })).r.data.fineFen,
    ).toBe(3_000_000);
  });

  const benchmark = [
    {
      tier: 'LIGHTER',
      fineMinFen: null,
      fineMaxFen: '600000',
      penaltyKinds: ['FINE' as const],
      circumstances: '主动消除危害后果',
    },
    { tier: 'GENERAL', fineMinFen: '600000', fineMaxFen: '2100000', penaltyKinds: [], circumstances: '' },
    { tier: 'HEAVIER', fineMinFen: '2100000', fineMaxFen: '3000000', penaltyKinds: [], circumstances: '拒不改正' },
  ];

  it('a PENALTY in the general tier; above it only with its 从重 circumstance, and then in the 从重 tier', async () => {
    const m = await createMatter(h.db.prisma, { benchmark });
    const penalty = (amountFen: number, aggravatingFactor?: string) =>
      decide(m.id, { decision: 'PENALTY', penalties: fine(amountFen), aggravatingFactor });
    expect((await penalty(2_100_000)).r.data.fineFen).toBe(2_100_000);
    expectError((await penalty(2_100_001)).r, 'RuleViolation', {
      rule: 'DISCRETION_FINE_OUTSIDE_TIER',
      zh: ['一般处罚', '从重情形'],
    });
    expectError((await penalty(599_999)).r, 'RuleViolation', { rule: 'DISCRETION_FINE_OUTSIDE_TIER' });
    const heavier = await penalty(2_100_001, '经责令改正拒不改正');
    expect(heavier.r.data).toMatchObject({ fineFen: 2_100_001, aggravatingFactor: '经责令改正拒不改正' });
    expectError((await penalty(2_099_999, '经责令改正拒不改正')).r, 'RuleViolation', {
      rule: 'DISCRETION_FINE_OUTSIDE_TIER',
      zh: '从重处罚',
    });
  });

  it('a LIGHTER decision lies in the 从轻 tier, with its kinds; an aggravating circumstance belongs to a PENALTY only', async () => {
    const m = await createMatter(h.db.prisma, { benchmark });
    const lighter = (penalties: Record<string, unknown>[], more: Record<string, unknown> = {}) =>
      decide(m.id, { decision: 'LIGHTER', mitigatingCircumstance: '主动供述', penalties, ...more });
    expect((await lighter(fine(600_000))).r.data.fineFen).toBe(600_000);
    expect((await lighter(fine(600_001))).r.rule).toBe('DISCRETION_FINE_OUTSIDE_TIER');
    expectError((await lighter(fine(100_000, [{ kind: 'WARNING' }]))).r, 'RuleViolation', {
      rule: 'DISCRETION_KIND_OUTSIDE_TIER',
      zh: '警告',
    });
    expect((await lighter(fine(100_000), { aggravatingFactor: '拒不改正' })).r.rule).toBe(
      'DISCRETION_AGGRAVATING_ONLY_FOR_PENALTY',
    );
  });
});

describe('移送司法机关 (第27条, 第57条第1款第四项)', () => {
  it('names the receiving body and document, imposes nothing, takes no decision number, and is counted apart', async () => {
    const before = await h.db.prisma.documentSequence.findMany();
    const bare = await decide(c.matters.licence.id, { decision: 'TRANSFERRED', transferredTo: '阜宁县公安局' });
    expectError(bare.r, 'RuleViolation', { rule: 'CASE_TRANSFER_DETAILS', zh: ['移送书文号', '第27条'] });
    const fined = await decide(c.matters.licence.id, {
      decision: 'TRANSFERRED',
      transferredTo: '阜宁县公安局',
      transferDocumentNumber: '阜市监移〔2026〕1号',
      penalties: fine(100_000),
    });
    expect(fined.r.__typename).toBe('ValidationError');
    const ok = await decide(c.matters.licence.id, {
      decision: 'TRANSFERRED',
      transferredTo: '阜宁县公安局',
      transferDocumentNumber: '阜市监移〔2026〕1号',
    });
    expect(ok.r.data).toMatchObject({
      stage: 'DECIDED',
      decision: 'TRANSFERRED',
      decisionNumber: null,
      fineFen: null,
      transferredTo: '阜宁县公安局',
      transferDocumentNumber: '阜市监移〔2026〕1号',
    });
    expect(await h.db.prisma.documentSequence.findMany()).toEqual(before);
    // Transfer details on another decision are refused.
    const stray = await decide(c.matters.licence.id, {
      decision: 'PENALTY',
      penalties: fine(100_000),
      transferredTo: '阜宁县公安局',
    });
    expect(stray.r.rule).toBe('CASE_TRANSFER_DETAILS');
    const stats = await h.gql(
      `query($a: ID, $from: Date!, $to: Date!) { caseStats(agencyId: $a, from: $from, to: $to) {
        transferredCount totalFineFen byDecision { decision count } } }`,
      { a: gid('Agency', c.market.id), from: shanghaiDay(-1), to: shanghaiDay(0) },
      c.tokens.supervisor,
    );
    expect(stats.data.caseStats.transferredCount).toBe(1);
  });
});

describe('第60条: the time limit, its extensions and the time not counted', () => {
  const EXTEND = `mutation($caseId: ID!, $days: Int!, $reason: String!, $discussion: String) {
    extendCaseDeadline(caseId: $caseId, days: $days, reason: $reason, discussion: $discussion) { ${ERR}
      ... on MutationExtendCaseDeadlineSuccess { data { days discussion } } } }`;
  const SUSPEND = `mutation($caseId: ID!, $input: RecordDeadlineSuspensionInput!) { recordDeadlineSuspension(caseId: $caseId, input: $input) { ${ERR}
    ... on MutationRecordDeadlineSuspensionSuccess { data { kind days suspendedFor case { deadline } } } } }`;
  const deadlineOf = async (id: number) =>
    iso((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id } })).deadlineOn!);

  it('a decision on the last day is accepted; the day after, refused', async () => {
    const onTime = await decide(c.matters.licence.id, { decision: 'PENALTY', penalties: fine(100_000) }, today());
    expect(onTime.r.data.decision).toBe('PENALTY');
    const late = await decide(
      c.matters.licence.id,
      { decision: 'PENALTY', penalties: fine(100_000) },
      new Date(today().getTime() - DAY),
    );
    expectError(late.r, 'RuleViolation', { rule: 'CASE_DECISION_OVERDUE', zh: ['第60条', '延长'], en: 'art. 60' });
  });

  it('the head extends once by 30 days (31 refused); further only after 集体讨论; after the limit ended, collectively too', async () => {
    const k = await decidable(c.matters.licence.id, new Date(today().getTime() + 3 * DAY));
    const extend = (days: number, discussion?: string) =>
      h.gql(EXTEND, { caseId: k.caseId, days, reason: '案情复杂，需补充鉴定', discussion }, c.tokens.head);
    expectError((await extend(31)).data.extendCaseDeadline, 'RuleViolation', {
      rule: 'CASE_EXTENSION_TOO_LONG',
      zh: ['第64条', '30 日'],
    });
    expect((await extend(30)).data.extendCaseDeadline.data.days).toBe(30);
    expect(await deadlineOf(k.id)).toBe(iso(new Date(today().getTime() + 33 * DAY)));
    expectError((await extend(10)).data.extendCaseDeadline, 'RuleViolation', {
      rule: 'CASE_EXTENSION_NEEDS_DISCUSSION',
      zh: '集体讨论',
    });
    const discussed = await extend(60, '局长办公会集体讨论，同意继续延期六十日');
    expect(discussed.data.extendCaseDeadline.data).toMatchObject({
      days: 60,
      discussion: '局长办公会集体讨论，同意继续延期六十日',
    });
    expect(await deadlineOf(k.id)).toBe(iso(new Date(today().getTime() + 93 * DAY)));

    const expired = await decidable(c.matters.licence.id, new Date(today().getTime() - DAY));
    const alone = await h.gql(EXTEND, { caseId: expired.caseId, days: 10, reason: '需鉴定' }, c.tokens.head);
    expectError(alone.data.extendCaseDeadline, 'RuleViolation', {
      rule: 'CASE_EXTENSION_NEEDS_DISCUSSION',
      zh: '届满',
    });
    const revived = await h.gql(
      EXTEND,
      { caseId: expired.caseId, days: 10, reason: '需鉴定', discussion: '集体讨论决定继续延期' },
      c.tokens.head,
    );
    expect(revived.data.extendCaseDeadline.data.days).toBe(10);
    // Decided within the extended limit; caseStats counts the extensions of the decided cases.
    expect(
      (
        await h.gql(
          DECIDE,
          { caseId: expired.caseId, input: { decision: 'PENALTY', penalties: fine(100_000) } },
          c.tokens.head,
        )
      ).data.decideCase.data.decision,
    ).toBe('PENALTY');
    const stats = await h.gql(
      `query($a: ID, $from: Date!, $to: Date!) { caseStats(agencyId: $a, from: $from, to: $to) { extendedCount extensionCount } }`,
      { a: gid('Agency', c.market.id), from: shanghaiDay(-1), to: shanghaiDay(0) },
      c.tokens.supervisor,
    );
    expect(stats.data.caseStats).toEqual({ extendedCount: 1, extensionCount: 1 });
  });

  it('听证、鉴定、公告 time is not counted: it moves the last day; it starts on the last day at the latest', async () => {
    const k = await decidable(c.matters.licence.id, today());
    const suspend = (on: string, days: number) =>
      h.gql(
        SUSPEND,
        { caseId: k.caseId, input: { on, days, reason: 'APPRAISAL', note: '委托产品质量检验' } },
        c.tokens.o1,
      );
    const ok = await suspend(shanghaiDay(0), 12);
    expect(ok.data.recordDeadlineSuspension.data).toMatchObject({
      kind: 'DEADLINE_SUSPENSION',
      days: 12,
      suspendedFor: 'APPRAISAL',
      case: { deadline: iso(new Date(today().getTime() + 12 * DAY)) },
    });
    const other = await decidable(c.matters.licence.id, new Date(today().getTime() - DAY));
    const late = await h.gql(
      SUSPEND,
      { caseId: other.caseId, input: { on: shanghaiDay(0), days: 5, reason: 'HEARING' } },
      c.tokens.o1,
    );
    expectError(late.data.recordDeadlineSuspension, 'RuleViolation', {
      rule: 'CASE_DECISION_OVERDUE',
      zh: '不能再扣除',
    });
    const head = await h.gql(
      SUSPEND,
      { caseId: k.caseId, input: { on: shanghaiDay(0), days: 5, reason: 'HEARING' } },
      c.tokens.reviewer,
    );
    expect(head.data.recordDeadlineSuspension.__typename).toBe('ForbiddenError');
  });
});
