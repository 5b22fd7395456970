// The officers followed a NO_COMPULSORY item and took no measure (行政强制法 第16条第2款): recorded on the case as
// WAIVED, against the item that allowed it, so that what the list changed in practice is counted beside the
// measures justified and refused.
import { RuleViolation, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { assertCaseActor, lockCase } from '@zhifa/core/cases';
import { measureRefusal } from '@zhifa/core/rules';
import type { CompulsoryMeasureCheck } from '@zhifa/core/prisma';
import type { WaivableMeasureKind } from './attributes.js';
import { emitMeasureCheck } from './measure-checks.js';
import { waivingItem } from './measure-guard.js';
import { noWaivingItemRefusal, waiverRefusal, type MeasureRuleRefusal } from './measure-rules.js';

export interface WaiveInput {
  caseId: number;
  measureKind: WaivableMeasureKind;
  note: string;
}

const violation = (r: MeasureRuleRefusal) => new RuleViolation(r.rule, { zh: r.zh, en: r.en });

export async function waiveCompulsoryMeasureInTx(uow: UnitOfWork, input: WaiveInput): Promise<CompulsoryMeasureCheck> {
  const { tx, now } = uow;
  const c = await lockCase(tx, input.caseId);
  // Whoever may record a measure on the case may record that none was taken.
  await assertCaseActor(uow, c, 'act');
  // A measure is a question only before the decision (core's rule for taking one).
  const stage = measureRefusal(c.stage);
  if (stage) throw new RuleViolation(stage.rule, stage.message);
  const item = await waivingItem(tx, c, input.measureKind, now);
  if (!item) throw violation(noWaivingItemRefusal(input.measureKind));
  const [checks, measures] = await Promise.all([
    tx.compulsoryMeasureCheck.findMany({ where: { caseId: c.id }, select: { measureKind: true, outcome: true } }),
    tx.compulsoryMeasure.findMany({
      where: { caseId: c.id, kind: input.measureKind },
      select: { kind: true, status: true },
    }),
  ]);
  const conflict = waiverRefusal(input.measureKind, checks, measures);
  if (conflict) throw violation(conflict);
  const check = await tx.compulsoryMeasureCheck.create({
    data: {
      caseId: c.id,
      agencyId: c.agencyId,
      measureKind: input.measureKind,
      itemId: item.id,
      listId: item.listId,
      listVersion: item.list.version,
      outcome: 'WAIVED',
      note: input.note,
      recordedBy: actorOf(uow.viewer),
      recordedAt: now,
    },
  });
  await emitMeasureCheck(uow, check);
  return check;
}
