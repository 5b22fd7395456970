// The 行政处罚法 procedure of a case: 事先告知, 陈述申辩, 听证, 法制审核, 集体讨论, 送达, deadline extensions.
// The steps are CaseStep rows; the rules are rules/procedure.ts; this file reads the one for the other.
import type { Db } from '../db.js';
import type { UnitOfWork } from '../work/unit-of-work.js';
import type { CaseStep, EnforcementCase } from '../generated/prisma/client.js';
import type { PenaltyKind } from '../generated/prisma/enums.js';
import type { DecideCaseInput } from '../guards.js';
import type { RuleRefusal } from '../rules/case-stage.js';
import { CASE_SETTINGS } from '../case-settings.js';
import { partyIsNaturalPerson } from '../rules/party.js';
import {
  decisionProcedureRefusal,
  hearingThresholdFen,
  procedureState,
  type NoticeFacts,
  type ProcedureState,
  type ProposedPenalty,
  type StepFacts,
} from '../rules/procedure.js';
import { shanghaiToday } from '../rules/shanghai-time.js';
import { assertCaseActor } from './actors.js';

/**
 * A notice's `proposal` column: the penalties proposed (fen as decimal strings, exact beyond 2^53) and
 * whether the notice told the party of a hearing (第63条, judged when the notice was given, so a later
 * change of the thresholds does not rewrite what the party was told).
 */
export interface NoticeProposal {
  penalties: { kind: PenaltyKind; amountFen: string | null }[];
  hearingOffered: boolean;
  /** 较大数额 applied, in fen. */
  hearingThresholdFen: string;
}

export function noticeProposal(
  penalties: readonly ProposedPenalty[],
  hearingOffered: boolean,
  thresholdFen: bigint,
): NoticeProposal {
  return {
    penalties: penalties.map((p) => ({
      kind: p.kind,
      amountFen: p.amountFen === null ? null : p.amountFen.toString(),
    })),
    hearingOffered,
    hearingThresholdFen: thresholdFen.toString(),
  };
}

/** The proposal of a NOTICE row, or null for another step (or a row written without one). */
export function readProposal(step: Pick<CaseStep, 'kind' | 'proposal'>): NoticeProposal | null {
  if (step.kind !== 'NOTICE' || step.proposal === null || typeof step.proposal !== 'object') return null;
  // A bare list of penalties (written without the hearing judgement, e.g. by hand): no hearing offered.
  if (Array.isArray(step.proposal)) {
    const list = step.proposal as unknown as { kind: PenaltyKind; amountFen: number | string | null }[];
    return {
      penalties: list.map((p) => ({ kind: p.kind, amountFen: p.amountFen === null ? null : String(p.amountFen) })),
      hearingOffered: false,
      hearingThresholdFen: '0',
    };
  }
  return step.proposal as unknown as NoticeProposal;
}

export function stepFacts(step: CaseStep): StepFacts | NoticeFacts {
  const base: StepFacts = { id: step.id, kind: step.kind, on: step.on, outcome: step.outcome };
  if (step.kind !== 'NOTICE') return base;
  const p = readProposal(step);
  return {
    ...base,
    penalties: (p?.penalties ?? []).map((x) => ({
      kind: x.kind,
      amountFen: x.amountFen === null ? null : BigInt(x.amountFen),
    })),
    hearingOffered: p?.hearingOffered ?? false,
  };
}

export async function loadProcedureState(tx: Db, caseId: number): Promise<ProcedureState> {
  const steps = await tx.caseStep.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
  return procedureState(steps.map(stepFacts));
}

/**
 * 较大数额 (第63条) for this case: the threshold of the matter's domain (or, for a case without a
 * matter, of the agency's only domain; otherwise the default) for the party kind.
 */
export async function caseHearingThresholdFen(uow: UnitOfWork, c: EnforcementCase): Promise<bigint> {
  const { tx } = uow;
  const [matter, agency, enterprise] = await Promise.all([
    c.matterId === null
      ? null
      : tx.enforcementMatter.findUnique({ where: { id: c.matterId }, select: { domain: true } }),
    tx.agency.findUniqueOrThrow({ where: { id: c.agencyId }, select: { domains: true } }),
    c.enterpriseId === null
      ? null
      : tx.enterprise.findUnique({ where: { id: c.enterpriseId }, select: { kind: true } }),
  ]);
  const domain = matter?.domain ?? (agency.domains.length === 1 ? agency.domains[0] : null);
  return hearingThresholdFen(
    uow.settings.get(CASE_SETTINGS).hearingFineThresholds,
    domain,
    partyIsNaturalPerson(c, enterprise),
  );
}

/**
 * The decision's penalties. `DecideCaseInput.penalties` is the planned shape (helper A's branch);
 * until it lands, a decision's fine and confiscation stand for a FINE and a CONFISCATE_GAINS entry.
 */
function decisionPenalties(input: DecideCaseInput): ProposedPenalty[] {
  const listed = (input as DecideCaseInput & { penalties?: readonly ProposedPenalty[] }).penalties;
  if (listed) return [...listed];
  const derived: ProposedPenalty[] = [];
  if (input.fineFen !== null) derived.push({ kind: 'FINE', amountFen: input.fineFen });
  if (input.confiscationFen !== null) derived.push({ kind: 'CONFISCATE_GAINS', amountFen: input.confiscationFen });
  return derived;
}

/**
 * Who decides and what the procedure still lacks before `input` may be decided on `c`. Who: a
 * general-procedure case by the agency head (第57条), a simple one by an assigned officer (第51条) —
 * refused with a ForbiddenError. What: rules/procedure.ts `decisionProcedureRefusal` (review approved,
 * discussion for a serious case, notice covering the penalties, statement, hearing settled).
 */
export async function procedureRefusalForDecision(
  uow: UnitOfWork,
  c: EnforcementCase,
  input: DecideCaseInput,
): Promise<RuleRefusal | null> {
  await assertCaseActor(uow, c, 'decide');
  if (c.procedure === 'SIMPLE') return null;
  const penalties = decisionPenalties(input);
  return decisionProcedureRefusal({
    procedure: c.procedure,
    serious: c.serious,
    decision: input.decision,
    penalties,
    state: await loadProcedureState(uow.tx, c.id),
    hearingThresholdFen: penalties.length ? await caseHearingThresholdFen(uow, c) : 0n,
    today: shanghaiToday(uow.now),
  });
}
