// Auth scopes shared by the case-level mutations (cases, procedure steps, compulsory measures): the
// who-acts rule (canActOnCase) answered before the resolver runs, so a caller who may not act is
// refused before any input is checked. The services check again in their transaction.
import type { Context } from '../context.js';
import { canActOnCase, type CaseAction } from '../auth/rows.js';
import { tryParseId, type GlobalId } from '../ids.js';

/**
 * Scope of a case-level mutation: whether the viewer may do `action` on the case. An unknown case lets
 * any signed-in caller through to the resolver's NotFoundError; a known one answers true or false
 * (false: UnauthenticatedError for the public, ForbiddenError for everyone else).
 */
export async function caseActorScope(gid: GlobalId, ctx: Context, action: CaseAction) {
  const id = tryParseId(gid, 'EnforcementCase');
  const c =
    id === null
      ? null
      : await ctx.prisma.enforcementCase.findUnique({
          where: { id },
          select: { agencyId: true, procedure: true, registeredBy: true, officers: { select: { personId: true } } },
        });
  if (!c) return { authenticated: true };
  return canActOnCase(ctx.viewer, { ...c, officerIds: c.officers.map((o) => o.personId) }, action);
}

/** The assigned officers' own operations (`act`): advancing, measures, the party-facing steps. */
export function officerOfCase(gid: GlobalId, ctx: Context) {
  return caseActorScope(gid, ctx, 'act');
}
