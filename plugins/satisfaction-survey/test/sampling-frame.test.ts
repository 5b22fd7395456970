// The sampling frame 抽样框 (county plan task 13; 统计调查 sampling practice): sample sizes against hand-computed
// values and the finite-population correction at its edges; strata counted from the cases registered in the period
// (its first and last instants, Asia/Shanghai), one grouped statement whatever the number of agencies; frozen when
// the campaign opens; the organisation's CSV and xlsx files, paged by enterprise; who may read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { completeUscc } from '@zhifa/core/rules';
import { countStatements, gid, type GqlJson } from '@zhifa/testkit';
import { infiniteSampleSize, sampleSize, Z95 } from '../src/rules/sample-size.js';
import { createCampaign, createWorld, type CampaignFixture, type World } from './fixtures.js';
import { OPEN, out, SET_QUESTIONNAIRE, STANDARD_INPUT } from './campaign-helpers.js';

describe('sample size n = z²·p(1−p)/e², finite-population corrected', () => {
  it('is ≈ 277.9 before correction at p = 0.93, e = 0.03, z = 1.96: 278 for a large stratum', () => {
    expect(infiniteSampleSize(0.93, 0.03, 1.96)).toBeCloseTo(277.8757, 4);
    expect(infiniteSampleSize(0.93, 0.03)).toBeCloseTo(277.8655, 4);
    expect(Z95).toBe(1.959963984540054);
    for (const N of [1e6, 1e9, Number.MAX_SAFE_INTEGER]) {
      expect(sampleSize(N, 0.93, 0.03)).toBe(278);
      expect(sampleSize(N, 0.93, 0.03, 1.96)).toBe(278);
    }
    // The textbook value: p = 0.5, e = 0.05 gives 384.15, so 385.
    expect(sampleSize(1e9, 0.5, 0.05)).toBe(385);
  });

  it('corrects for small strata and never asks for more than there are', () => {
    expect(sampleSize(0, 0.93, 0.03)).toBe(0);
    expect(sampleSize(1, 0.93, 0.03)).toBe(1);
    expect(sampleSize(2, 0.93, 0.03)).toBe(2);
    // 277.87 / (1 + 276.87/10) = 9.69 → 10: the whole stratum; 11 → 10.62 → 11.
    expect(sampleSize(10, 0.93, 0.03)).toBe(10);
    expect(sampleSize(11, 0.93, 0.03)).toBe(11);
    // 277.87 / (1 + 276.87/100) = 73.74 → 74; N = 1000: 217.6 → 218.
    expect(sampleSize(100, 0.93, 0.03)).toBe(74);
    expect(sampleSize(1000, 0.93, 0.03)).toBe(218);
    // A wide margin: n0 = 6.25; N = 4 → 2.70 → 3.
    expect(sampleSize(4, 0.93, 0.2)).toBe(3);
  });
});

let w: World;
let sup: string;
const ent: number[] = [];
let draft: CampaignFixture;

/** An enterprise party to cases: `at` is the case's registration instant. */
async function enterprise(i: number): Promise<number> {
  const e = await w.h.db.prisma.enterprise.create({
    data: {
      uscc: completeUscc(`91320923MA${String(i).padStart(7, '0')}`),
      name: `抽样企业${i}`,
      kind: 'COMPANY',
      legalRepresentative: '王某',
      address: `阜宁县益林镇${i}号`,
      townshipId: w.township.id,
      industry: '食品',
      scale: 'SMALL',
      employees: 5,
      creditRiskClass: 'B',
    },
  });
  return e.id;
}
let caseNo = 0;
const cases = (rows: { agencyId: number; enterpriseId: number | null; at: string }[]) =>
  w.h.db.prisma.enforcementCase.createMany({
    data: rows.map((r) => ({
      number: `抽样〔2026〕${++caseNo}号`,
      agencyId: r.agencyId,
      partyKind: r.enterpriseId ? ('ENTERPRISE' as const) : ('NATURAL_PERSON' as const),
      enterpriseId: r.enterpriseId,
      partyDescription: r.enterpriseId ? null : '某自然人',
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条',
      registeredAt: new Date(r.at),
    })),
  });

