// The guard and figures' root fields in the plugin's authorisation matrix (access-matrix.ts spreads them).
import { queryRow as query, subscriptionRow as subscription, type AccessRow, type MatrixWorld } from '@zhifa/testkit';

export const guardRows = (w: MatrixWorld): AccessRow[] => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // Working figures: staff of the agency for their own agency (another agency's are refused), supervisors any.
  query(
    'impactStats',
    'DENY   DENY       allow   DENY         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!, $d: Date!) { impactStats(agencyId: $a, from: $d, to: $d) { decisions { total } } }`,
    { a: w.agency.id, d: w.today },
  ),
  // High-impact cases live: the county's supervisors (a system admin reads everything too).
  subscription(
    'highImpactCaseFlagged',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
    `subscription { highImpactCaseFlagged { cursor reason } }`,
  ),
];
