// Enforcement matters 行政执法事项 (the agency's 权责清单 and 裁量基准, county plan task 4). Pure.
//
// Sources: 行政处罚法 (2021) 第4条 (处罚依据须法定), 第9条 (种类), 第17条 (在法定职权范围内实施), 第34条
// (行政处罚裁量基准 — 应当向社会公布), 第36条 (追责时效: 二年; 涉及公民生命健康安全、金融安全且有危害后果的, 五年).
// A matter states what its penalty provision allows: the kinds, a fine range in fen and/or a range
// of multiples of the illegal gains. Cases copy the provisions at opening and the decision is
// checked against the matter (rules/decision.ts), so the matter itself must be coherent.
import type { AgencyKind, PenaltyKind } from '../generated/prisma/enums.js';
import { benchmarkProblems, type DiscretionTier, type DiscretionTierKind } from './discretion.js';
import { jointKindsProblems } from './joint-penalties.js';

/** The fields of a matter as entered (GraphQL input or one CSV row). */
export interface MatterFields {
  code: string;
  name: string;
  domain: string;
  agencyKinds: readonly AgencyKind[];
  violatedProvision: string;
  penaltyProvision: string;
  penaltyKinds: readonly PenaltyKind[];
  fineMinFen: bigint | null;
  fineMaxFen: bigint | null;
  gainsMultipleMin: number | null;
  gainsMultipleMax: number | null;
  limitationYears: number;
  /** 违法所得不足此数额的，亦适用 fineMinFen–fineMaxFen (with a multiple of gains). */
  fallbackBelowFen: bigint | null;
  /** 并处: kinds every penalty decision imposes; kinds of which it imposes at least one. */
  mandatoryKinds: readonly PenaltyKind[];
  alternativeKinds: readonly PenaltyKind[];
  /** 裁量基准 tiers (rules/discretion.ts). */
  benchmark: readonly DiscretionTier[];
}

/** One thing wrong with a matter: a stable rule code, the input field it is about, both languages naming the article. */
export interface MatterProblem {
  rule: string;
  /** Field of MatterFields the problem is about (the GraphQL input path / the CSV column). */
  field: keyof MatterFields;
  /** The benchmark tier a MATTER_BENCHMARK problem is about. */
  tier?: DiscretionTierKind;
  zh: string;
  en: string;
}

/** Lengths of a matter's text fields (GraphQL input and CSV cells alike). */
export const MATTER_LIMITS = { code: 50, name: 200, domain: 50, provision: 2000, search: 100 };

/** 事项编码: letters, digits and . _ - / (a 权责清单 code such as 320923-SJ-CF-001), no spaces. */
export const MATTER_CODE = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;

/** 第36条: the only limitation periods the law knows. */
export const LIMITATION_YEARS = [2, 5] as const;

/** Largest multiple of illegal gains a Chinese statute uses is 30 (e.g. 食品安全法第124条 货值金额三十倍); 100 leaves room, catches typos. */
export const MAX_GAINS_MULTIPLE = 100;

/**
 * Agency kinds that cannot hold penalty power (第17条: 行政处罚由具有行政处罚权的行政机关在法定职权范围内实施):
 * a 司法所 is the justice bureau's dispatched office for supervision, a survey organisation is a company.
 */
export const NON_ENFORCING_AGENCY_KINDS: readonly AgencyKind[] = ['JUSTICE_OFFICE', 'SURVEY_ORGANISATION'];

const fmtYuan = (fen: bigint) => {
  const y = fen / 100n;
  const r = fen % 100n;
  return r === 0n ? `¥${y}` : `¥${y}.${r.toString().padStart(2, '0')}`;
};

