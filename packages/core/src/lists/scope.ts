// Which published lists apply to an agency's cases (制定层级, the issuer level). One rule, a pure
// function, with loaders of the agency's place in the tree:
// - a list applies to the cases of the agency that issued (recorded) it;
// - a list issued above the county (NATIONAL / PROVINCIAL / MUNICIPAL: 国市监法〔2025〕10号,
//   苏市监规〔2024〕7号, a 盐城市 list) binds every county agency whose enforcement domains include the
//   list's domain;
// - a county list (COUNTY) issued by an agency above in the agency tree (e.g. the county government
//   for all its departments) applies to the agencies below it whose domains include the list's domain.
// A county list of a sibling agency does not apply: a county department cannot bind another one.
import type { Db } from '../db.js';
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

/** The agency's id, domains and the agencies above it (the tree is shallow; a cycle stops the walk). */
export async function loadAgencyScope(db: Db, agencyId: number): Promise<AgencyScope> {
  const agency = await db.agency.findUniqueOrThrow({
    where: { id: agencyId },
    select: { id: true, domains: true, parentId: true },
  });
  const ancestorIds: number[] = [];
  let parentId = agency.parentId;
  while (parentId !== null && !ancestorIds.includes(parentId) && parentId !== agency.id && ancestorIds.length < 20) {
    ancestorIds.push(parentId);
    parentId = (await db.agency.findUnique({ where: { id: parentId }, select: { parentId: true } }))?.parentId ?? null;
  }
  return { id: agency.id, domains: agency.domains, ancestorIds };
}

/**
 * The scopes of several agencies in one query (for batched fields): a county's agency tree is a few
 * hundred rows, read whole and walked in memory.
 */
export async function loadAgencyScopes(db: Db, agencyIds: readonly number[]): Promise<Map<number, AgencyScope>> {
  const scopes = new Map<number, AgencyScope>();
  if (!agencyIds.length) return scopes;
  const all = await db.agency.findMany({ select: { id: true, domains: true, parentId: true } });
  const byId = new Map(all.map((a) => [a.id, a]));
  for (const id of new Set(agencyIds)) {
    const agency = byId.get(id);
    if (!agency) continue;
    const ancestorIds: number[] = [];
    let parentId = agency.parentId;
    while (parentId !== null && !ancestorIds.includes(parentId) && parentId !== agency.id && ancestorIds.length < 20) {
      ancestorIds.push(parentId);
      parentId = byId.get(parentId)?.parentId ?? null;
    }
    scopes.set(id, { id, domains: agency.domains, ancestorIds });
  }
  return scopes;
}
