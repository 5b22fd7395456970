import type { UnitOfWork } from '../work/unit-of-work.js';
import { CORE_TOPICS } from '../topics.js';
import type { EnforcementCase } from '../generated/prisma/client.js';
import { ValidationError } from '../errors.js';
import type { DecideCaseInput } from '../guards.js';
import { decisionAmountIssues, transitionRefusal } from '../rules/case-stage.js';
import { assertCanActOnCase } from './actors.js';
import { caseEvent } from './events.js';
import { lockCase } from './lock.js';
import { refuse } from './refuse.js';
import { procedureRefusalForDecision } from './procedure.js';

/**
 * The one path into DECIDED. Core rules first (legal review done, amounts consistent), then every
 * plugin's beforeDecide guard, all in the caller's transaction: a guard's RuleViolation rolls back the
 * decision, its event and anything the caller wrote before.
 */
export async function decideCaseInTx(uow: UnitOfWork, caseId: number, input: DecideCaseInput): Promise<EnforcementCase> {
  const { tx, viewer, guards, now } = uow;
  const c = await lockCase(tx, caseId);
  assertCanActOnCase(viewer, c);
  const amountIssues = decisionAmountIssues(input);
  if (amountIssues.length)
    throw new ValidationError(amountIssues.map((i) => ({ path: ['input', i.field], messageZh: i.message.zh, messageEn: i.message.en })));
  refuse(transitionRefusal({ from: c.stage, to: 'DECIDED', decision: input.decision, via: 'decide', procedure: c.procedure }));
  refuse(await procedureRefusalForDecision(uow, c, input));
  await guards.beforeDecide({ uow, case: c }, input);
  const updated = await tx.enforcementCase.update({
    where: { id: caseId },
    data: {
      stage: 'DECIDED',
      decision: input.decision,
      fineFen: input.fineFen,
      confiscationFen: input.confiscationFen,
      decidedAt: now,
    },
  });
  await caseEvent(uow, CORE_TOPICS.caseDecided, updated, {
    decision: input.decision,
    // Fen fit a JSON number exactly (checked by decisionAmountIssues).
    fineFen: input.fineFen === null ? null : Number(input.fineFen),
    confiscationFen: input.confiscationFen === null ? null : Number(input.confiscationFen),
    via: input.via ?? 'decideCase',
  });
  return updated;
}
