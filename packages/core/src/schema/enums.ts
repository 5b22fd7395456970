// Every core enum of the graph, registered once: several types share them (AgencyKind on agencies
// and matters, PenaltyKind on matters, decisions and notices), and Pothos allows one ref per name.
import type { ZhifaBuilder } from '../builder.js';
import {
  AgencyKind,
  CaseDecision,
  CaseGround,
  CaseProcedure,
  CaseStage,
  CaseStepKind,
  CaseStepOutcome,
  CompulsoryMeasureKind,
  CompulsoryMeasureStatus,
  ListIssuerLevel,
  PartyKind,
  PenaltyKind,
} from '../generated/prisma/enums.js';
import {
  AGENCY_KIND_NAMES,
  CASE_GROUND_NAMES,
  CASE_PROCEDURE_NAMES,
  CASE_STEP_KIND_NAMES,
  CASE_STEP_OUTCOME_NAMES,
  DECISION_NAMES,
  LIST_ISSUER_LEVEL_NAMES,
  MEASURE_KIND_NAMES,
  MEASURE_STATUS_NAMES,
  PARTY_KIND_NAMES,
  PENALTY_KIND_NAMES,
  STAGE_NAMES,
} from '../rules/names.js';
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
    ListIssuerLevel: builder.enumType(ListIssuerLevel, {
      name: 'ListIssuerLevel',
      description:
        '清单制定层级 Level of the body that issued a list (lists above the county bind county agencies of the domain)',
      values: describedValues(LIST_ISSUER_LEVEL_NAMES),
    }),
  };
}
