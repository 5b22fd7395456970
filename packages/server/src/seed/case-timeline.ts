// A demo case's timeline, in days from its registration day (day 0), with the procedure the 行政处罚法 asks
// for: 事先告知 → 陈述、申辩 → 听证 (第44–45、63–64条), 法制审核 (第58条), 集体讨论 (第57条第2款), the
// decision, 送达 within 7 days (第61条); the 90-day limit (第60条) and its extension; or 简易程序 on the spot.
// The registration day is fixed once the timeline's length is known, then the steps become dated rows.
import type { CaseStepKind, PenaltyKind } from '@zhifa/core/prisma';
import { isPenalty } from '@zhifa/core/rules';
import { addDays } from '@zhifa/core/time';
import type { Violation } from './names.js';
import type { Dice } from './random.js';
import type { Penalty, StepRow } from './case-rows.js';
import { offersHearing, type CaseFacts } from './case-facts.js';

export const HOUR = 3_600_000;
/** 行政处罚法 第64条第(二)项: the party is told the time and place of the hearing 7 days before it. */
export const HEARING_NOTICE_DAYS = 7;

const RETURN_REASONS = [
  '证据不足：缺少涉案物品检验报告，请补充调查',
  '违法事实认定不清：经营时间与货值金额前后矛盾，请补充询问笔录',
  '适用依据不当：请核对处罚依据条款项',
];

/** A day (UTC midnight of the Shanghai day) at `hour` o'clock Shanghai time. */
export const at = (day: Date, hour: number, minute = 0) =>
  new Date(day.getTime() + (hour - 8) * HOUR + minute * 60_000);

export interface CaseTimeline {
  /** The registration day, and how many days ago it was. */
  registered: Date;
  age: number;
  /** 第60条: days from registration (90, or more when extended); null for 简易程序. */
  deadlineDays: number | null;
  registeredAt: Date;
  decidedAt: Date | null;
  closedAt: Date | null;
  /** In the order they took place. */
  steps: StepRow[];
  dayOf: (n: number) => Date;
}

