// Demo data: the county's satisfaction surveys (county plan task 13) as a county would have them — last year's
// campaign closed and published, this year's open with answers arriving — written through the same services as the
// API (campaigns by a justice-bureau supervisor, batches by the survey organisation's key, call-backs by the
// supervisor), so the rollups, counters and events are the ones the API writes. Each agency's answers are drawn
// around a rate of its own, so the figures show every verdict: clearly met, short but within noise, clearly not met.
import { createApiKey, revokeApiKey, type SeedContext } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import type { SurveyChannel, SurveyRespondentType } from '@zhifa/core/prisma';
import {
  closeCampaignIn,
  createCampaignIn,
  openCampaignIn,
  publishCampaignIn,
  setQuestionnaireIn,
} from './campaigns.js';
import type { ItemInput } from './campaigns.js';
import { markCallbackInTx } from './callbacks.js';
import type { Level } from './levels.js';
import { satisfactionSurveySettings } from './settings.js';
import { submitResponsesIn } from './submission.js';
import type { AnswerInput, ResponseInput } from './submission-rules.js';

const item = (code: string, text: string, over: Partial<ItemInput> = {}): ItemInput => ({
  code,
  kind: 'LIKERT5',
  dimension: 'OVERALL',
  text,
  options: [],
  weight: 1,
  required: true,
  ...over,
});

/** The county's questionnaire: one five-level item per dimension the plan names, the overall item weighted double. */
export const DEMO_QUESTIONNAIRE: readonly ItemInput[] = [
  item('Q1', '执法人员是否主动出示执法证件、告知当事人权利（亮证、告知）', { dimension: 'NORMATIVE' }),
  item('Q2', '执法人员言行是否文明规范', { dimension: 'CIVILITY' }),
  item('Q3', '处理结果是否公正、过罚相当', { dimension: 'FAIRNESS', weight: 2 }),
  item('Q4', '办事效率', { dimension: 'EFFICIENCY' }),
  item('Q5', '是否存在逐利执法、执法寻租', { dimension: 'INTEGRITY' }),
  item('Q6', '检查频次是否合理、有无干扰正常生产经营', { dimension: 'BURDEN' }),
  item('Q7', '是否运用说服教育、劝导示范等柔性执法方式', { dimension: 'FLEXIBLE', required: false }),
  item('Q8', '对本单位行政执法工作的总体满意度', { weight: 2 }),
  item('Q9', '近一年与该执法单位接触次数', {
    kind: 'SINGLE_CHOICE',
    dimension: null,
    options: ['0', '1-2', '3+'],
  }),
  item('Q10', '意见和建议', { kind: 'FREE_TEXT', required: false }),
];

const LIKERT_CODES = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7'] as const;

/**
 * Rate and number of respondents per agency, in agency-id order, cycled — last year's campaign, then this year's:
 * every verdict appears (0.85 of 400 is clearly short of 93%, 0.91 of 120 short within noise).
 */
const PROFILES: readonly (readonly (readonly [rate: number, n: number])[])[] = [
  [
    [0.95, 220],
    [0.9, 160],
    [0.86, 300],
    [0.94, 120],
    [0.92, 110],
    [0.83, 260],
    [0.97, 90],
  ],
  [
    [0.97, 260],
    [0.95, 180],
    [0.93, 320],
    [0.96, 140],
    [0.91, 120],
    [0.85, 400],
    [0.98, 90],
    [0.94, 200],
  ],
];

