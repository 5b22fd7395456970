// SIGKILL in the middle of a batch, then the same batch again: every response stored exactly once, the rollups
// equal to a recount. A real server process (packages/server/src/main.ts) on PostgreSQL — a throwaway local
// cluster, or ZHIFA_TEST_DATABASE_URL's server. To be sure the kill lands inside the batch's transaction, a
// second connection holds the campaign row's lock: the batch writes its batch, responses, free text and rollups,
// then waits on the campaign's counters (pg_stat_activity shows it waiting) — and the server is killed there.
// (PGlite runs inside the server process, so no second connection can hold it mid-transaction; the unit of work
// is the same code on both.)
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { newApiKey } from '@zhifa/core';
import { openDatabase, type Database } from '@zhifa/server';
import { databaseUrl, gid, testPostgresUrl } from '@zhifa/testkit';
import { findPgBin, startCluster, type Cluster } from '../../../scripts/pg-cluster.js';
import { STANDARD_ITEMS } from './fixtures.js';
import { answers } from './submit-fixtures.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MAIN = path.join(REPO, 'packages/server/src/main.ts');
const SECRET = 'sigkill-test-secret-0123456789abcdef0123456789';
const SUBMIT = `mutation($c: ID!, $r: [SurveyResponseInput!]!) { submitSurveyResponses(campaignId: $c, responses: $r) {
  __typename ... on MutationSubmitSurveyResponsesSuccess { data { accepted duplicates } } } }`;

const bin = findPgBin();
const external = testPostgresUrl();
let cluster: Cluster | null = null;
let url: string;
let db: Database;
let key: string;
let campaignId: number;
/** Servers this file started, killed in afterAll should a test fail before it killed them itself. */
const started: ChildProcess[] = [];
const ids: Record<string, number> = {};

function startServer(): Promise<{ child: ChildProcess; port: number; exited: Promise<void>; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: REPO,
    env: {
      ...process.env,
      ZHIFA_ENV: 'production',
      ZHIFA_JWT_SECRET: SECRET,
      ZHIFA_LOG: 'error',
      ZHIFA_PLUGINS: 'satisfaction-survey',
      ZHIFA_DEMO_DATA: 'false',
      DATABASE_URL: url,
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /GraphQL: http:\/\/[^:]+:(\d+)\/graphql/.exec(out);
      if (m) resolve({ child, port: Number(m[1]), exited, output: () => out });
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

const post = (port: number, responses: unknown[]) =>
  fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: SUBMIT, variables: { c: gid('SurveyCampaign', campaignId), r: responses } }),
  });

