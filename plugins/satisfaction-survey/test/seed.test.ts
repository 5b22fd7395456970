// The demo data: last year's campaign published, this year's open, written through the plugin's own services —
// so the rollups equal the stored answers, every verdict appears for somebody to look at, and the key the import
// submitted with is revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, gid, type GqlJson, type Harness } from '@zhifa/testkit';
import { pluginSeedContext, seedDemoData } from '../../../packages/server/src/seed/index.js';
import { satisfactionSurveyPlugin } from '../src/index.js';

let h: Harness;
let supervisor: string;
beforeAll(async () => {
  h = await createHarness({ plugins: [satisfactionSurveyPlugin] });
});
afterAll(() => h?.close());

describe('demo data', () => {
  it('skips the surveys when the agencies they need are absent', async () => {
    const lines: string[] = [];
    await satisfactionSurveyPlugin.seed!(
      pluginSeedContext(h.db.prisma, satisfactionSurveyPlugin, { log: (l) => void lines.push(l) }),
    );
    expect(lines).toEqual([expect.stringContaining('跳过')]);
    expect(await h.db.prisma.surveyCampaign.count()).toBe(0);
  });

  it('publishes last year’s campaign and leaves this year’s open, through the services', async () => {
    await seedDemoData(h.db.prisma, { plugins: [satisfactionSurveyPlugin], now: new Date('2026-12-07T03:00:00Z') });
    const head = await h.db.prisma.person.findFirstOrThrow({
      where: { roles: { has: 'SUPERVISOR' }, agency: { kind: 'JUSTICE_BUREAU' } },
      orderBy: { id: 'asc' },
    });
    supervisor = h.token(`person:${head.id}`);
    const campaigns = await h.db.prisma.surveyCampaign.findMany({ orderBy: { id: 'asc' } });
    expect(campaigns.map((c) => [c.periodStart.getUTCFullYear(), c.status])).toEqual([
      [2025, 'PUBLISHED'],
      [2026, 'OPEN'],
    ]);
    for (const c of campaigns) {
      expect(c.responseCount).toBeGreaterThan(1000);
      expect(c.flaggedCount).toBeGreaterThan(0);
      expect(await h.db.prisma.surveyResponse.count({ where: { campaignId: c.id } })).toBe(c.responseCount);
    }
    // Every call-back of the published campaign made; some of this year's still pending.
    const pending = await h.db.prisma.surveyResponse.groupBy({
      by: ['campaignId'],
      where: { callbackStatus: 'PENDING' },
      _count: true,
    });
    expect(pending.map((p) => p.campaignId)).toEqual([campaigns[1].id]);
    expect(await h.db.prisma.surveyResponse.count({ where: { callbackStatus: 'NOT_REACHED' } })).toBeGreaterThan(0);
    // No live key is left behind by the import.
    const keys = await h.db.prisma.apiKey.findMany();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.revokedAt !== null)).toBe(true);
  });

  it('keeps the rollups equal to the stored answers (the one writer ran)', async () => {
    const [diff] = await h.db.prisma.$queryRaw<{ rollup: number; raw: number }[]>`
      SELECT (SELECT sum("verySatisfied" + "satisfied" + "basicallySatisfied" + "dissatisfied" + "veryDissatisfied")
                FROM "SurveyRollup")::int AS rollup,
             (SELECT count(*) FROM "SurveyResponse" r, jsonb_each_text(r."answers") a
                JOIN "SurveyItem" i ON i."code" = a.key AND i."kind" = 'LIKERT5'
                JOIN "SurveyQuestionnaire" q ON q."id" = i."questionnaireId" AND q."frozenAt" IS NOT NULL
               WHERE q."campaignId" = r."campaignId")::int AS raw`;
    expect(diff.rollup).toBeGreaterThan(0);
    expect(diff.rollup).toBe(diff.raw);
  });

  it('shows every verdict: agencies that meet 93%, fall short within noise, and clearly fall short', async () => {
    const open = await h.db.prisma.surveyCampaign.findFirstOrThrow({ where: { status: 'OPEN' } });
    const r = await h.gql(
      `query($c: ID!) { countySatisfaction(campaignId: $c) { pooled { validAnswers rate } verdict }
        agencies(first: 100, kind: ENFORCEMENT_AGENCY) { edges { node { name
          satisfaction(campaignId: $c) { overall { validAnswers rate verdict } } } } } }`,
      { c: gid('SurveyCampaign', open.id) },
      supervisor,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.countySatisfaction.pooled.validAnswers).toBe(open.responseCount);
    const verdicts = new Set(
      r.data.agencies.edges.map((e: GqlJson) => e.node.satisfaction?.overall.verdict as string | undefined),
    );
    expect(verdicts).toEqual(new Set(['MET', 'WITHIN_NOISE', 'NOT_MET']));
  });

  it('shows the published campaign’s figures to the public', async () => {
    const published = await h.db.prisma.surveyCampaign.findFirstOrThrow({ where: { status: 'PUBLISHED' } });
    const r = await h.gql(
      `query($c: ID!) { countySatisfaction(campaignId: $c) { pooled { validAnswers rate } verdict } }`,
      { c: gid('SurveyCampaign', published.id) },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.countySatisfaction.pooled.validAnswers).toBe(published.responseCount);
    expect(r.data.countySatisfaction.verdict).toMatch(/MET|WITHIN_NOISE|NOT_MET/);
  });
});
