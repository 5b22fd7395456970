// The triggers slice's rows of the plugin's authorisation matrix (access-matrix.ts): who may declare a risk (the
// case's officers, `act`) and record or withdraw an exemption (the agency head, `head`). They act on a DECIDED case
// of the world's agency with the world's officer assigned, so every caller past authorisation meets
// IMPACT_CASE_DECIDED and nothing is written.
import { globalId } from '@zhifa/core';
import type { PrismaClient } from '@zhifa/core/prisma';
import { mutationRow as mutation, type AccessRow, type MatrixWorld } from '@zhifa/testkit';

export interface TriggerFixtures {
  /** A DECIDED case of `agency` against `enterprise`, the world's officer and colleague assigned. */
  decidedAssignedCase: string;
}

export async function triggerFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<TriggerFixtures> {
  const c = await prisma.enforcementCase.create({
    data: {
      number: '阜市监罚〔2024〕矩阵评估1号',
      agencyId: w.agency.rowId,
      partyKind: 'ENTERPRISE',
      enterpriseId: w.enterprise.rowId,
      violation: '销售过期食品',
      violatedProvision: '第三十四条',
      penaltyProvision: '第一百二十四条',
      stage: 'DECIDED',
      decision: 'PENALTY',
      fineFen: 500_000n,
      registeredAt: new Date('2024-05-01T00:00:00Z'),
      decidedAt: new Date('2024-06-01T00:00:00Z'),
      officers: { create: [{ personId: w.people.officer.rowId }, { personId: w.colleague.rowId }] },
    },
  });
  return { decidedAssignedCase: globalId('EnforcementCase', c.id) };
}

const result = `{ __typename }`;

export const triggerRows = (_w: MatrixWorld, f: TriggerFixtures): AccessRow[] => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // A risk is declared by the case's officers (county plan task 7).
  mutation(
    'declareImpactRisk',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!) { declareImpactRisk(caseId: $c, kind: STOPPAGE_RISK, note: "矩阵测试") ${result} }`,
    { c: f.decidedAssignedCase },
  ),
  // Exemptions are the agency head's (行政机关负责人).
  mutation(
    'recordImpactExemption',
    'DENY   DENY       DENY    none         DENY        DENY       none      allow  DENY  allow',
    `mutation($c: ID!) { recordImpactExemption(caseId: $c, ground: COUNTERFEIT, reason: "矩阵测试") ${result} }`,
    { c: f.decidedAssignedCase },
  ),
  mutation(
    'withdrawImpactExemption',
    'DENY   DENY       DENY    none         DENY        DENY       none      allow  DENY  allow',
    `mutation($c: ID!) { withdrawImpactExemption(caseId: $c) ${result} }`,
    { c: f.decidedAssignedCase },
  ),
];
