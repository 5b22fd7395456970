// Paging arguments, in one place: every field that takes `after` and `before` (every connection of
// the graph, core's and plugins', top level and nested) has them checked before anything reads.
//
// Cursors are opaque: a client passes back what a connection gave it. plugin-prisma decodes a
// cursor (base64 of `GPC:` and a tagged value) and hands the value to Prisma as the row's key,
// unchecked: a value of the wrong type (`GPC:N:1e30`, `GPC:S:abc` for an integer id, a date, a
// JSON array) made Prisma refuse the query, an internal error whose log line carried the whole
// query — search text included — and a malformed cursor came back as an uncoded error that echoed
// it. Here a cursor is accepted only when it decodes to a value of the type of the key the
// connection pages by (its model's primary key, or the key it names in `extensions.cursorKey`, see
// cursorKeyOf), and `first`/`last` only within the page size. A refusal is a VALIDATION_FAILED
// naming the argument, bilingual, without the input.
//
// Where it runs:
// - the field's own resolution: an argument mapper, held by input/after-auth.ts until scope-auth
//   let the caller through, thrown inside the field's resolver: only this field is null;
// - plugin-prisma planning a nested connection inside its parent's query: a bad page plans
//   nothing (the field resolves on its own and is refused there), so the parent and its other
//   fields still load.
// Because a refused connection is null, every connection field is nullable: a bad cursor on one
// list never takes its siblings (or, through non-null parents, the whole response) with it.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { getModel, parsePrismaCursor } from '@pothos/plugin-prisma';
import { getNamedType, isObjectType, type GraphQLField, type GraphQLResolveInfo } from 'graphql';
import { ValidationError, type FieldIssue } from '../errors.js';

/** Max page size of every connection in the graph. */
export const MAX_PAGE_SIZE = 100;
/** A connection's page size when the caller names none. */
export const DEFAULT_PAGE_SIZE = 20;

/** Longer than any cursor we issue (a compound key of two integers is under 60 characters). */
const MAX_CURSOR_LENGTH = 256;

/** Field extension naming the key a connection pages by, when it is not its model's primary key. */
export const CURSOR_KEY = 'cursorKey';

type ArgMapper<Types extends SchemaTypes> = PothosOutputFieldConfig<Types>['argMappers'][number];
type SelectFn = (args: PagingArgs, ctx: unknown, ...rest: unknown[]) => unknown;
interface Position {
  field: GraphQLField<unknown, unknown>;
}

interface PagingArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

interface DmmfField {
  name: string;
  type: string;
  kind: string;
  isId?: boolean;
}
interface DmmfModel {
  fields: readonly DmmfField[];
  primaryKey: { name: string | null; fields: readonly string[] } | null;
  uniqueIndexes: readonly { name: string | null; fields: readonly string[] }[];
}

/** The key a connection's cursors hold: its fields' types, and whether it is compound (a tuple). */
interface CursorKey {
  types: readonly string[];
  compound: boolean;
}

export class ZhifaPagingPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  /** The key of each connection field, found on first use (the schema is built by then). */
  private keys = new WeakMap<object, CursorKey | null>();

  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (!('after' in fieldConfig.args && 'before' in fieldConfig.args)) return fieldConfig;
    const mapper: ArgMapper<Types> = (args, _ctx, info) => {
      if (!ownResolution(info, fieldConfig)) return args;
      const issues = this.check(args, fieldOf(info));
      if (issues.length) throw new ValidationError(issues);
      return args;
    };
    const select = fieldConfig.extensions?.pothosPrismaSelect as SelectFn | undefined;
    const extensions =
      typeof select === 'function'
        ? {
            ...fieldConfig.extensions,
            // Planned inside the parent's query: a bad page plans nothing rather than failing the parent.
            pothosPrismaSelect: ((args, ctx, ...rest) => {
              const position = rest[2] as Position | undefined;
              if (this.check(args, position?.field ?? null).length) return undefined;
              return select(args, ctx, ...rest);
            }) satisfies SelectFn,
          }
        : fieldConfig.extensions;
    return {
      ...fieldConfig,
      type: fieldConfig.type.kind === 'List' ? fieldConfig.type : { ...fieldConfig.type, nullable: true },
      extensions,
      argMappers: [...fieldConfig.argMappers, mapper],
    };
  }

  /** Every problem with the paging arguments, at the argument's path. */
  check(args: PagingArgs, field: GraphQLField<unknown, unknown> | null): FieldIssue[] {
    const issues: FieldIssue[] = [];
    const issue = (name: string, zh: string, en: string) => issues.push({ path: [name], messageZh: zh, messageEn: en });
    for (const name of ['first', 'last'] as const) {
      const n = args[name];
      if (n != null && (n < 0 || n > MAX_PAGE_SIZE))
        issue(name, `每页条数须在 0 到 ${MAX_PAGE_SIZE} 之间`, `page size must be between 0 and ${MAX_PAGE_SIZE}`);
    }
    if (args.after != null && args.before != null)
      issue('before', '不能同时使用 after 和 before', 'after and before cannot be used together');
    if (args.before != null && args.first != null)
      issue('first', 'before 须与 last 一起使用，不能与 first 一起使用', 'before pages backwards: use last, not first');
    if (args.after != null && args.last != null)
      issue('last', 'after 须与 first 一起使用，不能与 last 一起使用', 'after pages forwards: use first, not last');
    const key = field ? this.keyOf(field) : null;
    for (const name of ['after', 'before'] as const) {
      const cursor = args[name];
      if (cursor != null && !validCursor(cursor, key))
        issue(
          name,
          '分页游标无效：请传回本列表返回的 cursor 或 endCursor',
          'invalid paging cursor: pass back a cursor or endCursor this list returned',
        );
    }
    return issues;
  }

  private keyOf(field: GraphQLField<unknown, unknown>): CursorKey | null {
    let key = this.keys.get(field);
    if (key === undefined) {
      key = cursorKeyOf(field, this.builder as never);
      this.keys.set(field, key);
    }
    return key;
  }
}

