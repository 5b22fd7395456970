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
import type {
  CaseDecision,
  CaseGround,
  CaseProcedure,
  CaseStage,
  CaseStepKind,
  CaseStepOutcome,
  CompulsoryMeasureKind,
  CompulsoryMeasureStatus,
  CreditRiskClass,
  DocumentKind,
  EnterpriseKind,
  PenaltyKind,
} from '@zhifa/core/prisma';
import {
  hearingOffered,
  isPenalty,
  measureDueOn,
  partyIsNaturalPerson,
  SIMPLE_FINE_LIMIT_FEN,
} from '@zhifa/core/rules';
import { addDays, shanghaiToday, shanghaiYear } from '@zhifa/core/time';
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
  procedure: CaseProcedure;
  serious: boolean;
  registeredBy: string;
  deadlineOn: Date | null;
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

export interface StepRow {
  kind: CaseStepKind;
  on: Date;
  outcome: CaseStepOutcome | null;
  documentNumber: string | null;
  note: string | null;
  days: number | null;
  /** NOTICE: the proposal as the procedure service stores it (fen as decimal strings). */
  proposal: {
    penalties: { kind: PenaltyKind; amountFen: string | null }[];
    hearingOffered: boolean;
    hearingThresholdFen: string;
  } | null;
  actor: string;
  recordedAt: Date;
}

export interface MeasureRow {
  kind: CompulsoryMeasureKind;
  object: string;
  isProductionEquipment: boolean;
  justification: string;
  takenAt: Date;
  recordedBy: string;
  status: CompulsoryMeasureStatus;
  emergency: boolean;
  approvedAt: Date | null;
  approvedBy: string | null;
  officerIds: number[];
  noticeDocumentNumber: string;
  noticeServedOn: Date;
  dueOn: Date | null;
  extendedDays: number | null;
  extensionReason: string | null;
  extendedBy: string | null;
  releasedOn: Date | null;
  releaseReason: string | null;
  releasedBy: string | null;
}

type Penalty = { kind: PenaltyKind; amountFen: bigint | null };

