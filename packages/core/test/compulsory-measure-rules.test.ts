// 行政强制法 rules for compulsory measures, each at its boundary.
import { describe, expect, it } from 'vitest';
import {
  approvalRefusal,
  emergencyApprovalRefusal,
  emergencyReportRefusal,
  measureExtensionRefusal,
  freezeRefusal,
  isMeasureOverdue,
  measureDueOn,
  measureInputIssues,
  measureOfficersRefusal,
  measuresOpenRefusal,
  measureTakingRefusal,
  noticeServedOnIssue,
  onSiteRecordRefusal,
  onSiteRefusal,
  releaseDateIssue,
  releaseRefusal,
  type MeasureOfficer,
  type OnSiteRecord,
  type MeasureState,
} from '../src/rules/compulsory-measure.js';
import { shanghaiYear } from '../src/rules/shanghai-time.js';

const day = (s: string) => new Date(`${s}T00:00:00Z`);
/** An instant given as Asia/Shanghai local time. */
const local = (s: string) => new Date(`${s}+08:00`);

// Taken at 10:00 on 1 June 2025, Beijing time: day 1 is 2 June, day 30 is 1 July, day 31 is 2 July.
const TAKEN = local('2025-06-01T10:00:00');

function measure(over: Partial<MeasureState> = {}): MeasureState {
  return {
    kind: 'SEAL_UP',
    status: 'IN_FORCE',
    emergency: false,
    approvedAt: TAKEN,
    takenAt: TAKEN,
    dueOn: measureDueOn(TAKEN),
    extendedDays: null,
    ...over,
  };
}

describe('term (行政强制法 第25条)', () => {
  it('lasts 30 days after the day taken, counted in Beijing time', () => {
    expect(measureDueOn(TAKEN)).toEqual(day('2025-07-01'));
    expect(measureDueOn(TAKEN, 30)).toEqual(day('2025-07-31'));
    // 23:30 on 31 May Beijing time is still 31 May (15:30 UTC): due 30 June.
    expect(measureDueOn(local('2025-05-31T23:30:00'))).toEqual(day('2025-06-30'));
    // 00:30 on 1 June Beijing time is 31 May in UTC, but the day taken is 1 June.
    expect(measureDueOn(local('2025-06-01T00:30:00'))).toEqual(day('2025-07-01'));
  });

  it('day 30 is in force, day 31 overdue', () => {
    const m = measure();
    expect(isMeasureOverdue(m, local('2025-07-01T23:59:59.999'))).toBe(false);
    expect(isMeasureOverdue(m, local('2025-07-02T00:00:00'))).toBe(true);
  });

  it('only a measure in force is overdue', () => {
    const late = local('2025-09-01T12:00:00');
    expect(isMeasureOverdue(measure({ status: 'RELEASED' }), late)).toBe(false);
    expect(isMeasureOverdue(measure({ status: 'REQUESTED', dueOn: null }), late)).toBe(false);
    expect(isMeasureOverdue(measure({ status: 'REFUSED' }), late)).toBe(false);
  });
});

describe('emergency report within 24 hours (第19条)', () => {
  it('24 h exactly is on time, 24 h + 1 ms is late', () => {
    const now = local('2025-06-02T10:00:00');
    expect(emergencyReportRefusal(TAKEN, now)).toBeNull();
    const late = emergencyReportRefusal(TAKEN, new Date(now.getTime() + 1));
    expect(late?.rule).toBe('MEASURE_EMERGENCY_REPORT_LATE');
    expect(late?.message.zh).toContain('行政强制法第19条');
    expect(late?.message.en).toContain('art. 19');
  });

  it('the time taken is required for an emergency, never in the future, and absent otherwise', () => {
    const now = local('2025-06-01T12:00:00');
    expect(measureInputIssues({ emergency: true, takenAt: TAKEN }, now)).toEqual([]);
    expect(measureInputIssues({ emergency: true, takenAt: now }, now)).toEqual([]);
    expect(
      measureInputIssues({ emergency: true, takenAt: new Date(now.getTime() + 1) }, now).map((i) => i.field),
    ).toEqual(['takenAt']);
    expect(measureInputIssues({ emergency: true, takenAt: null }, now).map((i) => i.field)).toEqual(['takenAt']);
    expect(measureInputIssues({ emergency: false, takenAt: null }, now)).toEqual([]);
    expect(measureInputIssues({ emergency: false, takenAt: TAKEN }, now).map((i) => i.field)).toEqual(['takenAt']);
  });

  it('the notice is served no later than today, and not before the day taken', () => {
    const now = local('2025-06-02T08:00:00');
    const at = (served: string) => noticeServedOnIssue(day(served), TAKEN, now);
    expect(at('2025-06-02')).toBeNull();
    expect(at('2025-06-03')?.en).toContain('future');
    expect(at('2025-06-01')).toBeNull();
    expect(at('2025-05-31')?.en).toContain('before the day');
  });
});

