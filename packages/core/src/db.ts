/// <reference path="./prisma-compiler.d.ts" />
import { QueryCompiler } from '@prisma/client/runtime/query_compiler_bg.postgresql.mjs';
import { PrismaClient } from './generated/prisma/client.js';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export { PrismaClient, Prisma } from './generated/prisma/client.js';
export type * from './generated/prisma/client.js';

/** A transaction client or the root client: what a repository function may be handed. */
export type Db = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

// Prisma 6's query compiler (WASM) turns every request into a query plan, from scratch: in profiles
// of a list page it is the largest single cost of the request (~15 % of the process). A read's plan
// depends only on the request's JSON (values are embedded; generated values such as now() stay
// calls evaluated at run time), and the same pages and lookups come back again and again: keep the
// plans of recent reads. Plans are frozen, so an executor that ever mutated one would fail loudly.
const PLAN_CACHE_SIZE = 2_000;
const PLAN_KEY_MAX = 8_192;
const READ_REQUEST = /^\{"modelName":"[^"]*","action":"(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|aggregate|groupBy)"/;
let plansCached = false;

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

function cacheReadPlans(): void {
  if (plansCached) return;
  plansCached = true;
  const proto = QueryCompiler.prototype as { compile(request: string): unknown };
  const compile = proto.compile;
  // One cache per compiler: a compiler belongs to one client, whose adapter fixes the schema the
  // plan's SQL names (tests and tenants run clients on different schemas in one process).
  const caches = new WeakMap<object, Map<string, unknown>>();
  proto.compile = function (this: object, request: string) {
    if (request.length > PLAN_KEY_MAX || !READ_REQUEST.test(request)) return compile.call(this, request);
    let plans = caches.get(this);
    if (!plans) caches.set(this, (plans = new Map()));
    let plan = plans.get(request);
    if (plan !== undefined) {
      plans.delete(request);
      plans.set(request, plan);
      return plan;
    }
    plan = deepFreeze(compile.call(this, request));
    plans.set(request, plan);
    if (plans.size > PLAN_CACHE_SIZE) plans.delete(plans.keys().next().value!);
    return plan;
  };
}

const RELATION_LOAD_STRATEGY = process.env.ZHIFA_RELATION_LOAD_STRATEGY === 'query' ? 'query' : undefined;

export function createPrisma(adapter: SqlDriverAdapterFactory, log?: (sql: string) => void): PrismaClient {
  cacheReadPlans();
  const prisma = new PrismaClient({ adapter, log: log ? [{ emit: 'event', level: 'query' }] : [] });
  // $on('query') is typed only for a client whose log levels are known at compile time; these are chosen at run time.
  if (log) (prisma as unknown as { $on(ev: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => log(e.query));
  // Pothos hands resolvers `select: {}` when a client selects only `__typename` of a mutation's
  // result; Prisma rejects an empty select. Selecting nothing means "just the row" here.
  return prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ operation, args, query }) {
          const a = args as { select?: object; relationLoadStrategy?: string };
          if (a && a.select && Object.keys(a.select).length === 0) delete a.select;
          // Relation joins (one statement per request) are the default; ZHIFA_RELATION_LOAD_STRATEGY=query
          // goes back to one batched statement per relation, for measuring one against the other.
          if (RELATION_LOAD_STRATEGY && a && operation.startsWith('find') && a.relationLoadStrategy === undefined) a.relationLoadStrategy = RELATION_LOAD_STRATEGY;
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient; // $extends returns a structurally different client type; the extension only drops an empty select
}
