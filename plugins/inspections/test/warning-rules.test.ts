// The warning rules alone (rules/warning-rules.ts), each at its boundary: D days apart (Asia/Shanghai calendar days)
// trips and D + 1 does not; the cap is allowed and cap + 1 trips; a joint inspection counts once.
import { describe, expect, it } from 'vitest';
import {
  daysApart,
  highFrequencyWarning,
  multiAgencyWarning,
  repeatedWarning,
  unfiledWarning,
  withinDays,
  yearlyCapFor,
  type WarningVisit,
} from '../src/rules/warning-rules.js';

const t = { multiAgencyThreshold: 2, multiAgencyDays: 15, repeatDays: 30, yearlyCap: 2, yearlyCapByDomain: {} };
let seq = 0;
const v = (agencyId: number, visitedAt: string, extra: Partial<WarningVisit> = {}): WarningVisit => ({
  id: ++seq,
  agencyId,
  enterpriseId: 7,
  visitedAt: new Date(visitedAt),
  filingId: 1,
  jointInspectionId: null,
  leadAgencyId: null,
  itemIds: [100],
  ...extra,
});

describe('days apart (Asia/Shanghai)', () => {
  it('counts calendar days in Shanghai, not 24-hour periods', () => {
    // 23:30 UTC on 1 May is 07:30 on 2 May in Shanghai.
    expect(daysApart(new Date('2026-05-01T23:30:00Z'), new Date('2026-05-02T01:00:00Z'))).toBe(0);
    expect(daysApart(new Date('2026-05-01T15:59:00Z'), new Date('2026-05-01T16:00:00Z'))).toBe(1);
    expect(withinDays(new Date('2026-05-01T02:00:00Z'), new Date('2026-05-16T09:00:00Z'), 15)).toBe(true);
    expect(withinDays(new Date('2026-05-01T02:00:00Z'), new Date('2026-05-17T01:00:00Z'), 15)).toBe(false);
    expect(withinDays(new Date('2026-05-02T02:00:00Z'), new Date('2026-05-01T02:00:00Z'), 15)).toBe(false);
  });
});

describe('应报备未报备 UNFILED', () => {
  it('a visit without a filing, and only that', () => {
    const w = unfiledWarning(v(1, '2026-05-01T02:00:00Z', { filingId: null }))!;
    expect(w).toMatchObject({ rule: 'UNFILED', agencyId: 1, agencyIds: [1] });
    expect(w.dedupeKey).toMatch(/^unfiled:\d+$/);
    expect(w.basis).toMatch(/国办发〔2024〕54号.*任务15.*\|.*county plan task 15/);
    expect(unfiledWarning(v(1, '2026-05-01T02:00:00Z'))).toBeNull();
  });
});

describe('多头检查 MULTI_AGENCY', () => {
  it('another agency D days before trips; D + 1 days before does not', () => {
    const first = v(1, '2026-05-01T02:00:00Z');
    const onD = multiAgencyWarning(v(2, '2026-05-16T02:00:00Z'), [first], t)!;
    expect(onD).toMatchObject({
      rule: 'MULTI_AGENCY',
      agencyId: 2,
      agencyIds: [2, 1],
      dedupeKey: `multi:7:${first.id}`,
    });
    expect(onD.evidence).toMatchObject({ threshold: 2, days: 15, agencies: 2 });
    expect(onD.basis).toContain('MULTI_AGENCY_DAYS=15');
    expect(multiAgencyWarning(v(2, '2026-05-17T02:00:00Z'), [first], t)).toBeNull();
  });

  it('the threshold is reached, not exceeded: N − 1 agencies do not trip, N do', () => {
    const three = { ...t, multiAgencyThreshold: 3 };
    const a = v(1, '2026-05-01T02:00:00Z');
    const b = v(2, '2026-05-02T02:00:00Z');
    expect(multiAgencyWarning(b, [a], three)).toBeNull();
    expect(multiAgencyWarning(v(3, '2026-05-03T02:00:00Z'), [a, b], three)?.evidence).toMatchObject({ agencies: 3 });
  });

  it('the same agency twice is not 多头; agencies merged into one joint inspection count as its lead', () => {
    expect(multiAgencyWarning(v(1, '2026-05-03T02:00:00Z'), [v(1, '2026-05-01T02:00:00Z')], t)).toBeNull();
    const lead = v(1, '2026-05-01T02:00:00Z', { jointInspectionId: 9, leadAgencyId: 1 });
    const member = v(2, '2026-05-01T02:00:00Z', { jointInspectionId: 9, leadAgencyId: 1 });
    expect(multiAgencyWarning(member, [lead], t)).toBeNull();
    // The lead visiting again on its own: still one agency. A third agency on its own: two inspections, two agencies.
    expect(multiAgencyWarning(v(1, '2026-05-05T02:00:00Z'), [lead, member], t)).toBeNull();
    const third = multiAgencyWarning(v(3, '2026-05-05T02:00:00Z'), [lead, member], t)!;
    expect(third.evidence).toMatchObject({ agencies: 2 });
    expect(third.agencyIds.sort()).toEqual([1, 2, 3]);
  });

  it('one cluster, one key: a later agency in the same window keys on the same earliest visit', () => {
    const a = v(1, '2026-05-01T02:00:00Z');
    const b = v(2, '2026-05-02T02:00:00Z');
    const k1 = multiAgencyWarning(b, [a], t)!.dedupeKey;
    const k2 = multiAgencyWarning(v(3, '2026-05-03T02:00:00Z'), [a, b], t)!.dedupeKey;
    expect(k2).toBe(k1);
  });
});

