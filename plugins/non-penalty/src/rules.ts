// Non-penalty (不予处罚) eligibility, as pure functions: each condition of an item evaluated against the
// facts the officer established, the party's earlier cases and the correction order.
//
// Decisions, each tested in test/rules.test.ts:
// - Calendar days are Asia/Shanghai days (UTC+8, no daylight saving).
// - First offence (首违, 行政处罚法 第33条第1款 初次违法): no earlier violation of the same kind (同类) by the
//   same party within the look-back. "Same kind" = the same enforcement matter (行政执法事项, matterId);
//   an earlier case opened before matters existed (no matter) counts when its 违法依据 is the case's
//   after normalisation (NFKC, no whitespace); a case without a matter compares 违法依据 only. Only
//   decided cases count (a case that was dropped 撤销, or is still open, has established no violation).
// - The window is anchored on the day of this case's violation (violationOn; the registration day
//   when it is unknown), not on today: it runs from the same calendar day N years before that day up
//   to that day, both ends included, and an earlier case counts by the day of its own violation
//   (its registration day when unknown). A violation exactly two years before to the day still
//   counts (两年内), one a day older does not. 29 February counts back to 28 February.
// - Correction (及时改正): the deadline is the correction-order day plus the item's days (0 = the same
//   day, 当场改正). Corrected on or before the deadline day passes; corrected later, or not corrected
//   when the deadline has passed, fails (not eligible); not yet corrected within the deadline is PENDING.
// - Judgement facts (轻微, 无危害后果, 危害后果轻微, 无主观过错) are the officer's findings; an unstated
//   fact fails. "No harm" also satisfies "minor harm".
import { shanghaiToday } from '@zhifa/core/time';

export const NON_PENALTY_ITEM_KINDS = ['MINOR', 'FIRST_OFFENCE', 'NO_FAULT'] as const;
export type NonPenaltyItemKind = (typeof NON_PENALTY_ITEM_KINDS)[number];

/**
 * 行政处罚法 第33条: 不予行政处罚 (mandatory) for a minor violation corrected in time without harm
 * (第1款) and for no subjective fault (第2款); 可以不予行政处罚 (discretionary) for a first offence with
 * slight harm corrected in time (第1款).
 */
export const MANDATORY_ITEM_KINDS: readonly NonPenaltyItemKind[] = ['MINOR', 'NO_FAULT'];

export function isMandatory(kind: NonPenaltyItemKind): boolean {
  return MANDATORY_ITEM_KINDS.includes(kind);
}

export const ITEM_KIND_LEGAL_EFFECT: Record<NonPenaltyItemKind, { zh: string; en: string }> = {
  MINOR: { zh: '不予行政处罚（行政处罚法第33条第1款，应当）', en: 'no penalty, mandatory (art. 33(1))' },
  FIRST_OFFENCE: { zh: '可以不予行政处罚（行政处罚法第33条第1款，裁量）', en: 'no penalty at discretion (art. 33(1))' },
  NO_FAULT: { zh: '不予行政处罚（行政处罚法第33条第2款，应当）', en: 'no penalty, mandatory (art. 33(2))' },
};

export const NON_PENALTY_CONDITIONS = [
  'MINOR_VIOLATION',
  'NO_HARM',
  'FIRST_OFFENCE',
  'MINOR_HARM',
  'CORRECTED_IN_TIME',
  'NO_SUBJECTIVE_FAULT',
] as const;
export type NonPenaltyCondition = (typeof NON_PENALTY_CONDITIONS)[number];

export const ITEM_KIND_LABEL: Record<NonPenaltyItemKind, { zh: string; en: string }> = {
  MINOR: { zh: '轻微违法', en: 'minor violation (行政处罚法 第33条第1款)' },
  FIRST_OFFENCE: { zh: '首违不罚', en: 'first offence (行政处罚法 第33条第1款)' },
  NO_FAULT: { zh: '无主观过错', en: 'no subjective fault (行政处罚法 第33条第2款)' },
};

export const CONDITION_LABEL: Record<NonPenaltyCondition, { zh: string; en: string }> = {
  MINOR_VIOLATION: { zh: '违法行为轻微', en: 'the violation is minor' },
  NO_HARM: { zh: '没有造成危害后果', en: 'no harmful consequence' },
  FIRST_OFFENCE: { zh: '初次违法', en: 'first offence' },
  MINOR_HARM: { zh: '危害后果轻微', en: 'the harmful consequence is minor' },
  CORRECTED_IN_TIME: { zh: '及时改正', en: 'corrected in time' },
  NO_SUBJECTIVE_FAULT: { zh: '没有主观过错', en: 'no subjective fault' },
};

