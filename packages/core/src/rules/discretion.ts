// 行政处罚裁量基准 (行政处罚法 第34条: 行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权；
// 行政处罚裁量基准应当向社会公布). A matter's benchmark splits its range into tiers — 不予处罚, 减轻, 从轻,
// 一般, 从重 — each with its fine sub-range, the kinds it imposes and the circumstances that place a case in
// it. A decision lies in its tier: LIGHTER in 从轻 (第32条), MITIGATED in 减轻 (第32条), PENALTY in 一般, or
// in 从重 when the decision states its aggravating circumstance. Where the matter has no tier of its own
// (no benchmark yet, or a fine set as a multiple of illegal gains, which fixed sub-ranges cannot state),
// the county's default bands apply — percentages of the lawful range, a setting (ZHIFA_CASE_DISCRETION_BANDS,
// 从轻 in the lowest 30 % by default, the common provincial practice). Pure.
import { z } from 'zod';
import type { Bilingual } from '../errors.js';
import { PenaltyKind, type CaseDecision } from '../generated/prisma/enums.js';
import type { RuleRefusal } from './case-stage.js';
import { PENALTY_KIND_NAMES } from './names.js';

export const DISCRETION_TIERS = ['NO_PENALTY', 'MITIGATED', 'LIGHTER', 'GENERAL', 'HEAVIER'] as const;
export type DiscretionTierKind = (typeof DISCRETION_TIERS)[number];

export const DISCRETION_TIER_NAMES: Record<DiscretionTierKind, Bilingual> = {
  NO_PENALTY: { zh: '不予处罚', en: 'no penalty' },
  MITIGATED: { zh: '减轻处罚', en: 'mitigated' },
  LIGHTER: { zh: '从轻处罚', en: 'lighter' },
  GENERAL: { zh: '一般处罚', en: 'general' },
  HEAVIER: { zh: '从重处罚', en: 'heavier' },
};

/** One tier of a benchmark. Amounts in fen; no bound = the matter's own. */
export interface DiscretionTier {
  tier: DiscretionTierKind;
  fineMinFen: bigint | null;
  fineMaxFen: bigint | null;
  /** Kinds a decision in this tier may impose (empty: any the matter allows). */
  penaltyKinds: PenaltyKind[];
  /** 适用情形: what places a case in this tier. */
  circumstances: string;
}

export const CIRCUMSTANCES_MAX = 2000;

// ── storage (EnforcementMatter.benchmark, JSON; fen as decimal strings, exact beyond 2^53) ─────────────

const fenString = z.string().regex(/^\d+$/);
const storedTier = z.object({
  tier: z.enum(DISCRETION_TIERS),
  fineMinFen: fenString.nullable(),
  fineMaxFen: fenString.nullable(),
  penaltyKinds: z.array(z.enum(PenaltyKind)),
  circumstances: z.string(),
});

/** The benchmark column's value: a ZodError (masked) for a stored value of another shape. */
export function readBenchmark(json: unknown): DiscretionTier[] {
  return z
    .array(storedTier)
    .parse(json ?? [])
    .map((t) => ({
      ...t,
      fineMinFen: t.fineMinFen === null ? null : BigInt(t.fineMinFen),
      fineMaxFen: t.fineMaxFen === null ? null : BigInt(t.fineMaxFen),
    }));
}

/** The JSON written for a benchmark, tiers in DISCRETION_TIERS order. */
export function benchmarkJson(tiers: readonly DiscretionTier[]): z.infer<typeof storedTier>[] {
  return [...tiers]
    .sort((a, b) => DISCRETION_TIERS.indexOf(a.tier) - DISCRETION_TIERS.indexOf(b.tier))
    .map((t) => ({
      tier: t.tier,
      fineMinFen: t.fineMinFen === null ? null : t.fineMinFen.toString(),
      fineMaxFen: t.fineMaxFen === null ? null : t.fineMaxFen.toString(),
      penaltyKinds: [...t.penaltyKinds],
      circumstances: t.circumstances,
    }));
}

// ── the matter's benchmark is coherent (MATTER_BENCHMARK) ────────────────────────────────────────────

export interface BenchmarkMatter {
  penaltyKinds: readonly PenaltyKind[];
  fineMinFen: bigint | null;
  fineMaxFen: bigint | null;
  benchmark: readonly DiscretionTier[];
}

const yuan = (fen: bigint) => `¥${fen / 100n}${fen % 100n ? `.${(fen % 100n).toString().padStart(2, '0')}` : ''}`;

export interface TierProblem extends Bilingual {
  tier: DiscretionTierKind;
}

/**
 * What is wrong with a benchmark (行政处罚法 第34条; 减轻 below the minimum, 从轻 and 从重 within the range,
 * 第32条): each tier once; every tier but 一般 states its circumstances; a sub-range needs 罚款 among the
 * kinds, min ≤ max, and lies within the matter's range (减轻 below its minimum where it has one); 不予处罚
 * imposes nothing; a tier's kinds are the matter's.
 */
