// What a demo case is about, chosen before its timeline: the agency and the violation (a few 首违不罚
// candidates first), the party (a natural person or a business of a fitting trade, higher-risk ones more
// often), the decision for a decided case, the officers, the procedure (简易程序 where the matter allows it,
// 第51条) and the penalties within the matter's kinds and range.
import type { CaseDecision, CaseStage, PenaltyKind } from '@zhifa/core/prisma';
import { hearingOffered, isPenalty, partyIsNaturalPerson, SIMPLE_FINE_LIMIT_FEN } from '@zhifa/core/rules';
import {
  ENFORCEMENT_AGENCIES,
  lighterMaxFen,
  noPenaltyGroundsOf,
  partyFits,
  type AgencySpec,
  type Violation,
} from './names.js';
import type { Dice } from './random.js';
import type { CaseInput, Penalty } from './case-rows.js';

const DECISIONS: Record<'DECIDED' | 'EXECUTED' | 'CLOSED', [CaseDecision, number][]> = {
  DECIDED: [
    ['PENALTY', 45],
    ['LIGHTER', 20],
    ['MITIGATED', 10],
    ['NO_PENALTY', 20],
    ['DROPPED', 5],
  ],
  // Only a penalty has something to execute; the others close straight from the decision.
  EXECUTED: [
    ['PENALTY', 60],
    ['LIGHTER', 25],
    ['MITIGATED', 15],
  ],
  CLOSED: [
    ['PENALTY', 45],
    ['LIGHTER', 15],
    ['MITIGATED', 10],
    ['NO_PENALTY', 22],
    ['DROPPED', 8],
  ],
};

export const HEAVY_KINDS: readonly PenaltyKind[] = ['SUSPEND_OPERATIONS', 'REVOKE_LICENCE'];
/** The penalties that give a hearing (第63条): the 较大数额 ones at or above the threshold, and the heavy kinds. */
export const offersHearing = (penalties: readonly Penalty[], thresholdFen: bigint) =>
  hearingOffered(penalties, thresholdFen);

const roundFine = (yuan: number) => {
  const step = yuan >= 10_000 ? 1000 : yuan >= 1000 ? 100 : 10;
  return BigInt(Math.max(step, Math.round(yuan / step) * step)) * 100n;
};

function fineFor(dice: Dice, v: Violation, decision: CaseDecision): bigint {
  const [min, max] = v.fine;
  // 减轻 below a provision with no minimum is just a small fine.
  if (decision === 'MITIGATED' && min === 0) return roundFine(Math.min(max, dice.int(1, 5) * (max >= 5000 ? 100 : 10)));
  const yuan =
    decision === 'PENALTY'
      ? dice.int(min, max)
      : decision === 'LIGHTER' // 从轻: within the range, towards its lower end
        ? dice.int(min, Math.round(min + (max - min) * 0.3))
        : dice.int(Math.max(20, Math.round(min * 0.3)), Math.max(30, Math.round(min * 0.8))); // 减轻: below the minimum
  const fen = roundFine(yuan);
  // Rounding stays inside the range (below the minimum for 减轻, in the 从轻 tier of the demo 裁量基准 for 从轻).
  const lo = decision === 'MITIGATED' ? 0n : BigInt(min) * 100n;
  const hi =
    decision === 'MITIGATED'
      ? BigInt(min) * 100n - 100n
      : decision === 'LIGHTER'
        ? lighterMaxFen(v)
        : BigInt(max) * 100n;
  return fen < lo ? lo : fen > hi ? hi : fen;
}

/** What the decision imposes, within the kinds and range of the matter. */
function penaltiesFor(dice: Dice, v: Violation, decision: CaseDecision, serious: boolean): Penalty[] {
  if (!isPenalty(decision)) return [];
  const has = (k: PenaltyKind) => v.kinds.includes(k);
  const out: Penalty[] = [];
  if (has('WARNING') && dice.chance(0.3)) out.push({ kind: 'WARNING', amountFen: null });
  if (has('FINE')) out.push({ kind: 'FINE', amountFen: fineFor(dice, v, decision) });
  if (has('CONFISCATE_GAINS') && dice.chance(0.25))
    out.push({ kind: 'CONFISCATE_GAINS', amountFen: BigInt(dice.int(5, 200) * 100) * 100n });
  if (has('CONFISCATE_PROPERTY') && dice.chance(0.3))
    out.push({ kind: 'CONFISCATE_PROPERTY', amountFen: BigInt(dice.int(2, 90) * 100) * 100n });
  const heavy = HEAVY_KINDS.find(has);
  if (decision === 'PENALTY' && serious && heavy && dice.chance(0.35)) out.push({ kind: heavy, amountFen: null });
  return out;
}

/** One case's choices, in the order the dice made them. */
export interface CaseFacts {
  stage: CaseStage;
  decided: boolean;
  spec: AgencySpec;
  agency: CaseInput['agencies'][number];
  /** The violation's index in the agency's list (and so its matter's). */
  vi: number;
  v: Violation;
  enterprise: CaseInput['enterprises'][number] | null;
  thresholdFen: bigint;
  decision: CaseDecision | null;
  officerIds: number[];
  /** `person:<id>` of the case's i-th officer (cycling), the agency head, a legal reviewer (a dice roll each call). */
  officer: (i?: number) => string;
  head: string;
  reviewer: () => string;
  simple: boolean;
  serious: boolean;
  penalties: Penalty[];
}

