// What a decision on an enterprise case relies on (county plan task 7): the triggers that hold at the decision, which
// of them the approved revision does not answer, the refusal naming them, and what the decision carries from the
// revision — the 分期 / 延期缴纳 terms (行政处罚法 第66条) and whether the penalties moved after it was assessed. Pure:
// the guard (guard.ts) hands the facts.
import type { ImpactMitigationKind, PenaltyKind } from '@zhifa/core/prisma';
import { answers, triggerReason, type Bilingual, type TriggerFact } from './triggers.js';

/**
 * The triggers that hold: every recorded one (requirements are sticky: nothing un-fires), then each candidate
 * evaluated again from the facts at the decision that nothing before it answers — a case written before the plugin,
 * or a decision heavier than anything proposed, is judged on its facts whatever was recorded.
 */
export function triggersThatHold<R extends TriggerFact>(recorded: readonly R[], candidates: readonly TriggerFact[]) {
  const held: TriggerFact[] = [...recorded];
  for (const c of candidates) if (!held.some((h) => answers(h, c))) held.push(c);
  return held;
}

/**
 * IMPACT_ASSESSMENT_REQUIRED (县实施方案任务7; 行政处罚法 第5条 过罚相当): each unanswered trigger named with why it
 * fired; with an approved revision that no longer suffices, the revision named and a new one asked for.
 */
export function assessmentRequiredMessage(missing: readonly TriggerFact[], approvedRevision: number | null): Bilingual {
  const reasons = missing.map(triggerReason);
  const zhList = reasons.map((r, i) => `（${i + 1}）${r.zh}`).join('；');
  const enList = reasons.map((r, i) => `(${i + 1}) ${r.en}`).join('; ');
  if (approvedRevision === null)
    return {
      zh: `本案为涉企案件，存在须进行经济影响评估的情形，须经评估并由机关负责人批准（或记录免于评估）后方可作出决定（县实施方案任务7）：${zhList}`,
      en: `This enterprise case needs an economic impact assessment approved by the agency head (or a recorded exemption) before it is decided (county plan task 7): ${enList}`,
    };
  return {
    zh: `已批准的第 ${approvedRevision} 版经济影响评估未涵盖以下情形，须修订评估并经批准后方可作出决定（县实施方案任务7）：${zhList}`,
    en: `The approved revision ${approvedRevision} of the economic impact assessment does not answer the following; a new revision must be approved before the decision (county plan task 7): ${enList}`,
  };
}

export interface PenaltyLike {
  kind: PenaltyKind;
  amountFen: bigint | string | number | null;
}

/** Whether the decided penalties differ from those assessed (kind and amount, in any order); null when none were. */
export function penaltiesChanged(
  decided: readonly PenaltyLike[],
  assessed: readonly PenaltyLike[] | null,
): boolean | null {
  if (assessed === null) return null;
  const key = (ps: readonly PenaltyLike[]) =>
    ps
      .map((p) => `${p.kind}:${p.amountFen === null ? '' : BigInt(p.amountFen).toString()}`)
      .sort()
      .join(',');
  return key(decided) !== key(assessed);
}

export interface MitigationTerms {
  kind: ImpactMitigationKind;
  text: string;
  instalments: number | null;
  dueOn: Date | null;
}

/**
 * 分期 / 延期缴纳罚款 (行政处罚法 第66条): the terms a decision imposing a fine carries from the revision relied on.
 * A type, not an interface: it is stored as JSON (ImpactDecision.paymentTerms).
 */
export type PaymentTerms = {
  kind: 'INSTALMENT' | 'DEFERRAL';
  text: string;
  instalments: number | null;
  /** YYYY-MM-DD: the last instalment's day, or the day payment is deferred to. */
  dueOn: string | null;
};

export function paymentTermsOf(mitigations: readonly MitigationTerms[], fineFen: bigint | null): PaymentTerms | null {
  if (fineFen === null) return null;
  const m = mitigations.find((x) => x.kind === 'INSTALMENT' || x.kind === 'DEFERRAL');
  if (!m) return null;
  return {
    kind: m.kind as PaymentTerms['kind'],
    text: m.text,
    instalments: m.instalments,
    dueOn: m.dueOn ? m.dueOn.toISOString().slice(0, 10) : null,
  };
}
