// The assessments' rows of the plugin's authorisation matrix (access-matrix.ts spreads them). The world's case is
// REGISTERED with no officers, so only a system admin acts as its officer; on it, an approved revision 1 and an
// open draft revision 2 with one dimension scored. Inputs are harmless: whoever gets past authorisation meets a
// refusal about the input or the state (a score of 5, the open revision, the draft's status, no decision yet) and
// writes nothing.
import {
  mutationRow as mutation,
  queryRow as query,
  subscriptionRow as subscription,
  type MatrixWorld,
} from '@zhifa/testkit';
import type { PrismaClient } from '@zhifa/core/prisma';
import { globalId } from '@zhifa/core';

export interface AssessmentFixtures {
  approved: string;
  draft: string;
}

export async function assessmentMatrixFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<AssessmentFixtures> {
  const base = {
    caseId: w.case.rowId,
    agencyId: w.agency.rowId,
    enterpriseId: w.enterprise.rowId,
    createdBy: 'system',
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  const approved = await prisma.impactAssessment.create({
    data: {
      ...base,
      revision: 1,
      status: 'APPROVED',
      scores: [{ dimension: 'TAX', score: 0, evidence: null }],
      weightedScore: 0,
      level: 'LOW',
      rulesVersion: 1,
      submittedBy: 'system',
      approvedBy: 'system',
      approvedAt: new Date(),
    },
  });
  const draft = await prisma.impactAssessment.create({
    data: { ...base, revision: 2, scores: [{ dimension: 'TAX', score: 0, evidence: null }] },
  });
  return { approved: globalId('ImpactAssessment', approved.id), draft: globalId('ImpactAssessment', draft.id) };
}

const BAD = { scores: [{ dimension: 'TAX', score: 5, evidence: '矩阵测试' }] };
const on = (field: string, extra = '') => `mutation($a: ID!) { ${field}(assessmentId: $a${extra}) { __typename } }`;

export const assessmentRows = (w: MatrixWorld, f: AssessmentFixtures) => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // The agency's list: persons of the agency and supervisors; another agency's is refused.
  query(
    'impactAssessments',
    'DENY   DENY       allow   DENY         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!) { impactAssessments(agencyId: $a, first: 5) { totalCount edges { node { id } } } }`,
    { a: w.agency.id },
  ),
  // The case's officers draft, edit, submit and revise (none assigned here: only a system admin). The enterprise
  // sees the case but not a draft: a draft answers it as unknown.
  mutation(
    'createImpactAssessment',
    'DENY   DENY       DENY    none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!, $i: ImpactAssessmentInput!) { createImpactAssessment(caseId: $c, input: $i) { __typename } }`,
    { c: w.case.id, i: BAD },
  ),
  mutation(
    'updateImpactAssessment',
    'DENY   none       DENY    none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($a: ID!, $i: ImpactAssessmentInput!) { updateImpactAssessment(assessmentId: $a, input: $i) { __typename } }`,
    { a: f.draft, i: BAD },
  ),
  mutation(
    'submitImpactAssessment',
    'DENY   none       DENY    none         DENY        DENY       none      allow  DENY  DENY',
    on('submitImpactAssessment'),
    { a: f.draft },
  ),
  mutation(
    'reviseImpactAssessment',
    'DENY   DENY       DENY    none         DENY        DENY       none      allow  DENY  DENY',
    on('reviseImpactAssessment'),
    { a: f.approved },
  ),
  // Legal review (第58条) and returning a submitted revision: the agency's legal reviewer.
  mutation(
    'reviewImpactAssessment',
    'DENY   none       DENY    none         DENY        DENY       none      allow  allow  DENY',
    on('reviewImpactAssessment'),
    { a: f.draft },
  ),
  mutation(
    'returnImpactAssessment',
    'DENY   none       DENY    none         DENY        DENY       none      allow  allow  DENY',
    on('returnImpactAssessment', ', comment: "矩阵测试"'),
    { a: f.draft },
  ),
  // Approval: the agency head (第57条).
  mutation(
    'approveImpactAssessment',
    'DENY   none       DENY    none         DENY        DENY       none      allow  DENY  allow',
    on('approveImpactAssessment'),
    { a: f.draft },
  ),
  mutation(
    'recordImpactFollowUp',
    'DENY   DENY       DENY    none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!, $d: Date!) { recordImpactFollowUp(caseId: $c, visitedOn: $d, findings: "回访") { __typename } }`,
    { c: w.case.id, d: w.today },
  ),
  // Every step live to the agency's persons and supervisors; another agency's is refused.
  subscription(
    'impactAssessmentChanged',
    'DENY   DENY       allow   DENY         allow       allow      DENY      allow  allow  allow',
    `subscription($a: ID!) { impactAssessmentChanged(agencyId: $a) { id } }`,
    { a: w.agency.id },
  ),
];
