// SurveyQuestionnaire 问卷: a version of a campaign's questionnaire, and setSurveyQuestionnaire, which writes a new
// version while the campaign is a draft (frozen once it opens). Seen with its campaign (questionnaireRule).
import { z } from 'zod';
import { domainErrors, msg, nodeRowId, parseId, requiredText, unitOfWork, type ZhifaBuilder } from '@zhifa/core';
import { textKind } from '@zhifa/core/input';
import { questionnaireRule } from '../access.js';
import { setQuestionnaireIn } from '../campaigns.js';
import { runsCampaigns } from './survey-campaign.js';
import type { SurveyEnums } from './enums.js';

const CODE = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;

export function registerSurveyQuestionnaire(builder: ZhifaBuilder, enums: SurveyEnums) {
  const QuestionnaireRef = builder.prismaNode('SurveyQuestionnaire', {
    id: { field: 'id' },
    nullable: true,
    description: '问卷版本（开始调查时冻结）A questionnaire version, frozen when the campaign opens',
    rowRule: questionnaireRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      version: t.exposeInt('version', { description: '版本号（从 1 起）Version, from 1' }),
      frozenAt: t.expose('frozenAt', {
        type: 'DateTime',
        nullable: true,
        description:
          '冻结时间（开始调查时；此后题目不变）Frozen at: when the campaign opened; the items never change after',
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: '设置时间 Set at' }),
      items: t.relatedConnection('items', {
        // By id, ordered by position (items are written in position order). Not by the (questionnaireId,
        // position) key: Prisma's plan for a compound cursor on it differs between literal and parameters, which
        // the server's plan cache refuses (packages/server/src/prisma-plans.ts).
        cursor: 'id',
        totalCount: true,
        description: '题目（按顺序）Items, in order',
        query: { orderBy: { position: 'asc' } },
      }),
    }),
  });

  builder.prismaObjectFields('SurveyCampaign', (t) => ({
    questionnaire: t.field({
      type: QuestionnaireRef,
      nullable: true,
      description:
        '现行问卷（最高版本）；尚未设置时为空 The current questionnaire (the highest version); null before one is set',
      select: (_args, _ctx, nestedSelection) => ({
        questionnaires: nestedSelection({ orderBy: { version: 'desc' }, take: 1 }),
      }),
      resolve: (c) => c.questionnaires[0] ?? null,
    }),
  }));

  const ItemInput = builder.inputType('SurveyItemInput', {
    description: '题目 An item',
    fields: (t) => ({
      code: t.string({
        required: true,
        description:
          '题号：字母开头，字母、数字、下划线，至多 20 个字符，如 Q1 Code: a letter, then letters, digits, _; at most 20',
        validate: z
          .string()
          .regex(
            CODE,
            msg(
              '题号须以字母开头，由字母、数字、下划线组成，至多 20 个字符',
              'a code is a letter then letters, digits or _, at most 20',
            ),
          ),
      }),
      kind: t.field({ type: enums.SurveyItemKind, required: true, description: '题型 Kind' }),
      dimension: t.field({
        type: enums.SurveyDimension,
        required: false,
        description:
          '评价维度（五级满意度题、文字题必填；单选题不填）Dimension: required for five-level and free-text items, none for single choice',
      }),
      text: t.string({
        required: true,
        extensions: textKind('multiline'),
        description: '题目 Question text',
        validate: requiredText(500, '题目', 'question text'),
      }),
      options: t.stringList({
        required: false,
        description: '选项代码（单选题 2–20 个，互不相同）Option codes: 2–20 distinct, single choice only',
        validate: z.array(requiredText(50, '选项', 'option')),
      }),
      weight: t.float({
        required: false,
        description:
          '权重（五级满意度题，大于 0 且不超过 100，默认 1）Weight: five-level items, above 0 and at most 100; default 1',
      }),
      required: t.boolean({ required: false, description: '必答，默认是 Required; default true' }),
    }),
  });

  builder.mutationField('setSurveyQuestionnaire', (t) =>
    t.prismaField({
      type: QuestionnaireRef,
      description:
        '设置问卷：写入新版本（仅草稿；至多 60 题；须有必答的“总体”五级满意度题）Set the questionnaire: writes a new version (drafts only; at most 60 items; a required five-level OVERALL item) (supervisors)',
      errors: { types: domainErrors },
      authScopes: runsCampaigns,
      args: {
        campaignId: t.arg.globalID({ required: true, description: '调查项目 The campaign' }),
        items: t.arg({ type: [ItemInput], required: true, description: '题目，按顺序 Items, in order' }),
      },
      resolve: (query, _r, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const q = await setQuestionnaireIn(
            uow,
            parseId(args.campaignId, 'SurveyCampaign', ['campaignId']),
            args.items.map((it) => ({
              code: it.code,
              kind: it.kind,
              dimension: it.dimension ?? null,
              text: it.text.trim(),
              options: (it.options ?? []).map((o) => o.trim()),
              weight: it.weight ?? 1,
              required: it.required ?? true,
            })),
          );
          return uow.tx.surveyQuestionnaire.findUniqueOrThrow({ ...query, where: { id: q.id } });
        }),
    }),
  );
  return QuestionnaireRef;
}