/** The field being resolved (an argument mapper is handed a resolution's info, typed loosely). */
function fieldOf(info: object): GraphQLField<unknown, unknown> | null {
  const i = info as GraphQLResolveInfo;
  return i.parentType.getFields()[i.fieldName] ?? null;
}

function ownResolution(info: object, config: { name: string; parentType: string }): boolean {
  const i = info as Partial<GraphQLResolveInfo>;
  return i.fieldName === config.name && i.parentType?.name === config.parentType;
}

/**
 * The key a connection field pages by, the way plugin-prisma reads its `cursor` option: a
 * compound primary key or unique index by its name (a tuple), otherwise one field. By default the
 * node model's primary key; a field paging by another key names it in `extensions.cursorKey`.
 * When the connection's nodes are not a Prisma model, the list is paged in memory (in-memory-page.ts) and a
 * declared key is an integer (a position or a row's key); without one, no cursor is accepted.
 */
function cursorKeyOf(field: GraphQLField<unknown, unknown>, builder: Parameters<typeof getModel>[1]): CursorKey | null {
  const connection = getNamedType(field.type);
  if (!isObjectType(connection)) return null;
  const edge = getNamedType(connection.getFields().edges?.type);
  const node = isObjectType(edge) ? getNamedType(edge.getFields().node?.type) : null;
  const modelName = (node?.extensions as { pothosPrismaModel?: string } | undefined)?.pothosPrismaModel;
  const declared = (field.extensions as Record<string, unknown> | undefined)?.[CURSOR_KEY] as string | undefined;
  // A list computed in memory pages by an integer: its position or its rows' key (in-memory-page.ts).
  if (!modelName) return declared ? { types: ['Int'], compound: false } : null;
  const model = getModel(modelName, builder) as unknown as DmmfModel;
  const typeOf = (name: string) => model.fields.find((f) => f.name === name)?.type ?? 'unknown';
  const compound = (fields: readonly string[]): CursorKey => ({ types: fields.map(typeOf), compound: true });
  const pk = model.primaryKey;
  const pkName = pk ? (pk.name ?? pk.fields.join('_')) : null;
  if (!declared) {
    if (pk) return compound(pk.fields);
    const id = model.fields.find((f) => f.isId);
    return id ? { types: [id.type], compound: false } : null;
  }
  if (pk && declared === pkName) return compound(pk.fields);
  const index = model.uniqueIndexes.find((i) => (i.name ?? i.fields.join('_')) === declared);
  return index ? compound(index.fields) : { types: [typeOf(declared)], compound: false };
}

/** Whether `raw` is a cursor plugin-prisma could have written for a row keyed by `key`. */
export function validCursor(raw: string, key: CursorKey | null): boolean {
  if (!key || raw.length === 0 || raw.length > MAX_CURSOR_LENGTH) return false;
  let value: unknown;
  try {
    value = parsePrismaCursor(raw);
  } catch {
    return false;
  }
  if (!key.compound) return fitsType(value, key.types[0]);
  return Array.isArray(value) && value.length === key.types.length && value.every((v, i) => fitsType(v, key.types[i]));
}

const INT4 = 2 ** 31;
const INT8 = 2n ** 63n;

/** A value Prisma takes for a column of this type, as a cursor decodes it. */
function fitsType(value: unknown, type: string): boolean {
  switch (type) {
    case 'Int':
      return Number.isInteger(value) && (value as number) >= -INT4 && (value as number) < INT4;
    case 'BigInt':
      return typeof value === 'bigint' && value >= -INT8 && value < INT8;
    case 'String':
      return typeof value === 'string';
    case 'DateTime':
      return value instanceof Date && Number.isFinite(value.getTime());
    default:
      // No connection pages by another type; a key of one is refused until someone needs it.
      return false;
  }
}

const pluginName = 'zhifaPaging';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      zhifaPaging: ZhifaPagingPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, ZhifaPagingPlugin);

export default pluginName;
