// Enforcement certificate rules (执法证, task 3). Pure.
import type { CertificateStatus, PersonRole } from '../generated/prisma/enums.js';
import { shanghaiToday, shanghaiYear } from './shanghai-time.js';

export interface CertificateHolder {
  roles: PersonRole[];
  certificateStatus: CertificateStatus | null;
  certificateExpiresOn: Date | null;
  certificateReviewYear: number | null;
}

export type EnforceBlocker = 'NOT_OFFICER' | 'NO_CERTIFICATE' | 'NOT_VALID' | 'EXPIRED' | 'NOT_REVIEWED';

/**
 * Default last day (MM-DD of year Y+1) on which the annual review (年度审验) for year Y still counts:
 * the review covers the past year and is done early in the new one, so officers stay able to act in
 * January (county plan task 3). Configurable: CASE_SETTINGS.reviewGraceUntil (ZHIFA_CASE_REVIEW_GRACE_UNTIL).
 */
export const DEFAULT_REVIEW_GRACE_UNTIL = '03-31';

/**
 * Whether the review recorded for `reviewYear` counts on the Asia/Shanghai day of `now`: a review
 * for this year (or, defensively, a later one) always; last year's through `graceUntil` (MM-DD)
 * of this year, inclusive — with 03-31, a 2025 review counts on 31 March 2026 and not on 1 April.
 * An older review never counts.
 */
export function reviewCounts(reviewYear: number | null, now: Date, graceUntil: string): boolean {
  if (reviewYear === null) return false;
  const year = shanghaiYear(now);
  if (reviewYear >= year) return true;
  if (reviewYear !== year - 1) return false;
  // 'MM-DD' strings compare in calendar order; a grace of 02-29 in a common year ends on 28 February.
  return shanghaiToday(now).toISOString().slice(5, 10) <= graceUntil;
}

/**
 * Why a person may not enforce, or null when they may. Auxiliary staff never act alone.
 * `graceUntil`: CASE_SETTINGS.reviewGraceUntil (see reviewCounts).
 */
export function enforceBlocker(p: CertificateHolder, now: Date, graceUntil: string): EnforceBlocker | null {
  if (!p.roles.includes('OFFICER')) return 'NOT_OFFICER';
  if (!p.certificateStatus) return 'NO_CERTIFICATE';
  if (p.certificateStatus !== 'VALID') return 'NOT_VALID';
  if (!p.certificateExpiresOn || p.certificateExpiresOn.getTime() < shanghaiToday(now).getTime()) return 'EXPIRED';
  if (!reviewCounts(p.certificateReviewYear, now, graceUntil)) return 'NOT_REVIEWED';
  return null;
}

export function canEnforce(p: CertificateHolder, now: Date, graceUntil: string): boolean {
  return enforceBlocker(p, now, graceUntil) === null;
}

export const ENFORCE_BLOCKER_MESSAGES: Record<EnforceBlocker, { zh: string; en: string }> = {
  NOT_OFFICER: {
    zh: '不是执法人员（辅助人员不得独立执法）',
    en: 'not an enforcement officer (auxiliaries never act alone)',
  },
  NO_CERTIFICATE: { zh: '未持有执法证', en: 'holds no enforcement certificate' },
  NOT_VALID: { zh: '执法证非有效状态', en: 'certificate is not valid' },
  EXPIRED: { zh: '执法证已过期', en: 'certificate has expired' },
  NOT_REVIEWED: {
    zh: '执法证本年度未审验（上年度审验已过宽限期或无审验记录）',
    en: "certificate not reviewed this year (last year's review is past its grace period, or none is recorded)",
  },
};

/** Minimum officers for an on-site action (行政处罚法 第42条). */
export const MIN_OFFICERS = 2;

// ---- Keeping person records consistent (createPerson / updatePerson / certificate changes) ----

/** The certificate part of a person record, as entered. */
export interface CertificateFields {
  number: string;
  issuedOn: Date;
  expiresOn: Date;
}

