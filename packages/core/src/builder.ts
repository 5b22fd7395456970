import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import PrismaPlugin from '@pothos/plugin-prisma';
import ValidationPlugin from '@pothos/plugin-validation';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import type PrismaTypes from './generated/pothos-types.js';
import { getDatamodel } from './generated/pothos-types.js';
import { PrismaClient } from './generated/prisma/client.js';
import type { Context } from './context.js';
import { isAgencyAdminOf, isOfficerOf, isStaff, isSupervisor, isSystemAdmin } from './auth/viewer.js';
import { ForbiddenError, UnauthenticatedError, ValidationError } from './errors.js';
import { issuesFromStandardSchema } from './validation.js';

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

export type ZhifaBuilder = PothosSchemaTypes.SchemaBuilder<PothosSchemaTypes.ExtendDefaultTypes<ZhifaTypes>>;

/** Max page size of every connection in the graph. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * A fresh builder for one schema build. Plugin order matters: errors wraps everything so that
 * authorisation and validation failures become typed results; relay precedes scope-auth so
 * auth functions see decoded global ids; input validation runs before the
 * resolver (see `unsafelyHandleInputErrors` below).
 */
export function createBuilder(): ZhifaBuilder {
  return new SchemaBuilder<ZhifaTypes>({
    // Non-null unless a field says otherwise: clients should not have to null-check what cannot be null.
    defaultFieldNullability: false,
    plugins: [ErrorsPlugin, RelayPlugin, ScopeAuthPlugin, PrismaPlugin, ValidationPlugin, DataloaderPlugin],
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      edgesFieldOptions: { nullable: false },
      nodeFieldOptions: { nullable: false },
      brandLoadedObjects: true,
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
        officerOf: (agencyId) => isOfficerOf(ctx.viewer, agencyId) || isSystemAdmin(ctx.viewer),
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
      // Bad input comes back as the mutation's typed ValidationError, not a bare GraphQL error.
      // Validation runs before authorisation; our validators only check the shape of the input
      // and never read data, so a stranger learns nothing from them.
      unsafelyHandleInputErrors: true,
    },
  }) as unknown as ZhifaBuilder;
}

export { PrismaClient };
