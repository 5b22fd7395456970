// The catalogue slice's rows in the plugin's authorisation matrix (access-matrix.ts spreads them), with the
// fixtures they read, written with Prisma: a published and a repealed item on the world's matter, last year's
// published plan and this year's draft, an approved scheme. The world's agency is left unqualified (core's
// updateAgency row edits it as its admin, who may not change the qualification); every row here is refused before
// the qualification is asked. Inputs are harmless: whoever gets past authorisation meets a refusal about the
// input or the state and writes nothing.
import { globalId } from '@zhifa/core';
import type { PrismaClient } from '@zhifa/core/prisma';
import { mutationRow as mutation, queryRow as query, type AccessRow, type MatrixWorld } from '@zhifa/testkit';

export interface CatalogueFixtures {
  publishedItem: string;
  repealedItem: string;
  publishedPlan: string;
  draftPlan: string;
  approvedScheme: string;
  year: number;
}

export async function catalogueMatrixFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<CatalogueFixtures> {
  const year = Number(w.today.slice(0, 4));
  const now = new Date();
  const item = (repealed: boolean) =>
    prisma.inspectionItem.create({
      data: {
        agencyId: w.agency.rowId,
        name: repealed ? '矩阵已废止检查事项' : '矩阵检查事项',
        basis: '《市场主体登记管理条例》第三十六条',
        domain: '市场监管',
        year,
        publishedAt: now,
        publishedBy: 'system:matrix',
        repealedAt: repealed ? now : null,
        createdBy: 'system:matrix',
        createdAt: now,
        matters: { create: [{ matterId: w.matter.rowId }] },
      },
    });
  const published = await item(false);
  const repealed = await item(true);
  const plan = (y: number, status: 'DRAFT' | 'PUBLISHED') =>
    prisma.inspectionPlan.create({
      data: {
        agencyId: w.agency.rowId,
        year: y,
        status,
        basis: '国办发〔2024〕54号',
        subjects: '本单位',
        scope: '辖区经营主体',
        samplingBasisPoints: 300,
        frequencyPerYear: 1,
        method: 'DOUBLE_RANDOM',
        content: '矩阵检查内容',
        createdBy: 'system:matrix',
        createdAt: now,
        ...(status === 'PUBLISHED'
          ? { filedAt: now, filedBy: 'system:matrix', publishedAt: now, publishedBy: 'system:matrix' }
          : {}),
        items: { create: [{ itemId: published.id }] },
      },
    });
  const publishedPlan = await plan(year - 1, 'PUBLISHED');
  const draftPlan = await plan(year, 'DRAFT');
  const scheme = await prisma.inspectionScheme.create({
    data: {
      agencyId: w.agency.rowId,
      title: '矩阵检查方案',
      content: '矩阵检查内容',
      status: 'APPROVED',
      requestedBy: 'system:matrix',
      requestedAt: now,
      decidedBy: `person:${w.people.agencyHead.rowId}`,
      decidedAt: now,
      items: { create: [{ itemId: published.id }] },
    },
  });
  return {
    publishedItem: globalId('InspectionItem', published.id),
    repealedItem: globalId('InspectionItem', repealed.id),
    publishedPlan: globalId('InspectionPlan', publishedPlan.id),
    draftPlan: globalId('InspectionPlan', draftPlan.id),
    approvedScheme: globalId('InspectionScheme', scheme.id),
    year,
  };
}

const PLAN = {
  itemIds: [],
  basis: '矩阵',
  subjects: '矩阵',
  scope: '矩阵',
  samplingBasisPoints: 300,
  frequencyPerYear: 1,
  method: 'ON_SITE',
  content: '矩阵',
};