beforeAll(async () => {
  if (!external && !bin) return;
  let base = external;
  if (!base) {
    cluster = await startCluster(bin!, { maxConnections: 50, fsync: false });
    base = cluster.url;
  }
  const name = `zhifa_sigkill_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url = databaseUrl(base, name);
  db = await openDatabase({ kind: 'postgres', url });
  const p = db.prisma;
  const agency = async (
    name: string,
    kind: 'JUSTICE_BUREAU' | 'ENFORCEMENT_AGENCY' | 'TOWNSHIP' | 'SURVEY_ORGANISATION',
  ) => (await p.agency.create({ data: { name, kind } })).id;
  ids.justice = await agency('阜宁县司法局', 'JUSTICE_BUREAU');
  ids.agencyA = await agency('阜宁县市场监督管理局', 'ENFORCEMENT_AGENCY');
  ids.agencyB = await agency('盐城市阜宁生态环境局', 'ENFORCEMENT_AGENCY');
  ids.township = await agency('益林镇', 'TOWNSHIP');
  ids.org = await agency('某某调查咨询有限公司', 'SURVEY_ORGANISATION');
  const k = newApiKey();
  await p.apiKey.create({ data: { agencyId: ids.org, label: 'test', prefix: k.prefix, hash: k.hash } });
  key = k.key;
  const c = await p.surveyCampaign.create({
    data: {
      title: 'SIGKILL',
      periodStart: new Date('2026-01-01'),
      periodEnd: new Date('2026-12-31'),
      commissioningAgencyId: ids.justice,
      organisationId: ids.org,
      respondentTypes: ['PUBLIC', 'ENTERPRISE', 'LAWYER'],
      channels: ['PHONE'],
      status: 'OPEN',
      openedAt: new Date(),
      createdBy: 'system:test',
      units: {
        create: [
          { agencyId: ids.agencyA, evaluated: true },
          { agencyId: ids.agencyB, evaluated: true },
          { agencyId: ids.township, evaluated: false },
        ],
      },
      questionnaires: {
        create: {
          version: 1,
          frozenAt: new Date(),
          createdBy: 'system:test',
          items: {
            create: STANDARD_ITEMS.map((it, position) => ({
              code: it.code,
              position,
              kind: it.kind,
              dimension: it.dimension,
              text: it.text,
              options: it.options ?? [],
              weight: it.weight ?? 1,
              required: it.required ?? true,
            })),
          },
        },
      },
    },
  });
  campaignId = c.id;
}, 120_000);

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await db?.close();
  cluster?.stop();
});

it('a batch killed mid-transaction leaves nothing; resubmitted, every response is stored once', async (t) => {
  if (!external && !bin) return t.skip('no PostgreSQL (ZHIFA_TEST_DATABASE_URL or local binaries)');
  const responses = Array.from({ length: 1000 }, (_, i) => ({
    externalId: `K-${i}`,
    respondentType: ['PUBLIC', 'ENTERPRISE', 'LAWYER'][i % 3],
    agency: gid('Agency', i % 2 ? ids.agencyB : ids.agencyA),
    township: gid('Agency', ids.township),
    channel: 'PHONE',
    collectedAt: '2026-03-01T02:00:00Z',
    durationSeconds: i % 7 === 0 ? 20 : 300,
    answers: answers(i, i % 5 === 0 ? { text: `意见${i}` } : {}),
  }));

  const first = await startServer();
  // Hold the campaign row (NO KEY UPDATE: the foreign-key checks of the batch's inserts still pass), so the batch
  // blocks on its counters, after everything else of its transaction.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const blocker = db.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "SurveyCampaign" WHERE "id" = ${campaignId} FOR NO KEY UPDATE`;
      locked();
      await held;
    },
    { timeout: 60_000 },
  );
  await isLocked;
  const inFlight = post(first.port, responses).then(
    async (r) => `answered ${r.status} ${(await r.text()).slice(0, 500)}`,
    () => 'connection lost',
  );
  const until = Date.now() + 30_000;
  for (;;) {
    const [{ n }] = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE "SurveyCampaign" SET "responseCount"%'`;
    if (n > 0) break;
    if (Date.now() > until)
      throw new Error(`the batch never reached the counters: ${await inFlight}\n${first.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  // The batch's rows are written (uncommitted) and it waits on the lock: kill the server now.
  first.child.kill('SIGKILL');
  await first.exited;
  expect(await inFlight).toBe('connection lost');
  release();
  await blocker;
  // The orphaned backend gets the lock, then finds its client gone: its transaction never commits.
  for (;;) {
    const [{ n }] = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%UPDATE "SurveyCampaign" SET "responseCount"%'
        AND state <> 'idle' AND pid <> pg_backend_pid()`;
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const p = db.prisma;
  expect(await p.surveyResponse.count({ where: { campaignId } })).toBe(0);
  expect(await p.surveyRollup.count({ where: { campaignId } })).toBe(0);
  expect(await p.surveyBatch.count({ where: { campaignId } })).toBe(0);

  const second = await startServer();
  try {
    const again = await (await post(second.port, responses)).json();
    expect(again.data.submitSurveyResponses).toEqual({
      __typename: 'MutationSubmitSurveyResponsesSuccess',
      data: { accepted: 1000, duplicates: 0 },
    });
    const thrice = await (await post(second.port, responses)).json();
    expect(thrice.data.submitSurveyResponses.data).toEqual({ accepted: 0, duplicates: 1000 });
  } finally {
    second.child.kill('SIGKILL');
    await second.exited;
  }
  expect(await p.surveyResponse.count({ where: { campaignId } })).toBe(1000);
  const [{ distinct }] = await p.$queryRaw<{ distinct: number }[]>`
    SELECT count(DISTINCT "externalId")::int AS distinct FROM "SurveyResponse" WHERE "campaignId" = ${campaignId}`;
  expect(distinct).toBe(1000);
  expect(await p.surveyFreeText.count({ where: { campaignId } })).toBe(200);
  const campaign = await p.surveyCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  expect(campaign.responseCount).toBe(1000);
  // Rollups equal a recount from the stored responses.
  const [mismatch] = await p.$queryRaw<{ rollup: number; recount: number; differing: number }[]>`
    WITH answers AS (
      SELECT r."agencyId", r."townshipId", r."respondentType", i."id" AS "itemId", r."quality", a.value AS level
      FROM "SurveyResponse" r CROSS JOIN LATERAL jsonb_each_text(r."answers") a
      JOIN "SurveyQuestionnaire" q ON q."campaignId" = r."campaignId"
      JOIN "SurveyItem" i ON i."questionnaireId" = q."id" AND i."code" = a.key AND i."kind" = 'LIKERT5'
      WHERE r."campaignId" = ${campaignId}),
    recount AS (
      SELECT "agencyId", "townshipId", "respondentType", "itemId", "quality",
        count(*) FILTER (WHERE level = 'VERY_SATISFIED')::int AS vs, count(*) FILTER (WHERE level = 'SATISFIED')::int AS s,
        count(*) FILTER (WHERE level = 'BASICALLY_SATISFIED')::int AS bs, count(*) FILTER (WHERE level = 'DISSATISFIED')::int AS d,
        count(*) FILTER (WHERE level = 'VERY_DISSATISFIED')::int AS vd
      FROM answers GROUP BY 1, 2, 3, 4, 5)
    SELECT (SELECT sum("verySatisfied" + "satisfied" + "basicallySatisfied" + "dissatisfied" + "veryDissatisfied")::int
            FROM "SurveyRollup" WHERE "campaignId" = ${campaignId}) AS rollup,
      (SELECT sum(vs + s + bs + d + vd)::int FROM recount) AS recount,
      (SELECT count(*)::int FROM recount c FULL JOIN (SELECT * FROM "SurveyRollup" WHERE "campaignId" = ${campaignId}) u
        USING ("agencyId", "townshipId", "respondentType", "itemId", "quality")
        WHERE coalesce(c.vs, 0) <> coalesce(u."verySatisfied", 0) OR coalesce(c.s, 0) <> coalesce(u."satisfied", 0)
          OR coalesce(c.bs, 0) <> coalesce(u."basicallySatisfied", 0) OR coalesce(c.d, 0) <> coalesce(u."dissatisfied", 0)
          OR coalesce(c.vd, 0) <> coalesce(u."veryDissatisfied", 0)) AS differing`;
  expect(mismatch).toEqual({ rollup: 8000, recount: 8000, differing: 0 });
}, 180_000);
