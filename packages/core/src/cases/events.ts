import type { UnitOfWork } from '../work/unit-of-work.js';
import type { Payload, Topic } from '../event-log/topic.js';
import type { EnforcementCase } from '../generated/prisma/client.js';

/** A case event: scoped to the case's agency and party, so both (and supervisors) see it. */
export function caseEvent<P extends Payload & { caseId: number; number: string }>(
  uow: UnitOfWork,
  topic: Topic<P>,
  c: EnforcementCase,
  payload: Omit<P, 'caseId' | 'number'>,
): Promise<void> {
  // The spread restores exactly the two keys Omit removed.
  const full = { caseId: c.id, number: c.number, ...payload } as P;
  return uow.emit(topic, full, { agencyId: c.agencyId, enterpriseId: c.enterpriseId, caseId: c.id });
}
