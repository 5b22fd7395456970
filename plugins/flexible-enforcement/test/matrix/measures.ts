// The no-compulsory guard's and the list publications' root fields in the plugin's authorisation matrix
// (access-matrix.ts spreads them). Inputs are harmless: no item waives a freeze on the world's matter, so an allowed
// caller of waiveCompulsoryMeasure meets FLEXIBLE_MEASURE_WAIVER_NO_ITEM and nothing is written.
import type { PrismaClient } from '@zhifa/core/prisma';
import {
  subscriptionRow as subscription,
  mutationRow as mutation,
  type AccessRow,
  type MatrixWorld,
} from '@zhifa/testkit';
import { gid } from '@zhifa/testkit';

export interface MeasureMatrixFixtures {
  /** An INVESTIGATING case of the world's agency on its matter, the officer and the colleague assigned. */
  assignedCase: string;
}

export async function writeMeasureMatrixFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<MeasureMatrixFixtures> {
  const c = await prisma.enforcementCase.create({
    data: {
      number: '矩阵柔强〔2026〕1号',
      agencyId: w.agency.rowId,
      partyKind: 'ENTERPRISE',
      enterpriseId: w.enterprise.rowId,
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      stage: 'INVESTIGATING',
      procedure: 'GENERAL',
      matterId: w.matter.rowId,
      officers: { create: [{ personId: w.people.officer.rowId }, { personId: w.colleague.rowId }] },
    },
  });
  return { assignedCase: gid('EnforcementCase', c.id) };
}

export const measureRows = (_w: MatrixWorld, f: MeasureMatrixFixtures): AccessRow[] => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // Whoever may record a measure on the case (core's 'act': its assigned officers) may record that none was taken.
  mutation(
    'waiveCompulsoryMeasure',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!) { waiveCompulsoryMeasure(caseId: $c, measureKind: FREEZE, note: "依清单不予冻结") { __typename } }`,
    { c: f.assignedCase },
  ),
  // Published lists are public (向社会公布): anyone hears their publication.
  subscription(
    'flexibleListPublished',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `subscription { flexibleListPublished(kind: NO_COMPULSORY, domain: "市场监管") { cursor kind } }`,
  ),
];
