// This plugin's access policy (@zhifa/testkit's matrix.ts explains the outcomes and the shared world),
// found by test/auth/authorisation-matrix.test.ts as `authorisationMatrix` in plugins/<name>/test/access-matrix.ts: the list
// kind's operations with core's list policy, then the plugin's own evaluation, grant, statistics and
// subscriptions. Inputs are harmless: the world's case is only REGISTERED, so a grant that gets past
// authorisation meets CASE_NOT_IN_LEGAL_REVIEW and writes nothing.
import {
  defineAuthorisationMatrix,
  listKindAccessRows,
  mutationRow as mutation,
  queryRow as query,
  subscriptionRow as subscription,
  writeListMatrixFixtures,
} from '@zhifa/testkit';
import { DEFAULT_CONDITIONS } from '../src/rules.js';
import { NON_PENALTY_KIND } from '../src/attributes.js';

const item = {
  violation: '未按规定公示营业执照',
  violatedProvision: '《市场主体登记管理条例》第三十六条',
  penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
  applicableConditions: '初次违法且危害后果轻微，并在责令改正期限内改正的',
};

export const authorisationMatrix = defineAuthorisationMatrix(
  (world, prisma) =>
    writeListMatrixFixtures(prisma, world, {
      kind: NON_PENALTY_KIND,
      typePrefix: 'NonPenalty',
      domain: '市场监管',
      item: {
        ...item,
        attributes: {
          itemKind: 'FIRST_OFFENCE',
          conditions: DEFAULT_CONDITIONS.FIRST_OFFENCE,
          correctionDeadlineDays: 7,
          fineFenIfPenalised: 100_000,
        },
      },
    }),
  (w, lists) => [
    ...listKindAccessRows('NonPenalty', w, lists, {
      ...item,
      attributes: { itemKind: 'FIRST_OFFENCE', correctionDeadlineDays: 7 },
    }),

    //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
    // Evaluating an item against a case: the officers of the case's agency, and supervisors. Those who may
    // not see the case (otherOfficer, surveyOrg) get the NOT_FOUND an unknown case gets (no probing for ids),
    // which a query row counts as `allow` (matrix.ts).
    query(
      'evaluateNonPenalty',
      'DENY   DENY       allow   allow        allow       allow      allow     allow  DENY  DENY',
      `query($c: ID!, $i: ID!) { evaluateNonPenalty(caseId: $c, itemId: $i, facts: {}) { eligible } }`,
      { c: w.case.id, i: lists.published.item.id },
    ),
    // Statistics are working data: staff, their own agency only; supervisors every agency.
    query(
      'nonPenaltyStats',
      'DENY   DENY       allow   DENY         allow       allow      DENY      allow  allow  allow',
      `query($a: ID!, $d: Date!) { nonPenaltyStats(agencyId: $a, from: $d, to: $d) { decisions } }`,
      { a: w.agency.id, d: w.today },
    ),
    // Granting decides the case: whoever decides it — the agency head for a general-procedure case
    // (行政处罚法 第57条; core's canActOnCase 'decide'). Supervisors supervise, they do not decide.
    mutation(
      'grantNonPenalty',
      'DENY   DENY       DENY    none         DENY        DENY       none      allow  DENY  allow',
      `mutation($c: ID!, $i: ID!, $on: Date!) { grantNonPenalty(caseId: $c, itemId: $i, facts: { minorViolation: true },
        correctionOrder: { content: "公示营业执照", orderedOn: $on }, education: "已批评教育") { __typename } }`,
      { c: w.case.id, i: lists.published.item.id, on: w.today },
    ),
    // Publication is public; grants go to the agency's staff and supervisors (asking for another agency's is refused).
    subscription(
      'nonPenaltyListPublished',
      'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
      `subscription { nonPenaltyListPublished { id } }`,
    ),
    subscription(
      'nonPenaltyGranted',
      'DENY   DENY       allow   DENY         allow       allow      DENY      allow  DENY  DENY',
      `subscription($a: ID!) { nonPenaltyGranted(agencyId: $a) { id } }`,
      { a: w.agency.id },
    ),
  ],
);
