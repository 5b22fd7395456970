// InspectionWarning 检查预警 (county plan task 15; 国办发〔2024〕54号): the type with its steps, and where it is read
// from — `inspectionWarnings(rule, status, agencyId, enterpriseId)` and Enterprise.inspectionWarnings. Who sees a
// row is access.ts (warningRule: the agencies it names and supervisors; the enterprise is not a party to it).
import {
  describedValues,
  globalId,
  nodeRowId,
  tryParseId,
  type Context,
  type CoreRefs,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { actorShownTo, isSupervisor } from '@zhifa/core/auth';
import { InspectionWarningRule, InspectionWarningStatus, type Agency, type Prisma } from '@zhifa/core/prisma';
import { warningRule, warningStepRule } from '../access.js';
import { WARNING_STATUS_NAMES } from '../rules/warning-workflow.js';

export const WARNING_RULE_NAMES: Record<InspectionWarningRule, { zh: string; en: string }> = {
  UNFILED: { zh: '应报备未报备', en: 'visit without a filing' },
  MULTI_AGENCY: { zh: '多头检查', en: 'several agencies within a short window, not merged' },
  REPEATED: { zh: '重复检查', en: 'the same agency and item again soon' },
  HIGH_FREQUENCY: { zh: '高频次检查', en: 'above the yearly cap per agency per enterprise' },
};

const bilingual = (text: string) => {
  const at = text.indexOf('|');
  return at < 0 ? { zh: text, en: text } : { zh: text.slice(0, at), en: text.slice(at + 1) };
};

export function registerWarningTypes(builder: ZhifaBuilder, core: CoreRefs) {
  const RuleEnum = builder.enumType(InspectionWarningRule, {
    name: 'InspectionWarningRule',
    description: '检查预警规则（方案任务15）Warning rule (county plan task 15)',
    values: describedValues(WARNING_RULE_NAMES),
  });
  const StatusEnum = builder.enumType(InspectionWarningStatus, {
    name: 'InspectionWarningStatus',
    description: '预警处置状态：交办 → 督办 → 整改 → 销号 Handling status',
    values: describedValues(WARNING_STATUS_NAMES),
  });

  builder.prismaObject('InspectionWarningStep', {
    description: '预警处置的一步（不可更改）One step of a warning’s handling, immutable',
    rowRule: warningStepRule,
    fields: (t) => ({
      status: t.expose('status', { type: StatusEnum, description: '此后的状态 Status after the step' }),
      comment: t.exposeString('comment', { description: '意见 Comment' }),
      dueAt: t.expose('dueAt', {
        type: 'DateTime',
        nullable: true,
        description: '办理期限（交办、督办、退回）Deadline set (assign, supervise, return)',
      }),
      actor: t.string({ description: '办理人 By', resolve: (s, _a, ctx) => actorShownTo(ctx.viewer, s.actor) }),
      at: t.expose('at', { type: 'DateTime', description: '时间 When' }),
    }),
  });

  const loadAgencies = async (ids: number[], ctx: Context) => {
    const rows = await ctx.prisma.agency.findMany({ where: { id: { in: ids } } });
    const byId = new Map<number, Agency>(rows.map((a) => [a.id, a]));
    return ids.map((id) => byId.get(id) ?? new Error(`agency ${id}`));
  };

  const WarningRef = builder.prismaNode('InspectionWarning', {
    id: { field: 'id' },
    nullable: true,
    description:
      '检查预警：应报备未报备、多头检查、重复检查、高频次检查，及其证据、依据和处置（方案任务15）An inspection warning with its evidence, basis and handling (county plan task 15)',
    rowRule: warningRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      rule: t.expose('rule', { type: RuleEnum, description: '预警规则 Rule' }),
      status: t.expose('status', { type: StatusEnum, description: '处置状态 Status' }),
      enterprise: t.relation('enterprise', {
        rowRuleImplied: 'a warning is read by staff and supervisors, who read every enterprise',
        description: '被检查企业 The enterprise inspected',
      }),
      agency: t.relation('agency', { description: '责任单位（其检查触发预警）The agency answerable' }),
      agencies: t.loadable({
        type: [core.Agency],
        description: '涉及的全部单位 Every agency involved',
        load: loadAgencies,
        resolve: (w) => w.agencyIds,
      }),
      visitIds: t.idList({
        description: '作为证据的入企检查（InspectionVisit 的 ID）The visits that are its evidence',
        resolve: (w) => w.visitIds.map((id) => globalId('InspectionVisit', id)),
      }),
      evidence: t.field({
        type: 'JSON',
        description:
          '证据：检查记录、日期及所适用的阈值 Evidence: the visits, their dates and the thresholds applied (JSON, by rule)',
        resolve: (w) => w.evidence,
      }),
      basis: t.string({ description: '依据 Basis', resolve: (w) => bilingual(w.basis).zh }),
      basisEn: t.string({ description: 'Basis, in English', resolve: (w) => bilingual(w.basis).en }),
      dueAt: t.expose('dueAt', {
        type: 'DateTime',
        nullable: true,
        description: '当前办理期限（交办、督办）Current deadline (assigned, supervised)',
      }),
      overdue: t.boolean({
        description: '已超过办理期限而未整改 Past its deadline without a report',
        resolve: (w, _a, ctx) =>
          (w.status === 'ASSIGNED' || w.status === 'SUPERVISED') &&
          w.dueAt !== null &&
          w.dueAt.getTime() < ctx.clock().getTime(),
      }),
      raisedAt: t.expose('raisedAt', { type: 'DateTime', description: '预警时间 Raised at' }),
      closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: '销号时间 Closed at' }),
      steps: t.relatedConnection('steps', {
        cursor: 'id',
        totalCount: true,
        nullable: true,
        description: '处置记录（先后为序）The steps, in order',
        query: { orderBy: { id: 'asc' } },
      }),
    }),
  });

  builder.prismaObjectField('Enterprise', 'inspectionWarnings', (t) =>
    t.relatedConnection('inspectionWarnings', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      authScopes: { staff: true },
      description:
        '该企业的检查预警（可见的：所涉单位及监督人员）Warnings about this enterprise the caller may see (the agencies named, supervisors)',
      query: { orderBy: { id: 'desc' } },
    }),
  );

  builder.queryField('inspectionWarnings', (t) =>
    t.prismaConnection({
      type: 'InspectionWarning',
      cursor: 'id',
      nullable: true,
      totalCount: (_p, args, ctx) => ctx.prisma.inspectionWarning.count({ where: listWhere(args) }),
      description:
        '检查预警（最新在前；执法单位见涉及本单位的，监督人员见全部）Inspection warnings, newest first: an agency those naming it, supervisors all',
      args: {
        rule: t.arg({ type: RuleEnum, required: false, description: '规则 Only this rule' }),
        status: t.arg({ type: StatusEnum, required: false, description: '状态 Only this status' }),
        agencyId: t.arg.globalID({ required: false, description: '涉及单位 Only those naming this agency' }),
        enterpriseId: t.arg.globalID({ required: false, description: '企业 Only this enterprise' }),
      },
      // Another agency's list is refused up front rather than answered empty; enterprises are not parties.
      authScopes: (_root, args, ctx) => {
        const v = ctx.viewer;
        if (isSupervisor(v)) return true;
        const agencyId = args.agencyId ? tryParseId(args.agencyId, 'Agency') : undefined;
        return v.kind === 'person' && (agencyId === undefined || agencyId === v.agencyId);
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.inspectionWarning.findMany({ ...query, where: listWhere(args), orderBy: { id: 'desc' } }),
    }),
  );

  return { WarningRef, RuleEnum, StatusEnum };
}

interface ListArgs {
  rule?: InspectionWarningRule | null;
  status?: InspectionWarningStatus | null;
  agencyId?: GlobalId | null;
  enterpriseId?: GlobalId | null;
}

function listWhere(args: ListArgs): Prisma.InspectionWarningWhereInput {
  return {
    ...(args.rule ? { rule: args.rule } : {}),
    ...(args.status ? { status: args.status } : {}),
    ...(args.agencyId ? { agencyIds: { has: tryParseId(args.agencyId, 'Agency') ?? -1 } } : {}),
    ...(args.enterpriseId ? { enterpriseId: tryParseId(args.enterpriseId, 'Enterprise') ?? -1 } : {}),
  };
}
