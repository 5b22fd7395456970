import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '@zhifa/core/rules';
import { createHarness, expectRefused, gid, idOf, isEventBusPoll, type Harness, type GqlJson } from '@zhifa/testkit';

let h: Harness;
const ids = { county: 0, bureau: 0, market: 0, township: 0, township2: 0 };
const tokens: Record<string, string> = {};
let ownEnterprise = { id: 0, gid: '', uscc: '' };
let otherEnterprise = { id: 0, gid: '', uscc: '' };

let stemCounter = 0;
/** A fresh valid code for each test: distinct 17-character stems, completed with their check character. */
const freshUscc = () => completeUscc(`91320923MA1${String(100000 + stemCounter++).slice(-6)}`);
/** The same stem with a wrong check character (an "early pilot code"). */
const failingUscc = () => {
  const good = freshUscc();
  const wrong = good[17] === '0' ? '1' : '0';
  return { code: good.slice(0, 17) + wrong, expected: good[17] };
};

beforeAll(async () => {
  h = await createHarness();
  const p = h.db.prisma;
  const mk = (name: string, kind: GqlJson) => p.agency.create({ data: { name, kind } });
  ids.county = (await mk('阜宁县人民政府', 'COUNTY_GOVERNMENT')).id;
  ids.bureau = (await mk('阜宁县司法局', 'JUSTICE_BUREAU')).id;
  ids.market = (await mk('阜宁县市场监督管理局', 'ENFORCEMENT_AGENCY')).id;
  ids.township = (await mk('阜城街道', 'SUBDISTRICT')).id;
  ids.township2 = (await mk('益林镇', 'TOWNSHIP')).id;
  const person = async (key: string, agencyId: number, roles: GqlJson[]) => {
    const row = await p.person.create({ data: { name: key, agencyId, roles } });
    tokens[key] = h.token(`person:${row.id}`);
    return row.id;
  };
  await person('sys', ids.county, ['SYSTEM_ADMIN']);
  await person('sup', ids.bureau, ['SUPERVISOR']);
  await person('countyAdmin', ids.county, ['AGENCY_ADMIN']);
  await person('officerM', ids.market, ['OFFICER']);
  await person('auxM', ids.market, ['AUXILIARY']);
  await person('adminT', ids.township, ['AGENCY_ADMIN']);
  const ent = async (name: string, uscc: string, townshipId: number, creditRiskClass: GqlJson) => {
    const row = await p.enterprise.create({
      data: {
        uscc,
        name,
        kind: 'COMPANY',
        legalRepresentative: '张某',
        address: '阜宁县某路 1 号',
        townshipId,
        industry: '食品制造',
        scale: 'SMALL',
        employees: 30,
        creditRiskClass,
      },
    });
    return { id: row.id, gid: gid('Enterprise', row.id), uscc };
  };
  ownEnterprise = await ent('江苏阜宁某某食品有限公司', completeUscc('91320923MA1AAAAA1'), ids.township, 'A');
  otherEnterprise = await ent('阜宁县益林某某米业有限公司', completeUscc('91320923MA1BBBBB2'), ids.township2, 'C');
  tokens.enterprise = h.token(`enterprise:${ownEnterprise.id}`);
});
afterAll(() => h?.close());

const ERR = `__typename ... on Error { code message messageEn } ... on ValidationError { issues { path message messageEn } }`;
const ENT = `id uscc name kind township { name } creditRiskClass isKeyEnterprise employees usccOverrideReason usccOverrideBy usccOverrideAt`;
const CREATE = `mutation($input: EnterpriseInput!) { createEnterprise(input: $input) { ${ERR} ... on MutationCreateEnterpriseSuccess { data { ${ENT} } } } }`;
const UPDATE = `mutation($id: ID!, $input: EnterpriseInput!) { updateEnterprise(id: $id, input: $input) { ${ERR} ... on
  MutationUpdateEnterpriseSuccess { data { ${ENT} } } } }`;
const LIST = `query($search: String, $risk: CreditRiskClass, $township: ID, $first: Int) {
  enterprises(search: $search, creditRiskClass: $risk, townshipId: $township, first: $first) {
    totalCount edges { node { name uscc } } } }`;
const ONE = `query($id: ID, $uscc: String) { enterprise(id: $id, uscc: $uscc) { name uscc usccOverrideReason } }`;

