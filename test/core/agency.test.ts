import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
let adminToken: string;
beforeAll(async () => {
  h = await createHarness();
  const county = await h.db.prisma.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const admin = await h.db.prisma.person.create({ data: { name: '系统管理员', agencyId: county.id, roles: ['SYSTEM_ADMIN'] } });
  adminToken = h.token(`person:${admin.id}`);
});
afterAll(() => h?.close());

describe('agencies', () => {
  it('system admin creates an agency and the public reads it', async () => {
    const created = await h.gql(
      `mutation($input: AgencyInput!) { createAgency(input: $input) { __typename ... on MutationCreateAgencySuccess { data { id name kind domains } } } }`,
      { input: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY', domains: ['市场监管'] } },
      adminToken,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createAgency.__typename).toBe('MutationCreateAgencySuccess');
    const list = await h.gql(`{ agencies(first: 10, kind: ENFORCEMENT_AGENCY) { totalCount edges { node { name domains } } } }`);
    expect(list.data.agencies.totalCount).toBe(1);
    expect(list.data.agencies.edges[0].node).toEqual({ name: '阜宁县市场监督管理局', domains: ['市场监管'] });
  });

  it('the public cannot create an agency', async () => {
    const res = await h.gql(
      `mutation { createAgency(input: { name: "某局", kind: TOWNSHIP }) { __typename ... on Error { code message messageEn } } }`,
    );
    expect(res.data.createAgency).toMatchObject({ __typename: 'UnauthenticatedError', code: 'UNAUTHENTICATED' });
  });

  it('bad input is a typed ValidationError in both languages and writes nothing', async () => {
    const before = await h.db.prisma.agency.count();
    const res = await h.gql(
      `mutation { createAgency(input: { name: "局", kind: TOWNSHIP }) {
         __typename ... on ValidationError { code message messageEn issues { path message messageEn } } } }`,
      {},
      adminToken,
    );
    expect(res.errors).toBeUndefined();
    const err = res.data.createAgency;
    expect(err).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(err.issues).toContainEqual(
      expect.objectContaining({ path: ['input', 'name'], message: '名称至少 2 个字', messageEn: 'name needs at least 2 characters' }),
    );
    expect(await h.db.prisma.agency.count()).toBe(before);
  });

  it('a mutation selecting only __typename still works (no empty Prisma select)', async () => {
    const res = await h.gql(`mutation { createAgency(input: { name: "阜宁县应急管理局", kind: ENFORCEMENT_AGENCY }) { __typename } }`, {}, adminToken);
    expect(res).toEqual({ data: { createAgency: { __typename: 'MutationCreateAgencySuccess' } } });
  });
});
