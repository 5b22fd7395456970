// Subscriptions over HTTP streams (`accept: text/event-stream`, or multipart): held to the limits of
// a WebSocket connection, since each holds a connection open as long. A stream takes its place in the
// same Admission as the WebSocket connections (in all, per address, per caller — a caller's sockets
// and streams count together), or gets TOO_MANY_CONNECTIONS (429, Retry-After) before any event; it
// ends at its credential's expiry and at its maximum lifetime, from one sweep for all streams, with
// a last coded error so a client knows to renew its token or to resume with `after`. A revoked
// credential or a lost role ends it as on WebSocket, at the next event about the caller
// (events/recheck.ts). The WebSocket idle timeout has no counterpart: it closes a connection with no
// operation, and a stream is its operation. A peer gone away is found by yoga's pings (every 12 s):
// the write fails, the request closes, the stream is returned and its place released.
import type { IncomingMessage } from 'node:http';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { CREDENTIAL_EXPIRED } from '@zhifa/core/events';
import type { Logger } from './log.js';
import type { Admission, Refusal } from './ws-admission.js';
import { LIFETIME_REACHED, OVER_LIMIT, type WsLimits } from './ws-limits.js';

/** The sweep's longest tick: a stream ends at most this late after its deadline. */
const SWEEP_MS = 250;
/** Retry-After on a refusal over a limit, as a WebSocket client retries a 1013 close. */
const RETRY_AFTER_SECONDS = 5;

export interface StreamLimits {
  plugin: Plugin;
  /** Streams open now. */
  readonly open: number;
  /** Stop the sweep (the server is closing). */
  dispose(): void;
}

type HttpContext = Context & { req?: IncomingMessage; wsAuthorization?: unknown };

export function limitHttpStreams(options: { admission: Admission; limits: WsLimits; log: Logger }): StreamLimits {
  const { admission, limits, log } = options;
  const streams = new Set<LimitedStream>();

  const sweepMs = Math.max(10, Math.min(SWEEP_MS, limits.maxLifetimeMs / 4));
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const s of streams) {
      if (now >= s.expiresAt) s.end(credentialExpired());
      else if (now >= s.lifetimeEndsAt) s.end(lifetimeReached());
    }
  }, sweepMs);
  sweep.unref();

  const plugin: Plugin = {
    onSubscribe: ({ args }) => {
      // yoga's Plugin types the context as its initial one; app.ts's context factory built this.
      const ctx = args.contextValue as unknown as HttpContext;
      // WebSocket operations (ws-protocol.ts) are admitted with their connection.
      if ('wsAuthorization' in ctx) return;
      return {
        onSubscribeResult: ({ result, setResult }) => {
          if (!isAsyncIterable(result)) return;
          const ip = ctx.req?.socket.remoteAddress ?? '';
          const caller = ctx.viewer.kind === 'public' ? null : actorOf(ctx.viewer);
          const refusal = admission.admit(ip) ?? (caller ? admitCaller(admission, ip, caller) : null);
          if (refusal) {
            log.warn(
              { ip, caller, scope: refusal.scope, limit: refusal.limit, open: admission.open },
              'http stream refused: too many connections',
            );
            void result[Symbol.asyncIterator]().return?.();
            return setResult({ errors: [overLimit(refusal)] });
          }
          const expiresAt = ctx.caller?.expiresAt?.getTime() ?? Infinity;
          const lifetimeEndsAt = Date.now() + limits.maxLifetimeMs * (1 - Math.random() * 0.1);
          const stream = new LimitedStream(result[Symbol.asyncIterator](), expiresAt, lifetimeEndsAt, () => {
            streams.delete(stream);
            admission.release(ip, caller);
          });
          streams.add(stream);
          setResult(stream);
        },
      };
    },
  };

  return {
    plugin,
    get open() {
      return streams.size;
    },
    dispose: () => clearInterval(sweep),
  };
}

/** The caller's place, after the address's: a refusal gives the address's place back. */
function admitCaller(admission: Admission, ip: string, caller: string): Refusal | null {
  const refusal = admission.admitCaller(caller);
  if (refusal) admission.release(ip, null);
  return refusal;
}

/**
 * A subscription's results, until its deadline: `end` makes the next (or the pending) `next()`
 * yield one last error and the stream finish, whether or not an event comes.
 */
class LimitedStream implements AsyncIterableIterator<ExecutionResult> {
  private ending: GraphQLError | null = null;
  private interrupt: (() => void) | null = null;
  private finished = false;

  constructor(
    private readonly inner: AsyncIterator<ExecutionResult>,
    readonly expiresAt: number,
    readonly lifetimeEndsAt: number,
    private readonly released: () => void,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  end(error: GraphQLError): void {
    if (this.finished || this.ending) return;
    this.ending = error;
    this.interrupt?.();
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.finished) return { done: true, value: undefined };
    if (!this.ending) {
      let r: IteratorResult<ExecutionResult> | null;
      try {
        // A fresh promise per event, not a race against one long-lived promise (whose reactions would pile up).
        r = await new Promise<IteratorResult<ExecutionResult> | null>((resolve, reject) => {
          this.interrupt = () => resolve(null);
          this.inner.next().then(resolve, reject);
        });
      } catch (err) {
        this.finish();
        throw err;
      } finally {
        this.interrupt = null;
      }
      if (r && !this.ending) {
        if (r.done) this.finish();
        return r;
      }
    }
    const error = this.ending!;
    this.finish();
    return { done: false, value: { errors: [error] } };
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.finish();
    return Promise.resolve({ done: true, value: undefined });
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.released();
    void this.inner.return?.();
  }
}

function isAsyncIterable(x: unknown): x is AsyncIterable<ExecutionResult> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x;
}

function coded(code: string, zh: string, en: string, http?: { status: number; headers: Record<string, string> }) {
  return new GraphQLError(`${zh} / ${en}`, {
    extensions: { code, messageZh: zh, messageEn: en, ...(http ? { http } : {}) },
  });
}

function overLimit(r: Refusal): GraphQLError {
  const text = OVER_LIMIT[r.scope];
  return coded(
    'TOO_MANY_CONNECTIONS',
    `${text.zh}（上限 ${r.limit}），请稍后重试或结束其他订阅`,
    `${text.en} (limit ${r.limit}); retry later or end other subscriptions`,
    { status: 429, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
  );
}

const credentialExpired = () => coded('UNAUTHENTICATED', CREDENTIAL_EXPIRED.zh, CREDENTIAL_EXPIRED.en);
const lifetimeReached = () =>
  coded('MAX_LIFETIME', `${LIFETIME_REACHED.zh}（用 after 续传）`, `${LIFETIME_REACHED.en} (resume with after)`);