const input = (over: Record<string, unknown> = {}) => ({
  uscc: freshUscc(),
  name: '阜宁县某某机械制造有限公司',
  kind: 'COMPANY',
  legalRepresentative: '李某',
  address: '阜城街道新河路 8 号',
  townshipId: gid('Agency', ids.township),
  industry: '通用设备制造',
  scale: 'MEDIUM',
  employees: 120,
  isKeyEnterprise: true,
  creditRiskClass: 'B',
  ...over,
});

function expectTyped(result: GqlJson, typename: string) {
  expect(result.__typename).toBe(typename);
  expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  expect(result.messageEn).toMatch(/[A-Za-z]/);
  expect(result.messageEn).not.toMatch(/[\u4e00-\u9fff]/);
}

const countEnterprises = () => h.db.prisma.enterprise.count();
/** Statements a request sent, without the event bus's background reads (it polls "Event"). */
const domainStatements = () => h.queries.filter((sql) => !isEventBusPoll(sql)).length;
const lastEvent = (topic: string) => h.db.prisma.event.findFirst({ where: { topic }, orderBy: { id: 'desc' } });

describe('createEnterprise', () => {
  it('an enforcement officer registers an enterprise with a valid USCC; the event names it', async () => {
    const i = input({ uscc: ` ${freshUscc().toLowerCase()} ` });
    const res = await h.gql(CREATE, { input: i }, tokens.officerM);
    expect(res.errors).toBeUndefined();
    const data = res.data.createEnterprise.data;
    expect(data).toMatchObject({
      uscc: i.uscc.trim().toUpperCase(),
      name: '阜宁县某某机械制造有限公司',
      township: { name: '阜城街道' },
      isKeyEnterprise: true,
      employees: 120,
      usccOverrideReason: null,
      usccOverrideBy: null,
      usccOverrideAt: null,
    });
    const event = await lastEvent('enterprise.created');
    expect(event).toMatchObject({
      enterpriseId: idOf(data.id),
      agencyId: ids.township,
      actor: expect.stringMatching(/^person:/),
    });
    expect(event!.payload).toMatchObject({ enterpriseId: idOf(data.id), uscc: data.uscc, usccOverride: null });
  });

  it('township staff and system admins may register too', async () => {
    for (const who of ['adminT', 'sys']) {
      const res = await h.gql(CREATE, { input: input() }, tokens[who]);
      expect(res.data.createEnterprise.__typename).toBe('MutationCreateEnterpriseSuccess');
    }
  });

  it.each([
    ['the public', undefined, 'UnauthenticatedError'],
    ['an enterprise user', 'enterprise', 'ForbiddenError'],
    ['a supervisor', 'sup', 'ForbiddenError'],
    ['an auxiliary of an enforcement agency', 'auxM', 'ForbiddenError'],
    ['the county government admin', 'countyAdmin', 'ForbiddenError'],
  ])('%s may not register; nothing is written', async (_who, token, typename) => {
    const before = await countEnterprises();
    const res = await h.gql(CREATE, { input: input() }, token ? tokens[token] : undefined);
    expectTyped(res.data.createEnterprise, typename);
    expect(await countEnterprises()).toBe(before);
  });

  it.each([
    ['length', '91320923MA1MXJ0N7', '应为 18 位', 'has 18 characters'],
    ['character', '91320923MA1MXJ0NO7', '不允许的字符', 'without I, O, S, V, Z'],
    ['region', completeUscc('9132A923MA1MXJ0N7'), '行政区划码', 'region code'],
  ])('refuses a code with a bad %s, naming the problem in both languages', async (_kind, uscc, zh, en) => {
    const before = await countEnterprises();
    const res = await h.gql(CREATE, { input: input({ uscc }) }, tokens.officerM);
    expectTyped(res.data.createEnterprise, 'ValidationError');
    const [issue] = res.data.createEnterprise.issues;
    expect(issue.path).toEqual(['input', 'uscc']);
    expect(issue.message).toContain(zh);
    expect(issue.messageEn).toContain(en);
    expect(await countEnterprises()).toBe(before);
  });

  it('refuses a wrong check character and names the expected one', async () => {
    const { code, expected } = failingUscc();
    const res = await h.gql(CREATE, { input: input({ uscc: code }) }, tokens.officerM);
    expectTyped(res.data.createEnterprise, 'ValidationError');
    const [issue] = res.data.createEnterprise.issues;
    expect(issue.message).toContain(`校验位错误：按前 17 位计算应为 ${expected}`);
    expect(issue.messageEn).toContain(`the first 17 characters call for ${expected}`);
    expect(issue.messageEn).toContain('usccOverride');
  });

  it('accepts a failing pilot code with an override; reason, actor and time are recorded and visible', async () => {
    const { code, expected } = failingUscc();
    const t0 = Date.now();
    const res = await h.gql(
      CREATE,
      { input: input({ uscc: code, usccOverride: { reason: '2015 年试点期间核发的代码，经核对营业执照原件无误' } }) },
      tokens.adminT,
    );
    expect(res.errors).toBeUndefined();
    const data = res.data.createEnterprise.data;
    expect(data.uscc).toBe(code);
    expect(data.usccOverrideReason).toBe('2015 年试点期间核发的代码，经核对营业执照原件无误');
    expect(data.usccOverrideBy).toMatch(/^person:\d+$/);
    expect(new Date(data.usccOverrideAt).getTime()).toBeGreaterThanOrEqual(t0 - 1000);
    const event = await lastEvent('enterprise.created');
    expect(event!.payload).toMatchObject({
      uscc: code,
      usccOverride: {
        reason: data.usccOverrideReason,
        problem: 'CHECK_DIGIT',
        expectedCheck: expected,
        recordedNow: true,
      },
    });
    const read = await h.gql(ONE, { uscc: code }, tokens.sup);
    expect(read.data.enterprise.usccOverrideReason).toBe(data.usccOverrideReason);
  });

  it('refuses an override of a valid code as pointless', async () => {
    const res = await h.gql(
      CREATE,
      { input: input({ usccOverride: { reason: '保险起见人工确认一下' } }) },
      tokens.officerM,
    );
    expectTyped(res.data.createEnterprise, 'ValidationError');
    expect(res.data.createEnterprise.issues[0]).toMatchObject({
      path: ['input', 'usccOverride'],
      messageEn: 'this USCC passes the GB 32100 check; an override is pointless',
    });
  });

  it('no override accepts a wrong length or a forbidden character', async () => {
    const res = await h.gql(
      CREATE,
      { input: input({ uscc: '9132092', usccOverride: { reason: '早期试点代码，已核实' } }) },
      tokens.officerM,
    );
    expectTyped(res.data.createEnterprise, 'ValidationError');
    expect(res.data.createEnterprise.issues[0].messageEn).toContain('cannot be overridden');
  });

  it('an override reason needs at least 5 characters', async () => {
    const before = await countEnterprises();
    const res = await h.gql(
      CREATE,
      { input: input({ uscc: failingUscc().code, usccOverride: { reason: '试点' } }) },
      tokens.officerM,
    );
    const refusal = res.data?.createEnterprise ?? res.errors?.[0];
    expect(JSON.stringify(refusal)).toContain('理由至少 5 个字');
    expect(JSON.stringify(refusal)).toContain('at least 5 characters');
    expect(await countEnterprises()).toBe(before);
  });

  it('refuses a duplicate USCC, whatever its case', async () => {
    const res = await h.gql(CREATE, { input: input({ uscc: ownEnterprise.uscc.toLowerCase() }) }, tokens.officerM);
    expectTyped(res.data.createEnterprise, 'ValidationError');
    expect(res.data.createEnterprise.issues[0]).toMatchObject({
      path: ['input', 'uscc'],
      message: '该统一社会信用代码已登记',
      messageEn: 'an enterprise with this USCC is already registered',
    });
  });

  it('the township must be a TOWNSHIP or SUBDISTRICT agency that exists', async () => {
    const wrongKind = await h.gql(CREATE, { input: input({ townshipId: gid('Agency', ids.market) }) }, tokens.officerM);
    expectTyped(wrongKind.data.createEnterprise, 'ValidationError');
    expect(wrongKind.data.createEnterprise.issues[0].path).toEqual(['input', 'townshipId']);
    const missing = await h.gql(CREATE, { input: input({ townshipId: gid('Agency', 99999) }) }, tokens.officerM);
    expectTyped(missing.data.createEnterprise, 'NotFoundError');
  });
});

