// Compulsory measures 行政强制措施 (行政强制法 2011): who may take them, when they must be approved,
// how long they last and when they end. Pure: no I/O; the clock is passed in.
//
// Sources: 行政强制法 第9条 (kinds), 第17条 (only agencies the law authorises), 第18条 (prior report to
// and approval by the agency head 行政机关负责人; two or more officers 两名以上行政执法人员实施; notice
// 当场告知), 第19条 (emergency: report within 24 hours, approval afterwards; released at once if the
// head disapproves), 第25条 (查封、扣押 at most 30 days, extendable once, by at most 30 days, with the
// head's approval), 第28条 (released when no longer needed), 第29条 / 第32条 / 第33条 (冻结: only where a
// law authorises; the same 30 + 30 days; release). Days counted as in 民法典 第201条: the day taken
// is not counted, so a measure taken on D is in force up to and including D + 30.
import type { Bilingual } from '../errors.js';
import type {
  AgencyKind,
  CompulsoryMeasureKind,
  CompulsoryMeasureStatus,
  MeasurePartySignature,
} from '../generated/prisma/enums.js';
import type { RuleRefusal } from './case-stage.js';
import { ENFORCE_BLOCKER_MESSAGES, enforceBlocker, MIN_OFFICERS, type CertificateHolder } from './certificate.js';
import { MEASURE_KIND_NAMES } from './names.js';
import { shanghaiToday } from './shanghai-time.js';

/** 第25条 / 第32条: a measure lasts at most 30 days from the day it was taken. */
export const MEASURE_DAYS = 30;
/** 第25条 / 第32条: one extension, of at most 30 days. */
export const MAX_MEASURE_EXTENSION_DAYS = 30;
/** 第19条: an emergency measure is reported to the agency head within 24 hours. */
export const EMERGENCY_REPORT_MS = 24 * 3600_000;

const DAY_MS = 86_400_000;

/** A calendar day (UTC-midnight Date) plus `n` days. */
function addDays(day: Date, n: number): Date {
  return new Date(day.getTime() + n * DAY_MS);
}

/** The article that limits a measure's term and extension: 第25条 for 查封、扣押, 第32条 for 冻结. */
export function termArticle(kind: CompulsoryMeasureKind): number {
  return kind === 'FREEZE' ? 32 : 25;
}

/** The article on releasing a measure: 第28条 for 查封、扣押, 第33条 for 冻结. */
export function releaseArticle(kind: CompulsoryMeasureKind): number {
  return kind === 'FREEZE' ? 33 : 28;
}

/**
 * The last day a measure taken at `takenAt` may stay in force: the Shanghai day it was taken plus 30,
 * plus the extension. Day 30 is still in force; day 31 is overdue.
 */
export function measureDueOn(takenAt: Date, extendedDays: number | null = null): Date {
  return addDays(shanghaiToday(takenAt), MEASURE_DAYS + (extendedDays ?? 0));
}

export interface MeasureState {
  kind: CompulsoryMeasureKind;
  status: CompulsoryMeasureStatus;
  emergency: boolean;
  approvedAt: Date | null;
  takenAt: Date;
  dueOn: Date | null;
  extendedDays: number | null;
}

/** In force and past its last day (Asia/Shanghai). */
export function isMeasureOverdue(m: Pick<MeasureState, 'status' | 'dueOn'>, now: Date): boolean {
  return m.status === 'IN_FORCE' && m.dueOn !== null && shanghaiToday(now).getTime() > m.dueOn.getTime();
}

/** Whether the measure was ever actually taken (a refused request never was). */
export function measureWasTaken(m: Pick<MeasureState, 'status'>): boolean {
  return m.status === 'IN_FORCE' || m.status === 'RELEASED';
}

/**
 * 第19条: an emergency measure taken on the spot is reported within 24 hours. Reporting exactly 24 h
 * after is on time; 24 h and 1 ms is late. (A time in the future is an input mistake, not this rule:
 * see measureInputIssues.)
 */
