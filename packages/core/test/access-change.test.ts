// Subscriptions that outlive a change to their caller: which events concern the caller, whether
// the caller identified again keeps the access the subscription started with, and the iterator
// that ends a subscription with one error before anything the caller may no longer read.
import { describe, expect, it } from 'vitest';
import { concernsCaller, keepsAccess, VIEWER_TOPICS } from '../src/events/access-change.js';
import { SubscriptionEnded, unlessEnded, whileAccessHolds } from '../src/events/recheck.js';
import { ForbiddenError, ServiceUnavailableError, UnauthenticatedError } from '../src/errors.js';
import type { Viewer } from '../src/auth/viewer.js';
import type { StoredEvent } from '../src/event-log/store.js';
import type { CallerCheck } from '../src/context.js';

const supervisor: Viewer = {
  kind: 'person',
  personId: 7,
  name: '监督员',
  agencyId: 2,
  agencyKind: 'JUSTICE_BUREAU',
  roles: ['SUPERVISOR'],
};
const surveyOrg: Viewer = { kind: 'surveyOrg', agencyId: 9, apiKeyId: 4, name: '调查机构' };

let nextId = 1n;
function event(topic: string, payload: Record<string, unknown> = {}, over: Partial<StoredEvent> = {}): StoredEvent {
  const id = nextId++;
  return {
    id,
    txid: id,
    topic,
    agencyId: 3,
    enterpriseId: null,
    caseId: null,
    public: false,
    payload,
    actor: 'person:1',
    createdAt: new Date(),
    ...over,
  };
}

describe('concernsCaller', () => {
  it("is a change to the person, to the person's agency, or the revocation of the caller's key", () => {
    expect(concernsCaller(supervisor, event('person.updated', { personId: 7 }))).toBe(true);
    expect(concernsCaller(supervisor, event('person.certificateChanged', { personId: 7 }))).toBe(true);
    // Issue 16: role changes have their own event (changePersonRoles); it ends live access the same way.
    expect(concernsCaller(supervisor, event('person.rolesChanged', { personId: 7 }))).toBe(true);
    expect(VIEWER_TOPICS.has('person.rolesChanged')).toBe(true);
    expect(concernsCaller(supervisor, event('agency.updated', { agencyId: 2 }))).toBe(true);
    expect(concernsCaller(surveyOrg, event('apiKey.revoked', { apiKeyId: 4 }))).toBe(true);
    expect(concernsCaller(surveyOrg, event('agency.updated', { agencyId: 9 }))).toBe(true);
  });

  it('is not a change to someone else, nor any event for the public or an enterprise', () => {
    expect(concernsCaller(supervisor, event('person.updated', { personId: 8 }))).toBe(false);
    expect(concernsCaller(supervisor, event('agency.updated', { agencyId: 3 }))).toBe(false);
    expect(concernsCaller(supervisor, event('apiKey.revoked', { apiKeyId: 7 }))).toBe(false);
    expect(concernsCaller(surveyOrg, event('apiKey.revoked', { apiKeyId: 5 }))).toBe(false);
    expect(concernsCaller(surveyOrg, event('person.updated', { personId: 4 }))).toBe(false);
    expect(concernsCaller({ kind: 'public' }, event('person.updated', { personId: 7 }))).toBe(false);
    expect(
      concernsCaller({ kind: 'enterprise', enterpriseId: 7, name: 'x' }, event('person.updated', { personId: 7 })),
    ).toBe(false);
  });
});

describe('keepsAccess', () => {
  it('keeps a caller who lost nothing, and one who gained a role', () => {
    expect(keepsAccess(supervisor, { ...supervisor, name: '改名' })).toBe(true);
    expect(keepsAccess(supervisor, { ...supervisor, roles: ['SUPERVISOR', 'OFFICER'] })).toBe(true);
    expect(keepsAccess(surveyOrg, surveyOrg)).toBe(true);
    expect(keepsAccess({ kind: 'public' }, { kind: 'public' })).toBe(true);
  });

  it('ends for a lost role, another agency or agency kind, another identity', () => {
    expect(keepsAccess(supervisor, { ...supervisor, roles: ['AUXILIARY'] })).toBe(false);
    expect(keepsAccess(supervisor, { ...supervisor, agencyId: 3 })).toBe(false);
    expect(keepsAccess(supervisor, { ...supervisor, agencyKind: 'ENFORCEMENT_AGENCY' })).toBe(false);
    expect(keepsAccess(supervisor, { kind: 'public' })).toBe(false);
    expect(keepsAccess(surveyOrg, { ...surveyOrg, apiKeyId: 5 })).toBe(false);
    expect(
      keepsAccess(
        { kind: 'enterprise', enterpriseId: 1, name: 'a' },
        { kind: 'enterprise', enterpriseId: 2, name: 'a' },
      ),
    ).toBe(false);
  });
});

