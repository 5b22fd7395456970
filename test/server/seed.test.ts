// Demo data: the advertised counts, valid USCCs, every stage/status/class present, cases workable
// (two officers who may act today, from the case's agency), amounts that obey the decision rules,
// matters with their ranges and kinds, parties that fit, complete and ordered procedures, staffed
// agencies and justice offices, compulsory measures through their lifecycle, unique numbers,
// statistics that agree with the case list, determinism, reset; and the development helpers built on
// it (role tokens, API key, /dev/token).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SETTINGS, PluginSettings } from '@zhifa/core';
import { decideCaseInput } from '@zhifa/core/cases';
import type { PenaltyKind, PrismaClient } from '@zhifa/core/prisma';
import {
  canEnforce,
  checkUscc,
  decisionInputIssues,
  decisionMatterRefusal,
  decisionProcedureRefusal,
  DEFAULT_EXTENSION_DAYS,
  decisionRefusal,
  DEFAULT_REVIEW_GRACE_UNTIL,
  discussionRefusal,
  caseExtensionRefusal,
  hearingNoticeRefusal,
  hearingRefusal,
  hearingRequestRefusal,
  hearingThresholdFen,
  isPenalty,
  legalReviewRefusal,
  limitationRefusal,
  noticeRefusal,
  presidingOfficerRefusal,
  matterProblems,
  readBenchmark,
  measureDueOn,
  partyIsNaturalPerson,
  procedureState,
  reviewGateRefusal,
  serviceRefusal,
  statementRefusal,
  type HearingNoticeFacts,
  type NoticeFacts,
  type StepFacts,
} from '@zhifa/core/rules';
import { shanghaiToday, shanghaiYear, startOfShanghaiDay } from '@zhifa/core/time';
import { createApp, openDatabase, resolveViewer, signToken, type Database } from '@zhifa/server';
import { freshDatabaseTarget, type GqlJson } from '@zhifa/testkit';
import {
  clearDatabase,
  DEMO_COUNTS,
  DEMO_META_KEY,
  isEmptyDatabase,
  seedDemoData,
} from '../../packages/server/src/seed/index.js';
import { offersHearing, STAGE_MIX } from '../../packages/server/src/seed/cases.js';
import { demoMatters, ENFORCEMENT_AGENCIES, partyFits } from '../../packages/server/src/seed/names.js';
import { createSurveyApiKey, DEV_ROLES, resolveSubject } from '../../packages/server/src/dev-tokens.js';

const SECRET = 'seed-test-secret-0123456789abcdef';
let db: Database;
let drop: () => Promise<void>;
let prisma: PrismaClient;
const now = new Date();

beforeAll(async () => {
  const fresh = await freshDatabaseTarget();
  drop = fresh.drop;
  db = await openDatabase(fresh.target);
  prisma = db.prisma;
  expect(await isEmptyDatabase(prisma)).toBe(true);
  const started = Date.now();
  await seedDemoData(prisma, { now });
  // Its speed is the benchmarks' business (pnpm bench --only startup: a cold start with demo data); this prints it.
  if (process.env.ZHIFA_TEST_TIMING) console.log(`[seed] core demo data seeded in ${Date.now() - started} ms`);
});

afterAll(async () => {
  await db?.close();
  await drop?.();
});

