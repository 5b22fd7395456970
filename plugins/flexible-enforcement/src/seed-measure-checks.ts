// Demo data for the no-compulsory guard: on undecided demo cases of a matter the demo 不予实施行政强制措施清单 names,
// the officers followed the list and took no seal-up (WAIVED, through the same service as the API). Runs after the
// lists; writes nothing when they or such cases are absent.
import type { SeedContext } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { measureRefusal } from '@zhifa/core/rules';
import { waivingItem } from './measure-guard.js';
import { waiveCompulsoryMeasureInTx } from './measure-waiver.js';
import { NO_COMPULSORY_KIND } from './rules.js';

const DEMO_VIEWER: Viewer = { kind: 'system', name: 'demo-data' };
const WAIVERS = 2;

export async function seedMeasureChecks(ctx: SeedContext): Promise<void> {
  const p = ctx.prisma;
  const items = await p.listItem.findMany({
    where: { list: { kind: NO_COMPULSORY_KIND, status: 'PUBLISHED' } },
    select: { attributes: true },
  });
  const codes = items.map((i) => (i.attributes as { matterCode: string }).matterCode);
  const cases = await p.enforcementCase.findMany({
    where: {
      matter: { code: { in: codes } },
      // Not while a seal-up is pending or in force: that one was taken.
      compulsoryMeasures: { none: { kind: 'SEAL_UP', status: { in: ['REQUESTED', 'IN_FORCE'] } } },
    },
    select: { id: true, stage: true, agencyId: true, matterId: true },
    orderBy: { id: 'asc' },
  });
  const open = [];
  for (const c of cases) {
    if (open.length === WAIVERS) break;
    // Only where the list binds the case's agency on the seed's day, as the service will ask.
    if (measureRefusal(c.stage) === null && (await waivingItem(p, c, 'SEAL_UP', ctx.now))) open.push(c);
  }
  if (!open.length)
    return ctx.log('不予实施强制措施演示数据：无适用案件，跳过 / no-compulsory waivers: no undecided case, skipped');
  for (const c of open)
    await ctx.work(DEMO_VIEWER, (uow) =>
      waiveCompulsoryMeasureInTx(uow, {
        caseId: c.id,
        measureKind: 'SEAL_UP',
        note: '当事人违法行为情节显著轻微，已当场改正，没有明显社会危害，依清单不予查封经营场所',
      }),
    );
  ctx.log(`不予实施强制措施演示数据 / no-compulsory waivers: ${open.length}`);
}
