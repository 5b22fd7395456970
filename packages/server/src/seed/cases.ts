// Demo enforcement cases: every stage, every decision, two or three officers who may act today from
// the case's agency, fines in fen, and compulsory measures on the kinds of case that take them.
// Each case is opened on its violation's enforcement matter. Numbers follow the county's style: the
// 立案 number (阜市监立〔2025〕12号) per agency and year in order of registration, the decision number
// (阜市监罚〔2025〕3号, 阜市监不罚〔2025〕1号) per agency, kind and year in order of decision.
import type { CaseDecision, CaseGround, CaseStage, CompulsoryMeasureKind, CreditRiskClass, DocumentKind, PenaltyKind } from '@zhifa/core';
import { addDays, shanghaiToday, shanghaiYear } from '@zhifa/core';
import { documentPrefixOf, ENFORCEMENT_AGENCIES, type Violation } from './names.js';
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
  matterId: number;
  violationOn: Date;
  registeredBy: string;
  deadlineOn: Date;
  stage: CaseStage;
  decision: CaseDecision | null;
  decisionNumber: string | null;
  decidedBy: string | null;
  ground: CaseGround | null;
  groundNote: string | null;
  mitigatingCircumstance: string | null;
  fineFen: bigint | null;
  confiscationFen: bigint | null;
  registeredAt: Date;
  decidedAt: Date | null;
  closedAt: Date | null;
}

export interface CasePlan {
  row: CaseRow;
  penalties: { kind: PenaltyKind; amountFen: bigint | null }[];
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
  /** In ENFORCEMENT_AGENCIES order, each with the officers who may act today and its matters (in its violations' order). */
  agencies: { id: number; officerIds: number[]; matterIds: number[] }[];
  enterprises: { id: number; creditRiskClass: CreditRiskClass }[];
}

const NO_PENALTY_GROUNDS: [CaseGround, number][] = [['MINOR_CORRECTED', 50], ['FIRST_OFFENCE', 35], ['NO_FAULT', 10], ['TIME_BARRED', 5]];
const CIRCUMSTANCES = ['主动消除或者减轻违法行为危害后果', '配合行政机关查处违法行为有立功表现', '主动供述行政机关尚未掌握的违法行为'];

function fineFor(dice: Dice, v: Violation, decision: CaseDecision): bigint | null {
  if (decision === 'NO_PENALTY' || decision === 'DROPPED') return null;
  const [min, max] = v.fine;
  // 减轻 below a provision with no minimum is just a small fine.
  if (decision === 'MITIGATED' && min === 0) return BigInt(dice.int(1, 5) * 100) * 100n;
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
    // A few cases under way have run past their 90 days (第60条): overdue.
    const underWay = stage === 'INVESTIGATING' || stage === 'LEGAL_REVIEW';
    const ageDays = stage === 'REGISTERED' ? dice.int(0, 20) : underWay ? (dice.chance(0.08) ? dice.int(95, 120) : dice.int(10, 85)) : dice.int(60, 540);
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
    const fineFen = decision ? fineFor(dice, v, decision) : null;
    // 违法所得 confiscated now and then; never on a dropped case.
    const confiscationFen = decision && decision !== 'DROPPED' && dice.chance(0.15) ? BigInt(dice.int(5, 200) * 100) * 100n : null;
    const penalties: CasePlan['penalties'] = [];
    if (decision && decision !== 'NO_PENALTY' && decision !== 'DROPPED' && dice.chance(0.3)) penalties.push({ kind: 'WARNING', amountFen: null });
    if (fineFen !== null) penalties.push({ kind: 'FINE', amountFen: fineFen });
    if (confiscationFen !== null) penalties.push({ kind: 'CONFISCATE_GAINS', amountFen: confiscationFen });
    const ground: CaseGround | null =
      decision === 'NO_PENALTY' ? dice.weighted(NO_PENALTY_GROUNDS) : decision === 'DROPPED' ? (dice.chance(0.8) ? 'FACTS_NOT_ESTABLISHED' : 'OTHER') : null;
    return {
      abbr: spec.abbr,
      officerIds,
      penalties,
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
        matterId: agency.matterIds[spec.violations.indexOf(v)]!,
        // Found within two months of the violation: always inside the limitation period.
        violationOn: addDays(shanghaiToday(registeredAt), -dice.int(1, 60)),
        registeredBy: `person:${officerIds[0]}`,
        deadlineOn: addDays(shanghaiToday(registeredAt), 90),
        stage,
        decision,
        decisionNumber: null,
        decidedBy: decision ? `person:${officerIds[0]}` : null,
        ground,
        groundNote: ground === 'OTHER' ? '当事人已依法注销，无法继续追究' : null,
        mitigatingCircumstance: decision === 'LIGHTER' || decision === 'MITIGATED' ? dice.pick(CIRCUMSTANCES) : null,
        fineFen,
        confiscationFen,
        registeredAt,
        decidedAt,
        closedAt,
      },
    };
  });

  plans.sort((a, b) => a.row.registeredAt.getTime() - b.row.registeredAt.getTime());
  const serial = new Map<string, number>();
  const next = (key: string) => {
    const n = (serial.get(key) ?? 0) + 1;
    serial.set(key, n);
    return n;
  };
  for (const p of plans) {
    const year = shanghaiYear(p.row.registeredAt);
    p.row.number = `${documentPrefixOf(p)}立〔${year}〕${next(`${p.row.agencyId}:REGISTRATION:${year}`)}号`;
  }
  const decided = plans.filter((p) => p.row.decidedAt && p.row.decision !== 'DROPPED');
  decided.sort((a, b) => a.row.decidedAt!.getTime() - b.row.decidedAt!.getTime());
  for (const p of decided) {
    const year = shanghaiYear(p.row.decidedAt!);
    const kind: DocumentKind = p.row.decision === 'NO_PENALTY' ? 'NO_PENALTY_DECISION' : 'PENALTY_DECISION';
    p.row.decisionNumber = `${documentPrefixOf(p)}${kind === 'NO_PENALTY_DECISION' ? '不罚' : '罚'}〔${year}〕${next(`${p.row.agencyId}:${kind}:${year}`)}号`;
  }
  return plans.map(({ abbr: _abbr, ...plan }) => plan);
}

/** The sequences the plans used, so that numbers assigned later by openCase / decideCase follow on. */
export function documentSequences(plans: CasePlan[]): { agencyId: number; kind: DocumentKind; year: number; last: number }[] {
  const last = new Map<string, { agencyId: number; kind: DocumentKind; year: number; last: number }>();
  const see = (agencyId: number, kind: DocumentKind, number: string | null) => {
    const m = number && /〔(\d{4})〕(\d+)号$/.exec(number);
    if (!m) return;
    const key = `${agencyId}:${kind}:${m[1]}`;
    const n = Number(m[2]);
    if ((last.get(key)?.last ?? 0) < n) last.set(key, { agencyId, kind, year: Number(m[1]), last: n });
  };
  for (const p of plans) {
    see(p.row.agencyId, 'REGISTRATION', p.row.number);
    see(p.row.agencyId, p.row.decision === 'NO_PENALTY' ? 'NO_PENALTY_DECISION' : 'PENALTY_DECISION', p.row.decisionNumber);
  }
  return [...last.values()];
}