export function emergencyReportRefusal(takenAt: Date, now: Date): RuleRefusal | null {
  if (now.getTime() - takenAt.getTime() <= EMERGENCY_REPORT_MS) return null;
  return {
    rule: 'MEASURE_EMERGENCY_REPORT_LATE',
    message: {
      zh: '紧急情况下当场实施的行政强制措施须在二十四小时内向行政机关负责人报告并补办批准手续（行政强制法第19条），已超过 24 小时',
      en: 'An emergency measure must be reported to the agency head within 24 hours of being taken (Administrative Coercion Law art. 19); more than 24 hours have passed',
    },
  };
}

/** 第17条 / 第29条: freezing deposits only by agencies a law authorises (configured: freezeAgencyKinds). */
export function freezeRefusal(
  kind: CompulsoryMeasureKind,
  agencyKind: AgencyKind,
  authorised: readonly AgencyKind[],
): RuleRefusal | null {
  if (kind !== 'FREEZE' || authorised.includes(agencyKind)) return null;
  return {
    rule: 'MEASURE_FREEZE_NOT_AUTHORISED',
    message: {
      zh: '冻结存款、汇款须由法律规定的行政机关实施，本单位未获授权（行政强制法第17条、第29条）',
      en: 'Only an agency a law authorises may freeze deposits or remittances; this agency is not authorised (Administrative Coercion Law arts. 17 and 29)',
    },
  };
}

export interface MeasureOfficer extends CertificateHolder {
  id: number;
  name: string;
  agencyId: number;
  /** Assigned to the case. */
  assigned: boolean;
}

/**
 * 第18条第(二)项: a measure is taken by two or more officers — each assigned to the case, of its
 * agency, and able to enforce (a valid, reviewed certificate). `found` holds the people that exist.
 */
export function measureOfficersRefusal(
  requested: readonly number[],
  found: readonly MeasureOfficer[],
  agencyId: number,
  now: Date,
  graceUntil: string,
): RuleRefusal | null {
  const byId = new Map(found.map((p) => [p.id, p]));
  const refused: { who: string; reason: Bilingual }[] = [];
  let eligible = 0;
  for (const id of [...new Set(requested)]) {
    const p = byId.get(id);
    const who = p?.name ?? `#${id}`;
    if (!p) refused.push({ who, reason: { zh: '人员不存在', en: 'no such person' } });
    else if (p.agencyId !== agencyId)
      refused.push({ who, reason: { zh: '不是本案承办单位的人员', en: "not of the case's agency" } });
    else if (!p.assigned) refused.push({ who, reason: { zh: '不是本案承办人员', en: 'not assigned to the case' } });
    else {
      const blocker = enforceBlocker(p, now, graceUntil);
      if (blocker) refused.push({ who, reason: ENFORCE_BLOCKER_MESSAGES[blocker] });
      else eligible++;
    }
  }
  const zhList = refused.map((r) => `${r.who}：${r.reason.zh}`).join('；');
  const enList = refused.map((r) => `${r.who}: ${r.reason.en}`).join('; ');
  if (eligible < MIN_OFFICERS)
    return {
      rule: 'MEASURE_TWO_OFFICERS',
      message: {
        zh: `行政强制措施须由两名以上本案承办、持有效执法证的行政执法人员实施（行政强制法第18条第(二)项），现仅 ${eligible} 名${zhList ? `（${zhList}）` : ''}`,
        en: `A compulsory measure is taken by at least ${MIN_OFFICERS} officers assigned to the case with valid certificates (Administrative Coercion Law art. 18(2)); only ${eligible}${enList ? ` (${enList})` : ''}`,
      },
    };
  if (refused.length)
    return {
      rule: 'MEASURE_OFFICER_INELIGIBLE',
      message: {
        zh: `以下人员不能实施行政强制措施（行政强制法第18条第(二)项）：${zhList}`,
        en: `These people may not take the measure (Administrative Coercion Law art. 18(2)): ${enList}`,
      },
    };
  return null;
}

