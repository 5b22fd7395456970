// Live figures. satisfactionChanged: when a batch lands (or a call-back moves answers, or the campaign is
// published), the subscriber gets the campaign's headline figures as far as it may read them (visibility.ts),
// at most one message per `pushIntervalMs` however fast batches arrive — coalesced by core, each message read
// at the time it is sent (the latest state) and carrying the cursor of the last event it covers, so `after`
// resumes from it. surveyBatchSubmitted: supervisors hear each batch — counts, never answers.
import {
  defineTopicSubscription,
  globalId,
  parseId,
  tryParseId,
  type Context,
  type Topic,
  type TopicEvent,
  type ZhifaBuilder,
} from '@zhifa/core';
import { encodeCursor } from '@zhifa/core/events';
import { satisfactionSurveySettings } from '../settings.js';
import { FIGURE_TOPICS, SURVEY_BATCH_SUBMITTED } from '../topics.js';
import type { SurveyFigure } from '../figures.js';
import { figureAccess } from '../visibility.js';
import { accessOrRefuse, campaignForFigures, figuresFor, type SurveyFigureRefs } from './survey-figures.js';

interface SatisfactionUpdate {
  cursor: string;
  campaignId: number;
  overall: SurveyFigure;
}

/** Every figure topic's payload names its campaign: the one field the subscription reads. */
const CAMPAIGN_TOPICS: readonly Topic<{ campaignId: number }>[] = FIGURE_TOPICS;

interface BatchUpdate {
  cursor: string;
  campaignId: number;
  batchId: number;
  accepted: number;
  duplicates: number;
  flagged: number;
  responseCount: number;
}

const cursorOf = (e: Pick<TopicEvent<never>, 'txid' | 'id'>) => encodeCursor({ txid: e.txid, id: e.id });

/** Whether the caller may read any figure of the campaign now: checked when it subscribes. */
async function mayReadFigures(ctx: Context, campaignGid: { typename: string; id: string }): Promise<boolean> {
  const id = tryParseId(campaignGid, 'SurveyCampaign');
  const campaign = id === null ? null : await campaignForFigures(ctx, id);
  return !!campaign && !!figureAccess(ctx.viewer, campaign, ctx.settings.get(satisfactionSurveySettings).smallCell);
}

export function registerFigureSubscriptions(builder: ZhifaBuilder, refs: SurveyFigureRefs) {
  const UpdateRef = builder.objectRef<SatisfactionUpdate>('SurveySatisfactionUpdate').implement({
    description: '满意度结果更新 The campaign’s figures after new answers',
    fields: (t) => ({
      cursor: t.exposeString('cursor', {
        description: '本消息涵盖的最后一个事件的游标（续传用 after）Cursor of the last event this message covers',
      }),
      campaign: t.prismaField({
        type: 'SurveyCampaign',
        description: '调查项目（可再取 figures 等）The campaign: select its figures as needed',
        resolve: (query, u, _args, ctx) =>
          ctx.prisma.surveyCampaign.findUniqueOrThrow({ ...query, where: { id: u.campaignId } }),
      }),
      overall: t.field({
        type: refs.SurveyFigure,
        description:
          '可查看范围内的总体满意率（监督人员：全县合并；被评价单位：本单位）The overall figure within what the caller may read',
        resolve: (u) => u.overall,
      }),
    }),
  });

  const BatchRef = builder.objectRef<BatchUpdate>('SurveyBatchUpdate').implement({
    description: '一批答卷已提交（仅计数）A batch was submitted: counts only',
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: '事件游标 Event cursor' }),
      campaignId: t.id({ description: '调查项目 Campaign', resolve: (b) => globalId('SurveyCampaign', b.campaignId) }),
      batchId: t.exposeInt('batchId', { description: '批次 Batch' }),
      accepted: t.exposeInt('accepted', { description: '接收 Accepted' }),
      duplicates: t.exposeInt('duplicates', { description: '重复 Duplicates' }),
      flagged: t.exposeInt('flagged', { description: '质量存疑 Flagged' }),
      responseCount: t.exposeInt('responseCount', { description: '累计答卷 Responses so far' }),
    }),
  });

  defineTopicSubscription(builder, {
    field: 'satisfactionChanged',
    description:
      '满意度结果实时更新（可查看者：监督人员、被评价单位本单位、公布后所有人；每个订阅者每 pushIntervalMs 至多一条）Live figures, at most one message per push interval per subscriber',
    topics: CAMPAIGN_TOPICS,
    type: UpdateRef,
    args: (arg) => ({ campaignId: arg.globalID({ required: true, description: '调查项目 Campaign' }) }),
    authScopes: (_parent, args, ctx) => mayReadFigures(ctx, args.campaignId),
    filter: (e, args) => e.payload.campaignId === tryParseId(args.campaignId, 'SurveyCampaign'),
    // The event wakes the subscriber; what it gets is read under its own access (the organisation's batch event
    // is not the evaluated agency's to see, its own agency's figures are).
    wakes: () => true,
    coalesceMs: (ctx) => ctx.settings.get(satisfactionSurveySettings).pushIntervalMs,
    resolve: async (e, args, ctx) => {
      const id = parseId(args.campaignId, 'SurveyCampaign', ['campaignId']);
      const campaign = await campaignForFigures(ctx, id);
      if (!campaign) return null;
      const [overall] = await figuresFor(ctx, campaign, accessOrRefuse(ctx, campaign), [], undefined);
      return { cursor: cursorOf(e), campaignId: id, overall };
    },
  });

  defineTopicSubscription(builder, {
    field: 'surveyBatchSubmitted',
    description: '答卷批次提交（监督人员；仅计数，不含答案）Batches as they land (supervisors): counts, never answers',
    topics: [SURVEY_BATCH_SUBMITTED],
    type: BatchRef,
    args: (arg) => ({ campaignId: arg.globalID({ required: true, description: '调查项目 Campaign' }) }),
    authScopes: { supervisor: true },
    filter: (e, args) => e.payload.campaignId === tryParseId(args.campaignId, 'SurveyCampaign'),
    resolve: (e) => ({ cursor: cursorOf(e), ...e.payload }),
  });
}
