// Demo enforcement cases: every stage, every decision, two or three officers who may act today from
// the case's agency, fines in fen, and compulsory measures on the kinds of case that take them.
// Case numbers follow the county's style (阜市监罚〔2025〕12号), numbered per agency and year in
// order of registration.
import type { CaseDecision, CaseStage, CompulsoryMeasureKind, CreditRiskClass } from '@zhifa/core';
import { shanghaiYear } from '@zhifa/core';
import { ENFORCEMENT_AGENCIES, type Violation } from './names.js';
import type { Dice } from './random.js';

export interface CaseRow {
  number: string;
  agencyId: number;
  partyKind: 'ENTERPRISE' | 'NATURAL_PERSON';
  enterpriseId: number | null;
  partyDescription: string | null;
  violation: string;
  violatedProvision: string;
  penaltyProvision: string;
  stage: CaseStage;
  decision: CaseDecision | null;
  fineFen: bigint | null;
  confiscationFen: bigint | null;
  registeredAt: Date;
  decidedAt: Date | null;
  closedAt: Date | null;
}

export interface CasePlan {
  row: CaseRow;
  officerIds: number[];
  measures: { kind: CompulsoryMeasureKind; object: string; isProductionEquipment: boolean; takenAt: Date; recordedBy: string }[];
}

/** How many cases in each stage: the advertised mix. */
export const STAGE_MIX: Record<CaseStage, number> = {
  REGISTERED: 25,
  INVESTIGATING: 30,
  LEGAL_REVIEW: 20,
  DECIDED: 30,
  EXECUTED: 35,
  CLOSED: 60,
};

const DECISIONS: Record<'DECIDED' | 'EXECUTED' | 'CLOSED', [CaseDecision, number][]> = {
  DECIDED: [['PENALTY', 45], ['LIGHTER', 20], ['MITIGATED', 10], ['NO_PENALTY', 20], ['DROPPED', 5]],
  // Only a penalty has something to execute; the others close straight from the decision.
  EXECUTED: [['PENALTY', 60], ['LIGHTER', 25], ['MITIGATED', 15]],
  CLOSED: [['PENALTY', 45], ['LIGHTER', 15], ['MITIGATED', 10], ['NO_PENALTY', 22], ['DROPPED', 8]],
};

const DAY = 86_400_000;

export interface CaseInput {
  now: Date;
  /** In ENFORCEMENT_AGENCIES order, each with the officers who may act today. */
  agencies: { id: number; officerIds: number[] }[];
  enterprises: { id: number; creditRiskClass: CreditRiskClass }[];
}

function fineFor(dice: Dice, v: Violation, decision: CaseDecision): bigint | null {
  if (decision === 'NO_PENALTY' || decision === 'DROPPED') return null;
  const [min, max] = v.fine;
  const yuan =
    decision === 'PENALTY'
      ? dice.int(min, max)
      : decision === 'LIGHTER' // 从轻: within the range, towards its lower end
        ? dice.int(min, Math.round(min + (max - min) * 0.3))
        : dice.int(Math.max(50, Math.round(min * 0.3)), Math.max(100, Math.round(min * 0.8))); // 减轻: below the minimum
  const step = yuan >= 10_000 ? 1000 : 100;
  return BigInt(Math.max(step, Math.round(yuan / step) * step)) * 100n;
}

export function demoCases(dice: Dice, input: CaseInput): CasePlan[] {
  const { now } = input;
  const stages = (Object.entries(STAGE_MIX) as [CaseStage, number][]).flatMap(([s, n]) => Array<CaseStage>(n).fill(s));
  const agencyWeights = input.agencies.map((_agency, i) => [i, ENFORCEMENT_AGENCIES[i].weight] as const);
  // Higher-risk enterprises are inspected, and so penalised, more often.
  const partyWeights = input.enterprises.map((e) => [e.id, { A: 1, B: 2, C: 4, D: 6 }[e.creditRiskClass]] as const);

  const plans: (CasePlan & { abbr: string })[] = stages.map((stage) => {
    const index = dice.weighted(agencyWeights);
    const spec = ENFORCEMENT_AGENCIES[index];
    const agency = input.agencies[index];
    const v = dice.pick(spec.violations);
    const enterprise = dice.chance(0.85);
    // Early stages are recent; finished cases go back up to eighteen months.
    const ageDays = stage === 'REGISTERED' ? dice.int(0, 20) : stage === 'INVESTIGATING' || stage === 'LEGAL_REVIEW' ? dice.int(10, 90) : dice.int(60, 540);
    const registeredAt = new Date(now.getTime() - ageDays * DAY - dice.int(0, 8 * 3600) * 1000);
    const decided = stage === 'DECIDED' || stage === 'EXECUTED' || stage === 'CLOSED';
    const decision = decided ? dice.weighted(DECISIONS[stage]) : null;
    const decidedAt = decided ? new Date(Math.min(now.getTime() - DAY, registeredAt.getTime() + dice.int(20, 50) * DAY)) : null;
    const closedAt =
      stage === 'CLOSED' && decidedAt ? new Date(Math.min(now.getTime() - 3600_000, decidedAt.getTime() + dice.int(5, 40) * DAY)) : null;
    const officerIds = dice.sample(agency.officerIds, dice.chance(0.2) ? 3 : 2);
    const measures: CasePlan['measures'] = [];
    if (v.measure && dice.chance(0.6))
      measures.push({
        kind: v.measure.kind,
        object: v.measure.object,
        isProductionEquipment: v.measure.productionEquipment,
        takenAt: new Date(registeredAt.getTime() + dice.int(1, 5) * DAY),
        recordedBy: `person:${officerIds[0]}`,
      });
    return {
      abbr: spec.abbr,
      officerIds,
      measures: measures.filter((m) => m.takenAt.getTime() < (decidedAt ?? now).getTime()),
      row: {
        number: '',
        agencyId: agency.id,
        partyKind: enterprise ? 'ENTERPRISE' : 'NATURAL_PERSON',
        enterpriseId: enterprise ? dice.weighted(partyWeights) : null,
        partyDescription: enterprise ? null : '自然人（不具名）',
        violation: v.violation,
        violatedProvision: v.violated,
        penaltyProvision: v.penalty,
        stage,
        decision,
        fineFen: decision ? fineFor(dice, v, decision) : null,
        // 违法所得 confiscated now and then; never on a dropped case.
        confiscationFen: decision && decision !== 'DROPPED' && dice.chance(0.15) ? BigInt(dice.int(5, 200) * 100) * 100n : null,
        registeredAt,
        decidedAt,
        closedAt,
      },
    };
  });

  plans.sort((a, b) => a.row.registeredAt.getTime() - b.row.registeredAt.getTime());
  const serial = new Map<string, number>();
  for (const p of plans) {
    const key = `${p.abbr}〔${shanghaiYear(p.row.registeredAt)}〕`;
    const n = (serial.get(key) ?? 0) + 1;
    serial.set(key, n);
    p.row.number = `${key}${n}号`;
  }
  return plans.map(({ abbr: _abbr, ...plan }) => plan);
}
