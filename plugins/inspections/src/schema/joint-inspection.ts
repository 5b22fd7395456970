// JointInspection 跨部门联合检查 / 综合查一次: the type with its filings, visits and invited observers; where it is read
// from (`jointInspections`, node) and the merge candidates offered to agencies (`jointInspectionCandidates`). Who
// sees a joint inspection is access.ts (jointInspectionRule: the lead and member agencies, invited observers, the
// enterprise, supervisors).
import {
  globalId,
  nodeRowId,
  pageByKey,
  pagedByKey,
  tryParseId,
  ForbiddenError,
  type Context,
  type CoreRefs,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { actorShownTo, isSupervisor, sudo } from '@zhifa/core/auth';
import type { Prisma } from '@zhifa/core/prisma';
import { jointInspectionRule } from '../access.js';
import { windowIntersection } from '../rules/joint.js';

/** At most this many filings of the caller's agency are looked at for candidates (the soonest planned first). */
export const MAX_CANDIDATE_FILINGS = 500;

interface Partner {
  filingId: number;
  agencyId: number;
  plannedFrom: Date;
  plannedTo: Date;
}

interface Candidate {
  filingId: number;
  agencyId: number;
  enterpriseId: number;
  plannedFrom: Date;
  plannedTo: Date;
  partners: Partner[];
}

export function registerJointInspectionTypes(builder: ZhifaBuilder, core: CoreRefs) {
  const Joint = builder.prismaNode('JointInspection', {
    id: { field: 'id' },
    nullable: true,
    description:
      '跨部门联合检查（综合查一次）：多个单位对同一企业的检查合并为一次，由牵头单位组织；对企业只计一次 A joint inspection: several agencies’ inspections of one enterprise made once, led by one agency; it counts once for the enterprise',
    rowRule: jointInspectionRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      enterprise: t.relation('enterprise', { nullable: true, description: '被检查企业 The enterprise' }),
      leadAgency: t.relation('leadAgency', { description: '牵头单位 The lead agency' }),
      windowFrom: t.expose('windowFrom', {
        type: 'DateTime',
        description: '联合检查时间起（各报备计划时间的共同部分）Window from: the filings’ common window',
      }),
      windowTo: t.expose('windowTo', { type: 'DateTime', description: '联合检查时间止 Window to' }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: '合并时间 Merged at' }),
      createdBy: t.string({
        description: '合并人（工作人员可见账号）Merged by',
        resolve: (j, _a, ctx) => actorShownTo(ctx.viewer, j.createdBy),
      }),
      visited: t.boolean({
        description:
          '已入企：联合检查对企业计一次，无论各单位各自记录了几条入企记录 Visited: it counts as one inspection for the enterprise however many member agencies recorded their part',
        select: { _count: { select: { visits: true } } },
        resolve: (j) => j._count.visits > 0,
      }),
      filings: t.relatedConnection('filings', {
        cursor: 'id',
        totalCount: true,
        nullable: true,
        description: '参加的各单位报备（可见的）The member agencies’ filings the caller may see',
        query: { orderBy: { id: 'asc' } },
      }),
      visits: t.relatedConnection('visits', {
        cursor: 'id',
        totalCount: true,
        nullable: true,
        description: '各单位的入企记录（可见的）The member agencies’ visit records the caller may see',
        query: { orderBy: { id: 'asc' } },
      }),
      observers: t.relatedConnection('observers', {
        cursor: 'id',
        totalCount: true,
        nullable: true,
        description: '受邀的特邀行政执法监督员 Special supervisors invited',
        query: { orderBy: { id: 'asc' } },
      }),
    }),
  });

  builder.queryField('jointInspections', (t) =>
    t.prismaConnection({
      type: Joint,
      cursor: 'id',
      nullable: true,
      totalCount: (_p, args, ctx) => ctx.prisma.jointInspection.count({ where: jointWhere(args) }),
      description: '联合检查（最新在前；可见的）Joint inspections the caller may see, newest first',
      args: {
        enterpriseId: t.arg.globalID({ required: false, description: '被检查企业 Only this enterprise' }),
        agencyId: t.arg.globalID({ required: false, description: '参加单位（牵头或参加）Only with this agency' }),
      },
      // An enterprise user asking for another enterprise is refused rather than answered empty.
      authScopes: (_root, args, ctx) => {
        const v = ctx.viewer;
        if (v.kind === 'enterprise')
          return !args.enterpriseId || tryParseId(args.enterpriseId, 'Enterprise') === v.enterpriseId;
        return { staff: true };
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.jointInspection.findMany({ ...query, where: jointWhere(args), orderBy: { id: 'desc' } }),
    }),
  );

  const PartnerRef = builder.objectRef<Partner>('JointInspectionCandidatePartner').implement({
    description:
      '可合并的他单位报备（仅编号、单位与计划时间）Another agency’s filing to merge with: its id, agency and window only',
    fields: (t) => ({
      filingId: t.id({
        description: '报备编号（合并时引用）The filing’s id, to name in the merge',
        resolve: (p) => globalId('InspectionFiling', p.filingId),
      }),
      agency: t.loadable({
        type: core.Agency,
        description: '单位 The agency',
        resolve: (p) => p.agencyId,
        load: (ids: number[], ctx: Context) => loadAgencies(ids, ctx),
      }),
      plannedFrom: t.field({ type: 'DateTime', description: '计划开始 Planned from', resolve: (p) => p.plannedFrom }),
      plannedTo: t.field({ type: 'DateTime', description: '计划结束 Planned to', resolve: (p) => p.plannedTo }),
    }),
  });

  const CandidateRef = builder.objectRef<Candidate>('JointInspectionCandidate').implement({
    description:
      '可合并为联合检查的报备：本单位一份报备，及其他单位对同一企业、计划时间重叠、尚未入企的报备 A filing of the caller’s agency and other agencies’ filings for the same enterprise in overlapping windows, none visited: offered a merge',
    fields: (t) => ({
      filingId: t.id({
        description: '本单位报备 The agency’s filing',
        resolve: (c) => globalId('InspectionFiling', c.filingId),
      }),
      agency: t.loadable({
        type: core.Agency,
        description: '本单位 The agency',
        resolve: (c) => c.agencyId,
        load: (ids: number[], ctx: Context) => loadAgencies(ids, ctx),
      }),
      enterprise: t.loadable({
        type: core.Enterprise,
        nullable: true,
        description: '被检查企业 The enterprise',
        resolve: (c) => c.enterpriseId,
        load: async (ids: number[], ctx: Context) => {
          const rows = await ctx.prisma.enterprise.findMany({ where: { id: { in: ids } } });
          return ids.map((id) => rows.find((r) => r.id === id) ?? null);
        },
      }),
      plannedFrom: t.field({ type: 'DateTime', description: '计划开始 Planned from', resolve: (c) => c.plannedFrom }),
      plannedTo: t.field({ type: 'DateTime', description: '计划结束 Planned to', resolve: (c) => c.plannedTo }),
      partners: t.field({
        type: [PartnerRef],
        description: '可一并检查的其他单位报备 Other agencies’ filings to merge with',
        resolve: (c) => c.partners,
      }),
    }),
  });

  builder.queryField('jointInspectionCandidates', (t) =>
    t.connection(
      {
        type: CandidateRef,
        nullable: true,
        description:
          '综合查一次：可合并的报备（本单位的报备及与之重叠的他单位报备；监督人员可看任一单位）Filings that may merge into a joint inspection: the agency’s own with the overlapping filings of others (supervisors: any agency)',
        extensions: pagedByKey('filingId'),
        args: {
          agencyId: t.arg.globalID({
            required: false,
            description: '单位（默认本单位；监督人员可指定任一单位或不指定）The agency: your own by default',
          }),
        },
        authScopes: (_root, args, ctx) => {
          const v = ctx.viewer;
          if (isSupervisor(v)) return true;
          if (v.kind !== 'person') return { staff: true };
          const asked = args.agencyId ? tryParseId(args.agencyId, 'Agency') : v.agencyId;
          if (asked !== v.agencyId)
            throw new ForbiddenError({
              zh: '只能查看本单位可合并的报备',
              en: 'an agency’s staff see their own agency’s merge candidates',
            });
          return true;
        },
        resolve: async (_root, args, ctx) => pageByKey(await candidates(ctx, args.agencyId), (c) => c.filingId, args),
      },
      { fields: (c) => ({ totalCount: c.int({ description: '总数 Total', resolve: (p) => p.totalCount }) }) },
    ),
  );

  return { Joint };
}

