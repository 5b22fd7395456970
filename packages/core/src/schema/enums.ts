// Every core enum of the graph, registered once: several types share them (AgencyKind on agencies
// and matters, PenaltyKind on matters, decisions and notices), and Pothos allows one ref per name.
// The list enums (registerListEnums) are registered only when a plugin declares a list kind, and
// schema/index.ts hands them to the shared list types (lists/kinds.ts). A plugin's own enums stay
// in the plugin.
import type { ZhifaBuilder } from '../builder.js';
import {
  AgencyKind,
  CaseDecision,
  CaseGround,
  CaseProcedure,
  CaseStage,
  CaseStepKind,
  CaseStepOutcome,
  HearingClosedReason,
  CertificateStatus,
  CompulsoryMeasureKind,
  CompulsoryMeasureStatus,
  CreditRiskClass,
  DeadlineSuspensionReason,
  EnterpriseKind,
  EnterpriseScale,
  ListIssuerLevel,
  ListStatus,
  MeasurePartySignature,
  PartyKind,
  PenaltyKind,
  PersonRole,
} from '../generated/prisma/enums.js';
import {
  AGENCY_KIND_NAMES,
  CASE_GROUND_NAMES,
  CASE_PROCEDURE_NAMES,
  CASE_STEP_KIND_NAMES,
  CASE_STEP_OUTCOME_NAMES,
  HEARING_CLOSED_REASON_NAMES,
  CERTIFICATE_STATUS_NAMES,
  CREDIT_RISK_CLASS_NAMES,
  DEADLINE_SUSPENSION_NAMES,
  DECISION_NAMES,
  ENTERPRISE_KIND_NAMES,
  ENTERPRISE_SCALE_NAMES,
  LIST_ISSUER_LEVEL_NAMES,
  LIST_STATUS_NAMES,
  MEASURE_KIND_NAMES,
  MEASURE_PARTY_SIGNATURE_NAMES,
  MEASURE_STATUS_NAMES,
  PARTY_KIND_NAMES,
  PENALTY_KIND_NAMES,
  PERSON_ROLE_NAMES,
  STAGE_NAMES,
} from '../rules/names.js';
import { ENFORCE_BLOCKER_MESSAGES } from '../rules/certificate.js';
import { DISCRETION_TIER_NAMES } from '../rules/discretion.js';
import { describedValues } from './enum-values.js';

export type CoreEnums = ReturnType<typeof registerCoreEnums>;