/** Everything wrong with a matter, in field order; empty when it is coherent. */
export function matterProblems(m: MatterFields): MatterProblem[] {
  const out: MatterProblem[] = [];
  const hasFine = m.penaltyKinds.includes('FINE');
  const fineRange =
    m.fineMinFen !== null || m.fineMaxFen !== null || m.gainsMultipleMin !== null || m.gainsMultipleMax !== null;

  const barred = m.agencyKinds.filter((k) => NON_ENFORCING_AGENCY_KINDS.includes(k));
  if (barred.length)
    out.push({
      rule: 'MATTER_AGENCY_KIND_NOT_ENFORCING',
      field: 'agencyKinds',
      zh: `实施主体类别 ${barred.join('、')} 不具有行政处罚权（行政处罚法第17条）`,
      en: `agency kind(s) ${barred.join(', ')} hold no penalty power (Administrative Penalty Law art. 17)`,
    });

  if (new Set(m.penaltyKinds).size !== m.penaltyKinds.length)
    out.push({
      rule: 'MATTER_PENALTY_KIND_REPEATED',
      field: 'penaltyKinds',
      zh: '处罚种类重复（行政处罚法第9条）',
      en: 'a penalty kind is listed twice (art. 9)',
    });

  if (fineRange && !hasFine)
    out.push({
      rule: 'MATTER_FINE_NOT_A_KIND',
      field: 'penaltyKinds',
      zh: '给出了罚款幅度，处罚种类须包含“罚款”（行政处罚法第9条第（二）项）',
      en: 'a fine range is given, so the penalty kinds must include FINE (art. 9(2))',
    });
  if (hasFine && m.fineMaxFen === null && m.gainsMultipleMax === null)
    out.push({
      rule: 'MATTER_FINE_RANGE_REQUIRED',
      field: 'fineMaxFen',
      zh: '处罚种类含“罚款”，须填写罚款上限或违法所得倍数上限（行政处罚法第4条、第34条：处罚依据和裁量基准须明确幅度）',
      en: 'the penalty kinds include FINE: give a maximum fine or a maximum multiple of illegal gains (arts. 4 and 34: the provision and the discretion benchmark state the range)',
    });

  if (m.fineMinFen !== null && m.fineMaxFen === null)
    out.push({
      rule: 'MATTER_FINE_RANGE',
      field: 'fineMaxFen',
      zh: '填写了罚款下限，须同时填写罚款上限（行政处罚法第34条）',
      en: 'a minimum fine needs a maximum fine too (art. 34)',
    });
  if (m.fineMinFen !== null && m.fineMaxFen !== null && m.fineMinFen > m.fineMaxFen)
    out.push({
      rule: 'MATTER_FINE_RANGE',
      field: 'fineMinFen',
      zh: `罚款下限 ${fmtYuan(m.fineMinFen)} 高于上限 ${fmtYuan(m.fineMaxFen)}（行政处罚法第34条）`,
      en: `the minimum fine ${fmtYuan(m.fineMinFen)} is above the maximum ${fmtYuan(m.fineMaxFen)} (art. 34)`,
    });
  if (m.fineMaxFen !== null && m.fineMaxFen === 0n)
    out.push({
      rule: 'MATTER_FINE_RANGE',
      field: 'fineMaxFen',
      zh: '罚款上限须大于 0（行政处罚法第34条）',
      en: 'the maximum fine must be above 0 (art. 34)',
    });

  for (const [field, v] of [
    ['gainsMultipleMin', m.gainsMultipleMin],
    ['gainsMultipleMax', m.gainsMultipleMax],
  ] as const)
    if (v !== null && (!Number.isFinite(v) || v < 0 || v > MAX_GAINS_MULTIPLE))
      out.push({
        rule: 'MATTER_GAINS_MULTIPLE_RANGE',
        field,
        zh: `违法所得倍数须在 0 至 ${MAX_GAINS_MULTIPLE} 之间（行政处罚法第34条）`,
        en: `a multiple of illegal gains must be between 0 and ${MAX_GAINS_MULTIPLE} (art. 34)`,
      });
  if (m.gainsMultipleMin !== null && m.gainsMultipleMax === null)
    out.push({
      rule: 'MATTER_GAINS_MULTIPLE_RANGE',
      field: 'gainsMultipleMax',
      zh: '填写了违法所得倍数下限，须同时填写倍数上限（行政处罚法第34条）',
      en: 'a minimum multiple of illegal gains needs a maximum multiple too (art. 34)',
    });
  if (m.gainsMultipleMax !== null && m.gainsMultipleMax === 0)
    out.push({
      rule: 'MATTER_GAINS_MULTIPLE_RANGE',
      field: 'gainsMultipleMax',
      zh: '违法所得倍数上限须大于 0（行政处罚法第34条）',
      en: 'the maximum multiple must be above 0 (art. 34)',
    });
  if (m.gainsMultipleMin !== null && m.gainsMultipleMax !== null && m.gainsMultipleMin > m.gainsMultipleMax)
    out.push({
      rule: 'MATTER_GAINS_MULTIPLE_RANGE',
      field: 'gainsMultipleMin',
      zh: `违法所得倍数下限 ${m.gainsMultipleMin} 高于上限 ${m.gainsMultipleMax}（行政处罚法第34条）`,
      en: `the minimum multiple ${m.gainsMultipleMin} is above the maximum ${m.gainsMultipleMax} (art. 34)`,
    });

  if (m.fallbackBelowFen !== null && (m.gainsMultipleMax === null || m.fineMaxFen === null || m.fallbackBelowFen <= 0n))
    out.push({
      rule: 'MATTER_FALLBACK_RANGE',
      field: 'fallbackBelowFen',
      zh: '“违法所得不足…元的适用罚款幅度”须与违法所得倍数上限和罚款上限一并填写，且大于 0（行政处罚法第34条）',
      en: 'the gains threshold below which the fine range applies needs a maximum multiple and a maximum fine, and is above 0 (art. 34)',
    });

  for (const p of jointKindsProblems(m)) out.push({ rule: 'MATTER_JOINT_KINDS', ...p });

  for (const p of benchmarkProblems(m)) out.push({ rule: 'MATTER_BENCHMARK', field: 'benchmark', ...p });

  if (!(LIMITATION_YEARS as readonly number[]).includes(m.limitationYears))
    out.push({
      rule: 'MATTER_LIMITATION_YEARS',
      field: 'limitationYears',
      zh: `追责时效只能是 2 年或 5 年（涉及公民生命健康安全、金融安全且有危害后果的），不能是 ${m.limitationYears} 年（行政处罚法第36条）`,
      en: `the limitation period is 2 years, or 5 where life, health or financial safety is involved and harm followed — not ${m.limitationYears} (art. 36)`,
    });
  return out;
}

/** Publishing refusal: a matter already published cannot be published again (and the reverse for withdrawing). */
export function publicationRefusal(
  m: { published: boolean },
  publish: boolean,
): { rule: string; zh: string; en: string } | null {
  if (publish && m.published)
    return {
      rule: 'MATTER_ALREADY_PUBLISHED',
      zh: '该执法事项已公布（行政处罚法第34条）',
      en: 'the matter is already published (art. 34)',
    };
  if (!publish && !m.published)
    return {
      rule: 'MATTER_NOT_PUBLISHED',
      zh: '该执法事项尚未公布，无需撤回（行政处罚法第34条）',
      en: 'the matter is not published; nothing to withdraw (art. 34)',
    };
  return null;
}
