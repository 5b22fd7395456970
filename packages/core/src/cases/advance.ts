import type { UnitOfWork } from '../work/unit-of-work.js';
import { CORE_TOPICS } from '../topics.js';
import { CASE_SETTINGS } from '../case-settings.js';
import type { CaseStage } from '../generated/prisma/enums.js';
import { investigationRefusal, transitionRefusal } from '../rules/case-stage.js';
import { assertCaseActor } from './actors.js';
import { loadProcedureState } from './procedure.js';
import { reviewGateRefusal } from '../rules/procedure.js';
import { shanghaiToday } from '../rules/shanghai-time.js';
import { caseEvent } from './events.js';
import { lockCase } from './lock.js';
import { refuse } from './refuse.js';
import { measuresInForceRefusal } from './measures.js';

export async function advanceCaseInTx(uow: UnitOfWork, caseId: number, to: CaseStage) {
  const { tx, now } = uow;
  const c = await lockCase(tx, caseId);
  await assertCaseActor(uow, c, 'act');
  const served = to === 'EXECUTED' && (await tx.caseStep.count({ where: { caseId, kind: 'SERVICE' } })) > 0;
  refuse(
    transitionRefusal({ from: c.stage, to, decision: c.decision, via: 'advance', procedure: c.procedure, served }),
  );
  if (to === 'LEGAL_REVIEW')
    refuse(reviewGateRefusal(c.procedure, await loadProcedureState(tx, caseId), shanghaiToday(now)));
  if (to === 'CLOSED') refuse(await measuresInForceRefusal(tx, caseId));
  if (to === 'INVESTIGATING') {
    const assigned = await tx.caseOfficer.findMany({ where: { caseId }, include: { person: true } });
    refuse(
      investigationRefusal(
        assigned.map((a) => a.person),
        now,
        uow.settings.get(CASE_SETTINGS).reviewGraceUntil,
      ),
    );
  }
  const updated = await tx.enforcementCase.update({
    where: { id: caseId },
    data: { stage: to, ...(to === 'CLOSED' ? { closedAt: now } : {}) },
  });
  await caseEvent(uow, CORE_TOPICS.caseAdvanced, updated, { from: c.stage, to });
  return updated;
}
