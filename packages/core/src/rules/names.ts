// Chinese and English names of the core enums' values, for the graph's enum descriptions and for
// rule messages. Pure.
import type { Bilingual } from '../errors.js';
import type {
  AgencyKind,
  CaseDecision,
  CaseGround,
  CaseProcedure,
  CaseStage,
  CaseStepKind,
  HearingClosedReason,
  CaseStepOutcome,
  CertificateStatus,
  CompulsoryMeasureKind,
  CompulsoryMeasureStatus,
  MeasurePartySignature,
  CreditRiskClass,
  DeadlineSuspensionReason,
  EnterpriseKind,
  EnterpriseScale,
  ListIssuerLevel,
  ListStatus,
  PartyKind,
  PenaltyKind,
  PersonRole,
} from '../generated/prisma/enums.js';

export const AGENCY_KIND_NAMES: Record<AgencyKind, string> = {
  COUNTY_GOVERNMENT: '县政府',
  JUSTICE_BUREAU: '县司法局（行政执法协调监督局）',
  ENFORCEMENT_AGENCY: '县行政执法机关',
  TOWNSHIP: '镇区',
  SUBDISTRICT: '街道',
  MANAGEMENT_COMMITTEE: '管委会',
  JUSTICE_OFFICE: '司法所',
  SURVEY_ORGANISATION: '第三方调查机构',
};

export const STAGE_NAMES: Record<CaseStage, Bilingual> = {
  REGISTERED: { zh: '立案', en: 'registered' },
  INVESTIGATING: { zh: '调查取证', en: 'investigating' },
  LEGAL_REVIEW: { zh: '法制审核', en: 'legal review' },
  DECIDED: { zh: '决定', en: 'decided' },
  EXECUTED: { zh: '执行', en: 'executed' },
  CLOSED: { zh: '结案', en: 'closed' },
};

export const DECISION_NAMES: Record<CaseDecision, Bilingual> = {
  PENALTY: { zh: '予以处罚', en: 'penalty' },
  LIGHTER: { zh: '从轻处罚', en: 'lighter penalty' },
  MITIGATED: { zh: '减轻处罚', en: 'mitigated penalty' },
  NO_PENALTY: { zh: '不予处罚', en: 'no penalty' },
  DROPPED: { zh: '撤销案件', en: 'dropped' },
  TRANSFERRED: { zh: '移送司法机关（第27条）', en: 'transferred to the judicial organs (art. 27)' },
};

export const PARTY_KIND_NAMES: Record<PartyKind, Bilingual> = {
  ENTERPRISE: { zh: '经营主体', en: 'enterprise' },
  NATURAL_PERSON: { zh: '不具名自然人', en: 'unnamed natural person' },
};

export const MEASURE_KIND_NAMES: Record<CompulsoryMeasureKind, Bilingual> = {
  SEAL_UP: { zh: '查封场所、设施或者财物', en: 'seal-up' },
  SEIZURE: { zh: '扣押财物', en: 'seizure' },
  FREEZE: { zh: '冻结存款、汇款', en: 'freeze of deposits' },
};

export const MEASURE_STATUS_NAMES: Record<CompulsoryMeasureStatus, Bilingual> = {
  REQUESTED: { zh: '待负责人批准（行政强制法第18条）', en: 'awaiting the agency head’s approval' },
  IN_FORCE: { zh: '实施中', en: 'in force' },
  RELEASED: { zh: '已解除（第28条）', en: 'released' },
  REFUSED: { zh: '未获批准', en: 'approval refused' },
};

export const MEASURE_PARTY_SIGNATURE_NAMES: Record<MeasurePartySignature, Bilingual> = {
  SIGNED: { zh: '当事人签名或者盖章', en: 'the party signed' },
  REFUSED: {
    zh: '当事人拒绝签名，已在笔录中注明（行政强制法第18条第(八)项）',
    en: 'the party refused to sign; noted in the record',
  },
  ABSENT: { zh: '当事人不到场，见证人签名（行政强制法第18条第(九)项）', en: 'the party was absent; a witness signed' },
};