/**
 * One thing wrong with a person record. `kind: 'VALIDATION'` is a field mistake (the form can be
 * corrected); `kind: 'RULE'` is a domain rule the combination breaks, with a stable `rule` code.
 */
export interface PersonRecordProblem {
  kind: 'VALIDATION' | 'RULE';
  rule: string;
  /** Path relative to the input object, e.g. ['certificate', 'expiresOn']. */
  path: string[];
  zh: string;
  en: string;
}

/** Everything wrong with a set of roles and a certificate, rules first. Empty when fine. */
export function personRecordProblems(
  roles: readonly PersonRole[],
  certificate: CertificateFields | null,
): PersonRecordProblem[] {
  const out: PersonRecordProblem[] = [];
  const auxiliary = roles.includes('AUXILIARY');
  if (auxiliary && roles.includes('OFFICER'))
    out.push({
      kind: 'RULE',
      rule: 'AUXILIARY_NOT_OFFICER',
      path: ['roles'],
      zh: '辅助人员不能同时登记为执法人员',
      en: 'an auxiliary cannot also be an enforcement officer',
    });
  if (auxiliary && certificate)
    out.push({
      kind: 'RULE',
      rule: 'AUXILIARY_NO_CERTIFICATE',
      path: ['certificate'],
      zh: '辅助人员不持有执法证',
      en: 'an auxiliary holds no enforcement certificate',
    });
  if (roles.includes('OFFICER') && !certificate)
    out.push({
      kind: 'VALIDATION',
      rule: 'OFFICER_NEEDS_CERTIFICATE',
      path: ['certificate'],
      zh: '执法人员须填写执法证号、发证日期和有效期至',
      en: 'an officer needs a certificate number, issue date and expiry date',
    });
  if (certificate && certificate.expiresOn.getTime() <= certificate.issuedOn.getTime())
    out.push({
      kind: 'VALIDATION',
      rule: 'CERTIFICATE_DATES',
      path: ['certificate', 'expiresOn'],
      zh: '执法证有效期至须晚于发证日期',
      en: 'the expiry date must be after the issue date',
    });
  return out.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'RULE' ? -1 : 1));
}

/** A refusal of a certificate status change or review, with a stable rule code. */
export interface CertificateRefusal {
  kind: 'VALIDATION' | 'RULE';
  rule: string;
  zh: string;
  en: string;
}

// ---- Who manages a certificate (行政执法证件管理, county plan task 3: 暂扣、收回、注销、年度审验) ----
//
// The card is the justice bureau's: it issues it (执法人员资格管理和持证上岗, 县司法局 responsible), so it
// alone suspends, withdraws or cancels it — and lifts a suspension, which only whoever may impose it
// may do. The holder's own agency is the one the card restrains, so it never restores one; it may
// still stop its officer at once by reassigning the cases or removing the OFFICER role.
//
// | act                                                   | holder's agency admin | justice bureau supervisor | system admin | on one's own card |
// |-------------------------------------------------------|-----------------------|---------------------------|--------------|-------------------|
// | 暂扣 SUSPENDED, and lifting it (SUSPENDED → VALID)     | no                    | yes                       | yes          | never             |
// | 收回 WITHDRAWN, 注销 CANCELLED, EXPIRED               | no                    | yes                       | yes          | never             |
// | after WITHDRAWN / CANCELLED: any status change        | final: nobody (CERTIFICATE_WITHDRAWN / CERTIFICATE_CANCELLED)                          |
// | issue a new card (issueCertificate: new number, dates) | no                    | yes                       | yes          | never             |
// | register a bureau-issued card on a person who never held one (createPerson / updatePerson) | yes | — | yes | — |
// | change a held card's number or dates (updatePerson)   | nobody: that is an issuance (CERTIFICATE_REISSUE)                                        |
// | remove a card (updatePerson, certificate: null)       | yes                   | —                         | yes          | —                 |
// | 年度审验 review                                        | yes                   | yes (any supervisor)      | yes          | never             |
//
// A number that has left its holder — withdrawn, cancelled, replaced or removed — is retired
// (RetiredCertificate) and never issued or registered again, to anyone (CERTIFICATE_NUMBER_RETIRED):
// otherwise a withdrawn card could come back under its own number.

