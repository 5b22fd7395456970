// The catalogue's pure rules at their boundaries (rules/catalogue.ts): the 15 April and 31 March deadlines in
// Asia/Shanghai, the urgent approval deadline, the qualification day, the plan's and the scheme's steps.
import { describe, expect, it } from 'vitest';
import {
  approvalDueAt,
  itemPublishedLate,
  itemStepRefusal,
  planFiledLate,
  planStepRefusal,
  schemeApprovalLate,
  schemeDecisionRefusal,
} from '../src/rules/catalogue.js';
import { qualificationRefusal } from '../src/rules/qualification.js';

const d = (iso: string) => new Date(iso);

describe('deadlines (Asia/Shanghai)', () => {
  it('an item published by 15 April 23:59:59.999 is on time; 16 April 00:00 is late; another year’s item by its own year', () => {
    expect(itemPublishedLate(2026, d('2026-04-15T15:59:59.999Z'))).toBe(false);
    expect(itemPublishedLate(2026, d('2026-04-15T16:00:00.000Z'))).toBe(true);
    expect(itemPublishedLate(2027, d('2026-12-31T00:00:00Z'))).toBe(false);
    expect(itemPublishedLate(2026, null)).toBe(false);
  });

  it('a plan filed by 31 March 23:59:59.999 is on time; 1 April 00:00 is late', () => {
    expect(planFiledLate(2026, d('2026-03-31T15:59:59.999Z'))).toBe(false);
    expect(planFiledLate(2026, d('2026-03-31T16:00:00.000Z'))).toBe(true);
    expect(planFiledLate(2026, null)).toBe(false);
  });

  it('an urgent approval at its deadline is on time, a millisecond later late; a scheme without a deadline never late', () => {
    const due = approvalDueAt(d('2026-05-01T02:00:00Z'), 24);
    expect(due.toISOString()).toBe('2026-05-02T02:00:00.000Z');
    expect(schemeApprovalLate({ approvalDueAt: due, decidedAt: due })).toBe(false);
    expect(schemeApprovalLate({ approvalDueAt: due, decidedAt: new Date(due.getTime() + 1) })).toBe(true);
    expect(schemeApprovalLate({ approvalDueAt: due, decidedAt: null })).toBe(false);
    expect(schemeApprovalLate({ approvalDueAt: null, decidedAt: d('2030-01-01T00:00:00Z') })).toBe(false);
  });
});

describe('qualification and steps', () => {
  it('qualified on or before today; none or tomorrow refused', () => {
    const today = d('2026-03-10T00:00:00Z');
    const agency = (on: string | null) => ({ name: '某局', inspectionQualifiedOn: on ? d(on) : null });
    expect(qualificationRefusal(agency('2026-03-10T00:00:00Z'), today)).toBeNull();
    expect(qualificationRefusal(agency('2026-03-11T00:00:00Z'), today)?.rule).toBe('INSPECTION_AGENCY_NOT_QUALIFIED');
    expect(qualificationRefusal(agency(null), today)?.rule).toBe('INSPECTION_AGENCY_NOT_QUALIFIED');
  });

  it('plan: edit and file a draft, publish a filed plan, nothing else', () => {
    expect(planStepRefusal('DRAFT', 'UPDATE')).toBeNull();
    expect(planStepRefusal('DRAFT', 'FILE')).toBeNull();
    expect(planStepRefusal('FILED', 'PUBLISH')).toBeNull();
    for (const [status, step] of [
      ['DRAFT', 'PUBLISH'],
      ['FILED', 'UPDATE'],
      ['FILED', 'FILE'],
      ['PUBLISHED', 'UPDATE'],
      ['PUBLISHED', 'FILE'],
      ['PUBLISHED', 'PUBLISH'],
    ] as const)
      expect(planStepRefusal(status, step)?.rule, `${status} ${step}`).toBe('INSPECTION_PLAN_STATE');
  });

  it('scheme decided once; item published once and not after a repeal', () => {
    expect(schemeDecisionRefusal('PENDING')).toBeNull();
    expect(schemeDecisionRefusal('APPROVED')?.rule).toBe('INSPECTION_SCHEME_STATE');
    expect(schemeDecisionRefusal('REFUSED')?.rule).toBe('INSPECTION_SCHEME_STATE');
    const now = new Date();
    expect(itemStepRefusal({ publishedAt: null, repealedAt: null }, 'PUBLISH')).toBeNull();
    expect(itemStepRefusal({ publishedAt: now, repealedAt: null }, 'PUBLISH')?.rule).toBe('INSPECTION_ITEM_STATE');
    expect(itemStepRefusal({ publishedAt: now, repealedAt: null }, 'REPEAL')).toBeNull();
    expect(itemStepRefusal({ publishedAt: null, repealedAt: null }, 'REPEAL')).toBeNull();
    expect(itemStepRefusal({ publishedAt: now, repealedAt: now }, 'REPEAL')?.rule).toBe('INSPECTION_ITEM_STATE');
  });
});