export function benchmarkProblems(m: BenchmarkMatter): TierProblem[] {
  const out: TierProblem[] = [];
  const seen = new Set<DiscretionTierKind>();
  for (const t of m.benchmark) {
    const name = DISCRETION_TIER_NAMES[t.tier];
    const bad = (zh: string, en: string) =>
      out.push({
        tier: t.tier,
        zh: `裁量基准“${name.zh}”档：${zh}（行政处罚法第34条）`,
        en: `benchmark tier ${t.tier}: ${en} (art. 34)`,
      });
    if (seen.has(t.tier)) bad('重复', 'listed twice');
    seen.add(t.tier);
    if (t.tier !== 'GENERAL' && !t.circumstances.trim())
      bad('须写明适用情形', 'states the circumstances that place a case in it');
    if (t.circumstances.length > CIRCUMSTANCES_MAX)
      bad(`适用情形过长（上限 ${CIRCUMSTANCES_MAX} 字）`, 'circumstances too long');
    const hasBounds = t.fineMinFen !== null || t.fineMaxFen !== null;
    if (t.tier === 'NO_PENALTY') {
      if (hasBounds || t.penaltyKinds.length)
        bad('不予处罚不设罚款幅度和处罚种类', 'a no-penalty tier imposes nothing');
      continue;
    }
    const foreign = t.penaltyKinds.filter((k) => k !== 'CONFISCATE_GAINS' && !m.penaltyKinds.includes(k));
    if (foreign.length)
      bad(
        `处罚种类 ${foreign.map((k) => PENALTY_KIND_NAMES[k].zh).join('、')} 不在事项的处罚种类中`,
        `kinds ${foreign.join(', ')} are not the matter's`,
      );
    if (!hasBounds) continue;
    if (!m.penaltyKinds.includes('FINE')) bad('事项无罚款，不设罚款幅度', 'the matter has no fine; no sub-range');
    if (t.fineMinFen !== null && t.fineMaxFen !== null && t.fineMinFen > t.fineMaxFen)
      bad(`罚款下限 ${yuan(t.fineMinFen)} 高于上限 ${yuan(t.fineMaxFen)}`, 'minimum above maximum');
    const lo = m.fineMinFen ?? 0n;
    if (t.tier === 'MITIGATED') {
      if (lo > 0n && t.fineMaxFen !== null && t.fineMaxFen >= lo)
        bad(
          `减轻处罚应低于法定最低罚款 ${yuan(lo)}（第32条）`,
          `a mitigated fine lies below the statutory minimum ${yuan(lo)} (art. 32)`,
        );
    } else if (m.fineMaxFen !== null) {
      const outside = [t.fineMinFen, t.fineMaxFen].some((v) => v !== null && (v < lo || v > m.fineMaxFen!));
      if (outside)
        bad(
          `罚款幅度须在法定幅度 ${yuan(lo)} 至 ${yuan(m.fineMaxFen)} 之内（第32条：从轻、从重均在法定幅度内）`,
          `the sub-range lies within the statutory range ${yuan(lo)}–${yuan(m.fineMaxFen)} (art. 32)`,
        );
    }
  }
  return out;
}

// ── default bands (a setting) ────────────────────────────────────────────────────────────────────────

/** Percent bands of the lawful range [min, max] for the tiers within it, where the matter states none. */
export type DiscretionBands = Partial<Record<'LIGHTER' | 'GENERAL' | 'HEAVIER', readonly [number, number]>>;

/** 从轻 in the lowest 30 % of the range: the common provincial practice; 一般 and 从重 unbounded unless configured. */
export const DEFAULT_DISCRETION_BANDS: DiscretionBands = { LIGHTER: [0, 30] };

// ── the decision lies in its tier ─────────────────────────────────────────────────────────────────────

/** The tier a decision claims: LIGHTER 从轻, MITIGATED 减轻, PENALTY 一般 — or 从重 with its circumstance. */
export function decisionTier(decision: CaseDecision, aggravating: boolean): DiscretionTierKind | null {
  switch (decision) {
    case 'PENALTY':
      return aggravating ? 'HEAVIER' : 'GENERAL';
    case 'LIGHTER':
      return 'LIGHTER';
    case 'MITIGATED':
      return 'MITIGATED';
    default:
      return null;
  }
}

export interface DiscretionRequest {
  decision: CaseDecision;
  penalties: readonly { kind: PenaltyKind; amountFen: bigint | null }[];
  /** The 从重 circumstance stated with a PENALTY. */
  aggravatingFactor: string | null;
  /** The matter's benchmark (readBenchmark); null for a case without a matter. */
  benchmark: readonly DiscretionTier[] | null;
  /** The lawful range that applies (rules/decision.ts fineRange) and whether it is the fixed one (not multiples). */
  range: { minFen: bigint | null; maxFen: bigint | null; fixed: boolean };
  bands: DiscretionBands;
}

interface Bounds {
  lo: bigint | null;
  hi: bigint | null;
  kinds: readonly PenaltyKind[];
  basis: Bilingual;
}