describe('taking a measure: the decision served and the 现场笔录 (第18条, 第24条)', () => {
  const record: OnSiteRecord = {
    record: '现场检查笔录',
    partySignature: 'SIGNED',
    partyRefusalNote: null,
    witness: null,
  };
  const taking = {
    noticeDocumentNumber: '阜市监强〔2025〕1号',
    noticeServedOn: day('2025-06-01'),
    onSiteRecord: record,
  };
  const none = { noticeDocumentNumber: null, noticeServedOn: null, onSiteRecord: null };

  it('a request awaiting approval has no notice and no record yet; an emergency measure has both', () => {
    expect(measureTakingRefusal(false, none)).toBeNull();
    for (const partial of [
      { ...none, noticeDocumentNumber: '阜市监强〔2025〕1号' },
      { ...none, noticeServedOn: day('2025-06-01') },
      { ...none, onSiteRecord: record },
    ])
      expect(measureTakingRefusal(false, partial)?.rule).toBe('MEASURE_NOTICE_BEFORE_APPROVAL');
    expect(measureTakingRefusal(false, taking)?.message.zh).toContain('行政强制法第18条、第24条');
    expect(measureTakingRefusal(true, taking)).toBeNull();
    for (const partial of [
      none,
      { ...taking, noticeServedOn: null },
      { ...taking, noticeDocumentNumber: null },
      { ...taking, onSiteRecord: null },
    ])
      expect(measureTakingRefusal(true, partial)?.rule).toBe('MEASURE_TAKING_RECORD_REQUIRED');
  });

  it('the party signs; a refusal is noted (第(八)项); an absent party is replaced by a witness (第(九)项)', () => {
    expect(onSiteRecordRefusal(record)).toBeNull();
    const refused = { ...record, partySignature: 'REFUSED' as const };
    expect(onSiteRecordRefusal(refused)?.message.zh).toContain('第18条第(八)项');
    expect(onSiteRecordRefusal({ ...refused, partyRefusalNote: '当事人拒绝签名，执法人员注明' })).toBeNull();
    const absent = { ...record, partySignature: 'ABSENT' as const };
    expect(onSiteRecordRefusal(absent)?.rule).toBe('MEASURE_ON_SITE_RECORD_INCOMPLETE');
    expect(onSiteRecordRefusal(absent)?.message.en).toContain('art. 18(9)');
    expect(onSiteRecordRefusal({ ...absent, witness: '村委会主任王某' })).toBeNull();
    expect(onSiteRecordRefusal({ ...record, partyRefusalNote: '拒签' })?.rule).toBe(
      'MEASURE_ON_SITE_RECORD_INCOMPLETE',
    );
  });

  it('an approved request is recorded once, while in force; an emergency measure brought its record', () => {
    const m = { kind: 'SEAL_UP' as const, status: 'IN_FORCE' as const, emergency: false, siteRecord: null };
    expect(onSiteRefusal(m)).toBeNull();
    expect(onSiteRefusal({ ...m, siteRecord: '笔录' })?.rule).toBe('MEASURE_ON_SITE_ALREADY_RECORDED');
    expect(onSiteRefusal({ ...m, emergency: true })?.rule).toBe('MEASURE_ON_SITE_ALREADY_RECORDED');
    for (const status of ['REQUESTED', 'REFUSED', 'RELEASED'] as const)
      expect(onSiteRefusal({ ...m, status })?.rule).toBe('MEASURE_NOT_IN_FORCE');
  });
});

