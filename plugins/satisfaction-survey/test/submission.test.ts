// submitSurveyResponses through the real API with the organisation's key: rows, rollups equal to a hand count,
// the campaign's counters, one event; quality flags; the call-back sample; statements that do not grow with the
// batch; what the organisation reads back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, expectTyped, type GqlJson } from '@zhifa/testkit';
import { createCampaign, createWorld, type CampaignFixture, type World } from './fixtures.js';
import { answers, batch, externalIds, recount, response, submit } from './submit-fixtures.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w?.h.close());

const events = (campaignId: number) =>
  w.h.db.prisma.event.findMany({
    where: { topic: 'satisfactionSurvey.batchSubmitted', payload: { path: ['campaignId'], equals: campaignId } },
  });

describe('a batch accepted', () => {
  let c: CampaignFixture;
  beforeAll(async () => {
    c = await createCampaign(w);
  });

  it('writes the batch, its responses, free text, rollups equal to a hand count, counters and one event', async () => {
    const responses = [
      // Hand-counted: agency A, township 1, PUBLIC; Q8 answered VERY_SATISFIED, SATISFIED, DISSATISFIED.
      response(w, 0, { externalId: 'H-1', agency: w.agencyA.gid, respondentType: 'PUBLIC', township: w.township.gid }),
      response(w, 0, {
        externalId: 'H-2',
        agency: w.agencyA.gid,
        respondentType: 'PUBLIC',
        township: w.township.gid,
        answers: answers(1, { text: '执法人员态度很好，建议缩短办理时间' }),
      }),
      response(w, 0, {
        externalId: 'H-3',
        agency: w.agencyA.gid,
        respondentType: 'PUBLIC',
        township: w.township.gid,
        answers: answers(3),
      }),
    ];
    const r = expectTyped(await submit(w, c, responses), 'MutationSubmitSurveyResponsesSuccess');
    expect(r.data).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0, flagged: 0 });
    expect(r.data.batch).toMatchObject({ accepted: 3, duplicates: 0 });
    const p = w.h.db.prisma;
    expect(await p.surveyResponse.count({ where: { campaignId: c.id } })).toBe(3);
    expect(await p.surveyBatch.count({ where: { campaignId: c.id } })).toBe(1);
    const texts = await p.surveyFreeText.findMany({ where: { campaignId: c.id } });
    expect(texts).toMatchObject([
      { text: '执法人员态度很好，建议缩短办理时间', dimension: 'OVERALL', agencyId: w.agencyA.id, itemId: c.items.Q10 },
    ]);
    // Q8 (item position 7): answers(0) → CYCLE[7 % 5] = DISSATISFIED; answers(1) → VERY_SATISFIED... hand-counted:
    // i=0: (0+7)%5=2 BASICALLY_SATISFIED; i=1: (1+7)%5=3 DISSATISFIED; i=3: (3+7)%5=0 VERY_SATISFIED.
    const q8 = await p.surveyRollup.findMany({ where: { campaignId: c.id, itemId: c.items.Q8 } });
    expect(q8).toHaveLength(1);
    expect(q8[0]).toMatchObject({
      agencyId: w.agencyA.id,
      townshipId: w.township.id,
      respondentType: 'PUBLIC',
      quality: 'CLEAN',
      verySatisfied: 1,
      satisfied: 0,
      basicallySatisfied: 1,
      dissatisfied: 1,
      veryDissatisfied: 0,
    });
    const { rollup, counted } = await recount(w, c);
    expect(rollup).toEqual(counted);
    // 3 responses × 8 five-level items.
    expect(Object.values(rollup).reduce((a, b) => a + b, 0)).toBe(24);
    const campaign = await p.surveyCampaign.findUniqueOrThrow({ where: { id: c.id } });
    expect(campaign.responseCount).toBe(3);
    const evs = await events(c.id);
    expect(evs).toHaveLength(1);
    expect(evs[0].payload).toEqual({
      campaignId: c.id,
      batchId: Number(evs[0].payload && (evs[0].payload as { batchId: number }).batchId),
      accepted: 3,
      duplicates: 0,
      flagged: 0,
      responseCount: 3,
    });
    expect(evs[0].agencyId).toBe(w.org.id);
  });

  it('flags SAME_ANSWER at three equal five-level answers, not at two; TOO_FAST below the minimum, not at it', async () => {
    const c2 = await createCampaign(w, {
      minDurationSeconds: 60,
      items: [
        { code: 'Q1', kind: 'LIKERT5', dimension: 'NORMATIVE', text: 'a' },
        { code: 'Q2', kind: 'LIKERT5', dimension: 'CIVILITY', text: 'b' },
        { code: 'Q3', kind: 'LIKERT5', dimension: 'OVERALL', text: 'c', required: false },
      ],
    });
    const two = [
      { item: 'Q1', level: 'SATISFIED' },
      { item: 'Q2', level: 'SATISFIED' },
    ];
    const three = [...two, { item: 'Q3', level: 'SATISFIED' }];
    const r = expectTyped(
      await submit(w, c2, [
        response(w, 0, { externalId: 'two-same', answers: two }),
        response(w, 1, { externalId: 'three-same', answers: three }),
        response(w, 2, { externalId: 'at-min', answers: two, durationSeconds: 60 }),
        response(w, 3, { externalId: 'below-min', answers: two, durationSeconds: 59 }),
        response(w, 4, { externalId: 'no-duration', answers: two, durationSeconds: null }),
      ]),
      'MutationSubmitSurveyResponsesSuccess',
    );
    expect(r.data).toMatchObject({ accepted: 5, flagged: 2 });
    const rows = await w.h.db.prisma.surveyResponse.findMany({
      where: { campaignId: c2.id },
      orderBy: { id: 'asc' },
      select: { externalId: true, flags: true, quality: true },
    });
    expect(rows).toEqual([
      { externalId: 'two-same', flags: [], quality: 'CLEAN' },
      { externalId: 'three-same', flags: ['SAME_ANSWER'], quality: 'FLAGGED' },
      { externalId: 'at-min', flags: [], quality: 'CLEAN' },
      { externalId: 'below-min', flags: ['TOO_FAST'], quality: 'FLAGGED' },
      { externalId: 'no-duration', flags: [], quality: 'CLEAN' },
    ]);
    const counters = await w.h.db.prisma.surveyCampaign.findUniqueOrThrow({ where: { id: c2.id } });
    expect(counters).toMatchObject({ responseCount: 5, flaggedCount: 2 });
    // Flagged answers are counted in the FLAGGED class.
    const flaggedCells = await w.h.db.prisma.surveyRollup.aggregate({
      where: { campaignId: c2.id, quality: 'FLAGGED' },
      _sum: { satisfied: true },
    });
    expect(flaggedCells._sum.satisfied).toBe(5); // three-same: 3, below-min: 2
  });

  it('samples exactly the responses whose hash says so (PENDING) and counts them', async () => {
    const c3 = await createCampaign(w);
    const sampled = externalIds(c3.callbackKey, 3, true);
    const not = externalIds(c3.callbackKey, 7, false);
    const r = expectTyped(
      await submit(
        w,
        c3,
        [...sampled, ...not].map((externalId, i) => response(w, i, { externalId })),
      ),
      'MutationSubmitSurveyResponsesSuccess',
    );
    expect(r.data.accepted).toBe(10);
    const rows = await w.h.db.prisma.surveyResponse.findMany({ where: { campaignId: c3.id } });
    expect(
      rows
        .filter((x) => x.callbackStatus === 'PENDING')
        .map((x) => x.externalId)
        .sort(),
    ).toEqual([...sampled].sort());
    expect(rows.filter((x) => x.callbackStatus === null)).toHaveLength(7);
    const counters = await w.h.db.prisma.surveyCampaign.findUniqueOrThrow({ where: { id: c3.id } });
    expect(counters.callbackSampledCount).toBe(3);
  });

  it('accepts 1,000 responses in one call, in a number of statements that does not grow with the batch', async () => {
    const c4 = await createCampaign(w);
    const small = await countStatements(w.h, () =>
      submit(
        w,
        c4,
        batch(w, 0, 10, (i) => ({ answers: answers(i, { text: `建议${i}` }) })),
      ),
    );
    expectTyped(small.result, 'MutationSubmitSurveyResponsesSuccess');
    const big = await countStatements(w.h, () =>
      submit(
        w,
        c4,
        batch(w, 10, 1000, (i) => ({ answers: answers(i, { text: `建议${i}` }) })),
      ),
    );
    expect(expectTyped(big.result, 'MutationSubmitSurveyResponsesSuccess').data).toMatchObject({ accepted: 1000 });
    expect(big.count, big.statements.join('\n')).toBe(small.count);
    expect(big.count).toBeLessThanOrEqual(16);
    expect(await w.h.db.prisma.surveyResponse.count({ where: { campaignId: c4.id } })).toBe(1010);
    expect(await w.h.db.prisma.surveyFreeText.count({ where: { campaignId: c4.id } })).toBe(1010);
    const { rollup, counted } = await recount(w, c4);
    expect(rollup).toEqual(counted);
  });
});

