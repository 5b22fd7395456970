// The soft-measure mutations: record a measure (against an enterprise, or in a case), record its follow-up's
// outcome once, and open a case after NOT_COMPLIED through core's openCaseInTx. Each scope refuses a caller who may
// not act before any input is checked; the services (soft-measures.ts) check again in the unit of work.
import type { EnumRef } from '@pothos/core';
import {
  asIfUnknown,
  caseActorScope,
  domainErrors,
  ForbiddenError,
  openCaseData,
  parseId,
  parseOptionalId,
  requiredText,
  tryParseId,
  unitOfWork,
  type Context,
  type CoreRefs,
  type GlobalId,
  type ZhifaBuilder,
  type ZhifaSchemaTypes,
} from '@zhifa/core';
import { canReadSoftMeasure } from '../access.js';
import { isOfficerOf, type Viewer } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import type { SoftMeasureKind, SoftMeasureOutcome } from '@zhifa/core/prisma';
import { z } from 'zod';
import {
  openCaseFromSoftMeasureInTx,
  recordSoftMeasureInTx,
  recordSoftMeasureOutcomeInTx,
  softMeasureNotFound,
  takesSoftMeasures,
} from '../soft-measures.js';

const MULTILINE = textKind('multiline');

interface SoftMeasureEnums {
  SoftMeasureKind: EnumRef<ZhifaSchemaTypes, SoftMeasureKind, SoftMeasureKind>;
  SoftMeasureOutcome: EnumRef<ZhifaSchemaTypes, SoftMeasureOutcome, SoftMeasureOutcome>;
}

/**
 * A mutation on one soft measure: a measure the caller may not see answers as an unknown one (the public
 * UnauthenticatedError, anyone else the NotFoundError); one seen but not the caller's to act on a ForbiddenError.
 */
async function softMeasureScope(gid: GlobalId, ctx: Context, may: (v: Viewer, agencyId: number) => boolean) {
  const id = tryParseId(gid, 'SoftMeasure');
  if (id === null) return { authenticated: true }; // the resolver's ValidationError follows
  const m = await ctx.prisma.softMeasure.findUnique({ where: { id }, select: { agencyId: true, enterpriseId: true } });
  if (!m || !canReadSoftMeasure(ctx.viewer, m)) return asIfUnknown(ctx, () => softMeasureNotFound(id));
  if (may(ctx.viewer, m.agencyId)) return true;
  throw new ForbiddenError({
    zh: '只有采取措施的单位的执法人员（及负责人）可以办理（县实施方案任务7）',
    en: 'Only the officers (and head) of the agency that took the measure may do this (county plan task 7)',
  });
}

