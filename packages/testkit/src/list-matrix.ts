// The access policy of a list kind's operations (the ones defineListKind generates), written once
// here for the row rules of @zhifa/core's lists/access.ts and used by every plugin that defines a list
// kind: the plugin's test/access-matrix.ts writes the fixtures (writeListMatrixFixtures) and adds
// these rows to its own matrix.
// Published and repealed versions are public; drafts are the issuing agency's and the supervisors'.
// Editing needs an officer of the issuing agency, publishing and repealing its admin.
import { globalId } from '@zhifa/core';
import type { Prisma, PrismaClient } from '@zhifa/core/prisma';
import {
  mutationRow as mutation,
  queryRow as query,
  type AccessRow,
  type Fixture,
  type MatrixWorld,
} from './matrix.js';

/** One series of the world's agency: v1 repealed (superseded), v2 published and in force, v3 a draft. */
export interface ListMatrixFixtures {
  repealed: Fixture;
  published: Fixture & { item: Fixture };
  draft: Fixture & { item: Fixture };
}

export interface ListMatrixItem {
  violation: string;
  violatedProvision: string;
  penaltyProvision: string;
  applicableConditions: string;
  /** The kind's attributes, as stored. */
  attributes: Prisma.InputJsonValue;
}

/** Writes the series straight to the database (no events): the fixtures the rows below refer to. */
export async function writeListMatrixFixtures(
  prisma: PrismaClient,
  world: MatrixWorld,
  spec: { kind: string; typePrefix: string; domain: string; item: ListMatrixItem },
): Promise<ListMatrixFixtures> {
  const series = await prisma.listSeries.create({ data: { kind: spec.kind } });
  const since = new Date('2025-01-01T00:00:00Z');
  const version = async (
    version: number,
    status: 'REPEALED' | 'PUBLISHED' | 'DRAFT',
    previousVersionId: number | null,
  ) => {
    const list = await prisma.enforcementList.create({
      data: {
        kind: spec.kind,
        seriesId: series.id,
        version,
        title: `矩阵测试清单（第 ${version} 版）`,
        domain: spec.domain,
        agencyId: world.agency.rowId,
        status,
        validFrom: status === 'DRAFT' ? null : since,
        publishedAt: status === 'DRAFT' ? null : since,
        repealedAt: status === 'REPEALED' ? since : null,
        supersededAt: status === 'REPEALED' ? since : null,
        previousVersionId,
      },
    });
    const item = await prisma.listItem.create({ data: { listId: list.id, seq: 1, domain: spec.domain, ...spec.item } });
    return {
      id: globalId(`${spec.typePrefix}List`, list.id),
      rowId: list.id,
      item: { id: globalId(`${spec.typePrefix}ListItem`, item.id), rowId: item.id },
    };
  };
  const repealed = await version(1, 'REPEALED', null);
  const published = await version(2, 'PUBLISHED', repealed.rowId);
  const draft = await version(3, 'DRAFT', published.rowId);
  return { repealed: { id: repealed.id, rowId: repealed.rowId }, published, draft };
}

/**
 * The rows of a list kind's queries and mutations. `itemInput` is a valid `<Prefix>ListItemInput`
 * (its attributes are the kind's own). Mutations aim at versions where an allowed caller meets a
 * lifecycle rule (a published version cannot be edited, a draft already exists, …), so nothing changes.
 */
export function listKindAccessRows(
  typePrefix: string,
  w: MatrixWorld,
  lists: ListMatrixFixtures,
  itemInput: Record<string, unknown>,
): AccessRow[] {
  const P = typePrefix;
  const p = P[0].toLowerCase() + P.slice(1);
  const result = '{ __typename }';
  const badValidity = { title: '矩阵测试清单', domain: '市场监管', validFrom: w.today, validUntil: '2000-01-01' };
  return [
    //                              public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
    query(
      `${p}Lists`,
      'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
      `{ ${p}Lists(first: 5) { totalCount } }`,
    ),
    query(
      `${p}Lists`,
      'none   none       allow   none         allow       allow      none      allow  allow  allow',
      `{ ${p}Lists(first: 5, status: DRAFT) { totalCount } }`,
    ),
    query(
      `${p}List`,
      'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
      `query($id: ID!) { ${p}List(id: $id) { id } }`,
      { id: lists.published.id },
    ),
    query(
      `${p}List`,
      'none   none       allow   none         allow       allow      none      allow  allow  allow',
      `query($id: ID!) { ${p}List(id: $id) { id } }`,
      { id: lists.draft.id },
    ),
    query(
      `${p}ListItems`,
      'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
      `{ ${p}ListItems(first: 5) { totalCount } }`,
    ),

    mutation(
      `create${P}List`,
      'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY  DENY',
      `mutation($input: ${P}ListInput!) { create${P}List(input: $input) ${result} }`,
      { input: { agencyId: w.agency.id, ...badValidity } },
    ),
    // Another agency's officer cannot see the draft at all; the supervisor sees it but may not edit.
    mutation(
      `update${P}List`,
      'DENY   DENY       allow   none         allow       DENY       DENY      allow  DENY  DENY',
      `mutation($id: ID!, $input: ${P}ListMetaInput!) { update${P}List(id: $id, input: $input) ${result} }`,
      { id: lists.draft.id, input: badValidity },
    ),
    mutation(
      `add${P}ListItem`,
      'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY  DENY',
      `mutation($id: ID!, $input: ${P}ListItemInput!) { add${P}ListItem(listId: $id, input: $input) ${result} }`,
      { id: lists.published.id, input: itemInput },
    ),
    mutation(
      `update${P}ListItem`,
      'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY  DENY',
      `mutation($id: ID!, $input: ${P}ListItemInput!) { update${P}ListItem(id: $id, input: $input) ${result} }`,
      { id: lists.published.item.id, input: itemInput },
    ),
    mutation(
      `remove${P}ListItem`,
      'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY  DENY',
      `mutation($id: ID!) { remove${P}ListItem(id: $id) ${result} }`,
      { id: lists.published.item.id },
    ),
    mutation(
      `import${P}ListCsv`,
      'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY  DENY',
      `mutation($id: ID!) { import${P}ListCsv(listId: $id, csvText: "序号") ${result} }`,
      { id: lists.published.id },
    ),
    mutation(
      `new${P}ListVersion`,
      'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY  DENY',
      `mutation($id: ID!) { new${P}ListVersion(id: $id) ${result} }`,
      { id: lists.published.id },
    ),
    // Issuing and withdrawing the document is the agency admin's act.
    mutation(
      `publish${P}List`,
      'DENY   DENY       DENY    DENY         allow       DENY       DENY      allow  DENY  DENY',
      `mutation($id: ID!) { publish${P}List(id: $id) ${result} }`,
      { id: lists.published.id },
    ),
    mutation(
      `repeal${P}List`,
      'DENY   DENY       DENY    DENY         allow       DENY       DENY      allow  DENY  DENY',
      `mutation($id: ID!) { repeal${P}List(id: $id, reason: "矩阵测试") ${result} }`,
      { id: lists.repealed.id },
    ),
  ];
}
