// The pure rules beside the workflow: 行政处罚法 第66条's payment arrangements at their bounds, and what an
// approval changes in the rollups (the previous approved revision's counts taken off on its own day).
import { describe, expect, it } from 'vitest';
import { approvalDeltas } from '../src/assessments.js';
import { mitigationIssues, proposesFine, type MitigationDraft } from '../src/rules/mitigations.js';

const today = new Date('2026-12-07T00:00:00Z');
const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000);
const m = (kind: MitigationDraft['kind'], instalments: number | null, dueOn: Date | null): MitigationDraft => ({
  kind,
  text: '内容',
  instalments,
  dueOn,
});
const paths = (ms: MitigationDraft[], fineProposed = true) =>
  mitigationIssues(ms, { fineProposed, today }).map((i) => i.path.join('.'));

describe('mitigationIssues (第66条)', () => {
  it('instalments 2–12, the last day after today', () => {
    expect(paths([m('INSTALMENT', 2, day(1))])).toEqual([]);
    expect(paths([m('INSTALMENT', 12, day(1))])).toEqual([]);
    expect(paths([m('INSTALMENT', 1, day(1))])).toEqual(['mitigations.0.instalments']);
    expect(paths([m('INSTALMENT', 13, day(1))])).toEqual(['mitigations.0.instalments']);
    expect(paths([m('INSTALMENT', 2, day(0))])).toEqual(['mitigations.0.dueOn']);
    expect(paths([m('INSTALMENT', null, null)])).toEqual(['mitigations.0.instalments', 'mitigations.0.dueOn']);
  });

  it('a deferral: a day after today, no instalments', () => {
    expect(paths([m('DEFERRAL', null, day(1))])).toEqual([]);
    expect(paths([m('DEFERRAL', null, day(0))])).toEqual(['mitigations.0.dueOn']);
    expect(paths([m('DEFERRAL', 3, day(1))])).toEqual(['mitigations.0.instalments']);
  });

  it('only with a proposed fine; one at most; other mitigations carry no terms', () => {
    expect(paths([m('DEFERRAL', null, day(1))], false)).toEqual(['mitigations.0']);
    expect(paths([m('DEFERRAL', null, day(1)), m('INSTALMENT', 2, day(2))])).toEqual(['mitigations.1']);
    expect(paths([m('COMPLIANCE_GUIDANCE', null, null), m('FOLLOW_UP_VISIT', null, null)], false)).toEqual([]);
    expect(paths([m('MILDER_MEASURE', null, day(1))])).toEqual(['mitigations.0']);
    const [issue] = mitigationIssues([m('DEFERRAL', null, day(1))], { fineProposed: false, today });
    expect(issue.message.zh).toContain('行政处罚法第66条');
    expect(issue.message.en).toContain('art. 66');
  });

  it('a fine is proposed when a FINE has an amount above zero', () => {
    expect(proposesFine([{ kind: 'FINE', amountFen: '1' }])).toBe(true);
    expect(proposesFine([{ kind: 'FINE', amountFen: '0' }])).toBe(false);
    expect(proposesFine([{ kind: 'WARNING', amountFen: null }])).toBe(false);
  });
});

describe('approvalDeltas', () => {
  const now = new Date('2026-12-07T02:00:00Z');
  it('the first approval: level, each mitigation kind once, Shanghai days since the first trigger', () => {
    const approved = { level: 'HIGH' as const, approvedAt: now, mitigations: [{ kind: 'X' }, { kind: 'X' }] };
    // 2026-12-03 23:30 in Shanghai is 15:30 UTC: four Shanghai days before 2026-12-07 10:00 Shanghai.
    const deltas = approvalDeltas(1, now, approved, null, new Date('2026-12-03T15:30:00Z'));
    expect(deltas.map((d) => [d.metric, d.key, d.count])).toEqual([
      ['level', 'HIGH', 1],
      ['mitigation', 'X', 1],
      ['daysToApproval', '4', 1],
    ]);
  });

  it('a later approval replaces the previous revision’s counts on that revision’s day; no days counted again', () => {
    const before = new Date('2026-11-30T02:00:00Z');
    const deltas = approvalDeltas(
      1,
      now,
      { level: 'LOW', approvedAt: now, mitigations: [] },
      { level: 'HIGH', approvedAt: before, mitigations: [{ kind: 'X' }] },
      new Date('2026-11-01T00:00:00Z'),
    );
    expect(deltas.map((d) => [d.metric, d.key, d.count, d.at])).toEqual([
      ['level', 'LOW', 1, now],
      ['level', 'HIGH', -1, before],
      ['mitigation', 'X', -1, before],
    ]);
  });
});