describe('core demo data', () => {
  it('has the advertised counts and a demo marker', async () => {
    expect(await prisma.agency.count()).toBe(DEMO_COUNTS.agencies);
    expect(await prisma.person.count()).toBe(DEMO_COUNTS.people);
    expect(await prisma.enterprise.count()).toBe(DEMO_COUNTS.enterprises);
    expect(await prisma.enforcementCase.count()).toBe(DEMO_COUNTS.cases);
    const marker = await prisma.meta.findUniqueOrThrow({ where: { key: DEMO_META_KEY } });
    expect(new Date(marker.value).getTime()).toBe(now.getTime());
    const county = await prisma.agency.findFirstOrThrow({ where: { kind: 'COUNTY_GOVERNMENT' } });
    expect(county.name).toContain('阜宁县人民政府');
    expect(county.name).toContain('（演示）');
    expect(await isEmptyDatabase(prisma)).toBe(false);
  });

  it('has the county structure', async () => {
    const byKind = Object.fromEntries(
      (await prisma.agency.groupBy({ by: ['kind'], _count: true })).map((g) => [g.kind, g._count]),
    );
    expect(byKind).toMatchObject({
      COUNTY_GOVERNMENT: 1,
      JUSTICE_BUREAU: 1,
      ENFORCEMENT_AGENCY: 10,
      SUBDISTRICT: 2,
      TOWNSHIP: 14,
      MANAGEMENT_COMMITTEE: 2,
      JUSTICE_OFFICE: 16,
      SURVEY_ORGANISATION: 1,
    });
    const bureau = await prisma.agency.findFirstOrThrow({ where: { kind: 'JUSTICE_BUREAU' } });
    expect(await prisma.agency.count({ where: { kind: 'JUSTICE_OFFICE', parentId: bureau.id } })).toBe(16);
    for (const name of ['阜城街道', '益林镇', '施庄镇', '阜宁县市场监督管理局', '阜宁县综合行政执法局', '益林司法所'])
      expect(await prisma.agency.findUnique({ where: { name } }), name).not.toBeNull();
    const agencies = await prisma.agency.findMany({ where: { kind: 'ENFORCEMENT_AGENCY' } });
    for (const a of agencies) expect(a.domains.length, a.name).toBeGreaterThan(0);
  });

  it('gives every enterprise and agency a USCC that passes the GB 32100 check, in region 320923', async () => {
    const codes = [
      ...(await prisma.enterprise.findMany({ select: { uscc: true } })).map((e) => e.uscc),
      ...(await prisma.agency.findMany({ select: { uscc: true } })).map((a) => a.uscc!),
    ];
    expect(codes).toHaveLength(DEMO_COUNTS.enterprises + DEMO_COUNTS.agencies);
    for (const code of codes) {
      expect(checkUscc(code), code).toEqual({ valid: true });
      expect(code.slice(2, 8)).toBe('320923');
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('covers every credit class, kind and scale, across the townships', async () => {
    const distinct = async (by: 'creditRiskClass' | 'kind' | 'scale') =>
      (await prisma.enterprise.groupBy({ by: [by], _count: true })).map((g) => g[by]).sort();
    expect(await distinct('creditRiskClass')).toEqual(['A', 'B', 'C', 'D']);
    expect(await distinct('kind')).toEqual(['COMPANY', 'FARMERS_COOPERATIVE', 'INDIVIDUAL_BUSINESS', 'OTHER']);
    expect(await distinct('scale')).toEqual(['LARGE', 'MEDIUM', 'MICRO', 'SMALL']);
    const townships = await prisma.enterprise.groupBy({ by: ['townshipId'], _count: true });
    expect(townships.length).toBe(16);
    expect(await prisma.enterprise.count({ where: { isKeyEnterprise: true } })).toBeGreaterThan(0);
  });

  it('has people in every certificate status, mostly able to act, and auxiliaries', async () => {
    const people = await prisma.person.findMany();
    const statuses = new Set(people.map((p) => p.certificateStatus).filter(Boolean));
    expect([...statuses].sort()).toEqual(['CANCELLED', 'EXPIRED', 'SUSPENDED', 'VALID', 'WITHDRAWN']);
    const officers = people.filter((p) => p.roles.includes('OFFICER'));
    const able = officers.filter((p) => canEnforce(p, now, DEFAULT_REVIEW_GRACE_UNTIL));
    expect(able.length / officers.length).toBeGreaterThan(0.75);
    expect(able.every((p) => p.certificateReviewYear === shanghaiYear(now))).toBe(true);
    // Marked valid, yet not usable: expired by date, or not reviewed this year.
    expect(
      officers.some((p) => p.certificateStatus === 'VALID' && !canEnforce(p, now, DEFAULT_REVIEW_GRACE_UNTIL)),
    ).toBe(true);
    const auxiliaries = people.filter((p) => p.roles.includes('AUXILIARY'));
    expect(auxiliaries.length).toBeGreaterThan(0);
    expect(auxiliaries.every((p) => p.certificateNumber === null)).toBe(true);
    for (const role of ['SYSTEM_ADMIN', 'SUPERVISOR', 'SPECIAL_SUPERVISOR', 'AGENCY_ADMIN'] as const)
      expect(
        people.some((p) => p.roles.includes(role)),
        role,
      ).toBe(true);
  });

  it('has cases in every stage, workable, with amounts that obey the decision rules', async () => {
    const cases = await prisma.enforcementCase.findMany({
      include: {
        officers: { include: { person: true } },
        compulsoryMeasures: true,
        matter: true,
        penalties: { orderBy: { id: 'asc' } },
        agency: true,
      },
    });
    const stages: Record<string, number> = {};
    for (const c of cases) stages[c.stage] = (stages[c.stage] ?? 0) + 1;
    expect(stages).toEqual(STAGE_MIX);
    const decisions = new Set(cases.map((c) => c.decision).filter(Boolean));
    expect([...decisions].sort()).toEqual(['DROPPED', 'LIGHTER', 'MITIGATED', 'NO_PENALTY', 'PENALTY']);

    for (const c of cases) {
      const able = c.officers.filter(
        (o) => o.person.agencyId === c.agencyId && canEnforce(o.person, now, DEFAULT_REVIEW_GRACE_UNTIL),
      );
      expect(able.length, c.number).toBeGreaterThanOrEqual(2);
      expect(c.officers.length).toBe(able.length);
      expect(c.number).toMatch(new RegExp(`^${c.agency.documentPrefix}立〔\\d{4}〕\\d+号$`));
      // Opened on a published matter of the agency's domain, within its limitation period.
      expect(c.matter, c.number).not.toBeNull();
      expect(c.matter!.published).toBe(true);
      expect(c.matter!.agencyKinds).toContain(c.agency.kind);
      expect(c.agency.domains).toContain(c.matter!.domain);
      expect(c.violatedProvision).toBe(c.matter!.violatedProvision);
      expect(
        limitationRefusal(c.violationOn!, c.matter!.limitationYears, shanghaiToday(c.registeredAt)),
        c.number,
      ).toBeNull();
      if (c.partyKind === 'ENTERPRISE') expect(c.enterpriseId).not.toBeNull();
      else expect(c.partyDescription).toBeTruthy();
      const decided = ['DECIDED', 'EXECUTED', 'CLOSED'].includes(c.stage);
      expect(c.decision !== null, c.number).toBe(decided);
      expect(c.decidedAt !== null).toBe(decided);
      if (c.decision) {
        // The decision obeys the rules decideCase applies, and its sums agree with its penalties.
        const input = decideCaseInput({ ...c, decision: c.decision, reason: c.decisionReason, penalties: c.penalties });
        expect(decisionInputIssues(input), c.number).toEqual([]);
        expect(
          decisionRefusal(input, {
            matter: c.matter,
            procedure: c.procedure,
            naturalPerson: c.partyKind === 'NATURAL_PERSON',
          }),
          c.number,
        ).toBeNull();
        // 并处, the 裁量基准 tier (the demo benchmark) and the 第60条 last day, as decideCase asks.
        expect(
          decisionMatterRefusal(
            input,
            { matter: c.matter, procedure: c.procedure, case: c, today: shanghaiToday(c.decidedAt!) },
            new PluginSettings().get(CASE_SETTINGS).discretionBands,
          ),
          c.number,
        ).toBeNull();
        expect({ fineFen: input.fineFen, confiscationFen: input.confiscationFen }, c.number).toEqual({
          fineFen: c.fineFen,
          confiscationFen: c.confiscationFen,
        });
        const mark = c.decision === 'DROPPED' ? null : c.decision === 'NO_PENALTY' ? '不罚' : '罚';
        if (mark) expect(c.decisionNumber).toMatch(new RegExp(`^${c.agency.documentPrefix}${mark}〔\\d{4}〕\\d+号$`));
        else expect(c.decisionNumber).toBeNull();
        expect(c.decidedAt!.getTime()).toBeGreaterThan(c.registeredAt.getTime());
      }
      if (c.stage === 'EXECUTED') expect(['PENALTY', 'LIGHTER', 'MITIGATED']).toContain(c.decision);
      expect(c.closedAt !== null).toBe(c.stage === 'CLOSED');
      for (const m of c.compulsoryMeasures) {
        expect(m.takenAt.getTime()).toBeGreaterThan(c.registeredAt.getTime());
        if (c.decidedAt) expect(m.takenAt.getTime()).toBeLessThan(c.decidedAt.getTime());
      }
    }
    const fines = cases.filter((c) => c.fineFen !== null);
    expect(fines.every((c) => c.fineFen! % 100n === 0n)).toBe(true); // whole yuan, in fen
    expect(cases.filter((c) => c.compulsoryMeasures.length).length).toBeGreaterThan(5);
    expect(new Set(cases.flatMap((c) => c.compulsoryMeasures.map((m) => m.kind))).size).toBeGreaterThanOrEqual(2);
    expect(new Set(cases.map((c) => c.number)).size).toBe(cases.length);
    // A few cases under way are past their deadline (第60条), none decided ones.
    const overdue = cases.filter(
      (c) =>
        c.deadlineOn &&
        c.deadlineOn.getTime() < shanghaiToday(now).getTime() &&
        ['REGISTERED', 'INVESTIGATING', 'LEGAL_REVIEW'].includes(c.stage),
    );
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.length).toBeLessThanOrEqual(10);
    // Every number is below its sequence's last value, so numbers assigned from now on follow on.
    const sequences = await prisma.documentSequence.findMany();
    const last = (agencyId: number, kind: string, year: number) =>
      sequences.find((q) => q.agencyId === agencyId && q.kind === kind && q.year === year)?.last ?? 0;
    for (const c of cases) {
      const [, year, n] = /〔(\d{4})〕(\d+)号$/.exec(c.number)!;
      expect(Number(n)).toBeLessThanOrEqual(last(c.agencyId, 'REGISTRATION', Number(year)));
    }
  });
});

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);
const daysBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / DAY_MS);
type Proposal = {
  penalties: { kind: string; amountFen: string | null }[];
  hearingOffered: boolean;
  hearingThresholdFen: string;
  mitigatingCircumstance?: string;
};

