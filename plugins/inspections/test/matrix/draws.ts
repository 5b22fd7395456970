// The draws slice's rows in the plugin's authorisation matrix (access-matrix.ts spreads them), with the fixtures they
// read, written with Prisma. Every root field and mutation of the slice has its row. The world's agency has a
// published draw; it and the other agency each have a filing for the world's enterprise in
// overlapping windows, merged into a joint inspection the agency leads, and the agency has one more filing (major,
// agreed) that overlaps the other agency's open one (a merge candidate). Inputs are harmless: whoever gets past
// authorisation meets a refusal about the input and writes nothing.
import { globalId } from '@zhifa/core';
import type { PrismaClient } from '@zhifa/core/prisma';
import { mutationRow as mutation, queryRow as query, type MatrixWorld } from '@zhifa/testkit';

export interface DrawsFixtures {
  draw: string;
  joint: string;
  /** The agency's open, major filing: a merge candidate with the other agency's open one. */
  filing: string;
}

export async function drawsMatrixFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<DrawsFixtures> {
  const now = new Date();
  // The agency is left unqualified: core's updateAgency row sends the agency's input without the qualification date,
  // which an agency admin may not change; no row here needs it (the draw's input is refused before).
  const draw = await prisma.inspectionDraw.create({
    data: {
      agencyId: w.agency.rowId,
      matterId: w.matter.rowId,
      seed: '00'.repeat(32),
      weights: { A: 1, B: 2, C: 4, D: 8 },
      enterprisePool: [w.enterprise.rowId],
      enterprisePoolClasses: 'B',
      officerPool: [w.people.officer.rowId, w.colleague.rowId],
      enterpriseCount: 1,
      officersPerEnterprise: 2,
      drawnBy: `person:${w.people.officer.rowId}`,
      drawnAt: now,
      publishedAt: now,
      enterprises: {
        create: [
          {
            position: 1,
            enterpriseId: w.enterprise.rowId,
            creditRiskClass: 'B',
            officerIds: [w.people.officer.rowId, w.colleague.rowId],
          },
        ],
      },
    },
  });
  const scheme = (agencyId: number) =>
    prisma.inspectionScheme.create({
      data: {
        agencyId,
        title: '矩阵检查方案',
        content: '现场检查',
        status: 'APPROVED',
        requestedBy: 'system:matrix',
        requestedAt: now,
      },
    });
  const schemes = {
    [w.agency.rowId]: await scheme(w.agency.rowId),
    [w.otherAgency.rowId]: await scheme(w.otherAgency.rowId),
  };
  const day = 86_400_000;
  const filing = (
    agencyId: number,
    fromDays: number,
    toDays: number,
    extra: { major?: boolean; jointInspectionId?: number } = {},
  ) =>
    prisma.inspectionFiling.create({
      data: {
        agencyId,
        enterpriseId: w.enterprise.rowId,
        schemeId: schemes[agencyId].id,
        plannedFrom: new Date(now.getTime() + fromDays * day),
        plannedTo: new Date(now.getTime() + toDays * day),
        notice: 'AGREED',
        noticeNote: '已与企业商定时间',
        filedBy: 'system:matrix',
        filedAt: now,
        ...extra,
      },
    });
  const joint = await prisma.jointInspection.create({
    data: {
      enterpriseId: w.enterprise.rowId,
      leadAgencyId: w.agency.rowId,
      windowFrom: new Date(now.getTime() + 11 * day),
      windowTo: new Date(now.getTime() + 12 * day),
      createdBy: 'system:matrix',
      createdAt: now,
    },
  });
  await filing(w.agency.rowId, 10, 12, { jointInspectionId: joint.id });
  await filing(w.otherAgency.rowId, 11, 13, { jointInspectionId: joint.id });
  const open = await filing(w.agency.rowId, 20, 22, { major: true });
  await filing(w.otherAgency.rowId, 21, 23);
  return {
    draw: globalId('InspectionDraw', draw.id),
    joint: globalId('JointInspection', joint.id),
    filing: globalId('InspectionFiling', open.id),
  };
}

export const drawsRows = (w: MatrixWorld, f: DrawsFixtures) => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // A published draw is public (一公开).
  query(
    'inspectionDraws',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `{ inspectionDraws(first: 5) { totalCount edges { node { id } } } }`,
  ),
  query(
    'replayInspectionDraw',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `query($d: ID!) { replayInspectionDraw(drawId: $d) { reproduced } }`,
    { d: f.draw },
  ),
  // The agency's officers, admin and head draw (a count of 0: refused as input).
  mutation(
    'drawInspectionSample',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY   allow',
    `mutation($i: DrawInspectionSampleInput!) { drawInspectionSample(input: $i) { __typename } }`,
    { i: { agencyId: w.agency.id, matterId: w.matter.id, enterpriseCount: 0 } },
  ),
  // … and publish (published already: refused as a rule).
  mutation(
    'publishInspectionDraw',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY   allow',
    `mutation($d: ID!) { publishInspectionDraw(drawId: $d) { __typename } }`,
    { d: f.draw },
  ),
  // Staff and the enterprise, each their own by the row rule (the other agency is a member of the joint inspection).
  query(
    'jointInspections',
    'DENY   allow      allow   allow        allow       allow      DENY      allow  allow  allow',
    `{ jointInspections(first: 5) { totalCount edges { node { id } } } }`,
  ),
  // Staff see their agency's candidates (supervisors any agency's); not the enterprise.
  query(
    'jointInspectionCandidates',
    'DENY   DENY       allow   allow        allow       allow      DENY      allow  allow  allow',
    `{ jointInspectionCandidates(first: 5) { totalCount edges { node { filingId } } } }`,
  ),
  // The lead agency's staff or a supervisor merge (one filing: refused as a rule).
  mutation(
    'mergeInspectionFilings',
    'DENY   DENY       allow   DENY         allow       allow      DENY      allow  DENY   allow',
    `mutation($f: [ID!]!, $l: ID!) { mergeInspectionFilings(filingIds: $f, leadAgencyId: $l) { __typename } }`,
    { f: [f.filing], l: w.agency.id },
  ),
  // The filing's agency joins with it (its agency takes part already: refused as a rule); another agency does not see it.
  mutation(
    'joinJointInspection',
    'DENY   DENY       allow   none         allow       DENY       none      allow  DENY   allow',
    `mutation($j: ID!, $f: ID!) { joinJointInspection(jointInspectionId: $j, filingId: $f) { __typename } }`,
    { j: f.joint, f: f.filing },
  ),
  // The filing's agency invites (a supervisor, not a special one: refused as a rule).
  mutation(
    'inviteInspectionObserver',
    'DENY   DENY       allow   none         allow       DENY       none      allow  DENY   allow',
    `mutation($p: ID!, $f: ID) { inviteInspectionObserver(personId: $p, filingId: $f) { __typename } }`,
    { p: w.people.supervisor.id, f: f.filing },
  ),
];
