import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import PrismaPlugin from '@pothos/plugin-prisma';
import ValidationPlugin from '@pothos/plugin-validation';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ComplexityPlugin from '@pothos/plugin-complexity';
import InputPlugin from './input/plugin.js';
import InputAfterAuthPlugin from './input/after-auth.js';
import PagingPlugin, { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './input/paging.js';
import LoadedColumnsPlugin from './loaded-columns.js';
import RowRulesPlugin from './auth/row-rules-plugin.js';
import { GraphQLError, type GraphQLField } from 'graphql';
import type PrismaTypes from './generated/pothos-types.js';
import { getDatamodel } from './generated/pothos-types.js';
import { PrismaClient } from './generated/prisma/client.js';
import type { Context } from './context.js';
import { isAgencyAdminOf, isOfficerOf, isStaff, isSupervisor, isSystemAdmin } from './auth/viewer.js';
import { ForbiddenError, UnauthenticatedError, ValidationError } from './errors.js';
import { issuesFromStandardSchema } from './validation.js';
import { decodeGlobalIdOrNothing } from './ids.js';
import { loadNode, loadNodes } from './node-query.js';

export interface AuthScopes {
  /** Anyone with a valid token or API key. */
  authenticated: boolean;
  /** A person of any agency. */
  staff: boolean;
  /** The county justice bureau's supervision, or a system admin. */
  supervisor: boolean;
  systemAdmin: boolean;
  /** An officer or agency admin of the given agency. */
  officerOf: number;
  /** The admin of the given agency, or a system admin. */
  agencyAdminOf: number;
  enterpriseUser: boolean;
  surveyOrg: boolean;
}

export interface ZhifaTypes {
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    Fen: { Input: bigint; Output: bigint | number };
    JSON: { Input: unknown; Output: unknown };
    /** An uploaded file (GraphQL multipart request), input only. */
    File: { Input: File; Output: never };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}

/** The builder's resolved type parameters, for refs a plugin receives (EnumRef<ZhifaSchemaTypes, …>). */
export type ZhifaSchemaTypes = PothosSchemaTypes.ExtendDefaultTypes<ZhifaTypes>;
export type ZhifaBuilder = PothosSchemaTypes.SchemaBuilder<ZhifaSchemaTypes>;

/**
 * Upper bound on the work one request may ask for, counted as fields to resolve with every list
 * multiplied by the page it asks for (see pageComplexity). The frontends' deepest list — 20
 * agencies × 10 cases × (enterprise + 20 officers) — costs about 15 000.
 */
export const MAX_COMPLEXITY = 50_000;
export const MAX_DEPTH = 14;
export const MAX_BREADTH = 400;

/**
 * A field costs 1; what is selected under a paged field counts once per row of the page it asks
 * for (`first`/`last`, default page otherwise), and under `nodes(ids:)` once per id. Other lists
 * (edges, enum lists) are already bounded by their connection's page and count once.
 */
function pageComplexity(args: Record<string, unknown>, _ctx: unknown, field: GraphQLField<unknown, Context>) {
  const takes = (name: string) => field.args.some((a) => a.name === name);
  if (takes('first') && takes('after')) {
    const n = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
    return { field: 1, multiplier: Math.min(Math.max(n, 1), MAX_PAGE_SIZE) };
  }
  if (Array.isArray(args.ids)) return { field: 1, multiplier: Math.max(args.ids.length, 1) };
  return { field: 1, multiplier: 1 };
}

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/**
 * A fresh builder for one schema build. Plugin order matters: errors wraps everything so that
 * authorisation and validation failures become typed results; relay precedes scope-auth so
 * auth functions see decoded global ids; row rules (auth/row-rules-plugin.ts) every Prisma-backed
 * type declares are applied on every path that loads the type; input checks (input hygiene, zod) run
 * before the resolver but their failure is shown only once scope-auth let the caller through
 * (input/after-auth.ts).
 */
export function createBuilder(): ZhifaBuilder {
  const builder: ZhifaBuilder = new SchemaBuilder<ZhifaTypes>({
    // Non-null unless a field says otherwise: clients should not have to null-check what cannot be null.
    defaultFieldNullability: false,
    // Argument mappers run in reverse plugin order: the input plugin (input/plugin.ts) comes last so
    // that its checks run first — lists are bounded and text normalised before zod and relay see them.
    plugins: [
      ErrorsPlugin,
      RelayPlugin,
      ScopeAuthPlugin,
      // Right after scope-auth: holds back the failure of the input checks registered after it and
      // throws it from inside scope-auth's wrapper — a caller who may not call never sees it.
      InputAfterAuthPlugin,
      // Paging arguments (input/paging.ts): after input/after-auth.ts, which holds their failure
      // until scope-auth passes; before row rules, so a nested connection with a bad page plans nothing.
      PagingPlugin,
      // Between scope-auth and prisma: authorisation runs first and sees the request's own context;
      // the row rules' wrapper is outside plugin-prisma's, so it sees a to-one row however it was
      // loaded, and its field hook runs after plugin-prisma's has built each field's selection.
      RowRulesPlugin,
      PrismaPlugin,
      ValidationPlugin,
      DataloaderPlugin,
      ComplexityPlugin,
      InputPlugin,
      LoadedColumnsPlugin,
    ],
    complexity: {
      fieldComplexity: pageComplexity,
      limit: { complexity: MAX_COMPLEXITY, depth: MAX_DEPTH, breadth: MAX_BREADTH },
      complexityError: (kind, result) =>
        new GraphQLError(
          `查询过于复杂（${kind}: ${result.complexity}/${result.maxComplexity ?? '-'}，深度 ${result.depth}/${result.maxDepth ?? '-'}，字段 ${result.breadth}/${result.maxBreadth ?? '-'}），请减小分页或嵌套 / query too complex (${kind}); request smaller pages or less nesting`,
          { extensions: { code: 'QUERY_TOO_COMPLEX', ...result } },
        ),
    },
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      edgesFieldOptions: { nullable: false },
      nodeFieldOptions: { nullable: false },
      brandLoadedObjects: true,
      // A string that is not a global id names no row (see ids.ts), instead of an untyped error.
      decodeGlobalID: (globalID) => decodeGlobalIdOrNothing(globalID),
      // Missing, hidden, malformed or of a non-node type: null alike, each id on its own (node-query.ts).
      nodeQueryOptions: {
        description:
          '按全局编号取一个对象；不存在或无权查看时为空 One object by global id; null when it does not exist or is not visible',
        resolve: (_root, args, ctx, info) => loadNode(builder, ctx, info, args.id),
      },
      nodesQueryOptions: {
        description:
          '按全局编号取多个对象（至多 100 个）；不存在或无权查看的位置为空 Objects by global id, at most 100; null where one does not exist or is not visible',
        resolve: (_root, args, ctx, info) => loadNodes(builder, ctx, info, args.ids),
      },
    },
    scopeAuth: {
      authorizeOnSubscribe: true,
      unauthorizedError: (_parent, context) =>
        context.viewer.kind === 'public' ? new UnauthenticatedError() : new ForbiddenError(),
      authScopes: (ctx) => ({
        authenticated: ctx.viewer.kind !== 'public',
        staff: isStaff(ctx.viewer),
        supervisor: isSupervisor(ctx.viewer),
        systemAdmin: isSystemAdmin(ctx.viewer),
        officerOf: (agencyId) => isOfficerOf(ctx.viewer, agencyId),
        agencyAdminOf: (agencyId) => isAgencyAdminOf(ctx.viewer, agencyId),
        enterpriseUser: ctx.viewer.kind === 'enterprise',
        surveyOrg: ctx.viewer.kind === 'surveyOrg',
      }),
    },
    prisma: {
      client: (ctx) => ctx.prisma,
      dmmf: getDatamodel(),
      exposeDescriptions: true,
      filterConnectionTotalCount: true,
      maxConnectionSize: MAX_PAGE_SIZE,
      defaultConnectionSize: DEFAULT_PAGE_SIZE,
      onUnusedQuery: null,
    },
    validation: {
      validationError: (result) => new ValidationError(issuesFromStandardSchema(result.issues)),
    },
    errors: {
      defaultTypes: [],
      // No `unsafelyHandleInputErrors`: a failed input check is thrown from inside the resolver
      // chain, after authorisation (input/after-auth.ts), where the errors plugin turns it into the
      // mutation's typed ValidationError like any other error of the resolver.
    },
  });
  return builder;
}

export { PrismaClient };