/** A source that yields the given events, then waits forever (a live subscription with nothing new). */
function source(events: StoredEvent[]) {
  let returned = false;
  const it: AsyncIterableIterator<StoredEvent> & { returned(): boolean } = {
    next: async () => (events.length ? { done: false, value: events.shift()! } : new Promise<never>(() => {})),
    return: () => {
      returned = true;
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    returned: () => returned,
  };
  return it;
}

function caller(answers: (Viewer | Error)[], over: Partial<CallerCheck> = {}): CallerCheck & { asked: number } {
  const c: CallerCheck & { asked: number } = {
    asked: 0,
    expiresAt: null,
    maxAgeMs: 60_000,
    recheck: (): Promise<Viewer> => {
      const a = answers[Math.min(c.asked++, answers.length - 1)];
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    },
    ...over,
  };
  return c;
}

const all = () => true;

/** The error a subscription ended with, in place of its next event. */
async function endedWith(it: AsyncIterator<unknown>): Promise<unknown> {
  const r = await it.next();
  expect(r.value).toBeInstanceOf(SubscriptionEnded);
  expect(() => unlessEnded(r.value)).toThrow();
  return (r.value as SubscriptionEnded).error;
}

describe('whileAccessHolds', () => {
  it('delivers without asking again until an event concerns the caller', async () => {
    const c = caller([supervisor]);
    const events = [event('case.opened'), event('case.advanced')];
    const it = whileAccessHolds({ viewer: supervisor, caller: c }, source([...events]), all);
    expect((await it.next()).value).toBe(events[0]);
    expect((await it.next()).value).toBe(events[1]);
    expect(c.asked).toBe(0);
  });

  it('ends with FORBIDDEN, instead of the next event, once the caller lost a role', async () => {
    const src = source([event('person.updated', { personId: 7 }), event('case.opened', {}, { agencyId: 5 })]);
    const it = whileAccessHolds(
      { viewer: supervisor, caller: caller([{ ...supervisor, roles: ['AUXILIARY'] }]) },
      src,
      all,
    );
    expect(await endedWith(it)).toBeInstanceOf(ForbiddenError);
    expect(src.returned()).toBe(true);
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('skips an event about the caller that it did not ask for, when access holds', async () => {
    const mine = event('case.opened');
    const it = whileAccessHolds(
      { viewer: supervisor, caller: caller([supervisor]) },
      source([event('person.updated', { personId: 7 }), mine]),
      (e) => e.topic === 'case.opened',
    );
    expect((await it.next()).value).toBe(mine);
  });

  it('ends with UNAUTHENTICATED when the credential no longer identifies anyone, or has expired', async () => {
    const revoked = whileAccessHolds(
      { viewer: surveyOrg, caller: caller([new UnauthenticatedError()]) },
      source([event('apiKey.revoked', { apiKeyId: 4 })]),
      all,
    );
    expect(await endedWith(revoked)).toBeInstanceOf(UnauthenticatedError);

    const c = caller([supervisor], { expiresAt: new Date(Date.now() - 1) });
    const expired = whileAccessHolds({ viewer: supervisor, caller: c }, source([event('case.opened')]), all);
    expect(String(await endedWith(expired))).toMatch(/expired/);
    expect(c.asked).toBe(0); // the expiry needs no database
  });

  it('fails closed when the database cannot say: SERVICE_UNAVAILABLE, nothing delivered', async () => {
    const it = whileAccessHolds(
      { viewer: supervisor, caller: caller([new ServiceUnavailableError()]) },
      source([event('person.updated', { personId: 7 })]),
      all,
    );
    expect(await endedWith(it)).toBeInstanceOf(ServiceUnavailableError);
  });

  it('asks again when the last answer is older than maxAgeMs, even with no event about the caller', async () => {
    const c = caller([{ ...supervisor, roles: [] }], { maxAgeMs: 0 });
    const it = whileAccessHolds({ viewer: supervisor, caller: c }, source([event('case.opened')]), all);
    expect(await endedWith(it)).toBeInstanceOf(ForbiddenError);
    expect(c.asked).toBe(1);
  });

  it('does nothing for a caller without a credential', async () => {
    const e = event('person.updated', { personId: 7 }, { public: true });
    const it = whileAccessHolds({ viewer: { kind: 'public' } }, source([e]), all);
    expect((await it.next()).value).toBe(e);
  });
});