describe('updateEnterprise', () => {
  let target = { gid: '', code: '' };
  beforeAll(async () => {
    const { code } = failingUscc();
    const res = await h.gql(
      CREATE,
      { input: input({ uscc: code, usccOverride: { reason: '早期试点代码，已核对原件' } }) },
      tokens.officerM,
    );
    target = { gid: res.data.createEnterprise.data.id, code };
  });

  it('keeps a recorded override while the code is unchanged', async () => {
    const res = await h.gql(
      UPDATE,
      { id: target.gid, input: input({ uscc: target.code, name: '阜宁县某某机械有限公司', creditRiskClass: 'C' }) },
      tokens.adminT,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.updateEnterprise.data).toMatchObject({
      name: '阜宁县某某机械有限公司',
      creditRiskClass: 'C',
      usccOverrideReason: '早期试点代码，已核对原件',
    });
    const event = await lastEvent('enterprise.updated');
    expect(event).toMatchObject({ enterpriseId: idOf(target.gid), agencyId: ids.township });
    expect(event!.payload).toMatchObject({ usccOverride: { reason: '早期试点代码，已核对原件', recordedNow: false } });
  });

  it('clears the override when the code is corrected', async () => {
    const fixed = target.code.slice(0, 17);
    const valid = completeUscc(fixed);
    const res = await h.gql(UPDATE, { id: target.gid, input: input({ uscc: valid }) }, tokens.officerM);
    expect(res.data.updateEnterprise.data).toMatchObject({
      uscc: valid,
      usccOverrideReason: null,
      usccOverrideBy: null,
      usccOverrideAt: null,
    });
    const event = await lastEvent('enterprise.updated');
    expect(event!.payload).toMatchObject({ uscc: valid, previousUscc: target.code, usccOverride: null });
  });

  it("refuses a failing code without an override, another enterprise's code, and wrong callers", async () => {
    const bad = await h.gql(UPDATE, { id: target.gid, input: input({ uscc: failingUscc().code }) }, tokens.officerM);
    expectTyped(bad.data.updateEnterprise, 'ValidationError');
    const dup = await h.gql(UPDATE, { id: target.gid, input: input({ uscc: otherEnterprise.uscc }) }, tokens.officerM);
    expect(dup.data.updateEnterprise.issues[0].messageEn).toBe('an enterprise with this USCC is already registered');
    expectTyped(
      (await h.gql(UPDATE, { id: target.gid, input: input() }, tokens.enterprise)).data.updateEnterprise,
      'ForbiddenError',
    );
    expectTyped(
      (await h.gql(UPDATE, { id: target.gid, input: input() })).data.updateEnterprise,
      'UnauthenticatedError',
    );
    expectTyped(
      (await h.gql(UPDATE, { id: gid('Enterprise', 99999), input: input() }, tokens.officerM)).data.updateEnterprise,
      'NotFoundError',
    );
  });
});

