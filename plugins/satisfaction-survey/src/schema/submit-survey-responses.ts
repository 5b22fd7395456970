// submitSurveyResponses: the survey organisation's batch API (county plan task 13; 个人信息保护法 第6条). Only its
// API key, only for a campaign it executes — another organisation's campaign answers as an unknown one — decided in
// authScopes before any input is read; the service (submission.ts) checks the batch whole and writes it once.
import { domainErrors, NotFoundError, tryParseId, type Context, type GlobalId, type ZhifaBuilder } from '@zhifa/core';
import { maxListItems, textKind } from '@zhifa/core/input';
import { isOrganisationOf } from '../access.js';
import { submitSurveyResponses, type SubmitResult } from '../submission.js';
import { MAX_BATCH_RESPONSES } from '../submission-rules.js';
import type { SurveyEnums } from './enums.js';
import type { SurveyResponseRefs } from './survey-response.js';

const CAMPAIGN = { zh: '调查项目', en: 'survey campaign' };

/**
 * Only the organisation executing the campaign: the public is unauthenticated, people and enterprises forbidden,
 * another organisation told the campaign does not exist (it cannot probe campaign ids).
 */
export async function executingOrganisationScope(gid: GlobalId, ctx: Context) {
  if (ctx.viewer.kind !== 'surveyOrg') return false;
  const id = tryParseId(gid, 'SurveyCampaign');
  const c =
    id === null
      ? null
      : await ctx.prisma.surveyCampaign.findUnique({ where: { id }, select: { organisationId: true } });
  if (!c || !isOrganisationOf(ctx.viewer, c)) throw new NotFoundError('SurveyCampaign', gid.id, CAMPAIGN);
  return true;
}

export function registerSubmitSurveyResponses(builder: ZhifaBuilder, enums: SurveyEnums, refs: SurveyResponseRefs) {
  const AnswerInput = builder.inputType('SurveyAnswerInput', {
    description:
      '一题的答案：五级题给 level，单选题给 choice（选项编号），文字题给 text One answer: level for a five-level item, choice (an option code) for a single choice, text for free text',
    fields: (t) => ({
      item: t.string({ required: true, description: '题目编号，如 Q1 Item code, e.g. Q1' }),
      level: t.field({ type: enums.SurveyLevel, required: false, description: '五级满意度 Level' }),
      choice: t.string({ required: false, description: '选项编号 Option code' }),
      text: t.string({
        required: false,
        extensions: textKind('multiline'),
        description:
          '文字答案（至多 2000 字；不得含手机号、身份证号）Text, at most 2,000 characters; no phone or ID numbers',
      }),
    }),
  });

  const ResponseInput = builder.inputType('SurveyResponseInput', {
    description: '一份答卷（不含受访者个人信息）One response; there is no field for respondent personal data',
    fields: (t) => ({
      externalId: t.string({
        required: true,
        description:
          '调查机构的答卷编号（1–64 个可打印 ASCII 字符），同一项目内唯一，重复提交以此判定 The organisation’s id (1–64 printable ASCII characters), unique in the campaign: the idempotency key',
      }),
      respondentType: t.field({ type: enums.SurveyRespondentType, required: true, description: '受访者类别' }),
      agency: t.globalID({ required: true, description: '被评价单位 An agency the campaign evaluates' }),
      township: t.globalID({ required: true, description: '镇区 A township of the campaign' }),
      channel: t.field({ type: enums.SurveyChannel, required: true, description: '调查方式 Channel' }),
      collectedAt: t.field({
        type: 'DateTime',
        required: true,
        description:
          '调查时间：不早于调查期开始，不晚于当前时间（允许 5 分钟误差）Collected at: not before the period starts, not in the future (5 minutes of clock skew allowed)',
      }),
      durationSeconds: t.int({ required: false, description: '时长（秒，0–86400）Duration in seconds, 0–86,400' }),
      answers: t.field({
        type: [AnswerInput],
        required: true,
        description: '答案（至多 60 个）Answers, at most 60',
      }),
    }),
  });

  const SubmissionRef = builder.objectRef<SubmitResult>('SurveySubmission').implement({
    description:
      '一批答卷的处理结果（被拒绝时整批未写入，见 ValidationError / RuleViolation）A batch’s outcome; a refused batch writes nothing and answers with the error instead',
    fields: (t) => ({
      accepted: t.exposeInt('accepted', { description: '新写入 Responses written' }),
      duplicates: t.exposeInt('duplicates', {
        description: '与已提交答卷完全相同，未重复写入 Identical to responses already stored: not written again',
      }),
      rejected: t.exposeInt('rejected', { description: '被拒绝（成功时为 0）Rejected: 0 on success' }),
      flagged: t.exposeInt('flagged', { description: '新写入中带质量标记的 Written responses with a quality flag' }),
      batch: t.field({
        type: refs.SurveyBatchRef,
        nullable: true,
        description: '本批次；全部为重复时为空（未写入任何内容）The batch; null when every response was a duplicate',
        resolve: (r, _a, ctx) =>
          r.batchId === null ? null : ctx.prisma.surveyBatch.findUnique({ where: { id: r.batchId } }),
      }),
    }),
  });

  builder.mutationField('submitSurveyResponses', (t) =>
    t.field({
      type: SubmissionRef,
      description:
        '提交一批答卷（至多 1000 份；仅限执行该项目的调查机构的 API 密钥，仅在调查中）：整批校验，任一行有误则整批不写入；按编号幂等 Submit a batch of at most 1,000 responses (the executing organisation’s API key, while the campaign is open): checked whole, one bad row and nothing is written; idempotent by external id',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => executingOrganisationScope(args.campaignId, ctx),
      args: {
        campaignId: t.arg.globalID({ required: true, description: '调查项目 The campaign' }),
        responses: t.arg({
          type: [ResponseInput],
          required: true,
          extensions: maxListItems(MAX_BATCH_RESPONSES),
          description: '答卷（至多 1000 份）Responses, at most 1,000',
        }),
      },
      resolve: (_root, args, ctx) =>
        submitSurveyResponses(
          ctx,
          tryParseId(args.campaignId, 'SurveyCampaign')!,
          args.responses.map((r) => ({
            ...r,
            agencyId: tryParseId(r.agency, 'Agency'),
            townshipId: tryParseId(r.township, 'Agency'),
            answers: r.answers,
          })),
        ),
    }),
  );
}