export interface CasePlan {
  row: CaseRow;
  penalties: Penalty[];
  officerIds: number[];
  measures: MeasureRow[];
  steps: StepRow[];
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

const HOUR = 3_600_000;

export interface CaseInput {
  now: Date;
  /**
   * In ENFORCEMENT_AGENCIES order: the officers who may act today, its published matters (in its
   * violations' order), its head and its legal reviewers.
   */
  agencies: { id: number; officerIds: number[]; matterIds: number[]; headId: number; reviewerIds: number[] }[];
  enterprises: { id: number; creditRiskClass: CreditRiskClass; industry: string; kind: EnterpriseKind }[];
  /** 第63条 较大数额 per domain ('*' default), fen: CASE_SETTINGS.hearingFineThresholds. */
  hearingThresholds: Record<string, { naturalPersonFen: number; organisationFen: number }>;
}

const NO_PENALTY_GROUNDS: [CaseGround, number][] = [
  ['MINOR_CORRECTED', 50],
  ['FIRST_OFFENCE', 35],
  ['NO_FAULT', 10],
  ['TIME_BARRED', 5],
];
const CIRCUMSTANCES = [
  '主动消除或者减轻违法行为危害后果',
  '配合行政机关查处违法行为有立功表现',
  '主动供述行政机关尚未掌握的违法行为',
];
const RETURN_REASONS = [
  '证据不足：缺少涉案物品检验报告，请补充调查',
  '违法事实认定不清：经营时间与货值金额前后矛盾，请补充询问笔录',
  '适用依据不当：请核对处罚依据条款项',
];
const HEAVY_KINDS: readonly PenaltyKind[] = ['SUSPEND_OPERATIONS', 'REVOKE_LICENCE'];
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
  // Rounding stays inside the range (and below the minimum for 减轻).
  const lo = decision === 'MITIGATED' ? 0n : BigInt(min) * 100n;
  const hi = decision === 'MITIGATED' ? BigInt(min) * 100n - 100n : BigInt(max) * 100n;
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

/** A day (UTC midnight of the Shanghai day) at `hour` o'clock Shanghai time. */
const at = (day: Date, hour: number, minute = 0) => new Date(day.getTime() + (hour - 8) * HOUR + minute * 60_000);

export function demoCases(dice: Dice, input: CaseInput): CasePlan[] {
  const { now } = input;
  const today = shanghaiToday(now);
  const stages = (Object.entries(STAGE_MIX) as [CaseStage, number][]).flatMap(([s, n]) => Array<CaseStage>(n).fill(s));
  const agencyWeights = input.agencies.map((_agency, i) => [i, ENFORCEMENT_AGENCIES[i].weight] as const);
  // Higher-risk enterprises are inspected, and so penalised, more often.
  const riskWeight = { A: 1, B: 2, C: 4, D: 6 } as const;
  const measureSerial = new Map<string, number>();
  const noticeSerial = new Map<string, number>();
  const serialOf = (map: Map<string, number>, key: string) => {
    const n = (map.get(key) ?? 0) + 1;
    map.set(key, n);
    return n;
  };
  // Measures left in force past their last day (第25条): a few, for the overdue list and the sweep.
  let overdueMeasures = 0;

  // A few cases in review are first 未按规定公示营业执照 cases: the 首违不罚 candidates of the county's lists.
  let firstOffenceCandidates = 4;
  const licence = {
    index: 0,
    vi: ENFORCEMENT_AGENCIES[0].violations.findIndex((v) => v.violation === '未按规定公示营业执照'),
  };

  const plans: (CasePlan & { abbr: string })[] = stages.map((stage) => {
    const candidate = stage === 'LEGAL_REVIEW' && licence.vi >= 0 && firstOffenceCandidates-- > 0;
    const index = candidate ? licence.index : dice.weighted(agencyWeights);
    const spec = ENFORCEMENT_AGENCIES[index];
    const agency = input.agencies[index];
    const vi = candidate ? licence.vi : dice.int(0, spec.violations.length - 1);
    const v = spec.violations[vi];

    // The party: a natural person where such violations are committed by people, else a business of a fitting trade.
    const fitting =
      v.parties.industries === 'any'
        ? input.enterprises
        : input.enterprises.filter((e) => (v.parties.industries as readonly string[]).includes(e.industry));
    const person =
      v.parties.persons >= 1 || (v.parties.persons > 0 && dice.chance(v.parties.persons)) || !fitting.length;
    const enterprise = person ? null : dice.weighted(fitting.map((e) => [e, riskWeight[e.creditRiskClass]] as const));
    const naturalPerson = partyIsNaturalPerson({ partyKind: person ? 'NATURAL_PERSON' : 'ENTERPRISE' }, enterprise);
    const t = input.hearingThresholds[v.domain] ?? input.hearingThresholds['*']!;
    const thresholdFen = BigInt(naturalPerson ? t.naturalPersonFen : t.organisationFen);

    const decided = stage === 'DECIDED' || stage === 'EXECUTED' || stage === 'CLOSED';
    let decision: CaseDecision | null = decided ? dice.weighted(DECISIONS[stage]) : null;
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

    // ── the timeline, in days from the registration day (day 0) ──
    const steps: (Omit<StepRow, 'on' | 'recordedAt'> & { day: number })[] = [];
    const step = (
      kind: CaseStepKind,
      day: number,
      actor: string,
      extra: Partial<Omit<StepRow, 'on' | 'recordedAt' | 'kind' | 'actor'>> = {},
    ) =>
      steps.push({
        kind,
        day,
        actor,
        outcome: null,
        documentNumber: null,
        note: null,
        days: null,
        proposal: null,
        ...extra,
      });
    let deadlineDays: number | null = simple ? null : 90;
    let last = 0; // the last day of the procedure
    let decidedDay: number | null = null;
    let servedDay: number | null = null;
    let closedDay: number | null = null;
    let age: number; // days from registration to today
    let registeredHour = dice.int(9, 16);

    /** 事先告知 → 陈述申辩 → 听证 (or its waiver / lapse); `compact` keeps it short for a case under way. */
    const notify = (from: number, compact: boolean, proposal: Penalty[], lighterAfterStatement: boolean) => {
      const n = from;
      const received = lighterAfterStatement || dice.chance(0.45);
      // A statement that persuaded: the notice proposed more than was decided (第45条: never less).
      const proposed = proposal.map((p) =>
        lighterAfterStatement && p.amountFen !== null && p.kind === 'FINE'
          ? { ...p, amountFen: bumped(p.amountFen, v) }
          : p,
      );
      const offered = offersHearing(proposed, thresholdFen);
      step('NOTICE', n, officer(0), {
        note: `拟作出：${proposed.map((p) => penaltyText(p)).join('，')}${offered ? '；告知陈述、申辩和要求听证的权利' : '；告知陈述、申辩的权利'}`,
        proposal: {
          penalties: proposed.map((p) => ({
            kind: p.kind,
            amountFen: p.amountFen === null ? null : p.amountFen.toString(),
          })),
          hearingOffered: offered,
          hearingThresholdFen: thresholdFen.toString(),
        },
      });
      const s = n + dice.int(compact ? 0 : 1, compact ? 1 : 3);
      step(
        'STATEMENT',
        s,
        officer(1),
        received
          ? { outcome: 'RECEIVED', note: '当事人提交书面陈述、申辩意见，经复核部分采纳' }
          : { outcome: 'WAIVED', note: '当事人书面表示放弃陈述、申辩' },
      );
      let end = s;
      if (offered) {
        const r = dice.next();
        if (r < 0.35) {
          const req = n + dice.int(1, compact ? 2 : 5); // 第64条: within 5 days of the notice
          step('HEARING_REQUEST', req, officer(0), { outcome: 'REQUESTED', note: '当事人书面申请听证' });
          const held = req + dice.int(compact ? 2 : 5, compact ? 3 : 12);
          step('HEARING', held, officer(1), {
            note: '听证笔录：当事人及其委托代理人到场，就违法事实、证据和处罚幅度进行了陈述和申辩；听证主持人由非本案调查人员担任',
          });
          end = Math.max(end, held);
        } else if (r < 0.85 || compact) {
          const w = n + dice.int(0, compact ? 1 : 4);
          step('HEARING_REQUEST', w, officer(0), { outcome: 'WAIVED', note: '当事人书面表示放弃听证' });
          end = Math.max(end, w);
        } else end = Math.max(end, n + 6); // not requested within the 5 days: lapsed
      }
      return end;
    };
    // The registration day is fixed once the timeline's length is known; steps are placed in relative days first.
    let registered: Date = today;

    if (simple) {
      // Decided on the spot and handed over at once (第52条), so registered and decided the same day.
      age = stage === 'DECIDED' ? dice.int(1, 6) : stage === 'EXECUTED' ? dice.int(3, 200) : dice.int(30, 540);
      registered = addDays(today, -age);
      decidedDay = 0;
      servedDay = 0;
      step('SERVICE', 0, officer(0), { note: '当场交付行政处罚决定书，当事人签收' });
      if (stage === 'CLOSED') closedDay = Math.min(age - 1, dice.int(1, 20));
    } else if (decided) {
      let d = dice.chance(0.05) ? dice.int(70, 88) : dice.int(6, 25); // investigation (a few run long)
      if (penalties.length) {
        const lighter = decision === 'LIGHTER' || decision === 'MITIGATED';
        d = notify(d, false, penalties, lighter && dice.chance(0.6)) + dice.int(1, 4);
      } else d += dice.int(1, 4);
      if (dice.chance(0.1)) {
        step('LEGAL_REVIEW', d, reviewer(), { outcome: 'RETURNED', note: dice.pick(RETURN_REASONS) });
        d += dice.int(5, 12); // further investigation, then sent back
      }
      step('LEGAL_REVIEW', d, reviewer(), {
        outcome: 'APPROVED',
        note: '事实清楚，证据确凿，适用依据正确，程序合法，处罚适当',
      });
      if (serious && isPenalty(decision!)) {
        d += dice.int(1, 3);
        step('COLLECTIVE_DISCUSSION', d, head, { note: '局长办公会集体讨论，同意法制审核意见' });
      }
      decidedDay = d + dice.int(0, 3);
      if (decidedDay > 90) {
        // 第60条: extended by the head before the 90 days ran out.
        const days = Math.max(30, decidedDay - 90);
        step('DEADLINE_EXTENSION', dice.int(80, 89), head, {
          days,
          note: '案情复杂，需补充检验鉴定，经负责人批准延长办案期限',
        });
        deadlineDays = 90 + days;
      }
      last = decidedDay;
      const unserved = stage === 'DECIDED' && dice.chance(0.3);
      if (decision !== 'DROPPED' && !unserved) {
        servedDay = decidedDay + dice.int(0, 7); // 第61条: within 7 days
        step('SERVICE', servedDay, officer(0), {
          note: dice.chance(0.7) ? '直接送达，当事人签收送达回证' : '邮寄送达',
        });
        last = servedDay;
      }
      if (stage === 'CLOSED') closedDay = last + dice.int(5, 40);
      // How long ago: a decision not yet served is at most 6 days old.
      const since = unserved ? dice.int(1, 6) : stage === 'DECIDED' ? dice.int(1, 25) : dice.int(5, 400);
      age = (closedDay ?? last) + since;
      registered = addDays(today, -age);
    } else {
      // Under way: recent, a few past their 90 days (第60条).
      age = stage === 'REGISTERED' ? dice.int(0, 20) : dice.chance(0.08) ? dice.int(95, 120) : dice.int(10, 85);
      registered = addDays(today, -age);
      if (stage !== 'REGISTERED' && penalties.length) {
        const noticed = stage === 'LEGAL_REVIEW' ? dice.chance(0.85) : age >= 15 && dice.chance(0.5);
        let d = dice.int(1, Math.max(1, Math.floor(age / 3)));
        if (noticed) d = notify(d, true, penalties, false) + 1;
        if (stage === 'INVESTIGATING' && noticed && age >= d + 3 && dice.chance(0.3)) {
          // Reviewed and returned for further investigation (第58条).
          step('LEGAL_REVIEW', d, reviewer(), { outcome: 'RETURNED', note: dice.pick(RETURN_REASONS) });
        }
        if (stage === 'LEGAL_REVIEW' && dice.chance(0.5) && d <= age) {
          step('LEGAL_REVIEW', d, reviewer(), {
            outcome: 'APPROVED',
            note: '事实清楚，证据确凿，适用依据正确，程序合法',
          });
          if (serious && d + 1 <= age && dice.chance(0.5))
            step('COLLECTIVE_DISCUSSION', d + 1, head, { note: '局长办公会集体讨论，同意法制审核意见' });
        }
      }
      // A long case the head extended (第60条), so it is not overdue.
      if (age > 90 && dice.chance(0.3)) {
        step('DEADLINE_EXTENSION', dice.int(80, 89), head, { days: 30, note: '案情复杂，经负责人批准延长办案期限' });
        deadlineDays = 120;
      }
      registeredHour =
        age === 0
          ? Math.min(registeredHour, Math.max(0, new Date(now.getTime() + 8 * HOUR).getUTCHours() - 1))
          : registeredHour;
    }

    // Not in the future (a minute before now at the latest), and never before its own day: just after a
    // local midnight "a minute before now" is yesterday, which would move the 90-day deadline by a day.
    const registeredAt = new Date(
      Math.max(
        at(registered, 0).getTime(),
        Math.min(at(registered, registeredHour, dice.int(0, 59)).getTime(), now.getTime() - 60_000),
      ),
    );
    const decidedAt =
      decidedDay === null
        ? null
        : simple
          ? new Date(registeredAt.getTime() + dice.int(15, 50) * 60_000)
          : at(addDays(registered, decidedDay), dice.int(9, 17), dice.int(0, 59));
    const closedAt = closedDay === null ? null : at(addDays(registered, closedDay), dice.int(9, 17), dice.int(0, 59));
    const dayOf = (n: number) => addDays(registered, n);
    // Steps in the order they took place (the procedure reads them in the order recorded).
    const stepRows: StepRow[] = steps
      .map((s, i) => ({ s, i }))
      .sort((a, b) => a.s.day - b.s.day || a.i - b.i)
      .map(({ s: { day, ...s } }) => ({
        ...s,
        on: dayOf(day),
        recordedAt:
          day === 0 && simple ? decidedAt! : new Date(Math.min(at(dayOf(day), 17, 30).getTime(), now.getTime())),
      }));

    // ── compulsory measures ──
    const measures: MeasureRow[] = [];
    if (v.measure && !simple && dice.chance(0.6)) {
      const takenDay = Math.min(dice.int(1, 5), age);
      const takenAt = at(dayOf(takenDay), dice.int(9, 16), dice.int(0, 59));
      const beforeDecision = decidedAt === null || takenAt.getTime() < decidedAt.getTime();
      if (takenDay >= 1 && beforeDecision && takenAt.getTime() < now.getTime()) {
        const base = {
          kind: v.measure.kind,
          object: v.measure.object,
          isProductionEquipment: v.measure.productionEquipment,
          justification: `为防止${v.measure.kind === 'SEIZURE' ? '涉案财物转移、灭失' : '违法行为继续、危害扩大'}，依法${v.measure.kind === 'SEIZURE' ? '扣押' : '查封'}`,
          recordedBy: officer(0),
          officerIds: officerIds.slice(0, 2),
          noticeDocumentNumber: '', // numbered below, in the order taken
          noticeServedOn: dayOf(takenDay),
          extendedDays: null as number | null,
          extensionReason: null as string | null,
          extendedBy: null as string | null,
          releasedOn: null as Date | null,
          releaseReason: null as string | null,
          releasedBy: null as string | null,
        };
        if (stage === 'REGISTERED' && dice.chance(0.5)) {
          // Requested, awaiting the head's prior approval (第18条): not yet taken.
          measures.push({
            ...base,
            takenAt,
            status: 'REQUESTED',
            emergency: false,
            approvedAt: null,
            approvedBy: null,
            dueOn: null,
          });
        } else {
          const emergency = dice.chance(0.15);
          const approvedAt = emergency ? new Date(takenAt.getTime() + dice.int(2, 20) * HOUR) : takenAt;
          const m: MeasureRow = {
            ...base,
            takenAt,
            status: 'IN_FORCE',
            emergency,
            approvedAt: approvedAt.getTime() <= now.getTime() ? approvedAt : null,
            approvedBy: null,
            dueOn: measureDueOn(takenAt),
          };
          if (m.approvedAt) m.approvedBy = head;
          if (dice.chance(0.2)) {
            m.extendedDays = dice.int(15, 30);
            m.extensionReason = '检验检测需要延长期限，经负责人批准延长';
            m.extendedBy = head;
            m.dueOn = measureDueOn(takenAt, m.extendedDays);
          }
          const takenOn = dayOf(takenDay);
          const release = (on: Date, reason: string) => {
            m.status = 'RELEASED';
            m.releasedOn = on.getTime() <= takenOn.getTime() ? addDays(takenOn, 1) : on;
            m.releaseReason = reason;
            m.releasedBy = officer(1);
          };
          if (decidedAt) {
            // Released by the decision: no later than the decision day and the last day in force.
            const decidedOn = shanghaiToday(decidedAt);
            const on = decidedOn.getTime() < m.dueOn!.getTime() ? decidedOn : m.dueOn!;
            release(
              on,
              decision === 'PENALTY' && penalties.some((p) => p.kind === 'CONFISCATE_PROPERTY')
                ? '作出处罚决定，涉案财物依法没收，解除扣押'
                : '案件已作出处理决定，不再需要查封、扣押',
            );
          } else if (m.dueOn!.getTime() < today.getTime()) {
            // Past its last day: released in time, or (a few) left in force — overdue.
            if (overdueMeasures < 3 && dice.chance(0.5)) overdueMeasures++;
            else release(addDays(m.dueOn!, -dice.int(0, 5)), '检验结果已出，不再需要查封、扣押');
          } else if (dice.chance(0.25) && today.getTime() > addDays(takenOn, 3).getTime())
            release(addDays(takenOn, dice.int(1, 3)), '当事人已改正，违法状态消除');
          if (m.releasedOn && m.releasedOn.getTime() > today.getTime()) m.releasedOn = today;
          measures.push(m);
        }
      }
    }

    const decidedBy = decision === null ? null : simple ? officer(0) : head;
    const ground: CaseGround | null =
      decision === 'NO_PENALTY'
        ? dice.weighted(NO_PENALTY_GROUNDS)
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
      steps: stepRows,
      row: {
        number: '',
        agencyId: agency.id,
        partyKind: enterprise ? 'ENTERPRISE' : 'NATURAL_PERSON',
        enterpriseId: enterprise?.id ?? null,
        partyDescription: enterprise ? null : '自然人（不具名）',
        violation: v.violation,
        violatedProvision: v.violated,
        penaltyProvision: v.penalty,
        matterId: agency.matterIds[vi]!,
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

  plans.sort((a, b) => a.row.registeredAt.getTime() - b.row.registeredAt.getTime());
  const serial = new Map<string, number>();
  const next = (key: string) => serialOf(serial, key);
  for (const p of plans) {
    const year = shanghaiYear(p.row.registeredAt);
    p.row.number = `${documentPrefixOf(p)}立〔${year}〕${next(`${p.row.agencyId}:REGISTRATION:${year}`)}号`;
  }
  // 行政处罚事先告知书 (阜市监罚告〔2025〕4号) and 查封（扣押）决定书 (阜市监强〔2025〕2号) per agency and year, in date order.
  const notices = plans.flatMap((p) => p.steps.filter((s) => s.kind === 'NOTICE').map((s) => ({ p, s })));
  notices.sort((a, b) => a.s.on.getTime() - b.s.on.getTime());
  for (const { p, s } of notices) {
    const year = shanghaiYear(s.on);
    s.documentNumber = `${documentPrefixOf(p)}罚告〔${year}〕${serialOf(noticeSerial, `${p.row.agencyId}:${year}`)}号`;
  }
  const taken = plans.flatMap((p) => p.measures.map((m) => ({ p, m })));
  taken.sort((a, b) => a.m.takenAt.getTime() - b.m.takenAt.getTime());
  for (const { p, m } of taken) {
    const year = shanghaiYear(m.takenAt);
    m.noticeDocumentNumber = `${documentPrefixOf(p)}强〔${year}〕${serialOf(measureSerial, `${p.row.agencyId}:${year}`)}号`;
  }
  const decided = plans.filter((p) => p.row.decidedAt && p.row.decision !== 'DROPPED');
  decided.sort((a, b) => a.row.decidedAt!.getTime() - b.row.decidedAt!.getTime());
  for (const p of decided) {
    const year = shanghaiYear(p.row.decidedAt!);
    const kind: DocumentKind = p.row.decision === 'NO_PENALTY' ? 'NO_PENALTY_DECISION' : 'PENALTY_DECISION';
    p.row.decisionNumber = `${documentPrefixOf(p)}${kind === 'NO_PENALTY_DECISION' ? '不罚' : '罚'}〔${year}〕${next(`${p.row.agencyId}:${kind}:${year}`)}号`;
    // The service step serves that document.
    for (const s of p.steps) if (s.kind === 'SERVICE') s.documentNumber = p.row.decisionNumber;
  }
  return plans.map(({ abbr: _abbr, ...plan }) => plan);
}

/** The fine proposed before a statement persuaded the agency: up to a quarter more, within the maximum. */
function bumped(fen: bigint, v: Violation): bigint {
  const max = BigInt(v.fine[1]) * 100n;
  const up = ((fen * 125n) / 100n / 1000n) * 1000n;
  return up > max ? (fen > max ? fen : max) : up < fen ? fen : up;
}

const KIND_TEXT: Record<PenaltyKind, string> = {
  WARNING: '警告',
  CRITICISM: '通报批评',
  FINE: '罚款',
  CONFISCATE_GAINS: '没收违法所得',
  CONFISCATE_PROPERTY: '没收非法财物',
  SUSPEND_LICENCE: '暂扣许可证件',
  LOWER_QUALIFICATION: '降低资质等级',
  REVOKE_LICENCE: '吊销许可证件',
  RESTRICT_ACTIVITIES: '限制开展生产经营活动',
  SUSPEND_OPERATIONS: '责令停产停业',
  CLOSE_DOWN: '责令关闭',
  BAN_PRACTICE: '限制从业',
};

function penaltyText(p: Penalty): string {
  return p.amountFen === null
    ? KIND_TEXT[p.kind]
    : `${KIND_TEXT[p.kind]} ${(Number(p.amountFen) / 100).toLocaleString('en-US')} 元`;
}

/** The sequences the plans used, so that numbers assigned later by openCase / decideCase follow on. */
export function documentSequences(
  plans: CasePlan[],
): { agencyId: number; kind: DocumentKind; year: number; last: number }[] {
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
    see(
      p.row.agencyId,
      p.row.decision === 'NO_PENALTY' ? 'NO_PENALTY_DECISION' : 'PENALTY_DECISION',
      p.row.decisionNumber,
    );
  }
  return [...last.values()];
}
