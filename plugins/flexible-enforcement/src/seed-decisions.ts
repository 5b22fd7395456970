// Demo data for the decision guard and the no-compulsory guard's approval, through the same services as the API:
// - 从轻 / 减轻 decisions: the county market regulator's cases in legal review on a matter the demo lists name cite
//   an item (citeFlexibleBasis) and are decided LIGHTER (a fine in the lowest part of the lawful range, the default
//   从轻 band) or MITIGATED (below the statutory minimum) by the head — the guard judges each;
// - measures asked for despite the 不予实施行政强制措施清单, with a written justification (审慎采取): one the head
//   approved, one the head refused.
// Cases are chosen in id order, so the data is the same on every machine; one that core's rules or the guard refuse
// is skipped with a log line (the rules, not the demo, decide what is lawful).
import { CASE_SETTINGS, type SeedContext } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import {
  approveCompulsoryMeasureInTx,
  decideCaseInTx,
  readProposal,
  recordCompulsoryMeasureInTx,
} from '@zhifa/core/cases';
import type { Agency, EnforcementMatter, Person } from '@zhifa/core/prisma';
import { canEnforce } from '@zhifa/core/rules';
import { shanghaiToday } from '@zhifa/core/time';
import { citeFlexibleBasisInTx } from './decision-basis.js';
import { waivingItem } from './measure-guard.js';
import { LIGHTER_KIND, MITIGATED_KIND } from './rules.js';

const AGENCY = '阜宁县市场监督管理局';
const DECISIONS = 2;

const viewerOf = (p: Person & { agency: Agency }): Viewer => ({
  kind: 'person',
  personId: p.id,
  name: p.name,
  agencyId: p.agencyId,
  agencyKind: p.agency.kind,
  roles: p.roles,
});

type DemoPenalty = { kind: 'FINE' | 'WARNING'; amountFen: bigint | null };

/**
 * The penalties for the decision: a fine in the lawful range's lowest tenth (从轻, inside the default 从轻 band), or
 * half the statutory minimum (减轻) — or, for a matter without a minimum that allows a warning, a warning alone (减轻
 * to a lighter kind); null when neither fits the matter.
 */
function flexiblePenalties(kind: string, m: EnforcementMatter): DemoPenalty[] | null {
  if (m.fineMaxFen === null) return null;
  const min = m.fineMinFen ?? 0n;
  if (kind === LIGHTER_KIND) return [{ kind: 'FINE', amountFen: ((min + (m.fineMaxFen - min) / 10n) / 100n) * 100n }];
  if (min > 0n) return [{ kind: 'FINE', amountFen: (min / 2n / 100n) * 100n }];
  return m.penaltyKinds.includes('WARNING') ? [{ kind: 'WARNING', amountFen: null }] : null;
}

export async function seedFlexibleDecisions(ctx: SeedContext): Promise<void> {
  const { prisma: p, work, log, now } = ctx;
  const agency = await p.agency.findUnique({ where: { name: AGENCY } });
  if (!agency) return log('从轻减轻演示数据：未找到市场监管局，跳过 / flexible decisions: agency absent, skipped');
  const people = await p.person.findMany({
    where: { agencyId: agency.id },
    include: { agency: true },
    orderBy: { id: 'asc' },
  });
  const head = people.find((x) => x.roles.includes('AGENCY_HEAD'));
  const reviewer = people.find((x) => x.roles.includes('LEGAL_REVIEWER'));
  if (!head || !reviewer) return log('从轻减轻演示数据：无负责人或法制审核人员，跳过 / flexible decisions: skipped');

  const items = await p.listItem.findMany({
    where: { list: { kind: { in: [LIGHTER_KIND, MITIGATED_KIND] }, status: 'PUBLISHED', agencyId: agency.id } },
    include: { list: true },
    orderBy: { id: 'asc' },
  });
  const codeOf = (i: (typeof items)[number]) => (i.attributes as { matterCode: string }).matterCode;
  const cases = await p.enforcementCase.findMany({
    where: { agencyId: agency.id, stage: 'LEGAL_REVIEW', matter: { code: { in: items.map(codeOf) } } },
    include: {
      matter: true,
      steps: { where: { kind: { in: ['NOTICE', 'LEGAL_REVIEW'] } }, orderBy: { id: 'asc' } },
    },
    orderBy: { id: 'asc' },
  });
  const today = shanghaiToday(now);
  let decided = 0;
  for (const c of cases) {
    if (decided === DECISIONS || !c.matter) break;
    // Alternate 从轻 and 减轻, each on its matter's item of that kind; a case that fits only one kind takes it.
    const order = decided % 2 === 0 ? [LIGHTER_KIND, MITIGATED_KIND] : [MITIGATED_KIND, LIGHTER_KIND];
    let pick: { kind: string; itemId: number; penalties: DemoPenalty[] } | null = null;
    for (const kind of order) {
      const item = items.find((i) => i.list.kind === kind && codeOf(i) === c.matter!.code);
      const penalties = flexiblePenalties(kind, c.matter);
      if (item && penalties) {
        pick = { kind, itemId: item.id, penalties };
        break;
      }
    }
    const notice = c.steps.filter((s) => s.kind === 'NOTICE').at(-1);
    if (!pick || !notice || !readProposal(notice)) continue;
    const { kind, itemId, penalties } = pick;
    const reviewed = c.steps.some((s) => s.kind === 'LEGAL_REVIEW' && s.outcome === 'APPROVED');
    try {
      await work(viewerOf(head), async (uow) => {
        if (!reviewed)
          await uow.tx.caseStep.create({
            data: {
              caseId: c.id,
              kind: 'LEGAL_REVIEW',
              outcome: 'APPROVED',
              on: today,
              note: '演示数据 demo data',
              actor: `person:${reviewer.id}`,
            },
          });
        // A MITIGATED item carries its own 第32条 circumstance; for a LIGHTER one the officers state 第32条(一).
        await citeFlexibleBasisInTx(uow, {
          caseId: c.id,
          itemId,
          circumstance: kind === LIGHTER_KIND ? 'ELIMINATED_HARM' : null,
          exclusionsAbsent: true,
        });
        return decideCaseInTx(uow, c.id, { decision: kind as 'LIGHTER' | 'MITIGATED', penalties });
      });
      decided++;
    } catch (err) {
      if (!(err instanceof Error) || !('rule' in err || 'issues' in err)) throw err;
      log(`从轻减轻演示数据：${c.number} 未能作出决定（${err.message}），跳过 / flexible decision skipped`);
    }
  }
  log(`从轻减轻处罚决定 / flexible decisions: ${decided}`);
}

