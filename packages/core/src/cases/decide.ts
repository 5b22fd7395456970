import type { UnitOfWork } from '../work/unit-of-work.js';
import { CORE_TOPICS } from '../topics.js';
import type { EnforcementCase } from '../generated/prisma/client.js';
import type { CaseDecision, CaseGround, DocumentKind } from '../generated/prisma/enums.js';
import { ValidationError } from '../errors.js';
import { actorOf } from '../auth/viewer.js';
import type { DecideCaseInput, DecisionFacts } from '../guard-inputs.js';
import { isPenalty, transitionRefusal, type RuleRefusal } from '../rules/case-stage.js';
import { decisionInputIssues, decisionRefusal, decisionSums, type PenaltyItem } from '../rules/decision.js';
import { decisionProcedureRefusal } from '../rules/procedure.js';
import { CASE_SETTINGS } from '../case-settings.js';
import { decisionMatterRefusal } from '../rules/decision-matter.js';
import type { DiscretionBands } from '../rules/discretion.js';
import { caseEvent } from './events.js';
import { assertMayDecide, loadDecisionFacts } from './decision-facts.js';
import { nextDocumentNumber } from './numbers.js';
import { refuse } from './refuse.js';

/** What a caller asks to decide; the sums guards see (fineFen, confiscationFen) are derived from `penalties`. */
export interface DecisionRequest {
  decision: CaseDecision;
  penalties?: PenaltyItem[];
  ground?: CaseGround | null;
  groundNote?: string | null;
  mitigatingCircumstance?: string | null;
  illegalGainsFen?: bigint | null;
  reason?: string | null;
  aggravatingFactor?: string | null;
  transferredTo?: string | null;
  transferDocumentNumber?: string | null;
  /** Set by the path that decides (a plugin may record why it decided). */
  via?: string;
}

/** The decision as guards and the procedure see it: the request with its sums. */
export function decideCaseInput(r: DecisionRequest): DecideCaseInput {
  const penalties = r.penalties ?? [];
  return {
    decision: r.decision,
    penalties,
    ground: r.ground ?? null,
    groundNote: r.groundNote ?? null,
    mitigatingCircumstance: r.mitigatingCircumstance ?? null,
    illegalGainsFen: r.illegalGainsFen ?? null,
    reason: r.reason ?? null,
    aggravatingFactor: r.aggravatingFactor ?? null,
    transferredTo: r.transferredTo ?? null,
    transferDocumentNumber: r.transferDocumentNumber ?? null,
    ...decisionSums(penalties),
    ...(r.via ? { via: r.via } : {}),
  };
}

/**
 * Core's rules on a decision, in order: the stage (CASE_ILLEGAL_TRANSITION), what the law and the matter
 * allow (rules/decision.ts, then 移送, 并处, 裁量基准 and the deadline in rules/decision-matter.ts), the
 * procedure (rules/procedure.ts). Pure: decideCaseInTx refuses with it, and the demo data's consistency
 * test replays every demo decision through it — a rule on decisions belongs here (or in the functions it
 * calls) so that both see it.
 */
export function decisionRuleRefusal(
  input: DecideCaseInput,
  facts: DecisionFacts,
  bands: DiscretionBands,
): RuleRefusal | null {
  return (
    transitionRefusal({
      from: facts.case.stage,
      to: 'DECIDED',
      decision: input.decision,
      via: 'decide',
      procedure: facts.case.procedure,
    }) ??
    decisionRefusal(input, facts) ??
    decisionMatterRefusal(input, facts, bands) ??
    decisionProcedureRefusal({ ...facts, decision: input.decision, penalties: input.penalties })
  );
}

/** Which document a decision is: 行政处罚决定书, 不予行政处罚决定书, or none for a dropped case. */
export function decisionDocumentKind(decision: CaseDecision): DocumentKind | null {
  if (isPenalty(decision)) return 'PENALTY_DECISION';
  return decision === 'NO_PENALTY' ? 'NO_PENALTY_DECISION' : null;
}

/**
 * The one path into DECIDED. What the decision needs is read once (decision-facts.ts: the case locked,
 * its officers, agency, matter, party and steps) and who may decide is asked once, against that
 * value; then the decision's shape (ValidationError), the stage, what the law and the case's
 * enforcement matter allow (rules/decision.ts), the procedure (rules/procedure.ts), then every plugin's
 * beforeDecide guard with the same value, all in the caller's transaction; then the penalties, the
 * decision-document number from the agency's sequence, and the event. A refusal anywhere rolls
 * back the decision, its number, its event and anything the caller wrote before.
 */
export async function decideCaseInTx(
  uow: UnitOfWork,
  caseId: number,
  request: DecisionRequest,
): Promise<EnforcementCase> {
  const { tx, viewer, guards, now } = uow;
  const facts = await loadDecisionFacts(uow, caseId);
  const c = facts.case;
  const input = await guards.prepareDecision({ uow, case: c, decision: facts }, decideCaseInput(request));
  const decidedByInvestigator = assertMayDecide(viewer, facts, uow.settings);
  const issues = decisionInputIssues(input);
  if (issues.length)
    throw new ValidationError(
      issues.map((i) => ({ path: ['input', ...i.path], messageZh: i.message.zh, messageEn: i.message.en })),
    );
  refuse(decisionRuleRefusal(input, facts, uow.settings.get(CASE_SETTINGS).discretionBands));
  await guards.beforeDecide({ uow, case: c, decision: facts }, input);

  if (input.penalties.length)
    await tx.casePenalty.createMany({
      data: input.penalties.map((p) => ({ caseId, kind: p.kind, amountFen: p.amountFen })),
    });
  // The number as late as it can be: its sequence row stays locked until the transaction ends.
  const documentKind = decisionDocumentKind(input.decision);
  const decisionNumber = documentKind ? await nextDocumentNumber(tx, facts.agency, documentKind, now) : null;
  const updated = await tx.enforcementCase.update({
    where: { id: caseId },
    data: {
      stage: 'DECIDED',
      decision: input.decision,
      decisionNumber,
      decidedBy: actorOf(viewer),
      decidedByInvestigator,
      // 第65条: a decision after a hearing rests on its record.
      hearingStepId: facts.state.hearing?.id ?? null,
      ground: input.ground,
      groundNote: input.groundNote,
      mitigatingCircumstance: input.mitigatingCircumstance,
      decisionReason: input.reason,
      aggravatingFactor: input.aggravatingFactor,
      transferredTo: input.transferredTo,
      transferDocumentNumber: input.transferDocumentNumber,
      illegalGainsFen: input.illegalGainsFen,
      fineFen: input.fineFen,
      confiscationFen: input.confiscationFen,
      decidedAt: now,
    },
  });
  // Fen fit a JSON number exactly (checked by decisionInputIssues).
  const num = (v: bigint | null) => (v === null ? null : Number(v));
  await caseEvent(uow, CORE_TOPICS.caseDecided, updated, {
    decision: input.decision,
    decisionNumber,
    ground: input.ground,
    hearingStepId: facts.state.hearing?.id ?? null,
    penalties: input.penalties.map((p) => ({ kind: p.kind, amountFen: num(p.amountFen) })),
    fineFen: num(input.fineFen),
    confiscationFen: num(input.confiscationFen),
    ...(input.decision === 'TRANSFERRED'
      ? { transferredTo: input.transferredTo, transferDocumentNumber: input.transferDocumentNumber }
      : {}),
    via: input.via ?? 'decideCase',
    decidedByInvestigator,
  });
  return updated;
}