export function registerSoftMeasureMutations(builder: ZhifaBuilder, enums: SoftMeasureEnums, core: CoreRefs) {
  const SoftMeasureInput = builder.inputType('SoftMeasureInput', {
    description:
      '柔性措施：针对一家经营主体，或在一个案件中采取（县实施方案任务7）A soft measure, against an enterprise or in a case (county plan task 7)',
    fields: (t) => ({
      kind: t.field({ type: enums.SoftMeasureKind, required: true, description: '种类 Kind' }),
      enterpriseId: t.globalID({
        required: false,
        description:
          '所针对的经营主体（与案件至少填一项；有案件时即本案当事企业）The enterprise; with a case, the case’s',
      }),
      caseId: t.globalID({
        required: false,
        description: '在其中采取的案件（本案承办人员）The case it is taken in (its assigned officers)',
      }),
      matterId: t.globalID({
        required: false,
        description: '所涉执法事项（已公布、本单位可实施；有案件时即本案事项）The matter; with a case, the case’s',
      }),
      content: t.string({
        required: true,
        extensions: MULTILINE,
        description: '措施内容 What was said or required',
        validate: requiredText(2000, '措施内容', 'content'),
      }),
      basis: t.string({
        required: true,
        extensions: MULTILINE,
        description: '依据 The law, regulation or document relied on',
        validate: requiredText(1000, '依据', 'basis'),
      }),
      documentNumber: t.string({
        required: false,
        extensions: textKind('name'),
        description: '文书编号 Number of the document issued',
        validate: requiredText(100, '文书编号', 'document number'),
      }),
      officerId: t.globalID({
        required: false,
        description:
          '采取措施的执法人员（本单位、持有效执法证；缺省为本人）The officer who took it; the caller by default',
      }),
      participants: t.stringList({
        required: false,
        description:
          '约谈参加人员（仅约谈，1 至 20 人）Interview participants, names and roles (interviews only, 1 to 20)',
        validate: z.array(requiredText(100, '参加人员', 'participant')),
      }),
      takenOn: t.field({
        type: 'Date',
        required: true,
        description: '实施日期（不晚于今天）Day taken, not after today',
      }),
      followUpOn: t.field({
        type: 'Date',
        required: false,
        description: '跟进日期（不早于实施日期）Day the follow-up is due, not before the day taken',
      }),
    }),
  });

  builder.mutationFields((t) => ({
    recordSoftMeasure: t.prismaField({
      type: 'SoftMeasure',
      description:
        '记录柔性措施（本单位执法人员及负责人；在案件中采取的，本案承办人员；县实施方案任务7）Record a soft measure: officers and the head of the agency; in a case, its assigned officers (county plan task 7)',
      errors: { types: domainErrors },
      args: { input: t.arg({ type: SoftMeasureInput, required: true }) },
      authScopes: (_root, { input }, ctx) =>
        input.caseId
          ? caseActorScope(input.caseId, ctx, 'act')
          : ctx.viewer.kind === 'person' && takesSoftMeasures(ctx.viewer, ctx.viewer.agencyId),
      resolve: (query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const m = await recordSoftMeasureInTx(uow, {
            kind: input.kind,
            enterpriseId: parseOptionalId(input.enterpriseId, 'Enterprise', ['input', 'enterpriseId']),
            caseId: parseOptionalId(input.caseId, 'EnforcementCase', ['input', 'caseId']),
            matterId: parseOptionalId(input.matterId, 'EnforcementMatter', ['input', 'matterId']),
            content: input.content.trim(),
            basis: input.basis.trim(),
            documentNumber: input.documentNumber?.trim() || null,
            officerId: parseOptionalId(input.officerId, 'Person', ['input', 'officerId']),
            participants: (input.participants ?? []).map((p) => p.trim()),
            takenOn: input.takenOn,
            followUpOn: input.followUpOn ?? null,
          });
          return uow.tx.softMeasure.findUniqueOrThrow({ ...query, where: { id: m.id } });
        }),
    }),
    recordSoftMeasureOutcome: t.prismaField({
      type: 'SoftMeasure',
      description:
        '记录柔性措施的跟进结果（一次，不再更改；本单位执法人员及负责人）Record the follow-up’s outcome, once and final (officers and the head of the agency)',
      errors: { types: domainErrors },
      args: {
        id: t.arg.globalID({ required: true, description: '柔性措施 The soft measure' }),
        outcome: t.arg({ type: enums.SoftMeasureOutcome, required: true, description: '结果 Outcome' }),
        note: t.arg.string({
          required: false,
          extensions: MULTILINE,
          description: '跟进情况说明 What the follow-up found',
          validate: requiredText(2000, '跟进情况', 'note'),
        }),
      },
      authScopes: (_root, args, ctx) => softMeasureScope(args.id, ctx, takesSoftMeasures),
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const id = parseId(args.id, 'SoftMeasure', ['id']);
          await recordSoftMeasureOutcomeInTx(uow, id, { outcome: args.outcome, note: args.note?.trim() || null });
          return uow.tx.softMeasure.findUniqueOrThrow({ ...query, where: { id } });
        }),
    }),
    openCaseFromSoftMeasure: t.prismaField({
      type: 'EnforcementCase',
      description:
        '柔性措施未履行后立案（一次；同一当事人及事项；本单位执法人员）Open a case after a soft measure was not complied with: once, same party and matter (officers of the agency)',
      errors: { types: domainErrors },
      args: {
        softMeasureId: t.arg.globalID({ required: true, description: '柔性措施 The soft measure' }),
        case: t.arg({
          type: core.OpenCaseInput,
          required: true,
          description:
            '立案信息（单位、事项须为措施的；当事人缺省为措施所针对的）The case: the measure’s agency and matter; the party is the measure’s',
        }),
      },
      authScopes: (_root, args, ctx) => softMeasureScope(args.softMeasureId, ctx, isOfficerOf),
      resolve: async (query, _root, args, ctx) => {
        const c = await unitOfWork(ctx, (uow) =>
          openCaseFromSoftMeasureInTx(
            uow,
            parseId(args.softMeasureId, 'SoftMeasure', ['softMeasureId']),
            openCaseData(args.case, 'case'),
          ),
        );
        // Read after commit, as core's openCase: the agency's 立案 sequence row is held until then.
        return ctx.prisma.enforcementCase.findUniqueOrThrow({ ...query, where: { id: c.id } });
      },
    }),
  }));
}