describe('matters, parties and staff of the demo data', () => {
  it('has coherent matters with real provisions for every enforcement agency, drafts unpublished and unused', async () => {
    const matters = await prisma.enforcementMatter.findMany({ include: { _count: { select: { cases: true } } } });
    expect(matters).toHaveLength(demoMatters().length);
    const agencies = await prisma.agency.findMany({ where: { kind: 'ENFORCEMENT_AGENCY' } });
    for (const m of matters) {
      expect(matterProblems({ ...m, benchmark: readBenchmark(m.benchmark) }), m.code).toEqual([]);
      expect(m.violatedProvision).toMatch(/^《.+》第[一二三四五六七八九十百零]+条/);
      expect(m.penaltyProvision).toMatch(/^《.+》第[一二三四五六七八九十百零]+条/);
      expect(
        agencies.some((a) => a.domains.includes(m.domain)),
        m.code,
      ).toBe(true);
      // 第36条: five years where life and health are at stake.
      if (['食品安全', '药品监管', '特种设备', '医疗机构监管', '公共卫生'].includes(m.domain))
        expect(m.limitationYears, m.code).toBe(5);
      else expect(m.limitationYears, m.code).toBe(2);
      expect(m.publishedAt !== null).toBe(m.published);
      if (!m.published) expect(m._count.cases, m.code).toBe(0);
    }
    for (const a of agencies)
      expect(matters.filter((m) => m.published && a.domains.includes(m.domain)).length, a.name).toBeGreaterThanOrEqual(
        1,
      );
    expect(matters.filter((m) => !m.published).length).toBeGreaterThanOrEqual(3);
    // The issue's example: 未按规定公示营业执照, up to ¥30,000, no minimum.
    const licence = matters.find((m) => m.name === '未按规定公示营业执照')!;
    expect(licence).toMatchObject({
      penaltyProvision: '《中华人民共和国市场主体登记管理条例》第四十八条第一款',
      fineMinFen: null,
      fineMaxFen: 3_000_000n,
      penaltyKinds: ['FINE'],
    });
    const food = matters.find((m) => m.domain === '食品安全')!;
    expect(food).toMatchObject({ fineMinFen: 5_000_000n, fineMaxFen: 10_000_000n, limitationYears: 5 });
    expect(food.penaltyProvision).toContain('第一百二十四条');
    // Citations as the statutes read (issue 17, demo data): the items of 城镇燃气管理条例, the 2023 道路运输条例's
    // 第六十三条第（一）项 with its gains multiples and fallback range, the 2022 医疗机构管理条例's renumbered articles.
    const named = (name: string) => matters.find((m) => m.name === name)!;
    expect(named('燃气经营者未对燃气用户的燃气设施定期进行安全检查')).toMatchObject({
      violatedProvision: '《城镇燃气管理条例》第十七条第一款',
      penaltyProvision: '《城镇燃气管理条例》第四十六条第（七）项',
    });
    expect(named('燃气用户擅自改装户内燃气设施')).toMatchObject({
      violatedProvision: '《城镇燃气管理条例》第二十八条第（四）项',
      penaltyProvision: '《城镇燃气管理条例》第四十九条第一款第（四）项',
      fineMinFen: null,
      fineMaxFen: 100_000n,
    });
    expect(named('未取得道路运输经营许可擅自从事道路普通货物运输经营')).toMatchObject({
      penaltyProvision: '《中华人民共和国道路运输条例》第六十三条第（一）项',
      fineMinFen: 300_000n,
      fineMaxFen: 1_000_000n,
      gainsMultipleMin: 1,
      gainsMultipleMax: 5,
      fallbackBelowFen: 1_000_000n,
    });
    expect(named('未经许可擅自经营国内水路运输业务')).toMatchObject({
      penaltyProvision: '《国内水路运输管理条例》第三十三条',
      fallbackBelowFen: 3_000_000n,
    });
    expect(named('医疗机构使用非卫生技术人员从事医疗卫生技术工作')).toMatchObject({
      violatedProvision: '《医疗机构管理条例》第二十七条',
      penaltyProvision: '《医疗机构管理条例》第四十七条',
    });
    // More domains than agencies: matters carry their own domain, not the agency's first.
    expect(new Set(matters.filter((m) => m.published).map((m) => m.domain)).size).toBeGreaterThan(agencies.length);
  });

  it('opens cases against parties whose business fits the violation', async () => {
    const cases = await prisma.enforcementCase.findMany({ include: { matter: true, enterprise: true } });
    const specs = new Map(
      demoMatters().map((m) => [m.code, ENFORCEMENT_AGENCIES[m.agencyIndex].violations[m.violationIndex]]),
    );
    for (const c of cases) {
      const spec = specs.get(c.matter!.code)!;
      expect(
        partyFits(spec, {
          partyKind: c.partyKind,
          industry: c.enterprise?.industry ?? null,
          kind: c.enterprise?.kind ?? null,
        }),
        `${c.number} ${c.violation} ← ${c.enterprise?.name ?? c.partyDescription}`,
      ).toBe(true);
    }
    expect(cases.filter((c) => c.partyKind === 'NATURAL_PERSON').length).toBeGreaterThan(5);
    const food = cases.filter((c) => c.matter!.domain === '食品安全');
    expect(food.length).toBeGreaterThan(0);
    expect(food.every((c) => ['食品制造', '餐饮服务', '批发零售'].includes(c.enterprise!.industry))).toBe(true);
  });

  it('staffs every enforcement agency with a head and legal reviewers, and every 司法所 with a head and a supervisor', async () => {
    const agencies = await prisma.agency.findMany({
      where: { kind: { in: ['ENFORCEMENT_AGENCY', 'JUSTICE_OFFICE'] } },
      include: { people: true },
    });
    for (const a of agencies) {
      const heads = a.people.filter((p) => p.roles.includes('AGENCY_HEAD'));
      expect(heads.length, a.name).toBe(1);
      if (a.kind === 'ENFORCEMENT_AGENCY') {
        const reviewers = a.people.filter((p) => p.roles.includes('LEGAL_REVIEWER'));
        expect(reviewers.length, a.name).toBeGreaterThanOrEqual(1);
        expect(reviewers.length, a.name).toBeLessThanOrEqual(2);
      } else {
        expect(heads[0].roles).toContain('SUPERVISOR');
        expect(
          a.people.filter((p) => p.roles.includes('SUPERVISOR') && !p.roles.includes('AGENCY_HEAD')).length,
          a.name,
        ).toBeGreaterThanOrEqual(1);
      }
    }
    // Heads and reviewers are never officers of a case (第58条: the reviewer did not investigate).
    const assigned = await prisma.caseOfficer.findMany({ include: { person: true } });
    expect(
      assigned.filter((o) => o.person.roles.includes('LEGAL_REVIEWER') || o.person.roles.includes('AGENCY_HEAD')),
    ).toEqual([]);
  });
});

