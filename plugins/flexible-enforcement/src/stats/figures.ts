// flexibleEnforcementStats' arithmetic, pure (no I/O): the range rule and the figures from the rollup's sums by
// metric and key (read.ts). County plan task 7 asks for 柔性执法 to be counted: soft measures and what followed them,
// invitations and how soon and how well they were answered, 从轻 / 减轻 decisions and the fines they left unimposed,
// and what the no-compulsory guard found.
import { RuleViolation } from '@zhifa/core';
import { medianOfHistogram } from '@zhifa/core/rules';

const DAY = 86_400_000;
/**
 * A range of at most this many days, both ends included: one calendar year, a leap year too — the annual 法治政府建设
 * report's period. Longer comparisons are made from several years' figures.
 */
export const MAX_STATS_DAYS = 366;

/** `from` and `to` are calendar days (UTC midnight); refused when `to` is before `from` or the range is too long. */
export function statsRangeRefusal(from: Date, to: Date): RuleViolation | null {
  const days = (to.getTime() - from.getTime()) / DAY + 1;
  if (days < 1)
    return new RuleViolation('FLEXIBLE_STATS_RANGE', {
      zh: '统计区间的截止日期不能早于起始日期',
      en: 'the range’s `to` must not be earlier than its `from`',
    });
  if (days > MAX_STATS_DAYS)
    return new RuleViolation('FLEXIBLE_STATS_RANGE', {
      zh: `统计区间不能超过 ${MAX_STATS_DAYS} 天（一个自然年，含闰年）`,
      en: `the range may span at most ${MAX_STATS_DAYS} days (one calendar year, a leap year included)`,
    });
  return null;
}

/** The rollup's sums for a range: metric → key → value. */
export type Sums = ReadonlyMap<string, ReadonlyMap<string, bigint>>;

export interface SoftMeasureFigures {
  total: number;
  byKind: Record<'REMINDER' | 'NOTICE' | 'DISSUASION' | 'GUIDANCE' | 'ADMONITION' | 'INTERVIEW' | 'COMMITMENT', number>;
  complied: number;
  partial: number;
  notComplied: number;
  /** No outcome recorded yet. */
  open: number;
  /** Open, and the follow-up day is before today (Asia/Shanghai). */
  overdue: number;
  followedByCase: number;
  /** Of those NOT_COMPLIED: a case was opened after it. */
  notCompliedFollowedByCase: number;
  /** followedByCase ÷ total; null when there are none. */
  followedByCaseShare: number | null;
  /** notCompliedFollowedByCase ÷ notComplied; null when none was NOT_COMPLIED. */
  notCompliedFollowedByCaseShare: number | null;
}

export interface InvitationFigures {
  total: number;
  byStatus: Record<'REQUESTED' | 'SCHEDULED' | 'VISITED' | 'CLOSED' | 'DECLINED' | 'WITHDRAWN', number>;
  /** Answered (scheduled or declined): the response times below are theirs. */
  responded: number;
  /** Median of the whole hours from the request to the first answer. */
  medianResponseHours: number | null;
  /** Mean of the exact times from the request to the first answer, in hours. */
  averageResponseHours: number | null;
  rated: number;
  averageRating: number | null;
}

export interface DecisionFigures {
  decisions: number;
  fineImposedFen: bigint;
  /** The matter's maximum less the fine imposed, summed over decisions whose matter names a maximum. */
  fineNotImposedFen: bigint;
  /** Decisions whose matter names no maximum fine (nothing can be said of what was left unimposed). */
  maximumUnknown: number;
}

export interface MeasureCheckFigures {
  waived: number;
  justifiedApproved: number;
  justifiedPending: number;
  refused: number;
}

export interface FlexibleFigures {
  softMeasures: SoftMeasureFigures;
  invitations: InvitationFigures;
  lighter: DecisionFigures;
  mitigated: DecisionFigures;
  measureChecks: MeasureCheckFigures;
}

const KINDS = ['REMINDER', 'NOTICE', 'DISSUASION', 'GUIDANCE', 'ADMONITION', 'INTERVIEW', 'COMMITMENT'] as const;
const STATUSES = ['REQUESTED', 'SCHEDULED', 'VISITED', 'CLOSED', 'DECLINED', 'WITHDRAWN'] as const;

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const HOUR_MS = 3_600_000;

/** The figures from the sums; `today` (YYYY-MM-DD, Asia/Shanghai) decides which open follow-ups are overdue. */
export function flexibleFigures(sums: Sums, today: string): FlexibleFigures {
  const of = (metric: string) => sums.get(metric) ?? new Map<string, bigint>();
  const n = (metric: string, key: string) => Number(of(metric).get(key) ?? 0n);
  const fen = (metric: string, key: string) => of(metric).get(key) ?? 0n;
  const total = (metric: string) => [...of(metric).values()].reduce((s, v) => s + Number(v), 0);

  const soft = {
    total: total('softKind'),
    notComplied: n('softOutcome', 'NOT_COMPLIED'),
    followedByCase: total('softFollowedByCase'),
    notCompliedFollowedByCase: n('softFollowedByCase', 'NOT_COMPLIED'),
  };
  // Keys are YYYY-MM-DD, so they compare as days.
  const overdue = [...of('softOpenFollowUp')].reduce((s, [day, v]) => (day < today ? s + Number(v) : s), 0);

  const hours = [...of('invResponseHours')].map(([key, v]) => ({ value: Number(key), count: Number(v) }));
  const responded = hours.reduce((s, h) => s + Math.max(h.count, 0), 0);
  const ratings = [...of('invRating')].map(([key, v]) => ({ value: Number(key), count: Number(v) }));
  const rated = ratings.reduce((s, r) => s + r.count, 0);

  const decisions = (decision: 'LIGHTER' | 'MITIGATED'): DecisionFigures => ({
    decisions: n('decision', decision),
    fineImposedFen: fen('decisionFineFen', decision),
    fineNotImposedFen: fen('decisionNotImposedFen', decision),
    maximumUnknown: n('decisionMaxUnknown', decision),
  });

  return {
    softMeasures: {
      ...soft,
      byKind: Object.fromEntries(KINDS.map((k) => [k, n('softKind', k)])) as SoftMeasureFigures['byKind'],
      complied: n('softOutcome', 'COMPLIED'),
      partial: n('softOutcome', 'PARTIAL'),
      open: n('softOutcome', 'OPEN'),
      overdue,
      followedByCaseShare: share(soft.followedByCase, soft.total),
      notCompliedFollowedByCaseShare: share(soft.notCompliedFollowedByCase, soft.notComplied),
    },
    invitations: {
      total: total('invStatus'),
      byStatus: Object.fromEntries(STATUSES.map((s) => [s, n('invStatus', s)])) as InvitationFigures['byStatus'],
      responded,
      medianResponseHours: medianOfHistogram(hours),
      averageResponseHours: responded === 0 ? null : n('invResponseMs', '') / responded / HOUR_MS,
      rated,
      averageRating: rated === 0 ? null : ratings.reduce((s, r) => s + r.value * r.count, 0) / rated,
    },
    lighter: decisions('LIGHTER'),
    mitigated: decisions('MITIGATED'),
    measureChecks: {
      waived: n('measureCheck', 'WAIVED'),
      justifiedApproved: n('measureCheckApproved', 'JUSTIFIED'),
      justifiedPending: n('measureCheck', 'JUSTIFIED') - n('measureCheckApproved', 'JUSTIFIED'),
      refused: n('measureCheck', 'REFUSED'),
    },
  };
}
