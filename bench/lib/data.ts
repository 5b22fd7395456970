// The benchmark database: the demo data plus enough of the dashboard's shape for page size 100
// (100 more enforcement agencies, each with 4 certified officers and 12 cases of 2 officers), and
// ten supervisors to spread subscribers over (at most 10,000 connections per caller).
import { cpSync, existsSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { signToken, openDatabase } from '@zhifa/server';
import { seedDemoData } from '../../packages/server/src/seed/index.js';
import { BENCH_SECRET, startZhifa, type Proc, type Target } from './servers.js';

export interface BenchData {
  target: Target;
  /** Supervisors' bearer tokens (the first is the one the HTTP scenarios use). */
  supervisors: string[];
  /** An officer of `agencyId` and the enterprises cases may name (mutation scenario). */
  officer: string;
  officerIds: number[];
  agencyId: number;
  /** A published enforcement matter `agencyId` may open cases on. */
  matterId: number;
  /** PGlite only: a copy of the data dir for the hand-written baseline (one process per data dir). */
  baselineTarget: Target;
  /** PGlite only: the cold start that created the data dir (migrations and demo data). */
  coldStart?: { ms: number; rssBytes: number };
  cleanup(): Promise<void>;
}

const BENCH_AGENCIES = 100;

export async function prepare(kind: 'pglite' | 'postgres', pgUrl?: string): Promise<BenchData> {
  if (kind === 'pglite') {
    const root = mkdtempSync(path.join(tmpdir(), 'zhifa-bench-'));
    const dataDir = path.join(root, 'pglite');
    const target: Target = { kind: 'pglite', dataDir };
    // Cold start: an empty data dir to ready, migrations and demo data included.
    const cold: Proc = await startZhifa(target, { ZHIFA_DEMO_DATA: 'true' });
    const coldStart = { ms: cold.startMs, rssBytes: cold.rssBytes() };
    await cold.stop();
    const db = await openDatabase({ kind: 'pglite', dataDir });
    const ids = await addBenchData(db.prisma);
    await db.prisma.$executeRawUnsafe('ANALYZE');
    await db.close();
    const copy = path.join(root, 'baseline');
    // A stopped server's admin socket may be left in the data dir (stopped by signal); a socket cannot be copied.
    cpSync(dataDir, copy, { recursive: true, filter: (src) => !lstatSync(src).isSocket() });
    rmSync(path.join(copy, 'postmaster.pid'), { force: true });
    return {
      target,
      baselineTarget: { kind: 'pglite', dataDir: copy },
      coldStart,
      ...tokens(ids),
      cleanup: () => Promise.resolve(rmSync(root, { recursive: true, force: true })),
    };
  }
  const base = pgUrl!;
  const name = 'zhifa_bench';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const target: Target = { kind: 'postgres', url: u.toString() };
  const db = await openDatabase({ kind: 'postgres', url: target.url });
  await seedDemoData(db.prisma);
  const ids = await addBenchData(db.prisma);
  await db.prisma.$executeRawUnsafe('ANALYZE');
  await db.close();
  return {
    target,
    baselineTarget: target,
    ...tokens(ids),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function tokens(ids: Awaited<ReturnType<typeof addBenchData>>) {
  return {
    supervisors: ids.supervisors.map((id) => signToken(BENCH_SECRET, `person:${id}`, 24 * 3600)),
    officer: signToken(BENCH_SECRET, `person:${ids.officerIds[0]}`, 24 * 3600),
    officerIds: ids.officerIds,
    agencyId: ids.agencyId,
    matterId: ids.matterId,
  };
}

type Prisma = Awaited<ReturnType<typeof openDatabase>>['prisma'];

async function addBenchData(p: Prisma) {
  const bureau = await p.agency.findFirstOrThrow({ where: { kind: 'JUSTICE_BUREAU' } });
  const existing = await p.person.findMany({ where: { name: { startsWith: '基准监督员' } }, orderBy: { id: 'asc' } });
  if (existing.length === 0) {
    await p.person.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({
        name: `基准监督员${i}`,
        agencyId: bureau.id,
        roles: ['SUPERVISOR' as const],
      })),
    });
    const enterprises = await p.enterprise.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 100 });
    const year = new Date().getUTCFullYear();
    for (let a = 0; a < BENCH_AGENCIES; a++) {
      const agency = await p.agency.create({ data: { name: `基准执法机关${a}`, kind: 'ENFORCEMENT_AGENCY' } });
      await p.person.createMany({
        data: Array.from({ length: 4 }, (_, i) => ({
          agencyId: agency.id,
          name: `基准执法员${a}-${i}`,
          roles: ['OFFICER' as const],
          certificateNumber: `BENCH-${a}-${i}`,
          certificateStatus: 'VALID' as const,
          certificateIssuedOn: new Date(`${year - 1}-01-10T00:00:00Z`),
          certificateExpiresOn: new Date(`${year + 3}-01-09T00:00:00Z`),
          certificateReviewYear: year,
        })),
      });
      const people = await p.person.findMany({ where: { agencyId: agency.id }, orderBy: { id: 'asc' } });
      await p.enforcementCase.createMany({
        data: Array.from({ length: 12 }, (_, k) => ({
          number: `基准〔${year}〕${a * 100 + k}号`,
          agencyId: agency.id,
          partyKind: 'ENTERPRISE' as const,
          enterpriseId: enterprises[(a * 12 + k) % enterprises.length].id,
          violation: '违法行为',
          violatedProvision: '违法依据',
          penaltyProvision: '处罚依据',
        })),
      });
      const cases = await p.enforcementCase.findMany({ where: { agencyId: agency.id }, select: { id: true } });
      await p.caseOfficer.createMany({
        data: cases.flatMap((k, i) =>
          [people[i % 2], people[2 + (i % 2)]].map((o) => ({ caseId: k.id, personId: o.id })),
        ),
      });
    }
  }
  const supervisors = (
    await p.person.findMany({ where: { name: { startsWith: '基准监督员' } }, orderBy: { id: 'asc' } })
  ).map((x) => x.id);
  // openCase needs a published matter the agency may enforce (its kind and domain) and a document prefix to number the case.
  const matter = await p.enforcementMatter.findFirstOrThrow({
    where: { published: true, agencyKinds: { has: 'ENFORCEMENT_AGENCY' } },
    orderBy: { id: 'asc' },
  });
  const agency = await p.agency.update({
    where: { name: '基准执法机关0' },
    data: { domains: [matter.domain], documentPrefix: '基准' },
  });
  const officerIds = (await p.person.findMany({ where: { agencyId: agency.id }, orderBy: { id: 'asc' } })).map(
    (x) => x.id,
  );
  return { supervisors, officerIds, agencyId: agency.id, matterId: matter.id };
}

export function dataDirExists(t: Target): boolean {
  return t.kind === 'pglite' && existsSync(t.dataDir);
}
