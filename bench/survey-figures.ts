// Reading the satisfaction figures costs the same at 10 responses and at 200,000 (issue 18, "Speed"): the
// figures are sums over SurveyRollup, whose rows are fixed by the campaign's shape (agencies × townships ×
// respondent types × items × quality classes), never by its responses. Two campaigns of the same shape, one with
// 10 responses and one with 200,000 (responses and rollups written in bulk for the set-up, the rollups through
// the one rollup writer), read through the real schema (yoga, in process, as a supervisor): countySatisfaction,
// and every agency's figures (agencies { satisfaction(campaignId) { … } }). Prints the median and p90 per
// request, the ratio large/small (≈ 1 within noise) and the SQL statements per request (constant).
//
//   pnpm tsx bench/survey-figures.ts                       PGlite (embedded), 200,000 responses
//   pnpm tsx bench/survey-figures.ts --db postgres        a throwaway PostgreSQL cluster from the local binaries,
//                                                         or BENCH_DATABASE_URL (an empty database, migrated first)
//   pnpm tsx bench/survey-figures.ts --responses 20000 --rounds 100     other sizes
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CaseGuards, PluginSettings, globalId, unitOfWork } from '@zhifa/core';
import type { PrismaClient } from '@zhifa/core/prisma';
import { createApp, openDatabase, signToken } from '@zhifa/server';
import { LEVELS, satisfactionSurveyPlugin } from '@zhifa/plugin-satisfaction-survey';
import { addToRollups, type RollupDelta } from '../plugins/satisfaction-survey/src/rollups.js';
import { BENCH_SECRET } from './lib/servers.js';
import { findPgBin, startCluster, type Cluster } from '../scripts/pg-cluster.js';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const LARGE = Number(flag('responses') ?? 200_000);
const SMALL = 10;
const ROUNDS = Number(flag('rounds') ?? 200);
const AGENCIES = 20;
const TOWNSHIPS = 10;
const CHUNK = 5_000;

