// The facts that fire triggers (county plan task 7), each followed in the transaction that changed it (guards.react):
// a case opened against an enterprise (who the party is), a 事先告知 (行政处罚法 第44条: the penalties proposed), a
// compulsory measure on production equipment (行政强制法 第9条), an enterprise that became a key enterprise or a
// cooperative (its undecided cases). Each returns before reading anything when the event is not one it needs.
import { CORE_TOPICS, type CaseGuards } from '@zhifa/core';
import { readProposal } from '@zhifa/core/cases';
import { currentRules } from './rules-store.js';
import { measureTriggers, partyTriggers, penaltyTriggers } from './rules/triggers.js';
import { enterpriseCase, recordTriggersInTx, UNDECIDED_STAGES } from './triggers.js';

const NAME = 'economic-impact';

export function registerTriggerReactions(guards: CaseGuards): void {
  guards.react(CORE_TOPICS.caseOpened, NAME, async (uow, payload) => {
    if (payload.partyKind !== 'ENTERPRISE') return;
    const c = await enterpriseCase(uow.tx, payload.caseId);
    if (!c) return;
    const rules = await currentRules(uow.tx);
    await recordTriggersInTx(uow, c, partyTriggers(c.enterprise, rules), rules.version, []);
  });

  guards.react(CORE_TOPICS.caseStepRecorded, NAME, async (uow, payload) => {
    if (payload.kind !== 'NOTICE') return;
    const c = await enterpriseCase(uow.tx, payload.caseId);
    if (!c) return;
    const step = await uow.tx.caseStep.findUniqueOrThrow({ where: { id: payload.stepId } });
    const penalties = (readProposal(step)?.penalties ?? []).map((p) => ({
      kind: p.kind,
      amountFen: p.amountFen === null ? null : BigInt(p.amountFen),
    }));
    const rules = await currentRules(uow.tx);
    await recordTriggersInTx(uow, c, penaltyTriggers(penalties, c.enterprise, rules, 'NOTICE', step.id), rules.version);
  });

  guards.react(CORE_TOPICS.caseCompulsoryMeasureRecorded, NAME, async (uow, payload) => {
    if (!payload.isProductionEquipment) return;
    const c = await enterpriseCase(uow.tx, payload.caseId);
    if (!c) return;
    const rules = await currentRules(uow.tx);
    const measure = { id: payload.measureId, kind: payload.kind, isProductionEquipment: true };
    await recordTriggersInTx(uow, c, measureTriggers(measure, rules), rules.version);
  });

  // A key enterprise 重点企业 (or a cooperative) from now on: its cases not yet decided need the assessment too. The
  // cases are locked in id order, as a case operation would lock each, so a notice recorded meanwhile waits.
  guards.react(CORE_TOPICS.enterpriseUpdated, NAME, async (uow, payload) => {
    const enterprise = await uow.tx.enterprise.findUniqueOrThrow({ where: { id: payload.enterpriseId } });
    const rules = await currentRules(uow.tx);
    if (partyTriggers(enterprise, rules).length === 0) return;
    const locked = await uow.tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM "EnforcementCase"
      WHERE "enterpriseId" = ${enterprise.id} AND "partyKind" = 'ENTERPRISE'
        AND stage::text = ANY(${[...UNDECIDED_STAGES]}::text[])
      ORDER BY id FOR UPDATE`;
    if (locked.length === 0) return;
    const ids = locked.map((r) => r.id);
    const [cases, held] = await Promise.all([
      uow.tx.enforcementCase.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } }),
      uow.tx.impactTrigger.findMany({ where: { caseId: { in: ids } }, orderBy: { id: 'asc' } }),
    ]);
    for (const c of cases)
      await recordTriggersInTx(
        uow,
        c,
        partyTriggers(enterprise, rules),
        rules.version,
        held.filter((t) => t.caseId === c.id),
      );
  });
}