export const PENALTY_KIND_NAMES: Record<PenaltyKind, Bilingual> = {
  WARNING: { zh: '警告', en: 'warning' },
  CRITICISM: { zh: '通报批评', en: 'public criticism' },
  FINE: { zh: '罚款', en: 'fine' },
  CONFISCATE_GAINS: { zh: '没收违法所得', en: 'confiscation of illegal gains' },
  CONFISCATE_PROPERTY: { zh: '没收非法财物', en: 'confiscation of illegal property' },
  SUSPEND_LICENCE: { zh: '暂扣许可证件', en: 'suspension of a licence' },
  LOWER_QUALIFICATION: { zh: '降低资质等级', en: 'lowering of a qualification grade' },
  REVOKE_LICENCE: { zh: '吊销许可证件', en: 'revocation of a licence' },
  RESTRICT_ACTIVITIES: { zh: '限制开展生产经营活动', en: 'restriction of business activities' },
  SUSPEND_OPERATIONS: { zh: '责令停产停业', en: 'order to suspend production or business' },
  CLOSE_DOWN: { zh: '责令关闭', en: 'order to close' },
  BAN_PRACTICE: { zh: '限制从业', en: 'ban from practice' },
};

export const CASE_GROUND_NAMES: Record<CaseGround, Bilingual> = {
  MINOR_CORRECTED: {
    zh: '违法行为轻微并及时改正，没有造成危害后果（行政处罚法第33条第1款，不予处罚）',
    en: 'minor, corrected in time, no harm (art. 33(1), mandatory)',
  },
  FIRST_OFFENCE: {
    zh: '初次违法且危害后果轻微并及时改正（第33条第1款，可以不予处罚）',
    en: 'first offence, slight harm, corrected in time (art. 33(1), discretionary)',
  },
  NO_FAULT: { zh: '当事人有证据足以证明没有主观过错（第33条第2款）', en: 'no subjective fault proven (art. 33(2))' },
  UNDER_FOURTEEN: { zh: '不满十四周岁（第30条）', en: 'under fourteen (art. 30)' },
  MENTAL_ILLNESS: {
    zh: '精神病人、智力残疾人在不能辨认或者不能控制自己行为时（第31条）',
    en: 'mental illness at the time (art. 31)',
  },
  TIME_BARRED: { zh: '超过追责时效（第36条）', en: 'time-barred (art. 36)' },
  FACTS_NOT_ESTABLISHED: { zh: '违法事实不能成立（第57条第1款第三项）', en: 'facts not established (art. 57(1)(3))' },
  OTHER: { zh: '其他理由（须写明）', en: 'another stated ground' },
};

export const CASE_PROCEDURE_NAMES: Record<CaseProcedure, Bilingual> = {
  SIMPLE: { zh: '简易程序（第51条）', en: 'simple procedure (art. 51)' },
  GENERAL: { zh: '普通程序', en: 'general procedure' },
};

export const CASE_STEP_KIND_NAMES: Record<CaseStepKind, Bilingual> = {
  NOTICE: { zh: '事先告知（第44条）', en: 'prior notice (art. 44)' },
  STATEMENT: { zh: '陈述、申辩（第45条）', en: 'statement and defence (art. 45)' },
  HEARING_REQUEST: { zh: '听证申请（第64条）', en: 'hearing request (art. 64)' },
  HEARING_NOTICE: { zh: '听证通知（第64条第二项）', en: 'notice of the hearing (art. 64(2))' },
  HEARING: { zh: '听证（第64条）', en: 'hearing (art. 64)' },
  LEGAL_REVIEW: { zh: '法制审核（第58条）', en: 'legal review (art. 58)' },
  COLLECTIVE_DISCUSSION: { zh: '集体讨论（第57条第2款）', en: 'collective discussion (art. 57(2))' },
  SERVICE: { zh: '送达（第61条）', en: 'service (art. 61)' },
  DEADLINE_EXTENSION: { zh: '办案期限延长（第60条）', en: 'deadline extension (art. 60)' },
  DEADLINE_SUSPENSION: {
    zh: '不计入办案期限（听证、鉴定、公告，第60条）',
    en: 'time not counted (hearing, appraisal, public notice; art. 60)',
  },
  PROCEDURE_CONVERSION: {
    zh: '简易程序转为普通程序（第51条、第57条）',
    en: 'conversion to the general procedure (arts. 51, 57)',
  },
};

