// markSurveyCallback: supervisors record a sampled response's call-back; NOT_REACHED moves its five-level answers
// from CLEAN to UNCONFIRMED in the rollups (and CONFIRMED back), a FLAGGED response stays FLAGGED; one event each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, ERR, gid, rowCounts } from '@zhifa/testkit';
import { createCampaign, createWorld, type CampaignFixture, type World } from './fixtures.js';
import { isCallbackSampled } from '../src/submission-rules.js';
import { externalIds, recount, response, submit } from './submit-fixtures.js';

let w: World;
let c: CampaignFixture;
let sampled: string[];
let notSampled: string[];
const ids: Record<string, number> = {};
beforeAll(async () => {
  w = await createWorld();
  c = await createCampaign(w);
  sampled = externalIds(c.callbackKey, 2, true);
  notSampled = externalIds(c.callbackKey, 1, false);
  await submit(w, c, [
    response(w, 0, { externalId: sampled[0] }),
    // Flagged (TOO_FAST) and sampled.
    response(w, 1, { externalId: sampled[1], durationSeconds: 10 }),
    response(w, 2, { externalId: notSampled[0] }),
  ]);
  for (const r of await w.h.db.prisma.surveyResponse.findMany({ where: { campaignId: c.id } }))
    ids[r.externalId] = r.id;
});
afterAll(() => w?.h.close());

const MARK = `mutation($id: ID!, $status: SurveyCallbackResult!, $note: String) {
  markSurveyCallback(responseId: $id, status: $status, note: $note) {
    ${ERR} ... on MutationMarkSurveyCallbackSuccess { data { externalId quality callbackStatus } }
  }
}`;
const mark = async (externalId: string, status: string, token = w.tokens.supervisor, note?: string) =>
  (await w.h.gql(MARK, { id: gid('SurveyResponse', ids[externalId]), status, note }, token)).data!.markSurveyCallback;

const sumByQuality = async () => {
  const rows = await w.h.db.prisma.surveyRollup.findMany({ where: { campaignId: c.id } });
  const out: Record<string, number> = {};
  for (const r of rows)
    out[r.quality] =
      (out[r.quality] ?? 0) +
      r.verySatisfied +
      r.satisfied +
      r.basicallySatisfied +
      r.dissatisfied +
      r.veryDissatisfied;
  return out;
};

describe('the call-back sample', () => {
  // With a public hash of (campaign, external id) the organisation could pick ids that escape the sample.
  it('is drawn with each campaign’s secret key, which the graph never hands out', async () => {
    const ids = Array.from({ length: 300 }, (_, k) => `K-${k}`);
    const other = await createCampaign(w);
    expect(other.callbackKey).not.toBe(c.callbackKey);
    const a = ids.filter((id) => isCallbackSampled(c.callbackKey, id));
    const b = ids.filter((id) => isCallbackSampled(other.callbackKey, id));
    expect(a).not.toEqual(b);
    expect(a.length).toBeGreaterThan(10);
    expect(a.length).toBeLessThan(50);
    const r = await w.h.gql(`{ __type(name: "SurveyCampaign") { fields { name } } }`, {}, w.tokens.supervisor);
    expect(r.data.__type.fields.map((f: { name: string }) => f.name)).not.toContain('callbackKey');
  });
});

describe('markSurveyCallback', () => {
  it('NOT_REACHED moves a clean response’s answers to UNCONFIRMED, CONFIRMED moves them back; one event each', async () => {
    // 3 responses × 8 five-level items: two clean, one flagged.
    expect(await sumByQuality()).toEqual({ CLEAN: 16, FLAGGED: 8 });
    const r = expectTyped(
      await mark(sampled[0], 'NOT_REACHED', w.tokens.supervisor, '三次拨打无人接听'),
      'MutationMarkSurveyCallbackSuccess',
    );
    expect(r.data).toEqual({ externalId: sampled[0], quality: 'UNCONFIRMED', callbackStatus: 'NOT_REACHED' });
    expect(await sumByQuality()).toEqual({ CLEAN: 8, FLAGGED: 8, UNCONFIRMED: 8 });
    let { rollup, counted } = await recount(w, c);
    expect(rollup).toEqual(counted);
    const stored = await w.h.db.prisma.surveyResponse.findUniqueOrThrow({ where: { id: ids[sampled[0]] } });
    expect(stored).toMatchObject({ callbackNote: '三次拨打无人接听', callbackBy: `person:${w.people.supervisor.id}` });
    const back = expectTyped(await mark(sampled[0], 'CONFIRMED'), 'MutationMarkSurveyCallbackSuccess');
    expect(back.data).toMatchObject({ quality: 'CLEAN', callbackStatus: 'CONFIRMED' });
    expect(await sumByQuality()).toEqual({ CLEAN: 16, FLAGGED: 8, UNCONFIRMED: 0 });
    ({ rollup, counted } = await recount(w, c));
    expect(rollup).toEqual(counted);
    const events = await w.h.db.prisma.event.findMany({ where: { topic: 'satisfactionSurvey.callbackMarked' } });
    expect(events.map((e) => e.payload)).toEqual([
      { campaignId: c.id, responseId: ids[sampled[0]], status: 'NOT_REACHED' },
      { campaignId: c.id, responseId: ids[sampled[0]], status: 'CONFIRMED' },
    ]);
  });

  it('a flagged response stays FLAGGED whatever its call-back; its counts do not move', async () => {
    const r = expectTyped(await mark(sampled[1], 'NOT_REACHED'), 'MutationMarkSurveyCallbackSuccess');
    expect(r.data).toMatchObject({ quality: 'FLAGGED', callbackStatus: 'NOT_REACHED' });
    expect(await sumByQuality()).toEqual({ CLEAN: 16, FLAGGED: 8, UNCONFIRMED: 0 });
  });

  it('a response not sampled is refused (SURVEY_CALLBACK_NOT_SAMPLED) and nothing is written', async () => {
    const before = await rowCounts(w.h.db.prisma);
    expectTyped(await mark(notSampled[0], 'CONFIRMED'), 'RuleViolation', { rule: 'SURVEY_CALLBACK_NOT_SAMPLED' });
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  });

  it('only supervisors: the organisation, officers and the public are refused; an unknown response is NOT_FOUND', async () => {
    expectTyped(await mark(sampled[0], 'CONFIRMED', w.orgKey), 'ForbiddenError');
    expectTyped(await mark(sampled[0], 'CONFIRMED', w.tokens.officerA), 'ForbiddenError');
    expectTyped(await mark(sampled[0], 'CONFIRMED', ''), 'UnauthenticatedError');
    const res = await w.h.gql(MARK, { id: gid('SurveyResponse', 999999), status: 'CONFIRMED' }, w.tokens.supervisor);
    expectTyped(res.data!.markSurveyCallback, 'NotFoundError');
  });
});
