// markSurveyCallback: a supervisor records a sampled response's call-back 回访 (callbacks.ts).
import { domainErrors, msg, parseId, unitOfWork, type ZhifaBuilder } from '@zhifa/core';
import { textKind } from '@zhifa/core/input';
import { z } from 'zod';
import { canRunCampaigns } from '../access.js';
import { markCallbackInTx } from '../callbacks.js';
import type { SurveyEnums } from './enums.js';

export const CALLBACK_NOTE_MAX = 500;

export function registerMarkSurveyCallback(builder: ZhifaBuilder, _enums: SurveyEnums) {
  const ResultRef = builder.enumType('SurveyCallbackResult', {
    description: '回访结果 Call-back result',
    values: {
      CONFIRMED: { description: '已回访核实 Reached and confirmed' },
      NOT_REACHED: { description: '未能联系到受访者 Respondent not reached' },
    } as const,
  });

  builder.mutationField('markSurveyCallback', (t) =>
    t.prismaField({
      type: 'SurveyResponse',
      description:
        '登记抽中答卷的回访结果（县司法局、司法所监督人员，系统管理员）；未联系到的答卷计入“未核实” Record a sampled response’s call-back (supervisors); a response not reached counts as UNCONFIRMED',
      errors: { types: domainErrors },
      authScopes: (_root, _args, ctx) => canRunCampaigns(ctx.viewer),
      args: {
        responseId: t.arg.globalID({ required: true, description: '答卷 The response' }),
        status: t.arg({ type: ResultRef, required: true, description: '回访结果 Result' }),
        note: t.arg.string({
          required: false,
          extensions: textKind('multiline'),
          description: `备注（至多 ${CALLBACK_NOTE_MAX} 字）Note, at most ${CALLBACK_NOTE_MAX} characters`,
          validate: z.string().trim().max(CALLBACK_NOTE_MAX, msg('备注过长', 'note is too long')).nullish(),
        }),
      },
      resolve: async (query, _root, args, ctx) => {
        const id = parseId(args.responseId, 'SurveyResponse', ['responseId']);
        await unitOfWork(ctx, (uow) =>
          markCallbackInTx(uow, id, args.status, args.note?.trim() || null, args.responseId.id),
        );
        return ctx.prisma.surveyResponse.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
  );
}
