// Campaign services: each lifecycle step and each questionnaire version is one unit of work with its event
// (topics.ts). Rules are asked in rules/campaign.ts and rules/questionnaire.ts; this file reads and writes.
// Lifecycle events are scoped to the executing organisation's agency (supervisors see every event; the
// organisation sees its own campaign's); publication is public (向社会公布).
import { NotFoundError, RuleViolation, ValidationError, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import type {
  SurveyCampaign,
  SurveyChannel,
  SurveyDimension,
  SurveyItemKind,
  SurveyRespondentType,
} from '@zhifa/core/prisma';
import type { RuleRefusal } from '@zhifa/core/rules';
import { campaignIssues, draftOnlyRefusal, transitionRefusal } from './rules/campaign.js';
import { frozenRefusal, itemIssues, MISSING_QUESTIONNAIRE, overallRefusal } from './rules/questionnaire.js';
import { DEFAULT_MARGIN, defaultExpectedRate } from './rules/sample-size.js';
import { framePopulations, strataOf } from './sampling-frame.js';
import {
  SURVEY_CAMPAIGN_CLOSED,
  SURVEY_CAMPAIGN_CREATED,
  SURVEY_CAMPAIGN_OPENED,
  SURVEY_CAMPAIGN_PUBLISHED,
  SURVEY_CAMPAIGN_UPDATED,
  SURVEY_QUESTIONNAIRE_SET,
} from './topics.js';

const CAMPAIGN = { zh: '调查项目', en: 'Survey campaign' };

export interface CampaignInput {
  title: string;
  periodStart: Date;
  periodEnd: Date;
  organisationId: number;
  evaluatedAgencyIds: number[];
  townshipIds: number[];
  respondentTypes: SurveyRespondentType[];
  channels: SurveyChannel[];
  targetRate: number;
  basicallySatisfiedCounts: boolean;
  minDurationSeconds: number;
}

export interface ItemInput {
  code: string;
  kind: SurveyItemKind;
  dimension: SurveyDimension | null;
  text: string;
  options: string[];
  weight: number;
  required: boolean;
}

function refuse(refusal: RuleRefusal | null): void {
  if (refusal) throw new RuleViolation(refusal.rule, refusal.message);
}

/** The campaign, its row locked until the unit ends: two steps on one campaign run one after the other. */
async function lockCampaign(uow: UnitOfWork, id: number): Promise<SurveyCampaign> {
  await uow.tx.$queryRaw`SELECT id FROM "SurveyCampaign" WHERE id = ${id} FOR UPDATE`;
  const campaign = await uow.tx.surveyCampaign.findUnique({ where: { id } });
  if (!campaign) throw new NotFoundError('SurveyCampaign', String(id), CAMPAIGN);
  return campaign;
}

/**
 * The commissioning agency 委托单位 is the county justice bureau (task 13): the caller's own agency when it is one;
 * otherwise (a 司法所 supervisor, a system admin) the county's justice bureau — the first by id, a county has one.
 */
async function commissioningAgencyId(uow: UnitOfWork): Promise<number> {
  const v = uow.viewer;
  if (v.kind === 'person' && v.agencyKind === 'JUSTICE_BUREAU') return v.agencyId;
  const bureau = await uow.tx.agency.findFirst({
    where: { kind: 'JUSTICE_BUREAU' },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  if (!bureau) throw new NotFoundError('Agency', 'JUSTICE_BUREAU', { zh: '县司法局', en: 'County justice bureau' });
  return bureau.id;
}

async function checkCampaignInput(uow: UnitOfWork, input: CampaignInput): Promise<void> {
  const ids = [...new Set([input.organisationId, ...input.evaluatedAgencyIds, ...input.townshipIds])];
  const agencies = await uow.tx.agency.findMany({ where: { id: { in: ids } }, select: { id: true, kind: true } });
  const issues = campaignIssues(input, new Map(agencies.map((a) => [a.id, a.kind])));
  if (issues.length) throw new ValidationError(issues);
}

function campaignData(input: CampaignInput) {
  return {
    title: input.title,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    organisationId: input.organisationId,
    respondentTypes: input.respondentTypes,
    channels: input.channels,
    targetRate: input.targetRate,
    basicallySatisfiedCounts: input.basicallySatisfiedCounts,
    minDurationSeconds: input.minDurationSeconds,
  };
}

function unitRows(input: CampaignInput) {
  return [
    ...input.evaluatedAgencyIds.map((agencyId) => ({ agencyId, evaluated: true })),
    ...input.townshipIds.map((agencyId) => ({ agencyId, evaluated: false })),
  ];
}

const payload = (c: SurveyCampaign) => ({ campaignId: c.id, title: c.title, status: c.status });
const scope = (c: SurveyCampaign) => ({ agencyId: c.organisationId });

export async function createCampaignIn(uow: UnitOfWork, input: CampaignInput): Promise<SurveyCampaign> {
  await checkCampaignInput(uow, input);
  const campaign = await uow.tx.surveyCampaign.create({
    data: {
      ...campaignData(input),
      commissioningAgencyId: await commissioningAgencyId(uow),
      status: 'DRAFT',
      createdBy: actorOf(uow.viewer),
      createdAt: uow.now,
      units: { create: unitRows(input) },
    },
  });
  await uow.emit(SURVEY_CAMPAIGN_CREATED, payload(campaign), scope(campaign));
  return campaign;
}

/** Replaces a draft's terms, its evaluated agencies and townships included. */
export async function updateCampaignIn(uow: UnitOfWork, id: number, input: CampaignInput): Promise<SurveyCampaign> {
  const before = await lockCampaign(uow, id);
  refuse(draftOnlyRefusal(before.status));
  await checkCampaignInput(uow, input);
  await uow.tx.surveyCampaignUnit.deleteMany({ where: { campaignId: id } });
  const campaign = await uow.tx.surveyCampaign.update({
    where: { id },
    data: { ...campaignData(input), units: { create: unitRows(input) } },
  });
  await uow.emit(SURVEY_CAMPAIGN_UPDATED, payload(campaign), scope(campaign));
  return campaign;
}

/** The current questionnaire: the highest version. */
async function currentQuestionnaire(uow: UnitOfWork, campaignId: number) {
  return uow.tx.surveyQuestionnaire.findFirst({ where: { campaignId }, orderBy: { version: 'desc' } });
}

/**
 * DRAFT → OPEN: the current questionnaire is frozen (frozenAt) and the sampling frame's strata are stored with
 * the populations of the moment (sample sizes for ±3 points at the campaign's target), so the stratified figure
 * weighs agencies by the frame the organisation sampled from, whatever cases are registered later.
 */
export async function openCampaignIn(uow: UnitOfWork, id: number): Promise<SurveyCampaign> {
  const before = await lockCampaign(uow, id);
  refuse(transitionRefusal(before.status, 'OPEN'));
  const questionnaire = await currentQuestionnaire(uow, id);
  if (!questionnaire) throw new RuleViolation(MISSING_QUESTIONNAIRE.rule, MISSING_QUESTIONNAIRE.message);
  await uow.tx.surveyQuestionnaire.update({ where: { id: questionnaire.id }, data: { frozenAt: uow.now } });
  const evaluated = await uow.tx.surveyCampaignUnit.findMany({
    where: { campaignId: id, evaluated: true },
    select: { agencyId: true },
  });
  const populations = await framePopulations(
    uow.tx,
    { ...before, openedAt: uow.now },
    evaluated.map((u) => u.agencyId),
  );
  await uow.tx.surveyStratum.createMany({
    data: strataOf(populations, defaultExpectedRate(before.targetRate), DEFAULT_MARGIN).map((s) => ({
      campaignId: id,
      ...s,
    })),
  });
  const campaign = await uow.tx.surveyCampaign.update({ where: { id }, data: { status: 'OPEN', openedAt: uow.now } });
  await uow.emit(
    SURVEY_CAMPAIGN_OPENED,
    { ...payload(campaign), questionnaireVersion: questionnaire.version },
    scope(campaign),
  );
  return campaign;
}

/** OPEN → CLOSED: no more submissions. */
export async function closeCampaignIn(uow: UnitOfWork, id: number): Promise<SurveyCampaign> {
  const before = await lockCampaign(uow, id);
  refuse(transitionRefusal(before.status, 'CLOSED'));
  const campaign = await uow.tx.surveyCampaign.update({
    where: { id },
    data: { status: 'CLOSED', closedAt: uow.now },
  });
  await uow.emit(SURVEY_CAMPAIGN_CLOSED, payload(campaign), scope(campaign));
  return campaign;
}

/** CLOSED → PUBLISHED: the campaign and its figures become public (向社会公布), and so does the event. */
export async function publishCampaignIn(uow: UnitOfWork, id: number): Promise<SurveyCampaign> {
  const before = await lockCampaign(uow, id);
  refuse(transitionRefusal(before.status, 'PUBLISHED'));
  const campaign = await uow.tx.surveyCampaign.update({
    where: { id },
    data: { status: 'PUBLISHED', publishedAt: uow.now },
  });
  await uow.emit(SURVEY_CAMPAIGN_PUBLISHED, payload(campaign), { ...scope(campaign), public: true });
  return campaign;
}

/**
 * A new questionnaire version for a draft: versions are kept (the last one is current and is frozen on opening),
 * so what was set and when stays readable.
 */
export async function setQuestionnaireIn(uow: UnitOfWork, campaignId: number, items: readonly ItemInput[]) {
  const campaign = await lockCampaign(uow, campaignId);
  refuse(frozenRefusal(campaign.status));
  const issues = itemIssues(items);
  if (issues.length) throw new ValidationError(issues);
  refuse(overallRefusal(items));
  const version = ((await currentQuestionnaire(uow, campaignId))?.version ?? 0) + 1;
  const questionnaire = await uow.tx.surveyQuestionnaire.create({
    data: {
      campaignId,
      version,
      createdBy: actorOf(uow.viewer),
      createdAt: uow.now,
      items: {
        create: items.map((it, position) => ({
          code: it.code,
          position,
          kind: it.kind,
          dimension: it.dimension,
          text: it.text,
          options: it.options,
          // Only five-level items enter the composite score; the others keep the neutral weight.
          weight: it.kind === 'LIKERT5' ? it.weight : 1,
          required: it.required,
        })),
      },
    },
  });
  await uow.emit(SURVEY_QUESTIONNAIRE_SET, { ...payload(campaign), version, items: items.length }, scope(campaign));
  return questionnaire;
}
