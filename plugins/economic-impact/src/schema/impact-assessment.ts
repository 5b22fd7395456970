// ImpactAssessment 经济影响评估: one revision of a case's assessment, with its mitigations (ImpactMitigation) and
// follow-up visits (ImpactFollowUp), the `explanation` of its weighted score, and where it is read from — the county
// list `impactAssessments`, the case (latest revision, every revision) and the enterprise. Who sees a row is
// access.ts; the enterprise sees that an approved revision was made and the mitigations offered to it, never the
// scoring, evidence, level, inputs or comments (`staffOnly`). The workflow's mutations are impact-assessment-workflow.ts.
import { globalId, nodeRowId, tryParseId, type Context, type GlobalId, type ZhifaBuilder } from '@zhifa/core';
import { actorShownTo, isSupervisor } from '@zhifa/core/auth';
import type { ImpactAssessment, ImpactAssessmentStatus, ImpactLevel, Prisma } from '@zhifa/core/prisma';
import { addDays, startOfShanghaiDay } from '@zhifa/core/time';
import { assessmentRule, followUpRule, mitigationRule, staffOnly } from '../access.js';
import { rulesValues } from '../rules-store.js';
import { DIMENSION_LABEL, type ImpactRulesValues } from '../rules/rules-values.js';
import { readScores, score, type DimensionScore, type ScoreTerm } from '../rules/scoring.js';
import { LEVEL_NAMES } from '../names.js';
import type { ImpactEnums } from './enums.js';

interface Explanation {
  rulesVersion: number;
  weightedScore: number;
  level: ImpactLevel;
  terms: ScoreTerm[];
  text: string;
}

