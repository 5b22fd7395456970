// The warning module's rules 预警规则 (county plan task 15: 涉企行政检查 监督; 国办发〔2024〕54号 《关于严格规范涉企
// 行政检查的意见》: 检查应当报备、避免多头检查、重复检查, 合理确定检查频次). Pure: the visit and its look-backs
// come in, warnings to raise (with their evidence, basis and dedupe key) come out; warnings/raise.ts reads and writes.
//
// Where the issue is silent, decided here:
// - "within D days" counts Asia/Shanghai calendar days: an earlier visit is within D days of a later one when the
//   later one's day is at most D days after the earlier one's (D days apart: within; D + 1: not). Supervisors read
//   "15日内" as calendar days, and a visit at 09:00 and one at 17:00 fifteen days later are fifteen days apart.
// - Look-backs only: a visit is judged against the visits recorded before it at or before its time. Visits are
//   recorded at the door (扫码入企), so each visit judged as it is recorded sees every visit that precedes it.
// - A joint inspection (综合查一次) is one inspection of the enterprise: its member agencies' visits count once, as an
//   inspection by its lead agency, for 多头检查; once per agency for 重复检查 and 高频次检查 (a member agency did
//   inspect, but two visit rows of one joint inspection are not two inspections).
// - 多头检查 is raised once per cluster: the key is the enterprise and the earliest visit within the window, so the
//   third, fourth … agency within the same window adds to nothing new; a window that has slid past that visit is a
//   new cluster. 重复检查 is raised once per repeating visit; 高频次检查 once per inspection over the cap (the
//   n-th of the year, n > cap), so each excess inspection is its own warning.
// - The cap of a visit whose items are of several domains is the largest of their caps: a visit lawfully made under
//   a domain with a higher published cap is not an excess because it also checked a second matter.
import { msg } from '@zhifa/core';
import type { InspectionWarningRule } from '@zhifa/core/prisma';
import { addDays, shanghaiToday, shanghaiYear, startOfShanghaiDay } from '@zhifa/core/time';

const DAY_MS = 86_400_000;

/** A visit as the rules need it. */
export interface WarningVisit {
  id: number;
  agencyId: number;
  enterpriseId: number;
  visitedAt: Date;
  filingId: number | null;
  jointInspectionId: number | null;
  /** The lead agency of its joint inspection; null when not joint. */
  leadAgencyId: number | null;
  itemIds: number[];
}

/** A visit's item as the 重复检查 look-back reads it (InspectionVisitItem with its visit's joint inspection). */
export interface WarningVisitItem {
  visitId: number;
  itemId: number;
  visitedAt: Date;
  jointInspectionId: number | null;
}

/** The thresholds (the plugin's settings, settings.ts). */
export interface WarningThresholds {
  multiAgencyThreshold: number;
  multiAgencyDays: number;
  repeatDays: number;
  yearlyCap: number;
  yearlyCapByDomain: Record<string, number>;
}

/** A warning to raise: raise.ts inserts it unless its dedupeKey is taken. */
export interface WarningDraft {
  rule: InspectionWarningRule;
  dedupeKey: string;
  enterpriseId: number;
  /** The agency answerable (whose visit tripped it). */
  agencyId: number;
  /** Every agency involved, the answerable one first. */
  agencyIds: number[];
  visitIds: number[];
  evidence: Record<string, unknown>;
  /** 依据, bilingual (`中文|English`, msg). */
  basis: string;
}

/** Calendar days (Asia/Shanghai) from `earlier`'s day to `later`'s. */
export function daysApart(earlier: Date, later: Date): number {
  return Math.round((shanghaiToday(later).getTime() - shanghaiToday(earlier).getTime()) / DAY_MS);
}

/** Whether `earlier` is within `days` calendar days before `later` (or on its day): D apart yes, D + 1 no. */
export function withinDays(earlier: Date, later: Date, days: number): boolean {
  const d = daysApart(earlier, later);
  return d >= 0 && d <= days;
}

/** The instant a look-back of `days` days before `at` starts reading from (the start of that Shanghai day). */
export function lookBackStart(at: Date, days: number): Date {
  return startOfShanghaiDay(addDays(shanghaiToday(at), -days));
}

/** The instant the Shanghai calendar year of `at` begins. */
export function yearStart(at: Date): Date {
  return startOfShanghaiDay(new Date(Date.UTC(shanghaiYear(at), 0, 1)));
}

const BASIS = '国办发〔2024〕54号；方案任务15';
const BASIS_EN = 'State Council General Office Opinion 国办发〔2024〕54号; county plan task 15';
const iso = (d: Date) => d.toISOString();
const byTime = (a: { visitedAt: Date; id: number }, b: { visitedAt: Date; id: number }) =>
  a.visitedAt.getTime() - b.visitedAt.getTime() || a.id - b.id;
