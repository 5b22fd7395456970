// InspectionDraw 双随机 抽查 (county plan task 6): the draw with its inputs (seed, weights, pools, filter) and its
// result, read from `inspectionDraws` and `replayInspectionDraw`. Who sees a draw is access.ts (drawRule: public once
// published — 一公开 — before that the agency's own and supervisors').
import { globalId, nodeRowId, tryParseId, type Context, type CoreRefs, type ZhifaBuilder } from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import type { Prisma } from '@zhifa/core/prisma';
import { drawEnterpriseRule, drawRule } from '../access.js';
import { replayDraw } from '../draws.js';

export function registerDrawTypes(builder: ZhifaBuilder, core: CoreRefs) {
  const CreditClass = core.CreditRiskClass;

  const DrawEnterprise = builder.prismaObject('InspectionDrawEnterprise', {
    description: '抽中的企业及为其随机选派的检查人员 An enterprise drawn, with the officers drawn for it',
    rowRule: drawEnterpriseRule,
    // Name and USCC are published with the result (一公开), to readers who may not read the enterprise's record.
    select: { officerIds: true, enterprise: { select: { name: true, uscc: true } } },
    fields: (t) => ({
      position: t.exposeInt('position', { description: '抽取顺序（从 1 起）Draw order, from 1' }),
      enterpriseName: t.string({ description: '企业名称 Enterprise name', resolve: (d) => d.enterprise.name }),
      uscc: t.string({ description: '统一社会信用代码 USCC', resolve: (d) => d.enterprise.uscc }),
      enterprise: t.relation('enterprise', {
        nullable: true,
        description: '企业记录（有权查看者可见）The enterprise record, to those who may read it',
      }),
      creditRiskClass: t.expose('creditRiskClass', {
        type: CreditClass,
        description: '抽取时的信用风险类别（决定权重）Credit risk class at the draw (its weight)',
      }),
      officers: t.loadableList({
        type: core.Person,
        description:
          '随机选派的检查人员（两名，行政处罚法第42条；工作人员可见）Officers drawn for it, two (art. 42); staff see them',
        resolve: (d) => d.officerIds.join(','),
        load: async (keys: string[], ctx: Context) => {
          const idsOf = (key: string) => (key ? key.split(',').map(Number) : []);
          const ids = [...new Set(keys.flatMap(idsOf))];
          // personRule is the framework's: the public and enterprise users read no one here.
          const people = ids.length ? await ctx.prisma.person.findMany({ where: { id: { in: ids } } }) : [];
          const byId = new Map(people.map((p) => [p.id, p]));
          return keys.map((key) => idsOf(key).flatMap((id) => byId.get(id) ?? []));
        },
      }),
    }),
  });

  const Draw = builder.prismaNode('InspectionDraw', {
    id: { field: 'id' },
    nullable: true,
    description:
      '双随机、一公开 抽查：种子与输入留存，任何人可复算；公开后向社会公布（方案任务6）A 双随机 draw: its seed and inputs are kept so anyone can recompute it; public once published (county plan task 6)',
    rowRule: drawRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      agency: t.relation('agency', { description: '抽查单位 The agency' }),
      matter: t.relation('matter', { nullable: true, description: '抽查事项 The enforcement matter' }),
      seed: t.exposeString('seed', {
        description:
          '随机种子（十六进制）：第 i 个随机数取 HMAC-SHA256(种子, i 的 8 字节大端) 的前 53 位 The seed (hex): u_i is the top 53 bits of HMAC-SHA256(seed, i as 8-byte big-endian), plus ½, over 2^53',
      }),
      weights: t.expose('weights', {
        type: 'JSON',
        description: '各信用风险类别的权重（D 最高，A 最低）Weights by credit class (D most, A least)',
      }),
      filter: t.expose('filter', {
        type: 'JSON',
        description: '名录库筛选条件（镇区、行业、信用类别）The pool’s filter: township, industry, credit classes',
      }),
      enterprisePool: t.idList({
        description: '抽查对象名录库（按编号排序）The enterprise pool, ordered by id',
        resolve: (d) => d.enterprisePool.map((id) => globalId('Enterprise', id)),
      }),
      enterprisePoolClasses: t.exposeString('enterprisePoolClasses', {
        description:
          '名录库各企业抽取时的信用类别（每户一个字母，顺序同名录库）Each pool entry’s class at the draw, one letter each',
      }),
      officerPool: t.idList({
        description:
          '执法检查人员名录库：抽取时可执法的本单位执法人员（按编号排序）The officers who could enforce at the draw, by id',
        resolve: (d) => d.officerPool.map((id) => globalId('Person', id)),
      }),
      enterpriseCount: t.exposeInt('enterpriseCount', { description: '抽取户数 Enterprises drawn' }),
      officersPerEnterprise: t.exposeInt('officersPerEnterprise', {
        description: '每户选派检查人员数（2，行政处罚法第42条）Officers per enterprise (2, art. 42)',
      }),
      drawnAt: t.expose('drawnAt', { type: 'DateTime', description: '抽取时间 Drawn at' }),
      drawnBy: t.string({
        description: '抽取人（工作人员可见账号）Drawn by (the account for staff, its kind for others)',
        resolve: (d, _a, ctx) => actorShownTo(ctx.viewer, d.drawnBy),
      }),
      publishedAt: t.expose('publishedAt', {
        type: 'DateTime',
        nullable: true,
        description: '公开时间（一公开）Published at',
      }),
      enterprises: t.relatedConnection('enterprises', {
        cursor: 'drawId_position',
        extensions: { cursorKey: 'drawId_position' },
        totalCount: true,
        nullable: true,
        description: '抽中的企业（按抽取顺序）The enterprises drawn, in draw order',
        query: { orderBy: { position: 'asc' } },
      }),
    }),
  });

  builder.queryField('inspectionDraws', (t) =>
    t.prismaConnection({
      type: Draw,
      cursor: 'id',
      nullable: true,
      totalCount: (_p, args, ctx) => ctx.prisma.inspectionDraw.count({ where: drawsWhere(args) }),
      description:
        '双随机抽查（最新在前；公众见已公开的，单位见本单位的，监督人员见全部）Draws, newest first: the published ones for everyone, the agency’s own, all for supervisors',
      args: {
        agencyId: t.arg.globalID({ required: false, description: '抽查单位 Only this agency' }),
        published: t.arg.boolean({ required: false, description: '是否已公开 Only published (true) or not (false)' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.inspectionDraw.findMany({ ...query, where: drawsWhere(args), orderBy: { id: 'desc' } }),
    }),
  );

  const Replay = builder
    .objectRef<{ drawId: number; reproduced: boolean; enterpriseIds: number[] }>('InspectionDrawReplay')
    .implement({
      description: '按留存的种子与输入复算抽查 A draw recomputed from its stored seed, weights and pools',
      fields: (t) => ({
        draw: t.field({
          type: Draw,
          nullable: true,
          description: '复算的抽查 The draw',
          resolve: (r, _a, ctx) => ctx.prisma.inspectionDraw.findUnique({ where: { id: r.drawId } }),
        }),
        reproduced: t.boolean({
          description: '复算结果与留存结果完全一致（企业、顺序、检查人员）The recomputed draw equals the stored one',
          resolve: (r) => r.reproduced,
        }),
        enterpriseIds: t.idList({
          description: '复算抽中的企业（按抽取顺序）The enterprises the recomputation draws, in order',
          resolve: (r) => r.enterpriseIds.map((id) => globalId('Enterprise', id)),
        }),
      }),
    });

  builder.queryField('replayInspectionDraw', (t) =>
    t.field({
      type: Replay,
      nullable: true,
      description:
        '复算一次抽查并与留存结果比对（可查看该抽查者）Recompute a draw from its stored inputs and compare (whoever may read the draw)',
      args: { drawId: t.arg.globalID({ required: true, description: '抽查 The draw' }) },
      resolve: async (_root, args, ctx) => {
        const id = tryParseId(args.drawId, 'InspectionDraw');
        if (id === null) return null;
        const draw = await ctx.prisma.inspectionDraw.findUnique({ where: { id } });
        if (!draw) return null;
        const stored = await ctx.prisma.inspectionDrawEnterprise.findMany({ where: { drawId: id } });
        const { recomputed, reproduced } = replayDraw(draw, stored);
        return { drawId: id, reproduced, enterpriseIds: recomputed.map((d) => d.enterpriseId) };
      },
    }),
  );

  return { Draw, DrawEnterprise, CreditClass };
}

function drawsWhere(args: {
  agencyId?: { typename: string; id: string } | null;
  published?: boolean | null;
}): Prisma.InspectionDrawWhereInput {
  return {
    ...(args.agencyId ? { agencyId: tryParseId(args.agencyId, 'Agency') ?? -1 } : {}),
    ...(args.published === true ? { publishedAt: { not: null } } : {}),
    ...(args.published === false ? { publishedAt: null } : {}),
  };
}