/** Why a caller may not change the status of, or issue, a certificate: null when they may. */
export function certificateIssuerRefusal(issuer: boolean, self: boolean): { zh: string; en: string } | null {
  if (self)
    return {
      zh: '不得变更自己的执法证（县方案任务3：证件由县司法局管理）',
      en: 'nobody changes their own enforcement certificate (county plan task 3: certificates are the justice bureau’s)',
    };
  if (issuer) return null;
  return {
    zh: '执法证的暂扣、恢复、收回、注销和换发由县司法局（监督人员）或系统管理员办理，本单位不能办理（县方案任务3）',
    en: 'suspending, restoring, withdrawing, cancelling and issuing certificates is for the county justice bureau (a supervisor) or a system admin, never the holder’s agency (county plan task 3)',
  };
}

/** A review (年度审验) of one's own certificate is refused; null when allowed. */
export function selfReviewRefusal(self: boolean): { zh: string; en: string } | null {
  return self
    ? {
        zh: '不得为自己的执法证登记年度审验（县方案任务3）',
        en: 'nobody records the annual review of their own certificate (county plan task 3)',
      }
    : null;
}

/** The certificate a person holds, as stored. */
export interface HeldCertificate {
  certificateNumber: string | null;
  certificateIssuedOn: Date | null;
  certificateExpiresOn: Date | null;
}

/**
 * What createPerson / updatePerson may do to a certificate: keep it as it is, remove it, or register
 * the first card of someone who never held one (`heldBefore`: a retired number of theirs exists).
 * Anything else — a new number, other dates — is a new card, issued by the justice bureau
 * (issueCertificate), with a reason in the event log.
 */
export function certificateEditRefusal(
  before: HeldCertificate,
  after: CertificateFields | null,
  heldBefore: boolean,
): CertificateRefusal | null {
  if (!after) return null;
  const same =
    before.certificateNumber === after.number &&
    before.certificateIssuedOn?.getTime() === after.issuedOn.getTime() &&
    before.certificateExpiresOn?.getTime() === after.expiresOn.getTime();
  if (same || (!before.certificateNumber && !heldBefore)) return null;
  return {
    kind: 'RULE',
    rule: 'CERTIFICATE_REISSUE',
    zh: '换发执法证或变更证号、日期属于发证，由县司法局办理（issueCertificate，须写明理由）（县方案任务3）',
    en: 'a new certificate, or another number or dates, is an issuance by the county justice bureau (issueCertificate, with a reason) (county plan task 3)',
  };
}

export const CERTIFICATE_NUMBER_RETIRED: CertificateRefusal = {
  kind: 'RULE',
  rule: 'CERTIFICATE_NUMBER_RETIRED',
  zh: '该执法证号已收回、注销或停用，不能再次使用（县方案任务3）',
  en: 'this certificate number was withdrawn, cancelled or retired and is never used again (county plan task 3)',
};

/** Statuses after which a certificate never changes again (收回, 注销): a new card is an issuance. */
export const FINAL_CERTIFICATE_STATUSES: readonly CertificateStatus[] = ['WITHDRAWN', 'CANCELLED'];

/**
 * Whether a certificate may move from `from` to `to`. Withdrawal (收回) and cancellation (注销) are
 * final: the holder gets a new certificate instead, issued by the justice bureau. Restoring VALID is
 * refused once the expiry date has passed, since it would make an expired card look usable.
 */
