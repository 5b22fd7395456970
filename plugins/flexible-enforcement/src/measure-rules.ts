// When the officers may record that they followed a NO_COMPULSORY item and took no measure (WAIVED, 行政强制法
// 第16条第2款: 情节显著轻微或者没有明显社会危害的，可以不采取行政强制措施). Pure: refusals as data.
import type { CompulsoryGuardOutcome, CompulsoryMeasureStatus } from '@zhifa/core/prisma';
import { MEASURE_KIND_LABEL, type WaivableMeasureKind } from './attributes.js';
import type { Bilingual } from './rules.js';

export interface MeasureRuleRefusal {
  rule: string;
  zh: string;
  en: string;
}

const BASIS: Bilingual = { zh: '行政强制法第16条第2款', en: 'Administrative Compulsion Law art. 16(2)' };

/** No published, in-force NO_COMPULSORY item binding the case's agency names its matter and this measure kind. */
export function noWaivingItemRefusal(kind: WaivableMeasureKind): MeasureRuleRefusal {
  const label = MEASURE_KIND_LABEL[kind];
  return {
    rule: 'FLEXIBLE_MEASURE_WAIVER_NO_ITEM',
    zh: `现行有效、适用于本单位的不予实施行政强制措施清单中没有本案执法事项的“${label.zh}”事项，不能登记为依清单不予实施（${BASIS.zh}）`,
    en: `no published no-compulsory-measure list in force for the case's agency names the case's matter and a ${label.en}: nothing to waive under (${BASIS.en})`,
  };
}

/**
 * A waiver records once that a measure of a kind was not taken: not twice for the same kind, and not while a
 * measure of that kind on the case awaits approval or is in force (the officers did take it; release it instead,
 * 第28条).
 */
export function waiverRefusal(
  kind: WaivableMeasureKind,
  checks: readonly { measureKind: string; outcome: CompulsoryGuardOutcome }[],
  measures: readonly { kind: string; status: CompulsoryMeasureStatus }[],
): MeasureRuleRefusal | null {
  const label = MEASURE_KIND_LABEL[kind];
  if (checks.some((c) => c.measureKind === kind && c.outcome === 'WAIVED'))
    return {
      rule: 'FLEXIBLE_MEASURE_ALREADY_WAIVED',
      zh: `本案已登记依清单不予实施${label.zh}`,
      en: `the case already records that no ${label.en} was taken under the list`,
    };
  if (measures.some((m) => m.kind === kind && (m.status === 'REQUESTED' || m.status === 'IN_FORCE')))
    return {
      rule: 'FLEXIBLE_MEASURE_WAIVER_CONFLICT',
      zh: `本案已有待批准或正在实施的${label.zh}，不能登记为不予实施；不再需要的，应当依法解除（行政强制法第28条）`,
      en: `a ${label.en} on the case awaits approval or is in force: it cannot be recorded as not taken; release it if no longer needed (art. 28)`,
    };
  return null;
}
