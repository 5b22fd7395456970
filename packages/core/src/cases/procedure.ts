// The 行政处罚法 procedure of a case: 事先告知, 陈述申辩, 听证, 法制审核, 集体讨论, 送达, deadline extensions.
import type { UnitOfWork } from '../work/unit-of-work.js';
import type { EnforcementCase } from '../generated/prisma/client.js';
import type { DecideCaseInput } from '../guards.js';
import type { RuleRefusal } from '../rules/case-stage.js';

/**
 * What the procedure still lacks before `input` may be decided on `c` (notice, statement, hearing,
 * review, discussion, the deciding person's role). Placeholder until the procedure steps land.
 */
export async function procedureRefusalForDecision(_uow: UnitOfWork, _c: EnforcementCase, _input: DecideCaseInput): Promise<RuleRefusal | null> {
  return null;
}