/** Two seal-ups asked for despite a matching NO_COMPULSORY item, with the justification: one approved, one refused. */
export async function seedJustifiedMeasures(ctx: SeedContext): Promise<void> {
  const { prisma: p, work, log, now } = ctx;
  const agency = await p.agency.findUnique({ where: { name: AGENCY } });
  const people = agency
    ? await p.person.findMany({ where: { agencyId: agency.id }, include: { agency: true }, orderBy: { id: 'asc' } })
    : [];
  const head = people.find((x) => x.roles.includes('AGENCY_HEAD'));
  if (!agency || !head) return log('审慎采取演示数据：未找到市场监管局负责人，跳过 / justified measures: skipped');
  const grace = ctx.settings.get(CASE_SETTINGS).reviewGraceUntil;
  const cases = await p.enforcementCase.findMany({
    where: {
      agencyId: agency.id,
      stage: { in: ['REGISTERED', 'INVESTIGATING'] },
      compulsoryMeasures: { none: {} },
      compulsoryMeasureChecks: { none: {} },
    },
    include: { officers: { orderBy: { personId: 'asc' } } },
    orderBy: { id: 'asc' },
  });
  const enforceable = new Map(people.filter((o) => canEnforce(o, now, grace)).map((o) => [o.id, o]));
  let recorded = 0;
  for (const c of cases) {
    if (recorded === 2) break;
    const officers = c.officers.map((o) => enforceable.get(o.personId)).filter((o) => o !== undefined);
    if (officers.length < 2 || !(await waivingItem(p, c, 'SEAL_UP', now))) continue;
    const approve = recorded === 0;
    try {
      const m = await work(viewerOf(officers[0]), (uow) =>
        recordCompulsoryMeasureInTx(uow, c.id, {
          kind: 'SEAL_UP',
          object: '存放涉案商品的仓库一间',
          isProductionEquipment: false,
          justification:
            '当事人拒不停止销售涉案商品，且已有转移迹象，不采取查封措施可能导致证据灭失，虽属不予实施行政强制措施清单事项，确需查封',
          emergency: false,
          takenAt: null,
          officerIds: officers.slice(0, 2).map((o) => o.id),
          noticeDocumentNumber: null,
          noticeServedOn: null,
          onSiteRecord: null,
        }),
      );
      await work(viewerOf(head), (uow) =>
        approveCompulsoryMeasureInTx(
          uow,
          m.id,
          approve,
          approve ? null : '当事人已停止销售并承诺整改，情节显著轻微，依清单不予查封（行政强制法第16条第2款）',
        ),
      );
      recorded++;
    } catch (err) {
      if (!(err instanceof Error) || !('rule' in err || 'issues' in err)) throw err;
      log(`审慎采取演示数据：${c.number} 未能记录（${err.message}），跳过 / justified measure skipped`);
    }
  }
  log(`审慎采取强制措施 / justified measures: ${recorded}`);
}
