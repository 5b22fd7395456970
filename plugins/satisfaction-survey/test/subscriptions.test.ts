// satisfactionChanged and surveyBatchSubmitted over graphql-ws on a real server: coalescing (many batches in
// under a second → at most one message a second, the last carrying the latest state and the last event's
// cursor), resuming with `after`, and who may subscribe and what each hears.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '@zhifa/core/events';
import { sleep, untilSubscribers, wsClient, type GqlJson } from '@zhifa/testkit';
import type { RollupDelta } from '../src/rollups.js';
import { createCampaign, type CampaignFixture } from './fixtures.js';
import { createLiveWorld, landBatch, type LiveWorld } from './live-fixtures.js';

let w: LiveWorld;
let c: CampaignFixture;
beforeAll(async () => {
  w = await createLiveWorld();
  c = await createCampaign(w);
});
afterAll(() => w?.s.close());
beforeEach(() => untilSubscribers(w.s.app.events, 0));

interface Received {
  data: GqlJson;
}

function subscribe(query: string, variables: Record<string, unknown>, token?: string) {
  const client = wsClient(w.s.wsUrl, token);
  const got: Received[] = [];
  const errors: GqlJson[] = [];
  client.subscribe<GqlJson>(
    { query, variables },
    {
      next: (r) => (r.errors ? errors.push(...r.errors) : got.push({ data: Object.values(r.data)[0] })),
      error: (e) => errors.push(...(Array.isArray(e) ? e : [e])),
      complete: () => {},
    },
  );
  return {
    got,
    errors,
    close: () => client.dispose(),
    async until(test: () => boolean, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!test()) {
        if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(got)} ${JSON.stringify(errors)}`);
        await sleep(20);
      }
    },
  };
}

const CHANGED = `subscription($c: ID!, $after: String) { satisfactionChanged(campaignId: $c, after: $after) {
  cursor campaign { id title } overall { validAnswers satisfiedAnswers suppressed } } }`;

const answer = (agencyId: number, respondentType: RollupDelta['respondentType'] = 'PUBLIC'): RollupDelta => ({
  agencyId,
  townshipId: w.township.id,
  respondentType,
  itemId: c.items.Q8,
  quality: 'CLEAN',
  level: 'VERY_SATISFIED',
  count: 1,
});

async function lastCursor(): Promise<string> {
  const e = await w.s.db.prisma.event.findFirstOrThrow({ orderBy: { id: 'desc' } });
  return encodeCursor({ txid: e.txid, id: e.id });
}

describe('satisfactionChanged', () => {
  it('coalesces many batches in under a second into at most one message a second, the last with the latest state', async () => {
    const sup = subscribe(CHANGED, { c: c.gid }, w.tokens.supervisor);
    await untilSubscribers(w.s.app.events, 1);
    const start = Date.now();
    for (let i = 0; i < 12; i++) await landBatch(w, c, [answer(w.agencyA.id)]);
    expect(Date.now() - start).toBeLessThan(1000);
    const cursor = await lastCursor();
    await sup.until(() => sup.got.at(-1)?.data.overall.validAnswers === 12);
    await sleep(1500); // nothing more is coming: every event is covered
    // Twelve batches in under a second: the first at once (or folded into the second), the rest as one.
    expect(sup.got.length).toBeGreaterThanOrEqual(1);
    expect(sup.got.length).toBeLessThanOrEqual(2);
    // Spacing on the wire is core's (packages/core/test/coalesce.test.ts): here the test process itself writes the
    // batches, so when the client gets to read a message says little about when it was sent.
    const last = sup.got.at(-1)!.data;
    expect(last).toMatchObject({
      cursor,
      campaign: { id: c.gid },
      overall: { validAnswers: 12, satisfiedAnswers: 12 },
    });
    await sup.close();
  });

  it('resumes with after: what was missed comes as one message with the latest state and the last cursor', async () => {
    const before = await lastCursor();
    for (let i = 0; i < 3; i++) await landBatch(w, c, [answer(w.agencyA.id)]);
    const cursor = await lastCursor();
    const resumed = subscribe(CHANGED, { c: c.gid, after: before }, w.tokens.supervisor);
    await resumed.until(() => resumed.got.length > 0);
    await sleep(1200);
    expect(resumed.got.map((g) => g.data.cursor)).toEqual([cursor]);
    expect(resumed.got[0].data.overall.validAnswers).toBe(15);
    // From the last cursor: nothing until the next batch.
    const caughtUp = subscribe(CHANGED, { c: c.gid, after: cursor }, w.tokens.supervisor);
    await untilSubscribers(w.s.app.events, 2);
    await sleep(300);
    expect(caughtUp.got).toEqual([]);
    await landBatch(w, c, [answer(w.agencyA.id)]);
    await caughtUp.until(() => caughtUp.got.length === 1);
    expect(caughtUp.got[0].data.overall.validAnswers).toBe(16);
    await Promise.all([resumed.close(), caughtUp.close()]);
  });

  it('the evaluated agency hears its own figures (no enterprise answers); the organisation and the public are refused', async () => {
    const own = subscribe(CHANGED, { c: c.gid }, w.tokens.officerA);
    const org = subscribe(CHANGED, { c: c.gid }, w.orgKey);
    const pub = subscribe(CHANGED, { c: c.gid });
    await untilSubscribers(w.s.app.events, 1);
    await org.until(() => org.errors.length > 0);
    await pub.until(() => pub.errors.length > 0);
    expect(org.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(pub.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // The batch's event is the organisation's; it wakes the agency's subscriber, who reads its own figures.
    await landBatch(w, c, [answer(w.agencyA.id, 'ENTERPRISE'), answer(w.agencyB.id)]);
    await own.until(() => own.got.length === 1);
    expect(own.got[0].data.overall).toEqual({ validAnswers: 16, satisfiedAnswers: 16, suppressed: false });
    await Promise.all([own.close(), org.close(), pub.close()]);
  });
});

describe('surveyBatchSubmitted', () => {
  const BATCHES = `subscription($c: ID!) { surveyBatchSubmitted(campaignId: $c) {
    cursor campaignId batchId accepted duplicates flagged responseCount } }`;

  it('supervisors hear every batch, counts only; an officer is refused', async () => {
    const sup = subscribe(BATCHES, { c: c.gid }, w.tokens.supervisor);
    const officer = subscribe(BATCHES, { c: c.gid }, w.tokens.officerA);
    await untilSubscribers(w.s.app.events, 1);
    await officer.until(() => officer.errors.length > 0);
    expect(officer.errors[0].extensions.code).toBe('FORBIDDEN');
    await landBatch(w, c, [answer(w.agencyA.id)]);
    await landBatch(w, c, [answer(w.agencyA.id)]);
    await sup.until(() => sup.got.length === 2);
    expect(sup.got[1].data).toMatchObject({ campaignId: c.gid, accepted: 1, duplicates: 0, flagged: 0 });
    expect(sup.got[1].data.cursor).toBe(await lastCursor());
    await Promise.all([sup.close(), officer.close()]);
  });
});
