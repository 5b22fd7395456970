// What loaded-columns.ts relies on: a column a select-mode type always loads resolves as a plain
// property read (no per-row lookup of which query loaded the row), every other exposed column keeps
// its own select and is loaded only when asked — and rows reached on every path carry the columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLObjectType } from 'graphql';
import { createSchema } from '@zhifa/core';
import { createHarness, gid, type Harness } from '@zhifa/testkit';

const fields = (type: string) => {
  const { schema } = createSchema({ plugins: [] });
  return (schema.getType(type) as GraphQLObjectType).getFields();
};

describe('columns a type always loads', () => {
  it('are read off the row; the others keep their own select', () => {
    const agency = fields('Agency');
    for (const column of ['name', 'kind']) expect(agency[column].extensions.pothosPrismaSelect, column).toBeUndefined();
    for (const column of ['uscc', 'documentPrefix', 'domains'])
      expect(agency[column].extensions.pothosPrismaSelect, column).toEqual({ [column]: true });
    const kase = fields('EnforcementCase');
    for (const column of ['number', 'stage'])
      expect(kase[column].extensions.pothosPrismaSelect, column).toBeUndefined();
    expect(kase.violation.extensions.pothosPrismaSelect).toEqual({ violation: true });
    expect(fields('Enterprise').name.extensions.pothosPrismaSelect).toBeUndefined();
  });

  describe('through the API', () => {
    let h: Harness;
    let token: string;
    let agencyId: number;
    beforeAll(async () => {
      h = await createHarness();
      const county = await h.db.prisma.agency.create({
        data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT', uscc: null },
      });
      agencyId = (
        await h.db.prisma.agency.create({
          data: {
            name: '阜宁县市场监督管理局',
            kind: 'ENFORCEMENT_AGENCY',
            parentId: county.id,
            documentPrefix: '阜市监',
          },
        })
      ).id;
      token = h.token(
        `person:${(await h.db.prisma.person.create({ data: { name: '系统管理员', agencyId: county.id, roles: ['SYSTEM_ADMIN'] } })).id}`,
      );
    });
    afterAll(() => h?.close());

    it("a list, node(id), a relation and a mutation's answer all carry them", async () => {
      const list = await h.gql(`{ agencies(first: 5) { edges { node { name kind documentPrefix } } } }`);
      expect(list.data.agencies.edges).toContainEqual({
        node: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY', documentPrefix: '阜市监' },
      });
      const node = await h.gql(
        `query($id: ID!) { node(id: $id) { ... on Agency { name kind parent { name kind } } } }`,
        { id: gid('Agency', agencyId) },
      );
      expect(node.data.node).toEqual({
        name: '阜宁县市场监督管理局',
        kind: 'ENFORCEMENT_AGENCY',
        parent: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' },
      });
      const created = await h.gql(
        `mutation { createAgency(input: { name: "阜宁县交通运输局", kind: ENFORCEMENT_AGENCY }) { ... on MutationCreateAgencySuccess { data { name kind } } } }`,
        {},
        token,
      );
      expect(created.data.createAgency.data).toEqual({ name: '阜宁县交通运输局', kind: 'ENFORCEMENT_AGENCY' });
    });
  });
});
