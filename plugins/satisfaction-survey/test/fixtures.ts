// Shared set-up for the satisfaction-survey tests: the test kit's base world (two enforcement agencies, the justice
// bureau's supervisor, a township and an enterprise) plus a second township, the survey organisation with an API key,
// a second organisation with its own key, and campaigns written directly (the campaign mutations have tests of
// their own; submission and figures start from an open campaign with the standard questionnaire).
import { newApiKey, type ZhifaPlugin } from '@zhifa/core';
import type { PrismaClient } from '@zhifa/core/prisma';
import { createBaseWorld, createHarness, gid, type BaseWorld, type Harness, type Row } from '@zhifa/testkit';
import { satisfactionSurveyPlugin } from '../src/index.js';

export interface World extends BaseWorld {
  h: Harness;
  /** 阜城街道 (SUBDISTRICT), a second township respondents come from. */
  township2: Row;
  /** 某某调查咨询有限公司 (SURVEY_ORGANISATION), which executes the world's campaigns. */
  org: Row;
  /** Its API key (the bearer credential of its calls). */
  orgKey: string;
  /** Another survey organisation, with a key of its own: executes nothing of ours. */
  otherOrg: Row;
  otherOrgKey: string;
}

export async function createWorld(extraPlugins: ZhifaPlugin[] = []): Promise<World> {
  const h = await createHarness({ plugins: [satisfactionSurveyPlugin, ...extraPlugins] });
  const base = await createBaseWorld(h);
  const p = h.db.prisma;
  const row = (r: { id: number; name: string }): Row => ({ id: r.id, gid: gid('Agency', r.id), name: r.name });
  const township2 = row(
    await p.agency.create({ data: { name: '阜城街道', kind: 'SUBDISTRICT', parentId: base.county.id } }),
  );
  const org = row(await p.agency.create({ data: { name: '某某调查咨询有限公司', kind: 'SURVEY_ORGANISATION' } }));
  const otherOrg = row(await p.agency.create({ data: { name: '另一调查公司', kind: 'SURVEY_ORGANISATION' } }));
  const key = async (agencyId: number) => {
    const k = newApiKey();
    await p.apiKey.create({ data: { agencyId, label: 'test', prefix: k.prefix, hash: k.hash } });
    return k.key;
  };
  return { h, ...base, township2, org, orgKey: await key(org.id), otherOrg, otherOrgKey: await key(otherOrg.id) };
}

export interface ItemSpec {
  code: string;
  kind: 'LIKERT5' | 'SINGLE_CHOICE' | 'FREE_TEXT';
  dimension:
    'NORMATIVE' | 'CIVILITY' | 'FAIRNESS' | 'EFFICIENCY' | 'INTEGRITY' | 'BURDEN' | 'FLEXIBLE' | 'OVERALL' | null;
  text: string;
  options?: string[];
  weight?: number;
  required?: boolean;
}

/** The standard questionnaire: one five-level item per dimension (overall last), one single choice, one free text. */
export const STANDARD_ITEMS: readonly ItemSpec[] = [
  { code: 'Q1', kind: 'LIKERT5', dimension: 'NORMATIVE', text: '执法人员是否主动出示执法证件、告知权利' },
  { code: 'Q2', kind: 'LIKERT5', dimension: 'CIVILITY', text: '执法人员态度是否文明' },
  { code: 'Q3', kind: 'LIKERT5', dimension: 'FAIRNESS', text: '处理结果是否公正、过罚相当', weight: 2 },
  { code: 'Q4', kind: 'LIKERT5', dimension: 'EFFICIENCY', text: '办事效率' },
  { code: 'Q5', kind: 'LIKERT5', dimension: 'INTEGRITY', text: '是否存在逐利执法、执法寻租' },
  { code: 'Q6', kind: 'LIKERT5', dimension: 'BURDEN', text: '检查频次是否合理、有无干扰正常经营' },
  {
    code: 'Q7',
    kind: 'LIKERT5',
    dimension: 'FLEXIBLE',
    text: '是否运用说服教育、劝导示范等柔性执法方式',
    required: false,
  },
  { code: 'Q8', kind: 'LIKERT5', dimension: 'OVERALL', text: '总体满意度', weight: 2 },
  { code: 'Q9', kind: 'SINGLE_CHOICE', dimension: null, text: '近一年与执法部门接触次数', options: ['0', '1-2', '3+'] },
  { code: 'Q10', kind: 'FREE_TEXT', dimension: 'OVERALL', text: '意见和建议', required: false },
];

export interface CampaignOptions {
  status?: 'DRAFT' | 'OPEN' | 'CLOSED' | 'PUBLISHED';
  items?: readonly ItemSpec[];
  organisationId?: number;
  evaluated?: number[];
  townships?: number[];
  basicallySatisfiedCounts?: boolean;
  minDurationSeconds?: number;
  title?: string;
}

export interface CampaignFixture {
  id: number;
  gid: string;
  /** The secret the call-back sample is drawn with. */
  callbackKey: string;
  /** Item ids by code. */
  items: Record<string, number>;
}

/** A campaign written directly (OPEN by default, its questionnaire frozen), executed by the world's organisation. */
export async function createCampaign(w: World, opts: CampaignOptions = {}): Promise<CampaignFixture> {
  const p: PrismaClient = w.h.db.prisma;
  const status = opts.status ?? 'OPEN';
  const now = new Date();
  const open = status !== 'DRAFT';
  const campaign = await p.surveyCampaign.create({
    data: {
      title: opts.title ?? '2026年度行政执法满意度调查',
      periodStart: new Date('2026-01-01'),
      periodEnd: new Date('2026-12-31'),
      commissioningAgencyId: w.justice.id,
      organisationId: opts.organisationId ?? w.org.id,
      respondentTypes: ['PUBLIC', 'ENTERPRISE', 'LAWYER'],
      channels: ['PHONE', 'ONLINE', 'ON_SITE'],
      basicallySatisfiedCounts: opts.basicallySatisfiedCounts ?? false,
      minDurationSeconds: opts.minDurationSeconds ?? 60,
      status,
      createdBy: `person:${w.people.supervisor.id}`,
      openedAt: open ? now : null,
      closedAt: status === 'CLOSED' || status === 'PUBLISHED' ? now : null,
      publishedAt: status === 'PUBLISHED' ? now : null,
      units: {
        create: [
          ...(opts.evaluated ?? [w.agencyA.id, w.agencyB.id]).map((agencyId) => ({ agencyId, evaluated: true })),
          ...(opts.townships ?? [w.township.id, w.township2.id]).map((agencyId) => ({ agencyId, evaluated: false })),
        ],
      },
      questionnaires: {
        create: {
          version: 1,
          frozenAt: open ? now : null,
          createdBy: `person:${w.people.supervisor.id}`,
          items: {
            create: (opts.items ?? STANDARD_ITEMS).map((it, position) => ({
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
    include: { questionnaires: { include: { items: true } } },
  });
  const items = Object.fromEntries(campaign.questionnaires[0].items.map((i) => [i.code, i.id]));
  return { id: campaign.id, gid: gid('SurveyCampaign', campaign.id), callbackKey: campaign.callbackKey, items };
}
