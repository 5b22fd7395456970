import { RuleViolation } from '../errors.js';
import type { RuleRefusal } from '../rules/case-stage.js';

/** Throw a pure rule's refusal as a RuleViolation; nothing when the rule allows. */
export function refuse(r: RuleRefusal | null): void {
  if (r) throw new RuleViolation(r.rule, r.message);
}