const ITEMS = [
  ['Q1', 'NORMATIVE', 1],
  ['Q2', 'CIVILITY', 1],
  ['Q3', 'FAIRNESS', 2],
  ['Q4', 'EFFICIENCY', 1],
  ['Q5', 'INTEGRITY', 1],
  ['Q6', 'BURDEN', 1],
  ['Q7', 'FLEXIBLE', 1],
  ['Q8', 'OVERALL', 2],
] as const;
const TYPES = ['PUBLIC', 'ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'LAWYER', 'OTHER'] as const;

/** Deterministic pseudo-random numbers (mulberry32), so every run writes the same data. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface World {
  supervisor: string;
  agencies: number[];
  townships: number[];
  org: number;
  justice: number;
}

async function createWorld(p: PrismaClient): Promise<World> {
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const justice = await p.agency.create({
    data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU', parentId: county.id },
  });
  const person = await p.person.create({ data: { agencyId: justice.id, name: '孙监督', roles: ['SUPERVISOR'] } });
  const org = await p.agency.create({ data: { name: '某某调查咨询有限公司', kind: 'SURVEY_ORGANISATION' } });
  const agencies = [];
  for (let i = 0; i < AGENCIES; i++)
    agencies.push(
      (await p.agency.create({ data: { name: `执法单位${i + 1}`, kind: 'ENFORCEMENT_AGENCY', parentId: county.id } }))
        .id,
    );
  const townships = [];
  for (let i = 0; i < TOWNSHIPS; i++)
    townships.push((await p.agency.create({ data: { name: `镇${i + 1}`, kind: 'TOWNSHIP', parentId: county.id } })).id);
  return {
    supervisor: signToken(BENCH_SECRET, `person:${person.id}`, 24 * 3600),
    agencies,
    townships,
    org: org.id,
    justice: justice.id,
  };
}

/** A campaign of the bench's shape with `responses` responses, its rollups kept by the one rollup writer. */
async function createCampaign(p: PrismaClient, w: World, title: string, responses: number): Promise<number> {
  const c = await p.surveyCampaign.create({
    data: {
      title,
      periodStart: new Date('2026-01-01'),
      periodEnd: new Date('2026-12-31'),
      commissioningAgencyId: w.justice,
      organisationId: w.org,
      respondentTypes: [...TYPES],
      channels: ['PHONE'],
      status: 'OPEN',
      createdBy: 'bench',
      openedAt: new Date(),
      units: {
        create: [
          ...w.agencies.map((agencyId) => ({ agencyId, evaluated: true })),
          ...w.townships.map((agencyId) => ({ agencyId, evaluated: false })),
        ],
      },
      strata: { create: w.agencies.map((agencyId, i) => ({ agencyId, population: 100 + 37 * i, sampleSize: 80 })) },
      questionnaires: {
        create: {
          version: 1,
          frozenAt: new Date(),
          createdBy: 'bench',
          items: {
            create: ITEMS.map(([code, dimension, weight], position) => ({
              code,
              position,
              kind: 'LIKERT5' as const,
              dimension,
              text: code,
              weight,
            })),
          },
        },
      },
    },
    include: { questionnaires: { include: { items: true } } },
  });
  const itemIds = c.questionnaires[0].items.sort((a, b) => a.position - b.position).map((i) => i.id);
  const next = random(c.id);
  const env = {
    prisma: p,
    viewer: { kind: 'system' as const, name: 'bench' },
    guards: new CaseGuards(),
    settings: new PluginSettings(),
    clock: () => new Date(),
  };
  for (let start = 0; start < responses; start += CHUNK) {
    const n = Math.min(CHUNK, responses - start);
    const batch = await p.surveyBatch.create({ data: { campaignId: c.id, apiKeyId: 0, accepted: n, duplicates: 0 } });
    const rows = {
      ext: [] as string[],
      type: [] as string[],
      agency: [] as number[],
      township: [] as number[],
      answers: [] as string[],
    };
    const deltas: RollupDelta[] = [];
    for (let i = 0; i < n; i++) {
      const agencyId = w.agencies[Math.floor(next() * AGENCIES)];
      const townshipId = w.townships[Math.floor(next() * TOWNSHIPS)];
      const respondentType = TYPES[Math.floor(next() * TYPES.length)];
      // Mostly satisfied, as the county's surveys are: 60% / 28% / 6% / 4% / 2%.
      const answers: Record<string, string> = {};
      ITEMS.forEach(([code], k) => {
        const r = next();
        const level = LEVELS[r < 0.6 ? 0 : r < 0.88 ? 1 : r < 0.94 ? 2 : r < 0.98 ? 3 : 4];
        answers[code] = level;
        deltas.push({ agencyId, townshipId, respondentType, itemId: itemIds[k], quality: 'CLEAN', level, count: 1 });
      });
      rows.ext.push(`R-${start + i}`);
      rows.type.push(respondentType);
      rows.agency.push(agencyId);
      rows.township.push(townshipId);
      rows.answers.push(JSON.stringify(answers));
    }
    await unitOfWork(
      env,
      async (uow) => {
        await uow.tx.$executeRaw`
          INSERT INTO "SurveyResponse" ("campaignId", "batchId", "externalId", "respondentType", "agencyId", "townshipId",
            "channel", "collectedAt", "durationSeconds", "answers", "fingerprint", "flags")
          SELECT ${c.id}, ${batch.id}, e, t::"SurveyRespondentType", a, s, 'PHONE', now(), 300, j::jsonb, e, '{}'
          FROM unnest(${rows.ext}::text[], ${rows.type}::text[], ${rows.agency}::int[], ${rows.township}::int[],
            ${rows.answers}::text[]) AS r(e, t, a, s, j)`;
        await addToRollups(uow.tx, c.id, deltas);
      },
      { silent: 'bench set-up, written in bulk' },
    );
  }
  await p.surveyCampaign.update({ where: { id: c.id }, data: { responseCount: responses } });
  return c.id;
}

const COUNTY = `query($c: ID!) { countySatisfaction(campaignId: $c) { targetRate verdict
  pooled { validAnswers satisfiedAnswers rate score interval { low high } verdict }
  stratified { rate strata verdict interval { low high } } } }`;
const AGENCIES_Q = `query($c: ID!) { agencies(first: 100, kind: ENFORCEMENT_AGENCY) { edges { node { name
  satisfaction(campaignId: $c) { overall { validAnswers rate score interval { low high } verdict }
    dimensions { dimension validAnswers rate score verdict } } } } } }`;

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)];

