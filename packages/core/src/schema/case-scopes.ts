// Auth scopes shared by the case-level mutations (cases, procedure steps, compulsory measures): the
// who-acts rule (canActOnCase) answered before the resolver runs, so a caller who may not act is
// refused before any input is checked. The services check again in their transaction.
import type { Context } from '../context.js';
import { canActOnCase, type CaseAction } from '../auth/rows.js';
import type { ArgBuilder } from '@pothos/core';
import type { ZhifaSchemaTypes } from '../builder.js';
import { domainErrors, ForbiddenError } from '../errors.js';
import { CASE_ACTION_REFUSALS } from '../cases/actors.js';
import { parseId, tryParseId, type GlobalId } from '../ids.js';
import { unitOfWork, type UnitOfWork } from '../work/unit-of-work.js';

/**
 * Scope of a case-level mutation: whether the viewer may do `action` on the case. An unknown case lets
 * any signed-in caller through to the resolver's NotFoundError. For a known one the public gets
 * UnauthenticatedError; a signed-in caller who may not act gets a ForbiddenError saying who may
 * (e.g. 第57条: the agency head decides).
 */
export function caseActorScope(gid: GlobalId, ctx: Context, action: CaseAction) {
  return caseActorScopeById(tryParseId(gid, 'EnforcementCase'), ctx, action);
}

/** caseActorScope for a case row id (e.g. a compulsory measure's case); null is an unknown case. */
export async function caseActorScopeById(id: number | null, ctx: Context, action: CaseAction) {
  const c =
    id === null
      ? null
      : await ctx.prisma.enforcementCase.findUnique({
          where: { id },
          select: { agencyId: true, procedure: true, registeredBy: true, officers: { select: { personId: true } } },
        });
  if (!c) return { authenticated: true };
  const actors = { ...c, officerIds: c.officers.map((o) => o.personId) };
  if (canActOnCase(ctx.viewer, actors, action)) return true;
  if (ctx.viewer.kind === 'public') return false;
  // Only the case's own staff learn who may act; anyone else gets the plain refusal.
  if (ctx.viewer.kind === 'person' && ctx.viewer.agencyId === c.agencyId)
    throw new ForbiddenError(CASE_ACTION_REFUSALS[action](actors));
  return false;
}

/** The assigned officers' own operations (`act`): advancing, measures, the party-facing steps. */
export function officerOfCase(gid: GlobalId, ctx: Context) {
  return caseActorScope(gid, ctx, 'act');
}

/**
 * The shape every case-level mutation shares (cases, procedure steps, a plugin's mutation on a case):
 * its description, the typed domain errors, and the case-actor scope on its `caseId` argument, so a
 * caller who may not do `action` is refused before any input is checked. Spread it into
 * `t.prismaField` (or `t.field`) beside `args: { caseId: caseIdArg(t), … }`, and resolve with inCaseUnit.
 */
export function caseMutation(action: CaseAction, description: string) {
  return {
    description,
    errors: { types: domainErrors },
    authScopes: (_root: unknown, args: { caseId: GlobalId }, ctx: Context) => caseActorScope(args.caseId, ctx, action),
  };
}

/** The `caseId` argument of a case-level mutation. */
export function caseIdArg(t: { arg: ArgBuilder<ZhifaSchemaTypes> }) {
  return t.arg.globalID({ required: true, description: '案件 Case' });
}

/** Run `fn` in one unit of work with the case's row id (a ValidationError on `caseId` when it is not a case's id). */
export function inCaseUnit<T>(
  ctx: Context,
  caseId: GlobalId,
  fn: (uow: UnitOfWork, id: number) => Promise<T>,
): Promise<T> {
  return unitOfWork(ctx, (uow) => fn(uow, parseId(caseId, 'EnforcementCase', ['caseId'])));
}