/** The conditions an item of each kind carries unless it names its own. */
export const DEFAULT_CONDITIONS: Record<NonPenaltyItemKind, NonPenaltyCondition[]> = {
  MINOR: ['MINOR_VIOLATION', 'CORRECTED_IN_TIME', 'NO_HARM'],
  FIRST_OFFENCE: ['FIRST_OFFENCE', 'MINOR_HARM', 'CORRECTED_IN_TIME'],
  NO_FAULT: ['NO_SUBJECTIVE_FAULT'],
};

export const DEFAULT_LOOKBACK_YEARS = 2;

export interface NonPenaltyItemRule {
  itemKind: NonPenaltyItemKind;
  conditions: readonly NonPenaltyCondition[];
  correctionDeadlineDays: number;
  /** 违法依据 the first-offence check compares earlier cases against. */
  violatedProvision: string;
}

/** What the officer established. Dates are Asia/Shanghai calendar days (an instant is read as its local day). */
export interface NonPenaltyFacts {
  /** 违法行为轻微 */
  minorViolation?: boolean | null;
  /** 没有造成危害后果 */
  noHarm?: boolean | null;
  /** 危害后果轻微 */
  minorHarm?: boolean | null;
  /** 当事人有证据足以证明没有主观过错 */
  noSubjectiveFault?: boolean | null;
  /** The day correction was ordered (责令改正). */
  correctionOrderedOn?: Date | null;
  /** The day the party completed the correction. */
  correctedOn?: Date | null;
  /** Only for an unnamed natural person, whose earlier cases the system cannot find. */
  officerVerifiedFirstOffence?: boolean | null;
}

/** The case evaluated, as far as the first-offence look-back is concerned. */
export interface CaseSubject {
  matterId: number | null;
  violatedProvision: string;
  /** Day the violation occurred (UTC midnight of the Shanghai day); null when unknown. */
  violationOn: Date | null;
  registeredAt: Date;
}

/** The day a case's violation counts from: its violationOn, or its registration day (Asia/Shanghai). */
export function violationDay(c: { violationOn?: Date | null; registeredAt: Date }): Date {
  return c.violationOn ? shanghaiToday(c.violationOn) : shanghaiToday(c.registeredAt);
}

/** Who the party is, as far as the first-offence check is concerned. */
export type PartyKind = 'ENTERPRISE' | 'NATURAL_PERSON';

export interface PriorCase {
  id: number;
  number?: string;
  violatedProvision: string;
  registeredAt: Date;
  /** 行政执法事项; null for a case opened before matters existed. */
  matterId?: number | null;
  /** Day the violation occurred (UTC midnight of the Shanghai day); null when unknown. */
  violationOn?: Date | null;
  /** null while the case is undecided. */
  /** A case transferred to the judicial organs (TRANSFERRED) established a violation too: it counts. */
  decision: 'PENALTY' | 'LIGHTER' | 'MITIGATED' | 'NO_PENALTY' | 'DROPPED' | 'TRANSFERRED' | null;
}

export type ConditionStatus = 'PASS' | 'FAIL' | 'PENDING';

export interface ConditionResult {
  code: NonPenaltyCondition;
  status: ConditionStatus;
  passed: boolean;
  reasonZh: string;
  reasonEn: string;
  /** Earlier cases that defeat a first-offence claim. */
  priorCaseIds?: number[];
}

export interface NonPenaltyEvaluation {
  /** Every condition passed. */
  eligible: boolean;
  itemKind: NonPenaltyItemKind;
  conditions: ConditionResult[];
  /** Last day (Asia/Shanghai, as UTC midnight) to correct; null when no correction was ordered. */
  correctionDeadline: Date | null;
  /** First day of the first-offence look-back window. */
  lookbackFrom: Date;
  /** Last day of the window: the day of the case's violation (its registration day when unknown). */
  lookbackUntil: Date;
}

const DAY = 86_400_000;

export function normaliseProvision(p: string): string {
  return p.normalize('NFKC').replace(/\s+/g, '');
}

