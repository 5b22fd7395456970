// `tsx bench/survey-submit.ts [--responses N] [--batch 1000] [--db postgres|pglite]`: the survey organisation's batch
// API (issue 18) against a hand-written script. N responses (default 200,000) in batches of 1,000 go through the real
// API — HTTP to a started server (production mode, its own process), the API key, validation, idempotency, rollups,
// counters, events — and the same rows (responses, free text) are written by multi-row INSERTs from this process
// (`pg` on PostgreSQL, PGlite's own client on the embedded database, after the server stopped: one process per
// data dir). Prints the throughput ratio API / raw (target ≥ 0.3) and the per-batch latency p50 / p99 (target < 1 s
// on PostgreSQL). PostgreSQL: BENCH_DATABASE_URL, else a throwaway local cluster (default); PGlite with --db pglite.
// Also `pnpm bench --only survey` (bench/run.ts). BENCH_CPU_PROF=<dir> profiles the server (node --cpu-prof).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { newApiKey } from '@zhifa/core';
import { openDatabase } from '@zhifa/server';
import { startZhifa, type Target } from './lib/servers.js';
import { findPgBin, startCluster } from '../scripts/pg-cluster.js';

const LEVELS = ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED'];
const ITEMS = [
  ['Q1', 'LIKERT5', 'NORMATIVE'],
  ['Q2', 'LIKERT5', 'CIVILITY'],
  ['Q3', 'LIKERT5', 'FAIRNESS'],
  ['Q4', 'LIKERT5', 'EFFICIENCY'],
  ['Q5', 'LIKERT5', 'INTEGRITY'],
  ['Q6', 'LIKERT5', 'BURDEN'],
  ['Q7', 'LIKERT5', 'FLEXIBLE'],
  ['Q8', 'LIKERT5', 'OVERALL'],
  ['Q9', 'SINGLE_CHOICE', null],
  ['Q10', 'FREE_TEXT', 'OVERALL'],
] as const;
const TYPES = ['PUBLIC', 'ENTERPRISE', 'LAWYER'];
const AGENCIES = 20;
const TOWNSHIPS = 10;

const SUBMIT = `mutation($c: ID!, $r: [SurveyResponseInput!]!) { submitSurveyResponses(campaignId: $c, responses: $r) {
  __typename ... on MutationSubmitSurveyResponsesSuccess { data { accepted duplicates } }
  ... on Error { message } } }`;

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');

interface Fixtures {
  key: string;
  apiCampaign: number;
  rawCampaign: number;
  apiKeyId: number;
  agencies: number[];
  townships: number[];
  items: Record<string, number>;
  rawItems: Record<string, number>;
}

async function writeFixtures(target: Target): Promise<Fixtures> {
  const db = await openDatabase(target);
  const p = db.prisma;
  const tag = `${process.pid}-${Date.now()}`;
  const agency = async (
    name: string,
    kind: 'JUSTICE_BUREAU' | 'ENFORCEMENT_AGENCY' | 'TOWNSHIP' | 'SURVEY_ORGANISATION',
  ) => (await p.agency.create({ data: { name: `${name}〔${tag}〕`, kind } })).id;
  const justice = await agency('调查基准司法局', 'JUSTICE_BUREAU');
  const org = await agency('调查基准调查公司', 'SURVEY_ORGANISATION');
  const agencies: number[] = [];
  for (let i = 0; i < AGENCIES; i++) agencies.push(await agency(`调查基准执法局${i}`, 'ENFORCEMENT_AGENCY'));
  const townships: number[] = [];
  for (let i = 0; i < TOWNSHIPS; i++) townships.push(await agency(`调查基准镇${i}`, 'TOWNSHIP'));
  const k = newApiKey();
  const apiKey = await p.apiKey.create({ data: { agencyId: org, label: 'bench', prefix: k.prefix, hash: k.hash } });
  const campaign = async (title: string) => {
    const c = await p.surveyCampaign.create({
      data: {
        title,
        periodStart: new Date('2026-01-01'),
        periodEnd: new Date('2026-12-31'),
        commissioningAgencyId: justice,
        organisationId: org,
        respondentTypes: ['PUBLIC', 'ENTERPRISE', 'LAWYER'],
        channels: ['PHONE', 'ONLINE', 'ON_SITE'],
        status: 'OPEN',
        openedAt: new Date(),
        createdBy: 'system:bench',
        units: {
          create: [
            ...agencies.map((agencyId) => ({ agencyId, evaluated: true })),
            ...townships.map((agencyId) => ({ agencyId, evaluated: false })),
          ],
        },
        questionnaires: {
          create: {
            version: 1,
            frozenAt: new Date(),
            createdBy: 'system:bench',
            items: {
              create: ITEMS.map(([code, kind, dimension], position) => ({
                code,
                position,
                kind,
                dimension,
                text: code,
                options: kind === 'SINGLE_CHOICE' ? ['0', '1-2', '3+'] : [],
                required: kind !== 'FREE_TEXT',
              })),
            },
          },
        },
      },
      include: { questionnaires: { include: { items: true } } },
    });
    return { id: c.id, items: Object.fromEntries(c.questionnaires[0].items.map((i) => [i.code, i.id])) };
  };
  const api = await campaign(`调查基准 API ${tag}`);
  const raw = await campaign(`调查基准 raw ${tag}`);
  await db.close();
  return {
    key: k.key,
    apiKeyId: apiKey.id,
    apiCampaign: api.id,
    rawCampaign: raw.id,
    agencies,
    townships,
    items: api.items,
    rawItems: raw.items,
  };
}

