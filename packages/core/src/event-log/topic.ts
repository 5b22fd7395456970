// Typed event topics. A topic is declared once, by the module that emits it, with the shape of its
// payload; `emit` and `defineTopicSubscription` both take the declaration, so the payload written
// and the payload read are the same type.

/** A JSON-safe payload: what the outbox stores. */
export type Payload = { [key: string]: Json | undefined };
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

export interface Topic<P extends Payload = Payload> {
  readonly name: string;
  /** Phantom: carries the payload type, never set. */
  readonly payload?: P;
}

export function defineTopic<P extends Payload>(name: string): Topic<P> {
  if (!/^[A-Za-z][\w.-]{0,99}$/.test(name))
    throw new Error(`topic names are letters, digits, dots and dashes (module.what), got ${name}`);
  return { name };
}

/** Who an event concerns, for visibility (canSeeEvent) and for filtering. */
export interface EventScope {
  agencyId?: number | null;
  enterpriseId?: number | null;
  caseId?: number | null;
  /** Published material (向社会公布): visible to everyone. */
  public?: boolean;
}
