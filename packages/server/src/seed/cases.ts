// Demo enforcement cases, each opened on its violation's enforcement matter against a party whose
// business fits it, with the procedure the 行政处罚法 asks for, recorded as steps:
//   普通程序: 立案 → 事先告知 with the proposed penalties (第44条) → 陈述、申辩 received or waived (第45条)
//   → 听证 offered where 第63条 applies, requested within 5 days and held, or waived (第64条) → 法制审核 by
//   a legal reviewer not on the case (第58条; now and then returned first) → 集体讨论 for serious cases
//   (第57条第2款) → decision by the agency head (第57条) → 送达 within 7 days (第61条) → 执行 → 结案;
//   the 90-day limit (第60条) with an extension where a case ran long;
//   简易程序 (第51条): a warning or a small fine decided and handed over on the spot by the officers.
// Cases under way stop part of the way; a few have run past their deadline. Compulsory measures follow
// their lifecycle (行政强制法 第18–19、25、28条): approved by the head (or taken in an emergency and approved
// within 24 hours), two officers, a notice number, 30 days (sometimes extended), released by the decision;
// a few still in force past their last day. Numbers follow the county's style: the 立案 number
// (阜市监立〔2025〕12号) per agency and year in order of registration, the decision number (阜市监罚〔2025〕3号,
// 阜市监不罚〔2025〕1号) per agency, kind and year in order of decision.
// What each case is about: case-facts.ts; its timeline: case-timeline.ts; its measures: case-measures.ts;
// its documents' numbers: case-numbers.ts; the rows: case-rows.ts.
import type { CaseGround, CaseStage, PenaltyKind } from '@zhifa/core/prisma';
import { isPenalty } from '@zhifa/core/rules';
import { addDays, shanghaiToday } from '@zhifa/core/time';
import type { Dice } from './random.js';
import type { CaseInput, CasePlan } from './case-rows.js';
import { caseChooser } from './case-facts.js';
import { caseTimeline } from './case-timeline.js';
import { measureTaker } from './case-measures.js';
import { numberDocuments } from './case-numbers.js';
import { noPenaltyGroundsOf, type NoPenaltyGround } from './names.js';

export type { CaseInput, CasePlan, CaseRow, MeasureRow, StepRow } from './case-rows.js';
export { offersHearing } from './case-facts.js';
export { documentSequences } from './case-numbers.js';

/** How many cases in each stage: the advertised mix. */
export const STAGE_MIX: Record<CaseStage, number> = {
  REGISTERED: 25,
  INVESTIGATING: 30,
  LEGAL_REVIEW: 20,
  DECIDED: 30,
  EXECUTED: 35,
  CLOSED: 60,
};

// No TIME_BARRED: a case is opened only within the limitation period (行政处罚法 第36条; openCase refuses one
// past it), and demo cases are found within two months of the violation, so none is time-barred.
const NO_PENALTY_GROUNDS: [NoPenaltyGround, number][] = [
  ['MINOR_CORRECTED', 50],
  ['FIRST_OFFENCE', 35],
  ['NO_FAULT', 15],
];
const CIRCUMSTANCES = [
  '主动消除或者减轻违法行为危害后果',
  '配合行政机关查处违法行为有立功表现',
  '主动供述行政机关尚未掌握的违法行为',
];

export function demoCases(dice: Dice, input: CaseInput): CasePlan[] {
  const { now } = input;
  const today = shanghaiToday(now);
  const stages = (Object.entries(STAGE_MIX) as [CaseStage, number][]).flatMap(([s, n]) => Array<CaseStage>(n).fill(s));
  const chooseCase = caseChooser(dice, input);
  const takeMeasures = measureTaker(dice, now, today);

  const plans: (CasePlan & { abbr: string })[] = stages.map((stage) => {
    const c = chooseCase(stage);
    const t = caseTimeline(dice, c, now, today);
    const measures = takeMeasures(c, t);
    const { spec, agency, vi, v, enterprise, decision, simple, serious, penalties, officerIds, officer, head } = c;
    const { registered, deadlineDays, registeredAt, decidedAt, closedAt } = t;

    const decidedBy = decision === null ? null : simple ? officer(0) : head;
    const ground: CaseGround | null =
      decision === 'NO_PENALTY'
        ? dice.weighted(NO_PENALTY_GROUNDS.filter(([g]) => noPenaltyGroundsOf(v).includes(g)))
        : decision === 'DROPPED'
          ? dice.chance(0.8)
            ? 'FACTS_NOT_ESTABLISHED'
            : 'OTHER'
          : null;
    const decidedPenalties = decision && isPenalty(decision) ? penalties : [];
    const sum = (kinds: PenaltyKind[]) => {
      const xs = decidedPenalties.filter((p) => kinds.includes(p.kind));
      return xs.length ? xs.reduce((s, p) => s + (p.amountFen ?? 0n), 0n) : null;
    };
    return {
      abbr: spec.abbr,
      officerIds,
      penalties: decidedPenalties,
      measures,
      steps: t.steps,
      row: {
        number: '',
        agencyId: agency.id,
        partyKind: enterprise ? 'ENTERPRISE' : 'NATURAL_PERSON',
        enterpriseId: enterprise?.id ?? null,
        partyDescription: enterprise ? null : '自然人（不具名）',
        violation: v.violation,
        violatedProvision: v.violated,
        penaltyProvision: v.penalty,
        matterId: agency.matterIds[vi],
        // Found within two months of the violation: always inside the limitation period.
        violationOn: addDays(registered, -dice.int(simple ? 0 : 1, 60)),
        procedure: simple ? 'SIMPLE' : 'GENERAL',
        serious,
        registeredBy: officer(0),
        deadlineOn: deadlineDays === null ? null : addDays(registered, deadlineDays),
        stage,
        decision,
        decisionNumber: null,
        decidedBy,
        ground,
        groundNote: ground === 'OTHER' ? '当事人已依法注销，无法继续追究' : null,
        mitigatingCircumstance: decision === 'LIGHTER' || decision === 'MITIGATED' ? dice.pick(CIRCUMSTANCES) : null,
        fineFen: sum(['FINE']),
        confiscationFen: sum(['CONFISCATE_GAINS', 'CONFISCATE_PROPERTY']),
        registeredAt,
        decidedAt,
        closedAt,
      },
    };
  });

  numberDocuments(plans);
  return plans.map(({ abbr: _abbr, ...plan }) => plan);
}
