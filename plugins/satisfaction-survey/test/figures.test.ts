// Figures through the graph, read from rollups written with the one rollup writer: the values (hand-computed),
// the quality filter, and visibility per role — supervisors everything; an evaluated agency's staff their own
// agency, without business respondents, cells under 10 answers suppressed (9 hidden, 10 shown); the survey
// organisation none; the public a published campaign's, suppressed alike. Exports and free text alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, gid, type GqlJson } from '@zhifa/testkit';
import { readFigures } from '../src/figures.js';
import { createCampaign, createWorld, type CampaignFixture, type World } from './fixtures.js';
import { all, writeAnswers } from './figure-fixtures.js';

let w: World;
let open: CampaignFixture;
let published: CampaignFixture;

beforeAll(async () => {
  w = await createWorld();
  const [A, B, T1, T2] = [w.agencyA.id, w.agencyB.id, w.township.id, w.township2.id];
  open = await createCampaign(w);
  await writeAnswers(w, open, [
    { agencyId: A, townshipId: T1, answers: all('VERY_SATISFIED'), times: 8 },
    { agencyId: A, townshipId: T1, answers: all('DISSATISFIED'), times: 2 },
    { agencyId: A, townshipId: T2, answers: all('SATISFIED'), times: 9 },
    { agencyId: A, townshipId: T1, respondentType: 'ENTERPRISE', answers: all('VERY_DISSATISFIED'), times: 10 },
    { agencyId: A, townshipId: T1, quality: 'FLAGGED', answers: all('BASICALLY_SATISFIED') },
    { agencyId: B, townshipId: T1, answers: all('SATISFIED'), times: 20 },
  ]);
  await w.h.db.prisma.surveyStratum.createMany({
    data: [
      { campaignId: open.id, agencyId: A, population: 300, sampleSize: 150 },
      { campaignId: open.id, agencyId: B, population: 100, sampleSize: 80 },
    ],
  });
  published = await createCampaign(w, { status: 'PUBLISHED', title: '2025年度行政执法满意度调查' });
  await writeAnswers(w, published, [
    { agencyId: A, townshipId: T1, answers: all('VERY_SATISFIED'), times: 10 },
    { agencyId: A, townshipId: T2, answers: all('VERY_SATISFIED'), times: 9 },
    { agencyId: B, townshipId: T1, respondentType: 'ENTERPRISE', answers: all('DISSATISFIED'), times: 10 },
  ]);
});
afterAll(() => w?.h.close());

const FIG = `agency { name } township { name } respondentType dimension suppressed validAnswers satisfiedAnswers
  rate score interval { low high } verdict flaggedAnswers unconfirmedAnswers`;

async function figures(c: CampaignFixture, token: string | undefined, groupBy: string[], quality?: string[]) {
  const r = await w.h.gql(
    `query($id: ID!, $g: [SurveyFigureKey!], $q: [SurveyQuality!]) { node(id: $id) { ... on SurveyCampaign {
      figures(groupBy: $g, quality: $q, first: 100) { edges { node { ${FIG} } } } } } }`,
    { id: c.gid, g: groupBy, q: quality ?? null },
    token,
  );
  return r;
}
const nodes = (r: GqlJson) => r.data.node.figures.edges.map((e: GqlJson) => e.node);
const brief = (f: GqlJson) => [f.agency?.name ?? null, f.township?.name ?? null, f.validAnswers, f.satisfiedAnswers];

