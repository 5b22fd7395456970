// The vocabulary of the flexible-enforcement lists (柔性执法清单), with its legal basis. Pure.
// 从轻处罚 and 减轻处罚: 行政处罚法 第32条 (从轻 within the lawful range, 减轻 below it) under the matter's
// 裁量基准 (第34条); 不予实施行政强制措施: 行政强制法 第16条第2款 (违法行为情节显著轻微或者没有明显社会危害的，
// 可以不采取行政强制措施). Lists of this kind are issued across the provinces (e.g. 苏市监规〔2024〕7号).
import type { CompulsoryMeasureKind } from '@zhifa/core/prisma';

export interface Bilingual {
  zh: string;
  en: string;
}

/** The list kinds this plugin owns (EnforcementList.kind). */
export const LIGHTER_KIND = 'LIGHTER';
export const MITIGATED_KIND = 'MITIGATED';
export const NO_COMPULSORY_KIND = 'NO_COMPULSORY';

export const LIGHTER_KIND_LABEL = { kind: LIGHTER_KIND, zh: '从轻处罚清单', en: 'Lighter-penalty list' };
export const MITIGATED_KIND_LABEL = { kind: MITIGATED_KIND, zh: '减轻处罚清单', en: 'Mitigated-penalty list' };
export const NO_COMPULSORY_KIND_LABEL = {
  kind: NO_COMPULSORY_KIND,
  zh: '不予实施行政强制措施清单',
  en: 'No-compulsory-measure list',
};

/** 行政处罚法 第32条: the circumstances in which a penalty 应当从轻或者减轻. */
export const MITIGATION_CIRCUMSTANCES = [
  'ELIMINATED_HARM',
  'COERCED',
  'CONFESSED',
  'MERITORIOUS',
  'OTHER_STATUTORY',
] as const;
export type MitigationCircumstance = (typeof MITIGATION_CIRCUMSTANCES)[number];

export const CIRCUMSTANCE_LABEL: Record<MitigationCircumstance, Bilingual> = {
  ELIMINATED_HARM: {
    zh: '主动消除或者减轻违法行为危害后果',
    en: 'took the initiative to eliminate or lessen the harm (art. 32(1))',
  },
  COERCED: { zh: '受他人胁迫或者诱骗', en: 'was coerced or deceived by another (art. 32(2))' },
  CONFESSED: {
    zh: '主动供述行政机关尚未掌握的违法行为',
    en: 'confessed a violation the agency did not yet know of (art. 32(3))',
  },
  MERITORIOUS: { zh: '配合查处有立功表现', en: 'cooperated and performed meritorious service (art. 32(4))' },
  OTHER_STATUTORY: {
    zh: '法律法规规定的其他情形',
    en: 'another circumstance a law or regulation provides (art. 32(5))',
  },
};

/** The measures a NO_COMPULSORY item may waive: core's kinds (行政强制法 第9条 查封、扣押、冻结). */
export const WAIVABLE_MEASURE_KINDS = [
  'SEAL_UP',
  'SEIZURE',
  'FREEZE',
] as const satisfies readonly CompulsoryMeasureKind[];

/** Where a NO_COMPULSORY item's waiver rests (the item names the provision that would otherwise allow the measure). */
export const NO_COMPULSORY_BASIS: Bilingual = {
  zh: '《中华人民共和国行政强制法》第十六条第二款',
  en: 'Administrative Compulsion Law art. 16(2)',
};

export const KIND_LEGAL_EFFECT: Record<string, Bilingual> = {
  [LIGHTER_KIND]: {
    zh: '从轻处罚：在法定幅度和裁量基准从轻档内处罚（行政处罚法第32条、第34条）',
    en: 'lighter penalty within the lawful range and the benchmark’s lighter tier (arts. 32, 34)',
  },
  [MITIGATED_KIND]: {
    zh: '减轻处罚：低于法定最低罚款或者适用较轻的处罚种类（行政处罚法第32条）',
    en: 'mitigated penalty below the statutory minimum or of a lighter kind (art. 32)',
  },
  [NO_COMPULSORY_KIND]: {
    zh: '可以不采取行政强制措施（行政强制法第16条第2款）；确需采取的，应书面说明理由并经负责人批准',
    en: 'the measure may be waived (Administrative Compulsion Law art. 16(2)); taking it needs a written justification and the head’s approval',
  },
};
