// The 双随机 mutations (draws.ts holds the rules): the agency's officers, admin or head draw and publish (一公开).
// A caller who may not act for the agency is refused before the input is looked at; a draw the caller may not read
// answers as an unknown one.
import {
  asIfUnknown,
  domainErrors,
  parseId,
  parseOptionalId,
  tryParseId,
  unitOfWork,
  type Context,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { isAgencyHeadOf, isOfficerOf } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import { drawRule } from '../access.js';
import { drawInspectionSampleInTx, drawNotFound, publishInspectionDrawInTx } from '../draws.js';
import { MAX_DRAW_COUNT } from '../rules/draw.js';
import type { registerDrawTypes } from './inspection-draw.js';

/** The agency's officers and admin (core's officerOf, a system admin too) or its head act for it in a draw. */
export function drawScope(ctx: Context, agencyId: number) {
  if (isOfficerOf(ctx.viewer, agencyId) || isAgencyHeadOf(ctx.viewer, agencyId)) return true;
  return { officerOf: agencyId };
}

async function drawByIdScope(gid: GlobalId, ctx: Context) {
  const id = tryParseId(gid, 'InspectionDraw');
  if (id === null) return { authenticated: true } as const;
  // Scopes see every row: the row rule is asked here.
  const rule = drawRule.where(ctx.viewer);
  const draw = rule ? await ctx.prisma.inspectionDraw.findFirst({ where: { AND: [{ id }, rule] } }) : null;
  if (!draw) return asIfUnknown(ctx, () => drawNotFound(id));
  return drawScope(ctx, draw.agencyId);
}

export function registerDrawMutations(builder: ZhifaBuilder, refs: ReturnType<typeof registerDrawTypes>): void {
  const Input = builder.inputType('DrawInspectionSampleInput', {
    description:
      '双随机抽查：从本单位辖区的经营主体中按信用风险类别加权抽取 A 双随机 draw from the agency’s jurisdiction, weighted by credit class',
    fields: (t) => ({
      agencyId: t.globalID({ required: true, description: '抽查单位（本单位）The agency: your own' }),
      matterId: t.globalID({ required: true, description: '抽查事项（本单位可实施的已公布事项）The matter' }),
      enterpriseCount: t.int({
        required: true,
        description: `抽取户数（1–${MAX_DRAW_COUNT}）How many enterprises, 1–${MAX_DRAW_COUNT}`,
      }),
      townshipId: t.globalID({
        required: false,
        description: '仅此镇区（县级单位可选；镇区只能是本镇区）Only this township (a township: its own)',
      }),
      industry: t.string({
        required: false,
        description: '仅此行业 Only this industry',
        extensions: textKind('name'),
      }),
      creditRiskClasses: t.field({
        type: [refs.CreditClass],
        required: false,
        description: '仅这些信用风险类别 Only these credit classes',
      }),
    }),
  });

  builder.mutationField('drawInspectionSample', (t) =>
    t.prismaField({
      type: refs.Draw,
      description:
        '双随机抽取检查对象和检查人员（本单位执法人员或负责人；须具备行政检查主体资格；方案任务6）Draw enterprises and officers at random (the agency’s officers or head; the agency must be qualified to inspect; county plan task 6)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => {
        const agencyId = tryParseId(args.input.agencyId, 'Agency');
        return agencyId === null ? { authenticated: true } : drawScope(ctx, agencyId);
      },
      args: { input: t.arg({ type: Input, required: true }) },
      resolve: (query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const draw = await drawInspectionSampleInTx(uow, {
            agencyId: parseId(input.agencyId, 'Agency', ['input', 'agencyId']),
            matterId: parseId(input.matterId, 'EnforcementMatter', ['input', 'matterId']),
            enterpriseCount: input.enterpriseCount,
            filter: {
              townshipId: parseOptionalId(input.townshipId, 'Agency', ['input', 'townshipId']),
              industry: input.industry,
              creditRiskClasses: input.creditRiskClasses,
            },
          });
          return uow.tx.inspectionDraw.findUniqueOrThrow({ ...query, where: { id: draw.id } });
        }),
    }),
  );

  builder.mutationField('publishInspectionDraw', (t) =>
    t.prismaField({
      type: refs.Draw,
      description:
        '公开抽查结果（一公开；本单位执法人员或负责人；仅一次）Publish the draw (一公开; the agency’s officers or head; once)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => drawByIdScope(args.drawId, ctx),
      args: { drawId: t.arg.globalID({ required: true, description: '抽查 The draw' }) },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const draw = await publishInspectionDrawInTx(uow, parseId(args.drawId, 'InspectionDraw', ['drawId']));
          return uow.tx.inspectionDraw.findUniqueOrThrow({ ...query, where: { id: draw.id } });
        }),
    }),
  );
}
