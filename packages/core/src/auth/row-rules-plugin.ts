// The framework side of row rules (row-rules.ts): every Prisma-backed object type declares a
// `rowRule`, and this plugin applies it on every path that loads the type, so that no resolver
// has to remember a filter and no row is checked again one by one.
//
// - Build: a Prisma-backed object type without `rowRule` (or with another model's) fails the build.
// - List relations (`t.relation` of a list, `t.relatedConnection`, a field's `select` with a
//   nested selection): the rule's filter is ANDed into the nested query plugin-prisma builds,
//   so the rows, the page and `totalCount` are the visible ones. Where the rows are reached from
//   the row their rule goes `through` (a visible case's steps), there is nothing to add.
// - To-one relations: Prisma cannot filter a to-one include, so the loaded row is checked: the
//   rule's `can`, else one batched query per tick. A row that fails is null (an error on a
//   non-null field). Nothing is checked when the relation leads back to the row the parent's rule
//   goes `through`, nor where the field declares `rowRuleImplied` (with the reason).
// - `node`/`nodes` (and plugin-prisma re-reading a row): a `prismaNode`'s `findUnique` is ANDed
//   with the rule when the type is declared, so a hidden row is never loaded (null, like an
//   unknown id).
// - Every query and subscription field, whatever it returns (a list of cases, a lookup, a CSV of
//   matters, a count), and any other field returning a ruled type (a loader, a subscription
//   payload): its resolver is handed a scoped context, whose `ctx.prisma.<model>` reads
//   (findMany, findFirst, findUnique, count, aggregate, groupBy and the OrThrow forms) of every
//   model with a rule carry the viewer's rule. One per request; it keeps Pothos's per-request
//   caches (same cache key). A domain check that must see further reads through `sudo(ctx)`
//   (row-rules.ts) and says why. Mutations are left alone: a mutation returns the row its caller
//   was authorised to write, and reads in its unit of work's transaction, which this cannot see.
// Not covered: raw SQL, and a row a resolver builds or keeps in memory; the rule's owner says so.
import SchemaBuilder, {
  BasePlugin,
  contextCacheSymbol,
  createContextCache,
  isThenable,
  PothosSchemaError,
  type PothosOutputFieldConfig,
  type PothosOutputFieldType,
  type PothosTypeConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
// Loaded first: its `prismaNode` is what declareNodeLookups wraps.
import { prismaClientCache } from '@pothos/plugin-prisma';
import { ForbiddenError } from '../errors.js';
import type { Viewer } from './viewer.js';
import { andRule, isAllRows, UNSCOPED_CLIENT, type RowRule } from './row-rules.js';

const RULE = 'zhifaRowRule';

type AnyRule = RowRule;
interface RuledContext {
  viewer: Viewer;
  prisma: object;
}
type NestedQuery = (query: unknown, options?: { getType?: () => string }) => unknown;
type SelectFn = (args: object, ctx: RuledContext, nested: NestedQuery, getSelection?: unknown) => unknown;
interface PrismaDatamodel {
  datamodel: { models: Record<string, { fields: readonly RelationField[] } | undefined> };
}
interface RelationField {
  name: string;
  type: string;
  isList: boolean;
  relationName?: string;
}

export class RowRulesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  /** Every declared rule, by the model's client delegate (`enforcementCase`). */
  private readonly rules = new Map<string, AnyRule>();
  private readonly scoped = scopedContexts(this.rules);

  override onTypeConfig(typeConfig: PothosTypeConfig): PothosTypeConfig {
    if (typeConfig.kind !== 'Object') return typeConfig;
    const model = typeConfig.extensions?.pothosPrismaModel as string | undefined;
    if (!model) return typeConfig;
    const rule = (typeConfig.pothosOptions as { rowRule?: AnyRule }).rowRule;
    if (!rule)
      throw new PothosSchemaError(
        `${typeConfig.name} (Prisma model ${model}) declares no rowRule: every Prisma-backed type states who may read ` +
          `its rows (defineRowRule, rowsThrough, or publicRows for a public one); see packages/core/src/auth/row-rules.ts`,
      );
    if (rule.model !== model)
      throw new PothosSchemaError(`${typeConfig.name} is of model ${model} but its rowRule is for ${rule.model}`);
    const known = this.rules.get(delegateKey(model));
    if (known && known !== rule)
      throw new PothosSchemaError(`${typeConfig.name}: model ${model} has another row rule already (one per model)`);
    this.rules.set(delegateKey(model), rule);
    return { ...typeConfig, extensions: { ...typeConfig.extensions, [RULE]: rule } };
  }

  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    const select = fieldConfig.extensions?.pothosPrismaSelect as SelectFn | object | undefined;
    if (typeof select !== 'function' || !this.isListLike(fieldConfig)) return fieldConfig;
    // A list of rows selected inside the parent's query: the rule goes into the nested query.
    const rule = this.ruleOfType(fieldConfig.type);
    if (!rule || rule.isPublic) return fieldConfig;
    const relation = fieldConfig.extensions?.pothosPrismaRelationField as RelationField | undefined;
    if (this.reachedThrough(rule, relation, this.ruleOfTypeName(fieldConfig.parentType))) return fieldConfig;
    const narrow = (query: unknown, viewer: Viewer): unknown => {
      const where = rule.where(viewer);
      if (where !== null && isAllRows(where)) return query;
      const filter = where ?? rule.noRows;
      return isThenable(query) ? query.then((q) => withWhere(q as object, filter)) : withWhere(query as object, filter);
    };
    const wrapped: SelectFn = (args, ctx, nested, getSelection) =>
      select(args, ctx, (query, options) => nested(narrow(query, ctx.viewer), options), getSelection);
    return { ...fieldConfig, extensions: { ...fieldConfig.extensions, pothosPrismaSelect: wrapped } };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const rule = this.ruleOfType(fieldConfig.type);
    // Every query and subscription field reads through the scoped context, whatever it returns
    // (a list of cases, a CSV of matters, statistics): a rule is never the resolver's to remember.
    const root = fieldConfig.parentType === 'Query' || fieldConfig.parentType === 'Subscription';
    if (!rule || rule.isPublic) return root ? this.scopedResolver(resolver) : resolver;
    const ext = fieldConfig.extensions ?? {};
    const relation = ext.pothosPrismaRelationField as RelationField | undefined;
    if (relation || typeof ext.pothosPrismaSelect === 'function') {
      // Lists are filtered in the query (onOutputFieldConfig); a to-one row is checked once loaded.
      // This wrapper is outside plugin-prisma's, so it sees the row however that one loaded it.
      if (this.isListLike(fieldConfig)) return resolver;
      const implied = (fieldConfig.pothosOptions as { rowRuleImplied?: string }).rowRuleImplied;
      if (implied || this.reachedThrough(rule, relation, this.ruleOfTypeName(fieldConfig.parentType))) return resolver;
      const nullable = fieldConfig.type.kind !== 'List' && fieldConfig.type.nullable;
      const check = toOneCheck(rule, nullable, `${fieldConfig.parentType}.${fieldConfig.name}`);
      return (parent, args, ctx, info) =>
        settle(resolver(parent, args, ctx, info), (row) => check(row, ctx as unknown as RuledContext));
    }
    if (fieldConfig.parentType === 'Mutation') return resolver;
    return this.scopedResolver(resolver);
  }

  /**
   * The resolver with the scoped context (its `ctx.prisma` reads carry the row rules). plugin-prisma
   * caches the client per request under the context's cache key, which the scoped context shares:
   * the request's own client is cached first, so plugin-prisma's internal reads stay its own.
   */
  private scopedResolver(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const clientOf = prismaClientCache(this.builder as never);
    return (parent, args, ctx, info) => {
      clientOf(ctx);
      return resolver(parent, args, this.scoped(ctx as unknown as RuledContext), info);
    };
  }

  /** A list of rows: a list type, a list relation, or a connection (its `edges` are the list). */
  private isListLike(fieldConfig: PothosOutputFieldConfig<Types>): boolean {
    if (fieldConfig.type.kind === 'List') return true;
    const relation = fieldConfig.extensions?.pothosPrismaRelationField as RelationField | undefined;
    if (relation) return relation.isList;
    return this.connectionNodeType(fieldConfig.type) !== undefined;
  }

  private ruleOfType(type: PothosOutputFieldType<Types>): AnyRule | undefined {
    const inner = type.kind === 'List' ? type.type : type;
    if (inner.kind !== 'Object') return undefined;
    const config = this.buildCache.getTypeConfig(inner.ref);
    const own = config.extensions?.[RULE] as AnyRule | undefined;
    if (own) return own;
    // A connection of a ruled type (prismaConnection, relatedConnection): the rule of its nodes.
    const node = this.connectionNodeType(inner);
    return node ? this.ruleOfTypeName(node) : undefined;
  }

  private ruleOfTypeName(name: string): AnyRule | undefined {
    const config = this.buildCache.getTypeConfig(name);
    return config.extensions?.[RULE] as AnyRule | undefined;
  }

  /**
   * The rows are reached from the row their rule goes `through` (a case's `steps` from the case), or
   * the parent's rule goes through this relation (a step's `case`): the parent's visibility decides.
   */
  private reachedThrough(rule: AnyRule, relation: RelationField | undefined, parentRule: AnyRule | undefined): boolean {
    if (!relation) return false;
    if (parentRule?.through === relation.name) return true;
    if (rule.through === undefined || relation.relationName === undefined) return false;
    const { dmmf } = (this.builder.options as { prisma: { dmmf: PrismaDatamodel } }).prisma;
    const through = dmmf.datamodel.models[rule.model]?.fields.find((f) => f.name === rule.through);
    return through?.relationName === relation.relationName;
  }

  /** The node type of a Relay connection type (`…Connection` → `edges` → `node`), or undefined. */
  private connectionNodeType(type: PothosOutputFieldType<Types>): string | undefined {
    if (type.kind !== 'Object') return undefined;
    const edges = this.fieldOf(this.buildCache.getTypeConfig(type.ref).name, 'edges');
    const edge = edges && (edges.type.kind === 'List' ? edges.type.type : edges.type);
    if (!edge || edge.kind !== 'Object') return undefined;
    const node = this.fieldOf(this.buildCache.getTypeConfig(edge.ref).name, 'node');
    return node && node.type.kind === 'Object' ? this.buildCache.getTypeConfig(node.type.ref).name : undefined;
  }

  private fieldOf(typeName: string, fieldName: string): PothosOutputFieldConfig<Types> | undefined {
    if (this.buildCache.getTypeConfig(typeName).kind !== 'Object') return undefined;
    return this.builder.configStore.getFields(typeName, 'Object').get(fieldName);
  }
}

