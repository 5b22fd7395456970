// Bad input never reaches the database (issue 7, finding 6). Each rule of the input layer
// (packages/core/src/input/) through the API, at its boundary where it has one: refusals are
// VALIDATION_FAILED with bilingual messages and the path of each bad value — a typed
// ValidationError for a mutation, a top-level error for a query — and write nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonPenaltyPlugin } from '@zhifa/plugin-non-penalty';
import { createHarness, ERR as ERROR_FIELDS, gid, type Harness, type GqlJson } from '@zhifa/testkit';
import {
  DECIDE,
  readyToDecide,
  directCase,
  expectError,
  OPEN_CASE,
  ASSIGN,
  seedCounty,
  type County,
} from '../core/case-fixtures.js';

let h: Harness;
let c: County;
beforeAll(async () => {
  h = await createHarness({ plugins: [nonPenaltyPlugin] });
  c = await seedCounty(h);
});
afterAll(() => h?.close());

const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { ${ERROR_FIELDS} ... on MutationCreatePersonSuccess { data
  { name certificateNumber } } } }`;
const CREATE_AGENCY = `mutation($input: AgencyInput!) { createAgency(input: $input) { ${ERROR_FIELDS} ... on MutationCreateAgencySuccess { data { name
  inspectionQualifiedOn } } } }`;
const CREATE_ENTERPRISE = `mutation($input: EnterpriseInput!) { createEnterprise(input: $input) { ${ERROR_FIELDS} ... on
  MutationCreateEnterpriseSuccess { data { name address } } } }`;
const EVENTS = `query($topics: [String!]) { events(topics: $topics, first: 1) { hasNextPage } }`;

const person = (name: string) => ({ agencyId: gid('Agency', c.market.id), name, roles: ['AUXILIARY'] });
const counts = async () => ({
  people: await h.db.prisma.person.count(),
  agencies: await h.db.prisma.agency.count(),
  enterprises: await h.db.prisma.enterprise.count(),
  cases: await h.db.prisma.enforcementCase.count(),
  events: await h.db.prisma.event.count(),
});

/** A typed ValidationError whose issues are exactly at `paths`, each message bilingual. */
function expectRefused(result: GqlJson, paths: (string | number)[][], en?: string) {
  expectError(result, 'ValidationError');
  expect(result.issues.map((i: GqlJson) => i.path)).toEqual(paths.map((p) => p.map(String)));
  for (const i of result.issues) {
    expect(i.message).toMatch(/[\u4e00-\u9fff]/);
    expect(i.messageEn).toMatch(/[A-Za-z]/);
  }
  if (en) expect(result.issues[0].messageEn).toContain(en);
}

describe('strings', () => {
  it('a NUL in a query argument is a VALIDATION_FAILED naming it, not an internal error', async () => {
    const res = await h.gql(
      `query($s: String) { enterprises(search: $s, first: 1) { totalCount } }`,
      { s: 'a\u0000b' },
      c.tokens.supervisor,
    );
    // Only the refused connection is null (every connection is nullable: core input/paging.ts).
    expect(res.data).toEqual({ enterprises: null });
    expect(res.errors![0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [
        { path: ['search'], messageEn: 'contains the control character U+0000 (a single line of text is expected)' },
      ],
    });
    const topics = await h.gql(EVENTS, { topics: ['case.opened', '\u0000'] });
    expect(topics.errors![0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: ['topics', '1'] }],
    });
  });

  it('a NUL or other control character in a mutation is a typed ValidationError at its path, and writes nothing', async () => {
    const before = await counts();
    const res = await h.gql(
      CREATE_PERSON,
      {
        input: {
          ...person('张\u0000三'),
          certificate: { number: 'A\u0007', issuedOn: '2024-01-01', expiresOn: '2028-01-01' },
        },
      },
      c.tokens.marketAdmin,
    );
    expectRefused(
      res.data.createPerson,
      [
        ['input', 'name'],
        ['input', 'certificate', 'number'],
      ],
      'U+0000',
    );
    expect(res.data.createPerson.issues[1].messageEn).toContain('U+0007');
    expect(await counts()).toEqual(before);
  });

  it('line feed and tab only in multi-line free text; CR LF is stored as LF', async () => {
    const input = {
      agencyId: gid('Agency', c.market.id),
      matterId: gid('EnforcementMatter', c.matters.licence.id),
      enterpriseId: gid('Enterprise', c.shop.id),
      violationOn: '2025-06-01',
      facts: '第一项\r\n第二项\t（附）',
    };
    const ok = await h.gql(OPEN_CASE, { input }, c.tokens.o1);
    expect(ok.data.openCase.__typename).toBe('MutationOpenCaseSuccess');
    const stored = await h.db.prisma.enforcementCase.findUniqueOrThrow({
      where: { number: ok.data.openCase.data.number },
    });
    expect(stored.violation).toBe('第一项\n第二项\t（附）');
    const before = await counts();
    const bad = await h.gql(
      OPEN_CASE,
      { input: { ...input, partyDescription: '流动\n摊贩', enterpriseId: null, facts: '含\u000b垂直制表符' } },
      c.tokens.o1,
    );
    expectRefused(bad.data.openCase, [
      ['input', 'partyDescription'],
      ['input', 'facts'],
    ]);
    expect(bad.data.openCase.issues[0].messageEn).toContain('U+000A');
    expect(await counts()).toEqual(before);
  });

  it('text is stored in NFC', async () => {
    const res = await h.gql(CREATE_PERSON, { input: person('Rene\u0301 \uf9d1') }, c.tokens.marketAdmin);
    expect(res.data.createPerson.data.name).toBe('René \u516d');
  });

  it('names refuse zero-width and text-direction characters; other text admits them', async () => {
    const before = await counts();
    for (const ch of ['\u202e', '\u200b', '\u2066', '\ufeff']) {
      const res = await h.gql(CREATE_PERSON, { input: person(`张${ch}三`) }, c.tokens.marketAdmin);
      expectRefused(res.data.createPerson, [['input', 'name']], 'invisible or text-direction character');
    }
    const agency = await h.gql(
      CREATE_AGENCY,
      { input: { name: '阜宁县\u200b交通局', kind: 'ENFORCEMENT_AGENCY' } },
      c.tokens.sysAdmin,
    );
    expectRefused(agency.data.createAgency, [['input', 'name']]);
    const enterprise = {
      uscc: '91320923MA1MXKQ03K',
      name: '阜宁县\u202e某某商店',
      kind: 'COMPANY',
      legalRepresentative: '王\u200d某',
      address: '阜城街道',
      industry: '零售',
      scale: 'MICRO',
      employees: 1,
      creditRiskClass: 'B',
    };
    const ent = await h.gql(CREATE_ENTERPRISE, { input: enterprise }, c.tokens.o1);
    expectRefused(ent.data.createEnterprise, [
      ['input', 'name'],
      ['input', 'legalRepresentative'],
    ]);
    const list = await h.gql(
      `mutation($input: NonPenaltyListInput!) { createNonPenaltyList(input: $input) { ${ERROR_FIELDS} } }`,
      { input: { agencyId: gid('Agency', c.market.id), title: '清单\u2067标题', domain: '市场监管' } },
      c.tokens.o1,
    );
    expectRefused(list.data.createNonPenaltyList, [['input', 'title']]);
    expect(await counts()).toEqual(before);
    // An address is not a name: a zero-width joiner there is stored as written.
    const addr = await h.gql(
      CREATE_ENTERPRISE,
      { input: { ...enterprise, name: '阜宁县某某商店', legalRepresentative: '王某', address: '阜城街道\u200d1号' } },
      c.tokens.o1,
    );
    expect(addr.data.createEnterprise.data).toEqual({ name: '阜宁县某某商店', address: '阜城街道\u200d1号' });
  });

  it('CSV: a control character in the text or a cell is refused, naming where', async () => {
    const created = await h.gql(
      `mutation($input: NonPenaltyListInput!) { createNonPenaltyList(input: $input) { ... on MutationCreateNonPenaltyListSuccess { data { id } } } }`,
      { input: { agencyId: gid('Agency', c.market.id), title: '清单', domain: '市场监管' } },
      c.tokens.o1,
    );
    const listId = created.data.createNonPenaltyList.data.id;
    const IMPORT = `mutation($id: ID!, $csv: String!) { importNonPenaltyListCsv(listId: $id, csvText: $csv) { ${ERROR_FIELDS} } }`;
    const header = '序号,监管领域,裁量等级,违法行为,违法依据,处罚依据,适用情形,适用类型,改正期限（天）';
    const res = await h.gql(
      IMPORT,
      { id: listId, csv: `${header}\r\n1,市场\u0007监管,,"甲\n乙",依据\u0000,处罚,"情形\t附注",轻微违法,3\r\n` },
      c.tokens.o1,
    );
    expectRefused(
      res.data.importNonPenaltyListCsv,
      [
        ['csv', 2, '监管领域'],
        ['csv', 2, '违法依据'],
      ],
      'U+0007',
    );
    expect(res.data.importNonPenaltyListCsv.issues[1].messageEn).toBe(
      'line 2, column "违法依据": contains the control character U+0000',
    );
    expect(await h.db.prisma.listItem.count({ where: { list: { title: '清单' } } })).toBe(0);
  });
});

describe('dates', () => {
  const agency = (n: number, inspectionQualifiedOn: string) => ({
    input: { name: `阜宁县测试局${n}`, kind: 'ENFORCEMENT_AGENCY', inspectionQualifiedOn },
  });

  it('stores the first and last days of the range', async () => {
    for (const [n, day] of [
      [1, '1900-01-01'],
      [2, '2100-12-31'],
      [3, '2024-02-29'],
    ] as const) {
      const res = await h.gql(CREATE_AGENCY, agency(n, day), c.tokens.sysAdmin);
      expect(res.data.createAgency.data.inspectionQualifiedOn).toBe(day);
    }
  });

  it.each(['2025-02-30', '2025-02-29', '0000-01-01', '1899-12-31', '2101-01-01', '2025-2-3'])(
    'refuses %s as a typed ValidationError at its path (never stored as another day), writing nothing',
    async (day) => {
      const before = await counts();
      const res = await h.gql(CREATE_AGENCY, agency(9, day), c.tokens.sysAdmin);
      expectRefused(res.data.createAgency, [['input', 'inspectionQualifiedOn']]);
      expect(await counts()).toEqual(before);
    },
  );

  it('refuses a bad date written in the document itself just the same', async () => {
    const res = await h.gql(
      `mutation { createAgency(input: { name: "阜宁县测试局10", kind: ENFORCEMENT_AGENCY, inspectionQualifiedOn: "2025-02-30" }) { ${ERROR_FIELDS} } }`,
      undefined,
      c.tokens.sysAdmin,
    );
    expectRefused(res.data.createAgency, [['input', 'inspectionQualifiedOn']], 'not a real calendar date');
  });
});

describe('money', () => {
  it('accepts a fine of exactly ¥10 000 000 000 (10^12 fen) and refuses one fen more, and 2^53 − 1', async () => {
    // A case with no matter (registered before matters existed): only the scalar's bound applies.
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'LEGAL_REVIEW');
    await readyToDecide(h, k.id);
    const caseId = gid('EnforcementCase', k.id);
    for (const amountFen of [1_000_000_000_001, Number.MAX_SAFE_INTEGER]) {
      const res = await h.gql(
        DECIDE,
        { caseId, input: { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen }] } },
        c.tokens.head,
      );
      expectRefused(res.data.decideCase, [['input', 'penalties', 0, 'amountFen']], 'must not exceed 1000000000000 fen');
      expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).stage).toBe('LEGAL_REVIEW');
    }
    const ok = await h.gql(
      DECIDE,
      { caseId, input: { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 1_000_000_000_000 }] } },
      c.tokens.head,
    );
    expect(ok.data.decideCase.data).toMatchObject({ stage: 'DECIDED', fineFen: 1_000_000_000_000 });
  });
});

describe('lists', () => {
  it('events(topics:) takes 100 topics and refuses 101 — or 300 000 — before touching the database', async () => {
    const topics = (n: number) => Array.from({ length: n }, (_, i) => `topic.${i}`);
    expect((await h.gql(EVENTS, { topics: topics(100) })).errors).toBeUndefined();
    for (const n of [101, 300_000]) {
      h.queries.length = 0;
      const res = await h.gql(EVENTS, { topics: topics(n) });
      expect(res.data).toBeNull();
      expect(res.errors![0].extensions).toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ path: ['topics'], messageEn: `at most 100 items (got ${n})` }],
      });
      expect(h.queries).toEqual([]);
    }
  });

  it('the events subscription meets the same bound', async () => {
    const res = await h.app.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription($t: [String!]) { events(topics: $t) { id } }',
        variables: { t: Array.from({ length: 101 }, (_, i) => `t${i}`) },
      }),
    });
    const text = await res.text();
    expect(text).toContain('"code":"VALIDATION_FAILED"');
    expect(text).toContain('at most 100 items (got 101)');
  });

  it('assignOfficers(personIds:) takes at most 100 ids', async () => {
    const k = await directCase(h, c.market.id, c.shop.id, []);
    const res = await h.gql(
      ASSIGN,
      {
        caseId: gid('EnforcementCase', k.id),
        personIds: Array.from({ length: 101 }, () => gid('Person', c.people.o1.id)),
      },
      // The agency admin may assign: a caller who may not is refused before the list is checked.
      c.tokens.marketAdmin,
    );
    expectRefused(res.data.assignOfficers, [['personIds']], 'at most 100 items');
  });
});
