// The soft-measure root fields in the plugin's authorisation matrix (access-matrix.ts spreads them). Inputs are
// harmless: once past authorisation each call meets a typed refusal that writes nothing (a follow-up before the
// measure's day; an outcome already recorded; a case after a measure that was complied with).
import { gid, mutationRow as mutation, queryRow as query, type AccessRow, type MatrixWorld } from '@zhifa/testkit';
import type { PrismaClient } from '@zhifa/core/prisma';

export interface SoftMeasureMatrixFixtures {
  /** A REMINDER of the world's agency to the world's enterprise, its outcome COMPLIED. */
  complied: string;
}

export async function softMeasureMatrixFixtures(
  w: MatrixWorld,
  prisma: PrismaClient,
): Promise<SoftMeasureMatrixFixtures> {
  const m = await prisma.softMeasure.create({
    data: {
      agencyId: w.agency.rowId,
      kind: 'REMINDER',
      enterpriseId: w.enterprise.rowId,
      matterId: w.matter.rowId,
      content: '提醒在经营场所公示营业执照',
      basis: '《市场主体登记管理条例》第三十六条',
      officerId: w.people.officer.rowId,
      takenOn: new Date(`${w.today}T00:00:00Z`),
      followUpOn: new Date(`${w.today}T00:00:00Z`),
      outcome: 'COMPLIED',
      outcomeRecordedAt: new Date(),
      outcomeRecordedBy: `person:${w.people.officer.rowId}`,
      recordedBy: `person:${w.people.officer.rowId}`,
      recordedAt: new Date(),
    },
  });
  return { complied: gid('SoftMeasure', m.id) };
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export const softMeasureRows = (w: MatrixWorld, f: SoftMeasureMatrixFixtures): AccessRow[] => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // Staff of the agency (another agency's list refused up front), supervisors any, the enterprise those addressed to it.
  query(
    'softMeasures',
    'DENY   allow      allow   DENY         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!) { softMeasures(agencyId: $a, first: 5) { edges { node { id } } } }`,
    { a: w.agency.id },
  ),
  // Taken by the agency's officers (and admins, core's "officers of the agency") and head — an officer of another
  // agency for their own; never reviewers, supervisors or the enterprise. The follow-up before the day taken is refused.
  mutation(
    'recordSoftMeasure',
    'DENY   DENY       allow   allow        allow       DENY       DENY      allow  DENY  allow',
    `mutation($i: SoftMeasureInput!) { recordSoftMeasure(input: $i) { __typename } }`,
    {
      i: {
        kind: 'REMINDER',
        enterpriseId: w.enterprise.id,
        content: '提醒',
        basis: '《市场主体登记管理条例》第三十六条',
        takenOn: w.today,
        followUpOn: dayBefore(w.today),
      },
    },
  ),
  // The measure's agency's officers and head; another agency does not see it. Its outcome is already recorded.
  mutation(
    'recordSoftMeasureOutcome',
    'DENY   DENY       allow   none         allow       DENY       none      allow  DENY  allow',
    `mutation($id: ID!) { recordSoftMeasureOutcome(id: $id, outcome: NOT_COMPLIED) { __typename } }`,
    { id: f.complied },
  ),
  // A case is opened by the agency's officers (core's openCase rule); the measure was complied with: refused.
  mutation(
    'openCaseFromSoftMeasure',
    'DENY   DENY       allow   none         allow       DENY       none      allow  DENY  DENY',
    `mutation($id: ID!, $c: OpenCaseInput!) { openCaseFromSoftMeasure(softMeasureId: $id, case: $c) { __typename } }`,
    { id: f.complied, c: { agencyId: w.agency.id, matterId: w.matter.id, violationOn: w.today } },
  ),
];