async function loadAgencies(ids: number[], ctx: Context) {
  const rows = await ctx.prisma.agency.findMany({ where: { id: { in: ids } } });
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

/**
 * The caller's agency's filings (supervisors: the agency asked, or all) that are filed, in no joint inspection and
 * not yet past, each with the other agencies' such filings for the same enterprise whose windows overlap it.
 */
async function candidates(ctx: Context, agencyGid: GlobalId | null | undefined): Promise<Candidate[]> {
  const v = ctx.viewer;
  const agencyId = agencyGid
    ? tryParseId(agencyGid, 'Agency')
    : v.kind === 'person' && !isSupervisor(v)
      ? v.agencyId
      : null;
  const open: Prisma.InspectionFilingWhereInput = {
    status: 'FILED',
    jointInspectionId: null,
    plannedTo: { gt: new Date() },
  };
  // Other agencies' filings are read past the row rule to offer the merge: only their id, agency and window are
  // handed out (what the lead needs to name them in mergeInspectionFilings), never their content.
  const db = sudo(ctx);
  const own = await db.inspectionFiling.findMany({
    where: { ...open, ...(agencyId !== null ? { agencyId } : {}) },
    orderBy: [{ plannedFrom: 'asc' }, { id: 'asc' }],
    take: MAX_CANDIDATE_FILINGS,
    select: { id: true, agencyId: true, enterpriseId: true, plannedFrom: true, plannedTo: true },
  });
  if (!own.length) return [];
  const others = await db.inspectionFiling.findMany({
    where: { ...open, enterpriseId: { in: [...new Set(own.map((f) => f.enterpriseId))] } },
    select: { id: true, agencyId: true, enterpriseId: true, plannedFrom: true, plannedTo: true },
    orderBy: { id: 'asc' },
  });
  const out: Candidate[] = [];
  for (const f of own) {
    const partners = others
      .filter(
        (o) =>
          o.enterpriseId === f.enterpriseId &&
          o.agencyId !== f.agencyId &&
          windowIntersection([
            { from: f.plannedFrom, to: f.plannedTo },
            { from: o.plannedFrom, to: o.plannedTo },
          ]) !== null,
      )
      .map((o) => ({ filingId: o.id, agencyId: o.agencyId, plannedFrom: o.plannedFrom, plannedTo: o.plannedTo }));
    if (partners.length) out.push({ filingId: f.id, ...f, partners });
  }
  return out.sort((a, b) => a.filingId - b.filingId);
}

function jointWhere(args: {
  enterpriseId?: GlobalId | null;
  agencyId?: GlobalId | null;
}): Prisma.JointInspectionWhereInput {
  const agencyId = args.agencyId ? (tryParseId(args.agencyId, 'Agency') ?? -1) : null;
  return {
    ...(args.enterpriseId ? { enterpriseId: tryParseId(args.enterpriseId, 'Enterprise') ?? -1 } : {}),
    ...(agencyId !== null ? { OR: [{ leadAgencyId: agencyId }, { filings: { some: { agencyId } } }] } : {}),
  };
}
