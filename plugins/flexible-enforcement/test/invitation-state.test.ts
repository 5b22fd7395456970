// The invitation's state machine, exhaustively: every status × every step is allowed exactly where the table below
// says, and refused everywhere else with the typed rule; the rating at its edges; the visit's day at its edges; how
// long a visit binds, at its last day.
import { describe, expect, it } from 'vitest';
import type { InvitationStatus } from '@zhifa/core/prisma';
import {
  INVITATION_STATUSES,
  INVITATION_STEPS,
  invitationStepRefusal,
  ratingRefusal,
  statusAfter,
  visitBinds,
  visitDateRefusal,
  windowIssue,
  type InvitationStep,
} from '../src/rules/invitation-state.js';

/** What each step does from each status: the status it leads to, or the rule that refuses it. */
const TABLE: Record<InvitationStatus, Record<InvitationStep, string>> = {
  REQUESTED: {
    SCHEDULE: 'SCHEDULED',
    DECLINE: 'DECLINED',
    VISIT: 'FLEXIBLE_INVITATION_STATE',
    CLOSE: 'FLEXIBLE_INVITATION_STATE',
    WITHDRAW: 'WITHDRAWN',
    RATE: 'FLEXIBLE_INVITATION_RATING',
  },
  SCHEDULED: {
    SCHEDULE: 'SCHEDULED', // the agency reschedules
    DECLINE: 'FLEXIBLE_INVITATION_STATE',
    VISIT: 'VISITED',
    CLOSE: 'FLEXIBLE_INVITATION_STATE',
    WITHDRAW: 'WITHDRAWN',
    RATE: 'FLEXIBLE_INVITATION_RATING',
  },
  VISITED: {
    SCHEDULE: 'FLEXIBLE_INVITATION_STATE',
    DECLINE: 'FLEXIBLE_INVITATION_STATE',
    VISIT: 'FLEXIBLE_INVITATION_STATE',
    CLOSE: 'CLOSED',
    WITHDRAW: 'FLEXIBLE_INVITATION_STATE',
    RATE: 'VISITED',
  },
  CLOSED: {
    SCHEDULE: 'FLEXIBLE_INVITATION_STATE',
    DECLINE: 'FLEXIBLE_INVITATION_STATE',
    VISIT: 'FLEXIBLE_INVITATION_STATE',
    CLOSE: 'FLEXIBLE_INVITATION_STATE',
    WITHDRAW: 'FLEXIBLE_INVITATION_STATE',
    RATE: 'CLOSED',
  },
  DECLINED: {
    SCHEDULE: 'FLEXIBLE_INVITATION_STATE',
    DECLINE: 'FLEXIBLE_INVITATION_STATE',
    VISIT: 'FLEXIBLE_INVITATION_STATE',
    CLOSE: 'FLEXIBLE_INVITATION_STATE',
    WITHDRAW: 'FLEXIBLE_INVITATION_STATE',
    RATE: 'FLEXIBLE_INVITATION_RATING',
  },
  WITHDRAWN: {
    SCHEDULE: 'FLEXIBLE_INVITATION_STATE',
    DECLINE: 'FLEXIBLE_INVITATION_STATE',
    VISIT: 'FLEXIBLE_INVITATION_STATE',
    CLOSE: 'FLEXIBLE_INVITATION_STATE',
    WITHDRAW: 'FLEXIBLE_INVITATION_STATE',
    RATE: 'FLEXIBLE_INVITATION_RATING',
  },
};

describe('the invitation state machine', () => {
  it('covers every status and every step', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...INVITATION_STATUSES].sort());
    for (const s of INVITATION_STATUSES) expect(Object.keys(TABLE[s]).sort()).toEqual([...INVITATION_STEPS].sort());
  });

  for (const status of INVITATION_STATUSES)
    for (const step of INVITATION_STEPS) {
      const expected = TABLE[status][step];
      it(`${status} × ${step} → ${expected}`, () => {
        const r = invitationStepRefusal(status, step);
        if (expected.startsWith('FLEXIBLE_')) {
          expect(r?.rule).toBe(expected);
          expect(r?.message.zh).toMatch(/方案任务7/);
          expect(r?.message.en).toMatch(/county plan task 7/);
        } else {
          expect(r).toBeNull();
          expect(statusAfter(status, step)).toBe(expected);
        }
      });
    }
});

describe('rating', () => {
  const visited = { status: 'VISITED' as const, rating: null };
  it('1 and 5 are allowed; 0, 6 and a fraction are refused', () => {
    expect(ratingRefusal(visited, 1)).toBeNull();
    expect(ratingRefusal(visited, 5)).toBeNull();
    expect(ratingRefusal({ status: 'CLOSED', rating: null }, 3)).toBeNull();
    for (const bad of [0, 6, 2.5]) expect(ratingRefusal(visited, bad)?.rule).toBe('FLEXIBLE_INVITATION_RATING');
  });
  it('twice is refused, and before the visit', () => {
    expect(ratingRefusal({ status: 'VISITED', rating: 4 }, 5)?.message.en).toMatch(/already rated/);
    expect(ratingRefusal({ status: 'SCHEDULED', rating: null }, 5)?.message.en).toMatch(/only after/);
  });
});

describe('dates', () => {
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  it('the preferred window starts today at the earliest and ends on or after its start', () => {
    expect(windowIssue(d('2026-03-10'), d('2026-03-10'), d('2026-03-10'))).toBeNull();
    expect(windowIssue(d('2026-03-09'), d('2026-03-12'), d('2026-03-10'))?.field).toBe('preferredFrom');
    expect(windowIssue(d('2026-03-11'), d('2026-03-10'), d('2026-03-10'))?.field).toBe('preferredTo');
  });
  it('a visit is recorded from the scheduled day (Asia/Shanghai), never in the future', () => {
    // Scheduled 09:00 Shanghai on 10 March; visited 00:00 Shanghai that day is allowed, 23:59 the day before not.
    const scheduledFor = new Date('2026-03-10T01:00:00Z');
    const now = new Date('2026-03-12T00:00:00Z');
    expect(visitDateRefusal(new Date('2026-03-09T16:00:00Z'), scheduledFor, now)).toBeNull();
    expect(visitDateRefusal(new Date('2026-03-09T15:59:00Z'), scheduledFor, now)?.rule).toBe(
      'FLEXIBLE_INVITATION_VISIT_DATE',
    );
    expect(visitDateRefusal(now, scheduledFor, now)).toBeNull();
    expect(visitDateRefusal(new Date(now.getTime() + 1000), scheduledFor, now)?.rule).toBe(
      'FLEXIBLE_INVITATION_VISIT_DATE',
    );
  });
  it('a visit binds through its anniversary, not the day after', () => {
    expect(visitBinds(d('2026-03-10'), d('2027-03-10'))).toBe(true);
    expect(visitBinds(d('2026-03-10'), d('2027-03-11'))).toBe(false);
  });
});
