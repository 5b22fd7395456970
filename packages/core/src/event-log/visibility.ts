import type { StoredEvent } from './store.js';
import { isSupervisor, type Viewer } from '../auth/viewer.js';

/**
 * Who may see an event. Supervisors see everything; published material is public; staff see
 * their own agency's events; an enterprise user sees events about their enterprise. Who did it
 * (`Event.actor`) is shown to staff only: auth/rows.ts, canSeeActorIds.
 */
export function canSeeEvent(v: Viewer, e: Pick<StoredEvent, 'public' | 'agencyId' | 'enterpriseId'>): boolean {
  if (e.public || isSupervisor(v)) return true;
  if (v.kind === 'person' || v.kind === 'surveyOrg') return e.agencyId !== null && e.agencyId === v.agencyId;
  if (v.kind === 'enterprise') return e.enterpriseId !== null && e.enterpriseId === v.enterpriseId;
  return false;
}
