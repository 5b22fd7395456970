// SurveyCampaign 满意度调查项目 (county plan task 13): the type, the campaigns list, and the lifecycle mutations
// draft → open → closed → published. Supervisors run campaigns (canRunCampaigns, asked in authScopes before any
// input is looked at); who reads which campaign is campaignRule (access.ts). The services are campaigns.ts.
import { z } from 'zod';
import {
  domainErrors,
  msg,
  nodeRowId,
  pageByKey,
  pagedByKey,
  parseId,
  requiredText,
  unitOfWork,
  type Context,
  type CoreRefs,
  type InMemoryPage,
  type ZhifaBuilder,
} from '@zhifa/core';
import { textKind } from '@zhifa/core/input';
import type { SurveyCampaignStatus, SurveyCampaignUnit } from '@zhifa/core/prisma';
import { campaignRule, canRunCampaigns, unitRule } from '../access.js';
import {
  closeCampaignIn,
  createCampaignIn,
  openCampaignIn,
  publishCampaignIn,
  updateCampaignIn,
  type CampaignInput,
} from '../campaigns.js';
import { satisfactionSurveySettings } from '../settings.js';
import type { SurveyEnums } from './enums.js';

/** Only those who run campaigns (supervisors): refused before any input is checked. */
export const runsCampaigns = (_root: unknown, _args: unknown, ctx: Context) => canRunCampaigns(ctx.viewer);