describe('procedures of the demo cases', () => {
  it('records every decided case’s procedure completely and in order, and partial ones for cases under way', async () => {
    const cases = await prisma.enforcementCase.findMany({
      include: {
        steps: { orderBy: { id: 'asc' } },
        officers: true,
        penalties: true,
        compulsoryMeasures: true,
        matter: true,
        enterprise: true,
        agency: { include: { people: true } },
      },
    });
    const today = shanghaiToday(now);
    const seen = {
      simple: 0,
      returned: 0,
      hearingHeld: 0,
      hearingWaived: 0,
      discussion: 0,
      extension: 0,
      served: 0,
      awaitingDecision: 0,
    };
    for (const c of cases) {
      const where = `${c.number} (${c.stage}, ${c.procedure})`;
      const registeredOn = shanghaiToday(c.registeredAt);
      const person = (actor: string) => c.agency.people.find((p) => `person:${p.id}` === actor);
      const assigned = (actor: string) => c.officers.some((o) => `person:${o.personId}` === actor);
      const head = c.agency.people.find((p) => p.roles.includes('AGENCY_HEAD'))!;
      // In order: dates never go back, none before registration or after today.
      for (const s of c.steps) expect(s.recordedAt.getTime(), where).toBeLessThanOrEqual(now.getTime());
      c.steps.forEach((s, i) => {
        expect(s.on.getTime(), where).toBeGreaterThanOrEqual(i ? c.steps[i - 1].on.getTime() : registeredOn.getTime());
        expect(s.on.getTime(), where).toBeLessThanOrEqual(today.getTime());
      });
      const of = (kind: string) => c.steps.filter((s) => s.kind === kind);
      const extensions = of('DEADLINE_EXTENSION');
      seen.extension += extensions.length;
      for (const e of extensions) expect(e.actor, where).toBe(`person:${head.id}`);
      if (c.procedure === 'SIMPLE') {
        // 简易程序: decided on the spot by an officer of the case, handed over at once; no review, hearing or discussion.
        seen.simple++;
        expect(c.deadlineOn, where).toBeNull();
        expect(c.decision, where).toBe('PENALTY');
        expect(assigned(c.decidedBy!), where).toBe(true);
        expect(
          c.steps.map((s) => s.kind),
          where,
        ).toEqual(['SERVICE']);
        expect(day(c.steps[0].on)).toBe(day(shanghaiToday(c.decidedAt!)));
        expect(c.compulsoryMeasures, where).toEqual([]);
        continue;
      }
      expect(c.deadlineOn, where).not.toBeNull();
      expect(daysBetween(registeredOn, c.deadlineOn!), where).toBe(90 + extensions.reduce((s, e) => s + e.days!, 0));
      const notices = of('NOTICE');
      const notice = notices.at(-1);
      const proposal = notice?.proposal as Proposal | undefined;
      const after = (s: { id: number }, kind: string) => c.steps.filter((x) => x.kind === kind && x.id > s.id);
      if (notice) {
        expect(notice.documentNumber, where).toMatch(new RegExp(`^${c.agency.documentPrefix}罚告〔\\d{4}〕\\d+号$`));
        expect(assigned(notice.actor), where).toBe(true);
        expect(proposal!.penalties.length, where).toBeGreaterThan(0);
        const threshold = BigInt(proposal!.hearingThresholdFen);
        expect(proposal!.hearingOffered, where).toBe(
          offersHearing(
            proposal!.penalties.map((p) => ({
              kind: p.kind as GqlJson,
              amountFen: p.amountFen === null ? null : BigInt(p.amountFen),
            })),
            threshold,
          ),
        );
        for (const r of after(notice, 'HEARING_REQUEST')) {
          expect(proposal!.hearingOffered, where).toBe(true);
          expect(daysBetween(notice.on, r.on), where).toBeLessThanOrEqual(5); // 第64条
        }
      }
      const reviews = of('LEGAL_REVIEW');
      for (const r of reviews) {
        // 第58条: a legal reviewer of the agency, not an officer of the case.
        expect(person(r.actor)?.roles, where).toContain('LEGAL_REVIEWER');
        expect(assigned(r.actor), where).toBe(false);
        if (r.outcome === 'RETURNED') expect(r.note, where).toBeTruthy();
      }
      const settled = (n: typeof notice) => {
        if (!n) return true;
        const statement = after(n, 'STATEMENT');
        if (statement.length !== 1) return false;
        if (!(n.proposal as Proposal).hearingOffered) return true;
        const request = after(n, 'HEARING_REQUEST')[0];
        if (request?.outcome === 'WAIVED') return true;
        if (request?.outcome === 'REQUESTED') return after(request, 'HEARING').length === 1;
        return daysBetween(n.on, reviews.at(-1)?.on ?? today) > 5; // lapsed
      };
      if (c.decision) {
        // The latest review approved; any return came before it.
        const review = reviews.at(-1);
        expect(review?.outcome, where).toBe('APPROVED');
        seen.returned += reviews.filter((r) => r.outcome === 'RETURNED').length;
        expect(c.decidedBy, where).toBe(`person:${head.id}`); // 第57条
        const decidedOn = shanghaiToday(c.decidedAt!);
        expect(decidedOn.getTime(), where).toBeGreaterThanOrEqual(review!.on.getTime());
        expect(decidedOn.getTime(), where).toBeLessThanOrEqual(c.deadlineOn!.getTime()); // 第60条
        if (c.penalties.length) {
          // 第44条 / 第45条第2款: notified beforehand, nothing heavier decided than notified.
          expect(notice, where).toBeDefined();
          expect(notice!.id, where).toBeLessThan(review!.id);
          for (const p of c.penalties) {
            const n = proposal!.penalties.find((x) => x.kind === p.kind);
            expect(n, `${where} ${p.kind}`).toBeDefined();
            if (p.amountFen !== null) expect(p.amountFen <= BigInt(n!.amountFen!), where).toBe(true);
          }
          if (offersHearing(c.penalties, BigInt(proposal!.hearingThresholdFen)))
            expect(proposal!.hearingOffered, where).toBe(true);
          expect(settled(notice), where).toBe(true);
          seen.hearingHeld += after(notice!, 'HEARING').length;
          seen.hearingWaived += after(notice!, 'HEARING_REQUEST').filter((r) => r.outcome === 'WAIVED').length;
        }
        if (c.serious && isPenalty(c.decision)) {
          const discussion = of('COLLECTIVE_DISCUSSION');
          expect(discussion.length, where).toBe(1);
          expect(discussion[0].id, where).toBeGreaterThan(review!.id);
          expect(discussion[0].actor, where).toBe(`person:${head.id}`);
          expect(decidedOn.getTime(), where).toBeGreaterThanOrEqual(discussion[0].on.getTime());
          seen.discussion++;
        }
        const service = of('SERVICE');
        if (c.stage !== 'DECIDED' && isPenalty(c.decision)) expect(service.length, where).toBe(1); // executed once served
        for (const s of service) {
          expect(daysBetween(decidedOn, s.on), where).toBeGreaterThanOrEqual(0);
          expect(daysBetween(decidedOn, s.on), where).toBeLessThanOrEqual(7); // 第61条
          expect(s.documentNumber, where).toBe(c.decisionNumber);
          seen.served++;
        }
        if (c.decision === 'DROPPED') expect(service, where).toEqual([]);
        if (c.stage === 'DECIDED' && !service.length)
          expect(daysBetween(decidedOn, today), where).toBeLessThanOrEqual(7);
        if (c.closedAt && service.length) expect(c.closedAt.getTime(), where).toBeGreaterThan(service[0].on.getTime());
      } else {
        expect(of('SERVICE'), where).toEqual([]);
        expect(of('COLLECTIVE_DISCUSSION').length <= 1).toBe(true);
        if (c.stage === 'REGISTERED')
          expect(
            c.steps.filter((s) => s.kind !== 'DEADLINE_EXTENSION'),
            where,
          ).toEqual([]);
        if (c.stage === 'LEGAL_REVIEW') {
          // Sent for review only once the statement is in and an offered hearing settled.
          expect(settled(notice), where).toBe(true);
          if (reviews.at(-1)?.outcome === 'APPROVED') seen.awaitingDecision++;
        }
        if (c.stage === 'INVESTIGATING' && reviews.length) expect(reviews.at(-1)!.outcome, where).toBe('RETURNED');
      }
    }
    expect(seen.simple).toBeGreaterThanOrEqual(5);
    expect(seen.returned).toBeGreaterThanOrEqual(2);
    expect(seen.hearingHeld).toBeGreaterThanOrEqual(1);
    expect(seen.hearingWaived).toBeGreaterThanOrEqual(1);
    expect(seen.discussion).toBeGreaterThanOrEqual(2);
    expect(seen.extension).toBeGreaterThanOrEqual(1);
    expect(seen.awaitingDecision).toBeGreaterThanOrEqual(1);
    // Simple-procedure decisions within 第51条's limits (the decision rules check them too).
    for (const c of cases.filter((x) => x.procedure === 'SIMPLE')) {
      const limit = partyIsNaturalPerson(c, c.enterprise) ? 20_000n : 300_000n;
      expect(
        c.penalties.every((p) => p.kind === 'WARNING' || (p.kind === 'FINE' && p.amountFen! <= limit)),
        c.number,
      ).toBe(true);
    }
  });

  it('passes the procedure rules step by step: every step in order, every decision allowed when it was made', async () => {
    const cases = await prisma.enforcementCase.findMany({
      include: {
        steps: { orderBy: { id: 'asc' }, include: { presidingOfficer: true } },
        penalties: true,
        matter: true,
        enterprise: true,
        officers: true,
      },
    });
    const thresholds = new PluginSettings().get(CASE_SETTINGS).hearingFineThresholds; // the defaults the seed ran with
    const problems: string[] = [];
    let checked = 0;
    for (const c of cases) {
      const facts: (StepFacts | NoticeFacts | HearingNoticeFacts)[] = [];
      const decidedOn = c.decidedAt ? shanghaiToday(c.decidedAt) : null;
      let decisionChecked = false;
      const checkDecision = () => {
        if (decisionChecked || !c.decision) return;
        decisionChecked = true;
        checked++;
        const r = decisionProcedureRefusal({
          procedure: c.procedure,
          serious: c.serious,
          decision: c.decision,
          penalties: c.penalties,
          state: procedureState(facts),
          hearingThresholdFen: hearingThresholdFen(thresholds, c.matter!.domain, partyIsNaturalPerson(c, c.enterprise)),
          today: decidedOn!,
        });
        if (r) problems.push(`${c.number} decision: ${r.rule}`);
      };
      let inReview = false;
      // 第60条: the time limit as it stood when each extension was recorded (90 days from 立案, then extended).
      let deadline = c.procedure === 'GENERAL' ? new Date(shanghaiToday(c.registeredAt).getTime() + 90 * DAY_MS) : null;
      let extensions = 0;
      for (const s of c.steps) {
        const state = procedureState(facts);
        let r = null;
        if (s.kind === 'DEADLINE_EXTENSION') {
          r = caseExtensionRefusal({
            prior: extensions++,
            days: s.days!,
            discussion: s.discussion,
            deadlineOn: deadline,
            today: s.on,
            headDays: DEFAULT_EXTENSION_DAYS,
          });
          deadline = deadline && new Date(deadline.getTime() + s.days! * DAY_MS);
        }
        if (s.kind === 'SERVICE') {
          checkDecision();
          r = serviceRefusal('DECIDED', decidedOn, state, s.on);
        }
        // The party's steps are taken while investigating (a case in review was sent there after them).
        const p = s.proposal as Proposal | null;
        if (s.kind === 'NOTICE')
          r = noticeRefusal({
            stage: 'INVESTIGATING',
            state,
            penalties: p!.penalties.map((x) => ({
              kind: x.kind as PenaltyKind,
              amountFen: x.amountFen === null ? null : BigInt(x.amountFen),
            })),
            newFacts: s.newFacts,
            matter: c.matter,
            illegalGainsFen: null,
            mitigatingCircumstance: p!.mitigatingCircumstance ?? null,
          });
        if (s.kind === 'STATEMENT') r = statementRefusal('INVESTIGATING', state, s.on);
        if (s.kind === 'HEARING_REQUEST') r = hearingRequestRefusal(c.procedure, 'INVESTIGATING', state, s.on);
        if (s.kind === 'HEARING_NOTICE')
          r = hearingNoticeRefusal(c.procedure, 'INVESTIGATING', state, s.on, s.hearingOn!);
        if (s.kind === 'HEARING')
          r =
            hearingRefusal(c.procedure, 'INVESTIGATING', state, s.on) ??
            (s.presidingOfficer
              ? presidingOfficerRefusal(
                  {
                    id: s.presidingOfficer.id,
                    name: s.presidingOfficer.name,
                    agencyId: s.presidingOfficer.agencyId,
                    auxiliary: s.presidingOfficer.roles.includes('AUXILIARY'),
                  },
                  c.agencyId,
                  c.officers.map((o) => o.personId),
                )
              : { rule: 'HEARING_PRESIDING_OFFICER_INELIGIBLE', message: { zh: '', en: 'no presiding officer' } });
        if (s.kind === 'LEGAL_REVIEW') {
          // Sent for review (the gate) unless already there, then reviewed; a return sends it back.
          r =
            (inReview ? null : reviewGateRefusal(c.procedure, state, s.on)) ??
            legalReviewRefusal(c.procedure, 'LEGAL_REVIEW', state);
          inReview = s.outcome === 'APPROVED';
        }
        if (s.kind === 'COLLECTIVE_DISCUSSION') r = discussionRefusal(c.procedure, 'LEGAL_REVIEW', state, s.on);
        if (r) problems.push(`${c.number} ${s.kind} ${day(s.on)}: ${r.rule}`);
        facts.push({
          id: s.id,
          kind: s.kind,
          on: s.on,
          outcome: s.outcome,
          ...(s.hearingOn ? { hearingOn: s.hearingOn } : {}),
          ...(p
            ? {
                penalties: p.penalties.map((x) => ({
                  kind: x.kind as PenaltyKind,
                  amountFen: x.amountFen === null ? null : BigInt(x.amountFen),
                })),
                hearingOffered: p.hearingOffered,
              }
            : {}),
        });
      }
      checkDecision();
      // 第65条: a decision after a hearing rests on its record.
      const heard = c.steps.filter((s) => s.kind === 'HEARING').at(-1);
      if (c.decision) expect(c.hearingStepId, c.number).toBe(heard?.id ?? null);
      if (c.stage === 'LEGAL_REVIEW') {
        const r = reviewGateRefusal(
          c.procedure,
          procedureState(facts.filter((f) => f.kind !== 'LEGAL_REVIEW' && f.kind !== 'COLLECTIVE_DISCUSSION')),
          shanghaiToday(now),
        );
        if (r) problems.push(`${c.number} in review: ${r.rule}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(cases.filter((c) => c.decision).length);
  });

  it('takes compulsory measures through their lifecycle: approved, two officers, numbered, released by the decision; a few overdue', async () => {
    const measures = await prisma.compulsoryMeasure.findMany({
      include: { case: { include: { officers: true, agency: { include: { people: true } } } } },
    });
    const today = shanghaiToday(now);
    const numbers = new Set<string>();
    let overdue = 0;
    for (const m of measures) {
      const c = m.case;
      const where = `${c.number} measure ${m.id} (${m.status})`;
      const head = c.agency.people.find((p) => p.roles.includes('AGENCY_HEAD'))!;
      expect(m.officerIds.length, where).toBeGreaterThanOrEqual(2); // 行政强制法 第18条
      for (const id of m.officerIds)
        expect(
          c.officers.some((o) => o.personId === id),
          where,
        ).toBe(true);
      if (m.status === 'REQUESTED') {
        // Not taken yet: no decision served, no 现场笔录 (行政强制法 第18条, 第24条).
        expect(
          {
            approvedAt: m.approvedAt,
            dueOn: m.dueOn,
            noticeDocumentNumber: m.noticeDocumentNumber,
            noticeServedOn: m.noticeServedOn,
            siteRecord: m.siteRecord,
          },
          where,
        ).toEqual({
          approvedAt: null,
          dueOn: null,
          noticeDocumentNumber: null,
          noticeServedOn: null,
          siteRecord: null,
        });
        continue;
      }
      expect(m.noticeDocumentNumber, where).toMatch(new RegExp(`^${c.agency.documentPrefix}强〔\\d{4}〕\\d+号$`));
      expect(numbers.has(m.noticeDocumentNumber!), where).toBe(false);
      numbers.add(m.noticeDocumentNumber!);
      // Taken: served on the day and recorded, signed, refusal noted, or witnessed (第18条第(七)–(九)项).
      expect(m.noticeServedOn?.getTime(), where).toBe(shanghaiToday(m.takenAt).getTime());
      expect(m.siteRecord, where).toBeTruthy();
      if (m.partySignature === 'REFUSED') expect(m.partyRefusalNote, where).toBeTruthy();
      if (m.partySignature === 'ABSENT') expect(m.witness, where).toBeTruthy();
      expect(m.dueOn?.getTime(), where).toBe(measureDueOn(m.takenAt, m.extendedDays).getTime()); // 第25条
      if (m.extendedDays !== null) {
        expect(m.extendedDays, where).toBeLessThanOrEqual(30);
        expect(m.extendedBy, where).toBe(`person:${head.id}`);
      }
      if (m.approvedAt) {
        expect(m.approvedBy, where).toBe(`person:${head.id}`);
        // 第18条 prior approval, or 第19条 approved within 24 hours of an emergency measure.
        if (m.emergency)
          expect(m.approvedAt.getTime() - m.takenAt.getTime(), where).toBeLessThanOrEqual(24 * 3_600_000);
        else expect(m.approvedAt.getTime(), where).toBe(m.takenAt.getTime());
      } else expect(m.emergency && now.getTime() - m.takenAt.getTime() <= 24 * 3_600_000, where).toBe(true);
      if (c.decidedAt) {
        // Released by the decision, within the measure's term.
        expect(m.status, where).toBe('RELEASED');
        expect(m.releasedOn!.getTime(), where).toBeLessThanOrEqual(shanghaiToday(c.decidedAt).getTime());
      }
      if (m.status === 'RELEASED') {
        expect(m.releasedOn!.getTime(), where).toBeGreaterThan(shanghaiToday(m.takenAt).getTime());
        expect(m.releasedOn!.getTime(), where).toBeLessThanOrEqual(m.dueOn!.getTime());
        expect(m.releaseReason, where).toBeTruthy();
        expect(
          c.officers.some((o) => `person:${o.personId}` === m.releasedBy),
          where,
        ).toBe(true);
      } else if (m.dueOn!.getTime() < today.getTime()) overdue++;
    }
    expect(measures.filter((m) => m.case.stage === 'CLOSED').every((m) => m.status === 'RELEASED')).toBe(true);
    expect(overdue).toBeGreaterThanOrEqual(1);
    expect(overdue).toBeLessThanOrEqual(5);
    expect(measures.filter((m) => m.emergency).length).toBeGreaterThanOrEqual(2);
    expect(
      measures.filter((m) => m.status === 'IN_FORCE' && m.dueOn!.getTime() >= today.getTime()).length,
    ).toBeGreaterThanOrEqual(1);
    expect(measures.filter((m) => m.extendedDays !== null).length).toBeGreaterThanOrEqual(1);
    expect(measures.filter((m) => m.status === 'REQUESTED').length).toBeGreaterThanOrEqual(1); // awaiting the head's approval
    // Only notices carry a proposal; the others hold SQL NULL, not a JSON null.
    expect(
      await prisma.$queryRaw`SELECT count(*)::int AS n FROM "CaseStep" WHERE "proposal" IS NOT NULL AND "kind" <> 'NOTICE'`,
    ).toEqual([{ n: 0 }]);
  });

  it('numbers documents uniquely per agency and year', async () => {
    const cases = await prisma.enforcementCase.findMany({ include: { steps: true } });
    const unique = (numbers: string[]) => expect(new Set(numbers).size).toBe(numbers.length);
    unique(cases.map((c) => c.number));
    unique(cases.flatMap((c) => (c.decisionNumber ? [c.decisionNumber] : [])));
    unique(cases.flatMap((c) => c.steps.filter((s) => s.kind === 'NOTICE').map((s) => s.documentNumber!)));
    // Each agency's numbers of a year run 1, 2, 3 … with no gap.
    const runs = new Map<string, number[]>();
    for (const c of cases)
      for (const n of [c.number, c.decisionNumber]) {
        const m = n && /^(.+?)(立|罚|不罚)〔(\d{4})〕(\d+)号$/.exec(n);
        if (m)
          runs.set(`${c.agencyId}:${m[2]}:${m[3]}`, [
            ...(runs.get(`${c.agencyId}:${m[2]}:${m[3]}`) ?? []),
            Number(m[4]),
          ]);
      }
    for (const [key, ns] of runs)
      expect(
        ns.sort((a, b) => a - b),
        key,
      ).toEqual(ns.map((_n, i) => i + 1));
  });

  it('reports caseStats that equal the case list', async () => {
    const app = await createApp({ db, plugins: [], jwtSecret: SECRET });
    try {
      const { subject } = await resolveSubject(prisma, 'supervisor');
      const res = await app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${signToken(SECRET, subject)}` },
        body: JSON.stringify({
          query: `{ caseStats(from: "${shanghaiYear(now) - 3}-01-01", to: "${day(shanghaiToday(now))}") { totalCount byDecision { decision count }
            byGround { ground count }
            byPenaltyKind { kind count amountFen } totalFineFen totalConfiscationFen } }`,
        }),
      });
      const body = await res.json();
      expect(body.errors).toBeUndefined();
      const stats = body.data.caseStats;
      const cases = await prisma.enforcementCase.findMany({
        where: { decision: { not: null } },
        include: { penalties: true },
      });
      expect(stats.totalCount).toBe(cases.length);
      for (const { decision, count } of stats.byDecision)
        expect(count, decision).toBe(cases.filter((c) => c.decision === decision).length);
      for (const { ground, count } of stats.byGround)
        expect(count, ground).toBe(cases.filter((c) => c.ground === ground).length);
      for (const { kind, count, amountFen } of stats.byPenaltyKind) {
        const ps = cases.flatMap((c) => c.penalties.filter((p) => p.kind === kind));
        expect(count, kind).toBe(ps.length);
        expect(BigInt(amountFen), kind).toBe(ps.reduce((s, p) => s + (p.amountFen ?? 0n), 0n));
      }
      expect(BigInt(stats.totalFineFen)).toBe(cases.reduce((s, c) => s + (c.fineFen ?? 0n), 0n));
      expect(BigInt(stats.totalConfiscationFen)).toBe(cases.reduce((s, c) => s + (c.confiscationFen ?? 0n), 0n));
      expect(stats.byDecision.find((d: GqlJson) => d.decision === 'NO_PENALTY').count).toBe(
        cases.filter((c) => c.decision === 'NO_PENALTY' && c.ground !== null).length,
      );
    } finally {
      await app.close();
    }
  });
});

