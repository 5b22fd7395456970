import type { PrismaClient } from './generated/prisma/client.js';
import type { Viewer } from './auth/viewer.js';
import type { EventBus } from './event-log/bus.js';
import type { CaseGuards } from './guards.js';
import type { PluginSettings } from './settings.js';

/** Everything a resolver may use. Built per HTTP request or per WebSocket operation. */
export interface Context {
  prisma: PrismaClient;
  viewer: Viewer;
  events: EventBus;
  guards: CaseGuards;
  /** Every plugin's parsed settings: `ctx.settings.get(nonPenaltySettings)`. */
  settings: PluginSettings;
  /** The clock; tests may fix it. */
  clock: () => Date;
  /**
   * How an operation that outlives the moment its caller was identified (a subscription) checks
   * that the caller still holds that access. Absent for a caller without a credential.
   */
  caller?: CallerCheck;
  /**
   * After a unit of work commits, with the topics it emitted: a write that changed who someone is
   * (VIEWER_TOPICS) waits here until every instance's viewer cache has let go of the old viewer.
   */
  settle?: (topics: readonly string[]) => Promise<void>;
  /**
   * A WebSocket subscription's own socket, for results already serialised (set by the server's
   * ws.ts). shared-execution.ts writes a result shared by many `events` subscribers through it,
   * serialised once, instead of through the protocol library's per-subscriber path.
   */
  resultSink?: ResultSink;
}

export interface ResultSink {
  /**
   * Sends `payloadJson` (a serialised ExecutionResult without errors) as the operation's next
   * result, the exact message the protocol would send; false when it cannot be sent now (socket
   * not open, or earlier messages still queued), and then the caller sends it the ordinary way.
   */
  next(payloadJson: string): boolean;
}

export interface CallerCheck {
  /** When the credential itself stops being valid (a JWT's `exp`); null when it does not expire. */
  expiresAt: Date | null;
  /** The longest a subscription goes on delivering without asking again; events about the caller ask at once. */
  maxAgeMs: number;
  /**
   * The caller identified again from the same credential. Rejects with UnauthenticatedError when
   * the credential no longer identifies anyone (revoked, expired, deleted) and with
   * ServiceUnavailableError when the database cannot tell.
   */
  recheck(options?: { fresh?: boolean }): Promise<Viewer>;
}