export function registerImpactAssessment(builder: ZhifaBuilder, enums: ImpactEnums) {
  const ScoreRef = builder.objectRef<DimensionScore>('ImpactScore').implement({
    description: '维度评分 A dimension’s score, 0–4, with its evidence',
    fields: (t) => ({
      dimension: t.expose('dimension', { type: enums.ImpactDimension, description: '维度 Dimension' }),
      score: t.exposeInt('score', { description: '分值 0–4 Score, 0–4' }),
      evidence: t.exposeString('evidence', {
        nullable: true,
        description: '依据（非零评分必填）Evidence; required for a non-zero score',
      }),
    }),
  });

  const TermRef = builder.objectRef<ScoreTerm>('ImpactScoreTerm').implement({
    description: '加权分的一项：权重 × 分值 One term of the weighted score: weight × score',
    fields: (t) => ({
      dimension: t.expose('dimension', { type: enums.ImpactDimension, description: '维度 Dimension' }),
      score: t.exposeInt('score', { description: '分值 Score' }),
      weight: t.exposeFloat('weight', { description: '权重（0–1）Weight, 0–1' }),
      contribution: t.exposeFloat('contribution', { description: '贡献（权重 × 分值）Contribution: weight × score' }),
    }),
  });

  const ExplanationRef = builder.objectRef<Explanation>('ImpactExplanation').implement({
    description:
      '加权分的计算：各维度贡献之和，按规则版本的分界定级 How the weighted score was computed: the sum of each term, the level from the version’s cut-offs',
    fields: (t) => ({
      rulesVersion: t.exposeInt('rulesVersion', { description: '所用规则版本 Rules version used' }),
      weightedScore: t.exposeFloat('weightedScore', { description: '加权分（0–4）Weighted score, 0–4' }),
      level: t.expose('level', { type: enums.ImpactLevel, description: '等级 Level' }),
      terms: t.field({ type: [TermRef], description: '各项 The terms', resolve: (e) => e.terms }),
      text: t.exposeString('text', { description: '算式（中英文）The sum written out, in Chinese and English' }),
    }),
  });

  builder.prismaObject('ImpactMitigation', {
    description: '缓解措施（随评估对企业可见）A mitigation offered to the enterprise (visible with its assessment)',
    rowRule: mitigationRule,
    fields: (t) => ({
      kind: t.expose('kind', { type: enums.ImpactMitigationKind, description: '措施 Kind' }),
      text: t.exposeString('text', { description: '内容 What is offered' }),
      instalments: t.exposeInt('instalments', {
        nullable: true,
        description: '分期期数（分期缴纳）Number of instalments (INSTALMENT)',
      }),
      dueOn: t.expose('dueOn', {
        type: 'Date',
        nullable: true,
        description:
          '最后一期或延至的缴纳期限（行政处罚法第66条）The last instalment’s day, or the day deferred to (art. 66)',
      }),
    }),
  });

  builder.prismaObject('ImpactFollowUp', {
    description:
      '案后回访（本单位工作人员及监督人员）A follow-up visit after the decision (the agency’s staff, supervisors)',
    rowRule: followUpRule,
    fields: (t) => ({
      id: t.exposeID('id', { description: '编号 Id' }),
      visitedOn: t.expose('visitedOn', { type: 'Date', description: '回访日期 Day of the visit' }),
      findings: t.exposeString('findings', { description: '回访情况 Findings' }),
      recordedBy: t.string({
        description: '记录人 Who recorded it',
        resolve: (f, _a, ctx) => actorShownTo(ctx.viewer, f.recordedBy),
      }),
      recordedAt: t.expose('recordedAt', { type: 'DateTime', description: '记录时间 Recorded at' }),
    }),
  });

  const actor = (
    column: 'createdBy' | 'submittedBy' | 'reviewedBy' | 'approvedBy' | 'returnedBy',
    description: string,
  ) =>
    ({
      nullable: true,
      description,
      resolve: (a: ImpactAssessment, _args: object, ctx: Context) =>
        a[column] === null ? null : actorShownTo(ctx.viewer, a[column]),
    }) as const;

  const AssessmentRef = builder.prismaNode('ImpactAssessment', {
    id: { field: 'id' },
    nullable: true,
    description:
      '涉企案件经济影响评估（一个版本；方案任务7）：本单位人员及监督人员可见全部，企业仅见已批准版本及缓解措施 One revision of an enterprise case’s economic impact assessment (plan task 7): the agency’s staff and supervisors see it whole; the enterprise sees approved revisions and their mitigations only',
    rowRule: assessmentRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      case: t.relation('case', { description: '案件 The case' }),
      agency: t.relation('agency', { description: '办案单位 Agency' }),
      enterprise: t.relation('enterprise', { description: '当事企业 The enterprise' }),
      revision: t.exposeInt('revision', { description: '版本号（1 起）Revision, from 1' }),
      status: t.expose('status', { type: enums.ImpactAssessmentStatus, description: '状态 Status' }),
      scores: t.field({
        type: [ScoreRef],
        nullable: true,
        authScopes: staffOnly,
        description: '各维度评分及依据（工作人员）Scores and evidence (staff)',
        resolve: (a) => readScores(a.scores),
      }),
      stoppageDays: t.exposeInt('stoppageDays', {
        nullable: true,
        authScopes: staffOnly,
        description: '预计停产停业天数（工作人员）Days of stoppage expected (staff)',
      }),
      revenueSharePct: t.exposeFloat('revenueSharePct', {
        nullable: true,
        authScopes: staffOnly,
        description: '受影响营业收入占比（%，工作人员）Share of revenue affected, percent (staff)',
      }),
      jobsAffected: t.exposeInt('jobsAffected', {
        nullable: true,
        authScopes: staffOnly,
        description: '受影响就业岗位数（工作人员）Jobs affected (staff)',
      }),
      summary: t.exposeString('summary', {
        nullable: true,
        authScopes: staffOnly,
        description: '评估意见（工作人员）The assessors’ conclusion (staff)',
      }),
      weightedScore: t.exposeFloat('weightedScore', {
        nullable: true,
        authScopes: staffOnly,
        description: '加权分（提交时确定，0–4；工作人员）Weighted score, fixed at submission, 0–4 (staff)',
      }),
      level: t.expose('level', {
        type: enums.ImpactLevel,
        nullable: true,
        authScopes: staffOnly,
        description: '影响等级（提交时确定；工作人员）Level, fixed at submission (staff)',
      }),
      rulesVersion: t.exposeInt('rulesVersion', {
        nullable: true,
        authScopes: staffOnly,
        description: '评分所用规则版本（工作人员）Rules version it was scored under (staff)',
      }),
      explanation: t.loadable({
        type: ExplanationRef,
        nullable: true,
        authScopes: staffOnly,
        description: '加权分的计算（提交后；工作人员）How the weighted score was computed, once submitted (staff)',
        resolve: (a) => a.id,
        // Every assessment of a page in two statements: their scores, and the rules versions they name.
        load: (ids: number[], ctx: Context) => explanations(ids, ctx),
      }),
      coveredTriggerIds: t.idList({
        nullable: true,
        authScopes: staffOnly,
        description: '批准时所涵盖的触发情形（工作人员）Triggers answered, fixed at approval (staff)',
        resolve: (a) => a.coveredTriggerIds.map((id) => globalId('ImpactTrigger', id)),
      }),
      reviewComment: t.exposeString('reviewComment', {
        nullable: true,
        authScopes: staffOnly,
        description: '法制审核意见（工作人员）Legal review comment (staff)',
      }),
      returnComment: t.exposeString('returnComment', {
        nullable: true,
        authScopes: staffOnly,
        description: '退回意见（工作人员）Why it was returned (staff)',
      }),
      mitigations: t.relation('mitigations', {
        description: '缓解措施（至多 10 项，按顺序）Mitigations offered, in order (at most 10)',
        query: { orderBy: { position: 'asc' } },
      }),
      followUps: t.relatedConnection('followUps', {
        cursor: 'id',
        totalCount: true,
        nullable: true,
        description: '案后回访（本单位人员及监督人员）Follow-up visits (the agency’s staff, supervisors)',
        query: { orderBy: { id: 'desc' } },
      }),
      createdBy: t.string(actor('createdBy', '起草人 Drafted by')),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: '起草时间 Drafted at' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最近修改 Last changed' }),
      submittedBy: t.string(actor('submittedBy', '提交人 Submitted by')),
      submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true, description: '提交时间 Submitted at' }),
      reviewedBy: t.string(actor('reviewedBy', '法制审核人 Reviewed by')),
      reviewedAt: t.expose('reviewedAt', { type: 'DateTime', nullable: true, description: '审核时间 Reviewed at' }),
      approvedBy: t.string(actor('approvedBy', '批准人（机关负责人）Approved by (the agency head)')),
      approvedAt: t.expose('approvedAt', { type: 'DateTime', nullable: true, description: '批准时间 Approved at' }),
      returnedBy: t.string(actor('returnedBy', '退回人 Returned by')),
      returnedAt: t.expose('returnedAt', { type: 'DateTime', nullable: true, description: '退回时间 Returned at' }),
    }),
  });

  builder.queryField('impactAssessments', (t) =>
    t.prismaConnection({
      type: 'ImpactAssessment',
      cursor: 'id',
      nullable: true,
      totalCount: (_p, args, ctx) => ctx.prisma.impactAssessment.count({ where: listWhere(args) }),
      description:
        '经济影响评估（各版本，最新在前；本单位人员见本单位，监督人员见全部）Assessment revisions, newest first: staff their agency’s, supervisors every agency’s',
      args: {
        agencyId: t.arg.globalID({ required: false, description: '办案单位 Only this agency' }),
        level: t.arg({ type: enums.ImpactLevel, required: false, description: '等级 Only this level' }),
        status: t.arg({ type: enums.ImpactAssessmentStatus, required: false, description: '状态 Only this status' }),
        from: t.arg({ type: 'Date', required: false, description: '起草日起（含，上海时间）Drafted from this day' }),
        to: t.arg({ type: 'Date', required: false, description: '起草日止（含）Drafted up to this day, inclusive' }),
      },
      // Another agency's list is refused up front rather than answered empty.
      authScopes: (_root, args, ctx) =>
        args.agencyId
          ? isSupervisor(ctx.viewer) || personOf(ctx, tryParseId(args.agencyId, 'Agency'))
          : { staff: true },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.impactAssessment.findMany({ ...query, where: listWhere(args), orderBy: { id: 'desc' } }),
    }),
  );

  builder.prismaObjectFields('EnforcementCase', (t) => ({
    impactAssessment: t.field({
      type: AssessmentRef,
      nullable: true,
      description:
        '经济影响评估的最新版本（可见的；企业仅见已批准的）The latest revision of the assessment the caller may see (the enterprise: the latest approved)',
      // Selected within the cases' query, so a page of cases and its revisions' nested fields cost no statement per
      // case. The rule goes into the query before `take: 1` (the framework ANDs rules into lists only; for one row it
      // would hide the latest revision instead of taking the latest visible one).
      select: (_args, ctx, nestedSelection) => ({
        impactAssessments: nestedSelection({
          where: assessmentRule.where(ctx.viewer) ?? assessmentRule.noRows,
          orderBy: { revision: 'desc' },
          take: 1,
        }),
      }),
      resolve: (c) => c.impactAssessments[0] ?? null,
    }),
    impactAssessmentRevisions: t.relatedConnection('impactAssessments', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      // Asked beside `impactAssessment` on a list of cases, plugin-prisma loads one of the two per case (the same
      // relation selected with other arguments): for a case's own page, not for lists.
      description:
        '经济影响评估的各版本（最新在前；用于单个案件，列表请用 impactAssessment）Every revision of the assessment the caller may see, newest first (for one case; on lists ask impactAssessment)',
      query: { orderBy: { revision: 'desc' } },
    }),
  }));

  builder.prismaObjectField('Enterprise', 'impactAssessments', (t) =>
    t.relatedConnection('impactAssessments', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      authScopes: { authenticated: true },
      description:
        '该企业案件的经济影响评估（企业本身仅见已批准的）Assessments of this enterprise’s cases the caller may see (the enterprise itself: approved ones)',
      query: { orderBy: { id: 'desc' } },
    }),
  );

  return AssessmentRef;
}

