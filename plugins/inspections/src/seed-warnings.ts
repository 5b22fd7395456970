// Demo handling of the warnings the demo visits raised (交办 → 督办 → 整改 → 销号, county plan task 15), through the
// workflow's own service, as a supervisor of the county justice bureau and officers of each answerable agency. It runs
// after the visits' seed and takes what it needs from the database: the warnings still RAISED, in the order raised,
// are walked in turn to CLOSED, RECTIFIED, SUPERVISED, ASSIGNED, returned (back to ASSIGNED after a report), and one
// left RAISED; the cycle repeats. Without a supervisor, or warnings, it writes nothing; a warning whose agency has no
// officer is only assigned.
import type { SeedContext } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import type { Person } from '@zhifa/core/prisma';
import type { WarningStep } from './rules/warning-workflow.js';
import { stepWarningInTx } from './warnings/workflow.js';

/** At most this many warnings are handled: the rest stay RAISED, as a county's backlog does. */
const HANDLED = 24;

type Who = 'supervisor' | 'agency';
const PATHS: { steps: [WarningStep, Who, string][] }[] = [
  {
    steps: [
      ['ASSIGN', 'supervisor', '请核查检查记录，说明情况并整改'],
      ['RECTIFY', 'agency', '已补办报备手续，对相关人员进行了批评教育'],
      ['CLOSE', 'supervisor', '整改到位，予以销号'],
    ],
  },
  {
    steps: [
      ['ASSIGN', 'supervisor', '请说明多次入企检查的必要性'],
      ['SUPERVISE', 'supervisor', '逾期未报告，予以督办'],
      ['RECTIFY', 'agency', '已调整检查计划，后续检查纳入综合查一次'],
    ],
  },
  {
    steps: [
      ['ASSIGN', 'supervisor', '请核查并限期整改'],
      ['SUPERVISE', 'supervisor', '请于期限内报告整改情况'],
    ],
  },
  { steps: [['ASSIGN', 'supervisor', '请核查并说明情况']] },
  {
    steps: [
      ['ASSIGN', 'supervisor', '请核查并说明情况'],
      ['RECTIFY', 'agency', '已说明情况'],
      ['RETURN', 'supervisor', '说明不充分，请补充检查方案和报备材料'],
    ],
  },
  { steps: [] },
];

const personViewer = (p: Person, agencyKind: Extract<Viewer, { kind: 'person' }>['agencyKind']): Viewer => ({
  kind: 'person',
  personId: p.id,
  name: p.name,
  agencyId: p.agencyId,
  agencyKind,
  roles: p.roles,
});

export async function seedWarnings(ctx: SeedContext): Promise<void> {
  const p = ctx.prisma;
  const supervisor = await p.person.findFirst({
    where: { roles: { has: 'SUPERVISOR' }, agency: { kind: 'JUSTICE_BUREAU' } },
    orderBy: { id: 'asc' },
  });
  const warnings = await p.inspectionWarning.findMany({
    where: { status: 'RAISED' },
    orderBy: { id: 'asc' },
    take: HANDLED,
  });
  if (!supervisor || warnings.length === 0) {
    ctx.log('检查预警演示处置：无预警或无监督人员，跳过 / demo warning handling: nothing to handle, skipped');
    return;
  }
  const agencies = await p.agency.findMany({ where: { id: { in: [...new Set(warnings.map((w) => w.agencyId))] } } });
  const officers = await p.person.findMany({
    where: { agencyId: { in: agencies.map((a) => a.id) }, roles: { has: 'OFFICER' } },
    orderBy: { id: 'asc' },
  });
  const kindOf = new Map(agencies.map((a) => [a.id, a.kind]));
  const sup = personViewer(supervisor, 'JUSTICE_BUREAU');
  let handled = 0;
  for (const [i, w] of warnings.entries()) {
    const officer = officers.find((o) => o.agencyId === w.agencyId);
    const path = PATHS[i % PATHS.length].steps;
    const steps = officer ? path : path.slice(0, 1);
    for (const [step, who, comment] of steps) {
      const viewer = who === 'supervisor' ? sup : personViewer(officer!, kindOf.get(w.agencyId)!);
      await ctx.work(viewer, (uow) => stepWarningInTx(uow, w.id, step, { comment }));
    }
    if (steps.length) handled++;
  }
  ctx.log(`检查预警演示处置 / demo warnings handled: ${handled} of ${warnings.length}`);
}
