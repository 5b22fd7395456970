// The pure rules behind issue 16's separation of powers, at their boundaries (the API tests are
// test/core/separation-of-powers.test.ts; roles: roles.test.ts).
import { describe, expect, it } from 'vitest';
import { certificateEditRefusal, certificateIssuerRefusal, type CertificateHolder } from '../src/rules/certificate.js';
import { headInvestigatedRefusal, officerActRefusal, reviewerAssignmentRefusal } from '../src/rules/case-stage.js';
import { selfApprovalRefusal } from '../src/rules/compulsory-measure.js';

const NOW = new Date('2025-07-01T04:00:00Z');
const GRACE = '03-31';
const able: CertificateHolder = {
  roles: ['OFFICER'],
  certificateStatus: 'VALID',
  certificateExpiresOn: new Date('2027-01-01T00:00:00Z'),
  certificateReviewYear: 2025,
};
const suspended: CertificateHolder = { ...able, certificateStatus: 'SUSPENDED' };
const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe('officerActRefusal (行政处罚法 第42条)', () => {
  it('allows two able officers (the last allowed count), refuses one', () => {
    expect(officerActRefusal(able, [able, able], NOW, GRACE)).toBeNull();
    expect(officerActRefusal(able, [able, suspended, able], NOW, GRACE)).toBeNull();
    expect(officerActRefusal(able, [able, suspended], NOW, GRACE)).toMatchObject({ rule: 'CASE_TWO_OFFICERS' });
  });
  it('refuses the acting officer who cannot enforce first, naming why', () => {
    const r = officerActRefusal(suspended, [able, able, suspended], NOW, GRACE);
    expect(r).toMatchObject({ rule: 'CASE_OFFICER_CANNOT_ENFORCE' });
    expect(r!.message.zh).toContain('执法证非有效状态');
  });
  it('counts the expiry day itself, not the day after', () => {
    const lastDay = { ...able, certificateExpiresOn: day('2025-07-01') };
    expect(officerActRefusal(lastDay, [lastDay, able], NOW, GRACE)).toBeNull();
    const dayAfter = { ...able, certificateExpiresOn: day('2025-06-30') };
    expect(officerActRefusal(dayAfter, [dayAfter, able], NOW, GRACE)).toMatchObject({
      rule: 'CASE_OFFICER_CANNOT_ENFORCE',
    });
  });
  it('does not count officers when changing them (null)', () => {
    expect(officerActRefusal(able, null, NOW, GRACE)).toBeNull();
    expect(officerActRefusal(null, null, NOW, GRACE)).toBeNull();
  });
});

describe('reviewerAssignmentRefusal (第58条)', () => {
  it('refuses a reviewer who approved, naming them; allows everyone else', () => {
    const people = [
      { id: 1, name: '甲' },
      { id: 2, name: '乙' },
    ];
    expect(reviewerAssignmentRefusal(people, [3])).toBeNull();
    const r = reviewerAssignmentRefusal(people, [2]);
    expect(r).toMatchObject({ rule: 'CASE_REVIEWER_ASSIGNED' });
    expect(r!.message.zh).toContain('乙');
  });
});

describe('headInvestigatedRefusal (第57条)', () => {
  it('refuses a general-procedure decider among the officers unless allowed', () => {
    expect(headInvestigatedRefusal('GENERAL', 5, [5, 6], false)).toMatchObject({ rule: 'CASE_HEAD_INVESTIGATED' });
    expect(headInvestigatedRefusal('GENERAL', 5, [5, 6], true)).toBeNull();
    expect(headInvestigatedRefusal('GENERAL', 7, [5, 6], false)).toBeNull();
    expect(headInvestigatedRefusal('SIMPLE', 5, [5, 6], false)).toBeNull();
    expect(headInvestigatedRefusal('GENERAL', null, [5, 6], false)).toBeNull();
  });
});

describe('selfApprovalRefusal (行政强制法 第18条)', () => {
  const m = { recordedBy: 'person:1', officerIds: [1, 2] };
  it('refuses the applicant and the officers carrying it out; allows another head', () => {
    expect(selfApprovalRefusal(m, { actor: 'person:1', personId: 1 })).toMatchObject({ rule: 'MEASURE_SELF_APPROVAL' });
    expect(selfApprovalRefusal(m, { actor: 'person:2', personId: 2 })).toMatchObject({ rule: 'MEASURE_SELF_APPROVAL' });
    expect(selfApprovalRefusal(m, { actor: 'person:3', personId: 3 })).toBeNull();
    expect(selfApprovalRefusal(m, { actor: 'system:demo', personId: null })).toBeNull();
  });
});

describe('certificate powers (county plan task 3)', () => {
  it('the issuer may, never on their own card; anyone else may not', () => {
    expect(certificateIssuerRefusal(true, false)).toBeNull();
    expect(certificateIssuerRefusal(true, true)?.zh).toContain('不得变更自己的执法证');
    expect(certificateIssuerRefusal(false, false)?.zh).toContain('县司法局');
  });
  it('updatePerson keeps, removes or registers a first card; anything else is a reissue', () => {
    const held = {
      certificateNumber: 'A-1',
      certificateIssuedOn: day('2024-01-01'),
      certificateExpiresOn: day('2029-01-01'),
    };
    const same = { number: 'A-1', issuedOn: day('2024-01-01'), expiresOn: day('2029-01-01') };
    const none = { certificateNumber: null, certificateIssuedOn: null, certificateExpiresOn: null };
    expect(certificateEditRefusal(held, same, false)).toBeNull();
    expect(certificateEditRefusal(held, null, false)).toBeNull();
    expect(certificateEditRefusal(none, same, false)).toBeNull();
    expect(certificateEditRefusal(none, same, true)).toMatchObject({ rule: 'CERTIFICATE_REISSUE' });
    expect(certificateEditRefusal(held, { ...same, number: 'A-2' }, false)).toMatchObject({
      rule: 'CERTIFICATE_REISSUE',
    });
    expect(certificateEditRefusal(held, { ...same, expiresOn: day('2029-01-02') }, false)).toMatchObject({
      rule: 'CERTIFICATE_REISSUE',
    });
  });
});
