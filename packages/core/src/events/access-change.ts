// Pure rules for subscriptions that outlive a change to their caller's access: which events may
// change what the caller may read (so it is identified again before anything after them is
// delivered), and whether the caller identified again still holds all the access it had when the
// subscription started.
import type { Viewer } from '../auth/viewer.js';
import { CORE_TOPICS } from '../topics.js';
import type { StoredEvent } from '../event-log/store.js';

const PERSON_TOPICS = new Set([
  CORE_TOPICS.personUpdated.name,
  CORE_TOPICS.personRolesChanged.name,
  CORE_TOPICS.certificateChanged.name,
]);

/**
 * Topics whose writes change who a credential identifies (roles, agency, agency kind, names, a
 * key's revocation): the unit of work that emits one waits for every viewer cache to let go
 * (Context.settle).
 */
export const VIEWER_TOPICS: ReadonlySet<string> = new Set([
  CORE_TOPICS.personUpdated.name,
  CORE_TOPICS.personRolesChanged.name,
  CORE_TOPICS.agencyUpdated.name,
  CORE_TOPICS.apiKeyRevoked.name,
  CORE_TOPICS.enterpriseUpdated.name,
]);

/**
 * An event that may change what this caller may read: a change to the person (roles,
 * certificate), to their agency (its kind makes a supervisor), or the revocation of their API key.
 */
// Asked for every event and every subscriber: plain property reads, no closure per call.
export function concernsCaller(v: Viewer, e: Pick<StoredEvent, 'topic' | 'payload'>): boolean {
  const p = e.payload;
  switch (v.kind) {
    case 'person':
      return (
        (PERSON_TOPICS.has(e.topic) && p.personId === v.personId) ||
        (e.topic === CORE_TOPICS.agencyUpdated.name && p.agencyId === v.agencyId)
      );
    case 'surveyOrg':
      return (
        (e.topic === CORE_TOPICS.apiKeyRevoked.name && p.apiKeyId === v.apiKeyId) ||
        (e.topic === CORE_TOPICS.agencyUpdated.name && p.agencyId === v.agencyId)
      );
    default:
      return false;
  }
}

/**
 * Whether `now` (the caller identified again) still holds everything `before` held: the same
 * identity, agency and agency kind, and every role. A gain keeps the subscription (it goes on with
 * the access it started with); any loss ends it, and the client subscribes again with `after`.
 */
export function keepsAccess(before: Viewer, now: Viewer): boolean {
  switch (before.kind) {
    case 'public':
      return true;
    case 'person':
      return (
        now.kind === 'person' &&
        now.personId === before.personId &&
        now.agencyId === before.agencyId &&
        now.agencyKind === before.agencyKind &&
        before.roles.every((r) => now.roles.includes(r))
      );
    case 'enterprise':
      return now.kind === 'enterprise' && now.enterpriseId === before.enterpriseId;
    case 'surveyOrg':
      return now.kind === 'surveyOrg' && now.apiKeyId === before.apiKeyId && now.agencyId === before.agencyId;
    case 'system':
      return now.kind === 'system';
  }
}
