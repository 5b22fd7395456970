// flexibleEnforcementStats in the plugin's authorisation matrix (access-matrix.ts spreads the rows). The fixture is
// one soft measure of the right agency, written with Prisma as the soft-measure service would (its mutation lives in
// another slice of issue 20), so an allowed caller reads a figure that is there.
import type { PrismaClient } from '@zhifa/core/prisma';
import { queryRow as query, type AccessRow, type MatrixWorld } from '@zhifa/testkit';

export async function statsMatrixFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<{ softMeasureId: number }> {
  const m = await prisma.softMeasure.create({
    data: {
      agencyId: w.agency.rowId,
      kind: 'REMINDER',
      enterpriseId: w.enterprise.rowId,
      content: '提醒按规定公示营业执照',
      basis: '《市场主体登记管理条例》第三十六条',
      officerId: w.people.officer.rowId,
      takenOn: new Date(`${w.today}T00:00:00Z`),
      recordedBy: `person:${w.people.officer.rowId}`,
      recordedAt: new Date(),
    },
  });
  return { softMeasureId: m.id };
}

export const statsRows = (w: MatrixWorld): AccessRow[] => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // Working figures (core's statisticsAgency): staff for their own agency (another agency's are refused),
  // supervisors any agency or the county; the enterprise, the public and the survey organisation nothing.
  query(
    'flexibleEnforcementStats',
    'DENY   DENY       allow   DENY         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!, $d: Date!) { flexibleEnforcementStats(agencyId: $a, from: $d, to: $d) { softMeasures { total } } }`,
    { a: w.agency.id, d: w.today },
  ),
];