export const DEADLINE_SUSPENSION_NAMES: Record<DeadlineSuspensionReason, Bilingual> = {
  HEARING: { zh: '听证', en: 'hearing' },
  APPRAISAL: { zh: '鉴定、检测、检验、检疫', en: 'appraisal, testing, inspection or quarantine' },
  PUBLIC_NOTICE: { zh: '公告', en: 'public notice' },
};

export const HEARING_CLOSED_REASON_NAMES: Record<HearingClosedReason, Bilingual> = {
  STATE_SECRET: { zh: '涉及国家秘密', en: 'state secret' },
  BUSINESS_SECRET: { zh: '涉及商业秘密', en: 'business secret' },
  PRIVACY: { zh: '涉及个人隐私', en: 'privacy' },
  PARTY_REQUEST: { zh: '当事人申请不公开', en: 'at the party’s request' },
};

export const CASE_STEP_OUTCOME_NAMES: Record<CaseStepOutcome, Bilingual> = {
  RECEIVED: { zh: '已收到陈述申辩', en: 'received' },
  WAIVED: { zh: '放弃', en: 'waived' },
  REQUESTED: { zh: '申请', en: 'requested' },
  APPROVED: { zh: '同意', en: 'approved' },
  RETURNED: { zh: '退回补充调查', en: 'returned' },
};

export const LIST_ISSUER_LEVEL_NAMES: Record<ListIssuerLevel, Bilingual> = {
  NATIONAL: { zh: '国家级（如 国市监法〔2025〕10号）', en: 'national' },
  PROVINCIAL: { zh: '省级（如 苏市监规〔2024〕7号）', en: 'provincial' },
  MUNICIPAL: { zh: '设区的市级（如 盐城市）', en: 'municipal' },
  COUNTY: { zh: '县级（本县单位制定）', en: 'county' },
};

export const ENTERPRISE_KIND_NAMES: Record<EnterpriseKind, string> = {
  COMPANY: '企业（公司）',
  INDIVIDUAL_BUSINESS: '个体工商户',
  FARMERS_COOPERATIVE: '农民专业合作社',
  OTHER: '其他',
};
export const ENTERPRISE_SCALE_NAMES: Record<EnterpriseScale, string> = {
  MICRO: '微型',
  SMALL: '小型',
  MEDIUM: '中型',
  LARGE: '大型',
};
export const CREDIT_RISK_CLASS_NAMES: Record<CreditRiskClass, string> = {
  A: '低风险',
  B: '一般风险',
  C: '较高风险',
  D: '高风险',
};

export const PERSON_ROLE_NAMES: Record<PersonRole, string> = {
  OFFICER: '执法人员',
  AUXILIARY: '辅助人员（不得独立执法，不持执法证）',
  SUPERVISOR: '监督人员',
  SPECIAL_SUPERVISOR: '特邀行政执法监督员',
  AGENCY_ADMIN: '单位管理员',
  SYSTEM_ADMIN: '系统管理员',
  LEGAL_REVIEWER: '法制审核人员（行政处罚法第58条）',
  AGENCY_HEAD: '行政机关负责人（行政处罚法第57条）',
};

export const CERTIFICATE_STATUS_NAMES: Record<CertificateStatus, string> = {
  VALID: '有效',
  SUSPENDED: '暂扣',
  WITHDRAWN: '收回',
  CANCELLED: '注销',
  EXPIRED: '过期',
};

export const LIST_STATUS_NAMES: Record<ListStatus, string> = {
  DRAFT: '草稿（仅制定单位及监督人员可见）Draft: seen by the issuing agency and supervisors',
  PUBLISHED: '已公布（现行，公开）Published: in force, public',
  REPEALED: '已废止（含被新版本取代；仍公开可查）Repealed or superseded: still public as history',
};
