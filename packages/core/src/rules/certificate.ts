// Enforcement certificate rules (执法证, task 3). Pure.
import type { CertificateStatus, PersonRole } from '../generated/prisma/enums.js';

export interface CertificateHolder {
  roles: PersonRole[];
  certificateStatus: CertificateStatus | null;
  certificateExpiresOn: Date | null;
  certificateReviewYear: number | null;
}

/** Year in Asia/Shanghai: a review done on 31 Dec local time counts for that year. */
export function shanghaiYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
}

export type EnforceBlocker = 'NOT_OFFICER' | 'NO_CERTIFICATE' | 'NOT_VALID' | 'EXPIRED' | 'NOT_REVIEWED';

/** Why a person may not enforce, or null when they may. Auxiliary staff never act alone. */
export function enforceBlocker(p: CertificateHolder, now: Date): EnforceBlocker | null {
  if (!p.roles.includes('OFFICER')) return 'NOT_OFFICER';
  if (!p.certificateStatus) return 'NO_CERTIFICATE';
  if (p.certificateStatus !== 'VALID') return 'NOT_VALID';
  if (!p.certificateExpiresOn || p.certificateExpiresOn.getTime() < startOfShanghaiDay(now)) return 'EXPIRED';
  if (p.certificateReviewYear !== shanghaiYear(now)) return 'NOT_REVIEWED';
  return null;
}

export function canEnforce(p: CertificateHolder, now: Date): boolean {
  return enforceBlocker(p, now) === null;
}

/** A certificate dated D is good through the whole of day D (stored as UTC midnight of D). */
function startOfShanghaiDay(now: Date): number {
  const local = new Date(now.getTime() + 8 * 3600_000);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
}

export const ENFORCE_BLOCKER_MESSAGES: Record<EnforceBlocker, { zh: string; en: string }> = {
  NOT_OFFICER: { zh: '不是执法人员（辅助人员不得独立执法）', en: 'not an enforcement officer (auxiliaries never act alone)' },
  NO_CERTIFICATE: { zh: '未持有执法证', en: 'holds no enforcement certificate' },
  NOT_VALID: { zh: '执法证非有效状态', en: 'certificate is not valid' },
  EXPIRED: { zh: '执法证已过期', en: 'certificate has expired' },
  NOT_REVIEWED: { zh: '执法证本年度未审验', en: 'certificate not reviewed this year' },
};

/** Minimum officers for an on-site action (行政处罚法 第42条). */
export const MIN_OFFICERS = 2;