/** Chooses each case's facts in turn; keeps the 首违不罚 candidates still to place. */
export function caseChooser(dice: Dice, input: CaseInput): (stage: CaseStage) => CaseFacts {
  const agencyWeights = input.agencies.map((_agency, i) => [i, ENFORCEMENT_AGENCIES[i].weight] as const);
  // Higher-risk enterprises are inspected, and so penalised, more often.
  const riskWeight = { A: 1, B: 2, C: 4, D: 6 } as const;

  // A few cases in review are first 未按规定公示营业执照 cases: the 首违不罚 candidates of the county's lists.
  let firstOffenceCandidates = 4;
  const licence = {
    index: 0,
    vi: ENFORCEMENT_AGENCIES[0].violations.findIndex((v) => v.violation === '未按规定公示营业执照'),
  };

  return (stage) => {
    const candidate = stage === 'LEGAL_REVIEW' && licence.vi >= 0 && firstOffenceCandidates-- > 0;
    const index = candidate ? licence.index : dice.weighted(agencyWeights);
    const spec = ENFORCEMENT_AGENCIES[index];
    const agency = input.agencies[index];
    const vi = candidate ? licence.vi : dice.int(0, spec.violations.length - 1);
    const v = spec.violations[vi];

    // The party: a natural person where such violations are committed by people, else a business of a fitting trade.
    const fitting = input.enterprises.filter((e) =>
      partyFits(
        { parties: { ...v.parties, persons: 0 } },
        { partyKind: 'ENTERPRISE', industry: e.industry, kind: e.kind },
      ),
    );
    const person =
      v.parties.persons >= 1 || (v.parties.persons > 0 && dice.chance(v.parties.persons)) || !fitting.length;
    const enterprise = person ? null : dice.weighted(fitting.map((e) => [e, riskWeight[e.creditRiskClass]] as const));
    const naturalPerson = partyIsNaturalPerson({ partyKind: person ? 'NATURAL_PERSON' : 'ENTERPRISE' }, enterprise);
    const t = input.hearingThresholds[v.domain] ?? input.hearingThresholds['*'];
    const thresholdFen = BigInt(naturalPerson ? t.naturalPersonFen : t.organisationFen);

    const decided = stage === 'DECIDED' || stage === 'EXECUTED' || stage === 'CLOSED';
    let decision: CaseDecision | null = decided ? dice.weighted(DECISIONS[stage]) : null;
    // No 第33条 ground fits a deliberate violation (私设暗管): it is penalised.
    if (decision === 'NO_PENALTY' && noPenaltyGroundsOf(v).length === 0) decision = 'PENALTY';
    const officerIds = dice.sample(agency.officerIds, dice.chance(0.2) ? 3 : 2);
    const officer = (i = 0) => `person:${officerIds[i % officerIds.length]}`;
    const head = `person:${agency.headId}`;
    const reviewer = () => `person:${dice.pick(agency.reviewerIds)}`;

    // 简易程序 (第51条): a warning or a fine within ¥200 / ¥3,000, decided on the spot — where the matter allows it.
    const simpleLimit = naturalPerson ? SIMPLE_FINE_LIMIT_FEN.naturalPerson : SIMPLE_FINE_LIMIT_FEN.organisation;
    const simpleFits = !!v.simple && (v.kinds.includes('WARNING') || BigInt(v.fine[0]) * 100n <= simpleLimit);
    const simple = decided && simpleFits && decision !== 'DROPPED' && decision !== 'NO_PENALTY' && dice.chance(0.45);
    if (simple) decision = 'PENALTY';

    let penalties: Penalty[];
    let serious = false;
    if (simple) {
      const warningOnly = v.kinds.includes('WARNING') && (BigInt(v.fine[0]) * 100n > simpleLimit || dice.chance(0.5));
      const minFen = BigInt(v.fine[0]) * 100n;
      const capFen = BigInt(v.fine[1]) * 100n < simpleLimit ? BigInt(v.fine[1]) * 100n : simpleLimit;
      const steps = Number((capFen - minFen) / 1000n);
      penalties = warningOnly
        ? [{ kind: 'WARNING', amountFen: null }]
        : [{ kind: 'FINE', amountFen: minFen + BigInt(dice.int(minFen > 0n ? 0 : 1, Math.max(1, steps))) * 1000n }];
    } else {
      // What a penalty would be: decided, or (for a case under way) the penalty the officers have in mind.
      const planned: CaseDecision = decision ?? 'PENALTY';
      const heavyPossible =
        v.fine[0] * 100 >= Number(thresholdFen) * 0.5 || v.kinds.some((k) => HEAVY_KINDS.includes(k));
      serious = isPenalty(planned) && heavyPossible && dice.chance(0.4);
      penalties = penaltiesFor(dice, v, planned, serious);
    }

    return {
      stage,
      decided,
      spec,
      agency,
      vi,
      v,
      enterprise,
      thresholdFen,
      decision,
      officerIds,
      officer,
      head,
      reviewer,
      simple,
      serious,
      penalties,
    };
  };
}
