// @zhifa/core/events — the event machinery under topics and subscriptions: the log (event-log/: the
// outbox store, cursors, the bus that delivers committed events) and what subscriptions add on top of
// it (events/: access rechecks, one execution shared by many subscribers). Plugins declare topics and
// subscriptions with defineTopic and defineTopicSubscription from @zhifa/core; this entry is for the
// server and the test kit.
export { EventBus, type EventBusOptions, type ImmediateSource } from './event-log/bus.js';
export { appendEvent, NOTIFY_CHANNEL, settledHead, type StoredEvent } from './event-log/store.js';
export { comparePositions, decodeCursor, encodeCursor, type Position } from './event-log/position.js';
export { CREDENTIAL_EXPIRED, SubscriptionEnded, whileAccessHolds } from './events/recheck.js';
export { useSharedEventExecution } from './events/shared-execution.js';
export { VIEWER_TOPICS } from './events/access-change.js';