export interface MeasureInput {
  emergency: boolean;
  takenAt: Date | null;
}

export interface MeasureInputIssue {
  field: 'takenAt';
  message: Bilingual;
}

/**
 * Input mistakes (not rules): an emergency measure says when it was taken, a measure awaiting approval
 * does not (it is taken when approved, 第18条第(一)项); nothing is dated in the future. The notice and
 * the on-site record are measureTakingIssues'.
 */
export function measureInputIssues(input: MeasureInput, now: Date): MeasureInputIssue[] {
  const issues: MeasureInputIssue[] = [];
  if (input.emergency) {
    if (!input.takenAt)
      issues.push({
        field: 'takenAt',
        message: { zh: '紧急情况下当场实施的，须填写实施时间', en: 'an emergency measure needs the time it was taken' },
      });
    else if (input.takenAt.getTime() > now.getTime())
      issues.push({
        field: 'takenAt',
        message: { zh: '实施时间不能晚于现在', en: 'the time taken cannot be in the future' },
      });
  } else if (input.takenAt) {
    issues.push({
      field: 'takenAt',
      message: {
        zh: '非紧急情况须经负责人批准后实施，实施时间即批准时间，不应填写',
        en: 'a measure awaiting approval is taken when approved; leave takenAt empty',
      },
    });
  }
  return issues;
}

/** 第18条 / 第19条: only a measure awaiting the head's approval — requested, or taken in an emergency and not yet approved. */
export function approvalRefusal(m: Pick<MeasureState, 'status' | 'emergency' | 'approvedAt'>): RuleRefusal | null {
  const pending = m.status === 'REQUESTED' || (m.status === 'IN_FORCE' && m.emergency && m.approvedAt === null);
  if (pending) return null;
  return {
    rule: 'MEASURE_NOT_PENDING_APPROVAL',
    message: {
      zh: '该行政强制措施不在待批准状态（行政强制法第18条、第19条）',
      en: 'The measure is not awaiting approval (Administrative Coercion Law arts. 18 and 19)',
    },
  };
}

/**
 * 第25条 / 第32条: one extension, of at most 30 days, approved by the head while the measure is in
 * force, approved and not yet past its last day. `days` below 1 is an input mistake (the schema's).
 */
export function measureExtensionRefusal(m: MeasureState, days: number, now: Date): RuleRefusal | null {
  const art = termArticle(m.kind);
  const what = MEASURE_KIND_NAMES[m.kind];
  if (m.status !== 'IN_FORCE') return notInForce(m, `第${art}条`, `art. ${art}`);
  if (m.approvedAt === null)
    return {
      rule: 'MEASURE_NOT_APPROVED',
      message: {
        zh: '紧急实施的行政强制措施须先补办批准手续，方可延长（行政强制法第19条）',
        en: 'An emergency measure must be approved before it can be extended (Administrative Coercion Law art. 19)',
      },
    };
  if (m.extendedDays !== null)
    return {
      rule: 'MEASURE_EXTENDED_ONCE',
      message: {
        zh: `${what.zh}的期限只能延长一次（行政强制法第${art}条），已延长 ${m.extendedDays} 日`,
        en: `A ${what.en} may be extended only once (Administrative Coercion Law art. ${art}); it was already extended by ${m.extendedDays} days`,
      },
    };
  if (days > MAX_MEASURE_EXTENSION_DAYS)
    return {
      rule: 'MEASURE_EXTENSION_TOO_LONG',
      message: {
        zh: `${what.zh}的延长期限不得超过 ${MAX_MEASURE_EXTENSION_DAYS} 日（行政强制法第${art}条），申请 ${days} 日`,
        en: `A ${what.en} may be extended by at most ${MAX_MEASURE_EXTENSION_DAYS} days (Administrative Coercion Law art. ${art}); asked for ${days}`,
      },
    };
  if (isMeasureOverdue(m, now))
    return {
      rule: 'MEASURE_OVERDUE',
      message: {
        zh: `${what.zh}已超过期限，不能再延长，应当解除（行政强制法第${art}条）`,
        en: `The ${what.en} is past its term and can no longer be extended; it must be released (Administrative Coercion Law art. ${art})`,
      },
    };
  return null;
}