export function caseTimeline(dice: Dice, c: CaseFacts, now: Date, today: Date): CaseTimeline {
  const { stage, decided, simple, decision, serious, penalties, v, thresholdFen, officer, head, reviewer } = c;
  // 第64条第(四)项: the hearing is presided over by someone the agency designates who did not investigate the
  // case — one of its legal reviewers (or another officer) not assigned to it.
  const presidingOfficerId =
    [...c.agency.reviewerIds, ...c.agency.officerIds].find((id) => !c.officerIds.includes(id)) ?? null;
  // ── the timeline, in days from the registration day (day 0) ──
  // Days from registration; a hearing notice's hearingDay becomes its hearingOn date once days are dates.
  const steps: (Omit<StepRow, 'on' | 'recordedAt' | 'hearingOn'> & { day: number; hearingDay: number | null })[] = [];
  const step = (
    kind: CaseStepKind,
    day: number,
    actor: string,
    extra: Partial<Omit<StepRow, 'on' | 'recordedAt' | 'kind' | 'actor' | 'hearingOn'> & { hearingDay: number }> = {},
  ) =>
    steps.push({
      kind,
      day,
      actor,
      outcome: null,
      documentNumber: null,
      note: null,
      days: null,
      discussion: null,
      proposal: null,
      hearingDay: null,
      place: null,
      presidingOfficerId: null,
      publicHearing: null,
      ...extra,
    });
  let deadlineDays: number | null = simple ? null : 90;
  let last: number; // the last day of the procedure
  let decidedDay: number | null = null;
  let closedDay: number | null = null;
  let age: number; // days from registration to today
  let registeredHour = dice.int(9, 16);

  /**
   * 事先告知 → 陈述申辩 → 听证 (or its waiver / lapse); `compact` keeps it short for a case under way, whose steps
   * end by `latest` (today).
   */
  const notify = (
    from: number,
    compact: boolean,
    proposal: Penalty[],
    lighterAfterStatement: boolean,
    latest = Infinity,
  ) => {
    const n = from;
    const received = lighterAfterStatement || dice.chance(0.45);
    // A statement that persuaded: the notice proposed more than was decided (第45条: never less).
    const proposed = proposal.map((p) =>
      lighterAfterStatement && p.amountFen !== null && p.kind === 'FINE'
        ? { ...p, amountFen: bumped(p.amountFen, v) }
        : p,
    );
    const offered = offersHearing(proposed, thresholdFen);
    step('NOTICE', n, officer(0), {
      note: `拟作出：${proposed.map((p) => penaltyText(p)).join('，')}${offered ? '；告知陈述、申辩和要求听证的权利' : '；告知陈述、申辩的权利'}`,
      proposal: {
        penalties: proposed.map((p) => ({
          kind: p.kind,
          amountFen: p.amountFen === null ? null : p.amountFen.toString(),
        })),
        hearingOffered: offered,
        hearingThresholdFen: thresholdFen.toString(),
        // A fine below the matter's minimum is proposed only as 减轻 (第32条), as the decision is.
        ...(decision === 'MITIGATED' ? { mitigatingCircumstance: '拟依行政处罚法第三十二条减轻处罚' } : {}),
      },
    });
    const s = n + dice.int(compact ? 0 : 1, compact ? 1 : 3);
    step(
      'STATEMENT',
      s,
      officer(1),
      received
        ? { outcome: 'RECEIVED', note: '当事人提交书面陈述、申辩意见，经复核部分采纳' }
        : { outcome: 'WAIVED', note: '当事人书面表示放弃陈述、申辩' },
    );
    let end = s;
    if (offered) {
      const r = dice.next();
      // 第64条: requested within 5 days of the notice; the party told of the hearing (at the earliest on the day it
      // asked) at least 7 days before it is held (第(二)项); a case under way too young for that waives it instead.
      const req = n + dice.int(1, compact ? 2 : 5);
      const told = req + dice.int(0, compact ? 1 : 3);
      const held = told + HEARING_NOTICE_DAYS + dice.int(0, compact ? 1 : 5);
      if (r < 0.35 && presidingOfficerId !== null && held <= latest) {
        step('HEARING_REQUEST', req, officer(0), { outcome: 'REQUESTED', note: '当事人书面申请听证' });
        step('HEARING_NOTICE', told, officer(0), {
          hearingDay: held,
          place: '本局听证室',
          note: '送达听证通知书，告知听证的时间、地点',
        });
        step('HEARING', held, officer(1), {
          note: '听证笔录：当事人及其委托代理人到场，就违法事实、证据和处罚幅度进行了陈述和申辩',
          presidingOfficerId,
          publicHearing: true,
        });
        end = Math.max(end, held);
      } else if (r < 0.85 || compact) {
        const w = n + dice.int(0, compact ? 1 : 4);
        step('HEARING_REQUEST', w, officer(0), { outcome: 'WAIVED', note: '当事人书面表示放弃听证' });
        end = Math.max(end, w);
      } else end = Math.max(end, n + 6); // not requested within the 5 days: lapsed
    }
    return end;
  };
  // The registration day is fixed once the timeline's length is known; steps are placed in relative days first.
  let registered: Date = today;

  if (simple) {
    // Decided on the spot and handed over at once (第52条), so registered and decided the same day.
    age = stage === 'DECIDED' ? dice.int(1, 6) : stage === 'EXECUTED' ? dice.int(3, 200) : dice.int(30, 540);
    registered = addDays(today, -age);
    decidedDay = 0;
    step('SERVICE', 0, officer(0), { note: '当场交付行政处罚决定书，当事人签收' });
    if (stage === 'CLOSED') closedDay = Math.min(age - 1, dice.int(1, 20));
  } else if (decided) {
    let d = dice.chance(0.05) ? dice.int(70, 88) : dice.int(6, 25); // investigation (a few run long)
    if (penalties.length) {
      const lighter = decision === 'LIGHTER' || decision === 'MITIGATED';
      d = notify(d, false, penalties, lighter && dice.chance(0.6)) + dice.int(1, 4);
    } else d += dice.int(1, 4);
    if (dice.chance(0.1)) {
      step('LEGAL_REVIEW', d, reviewer(), { outcome: 'RETURNED', note: dice.pick(RETURN_REASONS) });
      d += dice.int(5, 12); // further investigation, then sent back
    }
    step('LEGAL_REVIEW', d, reviewer(), {
      outcome: 'APPROVED',
      note: '事实清楚，证据确凿，适用依据正确，程序合法，处罚适当',
    });
    if (serious && isPenalty(decision!)) {
      d += dice.int(1, 3);
      step('COLLECTIVE_DISCUSSION', d, head, { note: '局长办公会集体讨论，同意法制审核意见' });
    }
    decidedDay = d + dice.int(0, 3);
    if (decidedDay > 90) {
      // 第60条: extended by the head before the 90 days ran out, by 30 days (市场监督管理行政处罚程序规定 第64条);
      // beyond that, as the heads' 集体讨论 decided before those 30 days ran out.
      step('DEADLINE_EXTENSION', dice.int(80, 89), head, {
        days: 30,
        note: '案情复杂，需补充检验鉴定，经负责人批准延长办案期限',
      });
      deadlineDays = 120;
      if (decidedDay > 120) {
        const days = decidedDay - 120;
        step('DEADLINE_EXTENSION', dice.int(110, 119), head, {
          days,
          note: '案情特别复杂，经延期仍不能作出处理决定',
          discussion: '局长办公会集体讨论，决定继续延长办案期限',
        });
        deadlineDays = 120 + days;
      }
    }
    last = decidedDay;
    const unserved = stage === 'DECIDED' && dice.chance(0.3);
    if (decision !== 'DROPPED' && !unserved) {
      const servedDay = decidedDay + dice.int(0, 7); // 第61条: within 7 days
      step('SERVICE', servedDay, officer(0), {
        note: dice.chance(0.7) ? '直接送达，当事人签收送达回证' : '邮寄送达',
      });
      last = servedDay;
    }
    if (stage === 'CLOSED') closedDay = last + dice.int(5, 40);
    // How long ago: a decision not yet served is at most 6 days old.
    const since = unserved ? dice.int(1, 6) : stage === 'DECIDED' ? dice.int(1, 25) : dice.int(5, 400);
    age = (closedDay ?? last) + since;
    registered = addDays(today, -age);
  } else {
    // Under way: recent, a few past their 90 days (第60条).
    age = stage === 'REGISTERED' ? dice.int(0, 20) : dice.chance(0.08) ? dice.int(95, 120) : dice.int(10, 85);
    registered = addDays(today, -age);
    if (stage !== 'REGISTERED' && penalties.length) {
      const noticed = stage === 'LEGAL_REVIEW' ? dice.chance(0.85) : age >= 15 && dice.chance(0.5);
      let d = dice.int(1, Math.max(1, Math.floor(age / 3)));
      if (noticed) d = notify(d, true, penalties, false, age) + 1;
      if (stage === 'INVESTIGATING' && noticed && age >= d + 3 && dice.chance(0.3)) {
        // Reviewed and returned for further investigation (第58条).
        step('LEGAL_REVIEW', d, reviewer(), { outcome: 'RETURNED', note: dice.pick(RETURN_REASONS) });
      }
      if (stage === 'LEGAL_REVIEW' && dice.chance(0.5) && d <= age) {
        step('LEGAL_REVIEW', d, reviewer(), {
          outcome: 'APPROVED',
          note: '事实清楚，证据确凿，适用依据正确，程序合法',
        });
        if (serious && d + 1 <= age && dice.chance(0.5))
          step('COLLECTIVE_DISCUSSION', d + 1, head, { note: '局长办公会集体讨论，同意法制审核意见' });
      }
    }
    // A long case the head extended (第60条), so it is not overdue.
    if (age > 90 && dice.chance(0.3)) {
      step('DEADLINE_EXTENSION', dice.int(80, 89), head, { days: 30, note: '案情复杂，经负责人批准延长办案期限' });
      deadlineDays = 120;
    }
    registeredHour =
      age === 0
        ? Math.min(registeredHour, Math.max(0, new Date(now.getTime() + 8 * HOUR).getUTCHours() - 1))
        : registeredHour;
  }

  // Not in the future (a minute before now at the latest), and never before its own day: just after a
  // local midnight "a minute before now" is yesterday, which would move the 90-day deadline by a day.
  const registeredAt = new Date(
    Math.max(
      at(registered, 0).getTime(),
      Math.min(at(registered, registeredHour, dice.int(0, 59)).getTime(), now.getTime() - 60_000),
    ),
  );
  const decidedAt =
    decidedDay === null
      ? null
      : simple
        ? new Date(registeredAt.getTime() + dice.int(15, 50) * 60_000)
        : at(addDays(registered, decidedDay), dice.int(9, 16), dice.int(0, 59)); // before the day's steps at 17:30
  const closedAt = closedDay === null ? null : at(addDays(registered, closedDay), dice.int(9, 17), dice.int(0, 59));
  const dayOf = (n: number) => addDays(registered, n);
  // Steps in the order they took place (the procedure reads them in the order recorded).
  const stepRows: StepRow[] = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.day - b.s.day || a.i - b.i)
    .map(({ s: { day, hearingDay, ...s } }) => ({
      ...s,
      on: dayOf(day),
      hearingOn: hearingDay === null ? null : dayOf(hearingDay),
      // A step on the day of the decision it leads to is recorded before it (in the morning); others at 17:30.
      recordedAt:
        day === 0 && simple
          ? decidedAt!
          : new Date(
              Math.min(
                (day === decidedDay && s.kind !== 'SERVICE' ? at(dayOf(day), 8, 30) : at(dayOf(day), 17, 30)).getTime(),
                now.getTime(),
              ),
            ),
    }));

  return { registered, age, deadlineDays, registeredAt, decidedAt, closedAt, steps: stepRows, dayOf };
}

