import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { createBuilder, type ZhifaBuilder } from './builder.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { CaseGuards } from './guards.js';
import { registerCore } from './schema/index.js';

export interface SeedContext {
  prisma: PrismaClient;
  /** Deterministic pseudo-random source, so demo data is the same on every machine. */
  random: () => number;
  log: (line: string) => void;
}

export interface ZhifaPlugin {
  /** Stable name used in ZHIFA_PLUGINS, e.g. 'non-penalty'. */
  name: string;
  /** Types, fields on core types, queries, mutations, subscriptions, case guards. */
  register(builder: ZhifaBuilder, hooks: PluginHooks): void;
  /** Demo data, run after core's demo data on a fresh embedded database. */
  seed?(ctx: SeedContext): Promise<void>;
}

export interface PluginHooks {
  guards: CaseGuards;
}

export interface ZhifaSchema {
  schema: GraphQLSchema;
  guards: CaseGuards;
  plugins: ZhifaPlugin[];
}

/** One builder per build: core first, then each plugin in order. */
export function createSchema({ plugins = [] }: { plugins?: ZhifaPlugin[] } = {}): ZhifaSchema {
  const builder = createBuilder();
  const guards = new CaseGuards();
  registerCore(builder);
  for (const plugin of plugins) plugin.register(builder, { guards });
  return { schema: lexicographicSortSchema(builder.toSchema()), guards, plugins };
}
