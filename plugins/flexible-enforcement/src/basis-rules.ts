// Whether a 从轻 / 减轻 decision may rest on the list item it cites. Pure: the decision guard hands it the
// decision's facts (core's DecisionFacts: the case's matter and agency) and the item with its list, and
// refuses with what it returns. Core has already placed the decision in the matter's 裁量基准 tier
// (行政处罚法 第34条; rules/discretion.ts); an item narrows that further, never widens it.
import type { Bilingual, MitigationCircumstance } from './rules.js';
import { LIGHTER_KIND, MITIGATED_KIND } from './rules.js';

export interface BasisRefusal extends Bilingual {
  rule: string;
}

export interface CitedItem {
  kind: string;
  /** The list version's 监管领域 and whether it is published, in force and binds the case's agency. */
  domain: string;
  binding: boolean;
  matterCode: string;
  exclusions: string | null;
  fineMinFen: number | null;
  fineMaxFen: number | null;
  circumstance: MitigationCircumstance | null;
}

export interface BasisRequest {
  decision: 'LIGHTER' | 'MITIGATED';
  /** Sum of the FINE penalties (null: no fine). */
  fineFen: bigint | null;
  matter: { code: string; domain: string; fineMinFen: bigint | null } | null;
  agencyDomains: readonly string[];
  item: CitedItem;
  /** The officers found none of the item's 排除情形 present. */
  exclusionsAbsent: boolean;
}

const yuan = (fen: bigint) => `¥${fen / 100n}${fen % 100n ? `.${(fen % 100n).toString().padStart(2, '0')}` : ''}`;

/** The first reason the decision may not cite the item, or null. */
export function basisRefusal(r: BasisRequest): BasisRefusal | null {
  const { item } = r;
  const wantKind = r.decision === 'LIGHTER' ? LIGHTER_KIND : MITIGATED_KIND;
  if (item.kind !== wantKind)
    return {
      rule: 'FLEXIBLE_ITEM_KIND',
      zh: `${r.decision === 'LIGHTER' ? '从轻' : '减轻'}处罚决定只能依据${r.decision === 'LIGHTER' ? '从轻' : '减轻'}处罚清单事项（行政处罚法第32条）`,
      en: `a ${r.decision} decision cites an item of a ${wantKind} list only (art. 32)`,
    };
  if (!item.binding)
    return {
      rule: 'FLEXIBLE_ITEM_NOT_BINDING',
      zh: '所引清单未公布、不在有效期内或不约束本机关，不能作为从轻、减轻处罚的依据（行政处罚法第34条：裁量基准应当向社会公布）',
      en: 'the list cited is not published, not in force or does not bind the agency (art. 34)',
    };
  if (!r.matter || item.matterCode !== r.matter.code || item.domain !== r.matter.domain)
    return {
      rule: 'FLEXIBLE_ITEM_MATTER',
      zh: `所引事项针对的执法事项（${item.matterCode}，${item.domain}）不是本案的执法事项（${r.matter?.code ?? '—'}），不能适用（行政处罚法第32条、第34条）`,
      en: `the item concerns matter ${item.matterCode} (${item.domain}), not the case's (${r.matter?.code ?? '—'}) (arts. 32, 34)`,
    };
  if (!r.agencyDomains.includes(item.domain))
    return {
      rule: 'FLEXIBLE_ITEM_MATTER',
      zh: `所引事项属于${item.domain}领域，不在本机关的执法领域内（行政处罚法第34条）`,
      en: `the item belongs to the domain ${item.domain}, outside the agency's domains (art. 34)`,
    };
  if (!r.exclusionsAbsent)
    return {
      rule: 'FLEXIBLE_EXCLUSION_PRESENT',
      zh: `存在所引事项的排除情形（${item.exclusions ?? '清单所列'}），不能依该事项从轻、减轻处罚（行政处罚法第32条）`,
      en: `an exclusion of the item is present (${item.exclusions ?? 'as listed'}); it cannot be relied on (art. 32)`,
    };
  if (r.decision === 'LIGHTER' && r.fineFen !== null) {
    const lo = item.fineMinFen === null ? null : BigInt(item.fineMinFen);
    const hi = item.fineMaxFen === null ? null : BigInt(item.fineMaxFen);
    if ((lo !== null && r.fineFen < lo) || (hi !== null && r.fineFen > hi))
      return {
        rule: 'FLEXIBLE_FINE_OUTSIDE_BAND',
        zh: `罚款 ${yuan(r.fineFen)} 不在所引从轻处罚事项的幅度 ${lo === null ? '—' : yuan(lo)} 至 ${hi === null ? '—' : yuan(hi)} 内（行政处罚法第32条、第34条）`,
        en: `the fine ${yuan(r.fineFen)} lies outside the item's lighter band ${lo === null ? '—' : yuan(lo)}–${hi === null ? '—' : yuan(hi)} (arts. 32, 34)`,
      };
  }
  if (r.decision === 'MITIGATED' && r.fineFen !== null) {
    const min = r.matter.fineMinFen;
    if (min !== null && min > 0n && r.fineFen >= min)
      return {
        rule: 'FLEXIBLE_MITIGATED_NOT_BELOW_MINIMUM',
        zh: `减轻处罚的罚款 ${yuan(r.fineFen)} 应低于法定最低罚款 ${yuan(min)}（行政处罚法第32条）`,
        en: `a mitigated fine of ${yuan(r.fineFen)} lies below the statutory minimum ${yuan(min)} (art. 32)`,
      };
  }
  return null;
}
