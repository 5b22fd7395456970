import type { UnitOfWork } from '../work/unit-of-work.js';
import { CORE_TOPICS } from '../topics.js';
import { CASE_SETTINGS } from '../case-settings.js';
import { RuleViolation } from '../errors.js';
import { assignmentRefusal, checkOfficers, reviewerAssignmentRefusal } from '../rules/case-stage.js';
import { assertCaseActor } from './actors.js';
import { caseEvent } from './events.js';
import { lockCase } from './lock.js';
import { refuse } from './refuse.js';

/**
 * Replace the case's assigned officers; refused unless every one may enforce and there are at least two,
 * and none of them approved the case in legal review (第58条).
 */
export async function assignOfficersInTx(uow: UnitOfWork, caseId: number, personIds: number[]) {
  const { tx, now } = uow;
  const c = await lockCase(tx, caseId);
  await assertCaseActor(uow, c, 'assign');
  if (c.stage === 'CLOSED')
    throw new RuleViolation('CASE_CLOSED', {
      zh: '案件已结案，不能变更承办人员',
      en: 'The case is closed; its officers cannot change',
    });
  const ids = [...new Set(personIds)];
  const found = await tx.person.findMany({ where: { id: { in: ids } } });
  const check = checkOfficers(ids, found, c.agencyId, now, uow.settings.get(CASE_SETTINGS).reviewGraceUntil);
  refuse(assignmentRefusal(check));
  const approvals = await tx.caseStep.findMany({
    where: { caseId, kind: 'LEGAL_REVIEW', outcome: 'APPROVED' },
    select: { actor: true },
  });
  const approvers = approvals.flatMap((a) => (/^person:\d+$/.test(a.actor) ? [Number(a.actor.slice(7))] : []));
  refuse(reviewerAssignmentRefusal(found, approvers));
  await tx.caseOfficer.deleteMany({ where: { caseId } });
  await tx.caseOfficer.createMany({ data: check.eligible.map((personId) => ({ caseId, personId })) });
  await caseEvent(uow, CORE_TOPICS.caseOfficersAssigned, c, { personIds: check.eligible });
  return c;
}
