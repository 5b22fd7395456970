// Row rules on every path (issue 7, findings 2 and 4): every node type through `node(id)` and
// `nodes(ids)` for every role, against the same rows the type's own queries show. A row that does
// not exist and a row the caller may not see answer alike — null, no error — so nobody can probe
// which rows exist; one bad or hidden id never nulls the others. People: staff see everyone; an
// enterprise user sees only the name and certificate number of the officers on its own cases; the
// public and the survey organisation see no one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '@zhifa/core';

import { nonPenaltyPlugin } from '@zhifa/plugin-non-penalty';
import { createHarness, gid, type Harness, type GqlJson } from '@zhifa/testkit';
import { createEnterprise, createOfficer } from '../core/case-fixtures.js';

let h: Harness;
const row = {} as Record<
  | 'market'
  | 'officerOnShopCase'
  | 'envOfficer'
  | 'shop'
  | 'factory'
  | 'marketCase'
  | 'envCase'
  | 'publishedList'
  | 'publishedItem'
  | 'draftList'
  | 'draftItem'
  | 'decision',
  string
>;
const auth = {} as Record<'shop' | 'surveyOrg' | 'marketOfficer' | 'envOfficer' | 'supervisor' | 'sysAdmin', string>;
type Role = 'public' | keyof typeof auth;

beforeAll(async () => {
  h = await createHarness({ plugins: [nonPenaltyPlugin] });
  const p = h.db.prisma;
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU', parentId: county.id } });
  const market = await p.agency.create({
    data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY', parentId: county.id },
  });
  const env = await p.agency.create({
    data: { name: '盐城市阜宁生态环境局', kind: 'ENFORCEMENT_AGENCY', parentId: county.id },
  });
  const org = await p.agency.create({ data: { name: '江苏众信社会调查有限公司', kind: 'SURVEY_ORGANISATION' } });
  const sysAdmin = await p.person.create({
    data: { agencyId: county.id, name: '系统管理员', roles: ['SYSTEM_ADMIN'] },
  });
  const supervisor = await p.person.create({ data: { agencyId: bureau.id, name: '监督员甲', roles: ['SUPERVISOR'] } });
  const o1 = await createOfficer(h, market.id, '张执法');
  const o2 = await createOfficer(h, market.id, '李执法');
  const envOfficer = await createOfficer(h, env.id, '吴环保');
  const shop = await createEnterprise(h, '阜宁县某某食品店');
  const factory = await createEnterprise(h, '江苏某某化工有限公司');
  const kase = (number: string, agencyId: number, enterpriseId: number, officers: number[]) =>
    p.enforcementCase.create({
      data: {
        number,
        agencyId,
        enterpriseId,
        partyKind: 'ENTERPRISE',
        violation: '违法行为',
        violatedProvision: '违法依据',
        penaltyProvision: '处罚依据',
        stage: 'DECIDED',
        decision: 'NO_PENALTY',
        officers: { create: officers.map((personId) => ({ personId })) },
      },
    });
  const marketCase = await kase('阜市监罚〔2025〕1号', market.id, shop.id, [o1.id, o2.id]);
  const envCase = await kase('阜环罚〔2025〕1号', env.id, factory.id, [envOfficer.id]);
  const list = async (status: 'PUBLISHED' | 'DRAFT') => {
    const series = await p.listSeries.create({ data: { kind: 'NON_PENALTY' } });
    const l = await p.enforcementList.create({
      data: {
        kind: 'NON_PENALTY',
        seriesId: series.id,
        version: 1,
        title: `清单${status}`,
        domain: '市场监管',
        agencyId: market.id,
        status,
      },
    });
    const item = await p.listItem.create({
      data: {
        listId: l.id,
        seq: 1,
        domain: '市场监管',
        violation: '违法行为',
        violatedProvision: '违法依据',
        penaltyProvision: '处罚依据',
        applicableConditions: '适用情形',
        attributes: {
          itemKind: 'MINOR',
          conditions: ['MINOR_VIOLATION'],
          correctionDeadlineDays: 3,
          fineFenIfPenalised: null,
        },
      },
    });
    return { l, item };
  };
  const published = await list('PUBLISHED');
  const draft = await list('DRAFT');
  const decision = await p.nonPenaltyDecision.create({
    data: {
      caseId: marketCase.id,
      itemId: published.item.id,
      listId: published.l.id,
      listVersion: 1,
      agencyId: market.id,
      enterpriseId: shop.id,
      domain: '市场监管',
      itemKind: 'MINOR',
      facts: {},
      evaluation: {},
      correctionContent: '改正',
      correctionOrderedOn: new Date('2025-01-01'),
      correctionDeadline: new Date('2025-01-04'),
      education: '教育',
      decidedBy: `person:${o1.id}`,
      decidedAt: new Date('2025-01-05'),
    },
  });
  Object.assign(row, {
    market: gid('Agency', market.id),
    officerOnShopCase: gid('Person', o1.id),
    envOfficer: gid('Person', envOfficer.id),
    shop: gid('Enterprise', shop.id),
    factory: gid('Enterprise', factory.id),
    marketCase: gid('EnforcementCase', marketCase.id),
    envCase: gid('EnforcementCase', envCase.id),
    publishedList: gid('NonPenaltyList', published.l.id),
    publishedItem: gid('NonPenaltyListItem', published.item.id),
    draftList: gid('NonPenaltyList', draft.l.id),
    draftItem: gid('NonPenaltyListItem', draft.item.id),
    decision: gid('NonPenaltyDecision', decision.id),
  });
  const key = newApiKey();
  await p.apiKey.create({ data: { agencyId: org.id, label: 'test', prefix: key.prefix, hash: key.hash } });
  Object.assign(auth, {
    shop: h.token(`enterprise:${shop.id}`),
    surveyOrg: key.key,
    marketOfficer: h.token(`person:${o1.id}`),
    envOfficer: h.token(`person:${envOfficer.id}`),
    supervisor: h.token(`person:${supervisor.id}`),
    sysAdmin: h.token(`person:${sysAdmin.id}`),
  });
});
afterAll(() => h?.close());