beforeAll(async () => {
  w = await createWorld();
  sup = w.tokens.supervisor;
  ent.push(w.enterprise.id);
  for (let i = 1; i <= 5; i++) ent.push(await enterprise(i));
  const [e1, e2, e3, e4, e5, e6] = ent;
  const A = w.agencyA.id;
  const B = w.agencyB.id;
  // Period 2026-01-01 … 2026-06-30 in Asia/Shanghai: from 2025-12-31T16:00Z up to 2026-06-30T16:00Z (excluded).
  await cases([
    { agencyId: A, enterpriseId: e1, at: '2026-02-01T02:00:00Z' },
    { agencyId: A, enterpriseId: e1, at: '2026-03-01T02:00:00Z' }, // the same enterprise twice: counted once
    { agencyId: A, enterpriseId: e2, at: '2026-04-01T02:00:00Z' },
    { agencyId: A, enterpriseId: e3, at: '2025-12-31T16:00:00.000Z' }, // the first instant: in
    { agencyId: A, enterpriseId: e4, at: '2025-12-31T15:59:59.999Z' }, // the instant before: out
    { agencyId: A, enterpriseId: e5, at: '2026-06-30T15:59:59.999Z' }, // the last instant: in
    { agencyId: A, enterpriseId: e6, at: '2026-06-30T16:00:00.000Z' }, // the instant after: out
    { agencyId: A, enterpriseId: null, at: '2026-02-01T02:00:00Z' }, // a natural person: not in the frame
    { agencyId: B, enterpriseId: e1, at: '2026-05-01T02:00:00Z' },
    { agencyId: B, enterpriseId: e2, at: '2026-05-02T02:00:00Z' },
  ]);
  draft = await createCampaign(w, { status: 'DRAFT' });
  await w.h.db.prisma.surveyCampaign.update({
    where: { id: draft.id },
    data: { periodEnd: new Date('2026-06-30') },
  });
});
afterAll(() => w?.h.close());

const FRAME = `query($id: ID!, $margin: Float, $p: Float, $first: Int, $after: String) { node(id: $id) {
  ... on SurveyCampaign { samplingFrame(margin: $margin, expectedRate: $p, first: $first, after: $after) {
    totalCount margin expectedRate frozen population sampleSize
    pageInfo { hasNextPage endCursor }
    edges { cursor node { agency { id name } population sampleSize } } } } } }`;

const frame = async (id: string, vars: Record<string, unknown> = {}, token: string | undefined = sup) => {
  const res = await w.h.gql(FRAME, { id, ...vars }, token);
  return res;
};
const strata = (f: GqlJson) => f.edges.map((e: GqlJson) => [e.node.agency.id, e.node.population, e.node.sampleSize]);

