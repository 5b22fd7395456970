// The case guard that makes task 7 binding (县实施方案任务7: 涉企行政执法案件经济影响评估): core runs it in every decision's
// transaction (decideCaseInTx: decideCase, a non-penalty grant, any plugin that decides), with the case locked. The
// triggers that hold are those recorded on the case and those the facts at the decision fire — the party, the latest
// notice, the measures in force or requested, the decision as asked —, so a case written before the plugin, or a
// decision heavier than anything recorded, is judged on its facts. Unless the agency head recorded an exemption,
// the latest APPROVED revision's covered triggers must answer every one (a heavier fine proposed after the approval
// needs a new revision); otherwise IMPACT_ASSESSMENT_REQUIRED names each trigger left unanswered, and nothing is
// written. A decision that passes writes ImpactDecision — what it relied on, with the payment terms (第66条) — and
// the reaction to case.decided counts it in the 'decided' rollups, from that row, for every decided enterprise case.
import { CORE_TOPICS, RuleViolation, type CaseGuard, type CaseGuards, type UnitOfWork } from '@zhifa/core';
import { readProposal } from '@zhifa/core/cases';
import { addToStats, type DecidedKey, type StatDelta } from './rollups.js';
import { currentRules } from './rules-store.js';
import { assessmentRequiredMessage, paymentTermsOf, penaltiesChanged, triggersThatHold } from './rules/reliance.js';
import { measureTriggers, partyTriggers, penaltyTriggers, unanswered, type TriggerFact } from './rules/triggers.js';
import { IMPACT_DECISION_RELIED } from './topics.js';

/** Measures a decision still weighs: requested (awaiting approval) or in force; released or refused ones do not. */
const LIVE_MEASURES = ['REQUESTED', 'IN_FORCE'] as const;

export const economicImpactGuard: CaseGuard = {
  name: 'economic-impact',
  async beforeDecide({ uow, decision: f }, input) {
    // Task 7 concerns enterprise cases (an 个体工商户 included); a natural person's case needs nothing.
    const party = f.enterprise;
    if (!party) return;
    const { tx } = uow;
    const rules = await currentRules(tx);
    // The plugin's own rows, in one statement; the case, its party and its steps come with the decision's facts.
    const own = await tx.enforcementCase.findUniqueOrThrow({
      where: { id: f.case.id },
      select: {
        impactTriggers: { orderBy: { id: 'asc' } },
        impactExemptions: { select: { ground: true } },
        compulsoryMeasures: {
          where: { status: { in: [...LIVE_MEASURES] }, isProductionEquipment: true },
          select: { id: true, kind: true, isProductionEquipment: true },
          orderBy: { id: 'asc' },
        },
        impactAssessments: {
          where: { status: 'APPROVED' },
          orderBy: { revision: 'desc' },
          take: 1,
          include: { mitigations: { orderBy: { position: 'asc' } } },
        },
      },
    });
    const facts = { kind: party.kind, isKeyEnterprise: party.isKeyEnterprise };
    const notice = f.state.notice;
    const candidates: TriggerFact[] = [
      ...partyTriggers(facts, rules),
      ...(notice ? penaltyTriggers(notice.penalties, facts, rules, 'NOTICE', notice.id) : []),
      ...own.compulsoryMeasures.flatMap((m) => measureTriggers(m, rules)),
      ...penaltyTriggers(input.penalties, facts, rules, 'DECISION'),
    ];
    const held = triggersThatHold(own.impactTriggers, candidates);
    const base = { caseId: f.case.id, agencyId: f.case.agencyId, decidedAt: uow.now };
    if (!held.length) {
      await tx.impactDecision.create({ data: { ...base, required: false } });
      return;
    }
    if (own.impactExemptions.length) {
      await tx.impactDecision.create({ data: { ...base, required: true, exempt: true } });
      await relied(uow, f.case, { assessmentId: null, revision: null, exempt: true, penaltiesChanged: null });
      return;
    }
    const approved = own.impactAssessments.at(0) ?? null;
    const covered = approved ? own.impactTriggers.filter((t) => approved.coveredTriggerIds.includes(t.id)) : [];
    const missing = unanswered(held, covered);
    // Without an approved revision nothing is covered, so every trigger that holds is missing.
    if (missing.length || !approved)
      throw new RuleViolation(
        'IMPACT_ASSESSMENT_REQUIRED',
        assessmentRequiredMessage(missing, approved?.revision ?? null),
      );
    const assessed =
      approved.assessedProposal === null ? null : readProposal({ kind: 'NOTICE', proposal: approved.assessedProposal });
    const changed = penaltiesChanged(input.penalties, assessed?.penalties ?? null);
    const terms = paymentTermsOf(approved.mitigations, input.fineFen);
    await tx.impactDecision.create({
      data: {
        ...base,
        required: true,
        assessmentId: approved.id,
        penaltiesChanged: changed,
        paymentTerms: terms ?? undefined,
      },
    });
    await relied(uow, f.case, {
      assessmentId: approved.id,
      revision: approved.revision,
      exempt: false,
      penaltiesChanged: changed,
    });
  },
};

function relied(
  uow: UnitOfWork,
  c: { id: number; number: string; agencyId: number },
  what: { assessmentId: number | null; revision: number | null; exempt: boolean; penaltiesChanged: boolean | null },
) {
  return uow.emit(
    IMPACT_DECISION_RELIED,
    { caseId: c.id, number: c.number, agencyId: c.agencyId, ...what },
    { agencyId: c.agencyId, caseId: c.id },
  );
}

/**
 * The 'decided' rollups, on every decision of an enterprise case, from what the guard wrote: notRequired,
 * withAssessment (and penaltiesChanged), exempt. A decided case with recorded triggers and no ImpactDecision row was
 * decided without the guard: counted as withoutRequired — an honest count, zero as long as every decision goes
 * through decideCaseInTx (a decision with no row and no recorded trigger is not counted: nothing says it was required).
 */
export function registerDecidedStats(guards: CaseGuards): void {
  guards.react(CORE_TOPICS.caseDecided, 'economic-impact', async (uow, payload, scope) => {
    if (scope.enterpriseId == null) return;
    const k = await uow.tx.enforcementCase.findUniqueOrThrow({
      where: { id: payload.caseId },
      select: {
        agencyId: true,
        impactDecisions: { select: { required: true, exempt: true, penaltiesChanged: true } },
        _count: { select: { impactTriggers: true } },
      },
    });
    const d = k.impactDecisions[0];
    const keys: DecidedKey[] = d
      ? [
          !d.required ? 'notRequired' : d.exempt ? 'exempt' : 'withAssessment',
          ...(d.penaltiesChanged ? (['penaltiesChanged'] as const) : []),
        ]
      : k._count.impactTriggers > 0
        ? ['withoutRequired']
        : [];
    const deltas: StatDelta[] = keys.map((key) => ({
      agencyId: k.agencyId,
      at: uow.now,
      metric: 'decided',
      key,
      count: 1,
    }));
    await addToStats(uow.tx, deltas);
  });
}