describe('emergency approval within 24 hours (第19条)', () => {
  const m = { status: 'IN_FORCE' as const, emergency: true, approvedAt: null, takenAt: TAKEN };
  it('24 h exactly may still be approved; 24 h + 1 ms, or + 1 min, may not — it must be released', () => {
    const at24 = local('2025-06-02T10:00:00');
    expect(emergencyApprovalRefusal(m, at24)).toBeNull();
    for (const late of [new Date(at24.getTime() + 1), new Date(at24.getTime() + 60_000)]) {
      const r = emergencyApprovalRefusal(m, late);
      expect(r?.rule).toBe('MEASURE_EMERGENCY_APPROVAL_LATE');
      expect(r?.message.zh).toContain('行政强制法第19条');
      expect(r?.message.zh).toContain('解除');
      expect(r?.message.en).toContain('art. 19');
    }
  });
  it('concerns only an unapproved emergency measure in force', () => {
    const late = local('2025-06-05T10:00:00');
    expect(emergencyApprovalRefusal({ ...m, approvedAt: TAKEN }, late)).toBeNull();
    expect(emergencyApprovalRefusal({ ...m, emergency: false }, late)).toBeNull();
    expect(emergencyApprovalRefusal({ ...m, status: 'RELEASED' }, late)).toBeNull();
  });
});

describe('extension (第25条: once, at most 30 days)', () => {
  const now = local('2025-06-20T09:00:00');

  it('30 days is allowed, 31 refused', () => {
    expect(measureExtensionRefusal(measure(), 30, now)).toBeNull();
    const r = measureExtensionRefusal(measure(), 31, now);
    expect(r?.rule).toBe('MEASURE_EXTENSION_TOO_LONG');
    expect(r?.message.zh).toContain('行政强制法第25条');
    expect(r?.message.en).toContain('art. 25');
  });

  it('a second extension is refused', () => {
    const r = measureExtensionRefusal(measure({ extendedDays: 10, dueOn: measureDueOn(TAKEN, 10) }), 1, now);
    expect(r?.rule).toBe('MEASURE_EXTENDED_ONCE');
    expect(r?.message.zh).toContain('只能延长一次');
  });

  it('a freeze names 第32条', () => {
    const r = measureExtensionRefusal(measure({ kind: 'FREEZE' }), 31, now);
    expect(r?.message.zh).toContain('行政强制法第32条');
    expect(r?.message.en).toContain('art. 32');
  });

  it('on day 30 it may still be extended; on day 31 it is overdue', () => {
    expect(measureExtensionRefusal(measure(), 30, local('2025-07-01T23:00:00'))).toBeNull();
    expect(measureExtensionRefusal(measure(), 30, local('2025-07-02T00:00:00'))?.rule).toBe('MEASURE_OVERDUE');
  });

  it('only an approved measure in force', () => {
    expect(measureExtensionRefusal(measure({ status: 'RELEASED' }), 5, now)?.rule).toBe('MEASURE_NOT_IN_FORCE');
    expect(measureExtensionRefusal(measure({ status: 'REQUESTED', dueOn: null, approvedAt: null }), 5, now)?.rule).toBe(
      'MEASURE_NOT_IN_FORCE',
    );
    expect(measureExtensionRefusal(measure({ emergency: true, approvedAt: null }), 5, now)?.rule).toBe(
      'MEASURE_NOT_APPROVED',
    );
  });
});

describe('approval (第18条, 第19条)', () => {
  it('a request, or an emergency measure not yet approved', () => {
    expect(approvalRefusal({ status: 'REQUESTED', emergency: false, approvedAt: null })).toBeNull();
    expect(approvalRefusal({ status: 'IN_FORCE', emergency: true, approvedAt: null })).toBeNull();
    for (const m of [
      { status: 'IN_FORCE' as const, emergency: true, approvedAt: TAKEN },
      { status: 'IN_FORCE' as const, emergency: false, approvedAt: TAKEN },
      { status: 'RELEASED' as const, emergency: true, approvedAt: null },
      { status: 'REFUSED' as const, emergency: false, approvedAt: null },
    ])
      expect(approvalRefusal(m)?.rule).toBe('MEASURE_NOT_PENDING_APPROVAL');
  });
});

