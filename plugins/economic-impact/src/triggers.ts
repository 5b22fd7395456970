// Recording triggers (county plan task 7): a trigger is kept from the moment it first fires, in the transaction that
// changed the fact, so the officers see it at once and the requirement never depends on re-reading a fact that may
// change later (requirements are sticky: nothing un-fires). A candidate is recorded only if no recorded trigger
// answers it (rules/triggers.ts `answers`): a lower re-notice adds nothing, a heavier one adds a trigger.
import { RuleViolation, ValidationError, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { assertCaseActor, lockCase, readProposal } from '@zhifa/core/cases';
import type { CaseStage, Db, EnforcementCase, Enterprise, ImpactTrigger } from '@zhifa/core/prisma';
import { addToStats } from './rollups.js';
import { currentRules } from './rules-store.js';
import type { ImpactRulesValues } from './rules/rules-values.js';
import {
  declaredTrigger,
  measureTriggers,
  partyTriggers,
  penaltyTriggers,
  unanswered,
  type DeclaredKind,
  type TriggerFact,
} from './rules/triggers.js';
import { IMPACT_HIGH_FLAGGED, IMPACT_TRIGGER_FIRED } from './topics.js';

/** The case as the recorder needs it: the event's scope and reference. */
export type TriggerCase = Pick<EnforcementCase, 'id' | 'number' | 'agencyId'>;

/** Before the decision: the stages in which the requirement may still grow (行政处罚法 第57条 decides). */
export const UNDECIDED_STAGES: readonly CaseStage[] = ['REGISTERED', 'INVESTIGATING', 'LEGAL_REVIEW'];

/**
 * Record the candidates no recorded trigger (nor an earlier candidate) answers: one row each, IMPACT_TRIGGER_FIRED
 * for the agency, the 'trigger' rollup, and for a measure on production equipment IMPACT_HIGH_FLAGGED for the
 * supervisors. `held` (the case's recorded triggers) is read here unless the caller already has it.
 */
export async function recordTriggersInTx(
  uow: UnitOfWork,
  c: TriggerCase,
  candidates: readonly TriggerFact[],
  rulesVersion: number,
  held?: readonly TriggerFact[],
): Promise<ImpactTrigger[]> {
  if (candidates.length === 0) return [];
  const known: TriggerFact[] = [
    ...(held ?? (await uow.tx.impactTrigger.findMany({ where: { caseId: c.id }, orderBy: { id: 'asc' } }))),
  ];
  const fresh: TriggerFact[] = [];
  for (const t of candidates) {
    if (unanswered([t], known).length === 0) continue;
    fresh.push(t);
    known.push(t);
  }
  if (fresh.length === 0) return [];
  const rows = await uow.tx.impactTrigger.createManyAndReturn({
    data: fresh.map((t) => ({
      caseId: c.id,
      kind: t.kind,
      source: t.source,
      amountFen: t.amountFen,
      thresholdFen: t.thresholdFen,
      penaltyKind: t.penaltyKind,
      measureId: t.measureId,
      stepId: t.stepId,
      note: t.note,
      rulesVersion,
      firedAt: uow.now,
      actor: actorOf(uow.viewer),
    })),
  });
  rows.sort((a, b) => a.id - b.id);
  const ref = { caseId: c.id, number: c.number, agencyId: c.agencyId };
  const scope = { agencyId: c.agencyId, caseId: c.id };
  for (const r of rows) {
    await uow.emit(
      IMPACT_TRIGGER_FIRED,
      { ...ref, triggerId: r.id, kind: r.kind, source: r.source, rulesVersion },
      scope,
    );
    // Supervisors watch measures on production equipment live (task 7); the event carries no enterprise.
    if (r.kind === 'PRODUCTION_MEASURE')
      await uow.emit(
        IMPACT_HIGH_FLAGGED,
        { ...ref, reason: 'PRODUCTION_MEASURE', level: null, assessmentId: null, measureId: r.measureId },
        {},
      );
  }
  await addToStats(
    uow.tx,
    rows.map((r) => ({ agencyId: c.agencyId, at: uow.now, metric: 'trigger' as const, key: r.kind, count: 1 })),
  );
  return rows;
}

/** An enterprise case with its party. */
export type PartyCase = EnforcementCase & { enterprise: Enterprise };

/** The case with its party, or null when the party is not an enterprise (a natural person fires nothing). */
export async function enterpriseCase(tx: Db, caseId: number): Promise<PartyCase | null> {
  const c = await tx.enforcementCase.findUnique({ where: { id: caseId }, include: { enterprise: true } });
  return c?.enterprise ? { ...c, enterprise: c.enterprise } : null;
}

/**
 * What the recorded facts of an undecided case fire: the party, the latest notice's proposal (a re-notice replaces
 * the earlier one, 第45条第2款), the production measures requested or in force.
 */
export async function factTriggers(tx: Db, c: PartyCase, rules: ImpactRulesValues): Promise<TriggerFact[]> {
  const [notice, measures] = await Promise.all([
    tx.caseStep.findFirst({ where: { caseId: c.id, kind: 'NOTICE' }, orderBy: { id: 'desc' } }),
    tx.compulsoryMeasure.findMany({
      where: { caseId: c.id, status: { in: ['REQUESTED', 'IN_FORCE'] } },
      orderBy: { id: 'asc' },
    }),
  ]);
  const proposal = notice ? readProposal(notice) : null;
  const penalties = (proposal?.penalties ?? []).map((p) => ({
    kind: p.kind,
    amountFen: p.amountFen === null ? null : BigInt(p.amountFen),
  }));
  return [
    ...partyTriggers(c.enterprise, rules),
    ...(notice ? penaltyTriggers(penalties, c.enterprise, rules, 'NOTICE', notice.id) : []),
    ...measures.flatMap((m) => measureTriggers(m, rules)),
  ];
}

/**
 * Triggers for undecided enterprise cases written before the plugin (demo data, a database that had cases when the
 * plugin was installed): each case is judged from its facts as the reactions would have judged them, at most `limit`
 * cases per call, in id order after `afterId`. Idempotent (what is recorded answers what fires again). Returns the
 * last case looked at (null: none left) and how many triggers were recorded.
 */
export async function catchUpImpactTriggersInTx(
  uow: UnitOfWork,
  { limit, afterId = 0 }: { limit: number; afterId?: number },
): Promise<{ lastId: number | null; recorded: number }> {
  const cases = await uow.tx.enforcementCase.findMany({
    where: { id: { gt: afterId }, partyKind: 'ENTERPRISE', stage: { in: [...UNDECIDED_STAGES] } },
    include: { enterprise: true },
    orderBy: { id: 'asc' },
    take: limit,
  });
  if (cases.length === 0) return { lastId: null, recorded: 0 };
  const rules = await currentRules(uow.tx);
  let recorded = 0;
  for (const c of cases) {
    if (!c.enterprise) continue;
    const fired = await factTriggers(uow.tx, { ...c, enterprise: c.enterprise }, rules);
    recorded += (await recordTriggersInTx(uow, c, fired, rules.version)).length;
  }
  return { lastId: cases[cases.length - 1].id, recorded };
}

/**
 * A risk an assigned officer declares (停产, 产业链/供应链中断, 舆情: facts the case record does not hold), behind
 * declareImpactRisk and the demo data. Returns the trigger that requires the assessment: the new one, or the recorded
 * declaration that already answers it (declared again, nothing new is written).
 */
export async function declareImpactRiskInTx(
  uow: UnitOfWork,
  caseId: number,
  kind: DeclaredKind,
  note: string,
): Promise<number> {
  const c = await lockCase(uow.tx, caseId);
  await assertCaseActor(uow, c, 'act');
  assertOpenEnterpriseCase(c, { zh: '申报风险', en: 'declaring a risk' });
  const rules = await currentRules(uow.tx);
  const candidates = declaredTrigger(kind, note.trim(), rules);
  if (candidates.length === 0)
    throw ValidationError.one(['kind'], {
      zh: '现行评估规则未列入此触发情形（县实施方案任务7）',
      en: 'the rules in force do not include this trigger (county plan task 7)',
    });
  const held = await uow.tx.impactTrigger.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
  const answered = held.find((h) => unanswered(candidates, [h]).length === 0);
  return answered ? answered.id : (await recordTriggersInTx(uow, c, candidates, rules.version, held))[0].id;
}

/** The locked case of a plugin mutation, refused when its party is not an enterprise or it is already decided. */
export function assertOpenEnterpriseCase(c: EnforcementCase, what: { zh: string; en: string }): void {
  // County plan task 7 concerns 涉企案件: an enterprise party, an 个体工商户 included.
  if (c.partyKind !== 'ENTERPRISE' || c.enterpriseId === null)
    throw new RuleViolation('IMPACT_NOT_ENTERPRISE', {
      zh: `${what.zh}仅适用于当事人为经营主体的案件（县实施方案任务7：涉企行政执法案件）`,
      en: `${what.en} concerns only cases whose party is an enterprise (county plan task 7: enterprise-related cases)`,
    });
  if (!UNDECIDED_STAGES.includes(c.stage))
    throw new RuleViolation('IMPACT_CASE_DECIDED', {
      zh: `案件已作出决定，不得再${what.zh}（县实施方案任务7：评估在决定前完成）`,
      en: `The case is decided: no ${what.en} after the decision (county plan task 7: the assessment precedes the decision)`,
    });
}