export function registerCoreEnums(builder: ZhifaBuilder) {
  return {
    AgencyKind: builder.enumType(AgencyKind, {
      name: 'AgencyKind',
      description: '行政执法主体类别 Agency kind',
      values: describedValues(AGENCY_KIND_NAMES),
    }),
    CaseStage: builder.enumType(CaseStage, {
      name: 'CaseStage',
      description: '案件阶段 Case stage',
      values: describedValues(STAGE_NAMES),
    }),
    CaseDecision: builder.enumType(CaseDecision, {
      name: 'CaseDecision',
      description: '处理决定 Decision',
      values: describedValues(DECISION_NAMES),
    }),
    PartyKind: builder.enumType(PartyKind, {
      name: 'PartyKind',
      description: '当事人类别 Party kind',
      values: describedValues(PARTY_KIND_NAMES),
    }),
    CompulsoryMeasureKind: builder.enumType(CompulsoryMeasureKind, {
      name: 'CompulsoryMeasureKind',
      description: '行政强制措施 查封/扣押/冻结 Seal-up, seizure, freeze (行政强制法 第9条)',
      values: describedValues(MEASURE_KIND_NAMES),
    }),
    CompulsoryMeasureStatus: builder.enumType(CompulsoryMeasureStatus, {
      name: 'CompulsoryMeasureStatus',
      description: '行政强制措施状态 Measure status',
      values: describedValues(MEASURE_STATUS_NAMES),
    }),
    MeasurePartySignature: builder.enumType(MeasurePartySignature, {
      name: 'MeasurePartySignature',
      description: '现场笔录上当事人签名情况 The party and the on-site record (行政强制法 第18条第(八)、(九)项)',
      values: describedValues(MEASURE_PARTY_SIGNATURE_NAMES),
    }),
    PenaltyKind: builder.enumType(PenaltyKind, {
      name: 'PenaltyKind',
      description: '行政处罚种类 Penalty kind (行政处罚法 第9条)',
      values: describedValues(PENALTY_KIND_NAMES),
    }),
    CaseGround: builder.enumType(CaseGround, {
      name: 'CaseGround',
      description: '不予处罚或撤销案件的理由 Ground of a no-penalty or dropped decision',
      values: describedValues(CASE_GROUND_NAMES),
    }),
    CaseProcedure: builder.enumType(CaseProcedure, {
      name: 'CaseProcedure',
      description: '程序 Procedure (简易程序 第51条 / 普通程序)',
      values: describedValues(CASE_PROCEDURE_NAMES),
    }),
    CaseStepKind: builder.enumType(CaseStepKind, {
      name: 'CaseStepKind',
      description: '程序步骤 Procedure step',
      values: describedValues(CASE_STEP_KIND_NAMES),
    }),
    CaseStepOutcome: builder.enumType(CaseStepOutcome, {
      name: 'CaseStepOutcome',
      description: '步骤结果 Step outcome',
      values: describedValues(CASE_STEP_OUTCOME_NAMES),
    }),
    HearingClosedReason: builder.enumType(HearingClosedReason, {
      name: 'HearingClosedReason',
      description: '听证不公开举行的理由（第64条第三项）Why a hearing is not held in public',
      values: describedValues(HEARING_CLOSED_REASON_NAMES),
    }),
    ListIssuerLevel: builder.enumType(ListIssuerLevel, {
      name: 'ListIssuerLevel',
      description:
        '清单制定层级 Level of the body that issued a list (lists above the county bind county agencies of the domain)',
      values: describedValues(LIST_ISSUER_LEVEL_NAMES),
    }),
    EnterpriseKind: builder.enumType(EnterpriseKind, {
      name: 'EnterpriseKind',
      description: '经营主体类别 Enterprise kind',
      values: describedValues(ENTERPRISE_KIND_NAMES),
    }),
    EnterpriseScale: builder.enumType(EnterpriseScale, {
      name: 'EnterpriseScale',
      description: '企业规模 Scale',
      values: describedValues(ENTERPRISE_SCALE_NAMES),
    }),
    CreditRiskClass: builder.enumType(CreditRiskClass, {
      name: 'CreditRiskClass',
      description: '企业信用风险分类 Credit risk class: A 低 · B 一般 · C 较高 · D 高',
      values: describedValues(CREDIT_RISK_CLASS_NAMES),
    }),
    PersonRole: builder.enumType(PersonRole, {
      name: 'PersonRole',
      description: '人员角色 Person role',
      values: describedValues(PERSON_ROLE_NAMES),
    }),
    CertificateStatus: builder.enumType(CertificateStatus, {
      name: 'CertificateStatus',
      description: '执法证状态 Certificate status',
      values: describedValues(CERTIFICATE_STATUS_NAMES),
    }),
    DeadlineSuspensionReason: builder.enumType(DeadlineSuspensionReason, {
      name: 'DeadlineSuspensionReason',
      description: '不计入办案期限的事由 Time not counted in the deadline (行政处罚法 第60条)',
      values: describedValues(DEADLINE_SUSPENSION_NAMES),
    }),
    DiscretionTierKind: builder.enumType('DiscretionTierKind', {
      description: '裁量档次 Tier of a discretion benchmark (行政处罚法 第34条)',
      values: describedValues(DISCRETION_TIER_NAMES),
    }),
    EnforceBlockerCode: builder.enumType('EnforceBlockerCode', {
      description: '不能执法的原因代码 Why a person may not enforce',
      values: describedValues(ENFORCE_BLOCKER_MESSAGES),
    }),
  };
}

/** The enums every list kind shares: its status, and the kinds the installed plugins declare. */
export function registerListEnums(builder: ZhifaBuilder, labels: readonly { kind: string; zh: string; en: string }[]) {
  return {
    ListStatus: builder.enumType(ListStatus, {
      name: 'ListStatus',
      description: '清单状态 List status: draft → published → repealed',
      values: describedValues(LIST_STATUS_NAMES),
    }),
    ListKind: builder.enumType('ListKind', {
      description: '清单种类 List kind',
      values: Object.fromEntries(labels.map((l) => [l.kind, { value: l.kind, description: `${l.zh} ${l.en}` }])),
    }),
  };
}
