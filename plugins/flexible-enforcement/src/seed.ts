// Demo data, minimal for now: one published list of each kind for the county market regulator, on the
// first published 市场监管 matters of the demo data, each written with its publication event. Soft
// measures, invitations and decisions citing the lists come with their features.
import type { SeedContext, UnitOfWork } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import type { Prisma } from '@zhifa/core/prisma';
import { LIGHTER_KIND, MITIGATED_KIND, NO_COMPULSORY_KIND } from './rules.js';
import { LIGHTER_LIST_TOPICS, MITIGATED_LIST_TOPICS, NO_COMPULSORY_LIST_TOPICS } from './topics.js';
import { seedSoftMeasures } from './soft-measure-seed.js';
import { seedInvitations } from './invitation-seed.js';
import { seedMeasureChecks } from './seed-measure-checks.js';
import { seedFlexibleDecisions, seedJustifiedMeasures } from './seed-decisions.js';

const AGENCY = '阜宁县市场监督管理局';
const DOMAIN = '市场监管';
const DEMO_VIEWER: Viewer = { kind: 'system', name: 'demo-data' };

interface DemoMatter {
  code: string;
  name: string;
  violatedProvision: string;
  penaltyProvision: string;
}

interface DemoList {
  kind: string;
  title: string;
  topics: typeof LIGHTER_LIST_TOPICS;
  applies: string;
  attributes: (m: DemoMatter, i: number) => Prisma.InputJsonObject;
}

const CIRCUMSTANCES = ['ELIMINATED_HARM', 'CONFESSED'] as const;

const DEMO_LISTS: DemoList[] = [
  {
    kind: LIGHTER_KIND,
    title: '阜宁县市场监管领域从轻处罚事项清单',
    topics: LIGHTER_LIST_TOPICS,
    applies: '初次违法，违法行为轻微，积极配合调查并及时改正的',
    attributes: (m) => ({
      matterCode: m.code,
      exclusions: '两年内因同一违法行为受过行政处罚的',
      fineMinFen: null,
      fineMaxFen: null,
    }),
  },
  {
    kind: MITIGATED_KIND,
    title: '阜宁县市场监管领域减轻处罚事项清单',
    topics: MITIGATED_LIST_TOPICS,
    applies: '主动消除或者减轻违法行为危害后果，或者主动供述行政机关尚未掌握的违法行为的',
    attributes: (m, i) => ({
      matterCode: m.code,
      exclusions: '造成人身伤害或者重大财产损失的',
      circumstance: CIRCUMSTANCES[i % CIRCUMSTANCES.length],
    }),
  },
  {
    kind: NO_COMPULSORY_KIND,
    title: '阜宁县市场监管领域不予实施行政强制措施事项清单',
    topics: NO_COMPULSORY_LIST_TOPICS,
    applies: '违法行为情节显著轻微或者没有明显社会危害，当事人承诺整改的',
    attributes: (m) => ({
      matterCode: m.code,
      exclusions: '涉及食品安全、特种设备等重大安全风险的',
      measureKind: 'SEAL_UP',
      measureTarget: '经营场所及生产设备',
      measureProvision: m.penaltyProvision,
    }),
  },
];

async function seedList(uow: UnitOfWork, spec: DemoList, log: (line: string) => void) {
  const prisma = uow.tx;
  const agency = await prisma.agency.findUnique({ where: { name: AGENCY } });
  const matters = await prisma.enforcementMatter.findMany({
    where: { published: true, domain: DOMAIN },
    select: { code: true, name: true, violatedProvision: true, penaltyProvision: true },
    orderBy: { code: 'asc' },
    take: 2,
  });
  if (!agency || !matters.length)
    return log(`柔性执法清单：未找到 ${AGENCY} 或其事项，跳过 / flexible list: agency or matters absent, skipped`);
  const series = await prisma.listSeries.create({ data: { kind: spec.kind } });
  const list = await prisma.enforcementList.create({
    data: {
      kind: spec.kind,
      seriesId: series.id,
      version: 1,
      domain: DOMAIN,
      agencyId: agency.id,
      title: spec.title,
      status: 'PUBLISHED',
      validFrom: new Date(Date.UTC(2025, 2, 1)),
      validUntil: new Date(Date.UTC(2027, 1, 28)),
      publishedAt: new Date('2025-02-25T02:00:00Z'),
    },
  });
  await prisma.listItem.createMany({
    data: matters.map((m, i) => ({
      listId: list.id,
      seq: i + 1,
      domain: DOMAIN,
      violation: m.name,
      violatedProvision: m.violatedProvision,
      penaltyProvision: m.penaltyProvision,
      applicableConditions: spec.applies,
      attributes: spec.attributes(m, i),
    })),
  });
  await uow.emit(
    spec.topics.published,
    { listId: list.id, seriesId: series.id, version: 1, domain: DOMAIN, kind: spec.kind, supersedes: null },
    { agencyId: agency.id, public: true },
  );
  log(`柔性执法清单 / flexible list: ${spec.title}, ${matters.length} 项 items`);
}

export async function seedFlexibleEnforcement(ctx: SeedContext): Promise<void> {
  for (const spec of DEMO_LISTS)
    await ctx.work(DEMO_VIEWER, (uow) => seedList(uow, spec, ctx.log), {
      silent: 'a list whose agency or matters are absent writes nothing',
    });
  await seedSoftMeasures(ctx);
  await seedInvitations(ctx);
  // Decisions first: the waivers then go to cases still undecided, and the justified seal-ups to cases with no check.
  await seedFlexibleDecisions(ctx);
  await seedMeasureChecks(ctx);
  await seedJustifiedMeasures(ctx);
}
