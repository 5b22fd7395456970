// @zhifa/core/events — the event machinery under topics and subscriptions: the outbox store, the
// bus that delivers committed events, cursors, and access rechecks. Plugins declare topics and
// subscriptions with defineTopic and defineTopicSubscription from @zhifa/core; this entry is for the
// server and the test kit.
export { EventBus, type EventBusOptions, type ImmediateSource } from './events/bus.js';
export { appendEvent, NOTIFY_CHANNEL, settledHead, type StoredEvent } from './events/store.js';
export { comparePositions, decodeCursor, encodeCursor, type Position } from './events/position.js';
export { SubscriptionEnded, whileAccessHolds } from './events/recheck.js';
export { useSharedEventExecution } from './events/shared-execution.js';
export { VIEWER_TOPICS } from './events/access-change.js';
