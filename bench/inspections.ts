// The inspections plugin's cost (issue 21, "Speed"), in process through the real schema (yoga.fetch), against
// baselines run in the same process on the same database:
//   write  visits recorded by 8 concurrent writers (one per agency, two officers each, unfiled, at 50 enterprises so
//          agencies meet at the same enterprise and wait on its lock) with the warning module on against off
//          (ZHIFA_INSPECTIONS_WARNINGS), interleaved rounds — visits per second and the ratio;
//   list   `enterprises(first: 100) { inspectionVisits(first: 5) … inspectionWarnings(first: 5) … }` as a supervisor,
//          against `enterprises(first: 100) { id name }`, at the visits the write part left and again after a bulk
//          load to --volume visits: statements per request (constant) and the time ratio.
//
//   pnpm tsx bench/inspections.ts                 PGlite (embedded)
//   pnpm tsx bench/inspections.ts --db postgres   a throwaway PostgreSQL cluster from the local binaries, or
//                                                 BENCH_DATABASE_URL (an empty database, migrated first)
//   pnpm tsx bench/inspections.ts --only write --rounds 6 --per-writer 25
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PluginSettings, globalId } from '@zhifa/core';
import type { PrismaClient } from '@zhifa/core/prisma';
import { createApp, openDatabase, signToken } from '@zhifa/server';
import { codeKeysInForce, inspectionsPlugin, inspectionsSettings, signInspectionCode } from '@zhifa/plugin-inspections';
import { BENCH_SECRET } from './lib/servers.js';
import { findPgBin, startCluster, type Cluster } from '../scripts/pg-cluster.js';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ONLY = flag('only');
const runs = (part: string) => !ONLY || ONLY === part;
const ROUNDS = Number(flag('rounds') ?? 6);
const PER_WRITER = Number(flag('per-writer') ?? 25);
const LIST_ROUNDS = Number(flag('list-rounds') ?? 100);
const VOLUME = Number(flag('volume') ?? 50_000);
const WRITERS = 8;
const ENTERPRISES = 100;
const year = new Date().getUTCFullYear();

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];

interface Writer {
  agencyId: number;
  itemId: number;
  officers: [number, number];
  token: string;
}

