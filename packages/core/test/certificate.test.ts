import { describe, expect, it } from 'vitest';
import {
  canEnforce,
  certificateChangeRefusal,
  enforceBlocker,
  ENFORCE_BLOCKER_MESSAGES,
  personRecordProblems,
  reviewCounts,
  reviewRefusal,
  type CertificateHolder,
} from '../src/rules/certificate.js';
import { shanghaiYear } from '../src/rules/shanghai-time.js';

const day = (d: string) => new Date(`${d}T00:00:00Z`);
/** A Shanghai wall-clock time as a UTC instant (UTC+8, no daylight saving). */
const shanghai = (local: string) => new Date(new Date(`${local}Z`).getTime() - 8 * 3600_000);

const officer = (over: Partial<CertificateHolder> = {}): CertificateHolder => ({
  roles: ['OFFICER'],
  certificateStatus: 'VALID',
  certificateExpiresOn: day('2027-06-30'),
  certificateReviewYear: 2025,
  ...over,
});
const NOW = shanghai('2025-07-01T10:00:00');
const GRACE = '03-31';

describe('enforceBlocker', () => {
  it('lets a valid, unexpired, reviewed officer enforce', () => {
    expect(enforceBlocker(officer(), NOW, GRACE)).toBeNull();
    expect(canEnforce(officer(), NOW, GRACE)).toBe(true);
  });

  it.each([
    ['NOT_OFFICER', officer({ roles: ['AUXILIARY'] })],
    ['NOT_OFFICER', officer({ roles: ['AGENCY_ADMIN', 'SUPERVISOR'] })],
    ['NO_CERTIFICATE', officer({ certificateStatus: null })],
    ['NOT_VALID', officer({ certificateStatus: 'SUSPENDED' })],
    ['NOT_VALID', officer({ certificateStatus: 'WITHDRAWN' })],
    ['NOT_VALID', officer({ certificateStatus: 'CANCELLED' })],
    ['NOT_VALID', officer({ certificateStatus: 'EXPIRED' })],
    ['EXPIRED', officer({ certificateExpiresOn: day('2025-06-30') })],
    ['EXPIRED', officer({ certificateExpiresOn: null })],
    ['NOT_REVIEWED', officer({ certificateReviewYear: 2024 })],
    ['NOT_REVIEWED', officer({ certificateReviewYear: null })],
  ] as const)('%s', (blocker, holder) => {
    expect(enforceBlocker(holder, NOW, GRACE)).toBe(blocker);
    expect(canEnforce(holder, NOW, GRACE)).toBe(false);
  });

  it('has a bilingual message for every blocker', () => {
    for (const m of Object.values(ENFORCE_BLOCKER_MESSAGES)) {
      expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  describe('expiry boundary (a certificate is good through its expiry date, Shanghai time)', () => {
    const holder = officer({ certificateExpiresOn: day('2025-07-01') });
    it('is valid at the first and last minute of the expiry day', () => {
      expect(enforceBlocker(holder, shanghai('2025-07-01T00:00:00'), GRACE)).toBeNull();
      expect(enforceBlocker(holder, shanghai('2025-07-01T23:59:59'), GRACE)).toBeNull();
    });
    it('has expired at midnight starting the next day, though UTC is still on the expiry day', () => {
      const next = shanghai('2025-07-02T00:00:00');
      expect(next.toISOString()).toBe('2025-07-01T16:00:00.000Z');
      expect(enforceBlocker(holder, next, GRACE)).toBe('EXPIRED');
    });
  });

  describe('review year at new year in Asia/Shanghai', () => {
    const reviewed2025 = officer({ certificateReviewYear: 2025 });
    const reviewed2024 = officer({ certificateReviewYear: 2024 });
    it('a 2025 review still counts at 23:59 on 31 December local time', () => {
      expect(shanghaiYear(shanghai('2025-12-31T23:59:59'))).toBe(2025);
      expect(enforceBlocker(reviewed2025, shanghai('2025-12-31T23:59:59'), GRACE)).toBeNull();
    });
    it('a 2024 review no longer counts at 00:00 on 1 January 2026 local time (still 31 December in UTC)', () => {
      const newYear = shanghai('2026-01-01T00:00:00');
      expect(newYear.getUTCFullYear()).toBe(2025);
      expect(shanghaiYear(newYear)).toBe(2026);
      expect(enforceBlocker(reviewed2024, shanghai('2025-12-31T23:59:59'), GRACE)).toBe('NOT_REVIEWED');
      expect(enforceBlocker(reviewed2025, newYear, GRACE)).toBeNull();
      expect(enforceBlocker(reviewed2024, newYear, GRACE)).toBe('NOT_REVIEWED');
      expect(enforceBlocker(officer({ certificateReviewYear: 2026 }), newYear, GRACE)).toBeNull();
    });
  });

  describe('grace period for last year’s review (task 3; CASE_SETTINGS.reviewGraceUntil, default 03-31)', () => {
    const reviewed2025 = officer({ certificateReviewYear: 2025 });
    it('keeps officers able to act from 1 January through 31 March (Shanghai days)', () => {
      expect(enforceBlocker(reviewed2025, shanghai('2026-01-01T00:00:00'), GRACE)).toBeNull();
      expect(enforceBlocker(reviewed2025, shanghai('2026-02-15T12:00:00'), GRACE)).toBeNull();
      expect(enforceBlocker(reviewed2025, shanghai('2026-03-31T00:00:00'), GRACE)).toBeNull();
      expect(canEnforce(reviewed2025, shanghai('2026-03-31T23:59:59'), GRACE)).toBe(true);
    });
    it('ends at 00:00 on 1 April local time (still 31 March in UTC)', () => {
      const april = shanghai('2026-04-01T00:00:00');
      expect(april.toISOString()).toBe('2026-03-31T16:00:00.000Z');
      expect(enforceBlocker(reviewed2025, april, GRACE)).toBe('NOT_REVIEWED');
      expect(canEnforce(reviewed2025, april, GRACE)).toBe(false);
      expect(enforceBlocker(officer({ certificateReviewYear: 2026 }), april, GRACE)).toBeNull();
    });
    it('covers one year back only, and follows the setting', () => {
      expect(enforceBlocker(officer({ certificateReviewYear: 2024 }), shanghai('2026-01-02T00:00:00'), GRACE)).toBe(
        'NOT_REVIEWED',
      );
      expect(enforceBlocker(reviewed2025, shanghai('2026-01-31T23:59:59'), '01-31')).toBeNull();
      expect(enforceBlocker(reviewed2025, shanghai('2026-02-01T00:00:00'), '01-31')).toBe('NOT_REVIEWED');
      // 02-29 in a common year: the grace ends with February
      expect(reviewCounts(2026, shanghai('2027-02-28T12:00:00'), '02-29')).toBe(true);
      expect(reviewCounts(2026, shanghai('2027-03-01T00:00:00'), '02-29')).toBe(false);
      expect(reviewCounts(null, shanghai('2026-01-01T00:00:00'), GRACE)).toBe(false);
    });
  });
});

describe('personRecordProblems', () => {
  const cert = { number: 'JS-0001', issuedOn: day('2024-01-01'), expiresOn: day('2029-01-01') };

  it('accepts an officer with a certificate and staff without one', () => {
    expect(personRecordProblems(['OFFICER'], cert)).toEqual([]);
    expect(personRecordProblems(['OFFICER', 'AGENCY_ADMIN'], cert)).toEqual([]);
    expect(personRecordProblems(['AUXILIARY'], null)).toEqual([]);
    expect(personRecordProblems(['AGENCY_ADMIN'], null)).toEqual([]);
    expect(personRecordProblems(['SUPERVISOR'], cert)).toEqual([]);
  });

  it('an auxiliary holds no certificate', () => {
    expect(personRecordProblems(['AUXILIARY'], cert)).toEqual([
      expect.objectContaining({ kind: 'RULE', rule: 'AUXILIARY_NO_CERTIFICATE', path: ['certificate'] }),
    ]);
  });

  it('an auxiliary is not also an officer, and rules come before field mistakes', () => {
    const problems = personRecordProblems(['OFFICER', 'AUXILIARY'], null);
    expect(problems.map((p) => p.rule)).toEqual(['AUXILIARY_NOT_OFFICER', 'OFFICER_NEEDS_CERTIFICATE']);
  });

  it('an officer needs a certificate', () => {
    expect(personRecordProblems(['OFFICER'], null)).toEqual([
      expect.objectContaining({ kind: 'VALIDATION', rule: 'OFFICER_NEEDS_CERTIFICATE' }),
    ]);
  });

  it('a certificate expires after it is issued', () => {
    for (const expiresOn of [day('2024-01-01'), day('2023-12-31')])
      expect(personRecordProblems(['OFFICER'], { ...cert, expiresOn })).toEqual([
        expect.objectContaining({ kind: 'VALIDATION', rule: 'CERTIFICATE_DATES', path: ['certificate', 'expiresOn'] }),
      ]);
    expect(personRecordProblems(['OFFICER'], { ...cert, expiresOn: day('2024-01-02') })).toEqual([]);
  });
});

describe('certificateChangeRefusal', () => {
  const future = day('2027-01-01');
  it('allows suspending, withdrawing, cancelling and restoring an unexpired card', () => {
    expect(certificateChangeRefusal('VALID', 'SUSPENDED', future, NOW)).toBeNull();
    expect(certificateChangeRefusal('SUSPENDED', 'VALID', future, NOW)).toBeNull();
    expect(certificateChangeRefusal('VALID', 'WITHDRAWN', future, NOW)).toBeNull();
    expect(certificateChangeRefusal('SUSPENDED', 'WITHDRAWN', future, NOW)).toBeNull();
    expect(certificateChangeRefusal('VALID', 'CANCELLED', future, NOW)).toBeNull();
    expect(certificateChangeRefusal('VALID', 'EXPIRED', future, NOW)).toBeNull();
  });
  it.each([
    ['NO_CERTIFICATE', null, 'SUSPENDED', future],
    ['CERTIFICATE_STATUS_UNCHANGED', 'VALID', 'VALID', future],
    ['CERTIFICATE_CANCELLED', 'CANCELLED', 'VALID', future],
    ['CERTIFICATE_CANCELLED', 'CANCELLED', 'SUSPENDED', future],
    // Issue 16: 收回 is final too; restoring a withdrawn card let a new number plus a review bring it back.
    ['CERTIFICATE_WITHDRAWN', 'WITHDRAWN', 'VALID', future],
    ['CERTIFICATE_WITHDRAWN', 'WITHDRAWN', 'CANCELLED', future],
    ['CERTIFICATE_EXPIRED', 'SUSPENDED', 'VALID', day('2025-06-30')],
  ] as const)('%s', (rule, from, to, expiresOn) => {
    expect(certificateChangeRefusal(from, to, expiresOn, NOW)).toMatchObject({ kind: 'RULE', rule });
  });
  it('restores VALID on the expiry day itself', () => {
    expect(certificateChangeRefusal('SUSPENDED', 'VALID', day('2025-07-01'), NOW)).toBeNull();
  });
});

describe('reviewRefusal', () => {
  const card = {
    certificateStatus: 'VALID' as const,
    certificateIssuedOn: day('2023-03-01'),
    certificateReviewYear: 2024,
  };
  it('allows this year, and recording the same year again', () => {
    expect(reviewRefusal(card, 2025, NOW, GRACE)).toBeNull();
    expect(reviewRefusal({ ...card, certificateReviewYear: 2025 }, 2025, NOW, GRACE)).toBeNull();
  });
  it('uses the Shanghai year at new year', () => {
    const newYear = shanghai('2026-01-01T00:30:00');
    expect(reviewRefusal(card, 2026, newYear, GRACE)).toBeNull();
    expect(reviewRefusal(card, 2026, shanghai('2025-12-31T23:30:00'), GRACE)).toMatchObject({
      rule: 'REVIEW_YEAR_FUTURE',
    });
  });
  it.each([
    ['NO_CERTIFICATE', { ...card, certificateStatus: null }, 2025, 'RULE'],
    ['CERTIFICATE_NOT_REVIEWABLE', { ...card, certificateStatus: 'CANCELLED' as const }, 2025, 'RULE'],
    ['CERTIFICATE_NOT_REVIEWABLE', { ...card, certificateStatus: 'EXPIRED' as const }, 2025, 'RULE'],
    ['CERTIFICATE_NOT_REVIEWABLE', { ...card, certificateStatus: 'WITHDRAWN' as const }, 2025, 'RULE'],
    ['REVIEW_YEAR_FUTURE', card, 2026, 'VALIDATION'],
    ['REVIEW_BEFORE_ISSUE', card, 2022, 'VALIDATION'],
    ['REVIEW_YEAR_BACKWARDS', card, 2023, 'VALIDATION'],
    ['REVIEW_YEAR_CLOSED', { ...card, certificateReviewYear: null }, 2024, 'VALIDATION'],
    ['REVIEW_YEAR_CLOSED', { ...card, certificateReviewYear: null }, 2023, 'VALIDATION'],
  ] as const)('%s', (rule, c, year, kind) => {
    expect(reviewRefusal(c, year, NOW, GRACE)).toMatchObject({ kind, rule });
  });
  it("last year's review may be recorded through the grace day (31 March), not on 1 April", () => {
    expect(reviewRefusal(card, 2025, shanghai('2026-03-31T23:59:59'), GRACE)).toBeNull();
    const late = reviewRefusal(card, 2025, shanghai('2026-04-01T00:00:00'), GRACE);
    expect(late).toMatchObject({ kind: 'VALIDATION', rule: 'REVIEW_YEAR_CLOSED' });
    expect(late!.zh).toContain('2026 年 3 月 31 日');
    expect(late!.en).toContain('2026-03-31');
    expect(reviewRefusal(card, 2024, shanghai('2026-01-02T00:00:00'), GRACE)?.rule).toBe('REVIEW_YEAR_CLOSED');
  });
});
