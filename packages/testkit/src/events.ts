// A graphql-ws subscriber to `events` that records what it receives, for delivery tests.
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { GqlJson, GqlResponse } from './harness.js';

export interface ReceivedEvent {
  id: string;
  cursor: string;
  topic: string;
  agencyId: string | null;
  payload: GqlJson;
  actor: string | null;
}

export interface Subscriber {
  events: ReceivedEvent[];
  errors: unknown[];
  /** Resolves once at least `n` events have arrived (rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<ReceivedEvent[]>;
  close(): Promise<void>;
}

const SUBSCRIPTION = `subscription($after: String, $topics: [String!]) {
  events(after: $after, topics: $topics) { id cursor topic agencyId payload actor }
}`;

export function wsClient(url: string, token?: string): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export function subscribeEvents(
  url: string,
  opts: { token?: string; after?: string | null; topics?: string[] } = {},
): Subscriber {
  const client = wsClient(url, opts.token);
  const events: ReceivedEvent[] = [];
  const errors: unknown[] = [];
  let waiters: (() => void)[] = [];
  const notify = () => {
    const w = waiters;
    waiters = [];
    w.forEach((f) => f());
  };
  client.subscribe<{ events: ReceivedEvent }>(
    { query: SUBSCRIPTION, variables: { after: opts.after ?? null, topics: opts.topics ?? null } },
    {
      next: (r) => {
        if (r.errors) errors.push(...r.errors);
        if (r.data?.events) events.push(r.data.events);
        notify();
      },
      error: (e) => {
        errors.push(e);
        notify();
      },
      complete: () => notify(),
    },
  );
  return {
    events,
    errors,
    async waitFor(n, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (events.length < n) {
        if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${n} events; got ${events.length}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return events;
    },
    close: async () => {
      await client.dispose();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A subscription to one root field over graphql-ws, recording each message's value of that field. */
export interface FieldSubscription {
  /** Each message's value of the subscription's root field, in order. */
  got: GqlJson[];
  errors: unknown[];
  client: Client;
  /** Resolves once `n` values have arrived; rejects on an error or after `ms`. */
  until(n: number, ms?: number): Promise<GqlJson[]>;
  /** The refusal: the errors as JSON once one arrived, however long a loaded machine takes to send it ('[]' after `ms`). */
  refusal(ms?: number): Promise<string>;
}

export function subscribeField(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): FieldSubscription {
  const client = wsClient(url, token);
  const got: GqlJson[] = [];
  const errors: unknown[] = [];
  client.subscribe<GqlJson>(
    { query, variables },
    {
      next: (r) => (r.errors ? errors.push(...r.errors) : got.push(Object.values(r.data as object)[0])),
      error: (e) => errors.push(e),
      complete: () => {},
    },
  );
  return {
    got,
    errors,
    client,
    async until(n, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (got.length < n) {
        if (errors.length) throw new Error(JSON.stringify(errors));
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${n}; got ${got.length}`);
        await sleep(20);
      }
      return got;
    },
    async refusal(ms = 10_000) {
      const deadline = Date.now() + ms;
      while (errors.length === 0 && Date.now() < deadline) await sleep(20);
      return JSON.stringify(errors);
    },
  };
}

/**
 * Resolves once the bus has exactly `n` subscribers: a live subscription (no `after`) only sees
 * what commits after the server has set it up, and a closed one is released asynchronously.
 */
export async function untilSubscribers(bus: { subscriberCount: number }, n: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (bus.subscriberCount !== n) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} subscribers; have ${bus.subscriberCount}`);
    await sleep(10);
  }
}

/**
 * Events are read in commit order once every older transaction has ended; on a shared PostgreSQL
 * server another test file's open transaction can hold them back for a moment. Resolves once every
 * event in the log (up to 100) is readable by `token` (a caller who sees them all), so a test's
 * assertions see what it wrote.
 */
export async function untilEventsSettled(
  h: {
    db: { prisma: { event: { count(): Promise<number> } } };
    gql: (q: string, v?: Record<string, unknown>, token?: string) => Promise<GqlResponse>;
  },
  token: string,
  ms = 30_000,
): Promise<void> {
  const total = Math.min(await h.db.prisma.event.count(), 100);
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const res = await h.gql(`{ events(first: 100) { events { id } } }`, undefined, token);
    if ((res.data?.events.events.length ?? 0) >= total) return;
  }
  throw new Error('events did not settle in time');
}