export function certificateChangeRefusal(
  from: CertificateStatus | null,
  to: CertificateStatus,
  expiresOn: Date | null,
  now: Date,
): CertificateRefusal | null {
  if (!from) return { kind: 'RULE', rule: 'NO_CERTIFICATE', ...ENFORCE_BLOCKER_MESSAGES.NO_CERTIFICATE };
  if (from === to)
    return {
      kind: 'RULE',
      rule: 'CERTIFICATE_STATUS_UNCHANGED',
      zh: '执法证已是该状态',
      en: 'the certificate already has this status',
    };
  if (from === 'CANCELLED')
    return {
      kind: 'RULE',
      rule: 'CERTIFICATE_CANCELLED',
      zh: '执法证已注销，不能恢复或变更，请换发新证',
      en: 'a cancelled certificate cannot change status; issue a new one',
    };
  if (from === 'WITHDRAWN')
    return {
      kind: 'RULE',
      rule: 'CERTIFICATE_WITHDRAWN',
      zh: '执法证已收回，不能恢复或变更，须由县司法局换发新证（县方案任务3）',
      en: 'a withdrawn certificate cannot change status; the justice bureau issues a new one (county plan task 3)',
    };
  if (to === 'VALID' && (!expiresOn || expiresOn.getTime() < shanghaiToday(now).getTime()))
    return { kind: 'RULE', rule: 'CERTIFICATE_EXPIRED', ...ENFORCE_BLOCKER_MESSAGES.EXPIRED };
  return null;
}

export interface ReviewedCertificate {
  certificateStatus: CertificateStatus | null;
  certificateIssuedOn: Date | null;
  certificateReviewYear: number | null;
}

/**
 * Whether an annual review (年度审验) for `year` may be recorded. Years are Asia/Shanghai years:
 * at 00:30 on 1 January local time the new year's review may already be recorded. Last year's
 * review may still be recorded through `graceUntil` (CASE_SETTINGS.reviewGraceUntil, MM-DD) — the
 * days it still counts (reviewCounts) —, an older year's never.
 */
export function reviewRefusal(
  c: ReviewedCertificate,
  year: number,
  now: Date,
  graceUntil: string,
): CertificateRefusal | null {
  if (!c.certificateStatus) return { kind: 'RULE', rule: 'NO_CERTIFICATE', ...ENFORCE_BLOCKER_MESSAGES.NO_CERTIFICATE };
  if (FINAL_CERTIFICATE_STATUSES.includes(c.certificateStatus) || c.certificateStatus === 'EXPIRED')
    return {
      kind: 'RULE',
      rule: 'CERTIFICATE_NOT_REVIEWABLE',
      zh: '已收回、已注销或已过期的执法证不能审验',
      en: 'a withdrawn, cancelled or expired certificate cannot be reviewed',
    };
  const current = shanghaiYear(now);
  if (year > current)
    return {
      kind: 'VALIDATION',
      rule: 'REVIEW_YEAR_FUTURE',
      zh: `不能登记未来年度（${year}）的审验`,
      en: `cannot record a review for a future year (${year})`,
    };
  if (c.certificateIssuedOn && year < c.certificateIssuedOn.getUTCFullYear())
    return {
      kind: 'VALIDATION',
      rule: 'REVIEW_BEFORE_ISSUE',
      zh: '审验年度早于发证年度',
      en: 'the review year is before the certificate was issued',
    };
  if (c.certificateReviewYear !== null && year < c.certificateReviewYear)
    return {
      kind: 'VALIDATION',
      rule: 'REVIEW_YEAR_BACKWARDS',
      zh: `已登记 ${c.certificateReviewYear} 年度审验，不能改为更早年度`,
      en: `a review for ${c.certificateReviewYear} is already recorded; a review year never goes back`,
    };
  if (year < current && !reviewCounts(year, now, graceUntil)) {
    const [m, d] = graceUntil.split('-').map(Number);
    return {
      kind: 'VALIDATION',
      rule: 'REVIEW_YEAR_CLOSED',
      zh: `${year} 年度的审验只能登记到 ${year + 1} 年 ${m} 月 ${d} 日；请登记本年度（${current}）的审验`,
      en: `a review for ${year} can be recorded only until ${year + 1}-${graceUntil}; record this year's (${current}) review`,
    };
  }
  return null;
}