describe('重复检查 REPEATED', () => {
  const item = (visitId: number, visitedAt: string, itemId = 100, jointInspectionId: number | null = null) => ({
    visitId,
    itemId,
    visitedAt: new Date(visitedAt),
    jointInspectionId,
  });
  it('the same item D days before trips; D + 1 does not; another item never', () => {
    const visit = v(1, '2026-06-30T02:00:00Z');
    const r = repeatedWarning(visit, [item(50, '2026-05-31T02:00:00Z')], t)!;
    expect(r).toMatchObject({ rule: 'REPEATED', dedupeKey: `repeat:${visit.id}`, visitIds: [50, visit.id] });
    expect(r.evidence).toMatchObject({ days: 30, repeats: [{ itemId: 100, previousVisitId: 50 }] });
    expect(repeatedWarning(visit, [item(50, '2026-05-30T02:00:00Z')], t)).toBeNull();
    expect(repeatedWarning(visit, [item(50, '2026-06-29T02:00:00Z', 101)], t)).toBeNull();
  });
  it('two visit rows of one joint inspection are one inspection, not a repeat', () => {
    const visit = v(1, '2026-06-30T02:00:00Z', { jointInspectionId: 9, leadAgencyId: 2 });
    expect(repeatedWarning(visit, [item(50, '2026-06-30T01:00:00Z', 100, 9)], t)).toBeNull();
    expect(repeatedWarning(visit, [item(50, '2026-06-29T01:00:00Z', 100, 8)], t)).not.toBeNull();
  });
});

describe('高频次检查 HIGH_FREQUENCY', () => {
  it('the cap-th visit of the year is allowed; cap + 1 trips', () => {
    const earlier = [v(1, '2026-02-01T02:00:00Z'), v(1, '2026-03-01T02:00:00Z')];
    expect(highFrequencyWarning(v(1, '2026-03-01T01:00:00Z'), earlier.slice(0, 1), 2, [])).toBeNull();
    const third = highFrequencyWarning(v(1, '2026-04-01T02:00:00Z'), earlier, 2, ['市场监管'])!;
    expect(third).toMatchObject({ rule: 'HIGH_FREQUENCY', dedupeKey: 'freq:7:1:2026:3' });
    expect(third.evidence).toMatchObject({ year: 2026, cap: 2, count: 3, domains: ['市场监管'] });
    expect(third.basis).toContain('年度上限 2 次');
  });
  it('counts the Shanghai calendar year: 31 Dec 17:00 UTC is already next year', () => {
    const earlier = [v(1, '2026-02-01T02:00:00Z'), v(1, '2026-03-01T02:00:00Z')];
    expect(highFrequencyWarning(v(1, '2026-12-31T17:00:00Z'), earlier, 2, [])).toBeNull();
    expect(highFrequencyWarning(v(1, '2026-12-31T15:00:00Z'), earlier, 2, [])).not.toBeNull();
  });
  it('a joint inspection counts once; another agency’s visits do not count', () => {
    const joint = [
      v(1, '2026-02-01T02:00:00Z', { jointInspectionId: 9 }),
      v(1, '2026-02-01T03:00:00Z', { jointInspectionId: 9 }),
      v(2, '2026-02-02T02:00:00Z'),
    ];
    expect(highFrequencyWarning(v(1, '2026-03-01T02:00:00Z'), joint, 2, [])).toBeNull();
    expect(
      highFrequencyWarning(v(1, '2026-04-01T02:00:00Z'), [...joint, v(1, '2026-03-01T02:00:00Z')], 2, []),
    ).not.toBeNull();
  });
  it('the cap of the visit’s domain, else the default; the largest of several', () => {
    const caps = { yearlyCap: 2, yearlyCapByDomain: { 食品安全: 4, 安全生产: 3 } };
    expect(yearlyCapFor([], caps)).toBe(2);
    expect(yearlyCapFor(['市场监管'], caps)).toBe(2);
    expect(yearlyCapFor(['安全生产'], caps)).toBe(3);
    expect(yearlyCapFor(['安全生产', '食品安全', '市场监管'], caps)).toBe(4);
  });
});
