// Soft measures 柔性措施 (county plan task 7: 推行提醒、告知、劝阻等柔性执法方式; 行政指导): what a measure may
// record, when its outcome may be recorded, and when a case may follow it. Pure: refusals as data, each naming
// its basis; the services (soft-measures.ts) read the rows and throw the refusal.
import type { SoftMeasureKind, SoftMeasureOutcome } from '@zhifa/core/prisma';

export interface SoftRefusal {
  rule: string;
  zh: string;
  en: string;
}

/** At most this many 约谈 participants are recorded (the people present, by name and role). */
export const MAX_PARTICIPANTS = 20;

export const SOFT_MEASURE_KIND_LABEL: Record<SoftMeasureKind, { zh: string; en: string }> = {
  REMINDER: { zh: '提醒', en: 'reminder' },
  NOTICE: { zh: '告知', en: 'notice' },
  DISSUASION: { zh: '劝阻', en: 'dissuasion' },
  GUIDANCE: { zh: '行政指导', en: 'administrative guidance' },
  ADMONITION: { zh: '告诫', en: 'admonition' },
  INTERVIEW: { zh: '约谈', en: 'interview' },
  COMMITMENT: { zh: '承诺书', en: 'written commitment' },
};

export const SOFT_MEASURE_OUTCOME_LABEL: Record<SoftMeasureOutcome, { zh: string; en: string }> = {
  COMPLIED: { zh: '已履行', en: 'complied' },
  PARTIAL: { zh: '部分履行', en: 'partly complied' },
  NOT_COMPLIED: { zh: '未履行', en: 'not complied' },
};

const BASIS = { zh: '县实施方案任务7（提醒、告知、劝阻等柔性执法方式）', en: 'county plan task 7 (soft enforcement)' };

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A 约谈 names who took part (1–20); the other kinds have no participants. */
export function participantsRefusal(kind: SoftMeasureKind, participants: readonly string[]): SoftRefusal | null {
  if (kind === 'INTERVIEW' && participants.length === 0)
    return {
      rule: 'FLEXIBLE_SOFT_PARTICIPANTS',
      zh: `约谈须记录参加人员（1 至 ${MAX_PARTICIPANTS} 人）（${BASIS.zh}）`,
      en: `an interview records who took part (1 to ${MAX_PARTICIPANTS}) (${BASIS.en})`,
    };
  if (participants.length > MAX_PARTICIPANTS)
    return {
      rule: 'FLEXIBLE_SOFT_PARTICIPANTS',
      zh: `约谈参加人员至多记录 ${MAX_PARTICIPANTS} 人，现有 ${participants.length} 人（${BASIS.zh}）`,
      en: `an interview records at most ${MAX_PARTICIPANTS} participants, not ${participants.length} (${BASIS.en})`,
    };
  if (kind !== 'INTERVIEW' && participants.length > 0)
    return {
      rule: 'FLEXIBLE_SOFT_PARTICIPANTS',
      zh: `只有约谈记录参加人员，${SOFT_MEASURE_KIND_LABEL[kind].zh}不记录（${BASIS.zh}）`,
      en: `only an interview records participants, not a ${SOFT_MEASURE_KIND_LABEL[kind].en} (${BASIS.en})`,
    };
  return null;
}

/**
 * The measure's day is not after today (Asia/Shanghai): a measure is recorded once taken. Its follow-up is
 * due on or after that day (the same day allowed, the day before refused).
 */
export function datesRefusal(takenOn: Date, followUpOn: Date | null, today: Date): SoftRefusal | null {
  if (takenOn.getTime() > today.getTime())
    return {
      rule: 'FLEXIBLE_SOFT_TAKEN_IN_FUTURE',
      zh: `柔性措施的实施日期（${day(takenOn)}）不能晚于今天（${day(today)}）：措施实施后记录（${BASIS.zh}）`,
      en: `the measure's day (${day(takenOn)}) cannot be after today (${day(today)}): a measure is recorded once taken (${BASIS.en})`,
    };
  if (followUpOn && followUpOn.getTime() < takenOn.getTime())
    return {
      rule: 'FLEXIBLE_SOFT_FOLLOW_UP_BEFORE_MEASURE',
      zh: `跟进日期（${day(followUpOn)}）不能早于措施实施日期（${day(takenOn)}）（${BASIS.zh}）`,
      en: `a follow-up (${day(followUpOn)}) cannot be due before the measure's day (${day(takenOn)}) (${BASIS.en})`,
    };
  return null;
}

/**
 * The outcome of the follow-up is recorded once, on or after the measure's day. No correction: the outcome is
 * what the statistics count and what a follow-up case rests on (NOT_COMPLIED); a later change in the
 * enterprise's conduct is a new measure with its own follow-up, so the record of the first stays as it was found.
 */
export function outcomeRefusal(
  m: { takenOn: Date; outcome: SoftMeasureOutcome | null },
  today: Date,
): SoftRefusal | null {
  if (m.outcome !== null)
    return {
      rule: 'FLEXIBLE_SOFT_OUTCOME_RECORDED',
      zh: `该柔性措施的跟进结果已记录为“${SOFT_MEASURE_OUTCOME_LABEL[m.outcome].zh}”，不再更改；此后的情况另行采取措施并记录（${BASIS.zh}）`,
      en: `the measure's outcome is already recorded (${SOFT_MEASURE_OUTCOME_LABEL[m.outcome].en}) and is not changed; what follows is a new measure (${BASIS.en})`,
    };
  if (today.getTime() < m.takenOn.getTime())
    return {
      rule: 'FLEXIBLE_SOFT_OUTCOME_EARLY',
      zh: `措施实施日（${day(m.takenOn)}）之前不能记录跟进结果（${BASIS.zh}）`,
      en: `no outcome before the measure's day (${day(m.takenOn)}) (${BASIS.en})`,
    };
  return null;
}

/**
 * A case follows a soft measure only when the enterprise did not comply (NOT_COMPLIED: 柔性措施无效的，依法
 * 立案查处), and only one case: the measure links to it and it links back.
 */
export function followUpCaseRefusal(m: {
  outcome: SoftMeasureOutcome | null;
  followUpCaseId: number | null;
}): SoftRefusal | null {
  if (m.followUpCaseId !== null)
    return {
      rule: 'FLEXIBLE_SOFT_CASE_EXISTS',
      zh: `该柔性措施已据以立案，不能再次立案（${BASIS.zh}）`,
      en: `a case was already opened after this measure (${BASIS.en})`,
    };
  if (m.outcome !== 'NOT_COMPLIED')
    return {
      rule: 'FLEXIBLE_SOFT_CASE_NOT_NONCOMPLIANCE',
      zh: `只有跟进结果为“未履行”的柔性措施才能据以立案，现为“${m.outcome ? SOFT_MEASURE_OUTCOME_LABEL[m.outcome].zh : '未记录'}”（${BASIS.zh}；行政处罚法第54条）`,
      en: `a case follows a measure only after the outcome NOT_COMPLIED, not ${m.outcome ?? 'none recorded'} (${BASIS.en}; 行政处罚法 art. 54)`,
    };
  return null;
}

/** Whether the follow-up is overdue on `today`: its day passed (the day itself is not overdue) with no outcome. */
export function isFollowUpOverdue(m: { followUpOn: Date | null; outcome: SoftMeasureOutcome | null }, today: Date) {
  return m.followUpOn !== null && m.outcome === null && m.followUpOn.getTime() < today.getTime();
}
