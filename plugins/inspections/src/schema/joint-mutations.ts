// 综合查一次 mutations (joints.ts holds the rules): the lead agency's staff (officers, admin, head) or a supervisor
// merge filings into a joint inspection; an agency's staff join one with their agency's filing. A filing or joint
// inspection the caller may not read answers as an unknown one.
import {
  asIfUnknown,
  domainErrors,
  parseId,
  tryParseId,
  unitOfWork,
  type Context,
  type ZhifaBuilder,
} from '@zhifa/core';
import { isSupervisor } from '@zhifa/core/auth';
import { filingRule, jointInspectionRule } from '../access.js';
import { filingNotFound, joinJointInspectionInTx, mergeInspectionFilingsInTx } from '../joints.js';
import { drawScope } from './draw-mutations.js';
import type { registerJointInspectionTypes } from './joint-inspection.js';

/** The filing as the caller may see it (scopes see every row: the row rule is asked here), or null. */
export async function visibleFiling(ctx: Context, id: number) {
  const rule = filingRule.where(ctx.viewer);
  return rule ? ctx.prisma.inspectionFiling.findFirst({ where: { AND: [{ id }, rule] } }) : null;
}

export async function visibleJoint(ctx: Context, id: number) {
  const rule = jointInspectionRule.where(ctx.viewer);
  return rule ? ctx.prisma.jointInspection.findFirst({ where: { AND: [{ id }, rule] } }) : null;
}

export function registerJointMutations(builder: ZhifaBuilder, refs: ReturnType<typeof registerJointInspectionTypes>) {
  builder.mutationField('mergeInspectionFilings', (t) =>
    t.prismaField({
      type: refs.Joint,
      description:
        '合并为联合检查（综合查一次）：同一企业、至少 2 个单位、计划时间重叠、尚未入企的报备；牵头单位人员或监督人员 Merge filings into a joint inspection: one enterprise, at least 2 agencies, overlapping windows, none visited (the lead agency’s staff or a supervisor)',
      errors: { types: domainErrors },
      // The lead's staff name the other agencies' filings from jointInspectionCandidates: not a filing the caller
      // may read, so the scope is the lead agency's, and the filings are judged in the service.
      authScopes: (_root, args, ctx) => {
        if (isSupervisor(ctx.viewer)) return true;
        const lead = tryParseId(args.leadAgencyId, 'Agency');
        return lead === null ? { authenticated: true } : drawScope(ctx, lead);
      },
      args: {
        filingIds: t.arg.globalIDList({ required: true, description: '报备（至少 2 份）Filings, two or more' }),
        leadAgencyId: t.arg.globalID({ required: true, description: '牵头单位 The lead agency' }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const joint = await mergeInspectionFilingsInTx(
            uow,
            args.filingIds.map((f, i) => parseId(f, 'InspectionFiling', ['filingIds', i])),
            parseId(args.leadAgencyId, 'Agency', ['leadAgencyId']),
          );
          return uow.tx.jointInspection.findUniqueOrThrow({ ...query, where: { id: joint.id } });
        }),
    }),
  );

  builder.mutationField('joinJointInspection', (t) =>
    t.prismaField({
      type: refs.Joint,
      description:
        '以本单位的报备加入联合检查（代替单独入企；同一企业、时间重叠、尚未入企）Join a joint inspection with the agency’s filing instead of visiting alone (same enterprise, overlapping window, before its visit)',
      errors: { types: domainErrors },
      authScopes: async (_root, args, ctx) => {
        const id = tryParseId(args.filingId, 'InspectionFiling');
        const jointId = tryParseId(args.jointInspectionId, 'JointInspection');
        if (id === null || jointId === null) return { authenticated: true } as const;
        const filing = await visibleFiling(ctx, id);
        if (!filing) return asIfUnknown(ctx, () => filingNotFound(id));
        return drawScope(ctx, filing.agencyId);
      },
      args: {
        jointInspectionId: t.arg.globalID({ required: true, description: '联合检查 The joint inspection' }),
        filingId: t.arg.globalID({ required: true, description: '本单位的报备 The agency’s filing' }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const joint = await joinJointInspectionInTx(
            uow,
            parseId(args.jointInspectionId, 'JointInspection', ['jointInspectionId']),
            parseId(args.filingId, 'InspectionFiling', ['filingId']),
          );
          return uow.tx.jointInspection.findUniqueOrThrow({ ...query, where: { id: joint.id } });
        }),
    }),
  );
}
