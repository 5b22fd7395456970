// The pure soft-measure rules at their edges (the last value allowed, the first refused); the API tests
// (soft-measures.test.ts, soft-measure-outcome.test.ts, soft-measure-follow-up.test.ts) take them through recordSoftMeasure.
import { describe, expect, it } from 'vitest';
import {
  datesRefusal,
  followUpCaseRefusal,
  isFollowUpOverdue,
  MAX_PARTICIPANTS,
  outcomeRefusal,
  participantsRefusal,
} from '../src/soft-measure-rules.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const names = (n: number) => Array.from({ length: n }, (_, i) => `参加人${i}`);

describe('participantsRefusal', () => {
  it('an interview: 1 and 20 allowed, 0 and 21 refused', () => {
    expect(MAX_PARTICIPANTS).toBe(20);
    expect(participantsRefusal('INTERVIEW', names(1))).toBeNull();
    expect(participantsRefusal('INTERVIEW', names(20))).toBeNull();
    expect(participantsRefusal('INTERVIEW', names(0))?.rule).toBe('FLEXIBLE_SOFT_PARTICIPANTS');
    expect(participantsRefusal('INTERVIEW', names(21))?.rule).toBe('FLEXIBLE_SOFT_PARTICIPANTS');
  });
  it('every other kind: none allowed, one refused', () => {
    for (const kind of ['REMINDER', 'NOTICE', 'DISSUASION', 'GUIDANCE', 'ADMONITION', 'COMMITMENT'] as const) {
      expect(participantsRefusal(kind, [])).toBeNull();
      const r = participantsRefusal(kind, names(1));
      expect(r?.rule).toBe('FLEXIBLE_SOFT_PARTICIPANTS');
      expect(r?.zh).toMatch(/县实施方案任务7/);
    }
  });
});

describe('datesRefusal', () => {
  const today = d('2026-03-10');
  it('taken today allowed, tomorrow refused', () => {
    expect(datesRefusal(d('2026-03-10'), null, today)).toBeNull();
    expect(datesRefusal(d('2026-03-11'), null, today)?.rule).toBe('FLEXIBLE_SOFT_TAKEN_IN_FUTURE');
  });
  it('a follow-up on the day taken allowed, the day before refused; any later day allowed', () => {
    expect(datesRefusal(d('2026-03-01'), d('2026-03-01'), today)).toBeNull();
    expect(datesRefusal(d('2026-03-01'), d('2026-04-30'), today)).toBeNull();
    const r = datesRefusal(d('2026-03-01'), d('2026-02-28'), today);
    expect(r?.rule).toBe('FLEXIBLE_SOFT_FOLLOW_UP_BEFORE_MEASURE');
    expect(r?.zh).toContain('2026-02-28');
    expect(r?.en).toContain("before the measure's day");
  });
});

describe('outcomeRefusal', () => {
  it('once: a recorded outcome is final', () => {
    expect(outcomeRefusal({ takenOn: d('2026-03-01'), outcome: null }, d('2026-03-01'))).toBeNull();
    for (const outcome of ['COMPLIED', 'PARTIAL', 'NOT_COMPLIED'] as const)
      expect(outcomeRefusal({ takenOn: d('2026-03-01'), outcome }, d('2026-03-05'))?.rule).toBe(
        'FLEXIBLE_SOFT_OUTCOME_RECORDED',
      );
  });
  it('on the measure’s day allowed, the day before refused', () => {
    expect(outcomeRefusal({ takenOn: d('2026-03-01'), outcome: null }, d('2026-02-28'))?.rule).toBe(
      'FLEXIBLE_SOFT_OUTCOME_EARLY',
    );
  });
});

describe('followUpCaseRefusal', () => {
  it('only after NOT_COMPLIED, and once', () => {
    expect(followUpCaseRefusal({ outcome: 'NOT_COMPLIED', followUpCaseId: null })).toBeNull();
    for (const outcome of [null, 'COMPLIED', 'PARTIAL'] as const)
      expect(followUpCaseRefusal({ outcome, followUpCaseId: null })?.rule).toBe('FLEXIBLE_SOFT_CASE_NOT_NONCOMPLIANCE');
    expect(followUpCaseRefusal({ outcome: 'NOT_COMPLIED', followUpCaseId: 7 })?.rule).toBe('FLEXIBLE_SOFT_CASE_EXISTS');
  });
});

describe('isFollowUpOverdue', () => {
  it('the follow-up day itself is not overdue, the next day is; an outcome or no follow-up never is', () => {
    const m = { followUpOn: d('2026-03-10'), outcome: null };
    expect(isFollowUpOverdue(m, d('2026-03-10'))).toBe(false);
    expect(isFollowUpOverdue(m, d('2026-03-11'))).toBe(true);
    expect(isFollowUpOverdue({ ...m, outcome: 'PARTIAL' }, d('2026-03-11'))).toBe(false);
    expect(isFollowUpOverdue({ followUpOn: null, outcome: null }, d('2026-03-11'))).toBe(false);
  });
});
