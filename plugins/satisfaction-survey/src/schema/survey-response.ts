// SurveyResponse and SurveyBatch: what the survey organisation submitted, readable by supervisors and by the
// organisation that collected it (access.ts responseRule / batchRule) — never by the agency evaluated or the public.
import { nodeRowId, type ZhifaBuilder } from '@zhifa/core';
import { batchRule, responseRule } from '../access.js';
import { isLevel } from '../levels.js';
import type { SurveyEnums } from './enums.js';

interface AnswerRow {
  item: string;
  kind: 'LIKERT5' | 'SINGLE_CHOICE' | 'FREE_TEXT';
  value: string;
}

export function registerSurveyResponse(builder: ZhifaBuilder, enums: SurveyEnums) {
  const FlagRef = builder.enumType('SurveyQualityFlag', {
    description: '质量标记 Quality flag of a response',
    values: {
      SAME_ANSWER: { description: '全部五级题同一答案（至少 3 题）Every five-level item the same level (3 or more)' },
      TOO_FAST: { description: '调查时长短于本项目的最短时长 Collected faster than the campaign’s minimum duration' },
    } as const,
  });

  const AnswerRef = builder.objectRef<AnswerRow>('SurveyAnswer').implement({
    description: '一题的答案（三者之一，按题型）One item’s answer: a level, a choice or a text, by the item’s kind',
    fields: (t) => ({
      item: t.exposeString('item', { description: '题目编号 Item code' }),
      level: t.field({
        type: enums.SurveyLevel,
        nullable: true,
        description: '五级题的答案 The level of a five-level item',
        resolve: (a) => (a.kind === 'LIKERT5' && isLevel(a.value) ? a.value : null),
      }),
      choice: t.string({
        nullable: true,
        description: '单选题的选项 The option of a single-choice item',
        resolve: (a) => (a.kind === 'SINGLE_CHOICE' ? a.value : null),
      }),
      text: t.string({
        nullable: true,
        description: '文字题的答案 The text of a free-text item',
        resolve: (a) => (a.kind === 'FREE_TEXT' ? a.value : null),
      }),
    }),
  });

  const SurveyBatchRef = builder.prismaNode('SurveyBatch', {
    id: { field: 'id' },
    nullable: true,
    description: '提交批次（监督人员与执行调查机构可见）A submitted batch: supervisors and the executing organisation',
    rowRule: batchRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      accepted: t.exposeInt('accepted', { description: '新写入的答卷数 Responses written' }),
      duplicates: t.exposeInt('duplicates', {
        description: '与已提交答卷完全相同而未重复写入的数量 Identical resubmissions, not written again',
      }),
      submittedAt: t.expose('submittedAt', { type: 'DateTime', description: '提交时间 Submitted at' }),
    }),
  });

  const SurveyResponseRef = builder.prismaNode('SurveyResponse', {
    id: { field: 'id' },
    nullable: true,
    description:
      '调查答卷（监督人员与执行调查机构可见；不含受访者个人信息）A response: supervisors and the executing organisation; no respondent personal data',
    rowRule: responseRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      externalId: t.exposeString('externalId', { description: '调查机构的答卷编号 The organisation’s id' }),
      respondentType: t.expose('respondentType', { type: enums.SurveyRespondentType, description: '受访者类别' }),
      agency: t.relation('agency', { description: '被评价单位 The agency evaluated' }),
      township: t.relation('township', { description: '镇区 The township' }),
      channel: t.expose('channel', { type: enums.SurveyChannel, description: '调查方式 Channel' }),
      collectedAt: t.expose('collectedAt', { type: 'DateTime', description: '调查时间 Collected at' }),
      durationSeconds: t.exposeInt('durationSeconds', { nullable: true, description: '时长（秒）Duration (s)' }),
      answers: t.field({
        type: [AnswerRef],
        description: '答案（按题目编号；至多 60 题）Answers by item code (a questionnaire has at most 60 items)',
        select: {
          answers: true,
          campaign: {
            select: {
              questionnaires: {
                where: { frozenAt: { not: null } },
                orderBy: { version: 'desc' },
                take: 1,
                select: { items: { select: { code: true, kind: true, position: true } } },
              },
            },
          },
        },
        resolve: (r) => {
          const items = [...(r.campaign.questionnaires[0]?.items ?? [])].sort((a, b) => a.position - b.position);
          const answers = r.answers as Record<string, string>;
          return items
            .filter((i) => answers[i.code] !== undefined)
            .map((i) => ({ item: i.code, kind: i.kind, value: answers[i.code] }));
        },
      }),
      flags: t.field({
        type: [FlagRef],
        description: '质量标记 Quality flags',
        select: { flags: true },
        resolve: (r) => r.flags.filter((f): f is 'SAME_ANSWER' | 'TOO_FAST' => f === 'SAME_ANSWER' || f === 'TOO_FAST'),
      }),
      quality: t.expose('quality', { type: enums.SurveyQuality, description: '质量分类 Quality class' }),
      // The audited organisation never learns which of its responses will be called back (回访抽查): supervisors only.
      callbackStatus: t.expose('callbackStatus', {
        type: enums.SurveyCallbackStatus,
        nullable: true,
        authScopes: { supervisor: true },
        description: '回访抽查结果（仅监督人员）；未抽中为空 Call-back result, supervisors only; null when not sampled',
      }),
      batch: t.relation('batch', {
        description: '提交批次 The batch',
        rowRuleImplied: 'a response and its batch have the same rule (supervisors, the executing organisation)',
      }),
    }),
  });
  return { SurveyResponseRef, SurveyBatchRef };
}

export type SurveyResponseRefs = ReturnType<typeof registerSurveyResponse>;
