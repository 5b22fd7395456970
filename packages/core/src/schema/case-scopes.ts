// Auth scopes shared by the case-level mutations (cases, procedure steps, compulsory measures): the
// who-acts rule (canActOnCase) answered before the resolver runs, so a caller who may not act is
// refused before any input is checked. The services check again in their transaction.
import type { Context } from '../context.js';
import { canActOnCase, canReadCase, type CaseAction } from '../auth/rows.js';
import type { ArgBuilder } from '@pothos/core';
import type { ZhifaSchemaTypes } from '../builder.js';
import { domainErrors, ForbiddenError, type NotFoundError } from '../errors.js';
import { CASE_ACTION_REFUSALS } from '../cases/actors.js';
import { caseNotFound } from '../cases/lock.js';
import { parseId, tryParseId, type GlobalId } from '../ids.js';
import { unitOfWork, type UnitOfWork } from '../work/unit-of-work.js';

/**
 * Scope of a case-level mutation: whether the viewer may do `action` on the case. A case the viewer
 * may not see (caseRule) answers exactly as an unknown one (asIfUnknown): the public
 * UnauthenticatedError, anyone else the NotFoundError — byte for byte — so no refusal tells which case
 * ids exist. A case the viewer sees but may not act on gets a ForbiddenError: the case's own staff learn
 * who may (e.g. 第57条: the agency head decides), others (a supervisor, the party) the plain refusal.
 */
export function caseActorScope(gid: GlobalId, ctx: Context, action: CaseAction) {
  return caseActorScopeById(tryParseId(gid, 'EnforcementCase'), ctx, action);
}

/**
 * caseActorScope for a case row id (e.g. a compulsory measure's case); null is not a case's id (the
 * resolver's ValidationError follows). `notFound` is what an invisible case answers: the case's
 * NotFoundError, or — reached through a measure — the measure's, as an unknown measure answers.
 */
export async function caseActorScopeById(
  id: number | null,
  ctx: Context,
  action: CaseAction,
  notFound: () => NotFoundError = () => caseNotFound(id!),
) {
  if (id === null) return { authenticated: true };
  const c = await ctx.prisma.enforcementCase.findUnique({
    where: { id },
    select: {
      agencyId: true,
      enterpriseId: true,
      procedure: true,
      registeredBy: true,
      officers: { select: { personId: true } },
    },
  });
  if (!c || !canReadCase(ctx.viewer, c)) return asIfUnknown(ctx, notFound);
  const actors = { ...c, officerIds: c.officers.map((o) => o.personId) };
  if (canActOnCase(ctx.viewer, actors, action)) return true;
  // Only the case's own staff learn who may act; anyone else gets the plain refusal.
  if (ctx.viewer.kind === 'person' && ctx.viewer.agencyId === c.agencyId)
    throw new ForbiddenError(CASE_ACTION_REFUSALS[action](actors));
  return false;
}

/**
 * What a scope answers for a row the caller may not see, or that does not exist — the same for both,
 * so an id's existence is not for probing: the public the UnauthenticatedError every case-level act
 * gives it; anyone else `notFound()`, the very error the resolver raises for an unknown id.
 */
export function asIfUnknown(ctx: Pick<Context, 'viewer'>, notFound: () => NotFoundError): { authenticated: true } {
  if (ctx.viewer.kind === 'public') return { authenticated: true };
  throw notFound();
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