/** Response i: deterministic; every fifth with a free-text answer, every seventh collected too fast. */
function responseOf(f: Fixtures, i: number) {
  const answers: { item: string; level?: string; choice?: string; text?: string }[] = ITEMS.filter(
    ([, kind]) => kind === 'LIKERT5',
  ).map(([code], k) => ({ item: code, level: LEVELS[(i * 7 + k * (i % 3)) % 5] }));
  answers.push({ item: 'Q9', choice: ['0', '1-2', '3+'][i % 3] });
  if (i % 5 === 0) answers.push({ item: 'Q10', text: `第${i}份：执法人员态度较好，建议进一步缩短办理时限。` });
  return {
    externalId: `B-${i}`,
    respondentType: TYPES[i % 3],
    agency: f.agencies[i % AGENCIES],
    township: f.townships[(i >> 1) % TOWNSHIPS],
    channel: ['PHONE', 'ONLINE', 'ON_SITE'][i % 3],
    collectedAt: new Date(Date.UTC(2026, 2, 1) + (i % 1000) * 60_000).toISOString(),
    durationSeconds: i % 7 === 0 ? 30 : 240 + (i % 300),
    answers,
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export interface SurveySubmitResult {
  responses: number;
  api: { seconds: number; perSecond: number; p50: number; p99: number };
  raw: { seconds: number; perSecond: number };
  ratio: number;
}

export async function surveySubmitBench(
  target: Target,
  opts: { responses: number; batch: number; log?: (s: string) => void },
): Promise<SurveySubmitResult> {
  const log = opts.log ?? console.log;
  const f = await writeFixtures(target);
  const batches = Math.ceil(opts.responses / opts.batch);
  const batchOf = (b: number) =>
    Array.from({ length: Math.min(opts.batch, opts.responses - b * opts.batch) }, (_, k) => {
      const r = responseOf(f, b * opts.batch + k);
      return { ...r, agency: gid('Agency', r.agency), township: gid('Agency', r.township) };
    });

  // The API: one client submitting batch after batch, as the organisation's integration would.
  const server = await startZhifa(target, { ZHIFA_PLUGINS: 'satisfaction-survey' });
  const latencies: number[] = [];
  let apiSeconds: number;
  try {
    const url = `http://127.0.0.1:${server.port}/graphql`;
    const campaignId = gid('SurveyCampaign', f.apiCampaign);
    // One warm-up batch of other ids would change the counts; the first batch's latency is in the figures.
    const t0 = performance.now();
    for (let b = 0; b < batches; b++) {
      const body = JSON.stringify({ query: SUBMIT, variables: { c: campaignId, r: batchOf(b) } });
      const s = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${f.key}` },
        body,
      });
      const json = (await res.json()) as {
        data?: { submitSurveyResponses: { __typename: string; data?: { accepted: number }; message?: string } };
      };
      latencies.push(performance.now() - s);
      const r = json.data?.submitSurveyResponses;
      if (r?.data?.accepted !== Math.min(opts.batch, opts.responses - b * opts.batch))
        throw new Error(`batch ${b}: ${JSON.stringify(json).slice(0, 400)}`);
      if ((b + 1) % 20 === 0) log(`[survey] API ${b + 1}/${batches} batches`);
    }
    apiSeconds = (performance.now() - t0) / 1000;
  } finally {
    await server.stop();
  }

  // The hand-written script: the same rows, multi-row INSERTs, one transaction per batch.
  const rawSeconds = await rawInserts(target, f, batches, opts);
  const apiRate = opts.responses / apiSeconds;
  const rawRate = opts.responses / rawSeconds;
  return {
    responses: opts.responses,
    api: { seconds: apiSeconds, perSecond: apiRate, p50: pct(latencies, 50), p99: pct(latencies, 99) },
    raw: { seconds: rawSeconds, perSecond: rawRate },
    ratio: apiRate / rawRate,
  };
}

interface Exec {
  query<R>(sql: string, params: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

async function rawClient(target: Target): Promise<Exec> {
  if (target.kind === 'postgres') {
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    return {
      query: async <R>(sql: string, params: unknown[]) => (await c.query(sql, params)).rows as R[],
      close: () => c.end(),
    };
  }
  const db = await PGlite.create(target.dataDir);
  return {
    query: async <R>(sql: string, params: unknown[]) => (await db.query<R>(sql, params)).rows,
    close: () => db.close(),
  };
}

async function rawInserts(target: Target, f: Fixtures, batches: number, opts: { responses: number; batch: number }) {
  const db = await rawClient(target);
  try {
    const t0 = performance.now();
    for (let b = 0; b < batches; b++) {
      const rows = Array.from({ length: Math.min(opts.batch, opts.responses - b * opts.batch) }, (_, k) =>
        responseOf(f, b * opts.batch + k),
      );
      await db.query('BEGIN', []);
      const [batch] = await db.query<{ id: number }>(
        `INSERT INTO "SurveyBatch" ("campaignId", "apiKeyId", "accepted", "duplicates") VALUES ($1, $2, $3, 0) RETURNING "id"`,
        [f.rawCampaign, f.apiKeyId, rows.length],
      );
      const params: unknown[] = [];
      const values = rows.map((r) => {
        const answers = Object.fromEntries(r.answers.map((a) => [a.item, a.level ?? a.choice ?? a.text]));
        const fingerprint = createHash('sha256')
          .update(JSON.stringify([r.externalId, answers]))
          .digest('hex');
        const cols = [
          f.rawCampaign,
          batch.id,
          r.externalId,
          r.respondentType,
          r.agency,
          r.township,
          r.channel,
          r.collectedAt,
          r.durationSeconds,
          JSON.stringify(answers),
          fingerprint,
        ];
        const at = params.length;
        params.push(...cols);
        return `(${cols.map((_, j) => `$${at + j + 1}`).join(', ')}, '{}')`;
      });
      const ids = await db.query<{ id: number; externalId: string }>(
        `INSERT INTO "SurveyResponse" ("campaignId", "batchId", "externalId", "respondentType", "agencyId", "townshipId",
          "channel", "collectedAt", "durationSeconds", "answers", "fingerprint", "flags") VALUES ${values.join(', ')}
         RETURNING "id", "externalId"`,
        params,
      );
      const idOf = new Map(ids.map((x) => [x.externalId, x.id]));
      const texts = rows.filter((r) => r.answers.some((a) => a.text));
      if (texts.length) {
        const tp: unknown[] = [];
        const tv = texts.map((r) => {
          const cols = [
            f.rawCampaign,
            idOf.get(r.externalId),
            f.rawItems.Q10,
            r.agency,
            r.respondentType,
            r.answers.at(-1)!.text,
          ];
          const at = tp.length;
          tp.push(...cols);
          return `($${at + 1}, $${at + 2}, $${at + 3}, 'OVERALL', $${at + 4}, $${at + 5}, $${at + 6})`;
        });
        await db.query(
          `INSERT INTO "SurveyFreeText" ("campaignId", "responseId", "itemId", "dimension", "agencyId", "respondentType", "text")
           VALUES ${tv.join(', ')}`,
          tp,
        );
      }
      await db.query('COMMIT', []);
    }
    return (performance.now() - t0) / 1000;
  } finally {
    await db.close();
  }
}

export function formatSurveySubmit(r: SurveySubmitResult, label: string): string[] {
  const f0 = (x: number) => Math.round(x).toLocaleString('en-US');
  const head = [
    'database',
    'responses',
    'API (HTTP, batches of 1,000)',
    'raw multi-row INSERTs',
    'ratio API/raw (target ≥ 0.3)',
    'batch p50',
    'batch p99 (target < 1 s on PostgreSQL)',
  ];
  const row = [
    label,
    f0(r.responses),
    `${f0(r.api.perSecond)}/s (${r.api.seconds.toFixed(1)} s)`,
    `${f0(r.raw.perSecond)}/s (${r.raw.seconds.toFixed(1)} s)`,
    r.ratio.toFixed(2),
    `${f0(r.api.p50)} ms`,
    `${f0(r.api.p99)} ms`,
  ];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, `| ${row.join(' | ')} |`];
}

async function main() {
  const argv = process.argv.slice(2);
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const responses = Number(flag('responses') ?? 200_000);
  const batch = Number(flag('batch') ?? 1000);
  const kind = flag('db') ?? 'postgres';
  let target: Target;
  let label: string;
  let cleanup = () => {};
  if (kind === 'pglite') {
    const root = mkdtempSync(path.join(tmpdir(), 'zhifa-survey-bench-'));
    target = { kind: 'pglite', dataDir: path.join(root, 'pglite') };
    label = 'PGlite (embedded)';
    cleanup = () => rmSync(root, { recursive: true, force: true });
  } else if (process.env.BENCH_DATABASE_URL) {
    target = { kind: 'postgres', url: process.env.BENCH_DATABASE_URL };
    label = 'PostgreSQL (BENCH_DATABASE_URL)';
  } else {
    const bin = findPgBin();
    if (!bin) throw new Error('no BENCH_DATABASE_URL and no local PostgreSQL binaries (or use --db pglite)');
    const cluster = await startCluster(bin, { maxConnections: 100, fsync: true });
    target = { kind: 'postgres', url: cluster.url };
    label = `${cluster.version} (local cluster, default settings)`;
    cleanup = () => cluster.stop();
  }
  try {
    const r = await surveySubmitBench(target, { responses, batch });
    for (const line of formatSurveySubmit(r, label)) console.log(line);
  } finally {
    cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
