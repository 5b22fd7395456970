// InspectionPlan 年度检查计划 (county plan task 5): the type with its items, the list `inspectionPlans`, and the
// mutations that draft, edit, file 备案 and publish a plan (catalogue/plans.ts holds their rules). Who reads a row is
// planRule (access.ts): published plans are public; drafts and filed plans the agency's own and supervisors' — the
// justice bureau, with whom the plan is filed.
import {
  asIfUnknown,
  describedValues,
  domainErrors,
  ForbiddenError,
  msg,
  nodeRowId,
  parseId,
  requiredText,
  tryParseId,
  unitOfWork,
  ValidationError,
  type Context,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import { InspectionMethod, InspectionPlanStatus, type Prisma } from '@zhifa/core/prisma';
import { z } from 'zod';
import { planItemRule, planRule } from '../access.js';
import { compilesFor, NOT_COMPILER, planNotFound } from '../catalogue/common.js';
import {
  createInspectionPlanInTx,
  fileInspectionPlanInTx,
  publishInspectionPlanInTx,
  updateInspectionPlanInTx,
  type PlanFields,
} from '../catalogue/plans.js';
import { PLAN_STATUS_NAMES, planFiledLate } from '../rules/catalogue.js';
import { YEAR } from './inspection-item.js';

/** At most this many items per plan (an agency's whole catalogue fits). */
export const MAX_PLAN_ITEMS = 100;

const SHARE = msg(
  '检查比例须为 0–10000 的整数（万分比）',
  'the share is a whole number of basis points from 0 to 10000',
);
const FREQUENCY = msg('检查频次须为每年 1–365 次', 'the frequency is from 1 to 365 a year');

export const METHOD_NAMES: Record<InspectionMethod, { zh: string; en: string }> = {
  ON_SITE: { zh: '现场检查', en: 'on site' },
  OFF_SITE: { zh: '非现场检查（远程、移动监管）', en: 'off site (remote, mobile)' },
  DOCUMENTARY: { zh: '书面检查', en: 'documentary' },
  DOUBLE_RANDOM: { zh: '双随机、一公开', en: 'double random, results published' },
  JOINT: { zh: '跨部门联合检查（综合查一次）', en: 'joint inspection across agencies' },
};

async function planScope(gid: GlobalId, ctx: Context) {
  const id = tryParseId(gid, 'InspectionPlan');
  if (id === null) return { authenticated: true } as const;
  // The public is asked to sign in, whatever the row.
  if (ctx.viewer.kind === 'public') return { authenticated: true } as const;
  const plan = await ctx.prisma.inspectionPlan.findUnique({ where: { id } });
  if (!plan || !planRule.can!(ctx.viewer, plan)) return asIfUnknown(ctx, () => planNotFound(id));
  if (compilesFor(ctx.viewer, plan.agencyId)) return true;
  throw new ForbiddenError(NOT_COMPILER);
}

export function registerInspectionPlan(builder: ZhifaBuilder) {
  const StatusEnum = builder.enumType(InspectionPlanStatus, {
    name: 'InspectionPlanStatus',
    description: '年度检查计划状态：草稿 → 报司法局备案 → 向社会公布 Status of an annual inspection plan',
    values: describedValues(PLAN_STATUS_NAMES),
  });
  const MethodEnum = builder.enumType(InspectionMethod, {
    name: 'InspectionMethod',
    description: '检查方式 Inspection method',
    values: describedValues(METHOD_NAMES),
  });

  builder.prismaObject('InspectionPlanItem', {
    description: '计划所列检查事项 An inspection item the plan covers',
    rowRule: planItemRule,
    fields: (t) => ({
      item: t.relation('item', {
        rowRuleImplied: 'a plan lists published items only (their row rule shows published items to everyone)',
        description: '检查事项 The item',
      }),
    }),
  });

  const PlanRef = builder.prismaNode('InspectionPlan', {
    id: { field: 'id' },
    nullable: true,
    description:
      '涉企行政检查年度计划：检查事项、依据、主体、对象范围、比例、频次、方式和内容；报县司法局备案后向社会公布（县实施方案任务5）An agency’s annual inspection plan, filed with the justice bureau and then published (county plan task 5)',
    rowRule: planRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      agency: t.relation('agency', { description: '编制单位 The agency' }),
      year: t.exposeInt('year', { description: '年度 Year' }),
      status: t.expose('status', { type: StatusEnum, description: '状态 Status' }),
      items: t.relation('items', {
        description: `检查事项（至多 ${MAX_PLAN_ITEMS} 项）Inspection items, at most ${MAX_PLAN_ITEMS}`,
        query: { orderBy: { itemId: 'asc' }, take: MAX_PLAN_ITEMS },
      }),
      basis: t.exposeString('basis', { description: '检查依据 Legal basis' }),
      subjects: t.exposeString('subjects', { description: '检查主体 Who inspects' }),
      scope: t.exposeString('scope', { description: '检查对象范围 Enterprises in scope' }),
      samplingBasisPoints: t.exposeInt('samplingBasisPoints', {
        description: '检查比例（万分比：300 即 3%）Share of enterprises in scope inspected, in basis points (300 = 3%)',
      }),
      frequencyPerYear: t.exposeInt('frequencyPerYear', {
        description: '检查频次：每家企业每年至多次数 At most this many times a year per enterprise',
      }),
      method: t.expose('method', { type: MethodEnum, description: '检查方式 Method' }),
      content: t.exposeString('content', { description: '检查内容 What is checked' }),
      createdBy: t.string({
        description: '编制人（工作人员可见账号，其他人只见类别）Drafted by',
        resolve: (p, _a, ctx) => actorShownTo(ctx.viewer, p.createdBy),
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: '编制时间 Drafted at' }),
      filedAt: t.expose('filedAt', { type: 'DateTime', nullable: true, description: '备案时间 Filed at' }),
      filedLate: t.boolean({
        description:
          '逾期备案：晚于当年3月31日（北京时间）报司法局备案（县实施方案任务5）Filed after 31 March of its year, Asia/Shanghai (county plan task 5)',
        resolve: (p) => planFiledLate(p.year, p.filedAt),
      }),
      publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true, description: '公布时间 Published at' }),
    }),
  });

  builder.queryField('inspectionPlans', (t) =>
    t.prismaConnection({
      type: 'InspectionPlan',
      cursor: 'id',
      nullable: true,
      description:
        '年度检查计划（公众见已公布的；本单位人员另见本单位的草稿和备案件；监督人员见全部）Annual plans: the public the published ones, staff also their agency’s, supervisors all',
      args: {
        agencyId: t.arg.globalID({ required: false, description: '编制单位 Only this agency’s' }),
        year: t.arg.int({ required: false, description: '年度 Only this year’s', validate: YEAR }),
        status: t.arg({ type: StatusEnum, required: false, description: '状态 Only in this status' }),
      },
      totalCount: (_p, args, ctx) => ctx.prisma.inspectionPlan.count({ where: plansWhere(args) }),
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.inspectionPlan.findMany({ ...query, where: plansWhere(args), orderBy: { id: 'asc' } }),
    }),
  );

  const PlanInput = builder.inputType('InspectionPlanInput', {
    description: '年度检查计划的内容 What an annual plan says',
    fields: (t) => ({
      itemIds: t.globalIDList({
        required: true,
        description: `检查事项（1–${MAX_PLAN_ITEMS} 项，本单位已公布的）Items: 1–${MAX_PLAN_ITEMS}, the agency's published ones`,
      }),
      basis: t.string({
        required: true,
        description: '检查依据 Legal basis',
        extensions: textKind('multiline'),
        validate: requiredText(2000, '检查依据', 'basis'),
      }),
      subjects: t.string({
        required: true,
        description: '检查主体 Who inspects',
        extensions: textKind('multiline'),
        validate: requiredText(1000, '检查主体', 'subjects'),
      }),
      scope: t.string({
        required: true,
        description: '检查对象范围 Enterprises in scope',
        extensions: textKind('multiline'),
        validate: requiredText(2000, '检查对象范围', 'scope'),
      }),
      samplingBasisPoints: t.int({
        required: true,
        description: '检查比例（万分比，0–10000）Share inspected in basis points, 0–10000',
        validate: z.number().int().min(0, SHARE).max(10000, SHARE),
      }),
      frequencyPerYear: t.int({
        required: true,
        description: '检查频次（每年至多次数，1–365）Times a year at most, 1–365',
        validate: z.number().int().min(1, FREQUENCY).max(365, FREQUENCY),
      }),
      method: t.field({ type: MethodEnum, required: true, description: '检查方式 Method' }),
      content: t.string({
        required: true,
        description: '检查内容 What is checked',
        extensions: textKind('multiline'),
        validate: requiredText(4000, '检查内容', 'content'),
      }),
    }),
  });

  type PlanInputShape = typeof PlanInput.$inferInput;
  const planFields = (input: PlanInputShape): PlanFields => {
    if (input.itemIds.length < 1 || input.itemIds.length > MAX_PLAN_ITEMS)
      throw ValidationError.one(['input', 'itemIds'], {
        zh: `须列入 1 至 ${MAX_PLAN_ITEMS} 项检查事项`,
        en: `list from 1 to ${MAX_PLAN_ITEMS} inspection items`,
      });
    return {
      itemIds: input.itemIds.map((m, i) => parseId(m, 'InspectionItem', ['input', 'itemIds', i])),
      basis: input.basis.trim(),
      subjects: input.subjects.trim(),
      scope: input.scope.trim(),
      samplingBasisPoints: input.samplingBasisPoints,
      frequencyPerYear: input.frequencyPerYear,
      method: input.method,
      content: input.content.trim(),
    };
  };

  builder.mutationField('createInspectionPlan', (t) =>
    t.prismaField({
      type: PlanRef,
      description:
        '起草年度检查计划（本单位执法人员、管理员；每单位每年一份；县实施方案任务5）Draft the annual plan (the agency’s officers and admin; one per agency and year; county plan task 5)',
      errors: { types: domainErrors },
      authScopes: (_root, args) => ({ officerOf: tryParseId(args.agencyId, 'Agency') ?? -1 }),
      args: {
        agencyId: t.arg.globalID({ required: true, description: '编制单位（本单位）The agency: your own' }),
        year: t.arg.int({ required: true, description: '年度 Year', validate: YEAR }),
        input: t.arg({ type: PlanInput, required: true }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const plan = await createInspectionPlanInTx(uow, {
            ...planFields(args.input),
            agencyId: parseId(args.agencyId, 'Agency', ['agencyId']),
            year: args.year,
          });
          return uow.tx.inspectionPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
        }),
    }),
  );

  builder.mutationField('updateInspectionPlan', (t) =>
    t.prismaField({
      type: PlanRef,
      description: '修改年度检查计划草稿（备案后不再修改）Edit a draft plan (not once filed)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => planScope(args.planId, ctx),
      args: {
        planId: t.arg.globalID({ required: true, description: '年度检查计划 Plan' }),
        input: t.arg({ type: PlanInput, required: true }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const plan = await updateInspectionPlanInTx(
            uow,
            parseId(args.planId, 'InspectionPlan', ['planId']),
            planFields(args.input),
          );
          return uow.tx.inspectionPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
        }),
    }),
  );

  const step = (field: string, description: string, run: typeof fileInspectionPlanInTx) =>
    builder.mutationField(field, (t) =>
      t.prismaField({
        type: PlanRef,
        description,
        errors: { types: domainErrors },
        authScopes: (_root, args, ctx) => planScope(args.planId, ctx),
        args: { planId: t.arg.globalID({ required: true, description: '年度检查计划 Plan' }) },
        resolve: (query, _root, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const plan = await run(uow, parseId(args.planId, 'InspectionPlan', ['planId']));
            return uow.tx.inspectionPlan.findUniqueOrThrow({ ...query, where: { id: plan.id } });
          }),
      }),
    );
  step(
    'fileInspectionPlan',
    '报县司法局备案（草稿 → 已备案；晚于3月31日的标为逾期；县实施方案任务5）File the draft with the county justice bureau (after 31 March it is shown late; county plan task 5)',
    fileInspectionPlanInTx,
  );
  step(
    'publishInspectionPlan',
    '向社会公布已备案的计划（已备案 → 已公布）Publish the filed plan',
    publishInspectionPlanInTx,
  );

  return { PlanRef };
}

interface PlansArgs {
  agencyId?: GlobalId | null;
  year?: number | null;
  status?: InspectionPlanStatus | null;
}

function plansWhere(args: PlansArgs): Prisma.InspectionPlanWhereInput {
  return {
    ...(args.agencyId ? { agencyId: tryParseId(args.agencyId, 'Agency') ?? -1 } : {}),
    ...(args.year != null ? { year: args.year } : {}),
    ...(args.status ? { status: args.status } : {}),
  };
}
