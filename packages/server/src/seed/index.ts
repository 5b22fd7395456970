// Core demo data for a fresh database, then each plugin's `seed` hook. Deterministic: one seeded
// PRNG for core and one per plugin (seeded by its name), so the same data appears on every machine.
// Dates are relative to `now`, so certificates are reviewed "this year" and cases stay current.
import {
  CASE_SETTINGS,
  CaseGuards,
  createSchema,
  CORE_TOPICS,
  PluginSettings,
  unitOfWork,
  type CaseSettings,
  type SeedContext,
  type UnitOfWork,
  type WorkOptions,
  type ZhifaPlugin,
} from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import type { AgencyKind, Db, PersonRole, PrismaClient } from '@zhifa/core/prisma';
import { canEnforce, completeUscc, USCC_ALPHABET } from '@zhifa/core/rules';
import { demoCases, documentSequences, type CasePlan } from './cases.js';
import { demoEnterprises, type EnterpriseRow } from './enterprises.js';
import {
  COUNTY_GOVERNMENT,
  COUNTY_REGION,
  demoMatters,
  documentPrefixOf,
  ENFORCEMENT_AGENCIES,
  JUSTICE_BUREAU,
  justiceOfficeName,
  MANAGEMENT_COMMITTEES,
  SURVEY_ORGANISATION,
  TOWNSHIPS,
} from './names.js';
import { demoPeople } from './people.js';
import { Dice, seededRandom, seedFromName } from './random.js';

export const DEMO_META_KEY = 'demo_data';
export const CORE_SEED = 20250401; // the day the county's plan was issued

/** What the core demo data contains; a test holds the seed to it. */
export const DEMO_COUNTS = {
  // county government, justice bureau, enforcement agencies, townships, management committees,
  // one justice office per township, the survey organisation
  agencies: 2 + ENFORCEMENT_AGENCIES.length + TOWNSHIPS.length + MANAGEMENT_COMMITTEES.length + TOWNSHIPS.length + 1,
  people: 112,
  enterprises: 300,
  cases: 200,
} as const;

/** Township teams (综合行政执法) with officers of their own. */
const TOWNSHIP_TEAMS = ['阜城街道', '益林镇'];

const BATCH = 500;

export interface SeedResult {
  counts: {
    agencies: number;
    people: number;
    enterprises: number;
    cases: number;
    caseOfficers: number;
    caseSteps: number;
    measures: number;
    matters: number;
  };
  at: string;
}

export interface SeedOptions {
  plugins?: readonly ZhifaPlugin[];
  settings?: PluginSettings;
  now?: Date;
  log?: (line: string) => void;
}

/** Nothing has been written yet: no agency and no demo marker. */
export async function isEmptyDatabase(prisma: PrismaClient): Promise<boolean> {
  const [agencies, marker] = await Promise.all([
    prisma.agency.count(),
    prisma.meta.findUnique({ where: { key: DEMO_META_KEY } }),
  ]);
  return agencies === 0 && !marker;
}

