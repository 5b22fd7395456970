// What a decision (行政处罚决定 / 不予行政处罚决定 / 撤销案件) must carry, and what the law and the case's
// enforcement matter allow it to impose. Pure: the decision service reads the matter and the party
// and asks here.
import type { Bilingual } from '../errors.js';
import type { CaseDecision, CaseGround, CaseProcedure, PenaltyKind } from '../generated/prisma/enums.js';
import { isPenalty, type RuleRefusal } from './case-stage.js';
import { CASE_GROUND_NAMES, DECISION_NAMES, PENALTY_KIND_NAMES } from './names.js';

export interface PenaltyItem {
  kind: PenaltyKind;
  /** Fen for FINE, CONFISCATE_GAINS, CONFISCATE_PROPERTY (value of the property); null for every other kind. */
  amountFen: bigint | null;
}

export interface DecisionContent {
  decision: CaseDecision;
  penalties: PenaltyItem[];
  ground: CaseGround | null;
  groundNote: string | null;
  mitigatingCircumstance: string | null;
  illegalGainsFen: bigint | null;
}

/** The part of an enforcement matter a decision is checked against (its 处罚依据). */
export interface MatterTerms {
  penaltyProvision: string;
  penaltyKinds: readonly PenaltyKind[];
  fineMinFen: bigint | null;
  fineMaxFen: bigint | null;
  gainsMultipleMin: number | null;
  gainsMultipleMax: number | null;
  /** 违法所得不足此数额的，亦适用 fineMinFen–fineMaxFen (the provision's fallback); null: only when there are no gains. */
  fallbackBelowFen?: bigint | null;
}

/** Kinds that carry an amount. */
export const AMOUNT_KINDS: readonly PenaltyKind[] = ['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY'];

/** Grounds for not penalising (第30、31、33、36条) and for dropping a case (第57条第1款第(三)项, or another stated one). */
export const GROUNDS_BY_DECISION: Partial<Record<CaseDecision, readonly CaseGround[]>> = {
  NO_PENALTY: ['MINOR_CORRECTED', 'FIRST_OFFENCE', 'NO_FAULT', 'UNDER_FOURTEEN', 'MENTAL_ILLNESS', 'TIME_BARRED'],
  DROPPED: ['FACTS_NOT_ESTABLISHED', 'OTHER'],
};

/**
 * Grounds that concern the person who acted (第30条 不满十四周岁, 第31条 精神病人、智力残疾人): a natural
 * person's, never an organisation's. A minor of 14–18 is 从轻/减轻 (第30条), a circumstance, not a ground.
 */
export const NATURAL_PERSON_GROUNDS: readonly CaseGround[] = ['UNDER_FOURTEEN', 'MENTAL_ILLNESS'];

