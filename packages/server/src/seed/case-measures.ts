// A demo case's compulsory measures, following their lifecycle (行政强制法 第18–19、25、28条): approved by
// the head (or taken in an emergency and approved within 24 hours), two officers, 30 days (sometimes
// extended), released by the decision; a few still in force past their last day. Numbered later
// (case-numbers.ts), in the order taken.
import { measureDueOn } from '@zhifa/core/rules';
import { addDays, shanghaiToday } from '@zhifa/core/time';
import type { Dice } from './random.js';
import type { MeasureRow } from './case-rows.js';
import type { Violation } from './names.js';
import type { CaseFacts } from './case-facts.js';
import { at, HOUR, type CaseTimeline } from './case-timeline.js';
import { personName } from './people.js';

/** Takes each case's measures in turn; keeps count of those left overdue. */
export function measureTaker(dice: Dice, now: Date, today: Date): (c: CaseFacts, t: CaseTimeline) => MeasureRow[] {
  // Measures left in force past their last day (第25条): a few, for the overdue list and the sweep.
  let overdueMeasures = 0;

  return (c, t) => {
    const { v, simple, stage, officer, officerIds, head, decision, penalties } = c;
    const { age, dayOf, decidedAt } = t;
    const measures: MeasureRow[] = [];
    if (v.measure && !simple && dice.chance(0.6)) {
      const takenDay = Math.min(dice.int(1, 5), age);
      const takenAt = at(dayOf(takenDay), dice.int(9, 16), dice.int(0, 59));
      const beforeDecision = decidedAt === null || takenAt.getTime() < decidedAt.getTime();
      if (takenDay >= 1 && beforeDecision && takenAt.getTime() < now.getTime()) {
        const base = {
          kind: v.measure.kind,
          object: v.measure.object,
          isProductionEquipment: v.measure.productionEquipment,
          justification: `为防止${v.measure.kind === 'SEIZURE' ? '涉案财物转移、灭失' : '违法行为继续、危害扩大'}，依法${v.measure.kind === 'SEIZURE' ? '扣押' : '查封'}`,
          recordedBy: officer(0),
          officerIds: officerIds.slice(0, 2),
          // Taken on the spot: the decision served there and the 现场笔录 (第18条, 第24条); numbered later, in the order taken.
          noticeDocumentNumber: '' as string | null,
          noticeServedOn: dayOf(takenDay) as Date | null,
          ...onSiteRecord(dice, v.measure),
          extendedDays: null as number | null,
          extensionReason: null as string | null,
          extendedBy: null as string | null,
          releasedOn: null as Date | null,
          releaseReason: null as string | null,
          releasedBy: null as string | null,
        };
        if (stage === 'REGISTERED' && dice.chance(0.5)) {
          // Requested, awaiting the head's prior approval (第18条): not yet taken, so nothing served or recorded.
          measures.push({
            ...base,
            ...NOT_TAKEN,
            takenAt,
            status: 'REQUESTED',
            emergency: false,
            approvedAt: null,
            approvedBy: null,
            dueOn: null,
          });
        } else {
          const emergency = dice.chance(0.15);
          const approvedAt = emergency ? new Date(takenAt.getTime() + dice.int(2, 20) * HOUR) : takenAt;
          const m: MeasureRow = {
            ...base,
            takenAt,
            status: 'IN_FORCE',
            emergency,
            approvedAt: approvedAt.getTime() <= now.getTime() ? approvedAt : null,
            approvedBy: null,
            dueOn: measureDueOn(takenAt),
          };
          if (m.approvedAt) m.approvedBy = head;
          if (dice.chance(0.2)) {
            m.extendedDays = dice.int(15, 30);
            m.extensionReason = '检验检测需要延长期限，经负责人批准延长';
            m.extendedBy = head;
            m.dueOn = measureDueOn(takenAt, m.extendedDays);
          }
          const takenOn = dayOf(takenDay);
          const release = (on: Date, reason: string) => {
            m.status = 'RELEASED';
            m.releasedOn = on.getTime() <= takenOn.getTime() ? addDays(takenOn, 1) : on;
            m.releaseReason = reason;
            m.releasedBy = officer(1);
          };
          if (decidedAt) {
            // Released by the decision: no later than the decision day and the last day in force.
            const decidedOn = shanghaiToday(decidedAt);
            const on = decidedOn.getTime() < m.dueOn!.getTime() ? decidedOn : m.dueOn!;
            release(
              on,
              decision === 'PENALTY' && penalties.some((p) => p.kind === 'CONFISCATE_PROPERTY')
                ? '作出处罚决定，涉案财物依法没收，解除扣押'
                : '案件已作出处理决定，不再需要查封、扣押',
            );
          } else if (m.dueOn!.getTime() < today.getTime()) {
            // Past its last day: released in time, or (a few) left in force — overdue.
            if (overdueMeasures < 3 && dice.chance(0.5)) overdueMeasures++;
            else release(addDays(m.dueOn!, -dice.int(0, 5)), '检验结果已出，不再需要查封、扣押');
          } else if (dice.chance(0.25) && today.getTime() > addDays(takenOn, 3).getTime())
            release(addDays(takenOn, dice.int(1, 3)), '当事人已改正，违法状态消除');
          if (m.releasedOn && m.releasedOn.getTime() > today.getTime()) m.releasedOn = today;
          measures.push(m);
        }
      }
    }
    return measures;
  };
}

const NOT_TAKEN = {
  noticeDocumentNumber: null,
  noticeServedOn: null,
  siteRecord: null,
  partySignature: null,
  partyRefusalNote: null,
  witness: null,
} as const;

/**
 * The 现场笔录 of a measure taken (第18条第(七)项): the party signs it, or refuses — noted, a witness
 * present (第(八)项) — or is absent, and a witness signs (第(九)项).
 */
function onSiteRecord(dice: Dice, measure: NonNullable<Violation['measure']>) {
  const what = measure.kind === 'SEIZURE' ? '扣押' : '查封';
  const signature = dice.weighted<'SIGNED' | 'REFUSED' | 'ABSENT'>([
    ['SIGNED', 85],
    ['REFUSED', 10],
    ['ABSENT', 5],
  ]);
  const witness =
    signature === 'SIGNED'
      ? null
      : `${dice.pick(['社区网格员', '村民委员会委员', '物业管理人员'])}${personName(dice, new Set())}`;
  return {
    siteRecord: `出示执法证件，当场告知${what}的理由、依据及当事人依法享有的权利、救济途径，听取陈述和申辩；${what}${measure.object}，制作${what}清单，当场交付${what}决定书`,
    partySignature: signature,
    partyRefusalNote: signature === 'REFUSED' ? '当事人拒绝在现场笔录上签名，执法人员已在笔录中注明，见证人在场' : null,
    witness,
  };
}
