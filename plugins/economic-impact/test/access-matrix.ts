// This plugin's access policy (@zhifa/testkit's matrix.ts explains the outcomes and the shared world), found by
// test/auth/authorisation-matrix.test.ts as `authorisationMatrix`: one row per root field the plugin adds. Inputs are
// harmless: a rules version whose weights do not sum to 1 is refused (IMPACT_WEIGHTS_SUM) once past authorisation.
import {
  defineAuthorisationMatrix,
  mutationRow as mutation,
  queryRow as query,
  type MatrixWorld,
} from '@zhifa/testkit';
import { triggerFixtures, triggerRows } from './matrix-triggers.js';
import { assessmentMatrixFixtures, assessmentRows } from './matrix-assessments.js';
import { guardRows } from './matrix-guard.js';

const BAD_RULES = {
  organisationThresholdFen: 5_000_000,
  individualBusinessThresholdFen: 500_000,
  enabledTriggers: ['LARGE_FINE'],
  weights: [{ dimension: 'SURVIVAL', weight: 0.5 }],
  mediumFrom: 1,
  highFrom: 2,
  severeFrom: 3,
  reason: '矩阵测试',
};

const rulesRows = (_w: MatrixWorld) => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // The county's rules: every member of staff reads them (officers apply them); the justice bureau sets them.
  query(
    'impactRules',
    'DENY   DENY       allow   allow        allow       allow      DENY      allow  allow  allow',
    `{ impactRules { version } }`,
  ),
  query(
    'impactRulesHistory',
    'DENY   DENY       allow   allow        allow       allow      DENY      allow  allow  allow',
    `{ impactRulesHistory(first: 5) { totalCount edges { node { version } } } }`,
  ),
  mutation(
    'updateImpactRules',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
    `mutation($i: ImpactRulesInput!) { updateImpactRules(input: $i) { __typename } }`,
    { i: BAD_RULES },
  ),
];

export const authorisationMatrix = defineAuthorisationMatrix(
  async (w, prisma) => ({
    triggers: await triggerFixtures(w, prisma),
    assessments: await assessmentMatrixFixtures(w, prisma),
  }),
  (w, f) => [...rulesRows(w), ...triggerRows(w, f.triggers), ...assessmentRows(w, f.assessments), ...guardRows(w)],
);
