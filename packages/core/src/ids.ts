// The one global-id parser. Every id in the graph is a Relay global id ("Type:123", base64);
// arguments arrive decoded by plugin-relay as { typename, id }. Resolvers, scopes and services turn
// them into row ids here and nowhere else, so a wrong-type or malformed id gets the same typed
// answer on every path.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from './errors.js';

export interface GlobalId {
  typename: string;
  id: string;
}

/** Largest row id: every model's id is a Prisma `Int`, a PostgreSQL int4. A larger one is no row. */
export const MAX_ROW_ID = 2_147_483_647;

/** The row id written in a global id's id part, or null unless it is a plain decimal within int4. */
function rowIdOf(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_ROW_ID ? n : null;
}

/** The row id behind a global id of one of `types`, or null when it is of another type or malformed. */
export function tryParseId(gid: GlobalId | null | undefined, types: string | readonly string[]): number | null {
  if (!gid) return null;
  const allowed = typeof types === 'string' ? [types] : types;
  return allowed.includes(gid.typename) ? rowIdOf(gid.id) : null;
}

/** The row id behind a global id of one of `types`; anything else is a ValidationError naming the argument. */
export function parseId(gid: GlobalId, types: string | readonly string[], path: (string | number)[]): number {
  const n = tryParseId(gid, types);
  if (n !== null) return n;
  const first = typeof types === 'string' ? types : types[0];
  throw ValidationError.one(path, { zh: `不是${first}的编号`, en: `not an id of a ${first}` });
}

/** Like parseId, for an optional argument: null stays null. */
export function parseOptionalId(
  gid: GlobalId | null | undefined,
  types: string | readonly string[],
  path: (string | number)[],
): number | null {
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
  return rowIdOf(id) ?? -1;
}

/** What a string that is not a global id decodes to: a type no node has and no parseId accepts. */
export const NOT_A_GLOBAL_ID: GlobalId = Object.freeze({ typename: '', id: '' });

/**
 * plugin-relay's decoder for every ID argument (builder option `relay.decodeGlobalID`). A string
 * that is not base64 of `Type:id` does not fail the whole operation with an untyped error: it
 * decodes to NOT_A_GLOBAL_ID, which parseId reports as VALIDATION_FAILED naming the argument and
 * node/nodes answer with null, as for any id that names no visible row.
 */
export function decodeGlobalIdOrNothing(globalID: string): GlobalId {
  try {
    return decodeGlobalID(globalID);
  } catch {
    return NOT_A_GLOBAL_ID;
  }
}