describe('development helpers on the demo data', () => {
  it('finds a person or enterprise for every role', async () => {
    for (const role of DEV_ROLES) {
      const { subject } = await resolveSubject(prisma, role);
      const viewer = await resolveViewer(
        prisma,
        SECRET,
        `Bearer ${(await import('@zhifa/server')).signToken(SECRET, subject)}`,
      );
      if (role === 'enterprise') expect(viewer.kind).toBe('enterprise');
      else {
        expect(viewer.kind).toBe('person');
        const roles = viewer.kind === 'person' ? viewer.roles : [];
        expect(roles).toContain(
          {
            'system-admin': 'SYSTEM_ADMIN',
            supervisor: 'SUPERVISOR',
            officer: 'OFFICER',
            'agency-admin': 'AGENCY_ADMIN',
          }[role],
        );
      }
    }
    const officer = await resolveSubject(prisma, 'officer');
    const p = await prisma.person.findUniqueOrThrow({ where: { id: Number(officer.subject.split(':')[1]) } });
    expect(canEnforce(p, new Date(), DEFAULT_REVIEW_GRACE_UNTIL)).toBe(true);
    expect((await resolveSubject(prisma, 'person:3')).subject).toBe('person:3');
    expect((await resolveSubject(prisma, '3')).subject).toBe('person:3');
    expect((await resolveSubject(prisma, 'enterprise:7')).subject).toBe('enterprise:7');
    await expect(resolveSubject(prisma, 'person:99999')).rejects.toThrow(/no person with id 99999/);
    await expect(resolveSubject(prisma, 'mayor')).rejects.toThrow(/cannot tell who "mayor" is/);
  });

  it('creates a survey organisation API key, stored hashed, that identifies the organisation', async () => {
    const org = await prisma.agency.findFirstOrThrow({ where: { kind: 'SURVEY_ORGANISATION' } });
    const { key } = await createSurveyApiKey(prisma, org.id, 'test');
    const row = await prisma.apiKey.findFirstOrThrow({ where: { agencyId: org.id }, orderBy: { id: 'desc' } });
    expect(row.hash).not.toContain(key);
    expect(await resolveViewer(prisma, SECRET, `ApiKey ${key}`)).toMatchObject({ kind: 'surveyOrg', agencyId: org.id });
    // Issued by core's service, like the graph's createApiKey: an event, by the platform, without the secret.
    const issued = await prisma.event.findFirstOrThrow({ where: { topic: 'apiKey.created' }, orderBy: { id: 'desc' } });
    expect(issued).toMatchObject({
      actor: 'system:cli',
      payload: { apiKeyId: row.id, prefix: row.prefix, label: 'test' },
    });
    const bureau = await prisma.agency.findFirstOrThrow({ where: { kind: 'JUSTICE_BUREAU' } });
    const events = await prisma.event.count();
    await expect(createSurveyApiKey(prisma, bureau.id, 'test')).rejects.toThrow(/not a survey organisation/);
    expect(await prisma.event.count()).toBe(events);
  });

  it('serves /dev/token to loopback command-line callers in development only', async () => {
    const dev = await createApp({ db, plugins: [], jwtSecret: SECRET, devTokens: true });
    const prod = await createApp({ db, plugins: [], jwtSecret: SECRET, devTokens: true, production: true });
    try {
      const devPort = await dev.listen(0);
      const prodPort = await prod.listen(0);
      const ok = await fetch(`http://127.0.0.1:${devPort}/dev/token?for=supervisor`);
      expect(ok.status).toBe(200);
      const token = (await ok.text()).trim();
      expect(await resolveViewer(prisma, SECRET, token)).toMatchObject({ kind: 'person', roles: ['SUPERVISOR'] });
      // A web page (Origin header, or a rebinding Host) is refused.
      expect(
        (
          await fetch(`http://127.0.0.1:${devPort}/dev/token?for=supervisor`, {
            headers: { origin: 'http://evil.example' },
          })
        ).status,
      ).toBe(403);
      expect(await statusWithHost(devPort, 'evil.example:80')).toBe(403);
      expect(await statusWithHost(devPort, `localhost:${devPort}`)).toBe(200);
      expect((await fetch(`http://127.0.0.1:${devPort}/dev/token?for=nobody`)).status).toBe(400);
      expect((await fetch(`http://127.0.0.1:${devPort}/dev/token?for=person:99999`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${prodPort}/dev/token?for=supervisor`)).status).toBe(404);
    } finally {
      await dev.close();
      await prod.close();
    }
  });
});

/** fetch() will not send a Host of our choosing; node:http will. */
function statusWithHost(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/dev/token?for=supervisor', headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('determinism and reset', () => {
  it('rebuilds the same data after a reset', async () => {
    const snapshot = async () => ({
      enterprises: await prisma.enterprise.findMany({
        orderBy: { id: 'asc' },
        select: { id: true, uscc: true, name: true, creditRiskClass: true },
      }),
      cases: await prisma.enforcementCase.findMany({
        orderBy: { id: 'asc' },
        select: { number: true, stage: true, fineFen: true, enterpriseId: true },
      }),
      people: await prisma.person.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true, roles: true } }),
    });
    const before = await snapshot();
    await clearDatabase(prisma);
    expect(await isEmptyDatabase(prisma)).toBe(true);
    expect(await prisma.apiKey.count()).toBe(0);
    await seedDemoData(prisma, { now });
    expect(await snapshot()).toEqual(before);
  });
});

describe('the demo data through the API (after the reset test: it changes the data)', () => {
  it('lets the agency head, not an officer, decide a demo case awaiting decision, as notified, numbered after the demo numbers', async () => {
    const app = await createApp({ db, plugins: [], jwtSecret: SECRET });
    try {
      const candidates = await prisma.enforcementCase.findMany({
        // Within its time limit: one past it needs an extension first (行政处罚法 第60条, CASE_DECISION_OVERDUE).
        where: { stage: 'LEGAL_REVIEW', serious: false, deadlineOn: { gte: shanghaiToday(new Date()) } },
        include: { steps: { orderBy: { id: 'asc' } }, agency: { include: { people: true } }, officers: true },
        orderBy: { id: 'asc' },
      });
      const c = candidates.find(
        (x) => x.steps.filter((s) => s.kind === 'LEGAL_REVIEW').at(-1)?.outcome === 'APPROVED',
      )!;
      expect(c).toBeDefined();
      const notice = c.steps.filter((s) => s.kind === 'NOTICE').at(-1);
      const proposal = notice?.proposal as Proposal | undefined;
      const input = proposal
        ? {
            decision: 'PENALTY',
            penalties: proposal.penalties.map((p) => ({
              kind: p.kind,
              amountFen: p.amountFen === null ? null : Number(p.amountFen),
            })),
          }
        : { decision: 'NO_PENALTY', ground: 'MINOR_CORRECTED' };
      const decide = async (personId: number) => {
        const res = await app.yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${signToken(SECRET, `person:${personId}`)}`,
          },
          body: JSON.stringify({
            query: `mutation($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { __typename
              ... on Error { message } ... on MutationDecideCaseSuccess { data { stage decisionNumber decidedBy } } } }`,
            variables: { caseId: Buffer.from(`EnforcementCase:${c.id}`).toString('base64'), input },
          }),
        });
        return await res.json();
      };
      const officer = await decide(c.officers[0].personId);
      expect(
        officer.data?.decideCase?.__typename ?? officer.errors?.[0]?.extensions?.code,
        JSON.stringify(officer),
      ).not.toBe('MutationDecideCaseSuccess');
      const head = c.agency.people.find((p) => p.roles.includes('AGENCY_HEAD'))!;
      const res = await decide(head.id);
      expect(res.errors, JSON.stringify(res)).toBeUndefined();
      expect(res.data.decideCase.__typename, JSON.stringify(res.data)).toBe('MutationDecideCaseSuccess');
      const { stage, decisionNumber, decidedBy } = res.data.decideCase.data;
      expect(stage).toBe('DECIDED');
      expect(decidedBy).toBeTruthy();
      const kind = input.decision === 'PENALTY' ? 'PENALTY_DECISION' : 'NO_PENALTY_DECISION';
      const year = shanghaiYear(now);
      const last = await prisma.documentSequence.findUniqueOrThrow({
        where: { agencyId_kind_year: { agencyId: c.agencyId, kind, year } },
      });
      expect(decisionNumber).toBe(
        `${c.agency.documentPrefix}${kind === 'PENALTY_DECISION' ? '罚' : '不罚'}〔${year}〕${last.last}号`,
      );
      expect(await prisma.enforcementCase.count({ where: { decisionNumber } })).toBe(1);
    } finally {
      await app.close();
    }
  });
});

