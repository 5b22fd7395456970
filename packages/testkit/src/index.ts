// @zhifa/testkit: what the test files share — the harness and test server on a per-file copy of
// one migrated database, a base world, global ids, the error fragment, row and SQL counts, and the
// event-delivery helpers; and the authorisation matrix: its table (matrix.ts), core's rows (core-matrix.ts)
// and the rows every list kind shares (list-matrix.ts).
export {
  createHarness,
  testSettings,
  TEST_SECRET,
  type GqlJson,
  type GqlResponse,
  type Harness,
  type HarnessOptions,
} from './harness.js';
export { freshDatabaseTarget, databaseUrl, testPostgresUrl, type FreshDatabase } from './databases.js';
export { startTestServer, startTwoInstances, type TestServer, type TestServerOptions } from './server.js';
export {
  subscribeEvents,
  subscribeField,
  untilEventsSettled,
  untilSubscribers,
  wsClient,
  sleep,
  type ReceivedEvent,
  type Subscriber,
  type FieldSubscription,
} from './events.js';
export { emitPlugin } from './emit-plugin.js';
export { gid, idOf } from './ids.js';
export { ERR, expectRefused, expectTyped, type ExpectedError } from './errors.js';
export { countStatements, isEventBusPoll, rowCounts, type StatementCount } from './counts.js';
export { createBaseWorld, validCertificate, type BaseWorld, type Row } from './world.js';
export { watchEvents, type Ending, type LiveSubscriber } from './live.js';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
export { openEventStream, type EventStream } from './sse.js';
export { createMatter, type MatterOptions } from './matters.js';
export * from './matrix.js';
export { CORE_AUTHORISATION_MATRIX, type CoreMatrixFixtures } from './core-matrix.js';
export {
  listKindAccessRows,
  writeListMatrixFixtures,
  type ListMatrixFixtures,
  type ListMatrixItem,
} from './list-matrix.js';