async function main() {
  const root = mkdtempSync(path.join(tmpdir(), 'zhifa-bench-survey-'));
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
  const app = await createApp({ db, plugins: [satisfactionSurveyPlugin], jwtSecret: BENCH_SECRET, production: true });
  try {
    const p = db.prisma;
    const w = await createWorld(p);
    let t = performance.now();
    // 10 responses fill 80 rollup cells; a few thousand fill every cell of the shape; from then on the rows —
    // and the read — stay as they are however many responses come. The middle size shows where that happens.
    const sizes = [SMALL, Math.round(LARGE / 10), LARGE];
    const campaigns: { responses: number; id: number; rollups: number }[] = [];
    for (const responses of sizes) {
      const id = await createCampaign(p, w, `${responses}`, responses);
      campaigns.push({ responses, id, rollups: await p.surveyRollup.count({ where: { campaignId: id } }) });
    }
    console.log(
      `set-up: ${sizes.map((n) => n.toLocaleString('en-US')).join(' + ')} responses in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    await p.$executeRawUnsafe('ANALYZE');
    const bound = AGENCIES * TOWNSHIPS * TYPES.length * ITEMS.length * 3;

    const request = async (query: string, campaignId: number) => {
      const res = await app.yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${w.supervisor}` },
        body: JSON.stringify({ query, variables: { c: globalId('SurveyCampaign', campaignId) } }),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    console.log(
      `\n${ROUNDS} rounds, the campaigns interleaved; ${url ? 'PostgreSQL' : 'PGlite'}; in-process yoga.fetch as a supervisor; ${AGENCIES} agencies, ${TOWNSHIPS} townships, ${TYPES.length} respondent types, ${ITEMS.length} items: at most ${bound.toLocaleString('en-US')} rollup rows\n`,
    );
    console.log('| query | responses | rollup rows | median ms | p90 ms | statements/request | median / largest |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const [name, query] of [
      ['countySatisfaction', COUNTY],
      ['agencies { satisfaction }', AGENCIES_Q],
    ] as const) {
      for (let i = 0; i < 20; i++) for (const c of campaigns) await request(query, c.id); // warm-up
      const times = campaigns.map(() => [] as number[]);
      const stmts = campaigns.map(() => new Set<number>());
      for (let i = 0; i < ROUNDS; i++)
        for (const [k, c] of campaigns.entries()) {
          const before = statements;
          t = performance.now();
          await request(query, c.id);
          times[k].push(performance.now() - t);
          stmts[k].add(statements - before);
        }
      const largest = quantile(times.at(-1)!, 0.5);
      for (const [k, c] of campaigns.entries())
        console.log(
          `| ${name} | ${c.responses.toLocaleString('en-US')} | ${c.rollups.toLocaleString('en-US')} | ${quantile(times[k], 0.5).toFixed(2)} | ${quantile(times[k], 0.9).toFixed(2)} | ${[...stmts[k]].join('/')} | ${(quantile(times[k], 0.5) / largest).toFixed(2)} |`,
        );
    }
  } finally {
    await app.close();
    await db.close();
    rmSync(root, { recursive: true, force: true });
    cluster?.stop();
  }
}

await main();
