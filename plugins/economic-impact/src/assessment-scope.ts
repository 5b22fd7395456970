// The scope of a mutation on an assessment (`assessmentId`): the case-actor rule of core on the assessment's case,
// answered before any input is checked. An assessment of a case the caller may not see answers as an unknown one
// (core's asIfUnknown), as does one the caller may not read: assessment ids are not for probing.
import { asIfUnknown, caseActorScopeById, tryParseId, type Context, type GlobalId } from '@zhifa/core';
import type { ImpactAssessmentStatus } from '@zhifa/core/prisma';
import { canReadAssessment } from './access.js';
import { assessmentNotFound } from './assessments.js';

type CaseAction = Parameters<typeof caseActorScopeById>[2];

/** `action`, or a function of the assessment's status (returning: the reviewer while SUBMITTED, the head after). */
export async function assessmentActorScope(
  gid: GlobalId,
  ctx: Context,
  action: CaseAction | ((status: ImpactAssessmentStatus) => CaseAction),
) {
  const id = tryParseId(gid, 'ImpactAssessment');
  if (id === null) return { authenticated: true };
  const a = await ctx.prisma.impactAssessment.findUnique({
    where: { id },
    select: { caseId: true, status: true, agencyId: true, enterpriseId: true },
  });
  const notFound = () => assessmentNotFound(id);
  // A revision the caller may not read (the enterprise's case, not yet approved) answers as an unknown one.
  if (!a || !canReadAssessment(ctx.viewer, a)) return asIfUnknown(ctx, notFound);
  return caseActorScopeById(a.caseId, ctx, typeof action === 'function' ? action(a.status) : action, notFound);
}
