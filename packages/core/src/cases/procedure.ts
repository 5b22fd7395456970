// The 行政处罚法 procedure of a case: 事先告知, 陈述申辩, 听证, 法制审核, 集体讨论, 送达, deadline extensions.
// The steps are CaseStep rows; the rules are rules/procedure.ts; this file reads the one for the other.
import { z } from 'zod';
import type { Db } from '../db.js';
import type { UnitOfWork } from '../work/unit-of-work.js';
import type { CaseStep, EnforcementCase, Prisma } from '../generated/prisma/client.js';
import { PenaltyKind } from '../generated/prisma/enums.js';
import { CASE_SETTINGS } from '../case-settings.js';
import { partyIsNaturalPerson } from '../rules/party.js';
import {
  hearingThresholdFen,
  procedureState,
  type HearingThresholds,
  type HearingNoticeFacts,
  type NoticeFacts,
  type ProcedureState,
  type ProposedPenalty,
  type StepFacts,
} from '../rules/procedure.js';

const fenString = z.string().regex(/^\d+$/);

/**
 * A notice's `proposal` column: the penalties proposed (fen as decimal strings, exact beyond 2^53) and
 * whether the notice told the party of a hearing (第63条, judged when the notice was given, so a later
 * change of the thresholds does not rewrite what the party was told).
 */
const storedProposal = z.object({
  penalties: z.array(z.object({ kind: z.enum(PenaltyKind), amountFen: fenString.nullable() })),
  hearingOffered: z.boolean(),
  /** 较大数额 applied, in fen. */
  hearingThresholdFen: fenString,
  /** The illegal gains the proposed fine was measured against, when stated (absent in older notices). */
  illegalGainsFen: fenString.nullable().optional(),
  /** The 第32条 减轻 circumstance a fine below the matter's minimum rests on (absent in older notices). */
  mitigatingCircumstance: z.string().nullable().optional(),
});
/** A bare list of penalties (written without the hearing judgement, e.g. by hand): no hearing offered. */
const bareProposal = z.array(
  z.object({ kind: z.enum(PenaltyKind), amountFen: z.union([z.number().int(), fenString]).nullable() }),
);

export type NoticeProposal = z.infer<typeof storedProposal>;

/** The `proposal` column of a notice, checked by the shape it is read back with. */
export function noticeProposal(
  penalties: readonly ProposedPenalty[],
  hearingOffered: boolean,
  thresholdFen: bigint,
  basis: { illegalGainsFen?: bigint | null; mitigatingCircumstance?: string | null } = {},
): Prisma.InputJsonObject {
  const stored: NoticeProposal = {
    ...(basis.illegalGainsFen != null ? { illegalGainsFen: basis.illegalGainsFen.toString() } : {}),
    ...(basis.mitigatingCircumstance ? { mitigatingCircumstance: basis.mitigatingCircumstance } : {}),
    penalties: penalties.map((p) => ({
      kind: p.kind,
      amountFen: p.amountFen === null ? null : p.amountFen.toString(),
    })),
    hearingOffered,
    hearingThresholdFen: thresholdFen.toString(),
  };
  return stored;
}

/**
 * The proposal of a NOTICE row, or null for another step (or a row written without one). A stored
 * value of neither known shape fails loudly (a ZodError, masked as an unexpected error) instead of
 * being read as something it is not.
 */
export function readProposal(step: Pick<CaseStep, 'kind' | 'proposal'>): NoticeProposal | null {
  if (step.kind !== 'NOTICE' || step.proposal === null || typeof step.proposal !== 'object') return null;
  if (Array.isArray(step.proposal))
    return {
      penalties: bareProposal
        .parse(step.proposal)
        .map((p) => ({ kind: p.kind, amountFen: p.amountFen === null ? null : String(p.amountFen) })),
      hearingOffered: false,
      hearingThresholdFen: '0',
    };
  return storedProposal.parse(step.proposal);
}

export function stepFacts(step: CaseStep): StepFacts | NoticeFacts | HearingNoticeFacts {
  const base: StepFacts = { id: step.id, kind: step.kind, on: step.on, outcome: step.outcome };
  if (step.kind === 'HEARING_NOTICE' && step.hearingOn) return { ...base, hearingOn: step.hearingOn };
  if (step.kind !== 'NOTICE') return base;
  const p = readProposal(step);
  return {
    ...base,
    penalties: (p?.penalties ?? []).map((x) => ({
      kind: x.kind,
      amountFen: x.amountFen === null ? null : BigInt(x.amountFen),
    })),
    hearingOffered: p?.hearingOffered ?? false,
    newFacts: step.newFacts,
  };
}

export async function loadProcedureState(tx: Db, caseId: number): Promise<ProcedureState> {
  const steps = await tx.caseStep.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
  return procedureState(steps.map(stepFacts));
}

/**
 * 较大数额 (第63条) for a case: the threshold of the matter's domain (or, for a case without a matter, of
 * the agency's only domain; otherwise the default) for the party kind. Pure: the facts are the caller's.
 */
export function hearingThresholdOf(
  thresholds: HearingThresholds,
  matter: { domain: string } | null,
  agency: { domains: readonly string[] },
  naturalPerson: boolean,
): bigint {
  const domain = matter?.domain ?? (agency.domains.length === 1 ? agency.domains[0] : null);
  return hearingThresholdFen(thresholds, domain, naturalPerson);
}

/** hearingThresholdOf for a case, reading its matter, agency and party in the caller's transaction. */
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
  return hearingThresholdOf(
    uow.settings.get(CASE_SETTINGS).hearingFineThresholds,
    matter,
    agency,
    partyIsNaturalPerson(c, enterprise),
  );
}