async function createWorld(p: PrismaClient) {
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const justice = await p.agency.create({
    data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU', parentId: county.id },
  });
  const matter = await p.enforcementMatter.create({
    data: {
      code: 'BENCH-001',
      name: '未按规定公示营业执照',
      domain: '市场监管',
      agencyKinds: ['ENFORCEMENT_AGENCY'],
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      penaltyKinds: ['FINE'],
      publishedAt: new Date(`${year - 1}-01-01T00:00:00Z`),
    },
  });
  const cert = (n: string) => ({
    certificateNumber: n,
    certificateStatus: 'VALID' as const,
    certificateIssuedOn: new Date(`${year - 2}-01-10T00:00:00Z`),
    certificateExpiresOn: new Date(`${year + 3}-01-09T00:00:00Z`),
    certificateReviewYear: year,
  });
  const writers: Writer[] = [];
  for (let i = 0; i < WRITERS; i++) {
    const a = await p.agency.create({
      data: {
        name: `检查单位${i + 1}`,
        kind: 'ENFORCEMENT_AGENCY',
        parentId: county.id,
        domains: ['市场监管'],
        documentPrefix: `检${i + 1}`,
        inspectionQualifiedOn: new Date(`${year - 1}-03-31T00:00:00Z`),
      },
    });
    const o1 = await p.person.create({
      data: { agencyId: a.id, name: `执法员${i}a`, roles: ['OFFICER'], ...cert(`BENCH-${i}-A`) },
    });
    const o2 = await p.person.create({
      data: { agencyId: a.id, name: `执法员${i}b`, roles: ['OFFICER'], ...cert(`BENCH-${i}-B`) },
    });
    const item = await p.inspectionItem.create({
      data: {
        agencyId: a.id,
        name: '营业执照公示情况检查',
        basis: '《市场主体登记管理条例》第三十六条',
        domain: '市场监管',
        year,
        publishedAt: new Date(`${year}-01-10T00:00:00Z`),
        publishedBy: 'system:bench',
        createdBy: 'system:bench',
        createdAt: new Date(`${year}-01-05T00:00:00Z`),
        matters: { create: [{ matterId: matter.id }] },
      },
    });
    writers.push({
      agencyId: a.id,
      itemId: item.id,
      officers: [o1.id, o2.id],
      token: signToken(BENCH_SECRET, `person:${o1.id}`, 24 * 3600),
    });
  }
  await p.enterprise.createMany({
    data: Array.from({ length: ENTERPRISES }, (_, i) => ({
      uscc: `91320923J${String(i).padStart(8, '0')}X`,
      name: `检查企业${i + 1}`,
      kind: 'COMPANY' as const,
      legalRepresentative: '王某',
      address: '阜宁县',
      industry: '食品销售',
      scale: 'SMALL' as const,
      employees: 12,
      creditRiskClass: (['A', 'B', 'C', 'D'] as const)[i % 4],
    })),
  });
  const enterprises = (await p.enterprise.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((e) => e.id);
  const sup = await p.person.create({ data: { agencyId: justice.id, name: '孙监督', roles: ['SUPERVISOR'] } });
  return { writers, enterprises, supervisor: signToken(BENCH_SECRET, `person:${sup.id}`, 24 * 3600) };
}

const RECORD = `mutation($code: String!, $officers: [ID!]!, $items: [ID!]) {
  recordInspectionVisit(code: $code, officerIds: $officers, itemIds: $items) {
    __typename ... on Error { code message } } }`;

async function main() {
  const root = mkdtempSync(path.join(tmpdir(), 'zhifa-bench-inspections-'));
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
  // One settings object the app reads per unit of work: the write part switches the warning module between rounds.
  const settings = new PluginSettings();
  const defaults = settings.get(inspectionsSettings);
  const warnings = (on: boolean) => settings.set(inspectionsSettings, { ...defaults, warnings: on });
  const app = await createApp({
    db,
    plugins: [inspectionsPlugin],
    jwtSecret: BENCH_SECRET,
    production: true,
    settings,
  });
  const keys = codeKeysInForce(defaults.codeKeys);
  if (!keys)
    throw new Error('no inspection code key in force (ZHIFA_ENV=production without ZHIFA_INSPECTIONS_CODE_KEYS)');
  try {
    const p = db.prisma;
    const w = await createWorld(p);
    const request = async (token: string, query: string, variables: object = {}) => {
      const res = await app.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { errors?: unknown[]; data?: Record<string, { __typename?: string }> };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body;
    };
    console.log(`\n${url ? 'PostgreSQL' : 'PGlite'}; in-process yoga.fetch`);

    if (runs('write')) {
      let k = 0;
      const round = async () => {
        const start = performance.now();
        await Promise.all(
          w.writers.map(async (wr, i) => {
            for (let n = 0; n < PER_WRITER; n++) {
              const enterpriseId = w.enterprises[(k + n * 3 + i) % (ENTERPRISES / 2)];
              const code = signInspectionCode(keys, enterpriseId, new Date(Date.now() + 3600_000)).code;
              const r = await request(wr.token, RECORD, {
                code,
                officers: wr.officers.map((id) => globalId('Person', id)),
                items: [globalId('InspectionItem', wr.itemId)],
              });
              const t = r.data?.recordInspectionVisit?.__typename;
              if (t !== 'MutationRecordInspectionVisitSuccess') throw new Error(JSON.stringify(r.data));
            }
          }),
        );
        k += 7;
        return (WRITERS * PER_WRITER * 1000) / (performance.now() - start);
      };
      warnings(false);
      await round(); // warm-up
      const on: number[] = [];
      const off: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        warnings(i % 2 === 0);
        (i % 2 === 0 ? on : off).push(await round());
        warnings(i % 2 !== 0);
        (i % 2 === 0 ? off : on).push(await round());
      }
      warnings(true);
      const med = (xs: number[]) => quantile(xs, 0.5);
      const raised = await p.inspectionWarning.count();
      console.log(`\nwrite: ${WRITERS} writers × ${PER_WRITER} visits per round, ${ROUNDS * 2} rounds interleaved`);
      console.log('| warning module | median visits/s | min | max | ratio to off |');
      console.log('|---|---:|---:|---:|---:|');
      for (const [name, xs] of [
        ['off (baseline)', off],
        ['on', on],
      ] as const)
        console.log(
          `| ${name} | ${med(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} | ${(med(xs) / med(off)).toFixed(2)} |`,
        );
      console.log(`warnings raised in the "on" rounds: ${raised}`);
    }

    if (runs('list')) {
      const PLAIN = `{ enterprises(first: 100) { edges { node { id name } } } }`;
      const NESTED = `{ enterprises(first: 100) { edges { node { id name
        inspectionVisits(first: 5) { totalCount edges { node { id visitedAt finding } } }
        inspectionWarnings(first: 5) { totalCount edges { node { id rule status } } } } } } }`;
      const measure = async (label: string) => {
        await p.$executeRawUnsafe('VACUUM ANALYZE');
        for (let i = 0; i < 10; i++) {
          await request(w.supervisor, PLAIN);
          await request(w.supervisor, NESTED);
        }
        const a: number[] = [];
        const b: number[] = [];
        const st = new Set<number>();
        for (let i = 0; i < LIST_ROUNDS; i++) {
          let s = performance.now();
          await request(w.supervisor, PLAIN);
          a.push(performance.now() - s);
          const before = statements;
          s = performance.now();
          await request(w.supervisor, NESTED);
          b.push(performance.now() - s);
          st.add(statements - before);
        }
        const visits = await p.inspectionVisit.count();
        console.log(
          `| ${label} (${visits} visits) | ${quantile(a, 0.5).toFixed(2)} | ${quantile(b, 0.5).toFixed(2)} | ${[...st].join('/')} | ${(quantile(b, 0.5) / quantile(a, 0.5)).toFixed(2)} |`,
        );
        return quantile(b, 0.5);
      };
      console.log(`\nlist: ${NESTED.replace(/\s+/g, ' ')} as a supervisor`);
      console.log('| volume | baseline median ms | nested median ms | statements | ratio |');
      console.log('|---|---:|---:|---:|---:|');
      const small = await measure('after the writes');
      // Bulk load to VOLUME visits over the year, over every enterprise and agency, as years of use would leave them.
      const have = await p.inspectionVisit.count();
      for (let from = have; from < VOLUME; from += 5000) {
        const n = Math.min(5000, VOLUME - from);
        const rows = Array.from({ length: n }, (_, j) => {
          const i = from + j;
          const wr = w.writers[i % WRITERS];
          return {
            agencyId: wr.agencyId,
            enterpriseId: w.enterprises[i % ENTERPRISES],
            visitedAt: new Date(Date.UTC(year - 1 - (i % 3), 0, 1) + ((i * 7919) % 365) * 86_400_000),
            codeKeyId: 'bench',
            recordedBy: 'system:bench',
            recordedAt: new Date(),
          };
        });
        await p.inspectionVisit.createMany({ data: rows });
      }
      const large = await measure('bulk-loaded');
      console.log(`nested at ${VOLUME} visits / after the writes: ${(large / small).toFixed(2)}`);
    }
  } finally {
    await app.close();
    await db.close();
    cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