/** 第28条 / 第33条: only a measure in force is released. */
export function releaseRefusal(m: Pick<MeasureState, 'kind' | 'status'>): RuleRefusal | null {
  if (m.status === 'IN_FORCE') return null;
  const art = releaseArticle(m.kind);
  return notInForce(m, `第${art}条`, `art. ${art}`);
}

function notInForce(m: Pick<MeasureState, 'status'>, zhArt: string, enArt: string): RuleRefusal {
  return {
    rule: 'MEASURE_NOT_IN_FORCE',
    message: {
      zh: `该行政强制措施不在实施中（状态：${m.status}；行政强制法${zhArt}）`,
      en: `The measure is not in force (status ${m.status}; Administrative Coercion Law ${enArt})`,
    },
  };
}

/** The release date: not in the future, not before the day the measure was taken. Input mistakes. */
export function releaseDateIssue(on: Date, takenAt: Date, now: Date): Bilingual | null {
  if (on.getTime() > shanghaiToday(now).getTime())
    return { zh: '解除日期不能晚于今天', en: 'the release date cannot be in the future' };
  if (on.getTime() < shanghaiToday(takenAt).getTime())
    return { zh: '解除日期不能早于实施当日', en: 'the release date cannot be before the day the measure was taken' };
  return null;
}

/**
 * A case cannot close while a measure is in force or still awaiting approval: it is released when no
 * longer needed (行政强制法 第28条), and a request is decided first.
 */
export function measuresOpenRefusal(measures: readonly Pick<MeasureState, 'status'>[]): RuleRefusal | null {
  const inForce = measures.filter((m) => m.status === 'IN_FORCE').length;
  const requested = measures.filter((m) => m.status === 'REQUESTED').length;
  if (inForce + requested === 0) return null;
  return {
    rule: 'CASE_MEASURE_IN_FORCE',
    message: {
      zh: `案件尚有 ${inForce} 项实施中、${requested} 项待批准的行政强制措施，须先解除或作出批准决定后方可结案（行政强制法第28条）`,
      en: `The case has ${inForce} compulsory measure(s) in force and ${requested} awaiting approval; release or decide them before closing (Administrative Coercion Law art. 28)`,
    },
  };
}

/**
 * 第18条: the head approves what the officers report; the approval is a second person's check. An
 * approver who applied for the measure (recorded it) or carries it out (one of its officers) would
 * approve their own act. The agency head who is also an officer asks another head, or a system admin.
 */
export function selfApprovalRefusal(
  m: { recordedBy: string; officerIds: readonly number[] },
  approver: { actor: string; personId: number | null },
): RuleRefusal | null {
  const own =
    m.recordedBy === approver.actor || (approver.personId !== null && m.officerIds.includes(approver.personId));
  if (!own) return null;
  return {
    rule: 'MEASURE_SELF_APPROVAL',
    message: {
      zh: '申请或实施行政强制措施的执法人员不能批准该措施（行政强制法第18条：报经行政机关负责人批准）',
      en: 'An officer who applied for or carries out a compulsory measure cannot approve it (Administrative Coercion Law art. 18)',
    },
  };
}

// ── taking a measure: the decision served and the on-site record (第18条, 第19条, 第24条) ─────────────────
//
// A measure is taken on the spot: the officers serve the 查封、扣押决定书 (冻结通知书) there (第24条 当场
// 交付), tell the party the reasons and remedies (第18条第(五)项) and make the 现场笔录 (第18条第(七)项),
// which the party signs — or refuses to, which is noted (第(八)项), or is absent, and a witness signs
// (第(九)项). An emergency measure is taken before approval, so all of this comes with it; a measure
// awaiting the head's prior approval (第18条第(一)项) has not been taken, so none of it exists yet: it is
// recorded once the approved measure is taken (recordCompulsoryMeasureOnSite).

