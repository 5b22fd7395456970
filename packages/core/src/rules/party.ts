// Who the party is, for the thresholds the law sets apart for citizens and organisations (简易程序
// 第51条: ¥200 / ¥3,000; 较大数额 for hearings, 第63条). Pure.
import type { EnterpriseKind, PartyKind } from '../generated/prisma/enums.js';

/**
 * A natural-person case, or an enterprise that is an 个体工商户 (民法典 第54条: a natural person in
 * business), counts as a natural person; every other enterprise as an organisation.
 */
export function partyIsNaturalPerson(
  c: { partyKind: PartyKind },
  enterprise: { kind: EnterpriseKind } | null,
): boolean {
  if (c.partyKind === 'NATURAL_PERSON') return true;
  return enterprise?.kind === 'INDIVIDUAL_BUSINESS';
}
