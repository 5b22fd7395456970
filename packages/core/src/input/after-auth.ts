// Validation after authorisation: a caller who may not call a field is refused (UNAUTHENTICATED,
// FORBIDDEN) and never told what is wrong with its arguments.
//
// Pothos maps a field's arguments before any resolver wrapper runs: input hygiene (plugin.ts), zod
// (plugin-validation) and relay's global-id decoding all run before scope-auth looks at the field.
// This plugin sits right after scope-auth in the builder's plugin list. It wraps the checking
// mappers (everything registered by the plugins after it: input hygiene, zod) so that a failure is
// held back instead of thrown; the mappers after the failing one are skipped, as before, except
// relay's decoding, which is registered by a plugin before this one and never fails here (a
// malformed id decodes to an id of no row, see ids.ts). Scope-auth then sees the decoded ids and
// decides; only when the field's scopes pass does the held failure come out, thrown from this
// plugin's resolver wrapper (inside scope-auth's) — a typed ValidationError for a mutation with
// error types, a top-level error otherwise, exactly as before for a caller who may call.
//
// Sound for scopes that read arguments (`officerOf` the agency in `input.agencyId`, the case in
// `caseId`): they read only global ids, which are decoded whether or not the rest of the input
// passed; an id that is not one names no row, and the scope answers for no row (refused, or
// NotFound for a known caller) before the validation message is shown.
//
// A failure is held only for the field's own resolution (the `info` of that field); when Pothos
// maps a field's arguments for another purpose — complexity, or plugin-prisma planning a nested
// selection, both with the parent's `info` — a failure throws at once, as before.
import SchemaBuilder, { BasePlugin, isThenable, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';

type ArgMapper<Types extends SchemaTypes> = PothosOutputFieldConfig<Types>['argMappers'][number];
type Info = Parameters<ArgMapper<SchemaTypes>>[2];
type Resolver<Types extends SchemaTypes> = GraphQLFieldResolver<unknown, Types['Context'], object>;

/** The first failure of a field's argument checks, by the resolution (`info`) it belongs to. */
const held = new WeakMap<object, { error: unknown }>();

function ownResolution(info: Info, config: { name: string; parentType: string }): boolean {
  return 'fieldName' in info && 'parentType' in info
    ? info.fieldName === config.name && (info.parentType as { name?: string } | undefined)?.name === config.parentType
    : false;
}

export class ZhifaInputAfterAuthPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (!fieldConfig.argMappers.length) return fieldConfig;
    return { ...fieldConfig, argMappers: fieldConfig.argMappers.map((mapper) => holdFailure(mapper, fieldConfig)) };
  }

  override wrapResolve(resolver: Resolver<Types>, fieldConfig: PothosOutputFieldConfig<Types>): Resolver<Types> {
    return fieldConfig.argMappers.length ? throwHeld(resolver) : resolver;
  }

  override wrapSubscribe(
    subscribe: Resolver<Types> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Resolver<Types> | undefined {
    return subscribe && fieldConfig.argMappers.length ? throwHeld(subscribe) : subscribe;
  }
}

function holdFailure<Types extends SchemaTypes>(
  mapper: ArgMapper<Types>,
  config: PothosOutputFieldConfig<Types>,
): ArgMapper<Types> {
  return (args, ctx, info) => {
    if (!ownResolution(info, config)) return mapper(args, ctx, info);
    if (held.has(info)) return args; // an earlier check failed: later checks are skipped, as before
    const hold = (error: unknown) => {
      held.set(info, { error });
      return args;
    };
    try {
      const out = mapper(args, ctx, info);
      return isThenable(out) ? Promise.resolve(out).catch(hold) : out;
    } catch (error) {
      return hold(error);
    }
  };
}

function throwHeld<Types extends SchemaTypes>(resolver: Resolver<Types>): Resolver<Types> {
  return (parent, args, ctx, info) => {
    const failure = held.get(info);
    if (failure) {
      held.delete(info);
      throw failure.error;
    }
    return resolver(parent, args, ctx, info);
  };
}

const pluginName = 'zhifaInputAfterAuth';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      zhifaInputAfterAuth: ZhifaInputAfterAuthPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, ZhifaInputAfterAuthPlugin);

export default pluginName;
