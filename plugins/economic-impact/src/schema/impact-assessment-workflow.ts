// The assessment's workflow as mutations (assessments.ts holds the rules of each step): the case's officers create,
// edit, submit and revise; the legal reviewer reviews or returns (行政处罚法 第58条); the agency head approves or
// returns (第57条); follow-up visits after the decision. Each is refused before its input is looked at when the
// caller may not take that step on the case; `impactAssessmentChanged` carries every step live to the agency.
import {
  caseIdArg,
  caseMutation,
  defineTopicSubscription,
  domainErrors,
  inCaseUnit,
  parseId,
  requiredText,
  tryParseId,
  unitOfWork,
  ValidationError,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { isSupervisor } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import type { ImpactMitigationKind } from '@zhifa/core/prisma';
import { assessmentActorScope } from '../assessment-scope.js';
import {
  approveAssessmentInTx,
  createAssessmentInTx,
  recordFollowUpInTx,
  returnAssessmentInTx,
  reviewAssessmentInTx,
  reviseAssessmentInTx,
  submitAssessmentInTx,
  updateAssessmentInTx,
  type AssessmentContent,
} from '../assessments.js';
import type { Dimension } from '../rules/rules-values.js';
import { IMPACT_ASSESSMENT_CHANGED } from '../topics.js';
import type { ImpactEnums } from './enums.js';
import type { registerImpactAssessment } from './impact-assessment.js';

/** Input bounds: the quantitative inputs are counts and a share; a revision offers at most 10 mitigations. */
export const MAX_MITIGATIONS = 10;
const MAX_EVIDENCE = 2000;
const MAX_SUMMARY = 4000;

interface ContentInput {
  scores: { dimension: Dimension; score: number; evidence?: string | null }[];
  stoppageDays?: number | null;
  revenueSharePct?: number | null;
  jobsAffected?: number | null;
  summary?: string | null;
  mitigations?: { kind: ImpactMitigationKind; text: string; instalments?: number | null; dueOn?: Date | null }[] | null;
}

export function registerImpactAssessmentWorkflow(
  builder: ZhifaBuilder,
  enums: ImpactEnums,
  AssessmentRef: ReturnType<typeof registerImpactAssessment>,
) {
  const ScoreInput = builder.inputType('ImpactScoreInput', {
    description: '维度评分 A dimension’s score',
    fields: (t) => ({
      dimension: t.field({ type: enums.ImpactDimension, required: true, description: '维度 Dimension' }),
      score: t.int({ required: true, description: '分值，0–4 的整数 Score, a whole number from 0 to 4' }),
      evidence: t.string({
        required: false,
        description:
          '依据（非零评分必填，至多 2000 字）Evidence; required for a non-zero score, at most 2000 characters',
        extensions: textKind('multiline'),
      }),
    }),
  });

  const MitigationInput = builder.inputType('ImpactMitigationInput', {
    description: '缓解措施 A mitigation offered',
    fields: (t) => ({
      kind: t.field({ type: enums.ImpactMitigationKind, required: true, description: '措施 Kind' }),
      text: t.string({
        required: true,
        description: '内容 What is offered',
        extensions: textKind('multiline'),
        validate: requiredText(2000, '缓解措施内容', 'text'),
      }),
      instalments: t.int({
        required: false,
        description: '分期期数（仅分期缴纳，2–12）Instalments (INSTALMENT only, 2–12)',
      }),
      dueOn: t.field({
        type: 'Date',
        required: false,
        description:
          '最后一期或延至的缴纳期限（仅分期、延期缴纳；须在今日之后）The last instalment’s day or the day deferred to (INSTALMENT, DEFERRAL; after today)',
      }),
    }),
  });

  const AssessmentInput = builder.inputType('ImpactAssessmentInput', {
    description: '评估内容（整体；修改时整体替换）The assessment’s content, whole: an update replaces it',
    fields: (t) => ({
      scores: t.field({
        type: [ScoreInput],
        required: true,
        description: '各维度评分（提交前须八个维度齐全）Scores; all eight dimensions before submission',
      }),
      stoppageDays: t.int({ required: false, description: '预计停产停业天数 Days of stoppage expected' }),
      revenueSharePct: t.float({ required: false, description: '受影响营业收入占比（%）Share of revenue affected, %' }),
      jobsAffected: t.int({ required: false, description: '受影响就业岗位数 Jobs affected' }),
      summary: t.string({
        required: false,
        description: '评估意见（至多 4000 字）The assessors’ conclusion, at most 4000 characters',
        extensions: textKind('multiline'),
      }),
      mitigations: t.field({
        type: [MitigationInput],
        required: false,
        description: '缓解措施（至多 10 项）Mitigations, at most 10',
      }),
    }),
  });

  const onAssessment = (action: Parameters<typeof assessmentActorScope>[2], description: string) => ({
    description,
    errors: { types: domainErrors },
    authScopes: (_root: unknown, args: { assessmentId: GlobalId }, ctx: Parameters<typeof assessmentActorScope>[1]) =>
      assessmentActorScope(args.assessmentId, ctx, action),
  });
  const idOf = (gid: GlobalId) => parseId(gid, 'ImpactAssessment', ['assessmentId']);

  builder.mutationField('createImpactAssessment', (t) =>
    t.prismaField({
      type: AssessmentRef,
      ...caseMutation(
        'act',
        '起草经济影响评估（新版本；本案承办人员；方案任务7）Draft an economic impact assessment, a new revision (the case’s officers; plan task 7)',
      ),
      args: {
        caseId: caseIdArg(t),
        input: t.arg({ type: AssessmentInput, required: true, description: '评估内容 Content' }),
      },
      resolve: (query, _root, args, ctx) =>
        inCaseUnit(ctx, args.caseId, async (uow, caseId) => {
          const a = await createAssessmentInTx(uow, caseId, content(args.input));
          return uow.tx.impactAssessment.findUniqueOrThrow({ ...query, where: { id: a.id } });
        }),
    }),
  );

  builder.mutationField('updateImpactAssessment', (t) =>
    t.prismaField({
      type: AssessmentRef,
      ...onAssessment(
        'act',
        '修改草稿或退回的评估（整体替换；本案承办人员）Replace the content of a draft or returned revision (the case’s officers)',
      ),
      args: {
        assessmentId: t.arg.globalID({ required: true, description: '评估版本 Assessment revision' }),
        input: t.arg({ type: AssessmentInput, required: true, description: '评估内容 Content' }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const a = await updateAssessmentInTx(uow, idOf(args.assessmentId), content(args.input));
          return uow.tx.impactAssessment.findUniqueOrThrow({ ...query, where: { id: a.id } });
        }),
    }),
  );

  const step = (
    field: string,
    action: Parameters<typeof assessmentActorScope>[2],
    description: string,
    run: (uow: Parameters<typeof submitAssessmentInTx>[0], id: number) => Promise<{ id: number }>,
  ) =>
    builder.mutationField(field, (t) =>
      t.prismaField({
        type: AssessmentRef,
        ...onAssessment(action, description),
        args: { assessmentId: t.arg.globalID({ required: true, description: '评估版本 Assessment revision' }) },
        resolve: (query, _root, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const a = await run(uow, idOf(args.assessmentId));
            return uow.tx.impactAssessment.findUniqueOrThrow({ ...query, where: { id: a.id } });
          }),
      }),
    );

  step(
    'submitImpactAssessment',
    'act',
    '提交评估：八个维度齐全，按现行规则确定加权分和等级（本案承办人员）Submit: every dimension scored; the weighted score and level are fixed under the rules in force (the case’s officers)',
    submitAssessmentInTx,
  );
  step(
    'approveImpactAssessment',
    'head',
    '批准评估（机关负责人，行政处罚法第57条；提交人不得批准）：此后不可更改 Approve a reviewed revision (the agency head, art. 57; not its submitter): it never changes afterwards',
    approveAssessmentInTx,
  );
  step(
    'reviseImpactAssessment',
    'act',
    '在已批准版本基础上提出新版本（草稿，复制其内容；本案承办人员）Start a new draft revision from the latest approved one, copying its content (the case’s officers)',
    reviseAssessmentInTx,
  );

  builder.mutationField('reviewImpactAssessment', (t) =>
    t.prismaField({
      type: AssessmentRef,
      ...onAssessment(
        'review',
        '法制审核通过，报机关负责人批准（法制审核人员，行政处罚法第58条；提交人不得审核）Pass legal review to the head (the legal reviewer, art. 58; not the submitter)',
      ),
      args: {
        assessmentId: t.arg.globalID({ required: true, description: '评估版本 Assessment revision' }),
        comment: t.arg.string({
          required: false,
          description: '审核意见 Review comment',
          extensions: textKind('multiline'),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const a = await reviewAssessmentInTx(
            uow,
            idOf(args.assessmentId),
            optionalText(args.comment, 2000, ['comment']),
          );
          return uow.tx.impactAssessment.findUniqueOrThrow({ ...query, where: { id: a.id } });
        }),
    }),
  );

  builder.mutationField('returnImpactAssessment', (t) =>
    t.prismaField({
      type: AssessmentRef,
      ...onAssessment(
        (status) => (status === 'REVIEWED' ? 'head' : 'review'),
        '退回修改并附意见（待审核时由法制审核人员，待批准时由机关负责人；提交人不得退回）Return with comments: the legal reviewer while submitted, the head while reviewed (not the submitter)',
      ),
      args: {
        assessmentId: t.arg.globalID({ required: true, description: '评估版本 Assessment revision' }),
        comment: t.arg.string({
          required: true,
          description: '退回意见 Why it is returned',
          extensions: textKind('multiline'),
          validate: requiredText(2000, '退回意见', 'comment'),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const a = await returnAssessmentInTx(uow, idOf(args.assessmentId), args.comment.trim());
          return uow.tx.impactAssessment.findUniqueOrThrow({ ...query, where: { id: a.id } });
        }),
    }),
  );

  builder.mutationField('recordImpactFollowUp', (t) =>
    t.prismaField({
      type: 'ImpactFollowUp',
      ...caseMutation(
        'act',
        '记录案后回访（决定后，针对决定所依据的评估版本；本案承办人员）Record a follow-up visit after the decision, against the revision it relied on (the case’s officers)',
      ),
      args: {
        caseId: caseIdArg(t),
        visitedOn: t.arg({ type: 'Date', required: true, description: '回访日期 Day of the visit' }),
        findings: t.arg.string({
          required: true,
          description: '回访情况 Findings',
          extensions: textKind('multiline'),
          validate: requiredText(4000, '回访情况', 'findings'),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        inCaseUnit(ctx, args.caseId, async (uow, caseId) => {
          const f = await recordFollowUpInTx(uow, caseId, { visitedOn: args.visitedOn, findings: args.findings });
          return uow.tx.impactFollowUp.findUniqueOrThrow({ ...query, where: { id: f.id } });
        }),
    }),
  );

  // Events are scoped to the case's agency and the case: the agency's staff and supervisors hear them, the
  // enterprise never (its view is the graph's, without scores).
  defineTopicSubscription(builder, {
    field: 'impactAssessmentChanged',
    description:
      '经济影响评估的每一步（本单位人员及监督人员）Every step of an assessment’s workflow (the agency’s staff, supervisors)',
    topics: [IMPACT_ASSESSMENT_CHANGED],
    type: AssessmentRef,
    args: (arg) => ({ agencyId: arg.globalID({ required: false, description: '办案单位 Only this agency' }) }),
    // Asking for another agency's is refused up front rather than left silent.
    authScopes: (_parent, args, ctx) =>
      args.agencyId
        ? isSupervisor(ctx.viewer) ||
          (ctx.viewer.kind === 'person' && ctx.viewer.agencyId === tryParseId(args.agencyId, 'Agency'))
        : { staff: true },
    filter: (e, args) => !args.agencyId || e.agencyId === tryParseId(args.agencyId, 'Agency'),
    resolve: (e, _args, ctx) => ctx.prisma.impactAssessment.findUnique({ where: { id: e.payload.assessmentId } }),
  });
}

/** An optional free text: trimmed, empty as none, at most `max` characters. */
function optionalText(v: string | null | undefined, max: number, path: (string | number)[]): string | null {
  const text = v?.trim() ?? '';
  if (text.length > max)
    throw ValidationError.one(path, { zh: `过长（至多 ${max} 字）`, en: `too long (at most ${max})` });
  return text || null;
}

function bounded(v: number | null | undefined, min: number, max: number, path: string[], integer = true) {
  if (v === null || v === undefined) return null;
  if ((integer && !Number.isInteger(v)) || v < min || v > max)
    throw ValidationError.one(path, {
      zh: `须为 ${min} 至 ${max} 之间的${integer ? '整数' : '数'}`,
      en: `must be a ${integer ? 'whole number' : 'number'} from ${min} to ${max}`,
    });
  return v;
}

/** The input as content, its sizes and bounds checked (the domain's rules follow in the service). */
function content(input: ContentInput): AssessmentContent {
  const mitigations = input.mitigations ?? [];
  if (mitigations.length > MAX_MITIGATIONS)
    throw ValidationError.one(['input', 'mitigations'], {
      zh: `缓解措施至多 ${MAX_MITIGATIONS} 项`,
      en: `at most ${MAX_MITIGATIONS} mitigations`,
    });
  return {
    scores: input.scores.map((s, i) => ({
      dimension: s.dimension,
      score: s.score,
      evidence: optionalText(s.evidence, MAX_EVIDENCE, ['input', 'scores', i, 'evidence']),
    })),
    stoppageDays: bounded(input.stoppageDays, 0, 3650, ['input', 'stoppageDays']),
    revenueSharePct: bounded(input.revenueSharePct, 0, 100, ['input', 'revenueSharePct'], false),
    jobsAffected: bounded(input.jobsAffected, 0, 10_000_000, ['input', 'jobsAffected']),
    summary: optionalText(input.summary, MAX_SUMMARY, ['input', 'summary']),
    mitigations: mitigations.map((m) => ({
      kind: m.kind,
      text: m.text,
      instalments: m.instalments ?? null,
      dueOn: m.dueOn ?? null,
    })),
  };
}
