// The no-compulsory-measure guard (行政强制法 第16条第2款: 违法行为情节显著轻微或者没有明显社会危害的，可以不采取
// 行政强制措施). Recording a measure on a case whose matter and measure kind a published, in-force
// NO_COMPULSORY item binding the case's agency names needs a written justification (审慎采取): refused
// without, and with one the check is recorded (JUSTIFIED) and tied to the measure core then writes
// (the reaction to its caseCompulsoryMeasureRecorded event, in the same transaction). The head's approval or
// refusal (第18条第(一)项, 第19条) and the officers' waiver complete it: measure-checks.ts.
import { CORE_TOPICS, RuleViolation, type CaseGuard, type CaseGuards } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { isInForce, listAppliesToAgency, loadAgencyScope } from '@zhifa/core/lists';
import type { Db, EnforcementList, ListItem } from '@zhifa/core/prisma';
import { MEASURE_KIND_LABEL, noCompulsoryAttributes, type WaivableMeasureKind } from './attributes.js';
import { NO_COMPULSORY_KIND } from './rules.js';
import { emitMeasureCheck, recordApprovalInTx } from './measure-checks.js';

/** The first published, in-force NO_COMPULSORY item binding the agency that names this matter and measure kind. */
export async function waivingItem(
  db: Db,
  c: { agencyId: number; matterId: number | null },
  kind: WaivableMeasureKind,
  now: Date,
): Promise<(ListItem & { list: EnforcementList }) | null> {
  if (c.matterId === null) return null;
  const matter = await db.enforcementMatter.findUnique({ where: { id: c.matterId }, select: { code: true } });
  if (!matter) return null;
  const candidates = await db.listItem.findMany({
    where: {
      AND: [
        { attributes: { path: ['matterCode'], equals: matter.code } },
        { attributes: { path: ['measureKind'], equals: kind } },
        { list: { kind: NO_COMPULSORY_KIND, status: 'PUBLISHED' } },
      ],
    },
    include: { list: true },
    orderBy: { id: 'asc' },
    take: 100,
  });
  if (!candidates.length) return null;
  const scope = await loadAgencyScope(db, c.agencyId);
  return candidates.find((i) => isInForce(i.list, now) && listAppliesToAgency(i.list, scope)) ?? null;
}

export const noCompulsoryGuard: CaseGuard = {
  name: 'flexible-enforcement-measures',
  async beforeCompulsoryMeasure({ uow, case: c }, input) {
    const item = await waivingItem(uow.tx, c, input.kind, uow.now);
    if (!item) return;
    const attrs = noCompulsoryAttributes.parse(item.attributes);
    const justification = input.justification?.trim() ?? '';
    if (!justification)
      throw new RuleViolation('FLEXIBLE_MEASURE_JUSTIFICATION_REQUIRED', {
        zh: `本案执法事项（${attrs.matterCode}）属现行《${item.list.title}》第 ${item.seq} 项，可以不采取${MEASURE_KIND_LABEL[attrs.measureKind].zh}；确需采取的，应当书面说明理由（行政强制法第16条第2款，审慎采取）`,
        en: `item ${item.seq} of the no-compulsory-measure list in force "${item.list.title}" covers the case's matter ${attrs.matterCode}: a ${MEASURE_KIND_LABEL[attrs.measureKind].en} needs a written justification (Administrative Compulsion Law art. 16(2))`,
      });
    const check = await uow.tx.compulsoryMeasureCheck.create({
      data: {
        caseId: c.id,
        agencyId: c.agencyId,
        measureKind: input.kind,
        itemId: item.id,
        listId: item.listId,
        listVersion: item.list.version,
        outcome: 'JUSTIFIED',
        justification,
        recordedBy: actorOf(uow.viewer),
        recordedAt: uow.now,
      },
    });
    await emitMeasureCheck(uow, check);
  },
};

/**
 * Ties the check recorded by the guard to the measure core wrote right after it, in the same transaction; the
 * head's approval or refusal of that measure is recorded on the check (measure-checks.ts).
 */
export function registerMeasureReactions(guards: CaseGuards): void {
  guards.react(CORE_TOPICS.compulsoryMeasureApproved, 'flexible-enforcement', recordApprovalInTx);
  guards.react(CORE_TOPICS.caseCompulsoryMeasureRecorded, 'flexible-enforcement', async (uow, payload) => {
    // The guard records a check only for a measure that had to be justified.
    if (!payload.justified) return;
    await uow.tx.compulsoryMeasureCheck.updateMany({
      where: { caseId: payload.caseId, measureId: null, outcome: 'JUSTIFIED', recordedAt: uow.now },
      data: { measureId: payload.measureId },
    });
  });
}
