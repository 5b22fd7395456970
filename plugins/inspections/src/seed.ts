// Demo data, in the order the year happens: the catalogue (items, plans, schemes), a year of filings and visits
// (each warning rule tripped by some), two agencies' filings for one enterprise merged into a joint inspection and
// visited once, published 双随机 draws with an invited observer, and the warnings moved through 交办 → 销号. Every
// write goes through the plugin's services (ctx.work), as the API would make it.
import type { SeedContext } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { codeKeysInForce, signInspectionCode } from './code.js';
import { fileInspectionInTx } from './filings.js';
import { seedCatalogue } from './seed-catalogue.js';
import { seedDraws } from './seed-draws.js';
import { seedVisits, type SeedScheme } from './seed-visits.js';
import { seedWarnings } from './seed-warnings.js';
import { inspectionsSettings } from './settings.js';
import { recordInspectionVisitInTx } from './visits.js';

const HOUR = 3600_000;

export async function seedInspections(ctx: SeedContext): Promise<void> {
  await seedCatalogue(ctx);
  const schemes = await approvedSchemes(ctx);
  await seedVisits(ctx, schemes);
  const joint = await jointFilings(ctx, schemes, 0);
  // A second pair, left for the agencies to merge: what jointInspectionCandidates offers.
  await jointFilings(ctx, schemes, 1);
  const drawn = await seedDraws(ctx, { jointFilingIds: joint });
  if (drawn.jointInspectionId !== null) await visitJoint(ctx, drawn.jointInspectionId);
  await seedWarnings(ctx);
}

/** Per qualified agency, its head-approved (not urgent) scheme and the scheme's items. */
async function approvedSchemes(ctx: SeedContext): Promise<SeedScheme[]> {
  const rows = await ctx.prisma.inspectionScheme.findMany({
    where: { status: 'APPROVED', urgent: false },
    include: { items: { orderBy: { itemId: 'asc' } } },
    orderBy: { id: 'asc' },
  });
  const seen = new Set<number>();
  return rows.flatMap((s) => {
    if (seen.has(s.agencyId) || s.items.length === 0) return [];
    seen.add(s.agencyId);
    return [{ agencyId: s.agencyId, schemeId: s.id, itemIds: s.items.map((i) => i.itemId) }];
  });
}

async function officerViewer(ctx: SeedContext, personId: number): Promise<Viewer> {
  const p = await ctx.prisma.person.findUniqueOrThrow({ where: { id: personId }, include: { agency: true } });
  return {
    kind: 'person',
    personId: p.id,
    name: p.name,
    agencyId: p.agencyId,
    agencyKind: p.agency.kind,
    roles: p.roles,
  };
}

/** Two agencies file for one enterprise over the coming days (an agreed time): the candidates of a merge. */
async function jointFilings(ctx: SeedContext, schemes: SeedScheme[], nth: number): Promise<number[]> {
  const enterprise = await ctx.prisma.enterprise.findFirst({ orderBy: { id: 'desc' }, skip: nth });
  if (!enterprise || schemes.length < 2) return [];
  const ids: number[] = [];
  for (const s of schemes.slice(0, 2)) {
    const officers = await ctx.prisma.inspectionFiling.findFirst({
      where: { agencyId: s.agencyId },
      include: { officers: { orderBy: { personId: 'asc' } } },
      orderBy: { id: 'asc' },
    });
    const officerIds = officers?.officers.map((o) => o.personId) ?? [];
    if (officerIds.length < 2) return [];
    const viewer = await officerViewer(ctx, officerIds[0]);
    const f = await ctx.work(viewer, (uow) =>
      fileInspectionInTx(uow, {
        agencyId: s.agencyId,
        enterpriseId: enterprise.id,
        itemIds: [s.itemIds[0]],
        schemeId: s.schemeId,
        officerIds,
        plannedFrom: new Date(ctx.now.getTime() - 2 * HOUR),
        plannedTo: new Date(ctx.now.getTime() + 72 * HOUR),
        notice: 'AGREED',
        noticeNote: `已与企业负责人${enterprise.legalRepresentative}商定联合检查时间`,
        major: s === schemes[0],
        jointInspectionId: null,
      }),
    );
    ids.push(f.id);
  }
  return ids;
}

/** The lead agency visits the joint inspection's enterprise on its filing: one visit, counted once. */
async function visitJoint(ctx: SeedContext, jointInspectionId: number): Promise<void> {
  const joint = await ctx.prisma.jointInspection.findUniqueOrThrow({
    where: { id: jointInspectionId },
    include: { filings: { include: { officers: { orderBy: { personId: 'asc' } }, items: true } } },
  });
  const filing = joint.filings.find((f) => f.agencyId === joint.leadAgencyId);
  const keys = codeKeysInForce(ctx.settings.get(inspectionsSettings).codeKeys);
  if (!filing || !keys) return;
  const officerIds = filing.officers.map((o) => o.personId);
  const code = signInspectionCode(keys, joint.enterpriseId, new Date(ctx.now.getTime() + HOUR)).code;
  await ctx.work(await officerViewer(ctx, officerIds[0]), (uow) =>
    recordInspectionVisitInTx(uow, {
      code,
      filingId: filing.id,
      officerIds,
      itemIds: filing.items.map((i) => i.itemId),
      visitedAt: ctx.now,
    }),
  );
}