describe('the frame', () => {
  it('counts the distinct enterprises with a case registered in the period, per evaluated agency', async () => {
    const res = await frame(draft.gid);
    expect(res.errors).toBeUndefined();
    const f = res.data.node.samplingFrame;
    expect(f).toMatchObject({ totalCount: 2, margin: 0.03, expectedRate: 0.93, frozen: false });
    expect(strata(f)).toEqual([
      [w.agencyA.gid, 4, 4],
      [w.agencyB.gid, 2, 2],
    ]);
    expect([f.population, f.sampleSize]).toEqual([6, 6]);
  });

  it('recomputes the sample sizes for the margin and expected rate asked', async () => {
    const f = (await frame(draft.gid, { margin: 0.2, p: 0.5 })).data.node.samplingFrame;
    // n0 = 1.96²·0.25/0.04 = 24.0; N = 4: 24.0/(1 + 23.0/4) = 3.56 → 4; N = 2 → 1.85 → 2.
    expect(strata(f)).toEqual([
      [w.agencyA.gid, 4, sampleSize(4, 0.5, 0.2)],
      [w.agencyB.gid, 2, sampleSize(2, 0.5, 0.2)],
    ]);
    const g = (await frame(draft.gid, { margin: 0.2 })).data.node.samplingFrame;
    expect(strata(g).map((s: number[]) => s[2])).toEqual([3, 2]);
  });

  it('pages its strata with the cursors it hands out', async () => {
    const p1 = (await frame(draft.gid, { first: 1 })).data.node.samplingFrame;
    expect(strata(p1)).toEqual([[w.agencyA.gid, 4, 4]]);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await frame(draft.gid, { first: 1, after: p1.pageInfo.endCursor })).data.node.samplingFrame;
    expect(strata(p2)).toEqual([[w.agencyB.gid, 2, 2]]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a margin or an expected rate out of range, at their boundaries', async () => {
    for (const [vars, ok] of [
      [{ margin: 0.005 }, true],
      [{ margin: 0.0049 }, false],
      [{ margin: 0.2 }, true],
      [{ margin: 0.2001 }, false],
      [{ p: 0.99 }, true],
      [{ p: 0.991 }, false],
      [{ p: 0 }, false],
    ] as const) {
      const res = await frame(draft.gid, vars);
      if (ok) expect(res.errors, JSON.stringify(vars)).toBeUndefined();
      else expect(res.errors?.[0].extensions.code, JSON.stringify(vars)).toBe('VALIDATION_FAILED');
    }
  });

  it('is counted in one grouped statement, however many agencies are evaluated', async () => {
    const more: number[] = [];
    for (let i = 0; i < 5; i++)
      more.push(
        (await w.h.db.prisma.agency.create({ data: { name: `被评价单位${i}`, kind: 'ENFORCEMENT_AGENCY' } })).id,
      );
    const big = await createCampaign(w, { status: 'DRAFT', evaluated: [w.agencyA.id, w.agencyB.id, ...more] });
    const small = await countStatements(w.h, () => frame(draft.gid));
    const large = await countStatements(w.h, () => frame(big.gid));
    expect(large.result.data.node.samplingFrame.totalCount).toBe(7);
    expect(large.count, large.statements.join('\n')).toBe(small.count);
    expect(large.statements.filter((s) => s.includes('"EnforcementCase"'))).toHaveLength(1);
  });

  it('is frozen when the campaign opens: later cases do not change it; sample sizes follow the margin asked', async () => {
    const c = await createCampaign(w, { status: 'DRAFT' });
    await w.h.db.prisma.surveyCampaign.update({ where: { id: c.id }, data: { periodEnd: new Date('2026-06-30') } });
    await w.h.db.prisma.surveyQuestionnaire.deleteMany({ where: { campaignId: c.id } });
    out(await w.h.gql(SET_QUESTIONNAIRE, { id: c.gid, items: STANDARD_INPUT }, sup));
    expect(out(await w.h.gql(OPEN, { id: c.gid }, sup)).__typename).toBe('MutationOpenSurveyCampaignSuccess');
    const stored = await w.h.db.prisma.surveyStratum.findMany({
      where: { campaignId: c.id },
      orderBy: { agencyId: 'asc' },
    });
    expect(stored.map((s) => [s.agencyId, s.population, s.sampleSize])).toEqual([
      [w.agencyA.id, 4, 4],
      [w.agencyB.id, 2, 2],
    ]);
    await cases([{ agencyId: w.agencyB.id, enterpriseId: ent[5], at: '2026-06-01T02:00:00Z' }]);
    const f = (await frame(c.gid, { margin: 0.2 })).data.node.samplingFrame;
    expect(f.frozen).toBe(true);
    expect(strata(f)).toEqual([
      [w.agencyA.gid, 4, 3],
      [w.agencyB.gid, 2, 2],
    ]);
    // The draft's live frame sees the new case.
    expect(strata((await frame(draft.gid)).data.node.samplingFrame)[1]).toEqual([w.agencyB.gid, 3, 3]);
    await w.h.db.prisma.enforcementCase.deleteMany({ where: { number: `抽样〔2026〕${caseNo}号` } });
  });
});

const FILE = (format: 'Csv' | 'Xlsx') => `query($id: ID!, $first: Int, $after: ID) { node(id: $id) {
  ... on SurveyCampaign { samplingFrame${format}(first: $first, after: $after) { content rows hasNextPage endCursor } } } }`;
const file = async (format: 'Csv' | 'Xlsx', id: string, vars: Record<string, unknown> = {}, token: string = sup) => {
  const res = await w.h.gql(FILE(format), { id, ...vars }, token);
  expect(res.errors).toBeUndefined();
  return res.data.node[`samplingFrame${format}`];
};
const HEADER = ['所属层（被评价单位）', '企业名称', '统一社会信用代码', '联系渠道（登记地址）'];