/** Empty every table but the migration record (plugins' tables too), restarting ids. */
export async function clearDatabase(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT format('%I.%I', schemaname, tablename)::text AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (!tables.length) return;
  const list = tables.map((t) => t.name).join(', ');
  await prisma.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

function agencyUscc(dice: Dice, prefix = '11'): string {
  return completeUscc(prefix + COUNTY_REGION + dice.chars(USCC_ALPHABET, 9));
}

/** Demo data is written by the platform itself; the event log records it as `system:demo-data`. */
const DEMO_VIEWER: Viewer = { kind: 'system', name: 'demo-data' };

/**
 * Demo data goes through the same unit of work as the API: core's in one unit that records a
 * `system.demoDataLoaded` event, then each plugin's hook, which runs its own units (acting as the
 * demo officers). Plugins' seed hooks see no other plugin's case guards: only core rules and their own apply.
 */
export async function seedDemoData(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const work = demoWork(prisma, options.settings, now);

  const counts = await work(DEMO_VIEWER, async (uow) => {
    const counts = await seedCore(uow.tx, now, dice(), log, uow.settings.get(CASE_SETTINGS));
    await uow.emit(CORE_TOPICS.demoDataLoaded, counts, {});
    return counts;
  });

  for (const plugin of options.plugins ?? []) {
    if (!plugin.seed) continue;
    await plugin.seed(pluginSeedContext(prisma, plugin, { ...options, now, log }));
    log(`演示数据（插件 ${plugin.name}）/ demo data of plugin ${plugin.name}: done`);
  }

  const at = now.toISOString();
  await work(
    DEMO_VIEWER,
    (uow) =>
      uow.tx.meta.upsert({
        where: { key: DEMO_META_KEY },
        create: { key: DEMO_META_KEY, value: at },
        update: { value: at },
      }),
    {
      silent: 'a marker row, not a domain change',
    },
  );
  return { counts, at };
}

const dice = () => new Dice(seededRandom(CORE_SEED));

/** Units of work for demo data: the given case guards and reactions only (none for core's), the seed's fixed clock. */
function demoWork(prisma: PrismaClient, settings = new PluginSettings(), now: Date, guards = new CaseGuards()) {
  return <T>(viewer: Viewer, fn: (uow: UnitOfWork) => Promise<T>, opts?: WorkOptions) =>
    unitOfWork({ prisma, viewer, guards, settings, clock: () => now }, fn, opts);
}

/**
 * What a plugin's seed hook is handed (also for tests that run one hook alone). Its units of work run the plugin's
 * own case guards and reactions — its demo decisions meet its own guard, as the API's would — and no other plugin's:
 * a schema of core and this plugin alone is built for them.
 */
export function pluginSeedContext(
  prisma: PrismaClient,
  plugin: Pick<ZhifaPlugin, 'name' | 'register'>,
  options: Pick<SeedOptions, 'settings' | 'now' | 'log'> = {},
): SeedContext {
  const settings = options.settings ?? new PluginSettings();
  const now = options.now ?? new Date();
  const { guards } = createSchema({ plugins: [plugin] });
  return {
    prisma,
    now,
    random: seededRandom(seedFromName(plugin.name)),
    log: options.log ?? (() => {}),
    settings,
    work: demoWork(prisma, settings, now, guards),
  };
}

async function seedCore(
  prisma: Db,
  now: Date,
  dice: Dice,
  log: (line: string) => void,
  settings: CaseSettings,
): Promise<SeedResult['counts']> {
  const graceUntil = settings.reviewGraceUntil;
  const qualified = (d: number) => new Date(Date.UTC(2025, 2, d)); // 主体资格 confirmed by end of March 2025 (task 5)

  // --- agencies: the tree, top down ---
  const county = await prisma.agency.create({
    data: { name: COUNTY_GOVERNMENT, kind: 'COUNTY_GOVERNMENT', domains: [], uscc: agencyUscc(dice) },
  });
  type AgencyInput = {
    name: string;
    kind: AgencyKind;
    parentId: number | null;
    domains: string[];
    uscc: string | null;
    inspectionQualifiedOn: Date | null;
    documentPrefix?: string;
  };
  const second: AgencyInput[] = [
    {
      name: JUSTICE_BUREAU,
      kind: 'JUSTICE_BUREAU',
      parentId: county.id,
      domains: ['行政执法协调监督', '行政复议'],
      uscc: agencyUscc(dice),
      inspectionQualifiedOn: null,
    },
    ...ENFORCEMENT_AGENCIES.map((a) => ({
      name: a.name,
      kind: 'ENFORCEMENT_AGENCY' as const,
      parentId: county.id,
      domains: a.domains,
      uscc: agencyUscc(dice),
      inspectionQualifiedOn: qualified(dice.int(10, 28)),
      documentPrefix: documentPrefixOf(a),
    })),
    ...TOWNSHIPS.map(([name, kind]) => ({
      name,
      kind,
      parentId: county.id,
      domains: ['综合行政执法', '市容环境卫生', '安全生产'],
      uscc: agencyUscc(dice),
      inspectionQualifiedOn: qualified(dice.int(10, 28)),
    })),
    ...MANAGEMENT_COMMITTEES.map((name) => ({
      name,
      kind: 'MANAGEMENT_COMMITTEE' as const,
      parentId: county.id,
      domains: ['综合行政执法'],
      uscc: agencyUscc(dice),
      inspectionQualifiedOn: qualified(dice.int(10, 28)),
    })),
    {
      name: SURVEY_ORGANISATION,
      kind: 'SURVEY_ORGANISATION',
      parentId: null,
      domains: ['满意度调查'],
      uscc: agencyUscc(dice, '91'),
      inspectionQualifiedOn: null,
    },
  ];
  const secondRows = await prisma.agency.createManyAndReturn({ data: second, select: { id: true, name: true } });
  const idOf = new Map(secondRows.map((a) => [a.name, a.id]));
  const justiceBureauId = idOf.get(JUSTICE_BUREAU)!;
  const offices = await prisma.agency.createManyAndReturn({
    data: TOWNSHIPS.map(([township]) => ({
      name: justiceOfficeName(township),
      kind: 'JUSTICE_OFFICE' as const,
      parentId: justiceBureauId,
      domains: ['行政执法协调监督', '人民调解'],
      uscc: agencyUscc(dice),
    })),
    select: { id: true },
  });

  // --- people ---
  const enforcementAgencyIds = ENFORCEMENT_AGENCIES.map((a) => idOf.get(a.name)!);
  const personRows = demoPeople(
    dice,
    {
      justiceBureauId,
      justiceOfficeIds: offices.map((o) => o.id),
      enforcementAgencyIds,
      townshipTeamIds: TOWNSHIP_TEAMS.map((n) => idOf.get(n)!),
    },
    now,
  );
  const people = await prisma.person.createManyAndReturn({ data: personRows, select: { id: true, name: true } });
  // RETURNING keeps the VALUES order; names are unique in the demo data, so check rather than trust.
  people.forEach((p, i) => {
    if (p.name !== personRows[i].name) throw new Error('演示人员写入顺序异常 / demo people came back out of order');
  });
  const staffOf = (agencyId: number, role: PersonRole) =>
    personRows.flatMap((row, i) => (row.agencyId === agencyId && row.roles.includes(role) ? [people[i].id] : []));
  const ableByAgency = new Map<number, number[]>();
  personRows.forEach((row, i) => {
    if (!canEnforce(row, now, graceUntil)) return;
    ableByAgency.set(row.agencyId, [...(ableByAgency.get(row.agencyId) ?? []), people[i].id]);
  });

  // --- enterprises ---
  const townships = TOWNSHIPS.map(([name, kind]) => ({
    id: idOf.get(name)!,
    name,
    subdistrict: kind === 'SUBDISTRICT',
  }));
  const enterpriseRows = demoEnterprises(dice, DEMO_COUNTS.enterprises, townships);
  const enterprises: {
    id: number;
    uscc: string;
    creditRiskClass: EnterpriseRow['creditRiskClass'];
    industry: string;
    kind: EnterpriseRow['kind'];
  }[] = [];
  await inBatches(enterpriseRows, async (batch) =>
    enterprises.push(
      ...(
        await prisma.enterprise.createManyAndReturn({
          data: batch,
          select: { id: true, uscc: true, creditRiskClass: true, industry: true, kind: true },
        })
      ).map((e) => ({
        ...e,
        industry: e.industry ?? '',
      })),
    ),
  );

  // --- enforcement matters: one published per demo violation, and a few drafts ---
  const matterRows = demoMatters();
  const matters = await prisma.enforcementMatter.createManyAndReturn({
    data: matterRows.map(({ agencyIndex: _a, violationIndex: _v, ...m }) => ({
      ...m,
      publishedAt: m.published ? now : null,
    })),
    select: { id: true, code: true },
  });
  const matterId = new Map(matters.map((m) => [m.code, m.id]));
  const matterIdsOf = (agencyIndex: number) =>
    matterRows
      .filter((m) => m.agencyIndex === agencyIndex && m.violationIndex >= 0)
      .sort((a, b) => a.violationIndex - b.violationIndex)
      .map((m) => matterId.get(m.code)!);

  // --- cases, their officers, penalties and compulsory measures ---
  const plans: CasePlan[] = demoCases(dice, {
    now,
    agencies: enforcementAgencyIds.map((id, i) => ({
      id,
      officerIds: ableByAgency.get(id) ?? [],
      matterIds: matterIdsOf(i),
      headId: staffOf(id, 'AGENCY_HEAD')[0],
      reviewerIds: staffOf(id, 'LEGAL_REVIEWER'),
    })),
    enterprises,
    hearingThresholds: settings.hearingFineThresholds,
  });
  const caseIds = new Map<string, number>();
  await inBatches(plans, async (batch) => {
    const rows = await prisma.enforcementCase.createManyAndReturn({
      data: batch.map((p) => p.row),
      select: { id: true, number: true },
    });
    for (const r of rows) caseIds.set(r.number, r.id);
  });
  const officers = plans.flatMap((p) =>
    p.officerIds.map((personId) => ({ caseId: caseIds.get(p.row.number)!, personId, assignedAt: p.row.registeredAt })),
  );
  const measures = plans.flatMap((p) => p.measures.map((m) => ({ ...m, caseId: caseIds.get(p.row.number)! })));
  const penalties = plans.flatMap((p) => p.penalties.map((x) => ({ ...x, caseId: caseIds.get(p.row.number)! })));
  const steps = plans.flatMap((p) =>
    p.steps.map((x) => ({
      ...x,
      on: x.on.toISOString().slice(0, 10),
      hearingOn: x.hearingOn?.toISOString().slice(0, 10) ?? null,
      recordedAt: x.recordedAt.toISOString(),
      caseId: caseIds.get(p.row.number)!,
    })),
  );
  await inBatches(officers, (batch) => prisma.caseOfficer.createMany({ data: batch }));
  await inBatches(measures, (batch) => prisma.compulsoryMeasure.createMany({ data: batch }));
  await inBatches(penalties, (batch) => prisma.casePenalty.createMany({ data: batch }));
  // Steps in one statement from one JSON parameter: createMany with a JSON column per row costs several times more
  // (the seed's largest table). Inserted in the order given (seq), so ids follow each case's steps in date order.
  await prisma.$executeRaw`
    INSERT INTO "CaseStep" ("caseId", "kind", "on", "outcome", "documentNumber", "note", "days", "discussion", "proposal", "actor",
      "recordedAt", "hearingOn", "place", "presidingOfficerId", "publicHearing")
    SELECT x."caseId", x."kind"::"CaseStepKind", x."on"::date, x."outcome"::"CaseStepOutcome", x."documentNumber", x."note",
      x."days", x."discussion", NULLIF(x."proposal", 'null'::jsonb), x."actor", x."recordedAt"::timestamptz AT TIME ZONE 'UTC',
      x."hearingOn"::date, x."place", x."presidingOfficerId", x."publicHearing"
    FROM jsonb_to_recordset(${JSON.stringify(steps.map((x, seq) => ({ ...x, seq })))}::jsonb) AS x(
      "seq" int, "caseId" int, "kind" text, "on" text, "outcome" text, "documentNumber" text, "note" text, "days" int,
      "discussion" text, "proposal" jsonb, "actor" text, "recordedAt" text, "hearingOn" text, "place" text,
      "presidingOfficerId" int, "publicHearing" boolean)
    ORDER BY x."seq"`;
  // 第65条: a decision after a hearing rests on its record.
  await prisma.$executeRaw`
    UPDATE "EnforcementCase" c SET "hearingStepId" = h."id"
    FROM (SELECT "caseId", max("id") AS "id" FROM "CaseStep" WHERE "kind" = 'HEARING' GROUP BY "caseId") h
    WHERE c."id" = h."caseId" AND c."decidedAt" IS NOT NULL`;
  // Numbers assigned from now on (openCase, decideCase) follow the demo cases' numbers.
  await prisma.documentSequence.createMany({ data: documentSequences(plans) });

  const counts = {
    agencies: 1 + secondRows.length + offices.length,
    people: people.length,
    enterprises: enterprises.length,
    cases: plans.length,
    caseOfficers: officers.length,
    caseSteps: steps.length,
    measures: measures.length,
    matters: matters.length,
  };
  log(
    `演示数据（核心）/ core demo data: ${counts.agencies} agencies, ${counts.people} people, ${counts.enterprises} enterprises, ` +
      `${counts.cases} cases with ${counts.caseSteps} procedure steps, ${counts.measures} compulsory measures, ${counts.matters} matters`,
  );

  return counts;
}
