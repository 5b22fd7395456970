// Demo data of the draws slice, through its services: a published 双随机 draw for each of two qualified enforcement
// agencies (on a published matter each enforces, drawn by one of its officers), and — given two or more FILED filings
// of different agencies for one enterprise in overlapping windows (the visits slice's demo data writes them) — a joint
// inspection merged from them by the first filing's agency, with a 特邀行政执法监督员 invited to it; and that special
// supervisor invited to the earliest major filing, when there is one.
import type { Viewer } from '@zhifa/core/auth';
import { agencyMayEnforce } from '@zhifa/core/cases';
import { canEnforce } from '@zhifa/core/rules';
import { CASE_SETTINGS, type SeedContext } from '@zhifa/core';
import type { AgencyKind, PersonRole } from '@zhifa/core/prisma';
import { drawInspectionSampleInTx, publishInspectionDrawInTx } from './draws.js';
import { mergeInspectionFilingsInTx } from './joints.js';
import { inviteInspectionObserverInTx } from './observers.js';

export interface SeedDrawsOptions {
  /** Filings to merge into the demo's joint inspection (of ≥ 2 agencies, one enterprise, overlapping windows). */
  jointFilingIds?: number[];
}

export interface SeedDrawsResult {
  drawIds: number[];
  jointInspectionId: number | null;
  observerId: number | null;
  /** The special supervisor invited to the earliest major filing, if there is one. */
  filingObserverId: number | null;
}

/** Demo writes act as the person who would make them (their agency's officer). */
function asPerson(
  p: { id: number; name: string; agencyId: number; roles: PersonRole[] },
  agencyKind: AgencyKind,
): Viewer {
  return { kind: 'person', personId: p.id, name: p.name, agencyId: p.agencyId, agencyKind, roles: p.roles };
}

export async function seedDraws(ctx: SeedContext, options: SeedDrawsOptions = {}): Promise<SeedDrawsResult> {
  const { prisma, now } = ctx;
  const grace = ctx.settings.get(CASE_SETTINGS).reviewGraceUntil;
  const hex = () =>
    Array.from({ length: 32 }, () =>
      Math.floor(ctx.random() * 256)
        .toString(16)
        .padStart(2, '0'),
    ).join('');
  const agencies = await prisma.agency.findMany({
    where: { kind: 'ENFORCEMENT_AGENCY', inspectionQualifiedOn: { not: null, lte: now } },
    include: { people: { orderBy: { id: 'asc' } } },
    orderBy: { id: 'asc' },
  });
  const matters = await prisma.enforcementMatter.findMany({ where: { published: true }, orderBy: { id: 'asc' } });
  const drawIds: number[] = [];
  for (const agency of agencies) {
    if (drawIds.length === 2) break;
    const officers = agency.people.filter((p) => p.roles.includes('OFFICER') && canEnforce(p, now, grace));
    const matter = matters.find((m) => agencyMayEnforce(agency, m));
    if (officers.length < 2 || !matter) continue;
    const viewer = asPerson(officers[0], agency.kind);
    const id = await ctx.work(viewer, async (uow) => {
      const draw = await drawInspectionSampleInTx(uow, {
        agencyId: agency.id,
        matterId: matter.id,
        enterpriseCount: 5,
        filter: {},
        seed: hex(),
      });
      await publishInspectionDrawInTx(uow, draw.id);
      return draw.id;
    });
    drawIds.push(id);
  }
  ctx.log(`双随机抽查 / draws: ${drawIds.length}, published`);

  let jointInspectionId: number | null = null;
  let observerId: number | null = null;
  const ids = options.jointFilingIds ?? [];
  if (ids.length >= 2) {
    const first = await prisma.inspectionFiling.findUniqueOrThrow({
      where: { id: ids[0] },
      include: { agency: { include: { people: { orderBy: { id: 'asc' } } } } },
    });
    const lead = first.agency.people.find((p) => p.roles.includes('OFFICER'));
    if (!lead) throw new Error('演示联合检查：牵头单位没有执法人员 / the lead agency has no officer');
    const special = await prisma.person.findFirst({
      where: { roles: { has: 'SPECIAL_SUPERVISOR' } },
      orderBy: { id: 'asc' },
    });
    ({ jointInspectionId, observerId } = await ctx.work(asPerson(lead, first.agency.kind), async (uow) => {
      const joint = await mergeInspectionFilingsInTx(uow, ids, first.agencyId);
      const observer = special
        ? await inviteInspectionObserverInTx(uow, special.id, { jointInspectionId: joint.id })
        : null;
      return { jointInspectionId: joint.id, observerId: observer?.id ?? null };
    }));
    ctx.log(
      `联合检查 / joint inspection #${jointInspectionId}${observerId ? ', 特邀监督员已邀请 / observer invited' : ''}`,
    );
  } else ctx.log('联合检查：未提供报备，跳过 / joint inspection: no filings given, skipped');

  // The same special supervisor observes the earliest major filing there is (the visits slice's demo data files some).
  const majorFiling = await prisma.inspectionFiling.findFirst({
    where: { major: true, status: { not: 'CANCELLED' } },
    include: { agency: { include: { people: { orderBy: { id: 'asc' } } } } },
    orderBy: { id: 'asc' },
  });
  const observer = await prisma.person.findFirst({
    where: { roles: { has: 'SPECIAL_SUPERVISOR' } },
    orderBy: { id: 'asc' },
  });
  const inviter = majorFiling?.agency.people.find((p) => p.roles.includes('OFFICER'));
  let filingObserverId: number | null = null;
  if (majorFiling && observer && inviter) {
    filingObserverId = await ctx.work(asPerson(inviter, majorFiling.agency.kind), async (uow) => {
      const o = await inviteInspectionObserverInTx(uow, observer.id, { filingId: majorFiling.id });
      return o.id;
    });
    ctx.log(`重大检查特邀监督员 / observer of major filing #${majorFiling.id}`);
  }
  return { drawIds, jointInspectionId, observerId, filingObserverId };
}
