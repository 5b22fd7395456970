// When an enterprise case needs an economic impact assessment (county plan task 7: 涉企行政执法案件经济影响评估;
// defaults from the published county rules of 潜山 2025, 青岛西海岸 and 巴彦淖尔, all in ImpactRules). Pure: the
// caller hands the facts — the party, the penalties proposed or decided, a measure, a declaration — and the rules
// version in force, and gets the triggers that hold, each with the figure that fired it.
import type {
  CompulsoryMeasureKind,
  EnterpriseKind,
  ImpactTriggerKind,
  ImpactTriggerSource,
  PenaltyKind,
} from '@zhifa/core/prisma';
import { yuan } from '@zhifa/core/rules';
import type { ImpactRulesValues } from './rules-values.js';

export interface Bilingual {
  zh: string;
  en: string;
}

/** A trigger as the rules see it: recorded (ImpactTrigger) or about to be. */
export interface TriggerFact {
  kind: ImpactTriggerKind;
  source: ImpactTriggerSource;
  amountFen: bigint | null;
  thresholdFen: bigint | null;
  penaltyKind: PenaltyKind | null;
  measureId: number | null;
  stepId: number | null;
  note: string | null;
}

export interface PartyFacts {
  kind: EnterpriseKind;
  isKeyEnterprise: boolean;
}

export interface PenaltyFact {
  kind: PenaltyKind;
  amountFen: bigint | null;
}

/** 吊销许可证件 / 降低资质等级. */
export const LICENCE_KINDS: readonly PenaltyKind[] = ['REVOKE_LICENCE', 'LOWER_QUALIFICATION'];
/** 责令停产停业 / 责令关闭 / 限制开展生产经营活动. */
export const OPERATIONS_KINDS: readonly PenaltyKind[] = ['SUSPEND_OPERATIONS', 'CLOSE_DOWN', 'RESTRICT_ACTIVITIES'];
/** 查封 / 扣押 (行政强制法 第9条第(二)、(三)项); 冻结存款、汇款 is not a trigger of the county rules. */
export const PRODUCTION_MEASURE_KINDS: readonly CompulsoryMeasureKind[] = ['SEAL_UP', 'SEIZURE'];
/** Triggers an officer declares (the facts are not in the case record). */
export const DECLARED_KINDS = ['STOPPAGE_RISK', 'SUPPLY_CHAIN_RISK', 'PUBLIC_OPINION_RISK'] as const;
export type DeclaredKind = (typeof DECLARED_KINDS)[number];

const fact = (kind: ImpactTriggerKind, source: ImpactTriggerSource, over: Partial<TriggerFact> = {}): TriggerFact => ({
  kind,
  source,
  amountFen: null,
  thresholdFen: null,
  penaltyKind: null,
  measureId: null,
  stepId: null,
  note: null,
  ...over,
});

/** 较大数额: 个体工商户 have their own, lower threshold; every other enterprise kind is an organisation. */
export function thresholdFor(party: PartyFacts, rules: ImpactRulesValues): bigint {
  return party.kind === 'INDIVIDUAL_BUSINESS' ? rules.individualBusinessThresholdFen : rules.organisationThresholdFen;
}

/** Who the party is: a key enterprise 重点企业, a farmers' cooperative 农民专业合作社. */
export function partyTriggers(party: PartyFacts, rules: ImpactRulesValues): TriggerFact[] {
  const out: TriggerFact[] = [];
  if (party.isKeyEnterprise) out.push(fact('KEY_ENTERPRISE', 'PARTY'));
  if (party.kind === 'FARMERS_COOPERATIVE') out.push(fact('COOPERATIVE', 'PARTY'));
  return enabled(out, rules);
}

/**
 * What penalties proposed (事先告知, 行政处罚法 第44条) or decided fire: the sum of the fines, or of the
 * confiscations (违法所得 and 非法财物 together), at or above the party's threshold — ¥50,000.00 fires for an
 * organisation and ¥49,999.99 does not —; each licence or operations penalty by its kind.
 */
export function penaltyTriggers(
  penalties: readonly PenaltyFact[],
  party: PartyFacts,
  rules: ImpactRulesValues,
  source: 'NOTICE' | 'DECISION',
  stepId: number | null = null,
): TriggerFact[] {
  const threshold = thresholdFor(party, rules);
  const sum = (kinds: readonly PenaltyKind[]) =>
    penalties.filter((p) => kinds.includes(p.kind)).reduce((s, p) => s + (p.amountFen ?? 0n), 0n);
  const out: TriggerFact[] = [];
  const fine = sum(['FINE']);
  if (fine >= threshold) out.push(fact('LARGE_FINE', source, { amountFen: fine, thresholdFen: threshold, stepId }));
  const confiscation = sum(['CONFISCATE_GAINS', 'CONFISCATE_PROPERTY']);
  if (confiscation >= threshold)
    out.push(fact('LARGE_CONFISCATION', source, { amountFen: confiscation, thresholdFen: threshold, stepId }));
  for (const kind of new Set(penalties.map((p) => p.kind))) {
    if (LICENCE_KINDS.includes(kind)) out.push(fact('LICENCE', source, { penaltyKind: kind, stepId }));
    if (OPERATIONS_KINDS.includes(kind)) out.push(fact('OPERATIONS', source, { penaltyKind: kind, stepId }));
  }
  return enabled(out, rules);
}