describe('Query.enterprises', () => {
  it('the public is refused with a top-level UNAUTHENTICATED error', async () => {
    expectRefused(await h.gql(LIST, {}), 'enterprises', 'UNAUTHENTICATED');
  });

  it('a supervisor counts enterprises and people; without a token the same query is UNAUTHENTICATED', async () => {
    const Q = `{ enterprises(first: 1) { totalCount } people(first: 1) { totalCount } }`;
    const ok = await h.gql(Q, {}, tokens.sup);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.enterprises.totalCount).toBe(await countEnterprises());
    expect(ok.data.people.totalCount).toBe(await h.db.prisma.person.count());
    const anon = await h.gql(Q, {});
    // Each refused connection is null on its own (connections are nullable: core input/paging.ts); each says why.
    expect(anon.data).toEqual({ enterprises: null, people: null });
    expect(anon.errors!.length).toBe(2);
    expect(anon.errors!.every((e: GqlJson) => e.extensions.code === 'UNAUTHENTICATED')).toBe(true);
  });

  it('an enterprise user sees only their own enterprise', async () => {
    const res = await h.gql(LIST, {}, tokens.enterprise);
    expect(res.data.enterprises).toEqual({
      totalCount: 1,
      edges: [{ node: { name: '江苏阜宁某某食品有限公司', uscc: ownEnterprise.uscc } }],
    });
    const other = await h.gql(LIST, { search: '米业' }, tokens.enterprise);
    expect(other.data.enterprises.totalCount).toBe(0);
  });

  it('staff search by name, by USCC prefix, by credit class and by township', async () => {
    const byName = await h.gql(LIST, { search: '米业' }, tokens.sup);
    expect(byName.data.enterprises.edges.map((e: GqlJson) => e.node.name)).toEqual(['阜宁县益林某某米业有限公司']);
    const byPrefix = await h.gql(LIST, { search: otherEnterprise.uscc.slice(0, 14).toLowerCase() }, tokens.officerM);
    expect(byPrefix.data.enterprises.edges.map((e: GqlJson) => e.node.uscc)).toEqual([otherEnterprise.uscc]);
    const notInfix = await h.gql(LIST, { search: otherEnterprise.uscc.slice(2, 14) }, tokens.officerM);
    expect(notInfix.data.enterprises.totalCount).toBe(0);
    const byRisk = await h.gql(LIST, { risk: 'A' }, tokens.officerM);
    expect(byRisk.data.enterprises.edges.map((e: GqlJson) => e.node.name)).toContain('江苏阜宁某某食品有限公司');
    expect(byRisk.data.enterprises.edges.every((e: GqlJson) => e.node.name !== '阜宁县益林某某米业有限公司')).toBe(
      true,
    );
    const byTownship = await h.gql(LIST, { township: gid('Agency', ids.township2) }, tokens.officerM);
    expect(byTownship.data.enterprises).toEqual({
      totalCount: 1,
      edges: [{ node: { name: '阜宁县益林某某米业有限公司', uscc: otherEnterprise.uscc } }],
    });
  });

  it('townships of a page load in one batched query (no N+1)', async () => {
    h.queries.length = 0;
    const res = await h.gql(
      `{ enterprises(first: 100) { totalCount edges { node { name township { name } } } } }`,
      {},
      tokens.sup,
    );
    const n = res.data.enterprises.edges.length;
    expect(n).toBeGreaterThan(5);
    // viewer (2) + page + townships + count
    expect(domainStatements()).toBeLessThanOrEqual(5);
  });

  it('pages are capped and counted', async () => {
    const res = await h.gql(LIST, { first: 2 }, tokens.sup);
    expect(res.data.enterprises.edges).toHaveLength(2);
    expect(res.data.enterprises.totalCount).toBe(await countEnterprises());
  });
});

