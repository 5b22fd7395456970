// Which published lists apply to an agency's cases (制定层级, the issuer level). One rule, as a pure
// function and as the Prisma filter that selects the same lists:
// - a list applies to the cases of the agency that issued (recorded) it;
// - a list issued above the county (NATIONAL / PROVINCIAL / MUNICIPAL: 国市监法〔2025〕10号,
//   苏市监规〔2024〕7号, a 盐城市 list) binds every county agency whose enforcement domains include the
//   list's domain;
// - a county list (COUNTY) issued by an agency above in the agency tree (e.g. the county government
//   for all its departments) applies to the agencies below it whose domains include the list's domain.
// A county list of a sibling agency does not apply: a county department cannot bind another one.
import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { ListIssuerLevel } from '../generated/prisma/enums.js';

export interface AgencyScope {
  id: number;
  domains: readonly string[];
  /** The agencies above it in the tree, nearest first. */
  ancestorIds: readonly number[];
}

export interface ListScope {
  agencyId: number;
  domain: string;
  issuerLevel: ListIssuerLevel;
}

export function listAppliesToAgency(list: ListScope, agency: AgencyScope): boolean {
  if (list.agencyId === agency.id) return true;
  if (!agency.domains.includes(list.domain)) return false;
  return list.issuerLevel !== 'COUNTY' || agency.ancestorIds.includes(list.agencyId);
}

/** The same rule as a filter on EnforcementList (combine with kind, status and validity). */
export function listsApplyingTo(agency: AgencyScope): Prisma.EnforcementListWhereInput {
  const domains = [...agency.domains];
  return {
    OR: [
      { agencyId: agency.id },
      ...(domains.length
        ? [
            { domain: { in: domains }, issuerLevel: { not: 'COUNTY' as const } },
            ...(agency.ancestorIds.length ? [{ domain: { in: domains }, agencyId: { in: [...agency.ancestorIds] } }] : []),
          ]
        : []),
    ],
  };
}

/** The agency's id, domains and the agencies above it (the tree is shallow; a cycle stops the walk). */
export async function loadAgencyScope(db: Db, agencyId: number): Promise<AgencyScope> {
  const agency = await db.agency.findUniqueOrThrow({ where: { id: agencyId }, select: { id: true, domains: true, parentId: true } });
  const ancestorIds: number[] = [];
  let parentId = agency.parentId;
  while (parentId !== null && !ancestorIds.includes(parentId) && parentId !== agency.id && ancestorIds.length < 20) {
    ancestorIds.push(parentId);
    parentId = (await db.agency.findUnique({ where: { id: parentId }, select: { parentId: true } }))?.parentId ?? null;
  }
  return { id: agency.id, domains: agency.domains, ancestorIds };
}
