// Submission test helpers: a valid response for the standard questionnaire, the mutation with its result
// fragment, external ids known to fall in (or out of) the call-back sample, and a recount of the rollups.
import { expect } from 'vitest';
import { ERR } from '@zhifa/testkit';
import { isCallbackSampled } from '../src/submission-rules.js';
import type { CampaignFixture, World } from './fixtures.js';

export const SUBMIT = `mutation($campaignId: ID!, $responses: [SurveyResponseInput!]!) {
  submitSurveyResponses(campaignId: $campaignId, responses: $responses) {
    ${ERR}
    ... on MutationSubmitSurveyResponsesSuccess { data { accepted duplicates rejected flagged batch { id accepted duplicates } } }
  }
}`;

export type Answer = { item: string; level?: string; choice?: string; text?: string };

/** Levels cycling so that no response is SAME_ANSWER unless asked. */
const CYCLE = ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED'];

export function answers(i: number, opts: { same?: string; text?: string } = {}): Answer[] {
  const a: Answer[] = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8'].map((item, k) => ({
    item,
    level: opts.same ?? CYCLE[(i + k) % 5],
  }));
  a.push({ item: 'Q9', choice: ['0', '1-2', '3+'][i % 3] });
  if (opts.text !== undefined) a.push({ item: 'Q10', text: opts.text });
  return a;
}

export function response(w: World, i: number, over: Record<string, unknown> = {}) {
  return {
    externalId: `R-${i}`,
    respondentType: ['PUBLIC', 'ENTERPRISE', 'LAWYER'][i % 3],
    agency: i % 2 ? w.agencyB.gid : w.agencyA.gid,
    township: i % 4 < 2 ? w.township.gid : w.township2.gid,
    channel: 'PHONE',
    collectedAt: '2026-03-01T02:00:00Z',
    durationSeconds: 300,
    answers: answers(i),
    ...over,
  };
}

export function batch(w: World, from: number, n: number, over: (i: number) => Record<string, unknown> = () => ({})) {
  return Array.from({ length: n }, (_, k) => response(w, from + k, over(from + k)));
}

export async function submit(w: World, c: CampaignFixture, responses: unknown[], key: string = w.orgKey) {
  const res = await w.h.gql(SUBMIT, { campaignId: c.gid, responses }, key);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.submitSurveyResponses;
}

/** External ids `${prefix}${k}` that are (or are not) in the call-back sample of the campaign with this key. */
export function externalIds(callbackKey: string, n: number, sampled: boolean, prefix = 'S-'): string[] {
  const out: string[] = [];
  for (let k = 0; out.length < n; k++)
    if (isCallbackSampled(callbackKey, `${prefix}${k}`) === sampled) out.push(`${prefix}${k}`);
  return out;
}

/** The rollups recomputed from the stored responses (item code → level counts per quality), for comparison. */
export async function recount(w: World, c: CampaignFixture) {
  const p = w.h.db.prisma;
  const rows = await p.surveyRollup.findMany({ where: { campaignId: c.id } });
  const rollup = new Map<string, number>();
  const levels = ['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'] as const;
  for (const r of rows)
    levels.forEach((l, k) => {
      if (r[l]) rollup.set(`${r.agencyId}|${r.townshipId}|${r.respondentType}|${r.itemId}|${r.quality}|${k}`, r[l]);
    });
  const counted = new Map<string, number>();
  const codes = Object.fromEntries(Object.entries(c.items));
  const order = ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED'];
  for (const r of await p.surveyResponse.findMany({ where: { campaignId: c.id } }))
    for (const [code, value] of Object.entries(r.answers as Record<string, string>)) {
      const k = order.indexOf(value);
      if (k < 0 || !['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8'].includes(code)) continue;
      const key = `${r.agencyId}|${r.townshipId}|${r.respondentType}|${codes[code]}|${r.quality}|${k}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
  return { rollup: Object.fromEntries([...rollup].sort()), counted: Object.fromEntries([...counted].sort()) };
}
