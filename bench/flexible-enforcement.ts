// The flexible-enforcement plugin's cost (issue 20, "Speed"), in process through the real schema (yoga.fetch), against
// baselines run in the same process on the same database:
//   list   `enterprises(first: 100)` with each enterprise's `softMeasures(first: 5)` and `invitations(first: 5)`,
//          against the plain `enterprises(first: 100) { id name }` — statements per request and the ratio. Those two
//          fields are built by other slices of issue 20: the scenario runs when the schema has them (checked at start,
//          each node's selection is read from the schema) and says so when it does not;
//   stats  `flexibleEnforcementStats` over 365 days, the county and one agency, at 2,000 and at 200,000 rows (soft
//          measures, invitations, decisions and guard checks over 20 agencies), with the ratio between the volumes;
//          beside it, the same figures by GROUP BY over the rows (the reference the rollup replaces);
//   write  one soft measure inserted with the rollup's triggers, against the same insert with them disabled.
// Prints medians, p90s, statements per request and the ratios.
//
//   pnpm tsx bench/flexible-enforcement.ts                 PGlite (embedded)
//   pnpm tsx bench/flexible-enforcement.ts --db postgres   a throwaway PostgreSQL cluster from the local binaries, or
//                                                          BENCH_DATABASE_URL (an empty database, migrated first)
//   pnpm tsx bench/flexible-enforcement.ts --only stats --rounds 100 --volumes 2000,200000
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import { createSchema, globalId } from '@zhifa/core';
import type { PrismaClient } from '@zhifa/core/prisma';
import { rangeCells } from '@zhifa/core/rules';
import { createApp, openDatabase, signToken } from '@zhifa/server';
import { flexibleEnforcementPlugin } from '@zhifa/plugin-flexible-enforcement';
import { BENCH_SECRET } from './lib/servers.js';
import { findPgBin, startCluster, type Cluster } from '../scripts/pg-cluster.js';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ROUNDS = Number(flag('rounds') ?? 200);
/** --only list|stats|write: one part alone (e.g. under node --cpu-prof). */
const ONLY = flag('only');
const runs = (part: string) => !ONLY || ONLY === part;
const LIST = 100;
const AGENCIES = 20;
const VOLUMES = (flag('volumes') ?? '2000,200000').split(',').map(Number);
const DAY = 86_400_000;

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];
const year = new Date().getUTCFullYear();
/** 365 days not aligned on months or years: the edge days and months are read as well as whole months. */
const FROM = `${year - 1}-03-15`;
const TO = `${year}-03-14`;
const fromMs = Date.parse(`${FROM}T00:00:00Z`);
const dayOf = (i: number) => new Date(fromMs + ((i * 7919) % 365) * DAY);

interface World {
  agencies: number[];
  officers: number[];
  enterprises: number[];
  supervisor: string;
}

