// The warnings slice's rows in the plugin's authorisation matrix (access-matrix.ts spreads them), with the fixtures they
// read, written with Prisma. Every root field and mutation of the slice has its row. The warning is closed (销号), so
// every step past authorisation meets INSPECTION_WARNING_STATE and writes nothing.
import type { PrismaClient } from '@zhifa/core/prisma';
import {
  gid,
  mutationRow as mutation,
  queryRow as query,
  subscriptionRow as subscription,
  type AccessRow,
  type MatrixWorld,
} from '@zhifa/testkit';

export interface WarningsFixtures {
  /** A CLOSED 应报备未报备 warning: the world's agency answerable, at the world's enterprise. */
  closed: string;
}

export async function warningsMatrixFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<WarningsFixtures> {
  const at = new Date();
  const warning = await prisma.inspectionWarning.create({
    data: {
      rule: 'UNFILED',
      dedupeKey: `matrix:unfiled:${w.agency.rowId}:${w.enterprise.rowId}`,
      enterpriseId: w.enterprise.rowId,
      agencyId: w.agency.rowId,
      agencyIds: [w.agency.rowId],
      visitIds: [],
      evidence: { visits: [] },
      basis: '应报备未报备（国办发〔2024〕54号；方案任务15）|unfiled (county plan task 15)',
      status: 'CLOSED',
      raisedAt: at,
      closedAt: at,
    },
  });
  return { closed: gid('InspectionWarning', warning.id) };
}

const step = (field: string) => `mutation($w: ID!) { ${field}(warningId: $w, comment: "矩阵测试") { __typename } }`;

export const warningsRows = (_w: MatrixWorld, f: WarningsFixtures): AccessRow[] => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // Staff read the warnings naming their agency (another agency's list refused up front; asking for none gives another
  // agency's officer an empty page), supervisors all; the enterprise is not a party to a warning.
  query(
    'inspectionWarnings',
    'DENY   DENY       allow   none         allow       allow      DENY      allow  allow  allow',
    `query { inspectionWarnings(first: 5) { totalCount edges { node { id } } } }`,
  ),
  // Supervisors of the justice bureau assign, supervise, close and return; staff of the agency read the warning and
  // are refused; anyone who cannot read it finds nothing.
  ...['assignInspectionWarning', 'superviseInspectionWarning', 'closeInspectionWarning', 'returnInspectionWarning'].map(
    (field) =>
      mutation(
        field,
        'DENY   none       DENY    none         DENY        allow      none      allow  DENY   DENY',
        step(field),
        { w: f.closed },
      ),
  ),
  // The answerable agency's officers and admin report rectification (core's officerOf); supervisors do not.
  mutation(
    'rectifyInspectionWarning',
    'DENY   none       allow   none         allow       DENY       none      allow  DENY   DENY',
    step('rectifyInspectionWarning'),
    { w: f.closed },
  ),
  // Supervisors only, live (the agencies read theirs through inspectionWarnings).
  subscription(
    'inspectionWarningRaised',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY   DENY',
    `subscription { inspectionWarningRaised { cursor } }`,
  ),
];