/** The fine proposed before a statement persuaded the agency: up to a quarter more, within the maximum. */
function bumped(fen: bigint, v: Violation): bigint {
  const max = BigInt(v.fine[1]) * 100n;
  const up = ((fen * 125n) / 100n / 1000n) * 1000n;
  return up > max ? (fen > max ? fen : max) : up < fen ? fen : up;
}

const KIND_TEXT: Record<PenaltyKind, string> = {
  WARNING: '警告',
  CRITICISM: '通报批评',
  FINE: '罚款',
  CONFISCATE_GAINS: '没收违法所得',
  CONFISCATE_PROPERTY: '没收非法财物',
  SUSPEND_LICENCE: '暂扣许可证件',
  LOWER_QUALIFICATION: '降低资质等级',
  REVOKE_LICENCE: '吊销许可证件',
  RESTRICT_ACTIVITIES: '限制开展生产经营活动',
  SUSPEND_OPERATIONS: '责令停产停业',
  CLOSE_DOWN: '责令关闭',
  BAN_PRACTICE: '限制从业',
};

function penaltyText(p: Penalty): string {
  return p.amountFen === null
    ? KIND_TEXT[p.kind]
    : `${KIND_TEXT[p.kind]} ${(Number(p.amountFen) / 100).toLocaleString('en-US')} 元`;
}