async function createWorld(p: PrismaClient): Promise<World> {
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const justice = await p.agency.create({
    data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU', parentId: county.id },
  });
  const agencies: number[] = [];
  const officers: number[] = [];
  for (let i = 0; i < AGENCIES; i++) {
    const a = await p.agency.create({
      data: {
        name: `执法单位${i + 1}`,
        kind: 'ENFORCEMENT_AGENCY',
        parentId: county.id,
        domains: ['市场监管'],
        documentPrefix: `柔性${i + 1}`,
      },
    });
    agencies.push(a.id);
    officers.push((await p.person.create({ data: { agencyId: a.id, name: `执法员${i + 1}`, roles: ['OFFICER'] } })).id);
  }
  await p.enterprise.createMany({
    data: Array.from({ length: LIST }, (_, i) => ({
      uscc: `91320923C${String(i).padStart(8, '0')}X`,
      name: `柔性企业${i + 1}`,
      kind: 'COMPANY' as const,
      legalRepresentative: '王某',
      address: '阜宁县',
      industry: '食品销售',
      scale: 'SMALL' as const,
      employees: 12,
      creditRiskClass: 'A' as const,
    })),
  });
  const enterprises = (await p.enterprise.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((e) => e.id);
  const sup = await p.person.create({ data: { agencyId: justice.id, name: '孙监督', roles: ['SUPERVISOR'] } });
  return { agencies, officers, enterprises, supervisor: signToken(BENCH_SECRET, `person:${sup.id}`, 24 * 3600) };
}

/** One published item of each kind, for the decisions and the guard checks to point at. */
async function items(p: PrismaClient, agencyId: number) {
  const item = async (kind: string) => {
    const series = await p.listSeries.create({ data: { kind } });
    const list = await p.enforcementList.create({
      data: {
        kind,
        seriesId: series.id,
        version: 1,
        title: `基准清单${kind}`,
        domain: '市场监管',
        agencyId,
        status: 'PUBLISHED',
        publishedAt: new Date(`${year - 2}-01-01T00:00:00Z`),
        validFrom: new Date(`${year - 2}-01-01T00:00:00Z`),
      },
    });
    return p.listItem.create({
      data: {
        listId: list.id,
        seq: 1,
        domain: '市场监管',
        violation: '未按规定公示营业执照',
        violatedProvision: '《市场主体登记管理条例》第三十六条',
        penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
        applicableConditions: '主动改正的',
        attributes: {},
      },
    });
  };
  return { lighter: await item('LIGHTER'), mitigated: await item('MITIGATED'), waivable: await item('NO_COMPULSORY') };
}

const KINDS = ['REMINDER', 'NOTICE', 'DISSUASION', 'GUIDANCE', 'ADMONITION', 'INTERVIEW', 'COMMITMENT'] as const;
const OUTCOMES = [null, 'COMPLIED', 'PARTIAL', 'NOT_COMPLIED'] as const;
const STATUSES = ['REQUESTED', 'SCHEDULED', 'VISITED', 'CLOSED', 'DECLINED', 'WITHDRAWN'] as const;

/**
 * Rows `start`..`end` of a volume: half soft measures, a quarter invitations, an eighth 从轻 / 减轻 decisions (each
 * on a case of its own), an eighth guard checks — over the agencies and the 365 days. Written 5,000 at a time, as a
 * bulk load would be; the triggers keep the rollup per statement.
 */
async function writeRows(p: PrismaClient, w: World, it: Awaited<ReturnType<typeof items>>, start: number, end: number) {
  const CHUNK = 5000;
  for (let from = start; from < end; from += CHUNK) {
    const n = Math.min(CHUNK, end - from);
    const ids = Array.from({ length: n }, (_, k) => from + k);
    const soft = ids.filter((i) => i % 8 < 4);
    const inv = ids.filter((i) => i % 8 === 4 || i % 8 === 5);
    const dec = ids.filter((i) => i % 8 === 6);
    const chk = ids.filter((i) => i % 8 === 7);
    const ag = (i: number) => i % AGENCIES;
    await p.softMeasure.createMany({
      data: soft.map((i) => ({
        agencyId: w.agencies[ag(i)],
        officerId: w.officers[ag(i)],
        enterpriseId: w.enterprises[i % LIST],
        kind: KINDS[i % KINDS.length],
        content: '提醒依法公示营业执照',
        basis: '《市场主体登记管理条例》第三十六条',
        takenOn: dayOf(i),
        followUpOn: new Date(dayOf(i).getTime() + 30 * DAY),
        outcome: OUTCOMES[i % OUTCOMES.length],
        recordedBy: 'system:bench',
        recordedAt: new Date(),
      })),
    });
    await p.invitation.createMany({
      data: inv.map((i) => {
        const requestedAt = new Date(dayOf(i).getTime() + 2 * 3600_000);
        const status = STATUSES[i % STATUSES.length];
        return {
          agencyId: w.agencies[ag(i)],
          enterpriseId: w.enterprises[i % LIST],
          status,
          topics: '合规体检',
          preferredFrom: dayOf(i),
          preferredTo: dayOf(i),
          requestedBy: 'system:bench',
          requestedAt,
          respondedAt: status === 'REQUESTED' ? null : new Date(requestedAt.getTime() + ((i % 97) + 1) * 3600_000),
          rating: status === 'CLOSED' ? (i % 5) + 1 : null,
        };
      }),
    });
    if (dec.length) {
      const numbers = dec.map((i) => `柔性基准〔${year}〕${i}号`);
      await p.enforcementCase.createMany({
        data: dec.map((i, k) => ({
          number: numbers[k],
          agencyId: w.agencies[ag(i)],
          partyKind: 'ENTERPRISE' as const,
          enterpriseId: w.enterprises[i % LIST],
          violation: '未按规定公示营业执照',
          violatedProvision: '《市场主体登记管理条例》第三十六条',
          penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
        })),
      });
      const cases = await p.enforcementCase.findMany({
        where: { number: { in: numbers } },
        select: { id: true, number: true },
      });
      const caseOf = new Map(cases.map((c) => [c.number, c.id]));
      await p.flexibleDecisionBasis.createMany({
        data: dec.map((i, k) => {
          const item = i % 2 ? it.lighter : it.mitigated;
          const fine = BigInt(100_000 + (i % 10) * 10_000);
          return {
            caseId: caseOf.get(numbers[k])!,
            agencyId: w.agencies[ag(i)],
            decision: i % 2 ? 'LIGHTER' : 'MITIGATED',
            itemId: item.id,
            listId: item.listId,
            listVersion: 1,
            domain: '市场监管',
            circumstance: 'ELIMINATED_HARM' as const,
            exclusionsAbsent: true,
            fineFen: fine,
            matterMaxFineFen: 3_000_000n,
            fineNotImposedFen: 3_000_000n - fine,
            decided: true,
            decidedBy: 'system:bench',
            decidedAt: new Date(dayOf(i).getTime() + 3 * 3600_000),
          };
        }),
      });
    }
    if (chk.length) {
      const c = await p.enforcementCase.findFirstOrThrow({ select: { id: true } });
      await p.compulsoryMeasureCheck.createMany({
        data: chk.map((i) => ({
          caseId: c.id,
          agencyId: w.agencies[ag(i)],
          measureKind: 'SEAL_UP' as const,
          itemId: it.waivable.id,
          listId: it.waivable.listId,
          listVersion: 1,
          outcome: (['WAIVED', 'JUSTIFIED', 'REFUSED'] as const)[i % 3],
          approvedBy: i % 2 ? 'system:bench' : null,
          recordedBy: 'system:bench',
          recordedAt: new Date(dayOf(i).getTime() + 4 * 3600_000),
        })),
      });
    }
  }
}

const STATS = `query($a: ID, $from: Date!, $to: Date!) { flexibleEnforcementStats(agencyId: $a, from: $from, to: $to) {
  softMeasures { total byKind { reminder notice } complied notComplied open overdue followedByCaseShare }
  invitations { total byStatus { requested closed } medianResponseHours averageResponseHours averageRating }
  lighter { decisions fineImposedFen fineNotImposedFen } mitigated { decisions fineNotImposedFen }
  measureChecks { waived justifiedApproved justifiedPending refused } } }`;

/** The same figures (the county's) by GROUP BY over the rows of the range: what the rollup is measured against. */
const AGGREGATE = `SELECT
  (SELECT json_agg(x) FROM (SELECT kind, outcome, count(*) AS n,
     count(*) FILTER (WHERE outcome IS NULL AND "followUpOn" < CURRENT_DATE) AS overdue,
     count("followUpCaseId") AS followed
   FROM "SoftMeasure" WHERE "takenOn" BETWEEN $1::date AND $2::date GROUP BY 1, 2) x) AS soft,
  (SELECT json_agg(y) FROM (SELECT status, count(*) AS n,
     percentile_cont(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM "respondedAt" - "requestedAt") / 3600)) AS median,
     avg(extract(epoch FROM "respondedAt" - "requestedAt")) AS mean, count(rating) AS rated, avg(rating) AS rating
   FROM "Invitation" WHERE "requestedAt" >= $1::date - interval '8 hours' AND "requestedAt" < $2::date + interval '16 hours'
   GROUP BY 1) y) AS invitations,
  (SELECT json_agg(z) FROM (SELECT decision, count(*) AS n, sum("fineFen") AS fine, sum("fineNotImposedFen") AS left
   FROM "FlexibleDecisionBasis" WHERE decided AND "decidedAt" >= $1::date - interval '8 hours'
     AND "decidedAt" < $2::date + interval '16 hours' GROUP BY 1) z) AS decisions,
  (SELECT json_agg(v) FROM (SELECT outcome, count(*) AS n, count("approvedBy") AS approved
   FROM "CompulsoryMeasureCheck" WHERE "recordedAt" >= $1::date - interval '8 hours'
     AND "recordedAt" < $2::date + interval '16 hours' GROUP BY 1) v) AS checks`;

/** What a list of soft measures or invitations shows first, where the type has it. */
const PREFERRED = ['id', 'kind', 'status', 'outcome', 'takenOn', 'requestedAt', 'followUpOn', 'scheduledFor'];

/** Leaf fields of a type that take no required argument (a node's own columns), the preferred first, at most `max`. */
function leaves(t: GraphQLObjectType, max: number): string[] {
  const rank = (name: string) => (PREFERRED.includes(name) ? PREFERRED.indexOf(name) : PREFERRED.length);
  return Object.values(t.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type)))
    .map((f) => f.name)
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, max);
}

