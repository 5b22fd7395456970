// Enforcement matters 行政执法事项 through the API: who maintains them, who reads drafts, the
// lifecycle draft → published → withdrawn, the coherence rules, events, and the CSV round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countStatements,
  createBaseWorld,
  createHarness,
  ERR,
  expectTyped,
  gid,
  idOf,
  type BaseWorld,
  type Harness,
  type GqlJson,
} from '@zhifa/testkit';

let h: Harness;
let w: BaseWorld;
beforeAll(async () => {
  h = await createHarness();
  w = await createBaseWorld(h);
});
afterAll(() => h?.close());

const FIELDS = `id code name domain agencyKinds violatedProvision penaltyProvision penaltyKinds fineMinFen fineMaxFen gainsMultipleMin
  gainsMultipleMax limitationYears published publishedAt`;
const CREATE = `mutation($input: MatterInput!) { createMatter(input: $input) { ${ERR} ... on MutationCreateMatterSuccess { data { ${FIELDS} } } } }`;
const UPDATE = `mutation($id: ID!, $input: MatterInput!) { updateMatter(id: $id, input: $input) { ${ERR} ... on MutationUpdateMatterSuccess { data {
  ${FIELDS} } } } }`;
const PUBLISH = `mutation($id: ID!) { publishMatter(id: $id) { ${ERR} ... on MutationPublishMatterSuccess { data { published publishedAt } } } }`;
const UNPUBLISH = `mutation($id: ID!, $r: String!) { unpublishMatter(id: $id, reason: $r) { ${ERR} ... on MutationUnpublishMatterSuccess { data {
  published } } } }`;

/** 未按规定公示营业执照: 《市场主体登记管理条例》第三十六条 / 第四十八条 (责令改正，处 3 万元以下罚款). */
const licence = (over: Record<string, unknown> = {}) => ({
  code: 'SJ-DJ-001',
  name: '未按规定公示营业执照',
  domain: '市场监管',
  agencyKinds: ['ENFORCEMENT_AGENCY'],
  violatedProvision: '《市场主体登记管理条例》第三十六条',
  penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
  penaltyKinds: ['FINE'],
  fineMaxFen: 3_000_000,
  ...over,
});

const lastEvent = (topic: string) => h.db.prisma.event.findFirst({ where: { topic }, orderBy: { id: 'desc' } });

