// The economic impact plugin's cost (issue 19, "Speed"), in process through the real schema (yoga.fetch), against
// baselines run in the same process on the same database:
//   1. the case list at 100 cases with each case's triggers (`impactAssessmentRequired`) and its assessment's level,
//      against the plain case list — one SQL statement per list level either way;
//   2. a decision through the guard (triggers read, the approved revision checked, what it relied on written) against
//      the same decision on a schema without the plugin;
//   3. `impactStats` for a year, the county and one agency, at 200 and at 200,000 decided cases' worth of rollups.
// Prints medians, p90s, statements per request and the ratios.
//
//   pnpm tsx bench/economic-impact.ts                 PGlite (embedded)
//   pnpm tsx bench/economic-impact.ts --db postgres   a throwaway PostgreSQL cluster from the local binaries, or
//                                                     BENCH_DATABASE_URL (an empty database, migrated first)
//   pnpm tsx bench/economic-impact.ts --rounds 100 --decisions 100
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CaseGuards, PluginSettings, globalId, unitOfWork } from '@zhifa/core';
import type { PrismaClient } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import { createApp, openDatabase, signToken } from '@zhifa/server';
import { economicImpactPlugin } from '@zhifa/plugin-economic-impact';
import { addToStats, type StatDelta } from '../plugins/economic-impact/src/rollups.js';
import { BENCH_SECRET } from './lib/servers.js';
import { findPgBin, startCluster, type Cluster } from '../scripts/pg-cluster.js';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ROUNDS = Number(flag('rounds') ?? 200);
const DECISIONS = Number(flag('decisions') ?? 150);
const LIST = 100;
/** --only list|decide|stats: one part alone (e.g. under node --cpu-prof). */
const ONLY = flag('only');
const runs = (part: string) => !ONLY || ONLY === part;
const AGENCIES = 20;

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];
const year = new Date().getUTCFullYear();

interface World {
  agencyId: number;
  agencies: number[];
  officerIds: [number, number];
  head: string;
  supervisor: string;
}

async function createWorld(p: PrismaClient): Promise<World> {
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const justice = await p.agency.create({
    data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU', parentId: county.id },
  });
  const agencies: number[] = [];
  for (let i = 0; i < AGENCIES; i++)
    agencies.push(
      (
        await p.agency.create({
          data: {
            name: `执法单位${i + 1}`,
            kind: 'ENFORCEMENT_AGENCY',
            parentId: county.id,
            domains: ['市场监管'],
            documentPrefix: `基准${i + 1}`,
          },
        })
      ).id,
    );
  const agencyId = agencies[0];
  const cert = (n: string) => ({
    certificateNumber: n,
    certificateStatus: 'VALID' as const,
    certificateIssuedOn: new Date(`${year - 2}-01-10T00:00:00Z`),
    certificateExpiresOn: new Date(`${year + 3}-01-09T00:00:00Z`),
    certificateReviewYear: year,
  });
  const o1 = await p.person.create({ data: { agencyId, name: '执法员甲', roles: ['OFFICER'], ...cert('BENCH-1') } });
  const o2 = await p.person.create({ data: { agencyId, name: '执法员乙', roles: ['OFFICER'], ...cert('BENCH-2') } });
  const head = await p.person.create({ data: { agencyId, name: '局长', roles: ['AGENCY_HEAD'] } });
  const sup = await p.person.create({ data: { agencyId: justice.id, name: '孙监督', roles: ['SUPERVISOR'] } });
  const token = (id: number) => signToken(BENCH_SECRET, `person:${id}`, 24 * 3600);
  return { agencyId, agencies, officerIds: [o1.id, o2.id], head: token(head.id), supervisor: token(sup.id) };
}

let seq = 0;
/**
 * An enterprise case of the world's agency with its two officers, in LEGAL_REVIEW with a notice proposing a ¥60,000
 * fine (hearing offered and waived, statement waived, review approved: it may be decided). With `assessed`, the
 * trigger that fine fires is recorded and an approved revision answers it, as the plugin would have left them.
 */