function tierBounds(t: DiscretionTierKind, r: DiscretionRequest): Bounds | null {
  const own = r.range.fixed ? r.benchmark?.find((x) => x.tier === t) : undefined;
  if (own)
    return {
      lo: own.fineMinFen,
      hi: own.fineMaxFen,
      kinds: own.penaltyKinds,
      basis: { zh: '本事项裁量基准', en: "the matter's benchmark" },
    };
  const band = t === 'LIGHTER' || t === 'GENERAL' || t === 'HEAVIER' ? r.bands[t] : undefined;
  if (!band || r.range.maxFen === null) return null;
  const min = r.range.minFen ?? 0n;
  const span = r.range.maxFen - min;
  // Inclusive bounds, rounded outwards to the fen, so a band's edge is in both neighbouring tiers.
  const lo = min + (span * BigInt(Math.round(band[0] * 100))) / 10_000n;
  const hiNum = span * BigInt(Math.round(band[1] * 100));
  const hi = min + hiNum / 10_000n + (hiNum % 10_000n ? 1n : 0n);
  return {
    lo,
    hi,
    kinds: [],
    basis: {
      zh: `未制定裁量基准，按设定的默认幅度（法定幅度的 ${band[0]}%–${band[1]}%）`,
      en: `no benchmark of its own: the default band (${band[0]}–${band[1]} % of the statutory range)`,
    },
  };
}

const fmt = (b: Bounds) => `${b.lo === null ? '¥0' : yuan(b.lo)} 至 ${b.hi === null ? '不限' : yuan(b.hi)}`;
const fmtEn = (b: Bounds) => `${b.lo === null ? '¥0' : yuan(b.lo)} to ${b.hi === null ? 'no maximum' : yuan(b.hi)}`;

/**
 * DISCRETION_AGGRAVATING_ONLY_FOR_PENALTY, DISCRETION_KIND_OUTSIDE_TIER, DISCRETION_FINE_OUTSIDE_TIER:
 * the decision's fine and kinds lie in its tier (行政处罚法 第34条; 第32条 for 从轻 and 减轻; 第5条第2款
 * 过罚相当). A PENALTY above the 一般 tier names its 从重 circumstance and lies in the 从重 tier.
 */
export function discretionRefusal(r: DiscretionRequest): RuleRefusal | null {
  const aggravating = !!r.aggravatingFactor?.trim();
  if (aggravating && r.decision !== 'PENALTY')
    return {
      rule: 'DISCRETION_AGGRAVATING_ONLY_FOR_PENALTY',
      message: {
        zh: '从重情形只适用于予以处罚（从重档）的决定；从轻、减轻、不予处罚等决定不写从重情形（行政处罚法第34条）',
        en: 'an aggravating circumstance belongs to a PENALTY in the heavier tier only (art. 34)',
      },
    };
  const tier = decisionTier(r.decision, aggravating);
  if (!tier) return null;
  const b = tierBounds(tier, r);
  if (!b) return null;
  const name = DISCRETION_TIER_NAMES[tier];
  const outsideKind = b.kinds.length
    ? r.penalties.find((p) => p.kind !== 'CONFISCATE_GAINS' && !b.kinds.includes(p.kind))
    : undefined;
  if (outsideKind)
    return {
      rule: 'DISCRETION_KIND_OUTSIDE_TIER',
      message: {
        zh: `“${PENALTY_KIND_NAMES[outsideKind.kind].zh}”不属于${b.basis.zh}“${name.zh}”档的处罚种类（${b.kinds.map((k) => PENALTY_KIND_NAMES[k].zh).join('、')}；行政处罚法第34条）`,
        en: `${outsideKind.kind} is not among the kinds of the ${name.en} tier of ${b.basis.en} (${b.kinds.join(', ')}; art. 34)`,
      },
    };
  const fine = r.penalties.find((p) => p.kind === 'FINE')?.amountFen ?? null;
  if (fine === null) return null;
  if ((b.lo === null || fine >= b.lo) && (b.hi === null || fine <= b.hi)) return null;
  const heavier = tier === 'GENERAL' && b.hi !== null && fine > b.hi;
  return {
    rule: 'DISCRETION_FINE_OUTSIDE_TIER',
    message: {
      zh: `罚款 ${yuan(fine)} 不在${b.basis.zh}“${name.zh}”档 ${fmt(b)} 之内（行政处罚法第34条${tier === 'LIGHTER' || tier === 'MITIGATED' ? '、第32条' : '、第5条第2款'}）${heavier ? '；高于一般档的须写明从重情形，并在从重档之内' : ''}`,
      en: `the fine of ${yuan(fine)} is outside the ${name.en} tier of ${b.basis.en}, ${fmtEn(b)} (art. 34${tier === 'LIGHTER' || tier === 'MITIGATED' ? ', 32' : ', 5(2)'})${heavier ? '; above the general tier a decision states its aggravating circumstance and lies in the heavier tier' : ''}`,
    },
  };
}