async function create(input: Record<string, unknown>, token = w.tokens.adminA) {
  const res = await h.gql(CREATE, { input }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.createMatter;
}

describe('createMatter', () => {
  it('an agency admin of the domain creates a draft; the event is scoped to their agency and not public', async () => {
    const r = await create(licence());
    expectTyped(r, 'MutationCreateMatterSuccess');
    expect(r.data).toMatchObject({
      code: 'SJ-DJ-001',
      agencyKinds: ['ENFORCEMENT_AGENCY'],
      penaltyKinds: ['FINE'],
      fineMinFen: null,
      fineMaxFen: 3_000_000,
      limitationYears: 2,
      published: false,
      publishedAt: null,
    });
    const e = await lastEvent('matter.created');
    expect(e).toMatchObject({ agencyId: w.agencyA.id, public: false, actor: `person:${w.people.adminA.id}` });
    expect(e!.payload).toMatchObject({ code: 'SJ-DJ-001', published: false, via: 'api' });
  });

  it('an agency admin of another domain, an officer, an enterprise and the public may not', async () => {
    const before = await h.db.prisma.enforcementMatter.count();
    expectTyped(
      (await h.gql(CREATE, { input: licence({ code: 'X-1' }) }, w.tokens.adminB)).data.createMatter,
      'ForbiddenError',
      { zh: '市场监管' },
    );
    expectTyped(
      (await h.gql(CREATE, { input: licence({ code: 'X-2' }) }, w.tokens.officerA)).data.createMatter,
      'ForbiddenError',
    );
    expectTyped(
      (await h.gql(CREATE, { input: licence({ code: 'X-3' }) }, w.tokens.enterprise)).data.createMatter,
      'ForbiddenError',
    );
    expectTyped((await h.gql(CREATE, { input: licence({ code: 'X-4' }) })).data.createMatter, 'UnauthenticatedError');
    expect(await h.db.prisma.enforcementMatter.count()).toBe(before);
  });

  it('the justice bureau supervisor and a system admin maintain any domain', async () => {
    expectTyped(
      await create(licence({ code: 'HJ-001', domain: '生态环境', name: '未批先建' }), w.tokens.supervisor),
      'MutationCreateMatterSuccess',
    );
    expectTyped(
      await create(licence({ code: 'HJ-002', domain: '生态环境', name: '超标排放' }), w.tokens.sysAdmin),
      'MutationCreateMatterSuccess',
    );
  });

  it('refuses an incoherent matter with the rule and the article, writing nothing', async () => {
    const before = await h.db.prisma.enforcementMatter.count();
    expectTyped(await create(licence({ code: 'B-1', fineMinFen: 3_000_001 })), 'RuleViolation', {
      rule: 'MATTER_FINE_RANGE',
      zh: '第34条',
      en: 'art. 34',
    });
    expectTyped(await create(licence({ code: 'B-2', penaltyKinds: ['WARNING'] })), 'RuleViolation', {
      rule: 'MATTER_FINE_NOT_A_KIND',
    });
    expectTyped(await create(licence({ code: 'B-3', fineMaxFen: null })), 'RuleViolation', {
      rule: 'MATTER_FINE_RANGE_REQUIRED',
    });
    expectTyped(await create(licence({ code: 'B-4', gainsMultipleMin: 5.5, gainsMultipleMax: 5 })), 'RuleViolation', {
      rule: 'MATTER_GAINS_MULTIPLE_RANGE',
    });
    expectTyped(await create(licence({ code: 'B-5', limitationYears: 3 })), 'RuleViolation', {
      rule: 'MATTER_LIMITATION_YEARS',
      zh: '第36条',
      en: 'art. 36',
    });
    expectTyped(await create(licence({ code: 'B-6', agencyKinds: ['JUSTICE_OFFICE'] })), 'RuleViolation', {
      rule: 'MATTER_AGENCY_KIND_NOT_ENFORCING',
      zh: '第17条',
    });
    // at the boundary: min = max and 5 years are fine
    expectTyped(
      await create(licence({ code: 'B-7', fineMinFen: 3_000_000, limitationYears: 5 })),
      'MutationCreateMatterSuccess',
    );
    expect(await h.db.prisma.enforcementMatter.count()).toBe(before + 1);
  });

  it('validation: a taken code, a bad code, empty kinds — typed, with paths', async () => {
    const taken = expectTyped(await create(licence()), 'ValidationError');
    expect(taken.issues).toEqual([
      expect.objectContaining({ path: ['input', 'code'], messageEn: 'this matter code is taken' }),
    ]);
    for (const [over, path] of [
      [{ code: 'a b' }, 'input.code'],
      [{ agencyKinds: [] }, 'input.agencyKinds'],
      [{ penaltyKinds: [] }, 'input.penaltyKinds'],
    ] as const) {
      const bad = expectTyped(await create(licence(Object.assign({ code: 'V-1' }, over))), 'ValidationError');
      expect(bad.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual([path]);
    }
  });
});

describe('reading matters', () => {
  let draftId: string;
  let pubId: string;
  beforeAll(async () => {
    draftId = (await create(licence({ code: 'R-DRAFT', name: '未按规定办理变更登记' }))).data.id;
    pubId = (await create(licence({ code: 'R-PUB', name: '擅自改变食品经营场所' }))).data.id;
    expectTyped(
      (await h.gql(PUBLISH, { id: pubId }, w.tokens.adminA)).data.publishMatter,
      'MutationPublishMatterSuccess',
    );
  });

  it('the public sees published matters only, in matters, matter and node', async () => {
    const list = await h.gql(`{ matters(first: 100) { totalCount edges { node { code published } } } }`);
    expect(list.data.matters.edges.every((e: { node: { published: boolean } }) => e.node.published)).toBe(true);
    expect(list.data.matters.edges.map((e: { node: { code: string } }) => e.node.code)).toContain('R-PUB');
    expect((await h.gql(`query($id: ID!) { matter(id: $id) { code } }`, { id: draftId })).data.matter).toBeNull();
    expect((await h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: draftId })).data.node).toBeNull();
    expect((await h.gql(`query($id: ID!) { matter(id: $id) { code } }`, { id: pubId })).data.matter).toEqual({
      code: 'R-PUB',
    });
    expect(
      (await h.gql(`{ matters(first: 5, published: false) { totalCount } }`, {}, w.tokens.enterprise)).data.matters
        .totalCount,
    ).toBe(0);
  });

  it('staff see drafts too; filters by domain, agency kind, search and published', async () => {
    const q = `query($d: String, $k: AgencyKind, $s: String, $p: Boolean) { matters(first: 100, domain: $d, agencyKind: $k, search: $s, published: $p)
      { totalCount edges { node { code } } } }`;
    const codes = async (v: Record<string, unknown>) =>
      (await h.gql(q, v, w.tokens.officerB)).data.matters.edges.map((e: { node: { code: string } }) => e.node.code);
    expect(await codes({ s: '变更 登记' })).toEqual(['R-DRAFT']);
    expect(await codes({ s: 'r-pub' })).toEqual(['R-PUB']);
    expect(await codes({ p: true, d: '市场监管' })).toEqual(['R-PUB']);
    expect(await codes({ d: '生态环境' })).toEqual(['HJ-001', 'HJ-002']);
    expect(await codes({ k: 'TOWNSHIP' })).toEqual([]);
    expect(
      (await h.gql(`query($id: ID!) { matter(id: $id) { code } }`, { id: draftId }, w.tokens.officerB)).data.matter,
    ).toEqual({ code: 'R-DRAFT' });
  });

  it('enforceableBy: the agency kind among the matter’s kinds and the domain among the agency’s', async () => {
    const q = `query($a: ID!, $p: Boolean) { matters(first: 100, enforceableBy: $a, published: $p) { edges { node { code domain agencyKinds } } } }`;
    const nodes = async (a: string, p: boolean | null = null) =>
      (await h.gql(q, { a, p }, w.tokens.officerA)).data.matters.edges.map((e: { node: GqlJson }) => e.node);
    const market = await nodes(w.agencyA.gid);
    expect(market.length).toBeGreaterThan(0);
    expect(
      market.every(
        (m: { domain: string; agencyKinds: string[] }) =>
          m.domain === '市场监管' && m.agencyKinds.includes('ENFORCEMENT_AGENCY'),
      ),
    ).toBe(true);
    expect((await nodes(w.agencyA.gid, true)).map((m: { code: string }) => m.code)).toEqual(['R-PUB']);
    expect((await nodes(w.agencyB.gid)).map((m: { code: string }) => m.code)).toEqual(['HJ-001', 'HJ-002']);
    expect(await nodes(w.township.gid)).toEqual([]);
  });

  it('a page of matters with their cases is a bounded number of statements (no N+1)', async () => {
    const q = `{ matters(first: 100) { totalCount edges { node { code agencyKinds cases(first: 5) { totalCount edges { node { number } } } } } } }`;
    const { result, count, statements } = await countStatements(h, () => h.gql(q, {}, w.tokens.supervisor));
    expect(result.data.matters.totalCount).toBeGreaterThan(5);
    expect(count, statements.join('\n')).toBeLessThanOrEqual(6);
  });

  it('Matter.cases follows the case row rule', async () => {
    const matterId = idOf(pubId);
    await h.db.prisma.enforcementCase.create({
      data: {
        number: 'M-CASE-1',
        agencyId: w.agencyA.id,
        matterId,
        partyKind: 'ENTERPRISE',
        enterpriseId: w.enterprise.id,
        violation: '未按规定公示营业执照',
        violatedProvision: '第三十六条',
        penaltyProvision: '第四十八条',
      },
    });
    const q = `query($id: ID!) { matter(id: $id) { code cases(first: 5) { totalCount edges { node { number } } } } }`;
    expect((await h.gql(q, { id: pubId }, w.tokens.officerA)).data.matter.cases).toEqual({
      totalCount: 1,
      edges: [{ node: { number: 'M-CASE-1' } }],
    });
    expect((await h.gql(q, { id: pubId }, w.tokens.enterprise)).data.matter.cases.totalCount).toBe(1);
    expect((await h.gql(q, { id: pubId }, w.tokens.officerB)).data.matter.cases.totalCount).toBe(0);
    const pub = await h.gql(q, { id: pubId });
    expect(pub.data.matter).toEqual({ code: 'R-PUB', cases: null });
    expect(pub.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('lifecycle', () => {
  it('publish is public, once; update keeps a published code; unpublish needs a reason and is public', async () => {
    const id = (await create(licence({ code: 'L-1', name: '未按规定公示年度报告' }))).data.id;
    const pub = await h.gql(PUBLISH, { id }, w.tokens.supervisor);
    expect(expectTyped(pub.data.publishMatter, 'MutationPublishMatterSuccess').data.published).toBe(true);
    expect(await lastEvent('matter.published')).toMatchObject({ public: true, agencyId: w.justice.id });
    expectTyped((await h.gql(PUBLISH, { id }, w.tokens.supervisor)).data.publishMatter, 'RuleViolation', {
      rule: 'MATTER_ALREADY_PUBLISHED',
    });

    // a published matter may be corrected (cases copy their provisions), but keeps its code
    const upd = await h.gql(
      UPDATE,
      { id, input: licence({ code: 'L-1', name: '未按规定公示年度报告', fineMinFen: 100_000 }) },
      w.tokens.adminA,
    );
    expect(expectTyped(upd.data.updateMatter, 'MutationUpdateMatterSuccess').data).toMatchObject({
      fineMinFen: 100_000,
      published: true,
    });
    const e = await lastEvent('matter.updated');
    expect(e).toMatchObject({ public: true });
    expect(e!.payload).toMatchObject({ changed: ['fineMinFen'] });
    expectTyped(
      (await h.gql(UPDATE, { id, input: licence({ code: 'L-2', name: '未按规定公示年度报告' }) }, w.tokens.adminA)).data
        .updateMatter,
      'RuleViolation',
      { rule: 'MATTER_CODE_FIXED' },
    );
    // moving it to a domain the admin does not hold is refused
    expectTyped(
      (await h.gql(UPDATE, { id, input: licence({ code: 'L-1', domain: '生态环境' }) }, w.tokens.adminA)).data
        .updateMatter,
      'ForbiddenError',
    );
    // another domain's admin cannot touch it
    expectTyped(
      (await h.gql(UNPUBLISH, { id, r: '依据已废止' }, w.tokens.adminB)).data.unpublishMatter,
      'ForbiddenError',
    );

    const un = await h.gql(UNPUBLISH, { id, r: '依据已废止' }, w.tokens.adminA);
    expect(expectTyped(un.data.unpublishMatter, 'MutationUnpublishMatterSuccess').data.published).toBe(false);
    expect((await lastEvent('matter.unpublished'))!.payload).toMatchObject({ reason: '依据已废止', published: false });
    expectTyped((await h.gql(UNPUBLISH, { id, r: '再次' }, w.tokens.adminA)).data.unpublishMatter, 'RuleViolation', {
      rule: 'MATTER_NOT_PUBLISHED',
    });
    // a draft's code may change
    const renamed = await h.gql(
      UPDATE,
      { id, input: licence({ code: 'L-1B', name: '未按规定公示年度报告' }) },
      w.tokens.adminA,
    );
    expect(expectTyped(renamed.data.updateMatter, 'MutationUpdateMatterSuccess').data.code).toBe('L-1B');
  });

  it('an unknown matter is NotFound; a wrong id type is a ValidationError', async () => {
    expectTyped(
      (await h.gql(PUBLISH, { id: gid('EnforcementMatter', 999999) }, w.tokens.sysAdmin)).data.publishMatter,
      'NotFoundError',
    );
    expectTyped(
      (await h.gql(PUBLISH, { id: gid('Agency', w.agencyA.id) }, w.tokens.sysAdmin)).data.publishMatter,
      'ValidationError',
    );
    expect(idOf(gid('EnforcementMatter', 7))).toBe(7);
  });
});

describe('CSV import and export', () => {
  const IMPORT = `mutation($csv: String!) { importMattersCsv(csvText: $csv) { ${ERR} ... on MutationImportMattersCsvSuccess { data { created updated
    unchanged } } } }`;
  const HEADER =
    '事项编码,事项名称,监管领域,实施主体类别,违法依据,处罚依据,处罚种类,罚款下限（元）,罚款上限（元）,违法所得倍数下限,违法所得倍数上限,追责时效（年）';
  const rowA =
    'CSV-001,未按规定公示营业执照,市场监管,县行政执法机关,《市场主体登记管理条例》第三十六条,《市场主体登记管理条例》第四十八条,罚款,,30000,,,2';
  const rowB =
    'CSV-002,经营超过保质期的食品,市场监管,县行政执法机关、镇区,《食品安全法》第三十四条,《食品安全法》第一百二十四条,没收违法所得、罚款、吊销许可证件,50000,100000,10,20,5';
  const exportCsv = async (token?: string, published?: boolean) =>
    (
      await h.gql(
        `query($p: Boolean) { exportMattersCsv(domain: "市场监管", search: "CSV-", published: $p) }`,
        { p: published ?? null },
        token,
      )
    ).data.exportMattersCsv as string;

  it('imports all or nothing: one bad row refuses the file, every problem with line and column', async () => {
    const before = await h.db.prisma.enforcementMatter.count();
    const bad = `${HEADER}\n${rowA}\nCSV-003,范围颠倒,市场监管,县行政执法机关,第一条,第二条,罚款,30000.01,30000,,,3\n`;
    const r = expectTyped(
      (await h.gql(IMPORT, { csv: bad }, w.tokens.adminA)).data.importMattersCsv,
      'ValidationError',
    );
    expect(r.issues).toEqual([
      expect.objectContaining({
        path: ['csv', '3', '罚款下限（元）'],
        message: expect.stringContaining(
          '第 3 行「罚款下限（元）」：罚款下限 ¥30000.01 高于上限 ¥30000（行政处罚法第34条）',
        ),
      }),
      expect.objectContaining({
        path: ['csv', '3', '追责时效（年）'],
        messageEn: expect.stringContaining('line 3, column "追责时效（年）"'),
      }),
    ]);
    expect(await h.db.prisma.enforcementMatter.count()).toBe(before);
  });

  it('an officer may not import; an admin of another domain is refused naming the lines, writing nothing', async () => {
    expectTyped(
      (await h.gql(IMPORT, { csv: `${HEADER}\n${rowA}\n` }, w.tokens.officerA)).data.importMattersCsv,
      'ForbiddenError',
    );
    const r = expectTyped(
      (await h.gql(IMPORT, { csv: `${HEADER}\n${rowA}\n${rowB}\n` }, w.tokens.adminB)).data.importMattersCsv,
      'ForbiddenError',
    );
    expect(r.messageEn).toContain('line(s) 2, 3');
    expect(await h.db.prisma.enforcementMatter.count({ where: { code: { startsWith: 'CSV-' } } })).toBe(0);
  });

  it('creates drafts, then updates by code and leaves identical rows alone; export → import is a no-op', async () => {
    const first = await h.gql(IMPORT, { csv: `\uFEFF${HEADER}\r\n${rowA}\r\n${rowB}\r\n` }, w.tokens.adminA);
    expect(expectTyped(first.data.importMattersCsv, 'MutationImportMattersCsvSuccess').data).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    const b = await h.db.prisma.enforcementMatter.findUniqueOrThrow({ where: { code: 'CSV-002' } });
    expect(b).toMatchObject({
      published: false,
      agencyKinds: ['ENFORCEMENT_AGENCY', 'TOWNSHIP'],
      fineMinFen: 5_000_000n,
      gainsMultipleMax: 20,
      limitationYears: 5,
    });
    const imported = await lastEvent('matter.imported');
    expect(imported).toMatchObject({ agencyId: w.agencyA.id, public: false, actor: `person:${w.people.adminA.id}` });
    expect(imported!.payload).toEqual({
      created: [
        { matterId: expect.any(Number), code: 'CSV-001' },
        { matterId: b.id, code: 'CSV-002' },
      ],
      updated: [],
      unchanged: 0,
    });

    const again = await h.gql(
      IMPORT,
      { csv: `${HEADER}\n${rowA.replace(',30000,', ',20000,')}\n${rowB}\n` },
      w.tokens.supervisor,
    );
    expect(expectTyped(again.data.importMattersCsv, 'MutationImportMattersCsvSuccess').data).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    expect((await lastEvent('matter.imported'))!.payload).toMatchObject({
      created: [],
      updated: [{ code: 'CSV-001', changed: ['fineMaxFen'] }],
      unchanged: 1,
    });
    // a published matter changed by an import is announced publicly, as a form edit would be
    await h.db.prisma.enforcementMatter.update({
      where: { code: 'CSV-001' },
      data: { published: true, publishedAt: new Date() },
    });
    const pub = await h.gql(IMPORT, { csv: `${HEADER}\n${rowA.replace(',30000,', ',25000,')}\n` }, w.tokens.adminA);
    expect(expectTyped(pub.data.importMattersCsv, 'MutationImportMattersCsvSuccess').data).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    expect(await lastEvent('matter.updated')).toMatchObject({
      public: true,
      payload: expect.objectContaining({ code: 'CSV-001', via: 'csv', changed: ['fineMaxFen'] }),
    });
    await h.gql(IMPORT, { csv: `${HEADER}\n${rowA.replace(',30000,', ',20000,')}\n` }, w.tokens.adminA);
    await h.db.prisma.enforcementMatter.update({
      where: { code: 'CSV-001' },
      data: { published: false, publishedAt: null },
    });

    // the public sees no drafts in the export; staff do
    expect((await exportCsv()).split('\r\n').filter(Boolean)).toHaveLength(1);
    const csv = await exportCsv(w.tokens.officerA);
    // The 并处 and 裁量基准 columns follow (empty for these matters).
    expect(
      csv.startsWith(`\uFEFF${HEADER},违法所得不足（元）适用罚款幅度,必处种类（并处）,选处种类,不予处罚情形,`),
    ).toBe(true);
    expect(csv).toContain(
      `CSV-001,未按规定公示营业执照,市场监管,县行政执法机关,《市场主体登记管理条例》第三十六条,《市场主体登记管理条例》第四十八条,罚款,,20000,,,2,,,,${',,,,'.repeat(4)}\r\n`,
    );
    expect(csv).toContain('没收违法所得、罚款、吊销许可证件,50000,100000,10,20,5');
    const events = await h.db.prisma.event.count();
    const roundTrip = await h.gql(IMPORT, { csv }, w.tokens.adminA);
    expect(expectTyped(roundTrip.data.importMattersCsv, 'MutationImportMattersCsvSuccess').data).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(await h.db.prisma.event.count()).toBe(events);
  });
});

describe('并处, the fallback range and the 裁量基准 (行政处罚法 第34条): maintained and published with the matter', () => {
  const BENCH = `benchmark { tier fineMinFen fineMaxFen penaltyKinds circumstances } mandatoryKinds alternativeKinds fallbackBelowFen`;
  const CREATE_B = CREATE.replace('publishedAt } }', `publishedAt ${BENCH} } }`);
  const tiers = (lighterMax: number) => [
    {
      tier: 'LIGHTER',
      fineMaxFen: lighterMax,
      penaltyKinds: ['FINE'],
      circumstances: '主动消除或者减轻违法行为危害后果',
    },
    { tier: 'GENERAL', fineMinFen: lighterMax, fineMaxFen: 2_100_000 },
    { tier: 'HEAVIER', fineMinFen: 2_100_000, fineMaxFen: 3_000_000, circumstances: '经责令改正拒不改正' },
  ];

  it('a benchmark within the range is kept; a tier one fen above the maximum, or without its circumstances, is refused', async () => {
    const ok = await h.gql(
      CREATE_B,
      { input: licence({ code: 'BM-1', mandatoryKinds: ['FINE'], benchmark: tiers(900_000) }) },
      w.tokens.adminA,
    );
    expect(ok.data.createMatter.data).toMatchObject({
      mandatoryKinds: ['FINE'],
      alternativeKinds: [],
      benchmark: [
        { tier: 'LIGHTER', fineMinFen: null, fineMaxFen: 900_000, penaltyKinds: ['FINE'] },
        { tier: 'GENERAL', fineMinFen: 900_000, fineMaxFen: 2_100_000, penaltyKinds: [], circumstances: '' },
        { tier: 'HEAVIER', fineMinFen: 2_100_000, fineMaxFen: 3_000_000 },
      ],
    });
    const before = await h.db.prisma.enforcementMatter.count();
    const above = await h.gql(
      CREATE_B,
      { input: licence({ code: 'BM-2', benchmark: [{ ...tiers(900_000)[2], fineMaxFen: 3_000_001 }] }) },
      w.tokens.adminA,
    );
    expectTyped(above.data.createMatter, 'RuleViolation', { rule: 'MATTER_BENCHMARK', zh: ['从重', '第34条'] });
    const bare = await h.gql(
      CREATE_B,
      { input: licence({ code: 'BM-3', benchmark: [{ tier: 'LIGHTER', fineMaxFen: 900_000 }] }) },
      w.tokens.adminA,
    );
    expectTyped(bare.data.createMatter, 'RuleViolation', { rule: 'MATTER_BENCHMARK', zh: '适用情形' });
    expect(await h.db.prisma.enforcementMatter.count()).toBe(before);
  });

  it('并处 kinds are among the matter’s kinds; alternatives come two or more; a threshold needs a multiple and a range', async () => {
    const outside = await h.gql(
      CREATE_B,
      { input: licence({ code: 'JK-1', mandatoryKinds: ['WARNING'] }) },
      w.tokens.adminA,
    );
    expectTyped(outside.data.createMatter, 'RuleViolation', { rule: 'MATTER_JOINT_KINDS', zh: '警告' });
    const single = await h.gql(
      CREATE_B,
      { input: licence({ code: 'JK-2', penaltyKinds: ['WARNING', 'FINE'], alternativeKinds: ['FINE'] }) },
      w.tokens.adminA,
    );
    expectTyped(single.data.createMatter, 'RuleViolation', { rule: 'MATTER_JOINT_KINDS', en: 'at least two' });
    const threshold = await h.gql(
      CREATE_B,
      { input: licence({ code: 'JK-3', fallbackBelowFen: 1_000_000 }) },
      w.tokens.adminA,
    );
    expectTyped(threshold.data.createMatter, 'RuleViolation', { rule: 'MATTER_FALLBACK_RANGE' });
    const fine = await h.gql(
      CREATE_B,
      {
        input: licence({
          code: 'JK-4',
          penaltyKinds: ['FINE', 'CONFISCATE_GAINS'],
          mandatoryKinds: ['CONFISCATE_GAINS', 'FINE'],
          gainsMultipleMin: 1,
          gainsMultipleMax: 5,
          fineMaxFen: 5_000_000,
          fallbackBelowFen: 1_000_000,
        }),
      },
      w.tokens.adminA,
    );
    expect(fine.data.createMatter.data).toMatchObject({
      fallbackBelowFen: 1_000_000,
      mandatoryKinds: ['CONFISCATE_GAINS', 'FINE'],
    });
  });

  it('the CSV carries them: export, then import gives the same matter back unchanged; a bad tier cell names its column', async () => {
    const r = await h.gql(
      CREATE_B,
      { input: licence({ code: 'BM-CSV', mandatoryKinds: ['FINE'], benchmark: tiers(600_000) }) },
      w.tokens.adminA,
    );
    expectTyped(r.data.createMatter, 'MutationCreateMatterSuccess');
    const csv = (await h.gql(`query { exportMattersCsv(search: "BM-CSV") }`, {}, w.tokens.adminA)).data
      .exportMattersCsv as string;
    expect(csv).toContain('从轻情形');
    expect(csv).toContain('主动消除或者减轻违法行为危害后果');
    const IMPORT = `mutation($t: String) { importMattersCsv(csvText: $t) { ${ERR}
      ... on MutationImportMattersCsvSuccess { data { created updated unchanged } } } }`;
    expect((await h.gql(IMPORT, { t: csv }, w.tokens.adminA)).data.importMattersCsv.data).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    const bad = await h.gql(IMPORT, { t: csv.replace(',6000,罚款,', ',30000.01,罚款,') }, w.tokens.adminA);
    expectTyped(bad.data.importMattersCsv, 'ValidationError');
    expect(bad.data.importMattersCsv.issues.map((i: GqlJson) => i.path)).toEqual([['csv', '2', '从轻情形']]);
  });
});