export interface OnSiteRecord {
  /** 现场笔录: what was done on the spot, and what the party said (第18条第(六)、(七)项). */
  record: string;
  partySignature: MeasurePartySignature;
  /** How the refusal to sign is noted in the record (第(八)项); only with REFUSED. */
  partyRefusalNote: string | null;
  /** The witness who signed (第(九)项): required when the party is absent; may be named on a refusal. */
  witness: string | null;
}

export interface MeasureTaking {
  noticeDocumentNumber: string | null;
  noticeServedOn: Date | null;
  onSiteRecord: OnSiteRecord | null;
}

const ART_18_24 = { zh: '行政强制法第18条、第24条', en: 'Administrative Coercion Law arts. 18 and 24' };

/**
 * What recording a measure carries of its taking. A request awaiting approval carries no notice and no
 * on-site record — it has not been taken (MEASURE_NOTICE_BEFORE_APPROVAL); an emergency measure, taken
 * on the spot, carries both (MEASURE_TAKING_RECORD_REQUIRED); then onSiteRecordRefusal.
 */
export function measureTakingRefusal(emergency: boolean, t: MeasureTaking): RuleRefusal | null {
  const given = t.noticeDocumentNumber !== null || t.noticeServedOn !== null || t.onSiteRecord !== null;
  if (!emergency)
    return given
      ? {
          rule: 'MEASURE_NOTICE_BEFORE_APPROVAL',
          message: {
            zh: `待负责人批准的行政强制措施尚未实施，不应填写决定书送达和现场笔录；经批准实施时当场送达并制作现场笔录（${ART_18_24.zh}）`,
            en: `A measure awaiting the head's approval has not been taken: no decision is served and no on-site record made until it is taken after approval (${ART_18_24.en})`,
          },
        }
      : null;
  return takingRecordRefusal(t) ?? onSiteRecordRefusal(t.onSiteRecord!);
}

/** The notice served and the on-site record, both present: MEASURE_TAKING_RECORD_REQUIRED. */
export function takingRecordRefusal(t: MeasureTaking): RuleRefusal | null {
  const missing: Bilingual[] = [];
  if (t.noticeDocumentNumber === null || t.noticeServedOn === null)
    missing.push({ zh: '决定书文号及送达日期（第24条）', en: 'the decision served and its day (art. 24)' });
  if (t.onSiteRecord === null)
    missing.push({ zh: '现场笔录（第18条第(七)项）', en: 'the on-site record (art. 18(7))' });
  if (!missing.length) return null;
  return {
    rule: 'MEASURE_TAKING_RECORD_REQUIRED',
    message: {
      zh: `实施行政强制措施须当场送达决定书并制作现场笔录，缺少：${missing.map((m) => m.zh).join('、')}（${ART_18_24.zh}）`,
      en: `A measure taken on the spot is served and recorded there; missing: ${missing.map((m) => m.en).join(', ')} (${ART_18_24.en})`,
    },
  };
}

/**
 * 第18条第(八)、(九)项: the party signs the record; a refusal to sign is noted in it; an absent party's
 * place is taken by a witness who signs. MEASURE_ON_SITE_RECORD_INCOMPLETE otherwise.
 */