const RESPONDENTS: readonly (readonly [SurveyRespondentType, number])[] = [
  ['PUBLIC', 0.45],
  ['ENTERPRISE', 0.25],
  ['INDIVIDUAL_BUSINESS', 0.15],
  ['LAWYER', 0.08],
  ['OTHER', 0.07],
];
const CHANNELS: readonly (readonly [SurveyChannel, number])[] = [
  ['PHONE', 0.6],
  ['ONLINE', 0.3],
  ['ON_SITE', 0.1],
];
/** Opinions as respondents write them — and never with a phone number or an ID (个人信息保护法 第6条). */
const OPINIONS = [
  '执法人员态度很好，讲解耐心',
  '检查次数偏多，希望合并检查、一次到位',
  '办事效率有待提高，整改复查等了较长时间',
  '希望多用说服教育，首次轻微问题以指导为主',
  '处罚前告知清楚，认可处理结果',
  '建议公开检查标准，便于企业自查',
];

const BATCH = 500;
const DAY = 86_400_000;

export async function seedSatisfactionSurvey(ctx: SeedContext): Promise<void> {
  const { prisma, log, work, random, now } = ctx;
  const org = await prisma.agency.findFirst({ where: { kind: 'SURVEY_ORGANISATION' }, orderBy: { id: 'asc' } });
  const head = await prisma.person.findFirst({
    where: { roles: { has: 'SUPERVISOR' }, agency: { kind: 'JUSTICE_BUREAU' } },
    include: { agency: true },
    orderBy: { id: 'asc' },
  });
  const evaluated = await prisma.agency.findMany({
    where: { kind: 'ENFORCEMENT_AGENCY' },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  const townships = await prisma.agency.findMany({
    where: { kind: { in: ['TOWNSHIP', 'SUBDISTRICT'] } },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  if (!org || !head || !evaluated.length || !townships.length)
    return log(
      '满意度调查：缺少调查机构、司法局监督人员或执法单位，跳过 / satisfaction survey: agencies absent, skipped',
    );

  const supervisor: Viewer = {
    kind: 'person',
    personId: head.id,
    name: head.name,
    agencyId: head.agencyId,
    agencyKind: head.agency.kind,
    roles: head.roles,
  };
  const system: Viewer = { kind: 'system', name: 'demo-data' };
  // The organisation submits with a key of its own, issued for the import and revoked after it, so the demo data
  // leaves no live key behind (the development server mints the one it prints).
  const { apiKey } = await createApiKey(prisma, org.id, '演示数据导入（导入后吊销）Demo import, revoked after', {
    by: system,
  });
  const organisation: Viewer = { kind: 'surveyOrg', agencyId: org.id, apiKeyId: apiKey.id, name: org.name };
  const minDurationSeconds = ctx.settings.get(satisfactionSurveySettings).minDurationSeconds;

  for (const [index, profiles] of PROFILES.entries()) {
    const year = now.getUTCFullYear() - PROFILES.length + 1 + index;
    const current = index === PROFILES.length - 1;
    const campaign = await work(supervisor, async (uow) => {
      const c = await createCampaignIn(uow, {
        title: `阜宁县${year}年度行政执法满意度第三方调查`,
        periodStart: new Date(Date.UTC(year, 0, 1)),
        periodEnd: new Date(Date.UTC(year, 11, 31)),
        organisationId: org.id,
        evaluatedAgencyIds: evaluated.map((a) => a.id),
        townshipIds: townships.map((t) => t.id),
        respondentTypes: RESPONDENTS.map(([t]) => t),
        channels: CHANNELS.map(([c]) => c),
        targetRate: 0.93,
        basicallySatisfiedCounts: false,
        minDurationSeconds,
      });
      await setQuestionnaireIn(uow, c.id, DEMO_QUESTIONNAIRE);
      return openCampaignIn(uow, c.id);
    });

    const until = current ? now.getTime() - DAY : Date.UTC(year, 11, 20);
    const responses = demoResponses(random, year, profiles, evaluated, townships, minDurationSeconds, until);
    for (let i = 0; i < responses.length; i += BATCH)
      await work(organisation, (uow) => submitResponsesIn(uow, campaign.id, responses.slice(i, i + BATCH)));

    // Call-backs: last year's all made (a few not reached); this year's under way.
    const sampled = await prisma.surveyResponse.findMany({
      where: { campaignId: campaign.id, callbackStatus: 'PENDING' },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    const done = current ? sampled.slice(0, Math.floor(sampled.length * 0.6)) : sampled;
    await work(supervisor, async (uow) => {
      for (const [i, r] of done.entries()) {
        const reached = i % 25 !== 7;
        await markCallbackInTx(
          uow,
          r.id,
          reached ? 'CONFIRMED' : 'NOT_REACHED',
          reached ? '回访核实无误' : '三次拨打未接通',
          String(r.id),
        );
      }
    });
    if (!current)
      await work(supervisor, async (uow) => {
        await closeCampaignIn(uow, campaign.id);
        await publishCampaignIn(uow, campaign.id);
      });
    log(
      `满意度调查 / satisfaction survey: ${campaign.title}, ${responses.length} 份答卷 responses, ` +
        `${done.length}/${sampled.length} 回访 call-backs, ${current ? '调查中 open' : '已公布 published'}`,
    );
  }

  await revokeApiKey(prisma, String(apiKey.id), { by: system, reason: '演示数据导入完成 / demo import done' });
}

function pick<T>(random: () => number, table: readonly (readonly [T, number])[]): T {
  let r = random();
  for (const [value, p] of table) {
    if (r < p) return value;
    r -= p;
  }
  return table[table.length - 1][0];
}

/** A five-level answer around `rate`: satisfied (非常满意 / 满意) with that chance, else mostly 基本满意. */
function level(random: () => number, rate: number): Level {
  if (random() < rate) return random() < 0.55 ? 'VERY_SATISFIED' : 'SATISFIED';
  const r = random();
  return r < 0.6 ? 'BASICALLY_SATISFIED' : r < 0.9 ? 'DISSATISFIED' : 'VERY_DISSATISFIED';
}

function demoResponses(
  random: () => number,
  year: number,
  profiles: (typeof PROFILES)[number],
  agencies: readonly { id: number }[],
  townships: readonly { id: number }[],
  minDurationSeconds: number,
  until: number,
): ResponseInput[] {
  const from = Date.UTC(year, 0, 1);
  const days = Math.floor((until - from) / DAY);
  const out: ResponseInput[] = [];
  // In the year's first days there is nothing collected yet: the campaign is open and empty.
  if (days < 1) return out;
  for (const [ai, agency] of agencies.entries()) {
    const [rate, n] = profiles[ai % profiles.length];
    for (let k = 0; k < n; k++) {
      const overall = level(random, rate);
      // A few hurried or careless interviews, which the quality checks flag (TOO_FAST, SAME_ANSWER).
      const careless = random() < 0.01;
      const answers: AnswerInput[] = LIKERT_CODES.filter((code) => code !== 'Q7' || random() < 0.8).map((code) => ({
        item: code,
        level: careless ? overall : level(random, Math.min(0.995, rate + (random() - 0.5) * 0.06)),
      }));
      answers.push({ item: 'Q8', level: overall });
      answers.push({
        item: 'Q9',
        choice: pick(random, [
          ['0', 0.2],
          ['1-2', 0.6],
          ['3+', 0.2],
        ] as const),
      });
      if (random() < 0.08) answers.push({ item: 'Q10', text: OPINIONS[Math.floor(random() * OPINIONS.length)] });
      const day = Math.floor(random() * days);
      out.push({
        externalId: `FN${year}-${String(out.length + 1).padStart(6, '0')}`,
        respondentType: pick(random, RESPONDENTS),
        agencyId: agency.id,
        townshipId: townships[Math.floor(random() * townships.length)].id,
        channel: pick(random, CHANNELS),
        collectedAt: new Date(from + day * DAY + (1 + Math.floor(random() * 8)) * 3_600_000),
        durationSeconds: random() < 0.02 ? Math.floor(random() * minDurationSeconds) : 90 + Math.floor(random() * 600),
        answers,
      });
    }
  }
  return out;
}