describe('values', () => {
  it('readFigures: overall rate over the OVERALL item, score over every item, flagged shown apart', async () => {
    const f = await readFigures(w.h.db.prisma, open.id, ['AGENCY', 'TOWNSHIP']);
    expect(f.map((x) => [x.agencyId, x.townshipId, x.figure!.validAnswers, x.figure!.satisfiedAnswers])).toEqual([
      [w.agencyA.id, w.township.id, 21, 8],
      [w.agencyA.id, w.township2.id, 9, 9],
      [w.agencyB.id, w.township.id, 20, 20],
    ]);
    // 8·100 + 2·30 + 10·0 + 1·60 over 21 respondents (each answered every item alike: weights cancel).
    expect(f[0].figure!.score).toBeCloseTo(920 / 21, 10);
    expect(f[0].flaggedAnswers).toBe(1);
    const clean = await readFigures(w.h.db.prisma, open.id, ['AGENCY', 'TOWNSHIP'], ['CLEAN']);
    expect(clean[0].figure!.validAnswers).toBe(20);
    expect(clean[0].flaggedAnswers).toBe(1);
  });

  it('by dimension: every five-level item of the dimension (Q3 counts once per respondent, its weight only in the score)', async () => {
    const f = await readFigures(w.h.db.prisma, open.id, ['AGENCY', 'DIMENSION'], ['CLEAN']);
    const fair = f.find((x) => x.agencyId === w.agencyA.id && x.dimension === 'FAIRNESS')!;
    expect(fair.figure).toMatchObject({ validAnswers: 29, satisfiedAnswers: 17, score: (800 + 60 + 9 * 80) / 29 });
    expect(f.filter((x) => x.agencyId === w.agencyA.id)).toHaveLength(8);
  });

  it('the campaign as a whole: no key, one figure', async () => {
    const [whole] = await readFigures(w.h.db.prisma, open.id, []);
    expect(whole.figure).toMatchObject({ validAnswers: 50, satisfiedAnswers: 37, rate: 0.74, verdict: 'NOT_MET' });
  });
});