const unique = (xs: number[]) => [...new Set(xs)];

/**
 * 应报备未报备: a visit recorded without a filing (国办发〔2024〕54号: 检查前报备; 方案任务14、15 线上报备、扫码入企).
 */
export function unfiledWarning(visit: WarningVisit): WarningDraft | null {
  if (visit.filingId !== null) return null;
  return {
    rule: 'UNFILED',
    dedupeKey: `unfiled:${visit.id}`,
    enterpriseId: visit.enterpriseId,
    agencyId: visit.agencyId,
    agencyIds: [visit.agencyId],
    visitIds: [visit.id],
    evidence: { visits: [{ visitId: visit.id, agencyId: visit.agencyId, visitedAt: iso(visit.visitedAt) }] },
    basis: msg(
      `应报备未报备：入企检查前须线上报备，该次检查无报备记录（${BASIS}）`,
      `unfiled: an inspection is filed online before the visit; this visit has no filing (${BASIS_EN})`,
    ),
  };
}

/** The agency an inspection counts for in 多头检查: a joint inspection's lead, otherwise the visit's own agency. */
const inspectingAgency = (v: WarningVisit) => v.leadAgencyId ?? v.agencyId;
/** One inspection of the enterprise: a joint inspection's visits are one. */
const inspectionKey = (v: WarningVisit) => (v.jointInspectionId !== null ? `j${v.jointInspectionId}` : `v${v.id}`);

/**
 * 多头检查: `multiAgencyThreshold` or more agencies inspecting one enterprise separately within `multiAgencyDays`
 * days of the visit (国办发〔2024〕54号: 避免多头检查, 推行综合查一次; 方案任务15). Agencies merged into one joint
 * inspection count as one (its lead). `earlier`: the enterprise's visits before this one (any window; filtered here).
 */
export function multiAgencyWarning(
  visit: WarningVisit,
  earlier: readonly WarningVisit[],
  t: Pick<WarningThresholds, 'multiAgencyThreshold' | 'multiAgencyDays'>,
): WarningDraft | null {
  const days = t.multiAgencyDays;
  const window = [
    ...earlier.filter((v) => v.id !== visit.id && withinDays(v.visitedAt, visit.visitedAt, days)),
    visit,
  ].sort(byTime);
  const agencies = new Map<string, number>();
  for (const v of window) if (!agencies.has(inspectionKey(v))) agencies.set(inspectionKey(v), inspectingAgency(v));
  const distinct = unique([...agencies.values()]);
  if (distinct.length < t.multiAgencyThreshold) return null;
  const answerable = inspectingAgency(visit);
  const first = window[0];
  return {
    rule: 'MULTI_AGENCY',
    dedupeKey: `multi:${visit.enterpriseId}:${first.id}`,
    enterpriseId: visit.enterpriseId,
    agencyId: answerable,
    agencyIds: unique([answerable, ...window.map(inspectingAgency), ...window.map((v) => v.agencyId)]),
    visitIds: window.map((v) => v.id),
    evidence: {
      threshold: t.multiAgencyThreshold,
      days,
      agencies: distinct.length,
      windowFrom: iso(lookBackStart(visit.visitedAt, days)),
      visits: window.map((v) => ({
        visitId: v.id,
        agencyId: v.agencyId,
        visitedAt: iso(v.visitedAt),
        jointInspectionId: v.jointInspectionId,
        countsFor: inspectingAgency(v),
      })),
    },
    basis: msg(
      `多头检查：${days} 日内 ${distinct.length} 个单位分别对同一企业实施检查，达到预警阈值 ${t.multiAgencyThreshold} 个` +
        `（未合并为联合检查；设置 MULTI_AGENCY_THRESHOLD=${t.multiAgencyThreshold}、MULTI_AGENCY_DAYS=${days}；${BASIS}）`,
      `multi-agency: ${distinct.length} agencies inspected one enterprise separately within ${days} days, ` +
        `reaching the threshold of ${t.multiAgencyThreshold} (not merged into a joint inspection; settings ` +
        `MULTI_AGENCY_THRESHOLD=${t.multiAgencyThreshold}, MULTI_AGENCY_DAYS=${days}; ${BASIS_EN})`,
    ),
  };
}

/**
 * 重复检查: the same agency inspecting the same item at one enterprise again within `repeatDays` days
 * (国办发〔2024〕54号: 避免重复检查; 方案任务15). `earlierItems`: the agency's visit items at the enterprise for the
 * visit's items, before this visit; a visit of the same joint inspection is the same inspection, not a repeat.
 */