export function registerSurveyCampaign(builder: ZhifaBuilder, enums: SurveyEnums, core: CoreRefs) {
  const UnitRef = builder.prismaObject('SurveyCampaignUnit', {
    description: '调查项目的被评价单位或镇区 An agency a campaign evaluates, or a township its respondents come from',
    rowRule: unitRule,
    fields: (t) => ({
      // Read by id: Prisma batches the lookups of one request tick into one statement.
      agency: t.field({
        type: core.Agency,
        description: '单位 The agency',
        resolve: (u, _a, ctx) => ctx.prisma.agency.findUniqueOrThrow({ where: { id: u.agencyId } }),
      }),
      evaluated: t.exposeBoolean('evaluated', {
        description: '被评价单位（true）或镇区（false）Evaluated agency (true) or township (false)',
      }),
    }),
  });

  // Two filtered lists of the one relation `units`: planned into the campaigns' query, Prisma could hold only one
  // selection of it, and the other would be loaded per campaign. Each is instead a loadable field (core's dataloader
  // plugin): the lists of every campaign on the page in one statement, each paged in memory by its agency id.
  const unitsConnection = (name: string) =>
    builder.connectionObject(
      {
        type: UnitRef,
        name,
        fields: (conn) => ({
          totalCount: conn.int({
            description: '总数 Total',
            // connectionObject types its parent as Pothos's bare ConnectionShape (edges and pageInfo); the loadable
            // fields below resolve to core's InMemoryPage, which also carries totalCount — Pothos has no parameter
            // for a connection shape of one's own, so the cast names it.
            resolve: (page) => (page as unknown as InMemoryPage<SurveyCampaignUnit>).totalCount,
          }),
        }),
      },
      // The names t.connection gives a connection and its edge.
      { name: `${name}Edge` },
    );
  const EvaluatedConnection = unitsConnection('SurveyCampaignEvaluatedAgenciesConnection');
  const TownshipsConnection = unitsConnection('SurveyCampaignTownshipsConnection');

  const CampaignRef = builder.prismaNode('SurveyCampaign', {
    id: { field: 'id' },
    nullable: true,
    description:
      '满意度调查项目（监督人员看全部；调查机构看本机构执行的；被评价单位看评价本单位的；公布后公开）A satisfaction-survey campaign: supervisors see all, the organisation those it executes, an evaluated agency those that evaluate it, everyone a published one',
    rowRule: campaignRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => {
      const units = (evaluated: boolean, type: typeof EvaluatedConnection, description: string) =>
        t.loadable({
          type,
          nullable: true,
          description,
          // The loader is per path, so it sees the page arguments (the same for every campaign at that path).
          byPath: true,
          args: t.arg.connectionArgs(),
          extensions: pagedByKey('agencyId'),
          resolve: (c) => c.id,
          load: async (campaignIds: number[], ctx: Context, args) => {
            const rows = await ctx.prisma.surveyCampaignUnit.findMany({
              where: { campaignId: { in: campaignIds }, evaluated },
              orderBy: [{ campaignId: 'asc' }, { agencyId: 'asc' }],
            });
            const byCampaign = new Map<number, SurveyCampaignUnit[]>(campaignIds.map((id) => [id, []]));
            for (const r of rows) byCampaign.get(r.campaignId)?.push(r);
            return campaignIds.map((id) => pageByKey(byCampaign.get(id) ?? [], (u) => u.agencyId, args));
          },
        });
      return {
        title: t.exposeString('title', { description: '名称 Title' }),
        status: t.expose('status', { type: enums.SurveyCampaignStatus, description: '状态 Status' }),
        periodStart: t.expose('periodStart', { type: 'Date', description: '调查期间起（含）Period start, inclusive' }),
        periodEnd: t.expose('periodEnd', { type: 'Date', description: '调查期间止（含）Period end, inclusive' }),
        commissioningAgency: t.relation('commissioningAgency', {
          description: '委托单位（县司法局）Commissioning agency: the county justice bureau',
        }),
        organisation: t.relation('organisation', {
          description: '执行调查的第三方机构 The executing survey organisation',
        }),
        respondentTypes: t.expose('respondentTypes', {
          type: [enums.SurveyRespondentType],
          description: '受访者类别 Respondent types',
        }),
        channels: t.expose('channels', { type: [enums.SurveyChannel], description: '调查方式 Channels' }),
        targetRate: t.exposeFloat('targetRate', {
          description:
            '目标满意率（0–1，默认 0.93，县实施方案任务13）Target rate, 0–1 (default 0.93, county plan task 13)',
        }),
        basicallySatisfiedCounts: t.exposeBoolean('basicallySatisfiedCounts', {
          description:
            '“基本满意”是否计入满意（非常满意、满意总是计入）Whether 基本满意 counts as satisfied (非常满意 and 满意 always do)',
        }),
        minDurationSeconds: t.exposeInt('minDurationSeconds', {
          description: '答卷用时少于此秒数的标记为过快 A response collected in fewer seconds is flagged TOO_FAST',
        }),
        createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间 Created at' }),
        openedAt: t.expose('openedAt', { type: 'DateTime', nullable: true, description: '开始调查时间 Opened at' }),
        closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: '结束调查时间 Closed at' }),
        publishedAt: t.expose('publishedAt', {
          type: 'DateTime',
          nullable: true,
          description: '公布时间 Published at',
        }),
        evaluatedAgencies: units(true, EvaluatedConnection, '被评价单位（按单位编号）The agencies evaluated, by id'),
        townships: units(
          false,
          TownshipsConnection,
          '受访者所在镇区（按单位编号）The townships respondents come from, by id',
        ),
      };
    },
  });

  const CampaignInputRef = builder.inputType('SurveyCampaignInput', {
    description: '调查项目内容（修改时整体替换）A campaign’s terms; an update replaces them whole',
    fields: (t) => ({
      title: t.string({
        required: true,
        extensions: textKind('name'),
        description: '名称，如“2026年度行政执法满意度调查” Title',
        validate: requiredText(200, '名称', 'title'),
      }),
      periodStart: t.field({ type: 'Date', required: true, description: '调查期间起（含）Period start, inclusive' }),
      periodEnd: t.field({ type: 'Date', required: true, description: '调查期间止（含）Period end, inclusive' }),
      organisationId: t.globalID({
        required: true,
        description: '执行调查的第三方机构（类别 SURVEY_ORGANISATION）The executing survey organisation',
      }),
      evaluatedAgencyIds: t.globalIDList({
        required: true,
        description:
          '被评价单位（行政执法机关、镇、街道、管委会，至少一个）Evaluated agencies: enforcement agencies, townships, subdistricts, management committees; at least one',
      }),
      townshipIds: t.globalIDList({
        required: true,
        description: '受访者所在镇区（镇、街道、管委会）Townships respondents come from',
      }),
      respondentTypes: t.field({
        type: [enums.SurveyRespondentType],
        required: true,
        description: '受访者类别（至少一类）Respondent types, at least one',
      }),
      channels: t.field({
        type: [enums.SurveyChannel],
        required: true,
        description: '调查方式（至少一种）Channels, at least one',
      }),
      targetRate: t.float({
        required: false,
        description: '目标满意率，大于 0 且不超过 1，默认 0.93 Target rate, above 0 and at most 1; default 0.93',
      }),
      basicallySatisfiedCounts: t.boolean({
        required: false,
        description: '“基本满意”计入满意，默认否 Count 基本满意 as satisfied; default false',
      }),
      minDurationSeconds: t.int({
        required: false,
        description:
          '答卷最短用时（秒，0–3600），默认取配置 ZHIFA_SATISFACTION_SURVEY_MIN_DURATION_SECONDS Minimum seconds a response takes (0–3600); default from the setting',
        validate: z
          .number()
          .int()
          .min(0, msg('须为 0–3600 的整数', 'must be an integer from 0 to 3600'))
          .max(3600, msg('须为 0–3600 的整数', 'must be an integer from 0 to 3600')),
      }),
    }),
  });

  type RawInput = typeof CampaignInputRef.$inferInput;
  const toInput = (input: RawInput, ctx: Context): CampaignInput => ({
    title: input.title.trim(),
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    organisationId: parseId(input.organisationId, 'Agency', ['input', 'organisationId']),
    evaluatedAgencyIds: input.evaluatedAgencyIds.map((g, i) =>
      parseId(g, 'Agency', ['input', 'evaluatedAgencyIds', i]),
    ),
    townshipIds: input.townshipIds.map((g, i) => parseId(g, 'Agency', ['input', 'townshipIds', i])),
    respondentTypes: [...new Set(input.respondentTypes)],
    channels: [...new Set(input.channels)],
    targetRate: input.targetRate ?? 0.93,
    basicallySatisfiedCounts: input.basicallySatisfiedCounts ?? false,
    minDurationSeconds: input.minDurationSeconds ?? ctx.settings.get(satisfactionSurveySettings).minDurationSeconds,
  });

  builder.queryField('surveyCampaigns', (t) =>
    t.prismaConnection({
      type: 'SurveyCampaign',
      cursor: 'id',
      description:
        '满意度调查项目（按可见范围：监督人员全部，调查机构本机构执行的，被评价单位评价本单位的，公众已公布的）Campaigns the caller may see',
      args: {
        status: t.arg({
          type: enums.SurveyCampaignStatus,
          required: false,
          description: '按状态筛选 Filter by status',
        }),
      },
      totalCount: (_p, args, ctx) => ctx.prisma.surveyCampaign.count({ where: statusWhere(args.status) }),
      resolve: (query, _p, args, ctx) =>
        ctx.prisma.surveyCampaign.findMany({ ...query, where: statusWhere(args.status), orderBy: { id: 'asc' } }),
    }),
  );

  builder.mutationFields((t) => {
    const step = (description: string, run: typeof openCampaignIn) =>
      t.prismaField({
        type: 'SurveyCampaign',
        description,
        errors: { types: domainErrors },
        authScopes: runsCampaigns,
        args: { id: t.arg.globalID({ required: true, description: '调查项目 The campaign' }) },
        resolve: (query, _r, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const c = await run(uow, parseId(args.id, 'SurveyCampaign', ['id']));
            return uow.tx.surveyCampaign.findUniqueOrThrow({ ...query, where: { id: c.id } });
          }),
      });
    return {
      createSurveyCampaign: t.prismaField({
        type: 'SurveyCampaign',
        description:
          '新建调查项目（草稿；委托单位为县司法局）Create a campaign, as a draft, commissioned by the county justice bureau (supervisors)',
        errors: { types: domainErrors },
        authScopes: runsCampaigns,
        args: { input: t.arg({ type: CampaignInputRef, required: true }) },
        resolve: (query, _r, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const c = await createCampaignIn(uow, toInput(args.input, ctx));
            return uow.tx.surveyCampaign.findUniqueOrThrow({ ...query, where: { id: c.id } });
          }),
      }),
      updateSurveyCampaign: t.prismaField({
        type: 'SurveyCampaign',
        description: '修改调查项目（仅草稿）Change a draft campaign’s terms (supervisors)',
        errors: { types: domainErrors },
        authScopes: runsCampaigns,
        args: {
          id: t.arg.globalID({ required: true, description: '调查项目 The campaign' }),
          input: t.arg({ type: CampaignInputRef, required: true }),
        },
        resolve: (query, _r, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const id = parseId(args.id, 'SurveyCampaign', ['id']);
            const c = await updateCampaignIn(uow, id, toInput(args.input, ctx));
            return uow.tx.surveyCampaign.findUniqueOrThrow({ ...query, where: { id: c.id } });
          }),
      }),
      openSurveyCampaign: step(
        '开始调查：冻结问卷、固定抽样框（草稿→调查中）Open the campaign: freezes the questionnaire and the sampling frame (draft → open; supervisors)',
        openCampaignIn,
      ),
      closeSurveyCampaign: step(
        '结束调查：不再接收答卷（调查中→已结束）Close the campaign: no more responses (open → closed; supervisors)',
        closeCampaignIn,
      ),
      publishSurveyCampaign: step(
        '公布调查结果（已结束→已公布，向社会公开）Publish the campaign and its figures (closed → published; public from then on; supervisors)',
        publishCampaignIn,
      ),
    };
  });

  return CampaignRef;
}

function statusWhere(status: SurveyCampaignStatus | null | undefined) {
  return status ? { status } : {};
}
