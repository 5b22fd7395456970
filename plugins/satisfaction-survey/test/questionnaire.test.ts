// Questionnaires through the API (county plan task 13): each setSurveyQuestionnaire writes a new version while the
// campaign is a draft, the current one (highest version) is frozen when it opens; every item rule refused at its
// boundary, writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, gid, rowCounts, type GqlJson } from '@zhifa/testkit';
import { createCampaign, createWorld, type World } from './fixtures.js';
import { campaignInput, CREATE, OPEN, out, SET_QUESTIONNAIRE, STANDARD_INPUT } from './campaign-helpers.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w?.h.close());

const call = async (doc: string, vars: Record<string, unknown>, token: string = w.tokens.supervisor) =>
  out(await w.h.gql(doc, vars, token));

async function draft(): Promise<string> {
  return expectTyped(await call(CREATE, { input: campaignInput(w) }), 'MutationCreateSurveyCampaignSuccess').data
    .id as string;
}

const OVERALL = { code: 'Q0', kind: 'LIKERT5', dimension: 'OVERALL', text: '总体满意度' };
const likert = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  kind: 'LIKERT5',
  dimension: 'CIVILITY',
  text: '态度',
  ...over,
});
const choice = (n: number, over: Record<string, unknown> = {}) => ({
  code: 'C1',
  kind: 'SINGLE_CHOICE',
  text: '接触次数',
  options: Array.from({ length: n }, (_, i) => `o${i}`),
  ...over,
});

const set = async (id: string, items: unknown[]) => call(SET_QUESTIONNAIRE, { id, items });
const accepted = async (id: string, items: unknown[]) =>
  expectTyped(await set(id, items), 'MutationSetSurveyQuestionnaireSuccess').data;

async function refused(id: string, items: unknown[], typename: string, rule?: string) {
  const before = await rowCounts(w.h.db.prisma);
  const r = expectTyped(await set(id, items), typename, rule ? { rule } : {});
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r;
}
const paths = (r: GqlJson) => r.issues.map((i: GqlJson) => i.path.join('.'));

