// The one global-id parser. Every id in the graph is a Relay global id ("Type:123", base64);
// arguments arrive decoded by plugin-relay as { typename, id }. Resolvers, scopes and services turn
// them into row ids here and nowhere else, so a wrong-type or malformed id gets the same typed
// answer on every path.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from './errors.js';

export interface GlobalId {
  typename: string;
  id: string;
}

/** The row id behind a global id of one of `types`, or null when it is of another type or malformed. */
export function tryParseId(gid: GlobalId | null | undefined, types: string | readonly string[]): number | null {
  if (!gid) return null;
  const allowed = typeof types === 'string' ? [types] : types;
  if (!allowed.includes(gid.typename) || !/^\d{1,15}$/.test(gid.id)) return null;
  const n = Number(gid.id);
  return Number.isSafeInteger(n) ? n : null;
}

/** The row id behind a global id of one of `types`; anything else is a ValidationError naming the argument. */
export function parseId(gid: GlobalId, types: string | readonly string[], path: (string | number)[]): number {
  const n = tryParseId(gid, types);
  if (n !== null) return n;
  const first = typeof types === 'string' ? types : types[0];
  throw ValidationError.one(path, { zh: `不是${first}的编号`, en: `not an id of a ${first}` });
}

/** Like parseId, for an optional argument: null stays null. */
export function parseOptionalId(gid: GlobalId | null | undefined, types: string | readonly string[], path: (string | number)[]): number | null {
  return gid == null ? null : parseId(gid, types, path);
}

export function globalId(type: string, id: number | bigint | string): string {
  return encodeGlobalID(type, id);
}

/**
 * The row id inside a node's decoded global id (plugin-relay has already matched the type), for
 * `prismaNode({ findUnique })`; a malformed one matches no row, so node(id) answers null as for an unknown id.
 */
export function nodeRowId(id: string): number {
  return /^\d{1,15}$/.test(id) ? Number(id) : -1;
}