describe('SurveyCampaign.figures per role', () => {
  it('supervisor: everything, unsuppressed, business respondents included', async () => {
    const r = await figures(open, w.tokens.supervisor, ['AGENCY', 'TOWNSHIP']);
    expect(r.errors).toBeUndefined();
    expect(nodes(r).map(brief)).toEqual([
      [w.agencyA.name, w.township.name, 21, 8],
      [w.agencyA.name, w.township2.name, 9, 9],
      [w.agencyB.name, w.township.name, 20, 20],
    ]);
    expect(nodes(r)[1]).toMatchObject({ suppressed: false, rate: 1, interval: { high: 1 }, verdict: 'MET' });
  });

  it('the evaluated agency’s officer: own agency only, no enterprise answers, 10 answers shown and 9 suppressed', async () => {
    const r = await figures(open, w.tokens.officerA, ['AGENCY', 'TOWNSHIP'], ['CLEAN']);
    expect(r.errors).toBeUndefined();
    const [ten, nine, ...rest] = nodes(r);
    expect(rest).toEqual([]);
    expect(ten).toMatchObject({
      agency: { name: w.agencyA.name },
      township: { name: w.township.name },
      suppressed: false,
      validAnswers: 10,
      satisfiedAnswers: 8,
      rate: 0.8,
      score: 86,
      verdict: 'WITHIN_NOISE',
      flaggedAnswers: 1,
      unconfirmedAnswers: 0,
    });
    expect(ten.interval.low).toBeCloseTo(0.4901624715, 9);
    expect(ten.interval.high).toBeCloseTo(0.9433178485, 9);
    expect(nine).toEqual({
      agency: { name: w.agencyA.name },
      township: { name: w.township2.name },
      respondentType: null,
      dimension: null,
      suppressed: true,
      validAnswers: null,
      satisfiedAnswers: null,
      rate: null,
      score: null,
      interval: null,
      verdict: null,
      flaggedAnswers: null,
      unconfirmedAnswers: null,
    });
  });

  it('the officer asking by respondent type sees no business respondents at all', async () => {
    const r = await figures(open, w.tokens.officerA, ['RESPONDENT_TYPE']);
    expect(nodes(r).map((f: GqlJson) => [f.respondentType, f.validAnswers])).toEqual([['PUBLIC', 20]]);
  });

  it('another evaluated agency’s staff see their own agency alone', async () => {
    const r = await figures(open, w.tokens.officerB, ['AGENCY']);
    expect(nodes(r).map(brief)).toEqual([[w.agencyB.name, null, 20, 20]]);
  });

  it('the survey organisation reads no figures; the public cannot see an open campaign', async () => {
    const org = await figures(open, w.orgKey, ['AGENCY']);
    expect(org.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(org.data?.node.figures ?? null).toBeNull();
    const pub = await figures(open, undefined, ['AGENCY']);
    expect(pub.data.node).toBeNull();
  });

  it('a published campaign: everyone reads every agency and respondent type, cells under 10 suppressed', async () => {
    for (const token of [undefined, w.orgKey, w.tokens.officerA, w.tokens.enterprise]) {
      const r = await figures(published, token, ['AGENCY', 'TOWNSHIP']);
      expect(r.errors).toBeUndefined();
      expect(nodes(r).map((f: GqlJson) => [...brief(f), f.suppressed])).toEqual([
        [w.agencyA.name, w.township.name, 10, 10, false],
        [w.agencyA.name, w.township2.name, null, null, true],
        [w.agencyB.name, w.township.name, 10, 0, false],
      ]);
    }
    const sup = await figures(published, w.tokens.supervisor, ['AGENCY', 'TOWNSHIP']);
    expect(nodes(sup)[1]).toMatchObject({ suppressed: false, validAnswers: 9 });
  });

  it('pages through figures with the connection’s cursors', async () => {
    const q = `query($id: ID!, $after: String) { node(id: $id) { ... on SurveyCampaign {
      figures(groupBy: [AGENCY, TOWNSHIP], first: 2, after: $after) {
        edges { cursor node { validAnswers } } pageInfo { hasNextPage endCursor } } } } }`;
    const p1 = (await w.h.gql(q, { id: open.gid }, w.tokens.supervisor)).data.node.figures;
    expect(p1.edges.map((e: GqlJson) => e.node.validAnswers)).toEqual([21, 9]);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await w.h.gql(q, { id: open.gid, after: p1.pageInfo.endCursor }, w.tokens.supervisor)).data.node
      .figures;
    expect(p2.edges.map((e: GqlJson) => e.node.validAnswers)).toEqual([20]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const bad = await w.h.gql(q, { id: open.gid, after: 'nonsense' }, w.tokens.supervisor);
    expect(bad.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
  });
});

describe('Agency.satisfaction', () => {
  const Q = `query($c: ID!) { agencies(first: 50) { edges { node { name satisfaction(campaignId: $c) {
    overall { validAnswers satisfiedAnswers rate verdict suppressed } dimensions { dimension validAnswers } } } } } }`;
  const of = (r: GqlJson) =>
    Object.fromEntries(
      r.data.agencies.edges
        .filter((e: GqlJson) => e.node.satisfaction)
        .map((e: GqlJson) => [e.node.name, e.node.satisfaction]),
    );

  it('supervisor: every evaluated agency, overall over Q8 and eight dimensions', async () => {
    const s = of(await w.h.gql(Q, { c: open.gid }, w.tokens.supervisor));
    expect(Object.keys(s).sort()).toEqual([w.agencyA.name, w.agencyB.name].sort());
    expect(s[w.agencyA.name].overall).toMatchObject({ validAnswers: 30, satisfiedAnswers: 17, suppressed: false });
    expect(s[w.agencyA.name].dimensions).toHaveLength(8);
    expect(s[w.agencyB.name].overall).toMatchObject({ validAnswers: 20, rate: 1, verdict: 'MET' });
  });

  it('the agency’s staff: their own agency only, without enterprise answers', async () => {
    const s = of(await w.h.gql(Q, { c: open.gid }, w.tokens.adminA));
    expect(Object.keys(s)).toEqual([w.agencyA.name]);
    expect(s[w.agencyA.name].overall).toMatchObject({ validAnswers: 20, satisfiedAnswers: 17 });
  });

  it('the organisation and the public: nothing before publication', async () => {
    expect(of(await w.h.gql(Q, { c: open.gid }, w.orgKey))).toEqual({});
    expect(of(await w.h.gql(Q, { c: open.gid }))).toEqual({});
  });

  it('N+1 guard: a constant number of statements, whatever the number of evaluated agencies', async () => {
    const p = w.h.db.prisma;
    const extra = [];
    for (let i = 0; i < 6; i++)
      extra.push((await p.agency.create({ data: { name: `被评价单位${i}`, kind: 'ENFORCEMENT_AGENCY' } })).id);
    const wide = await createCampaign(w, { evaluated: [w.agencyA.id, w.agencyB.id, ...extra] });
    for (const agencyId of extra)
      await writeAnswers(w, wide, [{ agencyId, townshipId: w.township.id, answers: all('SATISFIED'), times: 3 }]);
    await w.h.gql(Q, { c: open.gid }, w.tokens.supervisor); // the viewer is looked up once, then cached
    const narrow = await countStatements(w.h, () => w.h.gql(Q, { c: open.gid }, w.tokens.supervisor));
    const many = await countStatements(w.h, () => w.h.gql(Q, { c: wide.gid }, w.tokens.supervisor));
    expect(Object.keys(of(many.result))).toHaveLength(8);
    expect(many.count).toBe(narrow.count);
    // The agencies' page, the campaign with its units, the rollups.
    expect(many.count).toBe(3);
  });
});

describe('countySatisfaction and surveyRanking', () => {
  const COUNTY = `query($c: ID!) { countySatisfaction(campaignId: $c) { targetRate verdict
    pooled { validAnswers satisfiedAnswers rate suppressed } stratified { rate strata verdict interval { low high } } } }`;
  const RANK = `query($c: ID!, $by: SurveyRankingBy!) { surveyRanking(campaignId: $c, by: $by, first: 10) {
    edges { node { rank figure { agency { name } township { name } rate score validAnswers suppressed } } } } }`;

  it('supervisor: pooled 37/50 = 0.74 (the verdict), stratified 0.75·17/30 + 0.25·1 = 0.675', async () => {
    const r = await w.h.gql(COUNTY, { c: open.gid }, w.tokens.supervisor);
    expect(r.errors).toBeUndefined();
    const c = r.data.countySatisfaction;
    expect(c).toMatchObject({
      targetRate: 0.93,
      verdict: 'NOT_MET',
      pooled: { validAnswers: 50, satisfiedAnswers: 37, rate: 0.74 },
    });
    expect(c.stratified.rate).toBeCloseTo(0.675, 12);
    expect(c.stratified.strata).toBe(2);
  });

  it('the agency’s staff and the organisation are refused before publication; the public sees nothing', async () => {
    for (const token of [w.tokens.officerA, w.orgKey]) {
      const r = await w.h.gql(COUNTY, { c: open.gid }, token);
      expect(r.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const k = await w.h.gql(RANK, { c: open.gid, by: 'AGENCY' }, token);
      expect(k.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    expect((await w.h.gql(COUNTY, { c: open.gid })).data.countySatisfaction).toBeNull();
  });

  it('published: the public reads the county figure and the ranking', async () => {
    const r = await w.h.gql(COUNTY, { c: published.gid });
    expect(r.data.countySatisfaction.pooled).toMatchObject({ validAnswers: 29, satisfiedAnswers: 19 });
    const k = await w.h.gql(RANK, { c: published.gid, by: 'TOWNSHIP' });
    expect(k.data.surveyRanking.edges.map((e: GqlJson) => [e.node.rank, e.node.figure.township.name])).toEqual([
      [1, w.township.name],
      [null, w.township2.name],
    ]);
  });

  // Found by figures-property.test.ts: the strata were read through the caller's row rules (the frame is the
  // supervisors' and the organisation's), so everyone else got a published campaign's stratified figure as NO_DATA.
  it('published: everyone reads the stratified figure the supervisor reads, 0.75·19/19 + 0.25·0/10 = 0.75', async () => {
    const [A, B, T1, T2] = [w.agencyA.id, w.agencyB.id, w.township.id, w.township2.id];
    const c = await createCampaign(w, { status: 'PUBLISHED', title: '2024年度行政执法满意度调查' });
    await writeAnswers(w, c, [
      { agencyId: A, townshipId: T1, answers: all('VERY_SATISFIED'), times: 10 },
      { agencyId: A, townshipId: T2, answers: all('SATISFIED'), times: 9 },
      { agencyId: B, townshipId: T1, respondentType: 'ENTERPRISE', answers: all('DISSATISFIED'), times: 10 },
    ]);
    await w.h.db.prisma.surveyStratum.createMany({
      data: [
        { campaignId: c.id, agencyId: A, population: 300, sampleSize: 150 },
        { campaignId: c.id, agencyId: B, population: 100, sampleSize: 80 },
      ],
    });
    for (const token of [w.tokens.supervisor, undefined, w.orgKey, w.tokens.officerA, w.tokens.enterprise]) {
      const r = await w.h.gql(COUNTY, { c: c.gid }, token);
      expect(r.errors).toBeUndefined();
      expect(r.data.countySatisfaction.stratified).toMatchObject({ strata: 2, verdict: 'NOT_MET' });
      expect(r.data.countySatisfaction.stratified.rate).toBeCloseTo(0.75, 12);
    }
  });

  it('flagged and unconfirmed answers can be left out of the county figure and the ranking (quality)', async () => {
    const q = `query($c: ID!, $q: [SurveyQuality!]) { countySatisfaction(campaignId: $c, quality: $q) {
      pooled { validAnswers satisfiedAnswers flaggedAnswers } }
      surveyRanking(campaignId: $c, by: AGENCY, quality: $q, first: 10) { edges { node { figure { validAnswers } } } } }`;
    const all = await w.h.gql(q, { c: open.gid }, w.tokens.supervisor);
    const clean = await w.h.gql(q, { c: open.gid, q: ['CLEAN'] }, w.tokens.supervisor);
    expect(all.data.countySatisfaction.pooled).toMatchObject({
      validAnswers: 50,
      satisfiedAnswers: 37,
      flaggedAnswers: 1,
    });
    expect(clean.data.countySatisfaction.pooled).toMatchObject({
      validAnswers: 49,
      satisfiedAnswers: 37,
      flaggedAnswers: 1,
    });
    const sizes = (r: GqlJson) => r.data.surveyRanking.edges.map((e: GqlJson) => e.node.figure.validAnswers);
    expect(sizes(all)).toEqual([20, 30]);
    expect(sizes(clean)).toEqual([20, 29]);
  });

  it('ranking by agency: best rate first, ranks deterministic', async () => {
    const k = await w.h.gql(RANK, { c: open.gid, by: 'AGENCY' }, w.tokens.supervisor);
    expect(k.data.surveyRanking.edges.map((e: GqlJson) => [e.node.rank, e.node.figure.agency.name])).toEqual([
      [1, w.agencyB.name],
      [2, w.agencyA.name],
    ]);
  });
});

describe('exports and free text', () => {
  it('CSV for the agency’s officer: its own cells, the small one written as too few answers', async () => {
    const r = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on SurveyCampaign { figuresCsv(groupBy: [TOWNSHIP], quality: [CLEAN]) } } }`,
      { id: open.gid },
      w.tokens.officerA,
    );
    expect(r.errors).toBeUndefined();
    const lines = (r.data.node.figuresCsv as string).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`${w.township.name},10,8,0.8,86,0.4902,0.9433,误差范围内 Within noise,1,0,`);
    expect(lines[2]).toBe(`${w.township2.name},,,,,,,,,,答案过少 Too few answers`);
    const x = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on SurveyCampaign { figuresXlsx(groupBy: [AGENCY]) } } }`,
      { id: open.gid },
      w.orgKey,
    );
    expect(x.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('free text: supervisors read it by dimension; the agency evaluated never does', async () => {
    const p = w.h.db.prisma;
    const batch = await p.surveyBatch.create({
      data: { campaignId: open.id, apiKeyId: 1, accepted: 1, duplicates: 0 },
    });
    const response = await p.surveyResponse.create({
      data: {
        campaignId: open.id,
        batchId: batch.id,
        externalId: 'R-1',
        respondentType: 'PUBLIC',
        agencyId: w.agencyA.id,
        townshipId: w.township.id,
        channel: 'PHONE',
        collectedAt: new Date(),
        answers: { Q10: '希望执法更规范' },
        fingerprint: 'x',
      },
    });
    await p.surveyFreeText.create({
      data: {
        campaignId: open.id,
        responseId: response.id,
        itemId: open.items.Q10,
        dimension: 'OVERALL',
        agencyId: w.agencyA.id,
        respondentType: 'PUBLIC',
        text: '希望执法更规范',
      },
    });
    const Q = `query($id: ID!, $a: ID) { node(id: $id) { ... on SurveyCampaign {
      freeTexts(dimension: OVERALL, agencyId: $a, first: 10) { totalCount edges { node { text dimension agency { name } } } } } } }`;
    const sup = await w.h.gql(Q, { id: open.gid, a: w.agencyA.gid }, w.tokens.supervisor);
    expect(sup.data.node.freeTexts.edges.map((e: GqlJson) => e.node)).toEqual([
      { text: '希望执法更规范', dimension: 'OVERALL', agency: { name: w.agencyA.name } },
    ]);
    const other = await w.h.gql(Q, { id: open.gid, a: w.agencyB.gid }, w.tokens.supervisor);
    expect(other.data.node.freeTexts.totalCount).toBe(0);
    const officer = await w.h.gql(Q, { id: open.gid, a: null }, w.tokens.officerA);
    expect(officer.errors?.[0].extensions.code).toBe('FORBIDDEN');
    void gid;
  });
});