describe('the files', () => {
  it('lists stratum, enterprise name, USCC and registered address — nothing of officers or cases — as CSV and xlsx', async () => {
    const e = await w.h.db.prisma.enterprise.findMany({ where: { id: { in: ent } }, orderBy: { id: 'asc' } });
    const row = (agency: string, i: number) => [agency, e[i].name, e[i].uscc, e[i].address];
    const A = w.agencyA.name;
    const B = w.agencyB.name;
    // Enterprise by enterprise (e1 in both strata), the period's edges as in the counts; e6's case is after it.
    const expected = [HEADER, row(A, 0), row(B, 0), row(A, 1), row(B, 1), row(A, 2), row(A, 4)];
    const csv = await file('Csv', draft.gid);
    expect(csv).toMatchObject({ rows: 6, hasNextPage: false, endCursor: null });
    expect(csv.content).toBe('\uFEFF' + expected.map((r) => r.join(',')).join('\r\n') + '\r\n');
    const xlsx = await file('Xlsx', draft.gid);
    expect(xlsx.rows).toBe(6);
    expect(await readSheet(Buffer.from(xlsx.content as string, 'base64'))).toEqual(expected);
    expect(csv.content).not.toMatch(/张执法|抽样〔2026〕|市场主体登记管理条例/);
  });

  it('lists, once the campaign is open, the enterprises frozen at opening — not those of cases registered since', async () => {
    const e7 = await enterprise(7);
    const campaign = async () => {
      const c = await createCampaign(w, { status: 'DRAFT', evaluated: [w.agencyA.id] });
      await w.h.db.prisma.surveyCampaign.update({ where: { id: c.id }, data: { periodEnd: new Date('2027-12-31') } });
      return c;
    };
    const opened = await campaign();
    const live = await campaign();
    expect(out(await w.h.gql(OPEN, { id: opened.gid }, sup)).__typename).toBe('MutationOpenSurveyCampaignSuccess');
    // Registered a second after the opening, as core registers a case: at the moment it is opened.
    await cases([{ agencyId: w.agencyA.id, enterpriseId: e7, at: new Date(Date.now() + 1000).toISOString() }]);
    expect((await file('Csv', opened.gid)).content).not.toContain('抽样企业7');
    expect((await file('Csv', live.gid)).content).toContain('抽样企业7');
    const population = async (id: string) =>
      (await frame(id)).data.node.samplingFrame.edges[0].node.population as number;
    expect(await population(live.gid)).toBe((await population(opened.gid)) + 1);
    await w.h.db.prisma.enforcementCase.deleteMany({ where: { number: `抽样〔2026〕${caseNo}号` } });
  });

  it('pages by enterprise, at most `first` rows, never splitting an enterprise; says when there is more', async () => {
    const c = await createCampaign(w, { status: 'DRAFT' });
    await w.h.db.prisma.surveyCampaign.update({
      where: { id: c.id },
      data: { periodStart: new Date('2027-01-01'), periodEnd: new Date('2027-12-31') },
    });
    const many: number[] = [];
    for (let i = 0; i < 60; i++) many.push(await enterprise(100 + i));
    await cases(
      many.flatMap((enterpriseId) => [
        { agencyId: w.agencyA.id, enterpriseId, at: '2027-03-01T02:00:00Z' },
        { agencyId: w.agencyB.id, enterpriseId, at: '2027-03-01T02:00:00Z' },
      ]),
    );
    // 120 rows, two per enterprise: a page of 101 would end in the middle of the 51st enterprise.
    const p1 = await file('Csv', c.gid, { first: 101 });
    expect(p1).toMatchObject({ rows: 100, hasNextPage: true, endCursor: gid('Enterprise', many[49]) });
    const p2 = await file('Csv', c.gid, { first: 101, after: p1.endCursor });
    expect(p2).toMatchObject({ rows: 20, hasNextPage: false, endCursor: null });
    expect((p2.content as string).split('\r\n')[1]).toContain('抽样企业150');
    const whole = await file('Xlsx', c.gid);
    expect(whole).toMatchObject({ rows: 120, hasNextPage: false });
    for (const [first, ok] of [
      [100, true],
      [99, false],
      [5000, true],
      [5001, false],
    ] as const) {
      const res = await w.h.gql(FILE('Csv'), { id: c.gid, first }, sup);
      if (ok) expect(res.errors).toBeUndefined();
      else expect(res.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('who reads the frame', () => {
  it('supervisors and the executing organisation; not the evaluated agency, the public, or another organisation', async () => {
    const pub = await createCampaign(w, { status: 'PUBLISHED' });
    // Written directly, as the campaign was: the strata opening would have frozen.
    await w.h.db.prisma.surveyStratum.createMany({
      data: [
        { campaignId: pub.id, agencyId: w.agencyA.id, population: 4, sampleSize: 4 },
        { campaignId: pub.id, agencyId: w.agencyB.id, population: 2, sampleSize: 2 },
      ],
    });
    expect((await frame(pub.gid, {}, w.orgKey)).data.node.samplingFrame.totalCount).toBe(2);
    expect((await file('Csv', pub.gid, {}, w.orgKey)).rows).toBeGreaterThan(0);
    const refused = async (token: string | undefined, code: string) => {
      for (const q of [FRAME, FILE('Csv'), FILE('Xlsx')]) {
        const res = await w.h.gql(q, { id: pub.gid }, token);
        expect(Object.values(res.data.node as Record<string, unknown>).every((v) => v === null)).toBe(true);
        expect(res.errors?.[0].extensions.code).toBe(code);
      }
    };
    await refused(w.tokens.officerA, 'FORBIDDEN');
    await refused(w.tokens.enterprise, 'FORBIDDEN');
    await refused(undefined, 'UNAUTHENTICATED');
    // Another organisation sees the published campaign, not its frame; a campaign it does not see is null.
    await refused(w.otherOrgKey, 'FORBIDDEN');
    const res = await w.h.gql(FRAME, { id: draft.gid }, w.otherOrgKey);
    expect(res.data.node).toBeNull();
  });
});