describe('Query.enterprise', () => {
  it('finds by id or by USCC (any case)', async () => {
    const byId = await h.gql(ONE, { id: otherEnterprise.gid }, tokens.officerM);
    expect(byId.data.enterprise).toMatchObject({ name: '阜宁县益林某某米业有限公司' });
    const byUscc = await h.gql(ONE, { uscc: otherEnterprise.uscc.toLowerCase() }, tokens.officerM);
    expect(byUscc.data.enterprise).toMatchObject({ uscc: otherEnterprise.uscc });
  });

  it('needs exactly one of id and uscc', async () => {
    for (const vars of [{}, { id: otherEnterprise.gid, uscc: otherEnterprise.uscc }]) {
      const res = await h.gql(ONE, vars, tokens.officerM);
      expectRefused(res, 'enterprise', 'VALIDATION_FAILED');
      expect(res.errors![0].extensions.messageEn).toContain('exactly one of id and uscc');
    }
  });

  it('an enterprise user reads their own; another enterprise is null, as is an unknown one', async () => {
    expect((await h.gql(ONE, { id: ownEnterprise.gid }, tokens.enterprise)).data.enterprise.name).toBe(
      '江苏阜宁某某食品有限公司',
    );
    const other = await h.gql(ONE, { uscc: otherEnterprise.uscc }, tokens.enterprise);
    expect(other.errors).toBeUndefined();
    expect(other.data.enterprise).toBeNull();
    const unknown = await h.gql(ONE, { id: gid('Enterprise', 99999) }, tokens.officerM);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data.enterprise).toBeNull();
  });

  it('the public is refused with a top-level UNAUTHENTICATED error', async () => {
    expectRefused(await h.gql(ONE, { id: ownEnterprise.gid }), 'enterprise', 'UNAUTHENTICATED');
  });
});