export function repeatedWarning(
  visit: WarningVisit,
  earlierItems: readonly WarningVisitItem[],
  t: Pick<WarningThresholds, 'repeatDays'>,
): WarningDraft | null {
  const days = t.repeatDays;
  const repeats = earlierItems
    .filter(
      (i) =>
        i.visitId !== visit.id &&
        visit.itemIds.includes(i.itemId) &&
        (visit.jointInspectionId === null || i.jointInspectionId !== visit.jointInspectionId) &&
        withinDays(i.visitedAt, visit.visitedAt, days),
    )
    .sort((a, b) => a.itemId - b.itemId || a.visitedAt.getTime() - b.visitedAt.getTime() || a.visitId - b.visitId);
  if (repeats.length === 0) return null;
  return {
    rule: 'REPEATED',
    dedupeKey: `repeat:${visit.id}`,
    enterpriseId: visit.enterpriseId,
    agencyId: visit.agencyId,
    agencyIds: [visit.agencyId],
    visitIds: unique([...repeats.map((r) => r.visitId), visit.id]),
    evidence: {
      days,
      visitId: visit.id,
      visitedAt: iso(visit.visitedAt),
      repeats: repeats.map((r) => ({
        itemId: r.itemId,
        previousVisitId: r.visitId,
        previousVisitedAt: iso(r.visitedAt),
      })),
    },
    basis: msg(
      `重复检查：同一单位 ${days} 日内对同一企业就同一检查事项再次检查（设置 REPEAT_DAYS=${days}；${BASIS}）`,
      `repeated: the same agency inspected the same item at one enterprise again within ${days} days (setting REPEAT_DAYS=${days}; ${BASIS_EN})`,
    ),
  };
}

/** The yearly cap of a visit whose items are of `domains`: the largest of their caps, yearlyCap where none is set. */
export function yearlyCapFor(
  domains: readonly string[],
  t: Pick<WarningThresholds, 'yearlyCap' | 'yearlyCapByDomain'>,
) {
  const caps = unique([...domains].map((d) => t.yearlyCapByDomain[d] ?? t.yearlyCap));
  return caps.length ? Math.max(...caps) : t.yearlyCap;
}

/**
 * 高频次检查: more inspections of one enterprise by one agency in a calendar year (Asia/Shanghai) than the cap
 * (国办发〔2024〕54号: 合理确定检查频次; 方案任务15; 咸宁 caps at 2, the default; per domain a setting).
 * `sameAgencyThisYear`: the agency's visits at the enterprise from the start of the visit's year up to it.
 */
export function highFrequencyWarning(
  visit: WarningVisit,
  sameAgencyThisYear: readonly WarningVisit[],
  cap: number,
  domains: readonly string[],
): WarningDraft | null {
  const year = shanghaiYear(visit.visitedAt);
  const visits = [
    ...sameAgencyThisYear.filter(
      (v) =>
        v.id !== visit.id &&
        v.agencyId === visit.agencyId &&
        shanghaiYear(v.visitedAt) === year &&
        v.visitedAt.getTime() <= visit.visitedAt.getTime(),
    ),
    visit,
  ].sort(byTime);
  // This visit's own inspection was counted already (a second row of one joint inspection): nothing new.
  if (visits.some((v) => v.id !== visit.id && inspectionKey(v) === inspectionKey(visit))) return null;
  const count = new Set(visits.map(inspectionKey)).size;
  if (count <= cap) return null;
  return {
    rule: 'HIGH_FREQUENCY',
    dedupeKey: `freq:${visit.enterpriseId}:${visit.agencyId}:${year}:${count}`,
    enterpriseId: visit.enterpriseId,
    agencyId: visit.agencyId,
    agencyIds: [visit.agencyId],
    visitIds: visits.map((v) => v.id),
    evidence: {
      year,
      cap,
      count,
      domains: [...domains].sort(),
      visits: visits.map((v) => ({
        visitId: v.id,
        visitedAt: iso(v.visitedAt),
        jointInspectionId: v.jointInspectionId,
      })),
    },
    basis: msg(
      `高频次检查：${year} 年同一单位对同一企业第 ${count} 次检查，超过年度上限 ${cap} 次` +
        `（联合检查计一次；设置 YEARLY_CAP / YEARLY_CAP_BY_DOMAIN 取 ${cap}；${BASIS}）`,
      `high frequency: inspection ${count} of one enterprise by one agency in ${year}, above the yearly cap of ` +
        `${cap} (a joint inspection counts once; settings YEARLY_CAP / YEARLY_CAP_BY_DOMAIN give ${cap}; ${BASIS_EN})`,
    ),
  };
}
