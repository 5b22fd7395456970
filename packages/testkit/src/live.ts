// A graphql-ws subscriber to `events` that also records how its subscription and its connection
// ended: the final errors, completion, and the socket's close code and reason — what the server
// tells a client that lost access, hit a limit, or reached the end of its connection's life.
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { ReceivedEvent } from './events.js';
import type { GqlJson } from './harness.js';

export interface Ending {
  /** The subscription completed (after a final error, if any). */
  completed: boolean;
  /** GraphQL errors delivered in a final `next`, or the `error` message. */
  errors: GqlJson[];
  /** The socket's close, when the server closed it. */
  close: { code: number; reason: string } | null;
}

export interface LiveSubscriber {
  client: Client;
  events: ReceivedEvent[];
  /** Payload markers (`n`) of the events received, in order. */
  ns(): unknown[];
  /** Resolves with at least `n` events (rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<void>;
  /** Resolves when the subscription completes, errors or its socket closes. */
  ended(ms?: number): Promise<Ending>;
  close(): Promise<void>;
}

const SUBSCRIPTION = `subscription($after: String, $topics: [String!]) {
  events(after: $after, topics: $topics) { id cursor topic agencyId payload actor }
}`;

export function watchEvents(
  url: string,
  opts: { authorization?: string; token?: string; topics?: string[]; after?: string | null } = {},
): LiveSubscriber {
  const authorization = opts.authorization ?? (opts.token ? `Bearer ${opts.token}` : undefined);
  const ending: Ending = { completed: false, errors: [], close: null };
  let finished = false;
  let wake: () => void = () => {};
  const changed = () => wake();
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
    on: {
      closed: (e) => {
        const ev = e as { code: number; reason: string };
        ending.close ??= { code: ev.code, reason: String(ev.reason) };
        finished = true;
        changed();
      },
    },
  });
  const events: ReceivedEvent[] = [];
  client.subscribe<{ events: ReceivedEvent }>(
    { query: SUBSCRIPTION, variables: { after: opts.after ?? null, topics: opts.topics ?? null } },
    {
      next: (r) => {
        if (r.errors) ending.errors.push(...r.errors);
        if (r.data?.events) events.push(r.data.events);
        changed();
      },
      error: (e) => {
        if (Array.isArray(e)) ending.errors.push(...e);
        finished = true;
        changed();
      },
      complete: () => {
        ending.completed = true;
        finished = true;
        changed();
      },
    },
  );
  const until = async (done: () => boolean, ms: number, what: string) => {
    const deadline = Date.now() + ms;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${what}; got ${events.length} events, ${JSON.stringify(ending)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 50));
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  };
  return {
    client,
    events,
    ns: () => events.map((e) => e.payload?.n),
    waitFor: (n, ms = 10_000) => until(() => events.length >= n, ms, `${n} events`),
    ended: async (ms = 10_000) => {
      await until(() => finished, ms, 'the end of the subscription');
      return ending;
    },
    close: () => client.dispose() as Promise<void>,
  };
}
