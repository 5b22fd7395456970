// inspectionWarningRaised over graphql-ws on a real port: supervisors hear each warning live as the visit's transaction
// raises it (with the warning, as it is now), and resume after a cursor — what they missed replayed, then live; an
// agency's officer (even the answerable one), an enterprise and the public are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untilSubscribers, subscribeField } from '@zhifa/testkit';
import { at, createWarningWorld, recordVisit, visitOf, type WarningWorld } from './warning-helpers.js';

let w: WarningWorld;
let wsUrl: string;
beforeAll(async () => {
  w = await createWarningWorld();
  const port = await w.h.app.listen(0, '127.0.0.1');
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
});
afterAll(() => w?.h.close());

const SUB = `subscription($after: String) { inspectionWarningRaised(after: $after) {
  cursor rule raisedAt warning { id rule status agency { id } enterprise { id } } } }`;

const subscribe = (variables: Record<string, unknown>, token?: string) => subscribeField(wsUrl, SUB, variables, token);

describe('inspectionWarningRaised', () => {
  it('supervisors hear each warning live; officers, the enterprise and the public are refused', async () => {
    const sup = subscribe({}, w.tokens.supervisor);
    await untilSubscribers(w.h.app.events, 1);
    const refused = [
      subscribe({}, w.tokens.officerA),
      subscribe({}, w.tokens.officerB),
      subscribe({}, w.tokens.enterprise),
      subscribe({}, w.specialSupervisor.token),
    ];
    const pub = subscribe({});
    await recordVisit(w, visitOf(w, 'A', at('2026-06-01T02:00:00Z')));
    await recordVisit(w, visitOf(w, 'B', at('2026-06-02T02:00:00Z')));
    const got = await sup.until(3);
    expect(got.map((g) => g.rule)).toEqual(['UNFILED', 'UNFILED', 'MULTI_AGENCY']);
    expect(got[2].warning).toMatchObject({ rule: 'MULTI_AGENCY', status: 'RAISED', agency: { id: w.agencyB.gid } });
    expect(got.every((g) => g.warning.enterprise.id === w.enterprise.gid)).toBe(true);
    for (const r of refused) {
      expect(await r.refusal()).toContain('FORBIDDEN');
      expect(r.got).toEqual([]);
    }
    expect(await pub.refusal()).toContain('UNAUTHENTICATED');
    await Promise.all([sup, ...refused, pub].map(async (x) => x.client.dispose()));
  });

  it('replays after a cursor, then goes live', async () => {
    await untilSubscribers(w.h.app.events, 0);
    const first = subscribe({}, w.tokens.supervisor);
    await untilSubscribers(w.h.app.events, 1);
    await recordVisit(w, visitOf(w, 'A', at('2026-07-01T02:00:00Z'), { enterpriseId: w.enterprise2.id }));
    const [one] = await first.until(1);
    await first.client.dispose();
    // Missed while away: B's visit (UNFILED and MULTI_AGENCY).
    await recordVisit(w, visitOf(w, 'B', at('2026-07-02T02:00:00Z'), { enterpriseId: w.enterprise2.id }));
    const resumed = subscribe({ after: one.cursor }, w.tokens.supervisor);
    expect((await resumed.until(2)).map((g) => g.rule)).toEqual(['UNFILED', 'MULTI_AGENCY']);
    // Then live: A again 31 days later (UNFILED only; 多头 window passed, no repeat).
    await recordVisit(w, visitOf(w, 'A', at('2026-08-20T02:00:00Z'), { enterpriseId: w.enterprise2.id }));
    expect((await resumed.until(3)).map((g) => g.rule)).toEqual(['UNFILED', 'MULTI_AGENCY', 'UNFILED']);
    await resumed.client.dispose();
  });
});
