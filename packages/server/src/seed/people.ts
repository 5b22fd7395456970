// Demo people: supervisors, a head and a system admin at the justice bureau, a head of office and a
// supervisor in every justice office, an admin, officers, a head and legal reviewers in every
// enforcement agency, township team officers and auxiliaries. Certificates cover every status; most are valid and reviewed this year, and every
// enforcement agency keeps at least three officers who may act today.
import type { CertificateStatus, PersonRole } from '@zhifa/core/prisma';
import { shanghaiYear } from '@zhifa/core/time';
import { GIVEN, SURNAMES } from './names.js';
import type { Dice } from './random.js';

export interface PersonRow {
  agencyId: number;
  name: string;
  roles: PersonRole[];
  certificateNumber: string | null;
  certificateStatus: CertificateStatus | null;
  certificateIssuedOn: Date | null;
  certificateExpiresOn: Date | null;
  certificateReviewYear: number | null;
}

export interface PeopleInput {
  justiceBureauId: number;
  justiceOfficeIds: number[];
  /** In ENFORCEMENT_AGENCIES order. */
  enforcementAgencyIds: number[];
  /** Township teams that get officers and auxiliaries of their own. */
  townshipTeamIds: number[];
}

/** The unusual certificates, one per agency slot (agency index → what its third officer holds). */
type Oddity =
  'SUSPENDED' | 'WITHDRAWN' | 'CANCELLED' | 'EXPIRED' | 'EXPIRED_BY_DATE' | 'NOT_REVIEWED' | 'NEVER_REVIEWED';
const ODDITIES: Record<number, Oddity> = {
  1: 'SUSPENDED',
  2: 'WITHDRAWN',
  3: 'CANCELLED',
  4: 'EXPIRED',
  5: 'EXPIRED_BY_DATE',
  6: 'NOT_REVIEWED',
  7: 'NEVER_REVIEWED',
};

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export function personName(dice: Dice, taken: Set<string>): string {
  for (;;) {
    const name = dice.pick([...SURNAMES]) + dice.pick(GIVEN);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export function demoPeople(dice: Dice, input: PeopleInput, now: Date): PersonRow[] {
  const year = shanghaiYear(now);
  const names = new Set<string>();
  let serial = 0;
  const rows: PersonRow[] = [];
  const staff = (agencyId: number, roles: PersonRole[]): PersonRow => ({
    agencyId,
    name: personName(dice, names),
    roles,
    certificateNumber: null,
    certificateStatus: null,
    certificateIssuedOn: null,
    certificateExpiresOn: null,
    certificateReviewYear: null,
  });
  const officer = (agencyId: number, roles: PersonRole[], oddity?: Oddity): PersonRow => {
    const issuedYear = year - dice.int(1, 4);
    const issued = day(issuedYear, dice.int(1, 12), dice.int(1, 28));
    // Jiangsu certificates run five years.
    let expires = day(issuedYear + 5, issued.getUTCMonth() + 1, issued.getUTCDate());
    let status: CertificateStatus = 'VALID';
    let review: number | null = year;
    switch (oddity) {
      case 'SUSPENDED':
      case 'WITHDRAWN':
      case 'CANCELLED':
        status = oddity;
        review = year - 1;
        break;
      case 'EXPIRED':
        status = 'EXPIRED';
        expires = day(year - 1, 6, 30);
        review = year - 2;
        break;
      case 'EXPIRED_BY_DATE': // still marked valid: the expiry date alone must stop them
        expires = day(year, 1, 1);
        if (expires.getTime() >= now.getTime()) expires = day(year - 1, 12, 31);
        review = year - 1;
        break;
      case 'NOT_REVIEWED':
        review = year - 1;
        break;
      case 'NEVER_REVIEWED':
        review = null;
        break;
    }
    if (oddity === 'EXPIRED' || oddity === 'EXPIRED_BY_DATE') {
      const issuedBefore = day(expires.getUTCFullYear() - 5, expires.getUTCMonth() + 1, expires.getUTCDate());
      return { ...staff(agencyId, roles), ...cert(issuedBefore, expires, status, review) };
    }
    return { ...staff(agencyId, roles), ...cert(issued, expires, status, review) };
  };
  const cert = (issued: Date, expires: Date, status: CertificateStatus, review: number | null) => ({
    certificateNumber: `苏320923${String(++serial).padStart(5, '0')}`,
    certificateStatus: status,
    certificateIssuedOn: issued,
    certificateExpiresOn: expires,
    certificateReviewYear: review,
  });

  rows.push(staff(input.justiceBureauId, ['SYSTEM_ADMIN']));
  for (let i = 0; i < 3; i++) rows.push(staff(input.justiceBureauId, ['SUPERVISOR']));
  for (let i = 0; i < 2; i++) rows.push(staff(input.justiceBureauId, ['SPECIAL_SUPERVISOR']));
  for (const id of input.justiceOfficeIds.slice(0, 4)) rows.push(staff(id, ['SUPERVISOR']));

  input.enforcementAgencyIds.forEach((agencyId, index) => {
    rows.push(officer(agencyId, ['AGENCY_ADMIN', 'OFFICER']));
    rows.push(officer(agencyId, ['OFFICER']));
    rows.push(officer(agencyId, ['OFFICER']));
    rows.push(officer(agencyId, ['OFFICER'], ODDITIES[index]));
    if (index === 0) {
      rows.push(officer(agencyId, ['OFFICER']));
      rows.push(staff(agencyId, ['AUXILIARY']));
    }
    if (index === 3) rows.push(staff(agencyId, ['AUXILIARY']));
  });

  for (const agencyId of input.townshipTeamIds) {
    rows.push(officer(agencyId, ['OFFICER']));
    rows.push(officer(agencyId, ['OFFICER']));
  }
  if (input.townshipTeamIds.length) rows.push(staff(input.townshipTeamIds[0], ['AUXILIARY']));

  // Who decides and who reviews (行政处罚法 第57条、第58条): every enforcement agency has its head
  // (行政机关负责人, who decides general-procedure cases and approves measures) and one or two legal
  // reviewers (法制审核人员), neither assigned to cases. The justice bureau has its head too, and every
  // 司法所 a head of office and a full-time supervisor (the plan: ≥ 1 per 司法所).
  input.enforcementAgencyIds.forEach((agencyId, index) => {
    rows.push(staff(agencyId, ['AGENCY_HEAD']));
    rows.push(staff(agencyId, ['LEGAL_REVIEWER']));
    if (index % 2 === 0) rows.push(staff(agencyId, ['LEGAL_REVIEWER']));
  });
  rows.push(staff(input.justiceBureauId, ['AGENCY_HEAD', 'SUPERVISOR']));
  input.justiceOfficeIds.forEach((officeId, index) => {
    rows.push(staff(officeId, ['AGENCY_HEAD', 'SUPERVISOR']));
    if (index >= 4) rows.push(staff(officeId, ['SUPERVISOR'])); // the first four have theirs above
  });
  return rows;
}