describe('freeze authorisation (第17条, 第29条)', () => {
  it('only for configured agency kinds; other kinds always', () => {
    expect(freezeRefusal('FREEZE', 'ENFORCEMENT_AGENCY', [])?.rule).toBe('MEASURE_FREEZE_NOT_AUTHORISED');
    expect(freezeRefusal('FREEZE', 'ENFORCEMENT_AGENCY', ['ENFORCEMENT_AGENCY'])).toBeNull();
    expect(freezeRefusal('FREEZE', 'TOWNSHIP', ['ENFORCEMENT_AGENCY'])?.message.zh).toContain('第29条');
    expect(freezeRefusal('SEAL_UP', 'TOWNSHIP', [])).toBeNull();
  });
});

describe('two officers (第18条第(二)项)', () => {
  const NOW = local('2025-06-15T12:00:00');
  const officer = (id: number, over: Partial<MeasureOfficer> = {}): MeasureOfficer => ({
    id,
    name: `执法员${id}`,
    agencyId: 1,
    assigned: true,
    roles: ['OFFICER'],
    certificateStatus: 'VALID',
    certificateExpiresOn: day('2027-12-31'),
    certificateReviewYear: shanghaiYear(NOW),
    ...over,
  });

  it('two assigned officers who can enforce', () => {
    expect(measureOfficersRefusal([1, 2], [officer(1), officer(2)], 1, NOW, '03-31')).toBeNull();
    expect(measureOfficersRefusal([1, 1], [officer(1)], 1, NOW, '03-31')?.rule).toBe('MEASURE_TWO_OFFICERS');
  });

  it('names who cannot, and why', () => {
    const notAssigned = measureOfficersRefusal(
      [1, 2, 3],
      [officer(1), officer(2), officer(3, { assigned: false })],
      1,
      NOW,
      '03-31',
    );
    expect(notAssigned?.rule).toBe('MEASURE_OFFICER_INELIGIBLE');
    expect(notAssigned?.message.zh).toContain('执法员3：不是本案承办人员');
    const expired = measureOfficersRefusal(
      [1, 2],
      [officer(1), officer(2, { certificateExpiresOn: day('2025-06-14') })],
      1,
      NOW,
      '03-31',
    );
    expect(expired?.rule).toBe('MEASURE_TWO_OFFICERS');
    expect(expired?.message.en).toContain('art. 18(2)');
    expect(measureOfficersRefusal([1, 2, 9], [officer(1), officer(2)], 1, NOW, '03-31')?.message.zh).toContain(
      '#9：人员不存在',
    );
    expect(
      measureOfficersRefusal([1, 2, 4], [officer(1), officer(2), officer(4, { agencyId: 2 })], 1, NOW, '03-31')?.rule,
    ).toBe('MEASURE_OFFICER_INELIGIBLE');
  });
});

describe('release (第28条) and closing', () => {
  it('only a measure in force is released, not before the day taken nor in the future', () => {
    expect(releaseRefusal({ kind: 'SEIZURE', status: 'IN_FORCE' })).toBeNull();
    expect(releaseRefusal({ kind: 'SEIZURE', status: 'RELEASED' })?.message.zh).toContain('第28条');
    expect(releaseRefusal({ kind: 'FREEZE', status: 'REQUESTED' })?.message.zh).toContain('第33条');
    const now = local('2025-06-10T09:00:00');
    expect(releaseDateIssue(day('2025-06-01'), TAKEN, now)).toBeNull();
    expect(releaseDateIssue(day('2025-06-10'), TAKEN, now)).toBeNull();
    expect(releaseDateIssue(day('2025-05-31'), TAKEN, now)?.en).toContain('before the day');
    expect(releaseDateIssue(day('2025-06-11'), TAKEN, now)?.en).toContain('future');
  });

  it('a case closes only when no measure is in force or awaiting approval', () => {
    expect(measuresOpenRefusal([])).toBeNull();
    expect(measuresOpenRefusal([{ status: 'RELEASED' }, { status: 'REFUSED' }])).toBeNull();
    const r = measuresOpenRefusal([{ status: 'IN_FORCE' }, { status: 'REQUESTED' }, { status: 'RELEASED' }]);
    expect(r?.rule).toBe('CASE_MEASURE_IN_FORCE');
    expect(r?.message.zh).toContain('1 项实施中、1 项待批准');
    expect(r?.message.zh).toContain('行政强制法第28条');
    expect(measuresOpenRefusal([{ status: 'REQUESTED' }])?.rule).toBe('CASE_MEASURE_IN_FORCE');
  });
});
