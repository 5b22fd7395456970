// The mitigations an assessment offers the enterprise (county plan task 7), checked without I/O. Paying a fine in
// instalments or later is 行政处罚法 第66条第2款 (当事人确有经济困难，需要延期或者分期缴纳罚款的，经当事人申请和行政机关批准，可以
// 暂缓或者分期缴纳): it concerns a fine, so it is offered only when the latest notice proposes one, with the terms the
// decision will carry — how many instalments and the last day, or the day payment is deferred to —, days after
// today; a decision carries one payment arrangement, so one of them at most. The other mitigations are text only.
import type { ImpactMitigationKind } from '@zhifa/core/prisma';
import type { Bilingual } from './triggers.js';

export interface MitigationDraft {
  kind: ImpactMitigationKind;
  text: string;
  instalments: number | null;
  /** A calendar day (UTC midnight of the day, as @db.Date stores it). */
  dueOn: Date | null;
}

export interface MitigationIssue {
  rule: 'IMPACT_MITIGATION_TERMS';
  path: (string | number)[];
  message: Bilingual;
}

export const PAYMENT_KINDS: readonly ImpactMitigationKind[] = ['INSTALMENT', 'DEFERRAL'];
export const MIN_INSTALMENTS = 2;
export const MAX_INSTALMENTS = 12;

const ART66 = { zh: '行政处罚法第66条', en: 'Administrative Penalty Law art. 66' };

/**
 * What is wrong with the mitigations, given whether the latest notice proposes a fine and today (Asia/Shanghai):
 * a payment mitigation without a proposed fine, without its terms, with instalments outside 2–12, due today or
 * earlier, or a second one; terms on a mitigation that carries none. Empty when they may be offered.
 */
export function mitigationIssues(
  mitigations: readonly MitigationDraft[],
  facts: { fineProposed: boolean; today: Date },
): MitigationIssue[] {
  const issues: MitigationIssue[] = [];
  const refuse = (path: (string | number)[], zh: string, en: string) =>
    issues.push({
      rule: 'IMPACT_MITIGATION_TERMS',
      path,
      message: { zh: `${zh}（${ART66.zh}）`, en: `${en} (${ART66.en})` },
    });
  let payments = 0;
  mitigations.forEach((m, i) => {
    const at = ['mitigations', i];
    if (!PAYMENT_KINDS.includes(m.kind)) {
      if (m.instalments !== null || m.dueOn !== null)
        refuse(at, '仅分期、延期缴纳罚款附期数或期限', 'only instalments or a deferral carry terms');
      return;
    }
    payments++;
    if (payments > 1)
      refuse(at, '分期、延期缴纳罚款至多提出一项', 'one payment arrangement at most: instalments or a deferral');
    if (!facts.fineProposed)
      refuse(
        at,
        '事先告知未拟处罚款，不得提出分期、延期缴纳',
        'no fine is proposed in the notice: no instalments or deferral',
      );
    if (m.kind === 'INSTALMENT') {
      if (m.instalments === null) refuse([...at, 'instalments'], '分期缴纳须写明期数', 'instalments need their number');
      else if (!Number.isInteger(m.instalments) || m.instalments < MIN_INSTALMENTS || m.instalments > MAX_INSTALMENTS)
        refuse(
          [...at, 'instalments'],
          `分期期数须为 ${MIN_INSTALMENTS} 至 ${MAX_INSTALMENTS} 期`,
          `instalments number ${MIN_INSTALMENTS} to ${MAX_INSTALMENTS}`,
        );
    } else if (m.instalments !== null)
      refuse([...at, 'instalments'], '延期缴纳不分期', 'a deferral has no instalments');
    if (m.dueOn === null)
      refuse(
        [...at, 'dueOn'],
        m.kind === 'INSTALMENT' ? '分期缴纳须写明最后一期的缴纳期限' : '延期缴纳须写明延至的日期',
        m.kind === 'INSTALMENT' ? 'instalments need the last day' : 'a deferral needs the day payment is deferred to',
      );
    else if (m.dueOn.getTime() <= facts.today.getTime())
      refuse([...at, 'dueOn'], '缴纳期限须在今日之后', 'the day must be after today');
  });
  return issues;
}

/** Whether a proposal's penalties include a fine (a FINE with an amount above zero). */
export function proposesFine(penalties: readonly { kind: string; amountFen: string | number | null }[]): boolean {
  return penalties.some((p) => p.kind === 'FINE' && p.amountFen !== null && BigInt(p.amountFen) > 0n);
}