export function onSiteRecordRefusal(r: OnSiteRecord): RuleRefusal | null {
  const incomplete = (zh: string, en: string): RuleRefusal => ({
    rule: 'MEASURE_ON_SITE_RECORD_INCOMPLETE',
    message: { zh: `现场笔录不完整：${zh}`, en: `The on-site record is incomplete: ${en}` },
  });
  if (r.partySignature === 'REFUSED' && !r.partyRefusalNote)
    return incomplete(
      '当事人拒绝签名或者盖章的，须在笔录中予以注明（行政强制法第18条第(八)项）',
      "a party's refusal to sign is noted in the record (Administrative Coercion Law art. 18(8))",
    );
  if (r.partySignature === 'ABSENT' && !r.witness)
    return incomplete(
      '当事人不到场的，须邀请见证人到场，由见证人和行政执法人员在现场笔录上签名或者盖章（行政强制法第18条第(九)项）',
      'when the party is absent, a witness is invited and signs the record with the officers (Administrative Coercion Law art. 18(9))',
    );
  if (r.partySignature !== 'REFUSED' && r.partyRefusalNote)
    return incomplete(
      '只有当事人拒绝签名时才注明拒绝情况（行政强制法第18条第(八)项）',
      'a refusal is noted only when the party refused to sign (Administrative Coercion Law art. 18(8))',
    );
  return null;
}

/**
 * Recording the taking of an approved request (recordCompulsoryMeasureOnSite): only a measure in force
 * (MEASURE_NOT_IN_FORCE), taken after approval — an emergency measure brought its record with it — and
 * once (MEASURE_ON_SITE_ALREADY_RECORDED).
 */
export function onSiteRefusal(
  m: Pick<MeasureState, 'kind' | 'status' | 'emergency'> & { siteRecord: string | null },
): RuleRefusal | null {
  if (m.status !== 'IN_FORCE') return notInForce(m, '第18条', 'art. 18');
  if (m.emergency || m.siteRecord !== null)
    return {
      rule: 'MEASURE_ON_SITE_ALREADY_RECORDED',
      message: {
        zh: `该行政强制措施的决定书送达和现场笔录已经记录（${ART_18_24.zh}）`,
        en: `The measure's service and on-site record are already recorded (${ART_18_24.en})`,
      },
    };
  return null;
}

/**
 * The day the notice was served: not after today, not before the day the measure was taken (input
 * mistakes, a ValidationError at noticeServedOn).
 */
export function noticeServedOnIssue(servedOn: Date, takenAt: Date, now: Date): Bilingual | null {
  if (servedOn.getTime() > shanghaiToday(now).getTime())
    return { zh: '送达日期不能晚于今天', en: 'the notice cannot be served in the future' };
  if (servedOn.getTime() < shanghaiToday(takenAt).getTime())
    return { zh: '送达日期不能早于实施当日', en: 'the notice cannot be served before the day the measure was taken' };
  return null;
}

// ── 第19条: an emergency measure is approved within 24 hours, or released ───────────────────────────────

/** Taken in an emergency, still in force, not approved, and more than 24 hours old: it must be released. */
export function isApprovalLapsed(
  m: Pick<MeasureState, 'status' | 'emergency' | 'approvedAt' | 'takenAt'>,
  now: Date,
): boolean {
  return (
    m.status === 'IN_FORCE' &&
    m.emergency &&
    m.approvedAt === null &&
    now.getTime() - m.takenAt.getTime() > EMERGENCY_REPORT_MS
  );
}

/**
 * 第19条: an emergency measure is reported and its approval obtained (补办批准手续) within 24 hours of
 * being taken. Approving it exactly 24 hours after is on time; later is refused
 * (MEASURE_EMERGENCY_APPROVAL_LATE), and the measure must be released. Refusing approval — which
 * releases it at once — stays open.
 */
export function emergencyApprovalRefusal(
  m: Pick<MeasureState, 'status' | 'emergency' | 'approvedAt' | 'takenAt'>,
  now: Date,
): RuleRefusal | null {
  if (!isApprovalLapsed(m, now)) return null;
  return {
    rule: 'MEASURE_EMERGENCY_APPROVAL_LATE',
    message: {
      zh: '紧急情况下当场实施的行政强制措施须在二十四小时内补办批准手续（行政强制法第19条），已超过 24 小时，不能再批准，应当立即解除',
      en: 'An emergency measure is approved within 24 hours of being taken (Administrative Coercion Law art. 19); more than 24 hours have passed, so it can no longer be approved and must be released at once',
    },
  };
}
