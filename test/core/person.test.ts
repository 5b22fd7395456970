import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiYear } from '@zhifa/core/time';
import { createHarness, expectRefused, gid, idOf, isEventBusPoll, type Harness, type GqlJson } from '@zhifa/testkit';

let h: Harness;
const YEAR = shanghaiYear(new Date());
const ids = { county: 0, bureau: 0, market: 0, env: 0, township: 0 };
const people = { sys: 0, sup: 0, adminM: 0, officerM: 0, auxM: 0, adminE: 0 };
const tokens: Record<keyof typeof people | 'enterprise', string> = {} as never;
let enterpriseId = 0;

const cert = (number: string, over: Record<string, unknown> = {}) => ({
  number,
  issuedOn: `${YEAR - 1}-03-01`,
  expiresOn: `${YEAR + 4}-02-28`,
  ...over,
});

beforeAll(async () => {
  h = await createHarness();
  const p = h.db.prisma;
  const mk = (name: string, kind: GqlJson) => p.agency.create({ data: { name, kind } });
  ids.county = (await mk('阜宁县人民政府', 'COUNTY_GOVERNMENT')).id;
  ids.bureau = (await mk('阜宁县司法局', 'JUSTICE_BUREAU')).id;
  ids.market = (await mk('阜宁县市场监督管理局', 'ENFORCEMENT_AGENCY')).id;
  ids.env = (await mk('盐城市阜宁生态环境局', 'ENFORCEMENT_AGENCY')).id;
  ids.township = (await mk('阜城街道', 'SUBDISTRICT')).id;
  const person = (name: string, agencyId: number, roles: GqlJson[], extra: Record<string, unknown> = {}) =>
    p.person.create({ data: { name, agencyId, roles, ...extra } });
  people.sys = (await person('系统管理员', ids.county, ['SYSTEM_ADMIN'])).id;
  people.sup = (await person('监督员甲', ids.bureau, ['SUPERVISOR'])).id;
  people.adminM = (await person('市监管理员', ids.market, ['AGENCY_ADMIN'])).id;
  people.officerM = (
    await person('市监执法甲', ids.market, ['OFFICER'], {
      certificateNumber: 'JS-M-0001',
      certificateStatus: 'VALID',
      certificateIssuedOn: new Date(`${YEAR - 2}-01-10T00:00:00Z`),
      certificateExpiresOn: new Date(`${YEAR + 3}-01-09T00:00:00Z`),
      certificateReviewYear: YEAR,
    })
  ).id;
  people.auxM = (await person('市监辅助甲', ids.market, ['AUXILIARY'])).id;
  people.adminE = (await person('环境管理员', ids.env, ['AGENCY_ADMIN'])).id;
  for (const k of Object.keys(people) as (keyof typeof people)[]) tokens[k] = h.token(`person:${people[k]}`);
  enterpriseId = (
    await p.enterprise.create({
      data: {
        uscc: '91320923MA1XXXXXX0',
        name: '阜宁县某食品店',
        kind: 'INDIVIDUAL_BUSINESS',
        legalRepresentative: '王某',
        address: '阜城街道',
        industry: '食品销售',
        scale: 'MICRO',
        employees: 2,
        creditRiskClass: 'B',
      },
    })
  ).id;
  tokens.enterprise = h.token(`enterprise:${enterpriseId}`);
});
afterAll(() => h?.close());

const ERR = `__typename ... on Error { code message messageEn } ... on RuleViolation { rule } ... on ValidationError { issues { path message messageEn } }`;
const PERSON = `id name roles certificateNumber certificateStatus certificateIssuedOn certificateExpiresOn certificateReviewYear canEnforce
  enforceBlocker { code message messageEn } agency { name }`;

