// The visits slice's rows in the plugin's authorisation matrix (access-matrix.ts spreads them), with the fixtures they
// read, written with Prisma: a published item and an approved scheme of the world's agency; an agreed filing of it for
// the world's enterprise, visited, whose visit has its finding and the enterprise's rating. Inputs are harmless:
// whoever gets past authorisation meets a refusal about the input or the state (the finding and the rating are
// recorded already, the code is forged, the window is backwards) and writes nothing.
import type { PrismaClient } from '@zhifa/core/prisma';
import { globalId } from '@zhifa/core';
import {
  mutationRow as mutation,
  queryRow as query,
  subscriptionRow as subscription,
  type AccessRow,
  type MatrixWorld,
} from '@zhifa/testkit';

export interface VisitsFixtures {
  item: string;
  scheme: string;
  filing: string;
  visit: string;
}

export async function visitsMatrixFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<VisitsFixtures> {
  const now = new Date();
  const item = await prisma.inspectionItem.create({
    data: {
      agencyId: w.agency.rowId,
      name: '矩阵检查事项',
      basis: '《市场主体登记管理条例》第三十六条',
      domain: '市场监管',
      year: now.getUTCFullYear(),
      publishedAt: now,
      publishedBy: 'system:matrix',
      createdBy: 'system:matrix',
      createdAt: now,
      matters: { create: [{ matterId: w.matter.rowId }] },
    },
  });
  const scheme = await prisma.inspectionScheme.create({
    data: {
      agencyId: w.agency.rowId,
      title: '矩阵检查方案',
      content: '现场检查',
      status: 'APPROVED',
      requestedBy: 'system:matrix',
      requestedAt: now,
      decidedBy: `person:${w.people.agencyHead.rowId}`,
      decidedAt: now,
      items: { create: [{ itemId: item.id }] },
    },
  });
  const officers = [w.people.officer.rowId, w.colleague.rowId];
  const filing = await prisma.inspectionFiling.create({
    data: {
      agencyId: w.agency.rowId,
      enterpriseId: w.enterprise.rowId,
      schemeId: scheme.id,
      status: 'VISITED',
      plannedFrom: now,
      plannedTo: new Date(now.getTime() + 86_400_000),
      notice: 'AGREED',
      noticeNote: '已与企业商定',
      filedBy: 'system:matrix',
      filedAt: now,
      items: { create: [{ itemId: item.id }] },
      officers: { create: officers.map((personId) => ({ personId })) },
    },
  });
  const visit = await prisma.inspectionVisit.create({
    data: {
      agencyId: w.agency.rowId,
      enterpriseId: w.enterprise.rowId,
      filingId: filing.id,
      visitedAt: now,
      codeKeyId: 'matrix',
      finding: 'COMPLIANT',
      findingRecordedAt: now,
      findingRecordedBy: 'system:matrix',
      recordedBy: 'system:matrix',
      recordedAt: now,
      officers: { create: officers.map((personId) => ({ personId })) },
      items: {
        create: [{ itemId: item.id, agencyId: w.agency.rowId, enterpriseId: w.enterprise.rowId, visitedAt: now }],
      },
      rating: {
        create: {
          enterpriseId: w.enterprise.rowId,
          agencyId: w.agency.rowId,
          score: 4,
          ratedBy: `enterprise:${w.enterprise.rowId}`,
          ratedAt: now,
        },
      },
    },
  });
  return {
    item: globalId('InspectionItem', item.id),
    scheme: globalId('InspectionScheme', scheme.id),
    filing: globalId('InspectionFiling', filing.id),
    visit: globalId('InspectionVisit', visit.id),
  };
}

export const visitsRows = (w: MatrixWorld, f: VisitsFixtures): AccessRow[] => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // The agency's persons their own, the enterprise its own (an agreed or visited filing), supervisors all;
  // another agency's list is refused up front.
  query(
    'inspectionFilings',
    'DENY   allow      allow   DENY         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!) { inspectionFilings(agencyId: $a, first: 5) { totalCount edges { node { id } } } }`,
    { a: w.agency.id },
  ),
  query(
    'inspectionVisits',
    'DENY   allow      allow   DENY         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!) { inspectionVisits(agencyId: $a, first: 5) { totalCount edges { node { id } } } }`,
    { a: w.agency.id },
  ),
  // The agency's officers and admins file for it (a backwards window: refused as input).
  mutation(
    'fileInspection',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY   DENY',
    `mutation($i: FileInspectionInput!) { fileInspection(input: $i) { __typename } }`,
    {
      i: {
        agencyId: w.agency.id,
        enterpriseId: w.enterprise.id,
        itemIds: [f.item],
        schemeId: f.scheme,
        officerIds: [w.people.officer.id, w.colleague.id],
        plannedFrom: '2030-01-02T00:00:00Z',
        plannedTo: '2030-01-01T00:00:00Z',
        notice: 'AGREED',
        noticeNote: '矩阵测试',
      },
    },
  ),
  // On the visited filing: withdrawing it and visiting it again are refused by its state (or the forged code);
  // another agency and the survey organisation do not see it; the enterprise and supervisors see it, do not act.
  mutation(
    'cancelInspectionFiling',
    'DENY   DENY       allow   none         allow       DENY       none      allow  DENY   DENY',
    `mutation($f: ID!) { cancelInspectionFiling(filingId: $f) { __typename } }`,
    { f: f.filing },
  ),
  mutation(
    'recordInspectionVisit',
    'DENY   DENY       allow   none         allow       DENY       none      allow  DENY   DENY',
    `mutation($f: ID!, $o: [ID!]!) { recordInspectionVisit(code: "zic1.matrix", filingId: $f, officerIds: $o) { __typename } }`,
    { f: f.filing, o: [w.people.officer.id, w.colleague.id] },
  ),
  mutation(
    'recordInspectionFinding',
    'DENY   DENY       allow   none         allow       DENY       none      allow  DENY   DENY',
    `mutation($v: ID!) { recordInspectionFinding(visitId: $v, finding: COMPLIANT) { __typename } }`,
    { v: f.visit },
  ),
  // Only the enterprise visited rates (rated already: refused by the once-only rule).
  mutation(
    'rateInspectionVisit',
    'DENY   allow      DENY    none         DENY        DENY       none      DENY   DENY   DENY',
    `mutation($v: ID!) { rateInspectionVisit(visitId: $v, score: 3) { __typename } }`,
    { v: f.visit },
  ),
  // Any person (each receives what canSeeEvent lets through: their agency's visits), the enterprise its own.
  subscription(
    'inspectionVisitRecorded',
    'DENY   allow      allow   allow        allow       allow      DENY      allow  allow  allow',
    `subscription($e: ID!) { inspectionVisitRecorded(enterpriseId: $e) { cursor } }`,
    { e: w.enterprise.id },
  ),
];