export const catalogueRows = (w: MatrixWorld, f: CatalogueFixtures): AccessRow[] => [
  //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // Published items and plans are public (谁编制、谁公示); drafts the agency's own and supervisors'.
  query(
    'inspectionItems',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `query($a: ID!) { inspectionItems(agencyId: $a, first: 5) { totalCount edges { node { id } } } }`,
    { a: w.agency.id },
  ),
  query(
    'inspectionPlans',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `query($a: ID!) { inspectionPlans(agencyId: $a, first: 5) { totalCount edges { node { id } } } }`,
    { a: w.agency.id },
  ),
  // Schemes are working papers: staff see their agency's (another agency's an empty page), supervisors all.
  query(
    'inspectionSchemes',
    'DENY   DENY       allow   none         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!) { inspectionSchemes(agencyId: $a, first: 5) { totalCount edges { node { id } } } }`,
    { a: w.agency.id },
  ),
  // Working figures (core's statisticsAgency): staff their own agency, supervisors any or the county.
  query(
    'inspectionStats',
    'DENY   DENY       allow   DENY         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!, $y: Int!) { inspectionStats(agencyId: $a, year: $y) { visits } }`,
    { a: w.agency.id, y: f.year },
  ),
  // The agency's officers and admin compile (no matter: refused as input).
  mutation(
    'createInspectionItem',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY   DENY',
    `mutation($i: CreateInspectionItemInput!) { createInspectionItem(input: $i) { __typename } }`,
    { i: { agencyId: w.agency.id, name: '矩阵', basis: '矩阵', year: f.year, matterIds: [] } },
  ),
  // A published item everyone reads; only its agency's officers and admin act on it (already published / repealed).
  mutation(
    'publishInspectionItem',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY   DENY',
    `mutation($i: ID!) { publishInspectionItem(itemId: $i) { __typename } }`,
    { i: f.publishedItem },
  ),
  mutation(
    'repealInspectionItem',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY   DENY',
    `mutation($i: ID!) { repealInspectionItem(itemId: $i) { __typename } }`,
    { i: f.repealedItem },
  ),
  mutation(
    'createInspectionPlan',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY   DENY',
    `mutation($a: ID!, $y: Int!, $i: InspectionPlanInput!) { createInspectionPlan(agencyId: $a, year: $y, input: $i) { __typename } }`,
    { a: w.agency.id, y: f.year, i: PLAN },
  ),
  // A draft plan is unknown outside the agency and supervisors (the head and the legal reviewer read, but do not compile).
  mutation(
    'updateInspectionPlan',
    'DENY   none       allow   none         allow       DENY       none      allow  DENY   DENY',
    `mutation($p: ID!, $i: InspectionPlanInput!) { updateInspectionPlan(planId: $p, input: $i) { __typename } }`,
    { p: f.draftPlan, i: PLAN },
  ),
  // The published plan: filing and publishing again are refused by its state.
  mutation(
    'fileInspectionPlan',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY   DENY',
    `mutation($p: ID!) { fileInspectionPlan(planId: $p) { __typename } }`,
    { p: f.publishedPlan },
  ),
  mutation(
    'publishInspectionPlan',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY   DENY',
    `mutation($p: ID!) { publishInspectionPlan(planId: $p) { __typename } }`,
    { p: f.publishedPlan },
  ),
  mutation(
    'requestInspectionScheme',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY   DENY',
    `mutation($i: RequestInspectionSchemeInput!) { requestInspectionScheme(input: $i) { __typename } }`,
    { i: { agencyId: w.agency.id, title: '矩阵', content: '矩阵', itemIds: [] } },
  ),
  // Only the agency head (行政机关负责人; a system admin as core's isAgencyHeadOf) decides; the scheme is decided already.
  mutation(
    'approveInspectionScheme',
    'DENY   none       DENY    none         DENY        DENY       none      allow  DENY   allow',
    `mutation($s: ID!) { approveInspectionScheme(schemeId: $s) { __typename } }`,
    { s: f.approvedScheme },
  ),
  mutation(
    'refuseInspectionScheme',
    'DENY   none       DENY    none         DENY        DENY       none      allow  DENY   allow',
    `mutation($s: ID!) { refuseInspectionScheme(schemeId: $s, note: "矩阵") { __typename } }`,
    { s: f.approvedScheme },
  ),
];
