// What a decision needs, read once in the deciding transaction: the case row locked, then in one more
// statement its officers, agency, enforcement matter, party enterprise and procedure steps. The decision
// service (decide.ts), the pure rules and every plugin's beforeDecide guard read this one value.
import type { UnitOfWork } from '../work/unit-of-work.js';
import type { DecisionFacts } from '../guard-inputs.js';
import type { Viewer } from '../auth/viewer.js';
import { canActOnCase } from '../auth/rows.js';
import { ForbiddenError } from '../errors.js';
import { CASE_SETTINGS, type CaseSettings } from '../case-settings.js';
import type { EnforcementCase, Prisma } from '../generated/prisma/client.js';
import { partyIsNaturalPerson } from '../rules/party.js';
import { procedureState } from '../rules/procedure.js';
import { shanghaiToday } from '../rules/shanghai-time.js';
import { headInvestigatedRefusal } from '../rules/case-stage.js';
import type { PluginSettings } from '../settings.js';
import { assertCanActOnCase, CASE_ACTION_REFUSALS } from './actors.js';
import { refuse } from './refuse.js';
import { lockCase } from './lock.js';
import { hearingThresholdOf, stepFacts } from './procedure.js';

/**
 * What a decision needs besides the case row, in one statement (relation joins). Exported with
 * decisionFactsOf so that whatever replays a case's record (the demo data's consistency test) reads
 * and builds the very value the decision path judges.
 */
export const DECISION_FACTS_SELECT = {
  officers: { select: { personId: true }, orderBy: { personId: 'asc' } },
  agency: { select: { id: true, name: true, kind: true, parentId: true, domains: true, documentPrefix: true } },
  matter: true,
  enterprise: { select: { id: true, name: true, kind: true, uscc: true, isKeyEnterprise: true } },
  steps: { orderBy: { id: 'asc' } },
} satisfies Prisma.EnforcementCaseSelect;

export type DecisionFactsRows = Prisma.EnforcementCaseGetPayload<{ select: typeof DECISION_FACTS_SELECT }>;

/** The facts a decision on `c` is judged on, from its rows (DECISION_FACTS_SELECT), the settings and the clock. Pure. */
export function decisionFactsOf(
  c: EnforcementCase,
  r: DecisionFactsRows,
  settings: Pick<CaseSettings, 'hearingFineThresholds'>,
  now: Date,
): DecisionFacts {
  const naturalPerson = partyIsNaturalPerson(c, r.enterprise);
  return {
    case: c,
    procedure: c.procedure,
    serious: c.serious,
    officerIds: r.officers.map((o) => o.personId),
    agency: r.agency,
    matter: r.matter,
    enterprise: r.enterprise,
    naturalPerson,
    state: procedureState(r.steps.map(stepFacts)),
    hearingThresholdFen: hearingThresholdOf(settings.hearingFineThresholds, r.matter, r.agency, naturalPerson),
    today: shanghaiToday(now),
  };
}

/** Lock the case and read what a decision on it needs: two statements, whatever the case. */
export async function loadDecisionFacts(
  uow: Pick<UnitOfWork, 'tx' | 'settings' | 'now'>,
  caseId: number,
): Promise<DecisionFacts> {
  const { tx } = uow;
  const c = await lockCase(tx, caseId);
  // The case row is locked, so none of this can change under the decision.
  const r = await tx.enforcementCase.findUniqueOrThrow({ where: { id: caseId }, select: DECISION_FACTS_SELECT });
  return decisionFactsOf(c, r, uow.settings.get(CASE_SETTINGS), uow.now);
}

/**
 * Who may decide, asked once against the loaded case: staff of the case's agency (or the plain
 * refusal), then a general-procedure case by the agency head (第57条), a simple one by an assigned
 * officer (第51条) — a ForbiddenError naming who may; then a head who is also one of the case's
 * officers only where the county allows it (CASE_HEAD_INVESTIGATED). Returns whether the decider
 * investigated the case, which the decision records.
 */
export function assertMayDecide(viewer: Viewer, f: DecisionFacts, settings: PluginSettings): boolean {
  assertCanActOnCase(viewer, f.case);
  const actors = {
    agencyId: f.case.agencyId,
    procedure: f.case.procedure,
    registeredBy: f.case.registeredBy,
    officerIds: f.officerIds,
  };
  if (!canActOnCase(viewer, actors, 'decide')) throw new ForbiddenError(CASE_ACTION_REFUSALS.decide(actors));
  const decider = viewer.kind === 'person' ? viewer.personId : null;
  const allowed = settings.get(CASE_SETTINGS).headMayInvestigate;
  refuse(headInvestigatedRefusal(f.case.procedure, decider, f.officerIds, allowed));
  return f.case.procedure === 'GENERAL' && decider !== null && f.officerIds.includes(decider);
}
