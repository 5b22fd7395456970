// The filing and visit mutations: fileInspection and cancelInspectionFiling (the agency's officers and admins),
// recordInspectionVisit and recordInspectionFinding (the inspecting agency's officers), rateInspectionVisit (the
// enterprise visited). Each scope refuses a caller who may not act before any input is checked; a filing or visit
// the caller may not read answers as an unknown one. The services (filings.ts, visits.ts) check again.
import {
  asIfUnknown,
  domainErrors,
  openCaseData,
  parseId,
  parseOptionalId,
  requiredText,
  tryParseId,
  unitOfWork,
  ValidationError,
  type Context,
  type CoreRefs,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { isSupervisor, type Viewer } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import { cancelInspectionFilingInTx, fileInspectionInTx, filingNotFound } from '../filings.js';
import { MAX_ITEMS, MAX_OFFICERS } from '../rules/visit-rules.js';
import {
  rateInspectionVisitInTx,
  recordInspectionFindingInTx,
  recordInspectionVisitInTx,
  visitNotFound,
} from '../visits.js';
import type { registerFilingTypes } from './inspection-filing.js';
import type { registerVisitTypes } from './inspection-visit.js';

const MULTILINE = textKind('multiline');

/** Whether the caller reads the row at all (scopes see every row; the row rules' coarse reading). */
function sees(v: Viewer, row: { agencyId: number; enterpriseId: number }): boolean {
  if (isSupervisor(v)) return true;
  if (v.kind === 'person') return v.agencyId === row.agencyId;
  if (v.kind === 'enterprise') return v.enterpriseId === row.enterpriseId;
  return false;
}

async function filingScope(gid: GlobalId | null | undefined, ctx: Context) {
  const id = gid ? tryParseId(gid, 'InspectionFiling') : null;
  if (id === null) return { authenticated: true } as const;
  const f = await ctx.prisma.inspectionFiling.findUnique({
    where: { id },
    select: { agencyId: true, enterpriseId: true, notice: true, status: true },
  });
  const enterpriseMay = f?.notice === 'AGREED' || f?.status === 'VISITED';
  if (!f || !sees(ctx.viewer, f) || (ctx.viewer.kind === 'enterprise' && !enterpriseMay))
    return asIfUnknown(ctx, () => filingNotFound(id));
  return { officerOf: f.agencyId };
}

async function visitScope(gid: GlobalId, ctx: Context, side: 'agency' | 'enterprise') {
  const id = tryParseId(gid, 'InspectionVisit');
  if (id === null) return { authenticated: true } as const;
  const v = await ctx.prisma.inspectionVisit.findUnique({
    where: { id },
    select: { agencyId: true, enterpriseId: true },
  });
  if (!v || !sees(ctx.viewer, v)) return asIfUnknown(ctx, () => visitNotFound(id));
  return side === 'agency' ? { officerOf: v.agencyId } : { enterpriseUser: true };
}

function bounded(ids: readonly GlobalId[], max: number, path: string, zh: string, en: string): void {
  if (ids.length > max) throw ValidationError.one([path], { zh: `${zh}至多 ${max} 项`, en: `at most ${max} ${en}` });
}

export function registerVisitMutations(
  builder: ZhifaBuilder,
  core: CoreRefs,
  refs: ReturnType<typeof registerFilingTypes> & ReturnType<typeof registerVisitTypes>,
) {
  const FileInput = builder.inputType('FileInspectionInput', {
    description: '线上报备：入企检查前报备（方案任务14）File a visit before it happens (county plan task 14)',
    fields: (t) => ({
      agencyId: t.globalID({ required: true, description: '检查单位（本单位）The inspecting agency: your own' }),
      enterpriseId: t.globalID({ required: true, description: '被检查企业 The enterprise' }),
      itemIds: t.globalIDList({
        required: true,
        description: `检查事项（本单位已公布的，1–${MAX_ITEMS} 项）Items: the agency’s published ones, 1–${MAX_ITEMS}`,
      }),
      schemeId: t.globalID({
        required: true,
        description: '检查方案（已批准，或紧急且待补批）The scheme: approved, or urgent and pending',
      }),
      officerIds: t.globalIDList({
        required: true,
        description: `执法人员（本单位持有效执法证的，2–${MAX_OFFICERS} 名）Officers who may enforce, 2–${MAX_OFFICERS}`,
      }),
      plannedFrom: t.field({ type: 'DateTime', required: true, description: '计划入企起 Planned from' }),
      plannedTo: t.field({
        type: 'DateTime',
        required: true,
        description: '计划入企止（晚于起始，至多 30 天）Planned to: after from, at most 30 days later',
      }),
      notice: t.field({ type: refs.NoticeEnum, required: true, description: '沟通方式 Notice' }),
      noticeNote: t.string({
        required: true,
        extensions: MULTILINE,
        description:
          '事先沟通：与谁、何时商定入企时间；突击检查：理由 Agreed: with whom and when; surprise: why no notice',
        validate: requiredText(500, '沟通情况或突击检查理由', 'notice note'),
      }),
      major: t.boolean({ required: false, description: '重大检查 A major inspection' }),
      jointInspectionId: t.globalID({
        required: false,
        description: '加入的联合检查（同一企业、时段重叠）Join this joint inspection instead of filing alone',
      }),
    }),
  });

  builder.mutationFields((t) => ({
    fileInspection: t.prismaField({
      type: refs.FilingRef,
      description:
        '线上报备入企检查（本单位执法人员及管理员；检查主体须经确认）File an inspection visit (the agency’s officers and admins; the agency must be qualified)',
      errors: { types: domainErrors },
      args: { input: t.arg({ type: FileInput, required: true }) },
      authScopes: (_root, { input }) => ({ officerOf: tryParseId(input.agencyId, 'Agency') ?? -1 }),
      resolve: (query, _root, { input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          bounded(input.itemIds, MAX_ITEMS, 'itemIds', '检查事项', 'items');
          bounded(input.officerIds, MAX_OFFICERS, 'officerIds', '执法人员', 'officers');
          const f = await fileInspectionInTx(uow, {
            agencyId: parseId(input.agencyId, 'Agency', ['input', 'agencyId']),
            enterpriseId: parseId(input.enterpriseId, 'Enterprise', ['input', 'enterpriseId']),
            itemIds: input.itemIds.map((g, i) => parseId(g, 'InspectionItem', ['input', 'itemIds', i])),
            schemeId: parseId(input.schemeId, 'InspectionScheme', ['input', 'schemeId']),
            officerIds: input.officerIds.map((g, i) => parseId(g, 'Person', ['input', 'officerIds', i])),
            plannedFrom: input.plannedFrom,
            plannedTo: input.plannedTo,
            notice: input.notice,
            noticeNote: input.noticeNote.trim(),
            major: input.major ?? false,
            jointInspectionId: parseOptionalId(input.jointInspectionId, 'JointInspection', [
              'input',
              'jointInspectionId',
            ]),
          });
          return uow.tx.inspectionFiling.findUniqueOrThrow({ ...query, where: { id: f.id } });
        }),
    }),
    cancelInspectionFiling: t.prismaField({
      type: refs.FilingRef,
      description:
        '入企前撤回报备（本单位执法人员及管理员）Withdraw a filing before any visit (the agency’s officers and admins)',
      errors: { types: domainErrors },
      args: { filingId: t.arg.globalID({ required: true, description: '检查报备 The filing' }) },
      authScopes: (_root, args, ctx) => filingScope(args.filingId, ctx),
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const f = await cancelInspectionFilingInTx(uow, parseId(args.filingId, 'InspectionFiling', ['filingId']));
          return uow.tx.inspectionFiling.findUniqueOrThrow({ ...query, where: { id: f.id } });
        }),
    }),
    recordInspectionVisit: t.prismaField({
      type: refs.VisitRef,
      description:
        '扫码入企：以企业检查码记录入企检查（检查单位执法人员，至少 2 名持有效执法证；未报备的照样记录并预警）Record a visit at the door with the enterprise’s code (the agency’s officers, two or more who may enforce; an unfiled visit is recorded and warned)',
      errors: { types: domainErrors },
      args: {
        code: t.arg.string({ required: true, description: '企业检查码 The enterprise’s inspection code' }),
        filingId: t.arg.globalID({ required: false, description: '所据报备 The filing it belongs to' }),
        officerIds: t.arg.globalIDList({
          required: true,
          description: `执法人员（2–${MAX_OFFICERS} 名）Officers, 2–${MAX_OFFICERS}`,
        }),
        itemIds: t.arg.globalIDList({
          required: false,
          description: '检查事项（无报备时必填；有报备时缺省为报备的事项）Items: required without a filing',
        }),
        visitedAt: t.arg({
          type: 'DateTime',
          required: false,
          description: '入企时间（缺省为现在；不晚于现在，不早于检查码有效期）Visited at: now by default',
        }),
      },
      authScopes: (_root, args, ctx) => {
        if (args.filingId) return filingScope(args.filingId, ctx);
        const v = ctx.viewer;
        return v.kind === 'person' ? { officerOf: v.agencyId } : { staff: true };
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          bounded(args.officerIds, MAX_OFFICERS, 'officerIds', '执法人员', 'officers');
          bounded(args.itemIds ?? [], MAX_ITEMS, 'itemIds', '检查事项', 'items');
          if (args.code.length > 200)
            throw ValidationError.one(['code'], { zh: '检查码过长', en: 'the code is too long' });
          const v = await recordInspectionVisitInTx(uow, {
            code: args.code,
            filingId: parseOptionalId(args.filingId, 'InspectionFiling', ['filingId']),
            officerIds: args.officerIds.map((g, i) => parseId(g, 'Person', ['officerIds', i])),
            itemIds: args.itemIds ? args.itemIds.map((g, i) => parseId(g, 'InspectionItem', ['itemIds', i])) : null,
            visitedAt: args.visitedAt ?? null,
          });
          return uow.tx.inspectionVisit.findUniqueOrThrow({ ...query, where: { id: v.id } });
        }),
    }),
    recordInspectionFinding: t.prismaField({
      type: refs.VisitRef,
      description:
        '记录检查结果（一次）：未发现问题、责令整改（附期限）或立案（案件关联本次检查）Record the visit’s finding, once: compliant, rectification with a date, or a case opened that links back',
      errors: { types: domainErrors },
      args: {
        visitId: t.arg.globalID({ required: true, description: '入企检查 The visit' }),
        finding: t.arg({ type: refs.FindingEnum, required: true, description: '检查结果 Finding' }),
        note: t.arg.string({
          required: false,
          extensions: MULTILINE,
          description: '说明 Note',
          validate: requiredText(2000, '说明', 'note'),
        }),
        rectificationDueOn: t.arg({
          type: 'Date',
          required: false,
          description:
            '整改期限（责令整改时必填，不早于检查当日）Due on: required for a rectification, not before the visit day',
        }),
        case: t.arg({
          type: core.OpenCaseInput,
          required: false,
          description:
            '立案信息（立案时必填；检查单位、被检查企业、所检查事项涉及的执法事项）The case, for CASE_OPENED',
        }),
      },
      authScopes: (_root, args, ctx) => visitScope(args.visitId, ctx, 'agency'),
      resolve: async (query, _root, args, ctx) => {
        const id = parseId(args.visitId, 'InspectionVisit', ['visitId']);
        await unitOfWork(ctx, (uow) =>
          recordInspectionFindingInTx(uow, id, {
            finding: args.finding,
            note: args.note?.trim() || null,
            rectificationDueOn: args.rectificationDueOn ?? null,
            case: args.case ? openCaseData(args.case, 'case') : null,
          }),
        );
        // Read after commit, as core's openCase: the agency's 立案 sequence row is held until the unit of work ends.
        return ctx.prisma.inspectionVisit.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
    rateInspectionVisit: t.prismaField({
      type: refs.RatingRef,
      description:
        '企业评价入企检查（被检查企业，每次一次，1–5 分；评价仅监督人员可见，被检查单位不可见）Rate a visit: the enterprise visited, once, 1–5; supervisors read it, never the agency',
      errors: { types: domainErrors },
      args: {
        visitId: t.arg.globalID({ required: true, description: '入企检查 The visit' }),
        score: t.arg.int({ required: true, description: '评分 1–5 Score' }),
        comment: t.arg.string({
          required: false,
          extensions: MULTILINE,
          description: '评价意见（至多 1000 字）Comment, at most 1000 characters',
          validate: requiredText(1000, '评价意见', 'comment'),
        }),
      },
      authScopes: (_root, args, ctx) => visitScope(args.visitId, ctx, 'enterprise'),
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const id = parseId(args.visitId, 'InspectionVisit', ['visitId']);
          const r = await rateInspectionVisitInTx(uow, id, args.score, args.comment?.trim() || null);
          return uow.tx.inspectionRating.findUniqueOrThrow({ ...query, where: { id: r.id } });
        }),
    }),
  }));
}
