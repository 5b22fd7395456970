import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '@zhifa/testkit';

let h: Harness;
let adminToken: string;
beforeAll(async () => {
  h = await createHarness();
  const county = await h.db.prisma.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const admin = await h.db.prisma.person.create({
    data: { name: '系统管理员', agencyId: county.id, roles: ['SYSTEM_ADMIN'] },
  });
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
    const list = await h.gql(
      `{ agencies(first: 10, kind: ENFORCEMENT_AGENCY) { totalCount edges { node { name domains } } } }`,
    );
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
      expect.objectContaining({
        path: ['input', 'name'],
        message: '名称至少 2 个字',
        messageEn: 'name needs at least 2 characters',
      }),
    );
    expect(await h.db.prisma.agency.count()).toBe(before);
  });

  it('a mutation selecting only __typename still works (no empty Prisma select)', async () => {
    const res = await h.gql(
      `mutation { createAgency(input: { name: "阜宁县应急管理局", kind: ENFORCEMENT_AGENCY }) { __typename } }`,
      {},
      adminToken,
    );
    expect(res).toEqual({ data: { createAgency: { __typename: 'MutationCreateAgencySuccess' } } });
  });

  it('an agency admin sets its document prefix; an update without the field keeps it; a taken or malformed prefix is refused', async () => {
    const own = await h.db.prisma.agency.create({ data: { name: '阜宁县农业农村局', kind: 'ENFORCEMENT_AGENCY' } });
    await h.db.prisma.agency.create({
      data: { name: '阜宁县市场监管（前缀）', kind: 'ENFORCEMENT_AGENCY', documentPrefix: '阜市监' },
    });
    const admin = await h.db.prisma.person.create({
      data: { name: '农业局管理员', agencyId: own.id, roles: ['AGENCY_ADMIN'] },
    });
    const token = h.token(`person:${admin.id}`);
    const id = Buffer.from(`Agency:${own.id}`).toString('base64');
    const q = `mutation($id: ID!, $input: AgencyInput!) { updateAgency(id: $id, input: $input) { __typename ... on MutationUpdateAgencySuccess { data
      { documentPrefix } } ... on ValidationError { issues { path message messageEn } } } }`;
    const base = { name: '阜宁县农业农村局', kind: 'ENFORCEMENT_AGENCY' };
    const set = await h.gql(q, { id, input: { ...base, documentPrefix: ' 阜农 ' } }, token);
    expect(set.errors, JSON.stringify(set.errors)).toBeUndefined();
    expect(set.data.updateAgency.data.documentPrefix).toBe('阜农');
    expect(
      (await h.gql(q, { id, input: { ...base, domains: ['农业农村'] } }, token)).data.updateAgency.data.documentPrefix,
    ).toBe('阜农');
    const taken = await h.gql(q, { id, input: { ...base, documentPrefix: '阜市监' } }, token);
    expect(taken.data.updateAgency.issues[0]).toMatchObject({
      path: ['input', 'documentPrefix'],
      messageEn: 'another agency uses this document prefix',
    });
    const bad = await h.gql(q, { id, input: { ...base, documentPrefix: 'FN1' } }, token);
    const failure = bad.data?.updateAgency?.issues?.[0] ?? bad.errors?.[0];
    expect(JSON.stringify(failure)).toContain('2–10');
    expect((await h.db.prisma.agency.findUniqueOrThrow({ where: { id: own.id } })).documentPrefix).toBe('阜农');
    expect(
      (await h.gql(q, { id, input: { ...base, documentPrefix: null } }, token)).data.updateAgency.data.documentPrefix,
    ).toBeNull();
    const read = await h.gql(`query($id: ID!) { agency(id: $id) { documentPrefix } }`, { id });
    expect(read.data.agency.documentPrefix).toBeNull();
  });

  it('keeps the tree a tree: an agency cannot move under its own descendant', async () => {
    const top = await h.db.prisma.agency.create({ data: { name: '上级局', kind: 'ENFORCEMENT_AGENCY' } });
    const mid = await h.db.prisma.agency.create({
      data: { name: '中层所', kind: 'ENFORCEMENT_AGENCY', parentId: top.id },
    });
    const gid = (id: number) => Buffer.from(`Agency:${id}`).toString('base64');
    const res = await h.gql(
      `mutation($id: ID!, $input: AgencyInput!) { updateAgency(id: $id, input: $input) { __typename ... on ValidationError { issues { path messageEn } } } }`,
      { id: gid(top.id), input: { name: '上级局', kind: 'ENFORCEMENT_AGENCY', parentId: gid(mid.id) } },
      adminToken,
    );
    expect(res.data.updateAgency.__typename).toBe('ValidationError');
    expect(res.data.updateAgency.issues[0].path).toEqual(['input', 'parentId']);
    expect((await h.db.prisma.agency.findUniqueOrThrow({ where: { id: top.id } })).parentId).toBeNull();
  });

  it('an agency admin edits their agency but cannot change its kind (that would make them a supervisor)', async () => {
    const own = await h.db.prisma.agency.create({
      data: { name: '阜宁县文化广电和旅游局', kind: 'ENFORCEMENT_AGENCY' },
    });
    const admin = await h.db.prisma.person.create({
      data: { name: '局管理员', agencyId: own.id, roles: ['AGENCY_ADMIN'] },
    });
    const token = h.token(`person:${admin.id}`);
    const id = Buffer.from(`Agency:${own.id}`).toString('base64');
    const q = `mutation($id: ID!, $input: AgencyInput!) { updateAgency(id: $id, input: $input) { __typename ... on Error { code message messageEn } } }`;
    const rename = await h.gql(
      q,
      { id, input: { name: '阜宁县文化广电和旅游局', kind: 'ENFORCEMENT_AGENCY', domains: ['文化市场'] } },
      token,
    );
    expect(rename.data.updateAgency.__typename).toBe('MutationUpdateAgencySuccess');
    const rekind = await h.gql(q, { id, input: { name: '阜宁县文化广电和旅游局', kind: 'JUSTICE_BUREAU' } }, token);
    expect(rekind.data.updateAgency).toMatchObject({
      __typename: 'ForbiddenError',
      message: '只有系统管理员可以修改单位类别或上级单位',
    });
    expect((await h.db.prisma.agency.findUniqueOrThrow({ where: { id: own.id } })).kind).toBe('ENFORCEMENT_AGENCY');
    const other = await h.gql(
      q,
      {
        id: Buffer.from(`Agency:${own.id - 1}`).toString('base64'),
        input: { name: '别的局', kind: 'ENFORCEMENT_AGENCY' },
      },
      token,
    );
    expect(other.data.updateAgency.__typename).toBe('ForbiddenError');
  });

  it("an agency admin cannot certify their own agency's inspection-subject qualification (行政检查主体资格); a system admin records it", async () => {
    const own = await h.db.prisma.agency.create({ data: { name: '阜宁县交通运输局', kind: 'ENFORCEMENT_AGENCY' } });
    const admin = await h.db.prisma.person.create({
      data: { name: '交通局管理员', agencyId: own.id, roles: ['AGENCY_ADMIN'] },
    });
    const token = h.token(`person:${admin.id}`);
    const id = Buffer.from(`Agency:${own.id}`).toString('base64');
    const q = `mutation($id: ID!, $input: AgencyInput!) { updateAgency(id: $id, input: $input) { __typename ... on Error { code message messageEn } } }`;
    const input = (inspectionQualifiedOn?: string) => ({
      name: '阜宁县交通运输局',
      kind: 'ENFORCEMENT_AGENCY',
      domains: ['交通运输'],
      inspectionQualifiedOn,
    });
    const self = await h.gql(q, { id, input: input('2025-03-31') }, token);
    expect(self.data.updateAgency).toMatchObject({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
    expect(self.data.updateAgency.messageEn).toContain('inspection-subject qualification');
    expect((await h.db.prisma.agency.findUniqueOrThrow({ where: { id: own.id } })).inspectionQualifiedOn).toBeNull();

    expect((await h.gql(q, { id, input: input('2025-03-31') }, adminToken)).data.updateAgency.__typename).toBe(
      'MutationUpdateAgencySuccess',
    );
    // The agency's admin still edits the rest, keeping the recorded date; clearing it is refused too.
    expect((await h.gql(q, { id, input: input('2025-03-31') }, token)).data.updateAgency.__typename).toBe(
      'MutationUpdateAgencySuccess',
    );
    expect((await h.gql(q, { id, input: input() }, token)).data.updateAgency.__typename).toBe('ForbiddenError');
    expect(
      (await h.db.prisma.agency.findUniqueOrThrow({ where: { id: own.id } })).inspectionQualifiedOn
        ?.toISOString()
        .slice(0, 10),
    ).toBe('2025-03-31');
  });
});