async function readyCase(p: PrismaClient, w: World, assessed: boolean): Promise<number> {
  seq++;
  const e = await p.enterprise.create({
    data: {
      uscc: `91320923B${String(seq).padStart(8, '0')}X`,
      name: `基准企业${seq}`,
      kind: 'COMPANY',
      legalRepresentative: '王某',
      address: '阜宁县',
      industry: '食品制造',
      scale: 'SMALL',
      employees: 40,
      creditRiskClass: 'B',
    },
  });
  const on = shanghaiToday(new Date());
  const c = await p.enforcementCase.create({
    data: {
      number: `基准〔${year}〕${seq}号`,
      agencyId: w.agencyId,
      partyKind: 'ENTERPRISE',
      enterpriseId: e.id,
      violation: '生产不符合食品安全标准的食品',
      violatedProvision: '《中华人民共和国食品安全法》第三十四条',
      penaltyProvision: '《中华人民共和国食品安全法》第一百二十四条',
      stage: 'LEGAL_REVIEW',
      officers: { create: w.officerIds.map((personId) => ({ personId })) },
      steps: {
        create: [
          {
            kind: 'NOTICE',
            on,
            actor: 'system:bench',
            documentNumber: `告〔${seq}〕`,
            proposal: {
              penalties: [{ kind: 'FINE', amountFen: '6000000' }],
              hearingOffered: true,
              hearingThresholdFen: '1000000',
            },
          },
          { kind: 'STATEMENT', on, outcome: 'WAIVED', actor: 'system:bench' },
          { kind: 'HEARING_REQUEST', on, outcome: 'WAIVED', actor: 'system:bench' },
          { kind: 'LEGAL_REVIEW', on, outcome: 'APPROVED', actor: 'system:bench', note: '同意' },
        ],
      },
    },
  });
  if (assessed) {
    const t = await p.impactTrigger.create({
      data: {
        caseId: c.id,
        kind: 'LARGE_FINE',
        source: 'NOTICE',
        amountFen: 6_000_000n,
        thresholdFen: 5_000_000n,
        rulesVersion: 1,
        firedAt: new Date(),
        actor: 'system:bench',
      },
    });
    await p.impactAssessment.create({
      data: {
        caseId: c.id,
        agencyId: w.agencyId,
        enterpriseId: e.id,
        revision: 1,
        status: 'APPROVED',
        scores: [],
        weightedScore: 1.5,
        level: 'MEDIUM',
        rulesVersion: 1,
        coveredTriggerIds: [t.id],
        assessedProposal: [{ kind: 'FINE', amountFen: '6000000' }],
        createdBy: 'system:bench',
        createdAt: new Date(),
        updatedAt: new Date(),
        approvedBy: 'system:bench',
        approvedAt: new Date(),
      },
    });
  }
  return c.id;
}

/** Rollups as `decided` decisions would leave them, spread over a year and over the agencies. */
async function writeRollups(p: PrismaClient, w: World, decided: number) {
  const env = {
    prisma: p,
    viewer: { kind: 'system' as const, name: 'bench' },
    guards: new CaseGuards(),
    settings: new PluginSettings(),
    clock: () => new Date(),
  };
  const levels = ['LOW', 'MEDIUM', 'HIGH', 'SEVERE'];
  const kinds = ['LARGE_FINE', 'LICENCE', 'OPERATIONS', 'KEY_ENTERPRISE', 'PRODUCTION_MEASURE'];
  for (let start = 0; start < decided; start += 5000) {
    const deltas: StatDelta[] = [];
    for (let i = start; i < Math.min(decided, start + 5000); i++) {
      const agencyId = w.agencies[i % AGENCIES];
      const at = new Date(Date.UTC(year - 1, 0, 1) + ((i * 7919) % 365) * 86_400_000 + 6 * 3600_000);
      deltas.push(
        { agencyId, at, metric: 'trigger', key: kinds[i % kinds.length], count: 1 },
        { agencyId, at, metric: 'level', key: levels[i % 4], count: 1 },
        { agencyId, at, metric: 'mitigation', key: 'INSTALMENT', count: 1 },
        { agencyId, at, metric: 'daysToApproval', key: String(i % 40), count: 1 },
        { agencyId, at, metric: 'decided', key: 'withAssessment', count: 1 },
      );
    }
    await unitOfWork(env, (uow) => addToStats(uow.tx, deltas), { silent: 'bench set-up, written in bulk' });
  }
}

const PLAIN = `{ cases(first: ${LIST}) { edges { node { number stage } } } }`;
const WITH_IMPACT = `{ cases(first: ${LIST}) { edges { node { number stage
  impactAssessmentRequired(first: 5) { totalCount edges { node { kind reason } } }
  impactAssessment { level status } } } } }`;
const DECIDE = `mutation($caseId: ID!) { decideCase(caseId: $caseId, input: { decision: PENALTY,
  penalties: [{ kind: FINE, amountFen: 6000000 }] }) { __typename ... on MutationDecideCaseSuccess { data { stage } } } }`;
const STATS = `query($a: ID, $from: Date!, $to: Date!) { impactStats(agencyId: $a, from: $from, to: $to) {
  byLevel { level count } byTrigger { kind count } medianDaysToApproval decisions { withAssessment } } }`;