/** The same calendar day `years` earlier; 29 February falls back to 28 February. */
export function yearsBefore(day: Date, years: number): Date {
  const y = day.getUTCFullYear() - years;
  const m = day.getUTCMonth();
  const d = Math.min(day.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
  return new Date(Date.UTC(y, m, d));
}

const fmt = (d: Date) => d.toISOString().slice(0, 10);

function result(
  code: NonPenaltyCondition,
  status: ConditionStatus,
  zh: string,
  en: string,
  extra: Partial<ConditionResult> = {},
): ConditionResult {
  const label = CONDITION_LABEL[code];
  return {
    code,
    status,
    passed: status === 'PASS',
    reasonZh: `${label.zh}：${zh}`,
    reasonEn: `${label.en}: ${en}`,
    ...extra,
  };
}

function judged(
  code: NonPenaltyCondition,
  value: boolean | null | undefined,
  yes: [string, string],
  no: [string, string],
): ConditionResult {
  if (value === true) return result(code, 'PASS', ...yes);
  if (value === false) return result(code, 'FAIL', ...no);
  return result(code, 'FAIL', '执法人员尚未认定', 'not established by the officer');
}

export function evaluateNonPenalty(
  item: NonPenaltyItemRule,
  facts: NonPenaltyFacts,
  priorCases: readonly PriorCase[],
  now: Date,
  lookbackYears: number = DEFAULT_LOOKBACK_YEARS,
  party: PartyKind = 'ENTERPRISE',
  /** The case; without it the window ends today and earlier cases compare with the item's 违法依据. */
  subject: CaseSubject = {
    matterId: null,
    violatedProvision: item.violatedProvision,
    violationOn: null,
    registeredAt: now,
  },
): NonPenaltyEvaluation {
  const today = shanghaiToday(now);
  const lookbackUntil = violationDay(subject);
  const lookbackFrom = yearsBefore(lookbackUntil, lookbackYears);
  const ordered = facts.correctionOrderedOn ? shanghaiToday(facts.correctionOrderedOn) : null;
  const correctionDeadline = ordered ? new Date(ordered.getTime() + item.correctionDeadlineDays * DAY) : null;

  const conditions = [...new Set(item.conditions)].map((code): ConditionResult => {
    switch (code) {
      case 'MINOR_VIOLATION':
        return judged(
          code,
          facts.minorViolation,
          ['已认定违法行为轻微', 'found minor'],
          ['认定违法行为并非轻微', 'found not minor'],
        );
      case 'NO_HARM':
        return judged(
          code,
          facts.noHarm,
          ['已认定未造成危害后果', 'found no harm'],
          ['已造成危害后果', 'harm was caused'],
        );
      case 'MINOR_HARM':
        if (facts.noHarm === true) return result(code, 'PASS', '未造成危害后果', 'no harm at all');
        return judged(
          code,
          facts.minorHarm,
          ['已认定危害后果轻微', 'found minor'],
          ['危害后果并非轻微', 'harm is not minor'],
        );
      case 'NO_SUBJECTIVE_FAULT':
        return judged(
          code,
          facts.noSubjectiveFault,
          ['当事人有证据足以证明没有主观过错', 'the party proved it had no fault'],
          ['当事人不能证明没有主观过错', 'the party did not prove absence of fault'],
        );
      case 'FIRST_OFFENCE': {
        // An unnamed natural person (不具名自然人) has no identity to search earlier cases by: only
        // the officer's own check can establish 初次违法 (行政处罚法 第33条第1款).
        if (party === 'NATURAL_PERSON')
          return facts.officerVerifiedFirstOffence === true
            ? result(
                code,
                'PASS',
                `当事人为不具名自然人，执法人员已核查 ${lookbackYears} 年内无同一违法行为`,
                `unnamed natural person; the officer verified no same violation within ${lookbackYears} years`,
              )
            : result(
                code,
                'FAIL',
                '当事人为不具名自然人，系统无法按当事人核查，须执法人员核查后确认',
                'unnamed natural person: the system cannot search earlier cases; the officer must verify and confirm',
              );
        const hits = priorCases.filter((c) => {
          if (c.decision === null || c.decision === 'DROPPED' || c.registeredAt.getTime() >= now.getTime())
            return false;
          if (!sameKind(subject, c)) return false;
          const day = violationDay(c).getTime();
          return day >= lookbackFrom.getTime() && day <= lookbackUntil.getTime();
        });
        const window = `${fmt(lookbackFrom)} 至 ${fmt(lookbackUntil)}（违法行为发生日）`;
        const windowEn = `${fmt(lookbackFrom)} to ${fmt(lookbackUntil)} (the day of the violation)`;
        if (hits.length === 0)
          return result(
            code,
            'PASS',
            `${window} ${lookbackYears} 年内无同类违法行为的案件`,
            `no case for the same kind of violation from ${windowEn}, ${lookbackYears}-year look-back`,
          );
        const refs = hits.map((c) => c.number ?? `#${c.id}`).join('、');
        return result(
          code,
          'FAIL',
          `${window} ${lookbackYears} 年内已有同类违法行为的案件：${refs}`,
          `earlier case(s) for the same kind of violation from ${windowEn}: ${refs}`,
          { priorCaseIds: hits.map((c) => c.id) },
        );
      }
      case 'CORRECTED_IN_TIME': {
        if (!ordered || !correctionDeadline)
          return result(code, 'FAIL', '尚未责令改正', 'no correction has been ordered');
        const deadline = fmt(correctionDeadline);
        if (facts.correctedOn) {
          const done = shanghaiToday(facts.correctedOn);
          return done.getTime() <= correctionDeadline.getTime()
            ? result(
                code,
                'PASS',
                `已于 ${fmt(done)} 改正（期限 ${deadline}）`,
                `corrected on ${fmt(done)} (deadline ${deadline})`,
              )
            : result(
                code,
                'FAIL',
                `逾期改正：${fmt(done)} 改正，期限为 ${deadline}`,
                `corrected late on ${fmt(done)}; deadline was ${deadline}`,
              );
        }
        return today.getTime() <= correctionDeadline.getTime()
          ? result(code, 'PENDING', `尚未改正，改正期限至 ${deadline}`, `not corrected yet; deadline ${deadline}`)
          : result(code, 'FAIL', `逾期未改正（期限 ${deadline}）`, `not corrected by the deadline ${deadline}`);
      }
    }
  });
  return {
    eligible: conditions.length > 0 && conditions.every((c) => c.passed),
    itemKind: item.itemKind,
    conditions,
    correctionDeadline,
    lookbackFrom,
    lookbackUntil,
  };
}

/**
 * 同类: an earlier case is of the same kind as the subject when both name the same matter; an earlier
 * case without a matter (opened before matters existed), or a subject without one, compares 违法依据.
 */
export function sameKind(
  subject: Pick<CaseSubject, 'matterId' | 'violatedProvision'>,
  prior: Pick<PriorCase, 'matterId' | 'violatedProvision'>,
): boolean {
  if (subject.matterId !== null && prior.matterId != null) return subject.matterId === prior.matterId;
  return normaliseProvision(subject.violatedProvision) === normaliseProvision(prior.violatedProvision);
}

/**
 * An item applies to a case about the same violation: the same 违法依据, or one citing a part of the
 * other (第三十六条 / 第三十六条第一款). Anything else would excuse one violation with another's item.
 */
export function provisionsMatch(caseProvision: string, itemProvision: string): boolean {
  const a = normaliseProvision(caseProvision);
  const b = normaliseProvision(itemProvision);
  return a === b || a.startsWith(b) || b.startsWith(a);
}

/** 国家企业信用信息公示系统: whether the officer checked the party's record there, and when. */
export interface CreditCheck {
  checked: boolean;
  /** The day checked (UTC midnight of the Shanghai day); null when not checked. */
  checkedOn: Date | null;
}

/**
 * An enterprise party's first offence (首违不罚, 行政处罚法 第33条第1款 初次违法) is established against the
 * national enterprise credit-information system, where every administrative penalty against an
 * enterprise is published (《企业信息公示暂行条例》第七条): the grant must record that it was checked,
 * on or after the day of the violation (an older check cannot speak for the time up to it). Other
 * items, and unnamed natural persons (not in the system), need no check. Returns why it is refused.
 */
export function creditCheckRefusal(
  itemKind: NonPenaltyItemKind,
  party: PartyKind,
  check: CreditCheck | null,
  violationOn: Date,
): { zh: string; en: string } | null {
  if (itemKind !== 'FIRST_OFFENCE' || party !== 'ENTERPRISE') return null;
  if (!check?.checked || !check.checkedOn)
    return {
      zh: '企业当事人适用首违不罚，须先查询国家企业信用信息公示系统核实为初次违法并记录查询日期（行政处罚法第33条第1款；企业信息公示暂行条例第七条）',
      en: 'A first-offence grant to an enterprise needs the national enterprise credit-information system (国家企业信用信息公示系统) checked, with the day (art. 33(1); 企业信息公示暂行条例 art. 7)',
    };
  if (check.checkedOn.getTime() < violationOn.getTime())
    return {
      zh: `国家企业信用信息公示系统的查询日期（${fmt(check.checkedOn)}）早于违法行为发生日（${fmt(violationOn)}），不能证明初次违法，请重新查询（行政处罚法第33条第1款）`,
      en: `The credit-information system was checked on ${fmt(check.checkedOn)}, before the violation (${fmt(violationOn)}); check again (art. 33(1))`,
    };
  return null;
}