/** 查封 / 扣押 of production equipment or stock (the measure's isProductionEquipment). */
export function measureTriggers(
  measure: { id: number; kind: CompulsoryMeasureKind; isProductionEquipment: boolean },
  rules: ImpactRulesValues,
): TriggerFact[] {
  if (!measure.isProductionEquipment || !PRODUCTION_MEASURE_KINDS.includes(measure.kind)) return [];
  return enabled([fact('PRODUCTION_MEASURE', 'MEASURE', { measureId: measure.id })], rules);
}

/** A risk an officer declares: 停产, 产业链/供应链中断, 舆情. */
export function declaredTrigger(kind: DeclaredKind, note: string, rules: ImpactRulesValues): TriggerFact[] {
  return enabled([fact(kind, 'DECLARATION', { note })], rules);
}

function enabled(triggers: TriggerFact[], rules: ImpactRulesValues): TriggerFact[] {
  return triggers.filter((t) => rules.enabledTriggers.includes(t.kind));
}

/**
 * Whether `held` already answers `t`: the same kind, and for a sum the same or a larger one, for a penalty
 * the same kind of penalty, for a measure the same measure. A trigger nothing answers is new: it is recorded
 * when it fires, and an approved revision that does not cover it no longer suffices (a heavier fine proposed
 * after the approval needs a new revision).
 */
export function answers(held: TriggerFact, t: TriggerFact): boolean {
  if (held.kind !== t.kind) return false;
  switch (t.kind) {
    case 'LARGE_FINE':
    case 'LARGE_CONFISCATION':
      return (held.amountFen ?? 0n) >= (t.amountFen ?? 0n);
    case 'LICENCE':
    case 'OPERATIONS':
      return held.penaltyKind === t.penaltyKind;
    case 'PRODUCTION_MEASURE':
      return held.measureId === t.measureId;
    default:
      return true;
  }
}

/** The triggers of `candidates` that none of `held` answers. */
export function unanswered<T extends TriggerFact>(candidates: readonly T[], held: readonly TriggerFact[]): T[] {
  return candidates.filter((t) => !held.some((h) => answers(h, t)));
}

const KIND_LABEL: Record<ImpactTriggerKind, Bilingual> = {
  LARGE_FINE: { zh: '较大数额罚款', en: 'a large fine' },
  LARGE_CONFISCATION: { zh: '没收较大数额违法所得、非法财物', en: 'a large confiscation' },
  LICENCE: { zh: '吊销许可证件或者降低资质等级', en: 'licence revocation or a lower qualification' },
  OPERATIONS: {
    zh: '责令停产停业、责令关闭或者限制开展生产经营活动',
    en: 'suspension, closure or restricted operations',
  },
  PRODUCTION_MEASURE: { zh: '查封、扣押生产设备或者库存', en: 'sealing up or seizing production equipment or stock' },
  KEY_ENTERPRISE: { zh: '当事人为重点企业', en: 'the party is a key enterprise' },
  COOPERATIVE: { zh: '当事人为农民专业合作社', en: "the party is a farmers' cooperative" },
  STOPPAGE_RISK: { zh: '可能导致停产', en: 'a risk of production stoppage' },
  SUPPLY_CHAIN_RISK: { zh: '可能导致产业链、供应链中断', en: 'a risk of breaking a supply chain' },
  PUBLIC_OPINION_RISK: { zh: '存在舆情风险', en: 'a public-opinion risk' },
};

export const TRIGGER_KIND_LABEL: Readonly<Record<ImpactTriggerKind, Bilingual>> = KIND_LABEL;

const SOURCE_LABEL: Record<ImpactTriggerSource, Bilingual> = {
  PARTY: { zh: '当事人情况', en: 'the party' },
  NOTICE: { zh: '行政处罚事先告知', en: 'the notice of proposed penalties' },
  DECISION: { zh: '拟作出的处理决定', en: 'the decision as asked' },
  MEASURE: { zh: '行政强制措施', en: 'a compulsory measure' },
  DECLARATION: { zh: '承办人员申报', en: "an officer's declaration" },
};

/** Why it fired, in both languages: what, from where, and the figure against its threshold. */
export function triggerReason(t: TriggerFact): Bilingual {
  const what = KIND_LABEL[t.kind];
  const from = SOURCE_LABEL[t.source];
  if (t.amountFen !== null && t.thresholdFen !== null)
    return {
      zh: `${from.zh}：${what.zh} ${yuan(t.amountFen)}，达到评估标准 ${yuan(t.thresholdFen)}（县涉企案件经济影响评估规则，方案任务7）`,
      en: `${from.en}: ${what.en} of ${yuan(t.amountFen)}, at or above the ${yuan(t.thresholdFen)} threshold (county economic impact rules, plan task 7)`,
    };
  const note = t.note ? { zh: `：${t.note}`, en: `: ${t.note}` } : { zh: '', en: '' };
  const penalty = t.penaltyKind ? { zh: `（${t.penaltyKind}）`, en: ` (${t.penaltyKind})` } : { zh: '', en: '' };
  return {
    zh: `${from.zh}：${what.zh}${penalty.zh}${note.zh}（方案任务7）`,
    en: `${from.en}: ${what.en}${penalty.en}${note.en} (plan task 7)`,
  };
}
