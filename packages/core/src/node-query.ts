// `node(id)` and `nodes(ids)`: one answer for every id that names no row the caller may see.
//
// An id of a type that is not a node, a malformed id (decodeGlobalIdOrNothing), an id of a row
// that does not exist and an id of a row the caller may not read all answer null, with no error:
// nothing tells a caller which rows exist. Row visibility itself is each node type's `rowRule`
// (auth/rows.ts, lists/access.ts, a plugin's access.ts), which the framework ANDs into the type's
// `prismaNode({ findUnique })` (auth/row-rules-plugin.ts), so a hidden row is never loaded; every
// node type is `nullable`, so a missing row is null rather than a Prisma "not found" error.
//
// Each id of `nodes(ids)` resolves on its own: an unexpected failure (the database going away)
// fails that item alone — null with an error at its path — never the others.
//
// The builder is taken as any Pothos builder (as plugin-relay's resolveNodes takes it): builder.ts
// hands itself in when it declares `node`/`nodes`, so this file names neither it nor its types.
import type { SchemaTypes } from '@pothos/core';
import { isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { resolveNodes } from '@pothos/plugin-relay';
import type { GlobalId } from './ids.js';

/** Largest `nodes(ids:)` list (also the input layer's default bound on every list argument). */
export const MAX_NODES = 100;

function isNodeType(schema: GraphQLSchema, typename: string): boolean {
  const type = typename ? schema.getType(typename) : undefined;
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}

export function loadNode<Types extends SchemaTypes>(
  builder: PothosSchemaTypes.SchemaBuilder<Types>,
  ctx: Types['Context'],
  info: GraphQLResolveInfo,
  gid: GlobalId,
): Promise<unknown> | null {
  if (!isNodeType(info.schema, gid.typename)) return null;
  return resolveNodes(builder, ctx, info, [gid]).then(([node]) => node ?? null);
}

export function loadNodes<Types extends SchemaTypes>(
  builder: PothosSchemaTypes.SchemaBuilder<Types>,
  ctx: Types['Context'],
  info: GraphQLResolveInfo,
  gids: readonly GlobalId[],
): (Promise<unknown> | null)[] {
  return gids.map((gid) => loadNode(builder, ctx, info, gid));
}