function withWhere(query: object | undefined, filter: object): object {
  const q = (query ?? {}) as { where?: object };
  return { ...q, where: q.where ? { AND: [q.where, filter] } : filter };
}

function settle<T>(value: unknown, then: (v: T) => unknown): unknown {
  return isThenable(value) ? (value as Promise<T>).then(then) : then(value as T);
}

/** The check of a to-one row: the rule's `can`, else one batched query per tick for the ids asked. */
function toOneCheck(rule: AnyRule, nullable: boolean, field: string) {
  const hidden = () => {
    if (nullable) return null;
    throw new ForbiddenError({ zh: `无权查看（${field}）`, en: `Not allowed to read ${field}` });
  };
  return (row: unknown, ctx: RuledContext): unknown => {
    if (row == null) return row;
    const where = rule.where(ctx.viewer);
    if (where === null) return hidden();
    if (isAllRows(where)) return row;
    if (rule.can) return rule.can(ctx.viewer, row as never) ? row : hidden();
    return visibleIds(ctx, rule)((row as { id: number }).id).then((ok) => (ok ? row : hidden()));
  };
}

const visibleIds = (() => {
  const perRule = new WeakMap<AnyRule, ReturnType<typeof batchFor>>();
  const batchFor = (rule: AnyRule) =>
    createContextCache((ctx: RuledContext) => {
      let pending: { id: number; resolve: (v: boolean) => void; reject: (e: unknown) => void }[] = [];
      const known = new Map<number, Promise<boolean>>();
      const flush = async () => {
        const batch = pending;
        pending = [];
        try {
          const ids = [...new Set(batch.map((b) => b.id))];
          const rows = (await delegateOf(ctx.prisma, rule.model).findMany({
            where: { AND: [{ id: { in: ids } }, rule.where(ctx.viewer) ?? rule.noRows] },
            select: { id: true },
          })) as { id: number }[];
          const visible = new Set(rows.map((r) => r.id));
          for (const b of batch) b.resolve(visible.has(b.id));
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      };
      return (id: number): Promise<boolean> => {
        let answer = known.get(id);
        if (!answer) {
          answer = new Promise<boolean>((resolve, reject) => {
            if (pending.length === 0) setImmediate(() => void flush());
            pending.push({ id, resolve, reject });
          });
          known.set(id, answer);
        }
        return answer;
      };
    });
  return (ctx: RuledContext, rule: AnyRule) => {
    let cache = perRule.get(rule);
    if (!cache) perRule.set(rule, (cache = batchFor(rule)));
    return cache(ctx);
  };
})();

type Delegate = Record<string, (args?: object) => Promise<unknown>>;

function delegateKey(model: string): string {
  return model[0].toLowerCase() + model.slice(1);
}

function delegateOf(prisma: object, model: string): Delegate {
  return (prisma as Record<string, Delegate>)[delegateKey(model)];
}

const READS = [
  'findMany',
  'findFirst',
  'findFirstOrThrow',
  'findUnique',
  'findUniqueOrThrow',
  'count',
  'aggregate',
  'groupBy',
] as const;
const EMPTY: Partial<Record<(typeof READS)[number], unknown>> = {
  findMany: [],
  findFirst: null,
  findUnique: null,
  count: 0,
};

/** A model's delegate whose reads carry the rule for this viewer (the delegate itself when it sees every row). */
function guardDelegate(delegate: Delegate, rule: AnyRule, viewer: Viewer): Delegate {
  const where = rule.where(viewer);
  if (where !== null && isAllRows(where)) return delegate;
  const filter = where ?? rule.noRows;
  const reads: Partial<Delegate> = {};
  for (const method of READS) {
    reads[method] = (args: { where?: object } = {}) => {
      if (where === null && method in EMPTY) return Promise.resolve(EMPTY[method]);
      return delegate[method]({ ...args, where: andRule(args.where, filter) });
    };
  }
  // Prisma's delegates are proxies that write through: nothing is set on them, they are wrapped.
  return new Proxy(delegate, {
    get: (target, prop) => (typeof prop === 'string' && reads[prop]) || (Reflect.get(target, prop, target) as unknown),
  });
}

/**
 * The context a query resolver receives: the same, except that `ctx.prisma` reads of every model
 * with a row rule carry the viewer's rule. One per request (per event of a subscription): Pothos
 * keys its per-request caches on `ctx[contextCacheSymbol] ?? ctx`, and this context answers with
 * the original's key, so loaders and plans are shared with the request.
 */
function scopedContexts(rules: ReadonlyMap<string, AnyRule>) {
  return createContextCache((ctx: RuledContext): RuledContext => {
    const base = ctx.prisma as Record<string, Delegate>;
    const delegates = new Map<string, Delegate>();
    const prisma = new Proxy(base, {
      get: (target, prop) => {
        const rule = typeof prop === 'string' ? rules.get(prop) : undefined;
        if (!rule) return Reflect.get(target, prop, target) as unknown;
        let d = delegates.get(prop as string);
        if (!d) delegates.set(prop as string, (d = guardDelegate(target[prop as string], rule, ctx.viewer)));
        return d;
      },
    });
    return Object.create(ctx, {
      prisma: { value: prisma, enumerable: true },
      [UNSCOPED_CLIENT]: { value: base },
      [contextCacheSymbol]: {
        get: () => (ctx as unknown as Record<symbol, unknown>)[contextCacheSymbol] ?? ctx,
      },
    }) as RuledContext;
  });
}

/**
 * `prismaNode` with the type's rule in its `findUnique`: `node(id)`, `nodes(ids)` and plugin-prisma's
 * own re-reads of a row look the row up in the database under the rule. A node type's lookup is
 * written once, here, for every type: its `findUnique` names the row, the rule narrows it.
 */
function declareNodeLookups(): void {
  type NodeOptions = { rowRule?: AnyRule; findUnique?: (id: unknown, ctx: RuledContext) => object; name?: string };
  const proto = SchemaBuilder.prototype as unknown as { prismaNode: (type: string, options: NodeOptions) => unknown };
  const prismaNode = proto.prismaNode;
  proto.prismaNode = function ruledPrismaNode(this: unknown, type: string, options: NodeOptions) {
    const { rowRule, findUnique } = options;
    if (!rowRule || rowRule.isPublic) return prismaNode.call(this, type, options);
    if (!findUnique)
      throw new PothosSchemaError(
        `prismaNode ${options.name ?? type}: a type with a row rule names its row by findUnique`,
      );
    return prismaNode.call(this, type, {
      ...options,
      findUnique: (id: unknown, ctx: RuledContext) =>
        andRule(findUnique(id, ctx), rowRule.where(ctx.viewer) ?? rowRule.noRows),
    });
  };
}
declareNodeLookups();

/* eslint-disable @typescript-eslint/no-unused-vars -- declaration merging repeats Pothos's type parameters */
declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      zhifaRowRules: RowRulesPlugin<Types>;
    }
    export interface ObjectTypeOptions<Types extends SchemaTypes, Shape> {
      /**
       * Who may read this type's rows (auth/row-rules.ts). Required on every Prisma-backed object
       * type; the framework applies it on every path that loads the type.
       */
      rowRule?: RowRule;
    }
    export interface FieldOptions<
      Types extends SchemaTypes,
      ParentShape,
      Type,
      Nullable,
      Args,
      ResolveShape,
      ResolveReturnShape,
    > {
      /**
       * A to-one relation whose row is visible whenever its parent row is, and why: the framework
       * then does not check the row against its type's rule (row-rules-plugin.ts).
       */
      rowRuleImplied?: string;
    }
  }
}

/* eslint-enable @typescript-eslint/no-unused-vars */

SchemaBuilder.registerPlugin('zhifaRowRules', RowRulesPlugin);

export default 'zhifaRowRules' as const;