/** 简易程序 (第51条): a warning, or a fine up to ¥200 for a citizen and ¥3,000 for an organisation. */
export const SIMPLE_PROCEDURE_KINDS: readonly PenaltyKind[] = ['WARNING', 'FINE'];
export const SIMPLE_FINE_LIMIT_FEN = { naturalPerson: 20_000n, organisation: 300_000n } as const;

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** ¥30,000.00 */
export function yuan(fen: bigint): string {
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}¥${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export interface DecisionIssue {
  /** Path under the decision input, e.g. ['penalties', 1, 'amountFen']. */
  path: (string | number)[];
  message: Bilingual;
}

/**
 * The shape of the decision (a ValidationError when any): a penalty decision imposes at least one
 * penalty, a decision that imposes nothing none — except that a no-penalty decision may still
 * confiscate illegal gains (第28条第2款: 违法所得应当予以没收); each kind once; an amount, above 0 fen,
 * exactly for the kinds that have one; amounts an exact JSON number.
 */
export function decisionInputIssues(d: DecisionContent): DecisionIssue[] {
  const issues: DecisionIssue[] = [];
  const name = DECISION_NAMES[d.decision];
  if (isPenalty(d.decision) && d.penalties.length === 0)
    issues.push({
      path: ['penalties'],
      message: {
        zh: `“${name.zh}”须写明至少一项处罚（行政处罚法第9条）`,
        en: `a ${name.en} decision imposes at least one penalty (art. 9)`,
      },
    });
  const seen = new Set<PenaltyKind>();
  d.penalties.forEach((p, i) => {
    const kind = PENALTY_KIND_NAMES[p.kind];
    if (!isPenalty(d.decision) && !(d.decision === 'NO_PENALTY' && p.kind === 'CONFISCATE_GAINS'))
      issues.push({
        path: ['penalties', i, 'kind'],
        message:
          d.decision === 'NO_PENALTY'
            ? {
                zh: `不予处罚决定不得有“${kind.zh}”，仅可没收违法所得（行政处罚法第28条第2款）`,
                en: `a no-penalty decision imposes no ${kind.en}; it may only confiscate illegal gains (art. 28(2))`,
              }
            : { zh: `“${name.zh}”不得有处罚`, en: `a ${name.en} decision imposes no penalty` },
      });
    if (seen.has(p.kind))
      issues.push({
        path: ['penalties', i, 'kind'],
        message: { zh: `“${kind.zh}”重复，每种处罚只列一项`, en: `${kind.en} appears twice; list each kind once` },
      });
    seen.add(p.kind);
    if (AMOUNT_KINDS.includes(p.kind)) {
      if (p.amountFen === null || p.amountFen <= 0n)
        issues.push({
          path: ['penalties', i, 'amountFen'],
          message: { zh: `“${kind.zh}”须写明金额（大于 0 分）`, en: `${kind.en} needs an amount above 0 fen` },
        });
      else if (p.amountFen > MAX_EXACT)
        issues.push({
          path: ['penalties', i, 'amountFen'],
          message: { zh: '金额超出上限', en: 'amount out of range' },
        });
    } else if (p.amountFen !== null) {
      issues.push({
        path: ['penalties', i, 'amountFen'],
        message: { zh: `“${kind.zh}”没有金额`, en: `${kind.en} carries no amount` },
      });
    }
  });
  if (d.illegalGainsFen !== null && (d.illegalGainsFen < 0n || d.illegalGainsFen > MAX_EXACT))
    issues.push({
      path: ['illegalGainsFen'],
      message: {
        zh: '违法所得须为非负整数分且不超过上限',
        en: 'illegal gains must be a non-negative number of fen within range',
      },
    });
  return issues;
}

/** The derived columns: the sum of the fines, and of the confiscations; null when there is none. */
export function decisionSums(penalties: readonly PenaltyItem[]): {
  fineFen: bigint | null;
  confiscationFen: bigint | null;
} {
  const sum = (kinds: readonly PenaltyKind[]) => {
    const items = penalties.filter((p) => kinds.includes(p.kind));
    return items.length ? items.reduce((s, p) => s + (p.amountFen ?? 0n), 0n) : null;
  };
  return { fineFen: sum(['FINE']), confiscationFen: sum(['CONFISCATE_GAINS', 'CONFISCATE_PROPERTY']) };
}

/** A multiple as a fraction over 1000 (multiples are set to at most three decimals). */
const milli = (m: number) => BigInt(Math.round(m * 1000));
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

export interface FineRange {
  minFen: bigint | null;
  maxFen: bigint | null;
  /** How the range was set, for messages. */
  basis: Bilingual;
  /** The fixed amounts apply (not multiples of the gains). */
  fixed: boolean;
  /**
   * The matter sets the fine by multiples, the gains do not decide it (unknown, zero, or below the
   * provision's threshold) and the matter states no fallback range: the fine has no lawful maximum.
   */
  undetermined: boolean;
}

/**
 * The lawful fine range of a matter: a multiple of the illegal gains when the matter sets one and gains
 * were established (above 0, and at or above the provision's threshold when it names one — 违法所得不足一万元
 * 的…), otherwise its fixed minimum and maximum — for a multiples matter the provision's own fallback
 * range (没有违法所得或者违法所得不足…的，处…罚款), `undetermined` when it states none.
 */
export function fineRange(m: MatterTerms, illegalGainsFen: bigint | null): FineRange {
  const below = m.fallbackBelowFen ?? null;
  if (
    m.gainsMultipleMax !== null &&
    illegalGainsFen !== null &&
    illegalGainsFen > 0n &&
    (below === null || illegalGainsFen >= below)
  ) {
    const lo = m.gainsMultipleMin ?? 0;
    return {
      minFen: lo > 0 ? ceilDiv(illegalGainsFen * milli(lo), 1000n) : null,
      maxFen: (illegalGainsFen * milli(m.gainsMultipleMax)) / 1000n,
      basis: {
        zh: `违法所得 ${yuan(illegalGainsFen)} 的 ${lo} 至 ${m.gainsMultipleMax} 倍`,
        en: `${lo} to ${m.gainsMultipleMax} times the illegal gains of ${yuan(illegalGainsFen)}`,
      },
      fixed: false,
      undetermined: false,
    };
  }
  return {
    minFen: m.fineMinFen,
    maxFen: m.fineMaxFen,
    fixed: true,
    undetermined: m.gainsMultipleMax !== null && m.fineMaxFen === null,
    basis: {
      zh: `${m.fineMinFen !== null ? yuan(m.fineMinFen) : '¥0'} 至 ${m.fineMaxFen !== null ? yuan(m.fineMaxFen) : '不限'}`,
      en: `${m.fineMinFen !== null ? yuan(m.fineMinFen) : '¥0'} to ${m.fineMaxFen !== null ? yuan(m.fineMaxFen) : 'no maximum'}`,
    },
  };
}

export interface DecisionCircumstances {
  /** The case's enforcement matter; null for a case registered before matters existed (its kinds and range are not checked). */
  matter: MatterTerms | null;
  procedure: CaseProcedure;
  /** partyIsNaturalPerson (rules/party.ts) */
  naturalPerson: boolean;
}

/**
 * Whether the law allows this decision (its shape checked by decisionInputIssues first). In order:
 * 简易程序's outcomes (CASE_SIMPLE_PROCEDURE_OUTCOME, 第51条: only a penalty on the spot), the ground
 * (CASE_GROUND_REQUIRED, CASE_GROUND_NOT_FOR_DECISION; CASE_GROUND_NATURAL_PERSON_ONLY, 第30–31条), the 第32条 circumstance of a lighter
 * or mitigated penalty (CASE_MITIGATING_CIRCUMSTANCE_REQUIRED), the kinds the matter's provision allows
 * (PENALTY_KIND_NOT_ALLOWED; confiscating illegal gains is always lawful, 第28条第2款), 简易程序's limit
 * (CASE_SIMPLE_PROCEDURE_LIMIT, 第51条), the fine range (FINE_ABOVE_MAXIMUM; FINE_BELOW_MINIMUM unless
 * mitigated, 第32条).
 */
export function decisionRefusal(d: DecisionContent, at: DecisionCircumstances): RuleRefusal | null {
  const name = DECISION_NAMES[d.decision];
  if (at.procedure === 'SIMPLE' && !isPenalty(d.decision))
    return {
      rule: 'CASE_SIMPLE_PROCEDURE_OUTCOME',
      message: {
        zh: `简易程序只适用于当场作出警告或者小额罚款（行政处罚法第51条）；“${name.zh}”须先将案件转为普通程序，由行政机关负责人作出决定（第57条）`,
        en: `the simple procedure covers only a warning or a small fine decided on the spot (art. 51); a ${name.en} decision needs the case converted to the general procedure and is made by the agency head (art. 57)`,
      },
    };
  const allowed = GROUNDS_BY_DECISION[d.decision];
  if (allowed) {
    if (d.ground === null)
      return {
        rule: 'CASE_GROUND_REQUIRED',
        message:
          d.decision === 'NO_PENALTY'
            ? {
                zh: '不予处罚决定须写明法定理由（行政处罚法第30条、第31条、第33条、第36条）',
                en: 'a no-penalty decision needs its legal ground (arts. 30, 31, 33, 36)',
              }
            : {
                zh: '撤销案件须写明理由：违法事实不能成立（行政处罚法第57条第1款第三项）或其他理由',
                en: 'a dropped case needs its ground: facts not established (art. 57(1)(3)) or another stated ground',
              },
      };
    if (!allowed.includes(d.ground))
      return {
        rule: 'CASE_GROUND_NOT_FOR_DECISION',
        message: {
          zh: `“${CASE_GROUND_NAMES[d.ground].zh}”不是“${name.zh}”的理由（可选：${allowed.map((g) => CASE_GROUND_NAMES[g].zh).join('；')}）`,
          en: `${CASE_GROUND_NAMES[d.ground].en} is not a ground for a ${name.en} decision (allowed: ${allowed.join(', ')})`,
        },
      };
    if (NATURAL_PERSON_GROUNDS.includes(d.ground) && !at.naturalPerson)
      return {
        rule: 'CASE_GROUND_NATURAL_PERSON_ONLY',
        message: {
          zh: `“${CASE_GROUND_NAMES[d.ground].zh}”只适用于自然人当事人（行政处罚法第30条、第31条），本案当事人是单位；已满十四周岁不满十八周岁的未成年人是从轻或者减轻处罚的情形（第30条），不是不予处罚的理由`,
          en: `${CASE_GROUND_NAMES[d.ground].en} applies to a natural person only (arts. 30, 31); this party is an organisation. A minor of 14 to 18 is a ground for a lighter or mitigated penalty (art. 30), not for none`,
        },
      };
    if (d.ground === 'OTHER' && !d.groundNote?.trim())
      return {
        rule: 'CASE_GROUND_REQUIRED',
        message: {
          zh: '以“其他理由”撤销案件须写明理由（行政处罚法第57条）',
          en: 'dropping a case on another ground needs that ground stated (art. 57)',
        },
      };
  } else if (d.ground !== null) {
    return {
      rule: 'CASE_GROUND_NOT_FOR_DECISION',
      message: {
        zh: `“${name.zh}”不附不予处罚或撤销的理由（行政处罚法第33条、第57条）`,
        en: `a ${name.en} decision carries no ground for not penalising or dropping (arts. 33, 57)`,
      },
    };
  }

  if ((d.decision === 'LIGHTER' || d.decision === 'MITIGATED') && !d.mitigatingCircumstance?.trim())
    return {
      rule: 'CASE_MITIGATING_CIRCUMSTANCE_REQUIRED',
      message: {
        zh: `“${name.zh}”须写明行政处罚法第32条规定的从轻或者减轻情形`,
        en: `a ${name.en} decision needs its circumstance under art. 32`,
      },
    };

  if (at.matter) {
    const kind = matterKindRefusal(d.penalties, at.matter);
    if (kind) return kind;
  }

  const fine = d.penalties.find((p) => p.kind === 'FINE')?.amountFen ?? null;
  if (at.procedure === 'SIMPLE' && isPenalty(d.decision)) {
    const limit = at.naturalPerson ? SIMPLE_FINE_LIMIT_FEN.naturalPerson : SIMPLE_FINE_LIMIT_FEN.organisation;
    const party = at.naturalPerson
      ? { zh: '公民', en: 'a citizen' }
      : { zh: '法人或者其他组织', en: 'an organisation' };
    const other = d.penalties.find((p) => !SIMPLE_PROCEDURE_KINDS.includes(p.kind));
    if (other || (fine !== null && fine > limit))
      return {
        rule: 'CASE_SIMPLE_PROCEDURE_LIMIT',
        message: {
          zh: `简易程序只能对${party.zh}处以 ${yuan(limit)} 以下罚款或者警告（行政处罚法第51条）${other ? `，不能“${PENALTY_KIND_NAMES[other.kind].zh}”` : `，罚款 ${yuan(fine!)} 超出`}；须适用普通程序`,
          en: `the simple procedure allows only a warning or a fine up to ${yuan(limit)} for ${party.en} (art. 51)${other ? `, not ${PENALTY_KIND_NAMES[other.kind].en}` : `; ${yuan(fine!)} is more`}; use the general procedure`,
        },
      };
  }

  if (at.matter) return matterFineRefusal(d.penalties, at.matter, d.illegalGainsFen, d.decision === 'MITIGATED');
  return null;
}

/**
 * The kinds the matter's 处罚依据 allows (第4条: penalties are what the law provides); confiscating illegal
 * gains is always lawful (第28条第2款). One rule for the decision and for the notice that proposes it.
 */
export function matterKindRefusal(penalties: readonly PenaltyItem[], matter: MatterTerms): RuleRefusal | null {
  const notAllowed = penalties.find((p) => p.kind !== 'CONFISCATE_GAINS' && !matter.penaltyKinds.includes(p.kind));
  if (!notAllowed) return null;
  return {
    rule: 'PENALTY_KIND_NOT_ALLOWED',
    message: {
      zh: `处罚依据${matter.penaltyProvision}未规定“${PENALTY_KIND_NAMES[notAllowed.kind].zh}”（行政处罚法第4条：处罚须由法律、法规、规章规定；可处：${matter.penaltyKinds.map((k) => PENALTY_KIND_NAMES[k].zh).join('、') || '无'}）`,
      en: `the penalty provision ${matter.penaltyProvision} does not provide ${PENALTY_KIND_NAMES[notAllowed.kind].en} (art. 4; allowed: ${matter.penaltyKinds.join(', ') || 'none'})`,
    },
  };
}

/**
 * The fine within the matter's range (第4条, 第5条): a range at all (FINE_RANGE_UNDETERMINED: a multiple of
 * gains with none established and no fallback range); not above its maximum; not below its minimum unless
 * mitigated under 第32条. One rule for the decision and for the notice that proposes it.
 */
export function matterFineRefusal(
  penalties: readonly PenaltyItem[],
  matter: MatterTerms,
  illegalGainsFen: bigint | null,
  mitigated: boolean,
): RuleRefusal | null {
  const fine = penalties.find((p) => p.kind === 'FINE')?.amountFen ?? null;
  if (fine === null) return null;
  const range = fineRange(matter, illegalGainsFen);
  if (range.undetermined)
    return {
      rule: 'FINE_RANGE_UNDETERMINED',
      message: {
        zh: `处罚依据${matter.penaltyProvision}按违法所得的倍数处以罚款，但未认定违法所得${matter.fallbackBelowFen ? `（或不足 ${yuan(matter.fallbackBelowFen)}）` : ''}，事项也未载明没有违法所得时的罚款幅度，罚款没有法定上限，不能作出（行政处罚法第4条、第5条）：请认定违法所得，或在事项中载明该条规定的罚款幅度`,
        en: `${matter.penaltyProvision} sets the fine as a multiple of illegal gains, none are established${matter.fallbackBelowFen ? ` (or they are below ${yuan(matter.fallbackBelowFen)})` : ''} and the matter states no range for that case: the fine has no lawful maximum (arts. 4, 5) — establish the gains, or record the provision's own range on the matter`,
      },
    };
  if (range.maxFen !== null && fine > range.maxFen)
    return {
      rule: 'FINE_ABOVE_MAXIMUM',
      message: {
        zh: `罚款 ${yuan(fine)} 超过处罚依据${matter.penaltyProvision}规定的上限（${range.basis.zh}；行政处罚法第4条、第5条）`,
        en: `the fine of ${yuan(fine)} exceeds the maximum of ${matter.penaltyProvision} (${range.basis.en}; arts. 4, 5)`,
      },
    };
  if (range.minFen !== null && fine < range.minFen && !mitigated)
    return {
      rule: 'FINE_BELOW_MINIMUM',
      message: {
        zh: `罚款 ${yuan(fine)} 低于处罚依据${matter.penaltyProvision}规定的下限（${range.basis.zh}）；只有依行政处罚法第32条减轻处罚时方可低于下限`,
        en: `the fine of ${yuan(fine)} is below the minimum of ${matter.penaltyProvision} (${range.basis.en}); only a mitigated penalty under art. 32 may go below it`,
      },
    };
  return null;
}
