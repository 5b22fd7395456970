import type { UnitOfWork } from '../work/unit-of-work.js';
import { CORE_TOPICS } from '../topics.js';
import { CASE_SETTINGS } from '../case-settings.js';
import type { CaseStage } from '../generated/prisma/enums.js';
import { investigationRefusal, transitionRefusal } from '../rules/case-stage.js';
import { assertCanActOnCase } from './actors.js';
import { caseEvent } from './events.js';
import { lockCase } from './lock.js';
import { refuse } from './refuse.js';
import { measuresInForceRefusal } from './measures.js';

export async function advanceCaseInTx(uow: UnitOfWork, caseId: number, to: CaseStage) {
  const { tx, viewer, now } = uow;
  const c = await lockCase(tx, caseId);
  assertCanActOnCase(viewer, c);
  refuse(transitionRefusal({ from: c.stage, to, decision: c.decision, via: 'advance' }));
  if (to === 'CLOSED') refuse(await measuresInForceRefusal(tx, caseId));
  if (to === 'INVESTIGATING') {
    const assigned = await tx.caseOfficer.findMany({ where: { caseId }, include: { person: true } });
    refuse(investigationRefusal(assigned.map((a) => a.person), now, uow.settings.get(CASE_SETTINGS).reviewGraceUntil));
  }
  const updated = await tx.enforcementCase.update({
    where: { id: caseId },
    data: { stage: to, ...(to === 'CLOSED' ? { closedAt: now } : {}) },
  });
  await caseEvent(uow, CORE_TOPICS.caseAdvanced, updated, { from: c.stage, to });
  return updated;
}