interface ListArgs {
  agencyId?: GlobalId | null;
  level?: ImpactLevel | null;
  status?: ImpactAssessmentStatus | null;
  from?: Date | null;
  to?: Date | null;
}

/** The list's filters; `from`/`to` are Asia/Shanghai days of drafting, inclusive. */
function listWhere(args: ListArgs): Prisma.ImpactAssessmentWhereInput {
  return {
    ...(args.agencyId ? { agencyId: tryParseId(args.agencyId, 'Agency') ?? -1 } : {}),
    ...(args.level ? { level: args.level } : {}),
    ...(args.status ? { status: args.status } : {}),
    ...(args.from || args.to
      ? {
          createdAt: {
            ...(args.from ? { gte: startOfShanghaiDay(args.from) } : {}),
            ...(args.to ? { lt: startOfShanghaiDay(addDays(args.to, 1)) } : {}),
          },
        }
      : {}),
  };
}

/** A person of the agency: its officers, head and legal reviewers read its assessments (access.ts). */
function personOf(ctx: Context, agencyId: number | null): boolean {
  return ctx.viewer.kind === 'person' && agencyId !== null && ctx.viewer.agencyId === agencyId;
}

/** Each assessment's explanation, from its scores and the rules version it was scored under; null before submission. */
async function explanations(ids: number[], ctx: Context): Promise<(Explanation | null)[]> {
  const rows = await ctx.prisma.impactAssessment.findMany({
    where: { id: { in: ids } },
    select: { id: true, scores: true, rulesVersion: true },
  });
  const versions = [...new Set(rows.flatMap((r) => (r.rulesVersion === null ? [] : [r.rulesVersion])))];
  const rules = versions.length
    ? new Map(
        (await ctx.prisma.impactRules.findMany({ where: { version: { in: versions } } })).map((r) => [
          r.version,
          rulesValues(r),
        ]),
      )
    : new Map<number, ImpactRulesValues>();
  const byId = new Map(
    rows.map((r) => {
      const values = r.rulesVersion === null ? undefined : rules.get(r.rulesVersion);
      return [r.id, values ? explain(readScores(r.scores), values) : null] as const;
    }),
  );
  return ids.map((id) => byId.get(id) ?? null);
}

function explain(scores: DimensionScore[], rules: ImpactRulesValues): Explanation {
  const s = score(scores, rules);
  const sum = (lang: 'zh' | 'en') =>
    s.terms.map((t) => `${t.weight} × ${t.score}（${DIMENSION_LABEL[t.dimension][lang]}）`).join(' + ');
  return {
    rulesVersion: rules.version,
    weightedScore: s.weightedScore,
    level: s.level,
    terms: s.terms,
    text:
      `${sum('zh')} = ${s.weightedScore}，等级：${LEVEL_NAMES[s.level].zh}（第 ${rules.version} 版规则）` +
      ` | ${sum('en').replaceAll('（', ' (').replaceAll('）', ')')} = ${s.weightedScore}, level: ${LEVEL_NAMES[s.level].en} (rules version ${rules.version})`,
  };
}