describe('demo data seeded just after a Shanghai midnight', () => {
  it('registers today’s cases today, so each deadline is 90 days (plus extensions) from the registration day', async () => {
    // The first half-minute of a local day: a case registered "today" cannot be placed a minute before
    // now without falling on yesterday (CI once seeded at 23:59:24 UTC+8 and got 91 days).
    let at = new Date(startOfShanghaiDay(shanghaiToday(new Date())).getTime() + 30_000);
    if (at.getTime() > Date.now()) at = new Date(at.getTime() - 86_400_000);
    const fresh = await freshDatabaseTarget();
    const other = await openDatabase(fresh.target);
    try {
      await seedDemoData(other.prisma, { now: at });
      const cases = await other.prisma.enforcementCase.findMany({
        where: { procedure: 'GENERAL' },
        include: { steps: { where: { kind: 'DEADLINE_EXTENSION' } } },
      });
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        expect(c.registeredAt.getTime(), c.number).toBeLessThanOrEqual(at.getTime());
        const days = Math.round((c.deadlineOn!.getTime() - shanghaiToday(c.registeredAt).getTime()) / 86_400_000);
        expect(days, c.number).toBe(90 + c.steps.reduce((s, e) => s + e.days!, 0));
      }
    } finally {
      await other.close();
      await fresh.drop();
    }
  });
});
