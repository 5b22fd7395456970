// Auth scopes shared by the case-level mutations (cases, procedure steps, compulsory measures).
import type { Context } from '../context.js';
import { tryParseId, type GlobalId } from '../ids.js';

/** Scope of a case-level mutation: officers (and admins) of the case's agency, or a system admin. */
export async function officerOfCase(gid: GlobalId, ctx: Context) {
  const id = tryParseId(gid, 'EnforcementCase');
  const c = id === null ? null : await ctx.prisma.enforcementCase.findUnique({ where: { id }, select: { agencyId: true } });
  // An unknown case: let any signed-in caller through to the resolver's NotFoundError.
  return c ? { officerOf: c.agencyId } : { authenticated: true };
}
