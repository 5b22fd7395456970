// The compiler ships without types: its ambient declaration must come with this file into every
// program that compiles it (a plugin's tsconfig includes only its own src), which an import of a
// declaration-only file cannot do.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./prisma-compiler.d.ts" />
import { createRequire } from 'node:module';
import { QueryCompiler } from '@prisma/client/runtime/query_compiler_bg.postgresql.mjs';
import { prismaDatamodel } from '@zhifa/core/prisma';

// The database layer's plan cache (installed by openDatabase, database.ts, before it creates a client):
// it patches a private part of the Prisma runtime, so it lives with the adapters and migrations, not
// in the domain core, and it refuses to install on a Prisma version it was not verified on.
//

// Prisma 6's query compiler (WASM) turns every request into a query plan from scratch, with the
// request's values written into the plan. In profiles it is the largest single cost of a request:
// ~15 % of a list page, a quarter of a mutation's CPU. Prisma 7 caches plans by parameterising
// requests; this does the same, for the values it can prove safe:
//
// - Int, String (not enum) and DateTime scalar values, compared by equality in `where` (at any depth of
//   AND/OR/NOT, and in the `where` of nested relation selections) or written in `data`, become
//   placeholders (the JSON protocol's `Param`, which Prisma's own `$prepare` uses). Requests that
//   differ only in such values share one plan; the values are put back into a copy of it, where
//   the plan's interpreter would have read them from its placeholder values.
// - Everything else (null, enums, lists, ranges, take, orderBy; and any upsert, see PARAMETERISED)
//   stays in the key, as the compiler may shape the plan by it: a request with no such value is cached by its text alone,
//   and only if it is a read (a write's literal values make it unique anyway).
// - A raw query (`$queryRaw`, `$executeRaw`: the event log's reads and writes, row locks) is keyed
//   by its SQL and its parameters' types (rawParameters).
//
// ZHIFA_PLAN_CHECK=1 also compiles each parameterised request as it stands and throws unless both
// plans agree in everything but how the value is spelled (the test suite runs with it on).
const PLAN_CACHE_SIZE = 2_000;
const PLAN_KEY_MAX = 8_192;
const READ_REQUEST =
  /^\{"modelName":"[^"]*","action":"(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|aggregate|groupBy|count)"/;
const INT32 = 2 ** 31;

type Field = { kind: string; type: string; isList?: boolean };
type Model = Map<string, Field>;
let models: Map<string, Model> | undefined;
function model(name: string): Model | undefined {
  if (!models) {
    models = new Map();
    const dm = prismaDatamodel().datamodel.models as Record<string, { fields: readonly (Field & { name: string })[] }>;
    for (const [m, { fields }] of Object.entries(dm)) models.set(m, new Map(fields.map((f) => [f.name, f])));
  }
  return models.get(name);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value that a placeholder may carry without changing the plan around it. */
function placeable(f: Field | undefined, v: Json): boolean {
  if (!f || f.kind !== 'scalar' || f.isList) return false;
  if (f.type === 'String') return typeof v === 'string';
  if (f.type === 'Int') return isInt32(v);
  if (f.type === 'DateTime') return isObj(v) && v.$type === 'DateTime' && typeof v.value === 'string';
  return false;
}
const isInt32 = (v: Json) => typeof v === 'number' && Number.isInteger(v) && v >= -INT32 && v < INT32;

class Parameters {
  readonly values: Json[] = [];
  /** The plan spells a date as its ISO text. */
  take(v: Json): Json {
    return { $type: 'Param', value: `z${this.values.push(isObj(v) ? v.value! : v) - 1}` };
  }

  where(m: Model, w: Json): void {
    if (!isObj(w)) return;
    for (const [k, v] of Object.entries(w)) {
      if (k === 'AND' || k === 'OR' || k === 'NOT') {
        for (const sub of Array.isArray(v) ? v : [v]) this.where(m, sub);
        continue;
      }
      const f = m.get(k);
      if (placeable(f, v)) w[k] = this.take(v);
      else if (isObj(v) && Object.keys(v).length === 1 && placeable(f, v.equals)) v.equals = this.take(v.equals);
    }
  }

  data(m: Model, d: Json): void {
    if (Array.isArray(d)) return d.forEach((row) => this.data(m, row));
    if (!isObj(d)) return;
    for (const [k, v] of Object.entries(d)) if (placeable(m.get(k), v)) d[k] = this.take(v);
  }

  query(m: Model, q: Json): void {
    if (!isObj(q)) return;
    const args = q.arguments;
    if (isObj(args)) {
      if ('where' in args) this.where(m, args.where);
      if ('data' in args) this.data(m, args.data);
    }
    if (!isObj(q.selection)) return;
    for (const [k, sel] of Object.entries(q.selection)) {
      const f = m.get(k);
      const related = f?.kind === 'object' ? model(f.type) : undefined;
      if (related && isObj(sel)) this.query(related, sel);
    }
  }
}

// An upsert is not: the compiler turns it into one INSERT … ON CONFLICT only when it can see that
// `where` names the same unique value as `create`; with a placeholder it falls back to a read, then
// an update or an insert, which is no longer atomic (ZHIFA_PLAN_CHECK found it).
const PARAMETERISED = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'aggregate',
  'groupBy',
  'createOne',
  'createMany',
  'createManyAndReturn',
  'updateOne',
  'updateMany',
  'updateManyAndReturn',
  'deleteOne',
  'deleteMany',
]);

