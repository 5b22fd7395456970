// Demo catalogue (county plan task 5): for every enforcement agency whose inspection-subject qualification the demo
// county confirmed (core's demo data sets Agency.inspectionQualifiedOn for them), two published inspection items on
// matters it enforces, its annual plan filed with the justice bureau and published (the first agency's filed after
// 31 March: shown late; the last agency's second item published after 15 April: shown late), a scheme approved by
// its head and an urgent one requested first and approved afterwards within the deadline. Written through the
// services as the agency's officer and head, so every rule holds; then placed on the calendar of the demo year (the
// seed's clock is one instant, the catalogue's history runs from February to May).
import type { SeedContext, UnitOfWork } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { agencyMayEnforce } from '@zhifa/core/cases';
import type { Agency, Person } from '@zhifa/core/prisma';
import { shanghaiToday, shanghaiYear, SHANGHAI_OFFSET_MS } from '@zhifa/core/time';
import { createInspectionItemInTx, publishInspectionItemInTx } from './catalogue/items.js';
import { createInspectionPlanInTx, fileInspectionPlanInTx, publishInspectionPlanInTx } from './catalogue/plans.js';
import { decideInspectionSchemeInTx, requestInspectionSchemeInTx } from './catalogue/schemes.js';
import { approvalDueAt } from './rules/catalogue.js';
import { inspectionsSettings } from './settings.js';

const asPerson = (p: Person, agency: Agency): Viewer => ({
  kind: 'person',
  personId: p.id,
  name: p.name,
  agencyId: agency.id,
  agencyKind: agency.kind,
  roles: p.roles,
});

/** The demo year: the current one once its June has come (so its February–May history lies in the past). */
export function catalogueYear(now: Date): number {
  const year = shanghaiYear(now);
  return shanghaiToday(now).getTime() >= Date.UTC(year, 5, 1) ? year : year - 1;
}

/** An instant of the demo year, given as Shanghai wall time. */
const at = (year: number, month: number, day: number, hour = 10) =>
  new Date(Date.UTC(year, month - 1, day, hour) - SHANGHAI_OFFSET_MS);

export interface CatalogueSeedResult {
  agencies: number;
  items: number;
  plans: number;
  schemes: number;
}

export async function seedCatalogue(ctx: SeedContext): Promise<CatalogueSeedResult> {
  const p = ctx.prisma;
  const today = shanghaiToday(ctx.now);
  const year = catalogueYear(ctx.now);
  const hours = ctx.settings.get(inspectionsSettings).urgentApprovalHours;
  const agencies = (
    await p.agency.findMany({
      where: { kind: 'ENFORCEMENT_AGENCY', inspectionQualifiedOn: { lte: today } },
      include: { people: { orderBy: { id: 'asc' } } },
      orderBy: { id: 'asc' },
    })
  ).filter(
    (a) => a.people.some((x) => x.roles.includes('OFFICER')) && a.people.some((x) => x.roles.includes('AGENCY_HEAD')),
  );
  const matters = await p.enforcementMatter.findMany({ where: { published: true }, orderBy: { id: 'asc' } });
  const result: CatalogueSeedResult = { agencies: 0, items: 0, plans: 0, schemes: 0 };
  for (const [index, agency] of agencies.entries()) {
    const own = matters.filter((m) => agencyMayEnforce(agency, m)).slice(0, 2);
    if (!own.length) continue;
    const officer = agency.people.find((x) => x.roles.includes('OFFICER'))!;
    const head = agency.people.find((x) => x.roles.includes('AGENCY_HEAD'))!;
    const compiled = await ctx.work(asPerson(officer, agency), async (uow: UnitOfWork) => {
      const items = [];
      for (const m of own) {
        const item = await createInspectionItemInTx(uow, {
          agencyId: agency.id,
          name: `${m.name}情况检查`,
          basis: m.violatedProvision,
          year,
          matterIds: [m.id],
        });
        items.push(await publishInspectionItemInTx(uow, item.id));
      }
      const plan = await createInspectionPlanInTx(uow, {
        agencyId: agency.id,
        year,
        itemIds: items.map((i) => i.id),
        basis: `国办发〔2024〕54号；${own[0].violatedProvision}`,
        subjects: `${agency.name}及其执法队伍`,
        scope: `本县${own[0].domain}领域经营主体`,
        samplingBasisPoints: 300 + 100 * (index % 3),
        frequencyPerYear: 1 + (index % 2),
        method: index % 2 === 0 ? 'DOUBLE_RANDOM' : 'ON_SITE',
        content: items.map((i) => i.name).join('；'),
      });
      await fileInspectionPlanInTx(uow, plan.id);
      await publishInspectionPlanInTx(uow, plan.id);
      const scheme = await requestInspectionSchemeInTx(uow, {
        agencyId: agency.id,
        planId: plan.id,
        title: `${year}年度${own[0].domain}双随机抽查方案`,
        content: '检查内容：年度计划所列事项；方式：现场检查；人员：抽取两名持证执法人员',
        itemIds: items.map((i) => i.id),
        urgent: false,
        urgentReason: null,
      });
      const urgent = await requestInspectionSchemeInTx(uow, {
        agencyId: agency.id,
        planId: null,
        title: `${own[0].name}投诉核查（紧急）`,
        content: '接群众投诉，现场核查',
        itemIds: [items[0].id],
        urgent: true,
        urgentReason: '群众投诉反映存在安全隐患，需立即到场核查',
      });
      return { items, plan, scheme, urgent };
    });
    await ctx.work(asPerson(head, agency), async (uow) => {
      await decideInspectionSchemeInTx(uow, compiled.scheme.id, 'APPROVED', '同意按方案实施');
      await decideInspectionSchemeInTx(uow, compiled.urgent.id, 'APPROVED', '同意，事后补批');
    });
    // The history, placed in the demo year.
    const last = index === agencies.length - 1;
    for (const [i, item] of compiled.items.entries())
      await p.inspectionItem.update({
        where: { id: item.id },
        data: { createdAt: at(year, 2, 10), publishedAt: last && i === 1 ? at(year, 4, 20) : at(year, 4, 1) },
      });
    const lateFiling = index === 0;
    await p.inspectionPlan.update({
      where: { id: compiled.plan.id },
      data: {
        createdAt: at(year, 2, 15),
        filedAt: lateFiling ? at(year, 4, 3) : at(year, 3, 20),
        publishedAt: lateFiling ? at(year, 4, 8) : at(year, 3, 25),
      },
    });
    await p.inspectionScheme.update({
      where: { id: compiled.scheme.id },
      data: { requestedAt: at(year, 4, 10), decidedAt: at(year, 4, 11) },
    });
    const requestedAt = at(year, 5, 10, 9);
    await p.inspectionScheme.update({
      where: { id: compiled.urgent.id },
      data: {
        requestedAt,
        approvalDueAt: approvalDueAt(requestedAt, hours),
        decidedAt: new Date(requestedAt.getTime() + Math.min(6, hours) * 3600_000),
      },
    });
    result.agencies += 1;
    result.items += compiled.items.length;
    result.plans += 1;
    result.schemes += 2;
  }
  ctx.log(
    `检查事项、计划和方案 / inspection catalogue: ${result.agencies} agencies, ${result.items} items, ${result.plans} plans, ${result.schemes} schemes`,
  );
  return result;
}
