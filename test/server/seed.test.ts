// Demo data: the advertised counts, valid USCCs, every stage/status/class present, cases workable
// (two officers who may act today, from the case's agency), amounts that obey the decision rules,
// determinism, reset; and the development helpers built on it (role tokens, API key, /dev/token).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canEnforce,
  DEFAULT_REVIEW_GRACE_UNTIL,
  checkUscc,
  decideCaseInput,
  decisionInputIssues,
  decisionRefusal,
  limitationRefusal,
  shanghaiToday,
  shanghaiYear,
  type PrismaClient,
} from '@zhifa/core';
import { createApp, openDatabase, resolveViewer, type Database } from '@zhifa/server';
import { freshDatabaseTarget } from '@zhifa/testkit';
import { clearDatabase, DEMO_COUNTS, DEMO_META_KEY, isEmptyDatabase, seedDemoData } from '../../packages/server/src/seed/index.js';
import { STAGE_MIX } from '../../packages/server/src/seed/cases.js';
import { createSurveyApiKey, DEV_ROLES, resolveSubject } from '../../packages/server/src/dev-tokens.js';

const SECRET = 'seed-test-secret-0123456789abcdef';
let db: Database;
let drop: () => Promise<void>;
let prisma: PrismaClient;
let elapsed = 0;
const now = new Date();

beforeAll(async () => {
  const fresh = await freshDatabaseTarget();
  drop = fresh.drop;
  db = await openDatabase(fresh.target);
  prisma = db.prisma;
  expect(await isEmptyDatabase(prisma)).toBe(true);
  const started = Date.now();
  await seedDemoData(prisma, { now });
  elapsed = Date.now() - started;
});

afterAll(async () => {
  await db?.close();
  await drop?.();
});

describe('core demo data', () => {
  it('has the advertised counts, a demo marker, and is written quickly', async () => {
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
    // Budget is < 5 s on PGlite; leave room for a loaded CI machine.
    expect(elapsed).toBeLessThan(15_000);
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
    expect(officers.some((p) => p.certificateStatus === 'VALID' && !canEnforce(p, now, DEFAULT_REVIEW_GRACE_UNTIL))).toBe(true);
    const auxiliaries = people.filter((p) => p.roles.includes('AUXILIARY'));
    expect(auxiliaries.length).toBeGreaterThan(0);
    expect(auxiliaries.every((p) => p.certificateNumber === null)).toBe(true);
    for (const role of ['SYSTEM_ADMIN', 'SUPERVISOR', 'SPECIAL_SUPERVISOR', 'AGENCY_ADMIN'] as const)
      expect(people.some((p) => p.roles.includes(role)), role).toBe(true);
  });

  it('has cases in every stage, workable, with amounts that obey the decision rules', async () => {
    const cases = await prisma.enforcementCase.findMany({
      include: { officers: { include: { person: true } }, compulsoryMeasures: true, matter: true, penalties: { orderBy: { id: 'asc' } }, agency: true },
    });
    const stages: Record<string, number> = {};
    for (const c of cases) stages[c.stage] = (stages[c.stage] ?? 0) + 1;
    expect(stages).toEqual(STAGE_MIX);
    const decisions = new Set(cases.map((c) => c.decision).filter(Boolean));
    expect([...decisions].sort()).toEqual(['DROPPED', 'LIGHTER', 'MITIGATED', 'NO_PENALTY', 'PENALTY']);

    for (const c of cases) {
      const able = c.officers.filter((o) => o.person.agencyId === c.agencyId && canEnforce(o.person, now, DEFAULT_REVIEW_GRACE_UNTIL));
      expect(able.length, c.number).toBeGreaterThanOrEqual(2);
      expect(c.officers.length).toBe(able.length);
      expect(c.number).toMatch(new RegExp(`^${c.agency.documentPrefix}立〔\\d{4}〕\\d+号$`));
      // Opened on a published matter of the agency's domain, within its limitation period.
      expect(c.matter, c.number).not.toBeNull();
      expect(c.matter!.published).toBe(true);
      expect(c.agency.domains).toContain(c.matter!.domain);
      expect(c.violatedProvision).toBe(c.matter!.violatedProvision);
      expect(limitationRefusal(c.violationOn!, c.matter!.limitationYears, shanghaiToday(c.registeredAt)), c.number).toBeNull();
      if (c.partyKind === 'ENTERPRISE') expect(c.enterpriseId).not.toBeNull();
      else expect(c.partyDescription).toBeTruthy();
      const decided = ['DECIDED', 'EXECUTED', 'CLOSED'].includes(c.stage);
      expect(c.decision !== null, c.number).toBe(decided);
      expect(c.decidedAt !== null).toBe(decided);
      if (c.decision) {
        // The decision obeys the rules decideCase applies, and its sums agree with its penalties.
        const input = decideCaseInput({ ...c, decision: c.decision, reason: c.decisionReason, penalties: c.penalties });
        expect(decisionInputIssues(input), c.number).toEqual([]);
        expect(decisionRefusal(input, { matter: c.matter, procedure: c.procedure, naturalPerson: c.partyKind === 'NATURAL_PERSON' }), c.number).toBeNull();
        expect({ fineFen: input.fineFen, confiscationFen: input.confiscationFen }, c.number).toEqual({ fineFen: c.fineFen, confiscationFen: c.confiscationFen });
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
    const overdue = cases.filter((c) => c.deadlineOn && c.deadlineOn.getTime() < shanghaiToday(now).getTime() && ['REGISTERED', 'INVESTIGATING', 'LEGAL_REVIEW'].includes(c.stage));
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.length).toBeLessThanOrEqual(10);
    // Every number is below its sequence's last value, so numbers assigned from now on follow on.
    const sequences = await prisma.documentSequence.findMany();
    const last = (agencyId: number, kind: string, year: number) => sequences.find((q) => q.agencyId === agencyId && q.kind === kind && q.year === year)?.last ?? 0;
    for (const c of cases) {
      const [, year, n] = /〔(\d{4})〕(\d+)号$/.exec(c.number)!;
      expect(Number(n)).toBeLessThanOrEqual(last(c.agencyId, 'REGISTRATION', Number(year)));
    }
  });
});

describe('development helpers on the demo data', () => {
  it('finds a person or enterprise for every role', async () => {
    for (const role of DEV_ROLES) {
      const { subject } = await resolveSubject(prisma, role);
      const viewer = await resolveViewer(prisma, SECRET, `Bearer ${(await import('@zhifa/server')).signToken(SECRET, subject)}`);
      if (role === 'enterprise') expect(viewer.kind).toBe('enterprise');
      else {
        expect(viewer.kind).toBe('person');
        const roles = viewer.kind === 'person' ? viewer.roles : [];
        expect(roles).toContain({ 'system-admin': 'SYSTEM_ADMIN', supervisor: 'SUPERVISOR', officer: 'OFFICER', 'agency-admin': 'AGENCY_ADMIN' }[role]);
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
    const bureau = await prisma.agency.findFirstOrThrow({ where: { kind: 'JUSTICE_BUREAU' } });
    await expect(createSurveyApiKey(prisma, bureau.id, 'test')).rejects.toThrow(/not a survey organisation/);
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
      expect((await fetch(`http://127.0.0.1:${devPort}/dev/token?for=supervisor`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
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
      enterprises: await prisma.enterprise.findMany({ orderBy: { id: 'asc' }, select: { id: true, uscc: true, name: true, creditRiskClass: true } }),
      cases: await prisma.enforcementCase.findMany({ orderBy: { id: 'asc' }, select: { number: true, stage: true, fineFen: true, enterpriseId: true } }),
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