const tokenOf = (role: Role) => (role === 'public' ? undefined : auth[role]);

/** What each role may see, row by row (the rules: rows.ts, lists/access.ts, the plugin's access.ts). */
const VISIBLE: Record<keyof typeof row, Role[]> = {
  market: ['public', 'shop', 'surveyOrg', 'marketOfficer', 'envOfficer', 'supervisor', 'sysAdmin'],
  officerOnShopCase: ['shop', 'marketOfficer', 'envOfficer', 'supervisor', 'sysAdmin'],
  envOfficer: ['marketOfficer', 'envOfficer', 'supervisor', 'sysAdmin'],
  shop: ['shop', 'marketOfficer', 'envOfficer', 'supervisor', 'sysAdmin'],
  factory: ['marketOfficer', 'envOfficer', 'supervisor', 'sysAdmin'],
  marketCase: ['shop', 'marketOfficer', 'supervisor', 'sysAdmin'],
  envCase: ['envOfficer', 'supervisor', 'sysAdmin'],
  publishedList: ['public', 'shop', 'surveyOrg', 'marketOfficer', 'envOfficer', 'supervisor', 'sysAdmin'],
  publishedItem: ['public', 'shop', 'surveyOrg', 'marketOfficer', 'envOfficer', 'supervisor', 'sysAdmin'],
  draftList: ['marketOfficer', 'supervisor', 'sysAdmin'],
  draftItem: ['marketOfficer', 'supervisor', 'sysAdmin'],
  decision: ['shop', 'marketOfficer', 'supervisor', 'sysAdmin'],
};
const ROLES: Role[] = ['public', 'shop', 'surveyOrg', 'marketOfficer', 'envOfficer', 'supervisor', 'sysAdmin'];

/** Ids that name no row: unknown rows of every node type, out-of-range and malformed ids, non-node types. */
const b64 = (s: string) => Buffer.from(s).toString('base64');
const NO_ROW = [
  ...[
    'Agency',
    'Person',
    'Enterprise',
    'EnforcementCase',
    'NonPenaltyList',
    'NonPenaltyListItem',
    'NonPenaltyDecision',
  ].map((t) => gid(t, 987654)),
  b64('Person:99999999999'), // past int4: no row can have it
  b64('Agency:abc'),
  b64('Agency:-1'),
  b64('Foo:1'), // no such type
  b64('Viewer:1'), // a type that is not a node
  b64('EnforcementList:1'), // the kind-neutral list view is not a node
  '%%%not base64%%%',
  b64('no colon'),
];

