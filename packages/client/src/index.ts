// The client every Zhifa frontend and tool starts from: urql over HTTP for queries and mutations,
// graphql-ws for subscriptions, one bearer credential for both.
import { Client, fetchExchange, subscriptionExchange, type Exchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

export interface ZhifaClientOptions {
  /** The GraphQL endpoint over HTTP, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A person's JWT or the survey organisation's API key (`zfk_…`); omit for the public. */
  token?: string;
  /** WebSocket endpoint; defaults to `url` with ws(s):// (the server shares one port). */
  wsUrl?: string;
  /** A WebSocket implementation where there is no global one (Node 20: `import WebSocket from 'ws'`). */
  webSocketImpl?: unknown;
  /** Extra exchanges placed before the transports (e.g. cacheExchange for a UI). */
  exchanges?: Exchange[];
}

export interface ZhifaClient {
  client: Client;
  /** The underlying graphql-ws client (created on first use, connects on the first subscription). */
  readonly ws: WsClient;
  /**
   * Follow the event log from `after`, resuming where it left off when the connection drops:
   * the server replays what was missed, so nothing is lost and nothing is seen twice.
   */
  followEvents(options: FollowEventsOptions): () => void;
  close(): Promise<void>;
}

export interface FollowedEvent {
  id: string;
  cursor: string;
  topic: string;
  agencyId: string | null;
  enterpriseId: string | null;
  caseId: string | null;
  payload: unknown;
  actor: string | null;
  createdAt: string;
}

export interface FollowEventsOptions {
  after?: string | null;
  topics?: string[];
  onEvent: (event: FollowedEvent) => void;
  onError?: (error: unknown) => void;
}

const EVENTS_SUBSCRIPTION = /* GraphQL */ `
  subscription ZhifaEvents($after: String, $topics: [String!]) {
    events(after: $after, topics: $topics) {
      id
      cursor
      topic
      agencyId
      enterpriseId
      caseId
      payload
      actor
      createdAt
    }
  }
`;

export function createZhifaClient(options: ZhifaClientOptions): ZhifaClient {
  const authorization = options.token ? `Bearer ${options.token}` : undefined;
  // Created on first use: graphql-ws refuses to construct without a WebSocket implementation, and
  // a client that only queries (a CLI on Node 20) should not need one.
  let wsClient: WsClient | null = null;
  const ws = () =>
    (wsClient ??= createWsClient({
      url: options.wsUrl ?? options.url.replace(/^http/, 'ws'),
      webSocketImpl: options.webSocketImpl,
      connectionParams: () => (authorization ? { authorization } : {}),
      lazy: true,
      // A supervisor's screen should survive a server restart or a flaky network.
      retryAttempts: Infinity,
      shouldRetry: () => true,
    }));

  const client = new Client({
    url: options.url,
    // No document cache by default: results depend on who asks and change live.
    requestPolicy: 'network-only',
    fetchOptions: () => (authorization ? { headers: { authorization } } : {}),
    exchanges: [
      ...(options.exchanges ?? []),
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: ws().subscribe({ ...request, query: request.query ?? '' }, sink as never),
          }),
        }),
      }),
      fetchExchange,
    ],
  });

  const followEvents = ({ after, topics, onEvent, onError }: FollowEventsOptions) => {
    // graphql-ws re-sends this same payload object when it reconnects, so keeping `after` at the
    // last delivered cursor makes a reconnect resume exactly there instead of replaying from the start.
    const variables: { after: string | null; topics: string[] | null } = {
      after: after ?? null,
      topics: topics ?? null,
    };
    return ws().subscribe<{ events: FollowedEvent }>(
      { query: EVENTS_SUBSCRIPTION, variables },
      {
        next: (result) => {
          if (result.errors?.length) return onError?.(result.errors);
          const event = result.data?.events;
          if (!event) return;
          variables.after = event.cursor;
          onEvent(event);
        },
        error: (err) => onError?.(err),
        complete: () => {},
      },
    );
  };

  return {
    client,
    get ws() {
      return ws();
    },
    followEvents,
    close: async () => {
      await wsClient?.dispose();
    },
  };
}
