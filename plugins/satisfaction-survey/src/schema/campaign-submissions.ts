// What the survey organisation submitted, on its campaign: responses and batches (row rules: supervisors and the
// executing organisation) and the live counters, read from the campaign row — the same cost at any volume.
import type { Context, ZhifaBuilder } from '@zhifa/core';
import { canRunCampaigns, isOrganisationOf } from '../access.js';
import type { SurveyEnums } from './enums.js';

export function registerCampaignSubmissions(builder: ZhifaBuilder, enums: SurveyEnums) {
  const mayCount = (c: { organisationId: number }, ctx: Context) =>
    canRunCampaigns(ctx.viewer) || isOrganisationOf(ctx.viewer, c);
  const note = '（监督人员与执行调查机构可见，其他人为空）Supervisors and the executing organisation; null for others';
  builder.prismaObjectFields('SurveyCampaign', (t) => ({
    responseCount: t.int({
      nullable: true,
      description: `已写入答卷数 Responses stored ${note}`,
      select: { responseCount: true, organisationId: true },
      resolve: (c, _a, ctx) => (mayCount(c, ctx) ? c.responseCount : null),
    }),
    flaggedCount: t.int({
      nullable: true,
      description: `带质量标记的答卷数 Responses flagged ${note}`,
      select: { flaggedCount: true, organisationId: true },
      resolve: (c, _a, ctx) => (mayCount(c, ctx) ? c.flaggedCount : null),
    }),
    // The call-back sample is the supervisors' to know, not the audited organisation's (回访抽查).
    callbackSampledCount: t.int({
      nullable: true,
      authScopes: { supervisor: true },
      description: '抽中回访的答卷数（仅监督人员）Responses sampled for call-back: supervisors only',
      select: { callbackSampledCount: true },
      resolve: (c) => c.callbackSampledCount,
    }),
    responses: t.relatedConnection('responses', {
      cursor: 'id',
      nullable: true,
      description: '答卷（监督人员与执行调查机构可见）Responses: supervisors and the executing organisation',
      args: {
        quality: t.arg({ type: enums.SurveyQuality, required: false, description: '质量分类 Quality class' }),
        callbackStatus: t.arg({
          type: enums.SurveyCallbackStatus,
          required: false,
          description: '回访结果（仅监督人员）Call-back result: supervisors only',
        }),
        flagged: t.arg.boolean({
          required: false,
          description: '仅带（true）或不带（false）质量标记的 Flagged or not',
        }),
      },
      // Filtering by call-back status would tell the audited organisation the sample (回访抽查): supervisors only.
      authScopes: (_c, args) => (args.callbackStatus ? { supervisor: true } : true),
      query: (args) => ({
        where: {
          ...(args.quality ? { quality: args.quality } : {}),
          ...(args.callbackStatus ? { callbackStatus: args.callbackStatus } : {}),
          ...(args.flagged == null ? {} : { flags: args.flagged ? { isEmpty: false } : { isEmpty: true } }),
        },
        orderBy: { id: 'asc' as const },
      }),
    }),
    batches: t.relatedConnection('batches', {
      cursor: 'id',
      nullable: true,
      description: '提交批次（监督人员与执行调查机构可见）Batches: supervisors and the executing organisation',
      query: { orderBy: { id: 'asc' as const } },
    }),
  }));
}