const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
const NODE = `query($id: ID!) { node(id: $id) { id } }`;

describe('node(id) and nodes(ids): every node type, every role', () => {
  it.each(ROLES)('%s: nodes(ids) answers exactly the visible rows, null elsewhere, with no error', async (role) => {
    const keys = Object.keys(row) as (keyof typeof row)[];
    const res = await h.gql(NODES, { ids: keys.map((k) => row[k]) }, tokenOf(role));
    expect(res.errors).toBeUndefined();
    const expected = keys.map((k) => (VISIBLE[k].includes(role) ? { id: row[k] } : null));
    expect(res.data.nodes).toEqual(expected);
  });

  it.each(ROLES)('%s: node(id) agrees with nodes(ids) for every row', async (role) => {
    for (const k of Object.keys(row) as (keyof typeof row)[]) {
      const res = await h.gql(NODE, { id: row[k] }, tokenOf(role));
      expect(res, `${role} → ${k}`).toEqual({ data: { node: VISIBLE[k].includes(role) ? { id: row[k] } : null } });
    }
  });

  it('a missing id and a hidden id answer alike: null, no error (no probing which rows exist)', async () => {
    for (const [hidden, missing] of [
      [row.factory, gid('Enterprise', 987654)],
      [row.envCase, gid('EnforcementCase', 987654)],
      [row.draftList, gid('NonPenaltyList', 987654)],
      [row.envOfficer, gid('Person', 987654)],
    ]) {
      const a = await h.gql(NODE, { id: hidden }, auth.shop);
      const b = await h.gql(NODE, { id: missing }, auth.shop);
      expect(a).toEqual({ data: { node: null } });
      expect(b).toEqual(a);
    }
  });

  it('ids that name no row — unknown, out of range, malformed, of another or no type — are null, for anyone', async () => {
    for (const role of ROLES) {
      const res = await h.gql(NODES, { ids: NO_ROW }, tokenOf(role));
      expect(res, role).toEqual({ data: { nodes: NO_ROW.map(() => null) } });
      for (const id of NO_ROW)
        expect(await h.gql(NODE, { id }, tokenOf(role)), `${role} ${id}`).toEqual({ data: { node: null } });
    }
  });

  it('one bad, missing or hidden id among good ones nulls only its own place', async () => {
    const ids = [row.market, '%%%', row.shop, gid('Agency', 987654), row.publishedList, row.factory];
    const res = await h.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Agency { name } ... on Enterprise { name } } }`,
      { ids },
      auth.shop,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes.map((n: { id: string } | null) => n?.id ?? null)).toEqual([
      row.market,
      null,
      row.shop,
      null,
      row.publishedList,
      null,
    ]);
    expect(res.data.nodes[0].name).toBe('阜宁县市场监督管理局');
  });

  it('nodes(ids) takes at most 100 ids (VALIDATION_FAILED beyond, nothing resolved)', async () => {
    const ok = await h.gql(NODES, { ids: Array.from({ length: 100 }, () => row.market) });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.nodes).toHaveLength(100);
    const over = await h.gql(NODES, { ids: Array.from({ length: 101 }, () => row.market) });
    expect(over.data).toBeNull();
    expect(over.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(over.errors![0].extensions.issues[0]).toMatchObject({
      path: ['ids'],
      messageEn: expect.stringContaining('at most 100'),
    });
  });
});

describe('Person: one row rule on every path', () => {
  const PERSON = `id name certificateNumber roles agency { name } certificateStatus certificateExpiresOn canEnforce`;

  it('staff of any agency read the whole record through node', async () => {
    for (const role of ['marketOfficer', 'envOfficer', 'supervisor', 'sysAdmin'] as const) {
      const res = await h.gql(
        `query($id: ID!) { node(id: $id) { ... on Person { ${PERSON} } } }`,
        { id: row.officerOnShopCase },
        auth[role],
      );
      expect(res.errors, role).toBeUndefined();
      expect(res.data.node).toMatchObject({
        name: '张执法',
        roles: ['OFFICER'],
        agency: { name: '阜宁县市场监督管理局' },
        certificateStatus: 'VALID',
        canEnforce: true,
      });
    }
  });

  it('an enterprise user reads only the name and certificate number of the officers on its own cases', async () => {
    const res = await h.gql(
      `query($id: ID!) { node(id: $id) { ... on Person { ${PERSON} } } }`,
      { id: row.officerOnShopCase },
      auth.shop,
    );
    expect(res.data.node).toEqual({
      id: row.officerOnShopCase,
      name: '张执法',
      certificateNumber: expect.stringMatching(/^CERT-/),
      roles: null,
      agency: null,
      certificateStatus: null,
      certificateExpiresOn: null,
      canEnforce: null,
    });
    expect(res.errors!.map((e: GqlJson) => [e.path.at(-1), e.extensions.code])).toEqual(
      ['roles', 'agency', 'certificateStatus', 'certificateExpiresOn', 'canEnforce'].map((f) => [f, 'FORBIDDEN']),
    );
    // The same through its case: the officers come with their names and certificate numbers.
    const viaCase = await h.gql(
      `query($id: ID!) { case(id: $id) { officers { edges { node { person { name certificateNumber } } } } } }`,
      { id: row.marketCase },
      auth.shop,
    );
    expect(viaCase.errors).toBeUndefined();
    expect(viaCase.data.case.officers.edges.map((e: GqlJson) => e.node.person.name).sort()).toEqual(
      ['张执法', '李执法'].sort(),
    );
  });

  it('an enterprise user cannot list people, nor reach an officer of another enterprise’s case', async () => {
    const people = await h.gql(`{ people(first: 5) { totalCount } }`, undefined, auth.shop);
    expect(people.errors![0].extensions.code).toBe('FORBIDDEN');
    const agencyPeople = await h.gql(
      `query($id: ID!) { agency(id: $id) { name people(first: 5) { totalCount } } }`,
      { id: row.market },
      auth.shop,
    );
    expect(agencyPeople.data.agency).toEqual({ name: '阜宁县市场监督管理局', people: null });
    expect(agencyPeople.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(
      await h.gql(`query($id: ID!) { node(id: $id) { ... on Person { name } } }`, { id: row.envOfficer }, auth.shop),
    ).toEqual({ data: { node: null } });
  });

  it('the public and the survey organisation see no person on any path', async () => {
    for (const token of [undefined, auth.surveyOrg]) {
      expect(
        await h.gql(
          `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Person { name } } }`,
          { ids: [row.officerOnShopCase, row.envOfficer] },
          token,
        ),
      ).toEqual({
        data: { nodes: [null, null] },
      });
      const people = await h.gql(`{ people(first: 5) { totalCount } }`, undefined, token);
      expect(people.errors![0].extensions.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    }
  });

  it('the officers of a page of cases reach an enterprise user with no statement checking them again', async () => {
    const p = h.db.prisma;
    const shopId = Number(Buffer.from(row.shop, 'base64').toString().split(':')[1]);
    const marketId = Number(Buffer.from(row.market, 'base64').toString().split(':')[1]);
    const officers = await p.person.findMany({
      where: { agencyId: marketId, roles: { has: 'OFFICER' } },
      select: { id: true },
    });
    for (let i = 2; i <= 6; i++)
      await p.enforcementCase.create({
        data: {
          number: `阜市监罚〔2025〕${i}号`,
          agencyId: marketId,
          enterpriseId: shopId,
          partyKind: 'ENTERPRISE',
          violation: '违法行为',
          violatedProvision: '违法依据',
          penaltyProvision: '处罚依据',
          officers: { create: officers.map((o) => ({ personId: o.id })) },
        },
      });
    h.queries.length = 0;
    const res = await h.gql(
      `{ cases(first: 20) { edges { node { officers { edges { node { person { name } } } } } } } }`,
      undefined,
      auth.shop,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.cases.edges).toHaveLength(6);
    for (const e of res.data.cases.edges) {
      expect(e.node.officers.edges).toHaveLength(officers.length);
      for (const o of e.node.officers.edges) expect(o.node.person.name).toEqual(expect.any(String));
    }
    // The officers of a case the viewer may read are people it may see (personRule; CaseOfficer.person
    // declares it), so no row is checked again: no statement reads Person first (the page itself,
    // with its officers and their people, is one relation-join statement from EnforcementCase).
    const firstTable = (q: string) => /\bFROM "[^"]+"\."(\w+)"/.exec(q)?.[1];
    expect(h.queries.filter((q) => firstTable(q) === 'Person')).toEqual([]);
  });
});