describe('versions', () => {
  it('writes a new version each time, the highest is current, items in order; one event each', async () => {
    const id = await draft();
    const v1 = await accepted(id, STANDARD_INPUT);
    expect(v1.version).toBe(1);
    expect(v1.items.edges.map((e: GqlJson) => e.node.code)).toEqual(STANDARD_INPUT.map((i) => i.code));
    expect(v1.items.edges[8].node).toMatchObject({
      kind: 'SINGLE_CHOICE',
      dimension: null,
      options: ['0', '1-2', '3+'],
    });
    expect(v1.items.edges[2].node).toMatchObject({ weight: 2, required: true });
    expect(v1.items.edges[6].node).toMatchObject({ required: false });

    const v2 = await accepted(id, [likert('A'), OVERALL]);
    expect(v2.version).toBe(2);
    expect(v2.items.edges.map((e: GqlJson) => [e.node.code, e.node.position])).toEqual([
      ['A', 0],
      ['Q0', 1],
    ]);
    const read = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on SurveyCampaign { questionnaire { version items { totalCount } } } } }`,
      { id },
      w.tokens.supervisor,
    );
    expect(read.data.node.questionnaire).toEqual({ version: 2, items: { totalCount: 2 } });
    const campaignId = Number(Buffer.from(id, 'base64').toString().split(':')[1]);
    expect(await w.h.db.prisma.surveyQuestionnaire.count({ where: { campaignId } })).toBe(2);
    const events = await w.h.db.prisma.event.findMany({ where: { topic: 'satisfactionSurvey.questionnaireSet' } });
    expect(
      events
        .map((e) => e.payload as GqlJson)
        .filter((p) => p.campaignId === campaignId)
        .map((p) => [p.version, p.items]),
    ).toEqual([
      [1, 10],
      [2, 2],
    ]);

    // Opening freezes the current version only.
    const opened = expectTyped(await call(OPEN, { id }), 'MutationOpenSurveyCampaignSuccess').data;
    const versions = await w.h.db.prisma.surveyQuestionnaire.findMany({
      where: { campaignId },
      orderBy: { version: 'asc' },
    });
    expect(versions.map((v) => v.frozenAt?.toISOString() ?? null)).toEqual([null, opened.openedAt]);
  });

  it('is frozen once the campaign opens (SURVEY_QUESTIONNAIRE_FROZEN), whatever comes after', async () => {
    for (const status of ['OPEN', 'CLOSED', 'PUBLISHED'] as const) {
      const c = await createCampaign(w, { status });
      const r = await refused(c.gid, [OVERALL], 'RuleViolation', 'SURVEY_QUESTIONNAIRE_FROZEN');
      expect(r.message).toContain('任务13');
    }
    // The last allowed state: a draft.
    const d = await createCampaign(w, { status: 'DRAFT' });
    expect((await accepted(d.gid, [OVERALL])).version).toBe(2);
  });

  it('is set by supervisors only, refused before the items are looked at', async () => {
    const id = await draft();
    const bad = [{ code: '!', kind: 'LIKERT5', text: '' }];
    for (const token of [w.tokens.officerA, w.tokens.adminB, w.orgKey, w.tokens.enterprise]) {
      const before = await rowCounts(w.h.db.prisma);
      expectTyped(await call(SET_QUESTIONNAIRE, { id, items: bad }, token), 'ForbiddenError');
      expect(await rowCounts(w.h.db.prisma)).toEqual(before);
    }
    expectTyped(out(await w.h.gql(SET_QUESTIONNAIRE, { id, items: bad })), 'UnauthenticatedError');
  });
});

describe('items, each rule at its boundary', () => {
  let id: string;
  beforeAll(async () => {
    id = await draft();
  });

  it('takes 60 items and refuses 61 (and the list limit of 100 before that)', async () => {
    const many = (n: number) => [OVERALL, ...Array.from({ length: n - 1 }, (_, i) => likert(`L${i}`))];
    expect((await accepted(id, many(60))).items.totalCount).toBe(60);
    expect(paths(await refused(id, many(61), 'ValidationError'))).toEqual(['items']);
    expect(paths(await refused(id, many(101), 'ValidationError'))).toEqual(['items']);
  });

  it('refuses a code used twice, and a malformed code', async () => {
    expect(paths(await refused(id, [OVERALL, likert('A'), likert('A')], 'ValidationError'))).toEqual(['items.2.code']);
    expect(paths(await refused(id, [OVERALL, likert('1A')], 'ValidationError'))).toEqual(['items.1.code']);
    expect(paths(await refused(id, [OVERALL, likert('A'.repeat(21))], 'ValidationError'))).toEqual(['items.1.code']);
    await accepted(id, [OVERALL, likert('A'.repeat(20))]);
  });

  it('asks a dimension of five-level and free-text items, none of single-choice items', async () => {
    const r = await refused(
      id,
      [
        OVERALL,
        likert('A', { dimension: null }),
        { code: 'T', kind: 'FREE_TEXT', text: '建议' },
        choice(3, { dimension: 'CIVILITY' }),
      ],
      'ValidationError',
    );
    expect(paths(r)).toEqual(['items.1.dimension', 'items.2.dimension', 'items.3.dimension']);
    await accepted(id, [OVERALL, { code: 'T', kind: 'FREE_TEXT', dimension: 'FAIRNESS', text: '建议' }, choice(3)]);
  });

  it('gives a single-choice item 2–20 distinct options, and options to no other kind', async () => {
    await accepted(id, [OVERALL, choice(2)]);
    await accepted(id, [OVERALL, choice(20)]);
    expect(paths(await refused(id, [OVERALL, choice(1)], 'ValidationError'))).toEqual(['items.1.options']);
    expect(paths(await refused(id, [OVERALL, choice(21)], 'ValidationError'))).toEqual(['items.1.options']);
    expect(paths(await refused(id, [OVERALL, choice(0, { options: ['a', 'b', 'a'] })], 'ValidationError'))).toEqual([
      'items.1.options',
    ]);
    expect(paths(await refused(id, [OVERALL, likert('A', { options: ['x', 'y'] })], 'ValidationError'))).toEqual([
      'items.1.options',
    ]);
  });

  it('weighs a five-level item above 0 and at most 100', async () => {
    const v = await accepted(id, [OVERALL, likert('A', { weight: 100 }), likert('B', { weight: 0.01 })]);
    expect(v.items.edges.map((e: GqlJson) => e.node.weight)).toEqual([1, 100, 0.01]);
    expect(paths(await refused(id, [OVERALL, likert('A', { weight: 100.001 })], 'ValidationError'))).toEqual([
      'items.1.weight',
    ]);
    expect(paths(await refused(id, [OVERALL, likert('A', { weight: 0 })], 'ValidationError'))).toEqual([
      'items.1.weight',
    ]);
  });

  it('needs a required five-level OVERALL item (SURVEY_QUESTIONNAIRE_NO_OVERALL)', async () => {
    for (const items of [
      [],
      [likert('A')],
      [{ ...OVERALL, required: false }],
      [{ code: 'T', kind: 'FREE_TEXT', dimension: 'OVERALL', text: '总体评价' }],
    ]) {
      const r = await refused(id, items, 'RuleViolation', 'SURVEY_QUESTIONNAIRE_NO_OVERALL');
      expect(r.messageEn).toContain('county plan task 13');
    }
    await accepted(id, [likert('A'), { ...OVERALL, required: true }]);
  });
});

describe('paging', () => {
  it('pages the items with the cursors it hands out, forwards and backwards, in position order', async () => {
    const c = await createCampaign(w, { status: 'OPEN' });
    const q = await w.h.db.prisma.surveyQuestionnaire.findFirstOrThrow({ where: { campaignId: c.id } });
    const page = async (args: string, vars: Record<string, unknown> = {}) => {
      const res = await w.h.gql(
        `query($id: ID!${args.includes('$c') ? ', $c: String' : ''}) { node(id: $id) { ... on SurveyQuestionnaire { items(${args}) {
          edges { cursor node { code } } pageInfo { hasNextPage hasPreviousPage } } } } }`,
        { id: gid('SurveyQuestionnaire', q.id), ...vars },
        w.tokens.supervisor,
      );
      expect(res.errors).toBeUndefined();
      return res.data.node.items;
    };
    const first = await page('first: 2');
    expect(first.edges.map((e: GqlJson) => e.node.code)).toEqual(['Q1', 'Q2']);
    const next = await page('first: 2, after: $c', { c: first.edges[1].cursor });
    expect(next.edges.map((e: GqlJson) => e.node.code)).toEqual(['Q3', 'Q4']);
    const back = await page('last: 1, before: $c', { c: next.edges[0].cursor });
    expect(back.edges.map((e: GqlJson) => e.node.code)).toEqual(['Q2']);
  });
});