async function main() {
  const root = mkdtempSync(path.join(tmpdir(), 'zhifa-bench-impact-'));
  let cluster: Cluster | null = null;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url && flag('db') === 'postgres') {
    const bin = findPgBin();
    if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql; set BENCH_DATABASE_URL');
    cluster = await startCluster(bin, { maxConnections: 50, fsync: true });
    url = cluster.url;
    console.log(cluster.version);
  }
  let statements = 0;
  const db = await openDatabase(
    url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: path.join(root, 'pglite') },
    {
      onQuery: (sql) => {
        if (!(/\bFROM\s+"Event"/.test(sql) && /pg_current_snapshot/.test(sql))) statements++;
      },
    },
  );
  const withPlugin = await createApp({
    db,
    plugins: [economicImpactPlugin],
    jwtSecret: BENCH_SECRET,
    production: true,
  });
  const without = await createApp({ db, plugins: [], jwtSecret: BENCH_SECRET, production: true });
  try {
    const p = db.prisma;
    const w = await createWorld(p);
    let t = performance.now();
    for (let i = 0; i < LIST; i++) await readyCase(p, w, true);
    const guarded: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      guarded.push(await readyCase(p, w, true));
      plain.push(await readyCase(p, w, false));
    }
    console.log(`set-up: ${LIST + 2 * DECISIONS} cases in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await p.$executeRawUnsafe('ANALYZE');

    const request = async (app: typeof withPlugin, token: string, query: string, variables: object = {}) => {
      const res = await app.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { errors?: unknown[]; data?: Record<string, { __typename?: string }> };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body;
    };
    const timed = async (fn: () => Promise<unknown>) => {
      const before = statements;
      const s = performance.now();
      await fn();
      return { ms: performance.now() - s, statements: statements - before };
    };
    const row = (name: string, xs: { ms: number; statements: number }[], base: number) => {
      const ms = xs.map((x) => x.ms);
      console.log(
        `| ${name} | ${quantile(ms, 0.5).toFixed(2)} | ${quantile(ms, 0.9).toFixed(2)} | ${[...new Set(xs.map((x) => x.statements))].join('/')} | ${(quantile(ms, 0.5) / base).toFixed(2)} |`,
      );
    };

    console.log(`\n${url ? 'PostgreSQL' : 'PGlite'}; in-process yoga.fetch; ${ROUNDS} rounds, interleaved\n`);
    console.log('| request | median ms | p90 ms | statements | ratio to baseline |');
    console.log('|---|---:|---:|---:|---:|');
    if (runs('list')) {
      for (let i = 0; i < 20; i++) {
        await request(withPlugin, w.head, PLAIN);
        await request(withPlugin, w.head, WITH_IMPACT);
      }
      const a: { ms: number; statements: number }[] = [];
      const b: { ms: number; statements: number }[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        a.push(await timed(() => request(withPlugin, w.head, PLAIN)));
        b.push(await timed(() => request(withPlugin, w.head, WITH_IMPACT)));
      }
      const baseList = quantile(
        a.map((x) => x.ms),
        0.5,
      );
      row(`cases(first: ${LIST}) — baseline`, a, baseList);
      row(`cases(first: ${LIST}) with impactAssessmentRequired and impactAssessment { level }`, b, baseList);
    }
    if (runs('decide')) {
      const g: { ms: number; statements: number }[] = [];
      const n: { ms: number; statements: number }[] = [];
      for (let i = 0; i < DECISIONS; i++) {
        n.push(
          await timed(async () => {
            const r = await request(without, w.head, DECIDE, { caseId: globalId('EnforcementCase', plain[i]) });
            if (r.data?.decideCase?.__typename !== 'MutationDecideCaseSuccess') throw new Error(JSON.stringify(r));
          }),
        );
        g.push(
          await timed(async () => {
            const r = await request(withPlugin, w.head, DECIDE, { caseId: globalId('EnforcementCase', guarded[i]) });
            if (r.data?.decideCase?.__typename !== 'MutationDecideCaseSuccess') throw new Error(JSON.stringify(r));
          }),
        );
      }
      const skip = Math.min(10, Math.floor(DECISIONS / 5)); // the first decisions warm the plans up
      const baseDecide = quantile(
        n.slice(skip).map((x) => x.ms),
        0.5,
      );
      row('decideCase without the plugin — baseline', n.slice(skip), baseDecide);
      row('decideCase through the guard', g.slice(skip), baseDecide);
    }
    if (!runs('stats')) return;

    const from = `${year - 1}-01-01`;
    const to = `${year - 1}-12-31`;
    const statsRows: [string, { ms: number; statements: number }[]][] = [];
    let written = 0;
    for (const decided of [200, 200_000]) {
      t = performance.now();
      await writeRollups(p, w, decided - written);
      written = decided;
      const cells = await p.impactStatsRollup.count();
      console.log(
        `\nrollups for ${decided.toLocaleString('en-US')} decisions: ${cells.toLocaleString('en-US')} cells (${((performance.now() - t) / 1000).toFixed(1)} s)`,
      );
      for (const agency of [null, globalId('Agency', w.agencyId)]) {
        const xs: { ms: number; statements: number }[] = [];
        for (let i = 0; i < 20; i++) await request(withPlugin, w.supervisor, STATS, { a: agency, from, to });
        for (let i = 0; i < ROUNDS; i++)
          xs.push(await timed(() => request(withPlugin, w.supervisor, STATS, { a: agency, from, to })));
        statsRows.push([
          `impactStats(${agency ? 'one agency' : 'county'}, a year) at ${decided.toLocaleString('en-US')} decisions`,
          xs,
        ]);
      }
    }
    console.log('\n| request | median ms | p90 ms | statements | ratio to the same at 200 |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [k, [name, xs]] of statsRows.entries())
      row(
        name,
        xs,
        quantile(
          statsRows[k % 2][1].map((x) => x.ms),
          0.5,
        ),
      );
  } finally {
    await withPlugin.close();
    await without.close();
    await db.close();
    rmSync(root, { recursive: true, force: true });
    cluster?.stop();
  }
}

await main();
