// 行政强制措施 (行政强制法): taking, approving, extending and releasing a measure.
import type { Db } from '../db.js';
import type { UnitOfWork } from '../work/unit-of-work.js';
import { CORE_TOPICS } from '../topics.js';
import type { CompulsoryMeasure } from '../generated/prisma/client.js';
import { actorOf } from '../auth/viewer.js';
import type { CompulsoryMeasureInput } from '../guards.js';
import { measureRefusal, type RuleRefusal } from '../rules/case-stage.js';
import { assertCanActOnCase } from './actors.js';
import { caseEvent } from './events.js';
import { lockCase } from './lock.js';
import { refuse } from './refuse.js';

export async function recordCompulsoryMeasureInTx(uow: UnitOfWork, caseId: number, input: CompulsoryMeasureInput): Promise<CompulsoryMeasure> {
  const { tx, viewer, guards } = uow;
  const c = await lockCase(tx, caseId);
  assertCanActOnCase(viewer, c);
  refuse(measureRefusal(c.stage));
  await guards.beforeCompulsoryMeasure({ uow, case: c }, input);
  const measure = await tx.compulsoryMeasure.create({
    data: {
      caseId,
      kind: input.kind,
      object: input.object,
      isProductionEquipment: input.isProductionEquipment,
      justification: input.justification,
      recordedBy: actorOf(viewer),
    },
  });
  await caseEvent(uow, CORE_TOPICS.caseCompulsoryMeasureRecorded, c, {
    measureId: measure.id,
    kind: measure.kind,
    object: measure.object,
    isProductionEquipment: measure.isProductionEquipment,
    justified: measure.justification !== null,
  });
  return measure;
}

/**
 * A case cannot close while a measure is in force (行政强制法 第28条: released when no longer
 * needed). Placeholder until the measure lifecycle lands: no measure blocks closing yet.
 */
export async function measuresInForceRefusal(_tx: Db, _caseId: number): Promise<RuleRefusal | null> {
  return null;
}