/** `softMeasures(first: 5) { … } invitations(first: 5) { … }` as the schema has them, or null when it has not both. */
function nestedSelection(): string | null {
  const enterprise = createSchema({ plugins: [flexibleEnforcementPlugin] }).schema.getType('Enterprise');
  if (!isObjectType(enterprise)) return null;
  const parts: string[] = [];
  for (const name of ['softMeasures', 'invitations']) {
    const field = enterprise.getFields()[name];
    if (!field) return null;
    const conn = getNamedType(field.type);
    if (!isObjectType(conn)) return null;
    const edges = conn.getFields().edges;
    const edge = edges && getNamedType(edges.type);
    const node = edge && isObjectType(edge) ? getNamedType(edge.getFields().node.type) : null;
    if (!node || !isObjectType(node)) return null;
    parts.push(`${name}(first: 5) { edges { node { ${leaves(node, 4).join(' ')} } } }`);
  }
  return parts.join(' ');
}

async function main() {
  const root = mkdtempSync(path.join(tmpdir(), 'zhifa-bench-flexible-'));
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
  const app = await createApp({ db, plugins: [flexibleEnforcementPlugin], jwtSecret: BENCH_SECRET, production: true });
  try {
    const p = db.prisma;
    const w = await createWorld(p);
    const it = await items(p, w.agencies[0]);

    const request = async (token: string, query: string, variables: object = {}) => {
      const res = await app.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { errors?: unknown[]; data?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body;
    };
    const timed = async (fn: () => Promise<unknown>) => {
      const before = statements;
      const s = performance.now();
      await fn();
      return { ms: performance.now() - s, statements: statements - before };
    };
    type Sample = { ms: number; statements: number };
    const median = (xs: Sample[]) =>
      quantile(
        xs.map((x) => x.ms),
        0.5,
      );
    const row = (name: string, xs: Sample[], base: number) =>
      console.log(
        `| ${name} | ${median(xs).toFixed(2)} | ${quantile(
          xs.map((x) => x.ms),
          0.9,
        ).toFixed(2)} | ${[...new Set(xs.map((x) => x.statements))].join('/')} | ${(median(xs) / base).toFixed(2)} |`,
      );
    const header = (ratio: string) => {
      console.log(`\n| request | median ms | p90 ms | statements | ${ratio} |`);
      console.log('|---|---:|---:|---:|---:|');
    };
    console.log(`\n${url ? 'PostgreSQL' : 'PGlite'}; in-process yoga.fetch; ${ROUNDS} rounds, interleaved`);

    if (runs('list')) {
      const nested = nestedSelection();
      if (!nested)
        console.log(
          '\nlist: skipped — Enterprise.softMeasures / Enterprise.invitations are not in this schema yet (other slices of issue 20)',
        );
      else {
        await writeRows(p, w, it, 0, 2_000);
        await p.$executeRawUnsafe('VACUUM ANALYZE');
        const PLAIN = `{ enterprises(first: ${LIST}) { edges { node { id name } } } }`;
        const NESTED = `{ enterprises(first: ${LIST}) { edges { node { id name ${nested} } } } }`;
        console.log(`\nlist: ${NESTED}`);
        for (let i = 0; i < 20; i++) {
          await request(w.supervisor, PLAIN);
          await request(w.supervisor, NESTED);
        }
        const a: Sample[] = [];
        const b: Sample[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          a.push(await timed(() => request(w.supervisor, PLAIN)));
          b.push(await timed(() => request(w.supervisor, NESTED)));
        }
        header('ratio to baseline');
        row(`enterprises(first: ${LIST}) { id name } — baseline`, a, median(a));
        row(`enterprises(first: ${LIST}) with softMeasures(first: 5) and invitations(first: 5)`, b, median(a));
      }
    }

    if (runs('stats')) {
      const samples: [string, Sample[]][] = [];
      let written = await p.softMeasure.count();
      written += await p.invitation.count();
      written += await p.flexibleDecisionBasis.count();
      written += await p.compulsoryMeasureCheck.count();
      for (const volume of VOLUMES) {
        const t = performance.now();
        await writeRows(p, w, it, written, volume);
        written = volume;
        // A bulk load updates the county's cells once per statement: vacuumed, as autovacuum would leave them.
        await p.$executeRawUnsafe('VACUUM ANALYZE');
        const cells = await p.flexibleStatsRollup.count();
        const read = async (agencyId: number) => {
          const grains = rangeCells(FROM, TO);
          const [r] = await p.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "FlexibleStatsRollup" r
            JOIN unnest(${grains.map((c) => c.grain)}::text[], ${grains.map((c) => c.day)}::date[]) AS c(g, d)
              ON r."grain" = c.g AND r."day" = c.d WHERE r."agencyId" = ${agencyId}`;
          return Number(r.n);
        };
        if (argv.includes('--explain')) {
          const grains = rangeCells(FROM, TO);
          const plan = await p.$queryRawUnsafe<Record<string, string>[]>(
            `EXPLAIN (ANALYZE, BUFFERS) SELECT r."metric", r."key", SUM(r."value")::bigint AS "value"
             FROM unnest($1::text[], $2::date[]) AS c(g, d) CROSS JOIN LATERAL (SELECT x."metric", x."key", x."value"
               FROM "FlexibleStatsRollup" x WHERE x."agencyId" = 0 AND x."grain" = c.g AND x."day" = c.d OFFSET 0) r
             GROUP BY r."metric", r."key"`,
            grains.map((c) => c.grain),
            grains.map((c) => c.day),
          );
          console.log(plan.map((r) => Object.values(r)[0]).join('\n'));
        }
        console.log(
          `\n${volume.toLocaleString('en-US')} rows: ${cells.toLocaleString('en-US')} rollup cells (written in ${((performance.now() - t) / 1000).toFixed(1)} s); a request sums ${await read(0)} (county) / ${await read(w.agencies[0])} (one agency)`,
        );
        const cases: [string, () => Promise<unknown>][] = [
          ['county', () => request(w.supervisor, STATS, { a: null, from: FROM, to: TO })],
          [
            'one agency',
            () => request(w.supervisor, STATS, { a: globalId('Agency', w.agencies[0]), from: FROM, to: TO }),
          ],
          ['GROUP BY over the rows (county)', () => p.$queryRawUnsafe(AGGREGATE, FROM, TO)],
        ];
        for (const [, fn] of cases) for (let i = 0; i < 20; i++) await fn();
        const xs = cases.map(() => [] as Sample[]);
        for (let i = 0; i < ROUNDS; i++) for (const [k, [, fn]] of cases.entries()) xs[k].push(await timed(fn));
        for (const [k, [name]] of cases.entries())
          samples.push([
            `${name.startsWith('GROUP') ? name : `flexibleEnforcementStats (${name}, 365 days)`} at ${volume.toLocaleString('en-US')} rows`,
            xs[k],
          ]);
      }
      header(`ratio to the same at ${VOLUMES[0].toLocaleString('en-US')}`);
      const per = samples.length / VOLUMES.length;
      for (const [k, [name, xs]] of samples.entries()) row(name, xs, median(samples[k % per][1]));
    }

    if (runs('write')) {
      // One soft measure per statement, as a service writes it, alternating with the rollup's triggers on and off.
      const one = (i: number) =>
        p.softMeasure.create({
          data: {
            agencyId: w.agencies[i % AGENCIES],
            officerId: w.officers[i % AGENCIES],
            kind: KINDS[i % KINDS.length],
            content: '提醒',
            basis: '《市场主体登记管理条例》第三十六条',
            takenOn: dayOf(i),
            recordedBy: 'system:bench',
            recordedAt: new Date(),
          },
        });
      const triggers = (on: boolean) =>
        p.$executeRawUnsafe(`ALTER TABLE "SoftMeasure" ${on ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
      const on: Sample[] = [];
      const off: Sample[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        await triggers(false);
        off.push(await timed(() => one(i)));
        await triggers(true);
        on.push(await timed(() => one(i)));
      }
      const skip = Math.min(10, Math.floor(ROUNDS / 5)); // the first inserts warm the plans up
      const base = median(off.slice(skip));
      header('ratio to baseline');
      row('insert one SoftMeasure, triggers disabled — baseline', off.slice(skip), base);
      row('insert one SoftMeasure, the rollup kept by its triggers', on.slice(skip), base);
    }
  } finally {
    await app.close();
    await db.close();
    rmSync(root, { recursive: true, force: true });
    cluster?.stop();
  }
}

await main();