describe('what the organisation reads back', () => {
  it('its campaign’s responses (with answers), batches and counts; supervisors too; another organisation nothing', async () => {
    const c = await createCampaign(w);
    const sampled = externalIds(c.callbackKey, 1, true);
    // The other response is one the campaign's (random) key leaves out of the call-back sample: a fixed id would be
    // sampled one run in ten.
    const [unsampled] = externalIds(c.callbackKey, 1, false, 'X-');
    await submit(w, c, [
      response(w, 0, { externalId: sampled[0], answers: answers(0, { text: '很好' }) }),
      response(w, 1, { externalId: unsampled, durationSeconds: 5 }),
    ]);
    const q = `query($id: ID!) { node(id: $id) { ... on SurveyCampaign {
      responseCount flaggedCount
      batches(first: 10) { edges { node { accepted duplicates submittedAt } } }
      responses(first: 10) { edges { node { externalId respondentType channel durationSeconds flags quality
        agency { name } township { name } answers { item level choice text } } } }
      flaggedOnly: responses(first: 10, flagged: true) { edges { node { externalId } } }
    } } }`;
    // The call-back sample is the supervisors' to know: the audited organisation is refused each way of reading it.
    const sample = `query($id: ID!) { node(id: $id) { ... on SurveyCampaign { callbackSampledCount
      responses(first: 10) { edges { node { callbackStatus } } }
      pending: responses(first: 10, callbackStatus: PENDING) { edges { node { externalId } } } } } }`;
    const own = (await w.h.gql(q, { id: c.gid }, w.orgKey)).data!.node;
    expect(own).toMatchObject({ responseCount: 2, flaggedCount: 1 });
    expect(own.batches.edges).toHaveLength(1);
    expect(own.responses.edges.map((e: GqlJson) => e.node.externalId)).toEqual([sampled[0], unsampled]);
    const first = own.responses.edges[0].node;
    expect(first.answers[0]).toEqual({ item: 'Q1', level: 'VERY_SATISFIED', choice: null, text: null });
    expect(first.answers.find((a: GqlJson) => a.item === 'Q9')).toEqual({
      item: 'Q9',
      level: null,
      choice: '0',
      text: null,
    });
    expect(first.answers.find((a: GqlJson) => a.item === 'Q10')).toEqual({
      item: 'Q10',
      level: null,
      choice: null,
      text: '很好',
    });
    expect(own.flaggedOnly.edges.map((e: GqlJson) => e.node.externalId)).toEqual([unsampled]);
    const hidden = await w.h.gql(sample, { id: c.gid }, w.orgKey);
    expect(hidden.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
      ['node.callbackSampledCount', 'FORBIDDEN'],
      ['node.pending', 'FORBIDDEN'],
      ['node.responses.edges.0.node.callbackStatus', 'FORBIDDEN'],
      ['node.responses.edges.1.node.callbackStatus', 'FORBIDDEN'],
    ]);
    const shown = (await w.h.gql(sample, { id: c.gid }, w.tokens.supervisor)).data!.node;
    expect(shown.callbackSampledCount).toBe(1);
    expect(shown.pending.edges.map((e: GqlJson) => e.node.externalId)).toEqual([sampled[0]]);
    const sup = (await w.h.gql(q, { id: c.gid }, w.tokens.supervisor)).data!.node;
    expect(sup.responses.edges).toHaveLength(2);
    expect(sup.responseCount).toBe(2);
    // The other organisation does not even see the campaign (not published).
    expect((await w.h.gql(q, { id: c.gid }, w.otherOrgKey)).data!.node).toBeNull();
  });
});