const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { ${ERR} ... on MutationCreatePersonSuccess { data { ${PERSON} } } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { ${ERR} ... on MutationUpdatePersonSuccess {
  data { ${PERSON} } } } }`;
const CHANGE = `mutation($id: ID!, $status: CertificateStatus!, $reason: String!) {
  changeCertificateStatus(personId: $id, status: $status, reason: $reason) { ${ERR} ... on MutationChangeCertificateStatusSuccess { data { ${PERSON} } } } }`;
const REVIEW = `mutation($id: ID!, $year: Int!) {
  recordCertificateReview(personId: $id, year: $year) { ${ERR} ... on MutationRecordCertificateReviewSuccess { data { ${PERSON} } } } }`;
const PEOPLE = `query($agencyId: ID, $role: PersonRole, $status: CertificateStatus, $first: Int, $after: String) {
  people(agencyId: $agencyId, role: $role, certificateStatus: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { name roles certificateStatus canEnforce } }
  } }`;

/** Assert a typed refusal and that it speaks both languages. */
function expectTyped(result: GqlJson, typename: string, extra: Record<string, unknown> = {}) {
  expect(result).toMatchObject({ __typename: typename, ...extra });
  expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  expect(result.messageEn).toMatch(/[A-Za-z]/);
  expect(result.messageEn).not.toMatch(/[\u4e00-\u9fff]/);
}

const countPeople = () => h.db.prisma.person.count();
/** Statements a request sent, without the event bus's background reads (it polls "Event"). */
const domainStatements = () => h.queries.filter((sql) => !isEventBusPoll(sql)).length;
const lastEvent = (topic: string) => h.db.prisma.event.findFirst({ where: { topic }, orderBy: { id: 'desc' } });

describe('Query.people', () => {
  it('the public is refused with a top-level UNAUTHENTICATED error', async () => {
    expectRefused(await h.gql(PEOPLE, {}), 'people', 'UNAUTHENTICATED');
  });

  it('an enterprise user is refused with a top-level FORBIDDEN error', async () => {
    expectRefused(await h.gql(PEOPLE, {}, tokens.enterprise), 'people', 'FORBIDDEN');
  });

  it('an id of another type is a top-level VALIDATION_FAILED naming the argument', async () => {
    const res = await h.gql(PEOPLE, { agencyId: gid('Person', ids.market) }, tokens.sup);
    expectRefused(res, 'people', 'VALIDATION_FAILED');
    expect(res.errors![0].extensions.issues[0].path).toEqual(['agencyId']);
  });

  it("staff of another agency list an agency's people, filtered by role and certificate status", async () => {
    const all = await h.gql(PEOPLE, { agencyId: gid('Agency', ids.market) }, tokens.adminE);
    expect(all.errors).toBeUndefined();
    expect(all.data.people.totalCount).toBe(3);
    const officers = await h.gql(
      PEOPLE,
      { agencyId: gid('Agency', ids.market), role: 'OFFICER', status: 'VALID' },
      tokens.adminE,
    );
    expect(officers.errors).toBeUndefined();
    expect(officers.data.people.totalCount).toBe(1);
    expect(officers.data.people.edges[0].node).toEqual({
      name: '市监执法甲',
      roles: ['OFFICER'],
      certificateStatus: 'VALID',
      canEnforce: true,
    });
  });

  it('a supervisor lists every agency, page by page', async () => {
    const first = await h.gql(PEOPLE, { first: 4 }, tokens.sup);
    const page1 = first.data.people;
    expect(page1.totalCount).toBe(6);
    expect(page1.edges).toHaveLength(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await h.gql(PEOPLE, { first: 4, after: page1.pageInfo.endCursor }, tokens.sup);
    expect(second.data.people.edges.map((e: GqlJson) => e.node.name)).toEqual(['市监辅助甲', '环境管理员']);
  });
});

describe('batching', () => {
  it('agencies of a page of people, and people of a page of agencies, load without N+1', async () => {
    h.queries.length = 0;
    await h.gql(
      `{ people(first: 100, role: OFFICER) { totalCount edges { node { name agency { name } } } } }`,
      {},
      tokens.sup,
    );
    // viewer (2) + role filter (once for the page, once for the count) + page + agencies + count
    expect(domainStatements()).toBeLessThanOrEqual(7);
    h.queries.length = 0;
    const res = await h.gql(
      `{ agencies(first: 20) { edges { node { name people(first: 5) { totalCount edges { node { name } } } } } } }`,
      {},
      tokens.sup,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.agencies.edges.length).toBe(5);
    expect(domainStatements()).toBeLessThanOrEqual(4);
  });
});

describe('Agency.people', () => {
  const Q = `query($id: ID!) { agency(id: $id) { name people(first: 10) { totalCount edges { node { name } } } } }`;

  it("staff see an agency's people", async () => {
    const res = await h.gql(Q, { id: gid('Agency', ids.market) }, tokens.officerM);
    expect(res.errors).toBeUndefined();
    expect(res.data.agency.people.totalCount).toBe(3);
    expect(res.data.agency.people.edges.map((e: GqlJson) => e.node.name)).toEqual([
      '市监管理员',
      '市监执法甲',
      '市监辅助甲',
    ]);
  });

  it('the public still reads the agency, but not its people', async () => {
    const res = await h.gql(Q, { id: gid('Agency', ids.market) });
    expect(res.data.agency).toEqual({ name: '阜宁县市场监督管理局', people: null });
    expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toMatch(/请先登录.*Authentication required/);
  });
});

describe('createPerson', () => {
  it('an agency admin registers an officer; a new certificate is valid but not yet reviewed', async () => {
    const input = {
      agencyId: gid('Agency', ids.market),
      name: '市监执法乙',
      roles: ['OFFICER'],
      certificate: cert('JS-M-0002'),
    };
    const res = await h.gql(CREATE, { input }, tokens.adminM);
    expect(res.errors).toBeUndefined();
    const data = res.data.createPerson.data;
    expect(data).toMatchObject({
      name: '市监执法乙',
      roles: ['OFFICER'],
      certificateNumber: 'JS-M-0002',
      certificateStatus: 'VALID',
      certificateIssuedOn: `${YEAR - 1}-03-01`,
      certificateExpiresOn: `${YEAR + 4}-02-28`,
      certificateReviewYear: null,
      canEnforce: false,
      enforceBlocker: {
        code: 'NOT_REVIEWED',
        message: expect.stringContaining('执法证本年度未审验'),
        messageEn: expect.stringContaining('certificate not reviewed this year'),
      },
      agency: { name: '阜宁县市场监督管理局' },
    });
    const event = await lastEvent('person.created');
    expect(event).toMatchObject({ agencyId: ids.market, actor: `person:${people.adminM}`, public: false });
    expect(event!.payload).toMatchObject({
      personId: idOf(data.id),
      certificateNumber: 'JS-M-0002',
      roles: ['OFFICER'],
    });
  });

  it('a system admin registers in any agency', async () => {
    const input = { agencyId: gid('Agency', ids.env), name: '环境辅助甲', roles: ['AUXILIARY'] };
    const res = await h.gql(CREATE, { input }, tokens.sys);
    expect(res.data.createPerson.data).toMatchObject({
      name: '环境辅助甲',
      certificateNumber: null,
      enforceBlocker: { code: 'NOT_OFFICER' },
    });
  });

  it.each([
    ['the public', undefined, 'UnauthenticatedError'],
    ['an enterprise user', 'enterprise', 'ForbiddenError'],
    ['an officer (not admin)', 'officerM', 'ForbiddenError'],
    ['the admin of another agency', 'adminE', 'ForbiddenError'],
  ] as const)('%s cannot register people and nothing is written', async (_who, token, typename) => {
    const before = await countPeople();
    const input = { agencyId: gid('Agency', ids.market), name: '某人', roles: ['AUXILIARY'] };
    const res = await h.gql(CREATE, { input }, token ? tokens[token] : undefined);
    expectTyped(res.data.createPerson, typename);
    expect(await countPeople()).toBe(before);
  });

  it('an agency admin cannot mint a system admin', async () => {
    const input = { agencyId: gid('Agency', ids.market), name: '越权者', roles: ['SYSTEM_ADMIN'] };
    const res = await h.gql(CREATE, { input }, tokens.adminM);
    expectTyped(res.data.createPerson, 'ForbiddenError');
    expect(res.data.createPerson.message).toContain('系统管理员');
  });

  it('an auxiliary holds no certificate (RuleViolation)', async () => {
    const before = await countPeople();
    const input = {
      agencyId: gid('Agency', ids.market),
      name: '辅助乙',
      roles: ['AUXILIARY'],
      certificate: cert('JS-M-0099'),
    };
    const res = await h.gql(CREATE, { input }, tokens.adminM);
    expectTyped(res.data.createPerson, 'RuleViolation', {
      rule: 'AUXILIARY_NO_CERTIFICATE',
      message: '辅助人员不持有执法证',
    });
    expect(res.data.createPerson.messageEn).toBe('an auxiliary holds no enforcement certificate');
    expect(await countPeople()).toBe(before);
  });

  it('an auxiliary cannot also be an officer', async () => {
    const input = {
      agencyId: gid('Agency', ids.market),
      name: '辅助丙',
      roles: ['AUXILIARY', 'OFFICER'],
      certificate: cert('JS-M-0098'),
    };
    const res = await h.gql(CREATE, { input }, tokens.adminM);
    expectTyped(res.data.createPerson, 'RuleViolation', { rule: 'AUXILIARY_NOT_OFFICER' });
  });

  it('an officer needs certificate fields', async () => {
    const input = { agencyId: gid('Agency', ids.market), name: '执法丙', roles: ['OFFICER'] };
    const res = await h.gql(CREATE, { input }, tokens.adminM);
    expectTyped(res.data.createPerson, 'ValidationError', { code: 'VALIDATION_FAILED' });
    expect(res.data.createPerson.issues).toEqual([
      {
        path: ['input', 'certificate'],
        message: '执法人员须填写执法证号、发证日期和有效期至',
        messageEn: 'an officer needs a certificate number, issue date and expiry date',
      },
    ]);
  });

  it('a certificate expires after it is issued', async () => {
    const input = {
      agencyId: gid('Agency', ids.market),
      name: '执法丁',
      roles: ['OFFICER'],
      certificate: cert('JS-M-0097', { issuedOn: `${YEAR}-05-01`, expiresOn: `${YEAR}-05-01` }),
    };
    const res = await h.gql(CREATE, { input }, tokens.adminM);
    expectTyped(res.data.createPerson, 'ValidationError');
    expect(res.data.createPerson.issues[0]).toMatchObject({
      path: ['input', 'certificate', 'expiresOn'],
      messageEn: 'the expiry date must be after the issue date',
    });
  });

  it('a certificate number belongs to one person', async () => {
    const input = {
      agencyId: gid('Agency', ids.env),
      name: '环境执法甲',
      roles: ['OFFICER'],
      certificate: cert('JS-M-0001'),
    };
    const res = await h.gql(CREATE, { input }, tokens.adminE);
    expectTyped(res.data.createPerson, 'ValidationError');
    expect(res.data.createPerson.issues[0]).toMatchObject({
      path: ['input', 'certificate', 'number'],
      message: '执法证号已被他人使用',
      messageEn: 'this certificate number belongs to someone else',
    });
  });

  it('an unknown agency is NotFound for a system admin', async () => {
    const input = { agencyId: gid('Agency', 9999), name: '某人', roles: ['AUXILIARY'] };
    const res = await h.gql(CREATE, { input }, tokens.sys);
    expectTyped(res.data.createPerson, 'NotFoundError');
  });
});

describe('updatePerson', () => {
  let id = '';
  beforeAll(async () => {
    const input = {
      agencyId: gid('Agency', ids.market),
      name: '市监执法戊',
      roles: ['OFFICER'],
      certificate: cert('JS-M-0010'),
    };
    id = (await h.gql(CREATE, { input }, tokens.adminM)).data.createPerson.data.id;
    await h.gql(REVIEW, { id, year: YEAR }, tokens.adminM);
  });

  it('keeps status and review when the card stays as it is; another number or other dates are an issuance', async () => {
    const same = await h.gql(
      UPDATE,
      { id, input: { name: '市监执法戊（改）', roles: ['OFFICER'], certificate: cert('JS-M-0010') } },
      tokens.adminM,
    );
    expect(same.data.updatePerson.data).toMatchObject({
      name: '市监执法戊（改）',
      certificateNumber: 'JS-M-0010',
      certificateReviewYear: YEAR,
      canEnforce: true,
      enforceBlocker: null,
    });
    const event = await lastEvent('person.updated');
    expect(event).toMatchObject({ agencyId: ids.market, actor: `person:${people.adminM}` });
    expect(event!.payload).toMatchObject({
      personId: idOf(id),
      certificateNumber: 'JS-M-0010',
      previousCertificateNumber: 'JS-M-0010',
    });
    // Issue 16: a new number, or a later expiry, made a card usable again; both are the justice bureau's.
    for (const certificate of [cert('JS-M-0011'), cert('JS-M-0010', { expiresOn: `${YEAR + 5}-01-01` })]) {
      const refused = await h.gql(
        UPDATE,
        { id, input: { name: '市监执法戊', roles: ['OFFICER'], certificate } },
        tokens.adminM,
      );
      expectTyped(refused.data.updatePerson, 'RuleViolation', { rule: 'CERTIFICATE_REISSUE' });
    }
    const row = await h.db.prisma.person.findUniqueOrThrow({ where: { id: idOf(id) } });
    expect(row).toMatchObject({ name: '市监执法戊（改）', certificateNumber: 'JS-M-0010' });
  });

  it('turning an officer into an auxiliary needs the certificate removed', async () => {
    const refused = await h.gql(
      UPDATE,
      {
        id,
        input: { name: '市监执法戊', roles: ['AUXILIARY'], certificate: cert('JS-M-0010'), reason: '转为辅助人员' },
      },
      tokens.adminM,
    );
    expectTyped(refused.data.updatePerson, 'RuleViolation', { rule: 'AUXILIARY_NO_CERTIFICATE' });
    const ok = await h.gql(
      UPDATE,
      { id, input: { name: '市监执法戊', roles: ['AUXILIARY'], certificate: null, reason: '转为辅助人员' } },
      tokens.adminM,
    );
    expect(ok.data.updatePerson.data).toMatchObject({
      roles: ['AUXILIARY'],
      certificateNumber: null,
      certificateStatus: null,
      certificateReviewYear: null,
    });
  });

  it('the admin of another agency is refused; an unknown person is Forbidden to them and NotFound to a system admin', async () => {
    const input = { name: '某人', roles: ['AUXILIARY'] };
    expectTyped((await h.gql(UPDATE, { id, input }, tokens.adminE)).data.updatePerson, 'ForbiddenError');
    expectTyped((await h.gql(UPDATE, { id, input })).data.updatePerson, 'UnauthenticatedError');
    const ghost = gid('Person', 9999);
    expectTyped((await h.gql(UPDATE, { id: ghost, input }, tokens.adminM)).data.updatePerson, 'ForbiddenError');
    expectTyped((await h.gql(UPDATE, { id: ghost, input }, tokens.sys)).data.updatePerson, 'NotFoundError');
  });

  it('an agency admin cannot edit or demote a system admin', async () => {
    const sysInMarket = await h.db.prisma.person.create({
      data: { name: '驻局系统管理员', agencyId: ids.market, roles: ['SYSTEM_ADMIN'] },
    });
    const res = await h.gql(
      UPDATE,
      { id: gid('Person', sysInMarket.id), input: { name: '降级', roles: ['AUXILIARY'] } },
      tokens.adminM,
    );
    expectTyped(res.data.updatePerson, 'ForbiddenError');
    const renamed = await h.gql(
      UPDATE,
      { id: gid('Person', sysInMarket.id), input: { name: '改名', roles: ['SYSTEM_ADMIN'] } },
      tokens.adminM,
    );
    expectTyped(renamed.data.updatePerson, 'ForbiddenError');
    await h.db.prisma.person.delete({ where: { id: sysInMarket.id } });
  });
});

describe('changeCertificateStatus', () => {
  let id = '';
  beforeAll(async () => {
    const input = {
      agencyId: gid('Agency', ids.market),
      name: '市监执法己',
      roles: ['OFFICER'],
      certificate: cert('JS-M-0020'),
    };
    id = (await h.gql(CREATE, { input }, tokens.adminM)).data.createPerson.data.id;
  });

  it('a justice bureau supervisor suspends with a reason kept in the event', async () => {
    const res = await h.gql(CHANGE, { id, status: 'SUSPENDED', reason: '涉嫌违法执法，暂扣调查' }, tokens.sup);
    expect(res.data.changeCertificateStatus.data).toMatchObject({
      certificateStatus: 'SUSPENDED',
      enforceBlocker: { code: 'NOT_VALID' },
    });
    const event = await lastEvent('person.certificateChanged');
    expect(event).toMatchObject({ agencyId: ids.market, actor: `person:${people.sup}` });
    expect(event!.payload).toEqual({
      personId: idOf(id),
      change: 'status',
      certificateNumber: 'JS-M-0020',
      from: 'VALID',
      to: 'SUSPENDED',
      reason: '涉嫌违法执法，暂扣调查',
    });
  });

  it('a supervisor restores it', async () => {
    const res = await h.gql(CHANGE, { id, status: 'VALID', reason: '调查结束，发还' }, tokens.sup);
    expect(res.data.changeCertificateStatus.data.certificateStatus).toBe('VALID');
    expect((await lastEvent('person.certificateChanged'))!.actor).toBe(`person:${people.sup}`);
  });

  it('an unchanged status, a cancelled certificate and a person without one are rule violations', async () => {
    expectTyped(
      (await h.gql(CHANGE, { id, status: 'VALID', reason: '重复操作' }, tokens.sup)).data.changeCertificateStatus,
      'RuleViolation',
      {
        rule: 'CERTIFICATE_STATUS_UNCHANGED',
      },
    );
    await h.gql(CHANGE, { id, status: 'CANCELLED', reason: '调离执法岗位' }, tokens.sup);
    const back = await h.gql(CHANGE, { id, status: 'VALID', reason: '误操作恢复' }, tokens.sup);
    expectTyped(back.data.changeCertificateStatus, 'RuleViolation', { rule: 'CERTIFICATE_CANCELLED' });
    const none = await h.gql(
      CHANGE,
      { id: gid('Person', people.auxM), status: 'SUSPENDED', reason: '测试理由' },
      tokens.sup,
    );
    expectTyped(none.data.changeCertificateStatus, 'RuleViolation', {
      rule: 'NO_CERTIFICATE',
      message: '未持有执法证',
    });
  });

  it("an officer, the holder's own agency admin, another agency's admin and the public are refused", async () => {
    const vars = { id: gid('Person', people.officerM), status: 'SUSPENDED', reason: '无权操作' };
    expectTyped((await h.gql(CHANGE, vars, tokens.officerM)).data.changeCertificateStatus, 'ForbiddenError');
    expectTyped((await h.gql(CHANGE, vars, tokens.adminM)).data.changeCertificateStatus, 'ForbiddenError');
    expectTyped((await h.gql(CHANGE, vars, tokens.adminE)).data.changeCertificateStatus, 'ForbiddenError');
    expectTyped((await h.gql(CHANGE, vars)).data.changeCertificateStatus, 'UnauthenticatedError');
    const row = await h.db.prisma.person.findUniqueOrThrow({ where: { id: people.officerM } });
    expect(row.certificateStatus).toBe('VALID');
  });

  it('a reason is required', async () => {
    const res = await h.gql(
      CHANGE,
      { id: gid('Person', people.officerM), status: 'SUSPENDED', reason: ' ' },
      tokens.sup,
    );
    const refusal = res.data?.changeCertificateStatus ?? res.errors?.[0];
    expect(JSON.stringify(refusal)).toContain('请写明理由');
    expect(JSON.stringify(refusal)).toContain('give a reason');
    const row = await h.db.prisma.person.findUniqueOrThrow({ where: { id: people.officerM } });
    expect(row.certificateStatus).toBe('VALID');
  });
});

describe('recordCertificateReview', () => {
  let id = '';
  beforeAll(async () => {
    const input = {
      agencyId: gid('Agency', ids.market),
      name: '市监执法庚',
      roles: ['OFFICER'],
      certificate: cert('JS-M-0030'),
    };
    id = (await h.gql(CREATE, { input }, tokens.adminM)).data.createPerson.data.id;
  });

  it("the agency admin records this year's review and the officer may enforce", async () => {
    const res = await h.gql(REVIEW, { id, year: YEAR }, tokens.adminM);
    expect(res.data.recordCertificateReview.data).toMatchObject({
      certificateReviewYear: YEAR,
      canEnforce: true,
      enforceBlocker: null,
    });
    const event = await lastEvent('person.certificateChanged');
    expect(event).toMatchObject({ agencyId: ids.market });
    expect(event!.payload).toMatchObject({ personId: idOf(id), change: 'review', from: null, to: YEAR });
  });

  it('a supervisor may record it too', async () => {
    const res = await h.gql(REVIEW, { id, year: YEAR }, tokens.sup);
    expect(res.data.recordCertificateReview.__typename).toBe('MutationRecordCertificateReviewSuccess');
  });

  it('refuses a future year, an earlier year and a person without a certificate', async () => {
    const future = await h.gql(REVIEW, { id, year: YEAR + 1 }, tokens.adminM);
    expectTyped(future.data.recordCertificateReview, 'ValidationError');
    expect(future.data.recordCertificateReview.issues[0].path).toEqual(['year']);
    const back = await h.gql(REVIEW, { id, year: YEAR - 1 }, tokens.adminM);
    expectTyped(back.data.recordCertificateReview, 'ValidationError');
    const none = await h.gql(REVIEW, { id: gid('Person', people.auxM), year: YEAR }, tokens.adminM);
    expectTyped(none.data.recordCertificateReview, 'RuleViolation', { rule: 'NO_CERTIFICATE' });
  });

  it("another agency's admin and an enterprise user are refused", async () => {
    expectTyped(
      (await h.gql(REVIEW, { id, year: YEAR }, tokens.adminE)).data.recordCertificateReview,
      'ForbiddenError',
    );
    expectTyped(
      (await h.gql(REVIEW, { id, year: YEAR }, tokens.enterprise)).data.recordCertificateReview,
      'ForbiddenError',
    );
  });
});