/** The request with its placeable values taken out, or null when it has none. */
export function parameterise(request: string): { key: string; values: Json[] } | null {
  if (!request.startsWith('{"modelName":')) return null;
  const r = JSON.parse(request) as Obj;
  const m = model(r.modelName as string);
  if (!m || !PARAMETERISED.has(r.action as string)) return null;
  const p = new Parameters();
  p.query(m, r.query);
  return p.values.length ? { key: JSON.stringify(r), values: p.values } : null;
}

/**
 * A raw query's plan is its SQL with the parameters as given (a tagged value, such as a bigint,
 * unwrapped) and a type for each: the key is the SQL and those types, the values are put back as
 * they are. Whether a kind of parameter really comes through unchanged is checked on the first
 * compile of each key (RawPlan.verbatim); a key where it does not is compiled every time.
 */
export function rawParameters(request: string): { key: string; values: Json[] } | null {
  if (!RAW_REQUEST.test(request)) return null;
  const r = JSON.parse(request) as { query: { arguments: { parameters: string } } };
  const given = JSON.parse(r.query.arguments.parameters) as Json[];
  const kinds: string[] = [];
  for (const v of given) {
    const k =
      v === null
        ? 'null'
        : typeof v === 'boolean'
          ? 'bool'
          : typeof v === 'string'
            ? 'str'
            : isInt32(v)
              ? 'int'
              : isObj(v) && typeof v.prisma__type === 'string' && typeof v.prisma__value === 'string'
                ? `tag:${v.prisma__type}`
                : null;
    if (!k) return null;
    kinds.push(k);
  }
  r.query.arguments.parameters = kinds.join(',');
  return { key: JSON.stringify(r), values: given.map((v) => (isObj(v) ? v.prisma__value! : v)) };
}
const RAW_REQUEST = /^\{"action":"(queryRaw|executeRaw)","query":\{"arguments":\{"query":/;
type RawPlan = { plan: { type: string; args: Obj & { args: Json[] } }; verbatim: boolean };

const isParam = (v: Obj) =>
  v.prisma__type === 'param' &&
  isObj(v.prisma__value) &&
  typeof v.prisma__value.name === 'string' &&
  v.prisma__value.name.startsWith('z');

/** A copy of the plan with each of our placeholders replaced by its value; untouched branches are shared. */
export function bind(plan: Json, values: Json[]): Json {
  if (Array.isArray(plan)) {
    let out: Json[] | undefined;
    for (let i = 0; i < plan.length; i++) {
      const b = bind(plan[i], values);
      if (b !== plan[i]) (out ??= plan.slice())[i] = b;
    }
    return out ?? plan;
  }
  if (!isObj(plan)) return plan;
  if (isParam(plan)) return values[Number((plan.prisma__value as { name: string }).name.slice(1))]!;
  let out: Obj | undefined;
  for (const k in plan) {
    const b = bind(plan[k], values);
    if (b !== plan[k]) (out ??= { ...plan })[k] = b;
  }
  return out ?? plan;
}

/**
 * Whether a bound plan does what the literal one does. The compiler writes a literal Int as a
 * string typed bigint and a placeholder as an int; the driver sends both as the same text. Some of
 * its records come out in a different key order from one compile of a request to the next (a
 * compound cursor, `operations.pagination.cursor: { listId, seq }`, is a Rust HashMap, whose order is
 * seeded per map): records are compared whatever their key order; lists keep theirs.
 */
export function samePlan(bound: unknown, literal: unknown): boolean {
  const norm = (p: unknown) =>
    JSON.stringify(p, (k, v: unknown) =>
      typeof v === 'number'
        ? String(v)
        : k === 'scalarType' && v === 'bigint'
          ? 'int'
          : isObj(v)
            ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
            : v,
    );
  return norm(bound) === norm(literal);
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/**
 * The @prisma/client versions this was verified on: QueryCompiler.compile(request) of
 * query_compiler_bg.postgresql.mjs returns a plan, JSON-protocol `Param` placeholders compile to
 * plan placeholders, and the whole suite passes with ZHIFA_PLAN_CHECK=1 on PGlite and PostgreSQL.
 */
export const VERIFIED_PRISMA_VERSIONS: readonly string[] = ['6.19.3'];

/** The version of the @prisma/client package whose runtime cachePlans patches. */
export function installedPrismaVersion(): string {
  return (createRequire(import.meta.url)('@prisma/client/package.json') as { version: string }).version;
}

/** Throws, saying what to re-verify, unless `version` is one this was verified on. */
export function assertVerifiedPrisma(version: string = installedPrismaVersion()): void {
  if (VERIFIED_PRISMA_VERSIONS.includes(version)) return;
  throw new Error(
    `plan cache (packages/server/src/prisma-plans.ts) patches Prisma's private query compiler and was verified on ` +
      `@prisma/client ${VERIFIED_PRISMA_VERSIONS.join(', ')}, not on the installed ${version}. Re-verify before adding ` +
      `${version} to VERIFIED_PRISMA_VERSIONS: query_compiler_bg.postgresql.mjs still exports QueryCompiler with ` +
      `compile(request: string) returning a plan; test/server/prisma-plans.test.ts passes; and the whole suite passes ` +
      `with ZHIFA_PLAN_CHECK=1 (vitest.config.ts) on PGlite and on PostgreSQL (pnpm test).`,
  );
}

export const planStats = { compiled: 0, reused: 0 };
let installed = false;

/** Install the plan cache (once per process); throws on a Prisma version it was not verified on. */
export function cachePlans(): void {
  if (installed) return;
  assertVerifiedPrisma();
  installed = true;
  const proto = QueryCompiler.prototype;
  // The original method, called on its compiler with compile.call(self, …) below.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const compile = proto.compile;
  const check = process.env.ZHIFA_PLAN_CHECK === '1';
  // One cache per compiler: a compiler belongs to one client, whose adapter fixes the schema the
  // plan's SQL names (tests and tenants run clients on different schemas in one process).
  const caches = new WeakMap<object, Map<string, unknown>>();
  const cached = (self: object, key: string, make: () => unknown) => {
    let plans = caches.get(self);
    if (!plans) caches.set(self, (plans = new Map<string, unknown>()));
    let plan = plans.get(key);
    if (plan !== undefined) {
      planStats.reused++;
      plans.delete(key);
      plans.set(key, plan);
      return plan;
    }
    planStats.compiled++;
    // Frozen: an interpreter that ever mutated a shared plan would fail loudly.
    plan = deepFreeze(make());
    plans.set(key, plan);
    if (plans.size > PLAN_CACHE_SIZE) plans.delete(plans.keys().next().value!);
    return plan;
  };
  const boundPlan = (self: object, request: string): unknown => {
    const p = parameterise(request);
    if (p) return bind(cached(self, p.key, () => compile.call(self, p.key)) as Json, p.values);
    const raw = rawParameters(request);
    if (!raw) return READ_REQUEST.test(request) ? cached(self, request, () => compile.call(self, request)) : undefined;
    const c = cached(self, raw.key, (): RawPlan => {
      const plan = compile.call(self, request) as RawPlan['plan'];
      return { plan, verbatim: JSON.stringify(plan.args?.args) === JSON.stringify(raw.values) };
    }) as RawPlan;
    return c.verbatim ? { ...c.plan, args: { ...c.plan.args, args: raw.values } } : undefined;
  };
  proto.compile = function (this: object, request: string) {
    if (request.length > PLAN_KEY_MAX) return compile.call(this, request);
    const plan = boundPlan(this, request);
    if (plan === undefined) return compile.call(this, request);
    if (check) {
      const literal = compile.call(this, request);
      if (!samePlan(plan, literal))
        throw new Error(
          `plan cache: the parameterised plan differs from the literal one for ${request}\n${JSON.stringify(plan)}\n${JSON.stringify(literal)}`,
        );
    }
    return plan;
  };
}
