// Bilingual names of the plugin's enum values: the GraphQL enums' descriptions and the texts that explain them.
import type {
  ImpactAssessmentStatus,
  ImpactExemptionGround,
  ImpactLevel,
  ImpactMitigationKind,
  ImpactTriggerSource,
} from '@zhifa/core/prisma';
import { DIMENSION_LABEL } from './rules/rules-values.js';
import { TRIGGER_KIND_LABEL, type Bilingual } from './rules/triggers.js';

type Names<K extends string> = Record<K, Bilingual>;

export const TRIGGER_KIND_NAMES = TRIGGER_KIND_LABEL;
export const DIMENSION_NAMES = DIMENSION_LABEL;

export const TRIGGER_SOURCE_NAMES: Names<ImpactTriggerSource> = {
  PARTY: { zh: '当事人情况（立案或企业标识变更）', en: 'The party (at registration, or its flags changed)' },
  NOTICE: { zh: '行政处罚事先告知（拟处罚内容）', en: 'The notice of proposed penalties' },
  DECISION: { zh: '拟作出的处理决定', en: 'The decision as asked' },
  MEASURE: { zh: '行政强制措施', en: 'A compulsory measure' },
  DECLARATION: { zh: '承办人员申报', en: "An officer's declaration" },
};

export const EXEMPTION_GROUND_NAMES: Names<ImpactExemptionGround> = {
  MAJOR_RISK: { zh: '存在重大风险隐患', en: 'A major risk or hidden danger' },
  COUNTERFEIT: { zh: '制假售假', en: 'Counterfeiting or selling counterfeits' },
  PERSONAL_SAFETY: { zh: '危害人身安全', en: 'Endangering personal safety' },
};

export const STATUS_NAMES: Names<ImpactAssessmentStatus> = {
  DRAFT: { zh: '草稿', en: 'Draft' },
  SUBMITTED: { zh: '已提交，待法制审核', en: 'Submitted, awaiting legal review' },
  REVIEWED: { zh: '法制审核通过，待机关负责人批准', en: "Reviewed, awaiting the agency head's approval" },
  APPROVED: { zh: '已批准', en: 'Approved' },
  RETURNED: { zh: '已退回修改', en: 'Returned with comments' },
};

export const LEVEL_NAMES: Names<ImpactLevel> = {
  LOW: { zh: '低', en: 'Low' },
  MEDIUM: { zh: '中', en: 'Medium' },
  HIGH: { zh: '高', en: 'High' },
  SEVERE: { zh: '严重', en: 'Severe' },
};

export const MITIGATION_NAMES: Names<ImpactMitigationKind> = {
  INSTALMENT: { zh: '分期缴纳罚款（行政处罚法第66条）', en: 'Fine paid in instalments (art. 66)' },
  DEFERRAL: { zh: '延期缴纳罚款（行政处罚法第66条）', en: 'Fine payment deferred (art. 66)' },
  MILDER_MEASURE: { zh: '以较轻方式替代查封、扣押', en: 'A milder alternative to sealing up or seizure' },
  CREDIT_REPAIR_NOTICE: {
    zh: '两书同达（信用修复告知书与决定书同时送达）',
    en: 'Credit-repair notice served with the decision',
  },
  COMPLIANCE_GUIDANCE: { zh: '合规指导', en: 'Compliance guidance' },
  FOLLOW_UP_VISIT: { zh: '案后回访', en: 'Follow-up visit after the case' },
};
