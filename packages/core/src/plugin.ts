// The plugin contract. A plugin owns its footprint: its schema registrations, its settings (a zod
// object read from ZHIFA_<NAME>_* at start), its event topics, its list kinds and their labels, and
// its demo data. `createSchema` makes one builder per build: core first, then each plugin in order.
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { createBuilder, type ZhifaBuilder } from './builder.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { CaseGuards } from './guards.js';
import { registerCore, type CoreRefs } from './schema/index.js';
import type { PluginSettings, SettingsSpec } from './settings.js';
import type { Topic } from './event-log/topic.js';
import type { ListKindLabel } from './lists/kinds.js';
import type { UnitOfWork, WorkOptions } from './work/unit-of-work.js';
import type { Viewer } from './auth/viewer.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from './input/values.js';

export interface SeedContext {
  prisma: PrismaClient;
  /** Deterministic pseudo-random source, so demo data is the same on every machine. */
  random: () => number;
  log: (line: string) => void;
  settings: PluginSettings;
  /** The seed's clock: the instant every demo unit of work runs at (demo dates are placed relative to it). */
  now: Date;
  /** Run demo writes through the same unit of work as the API, acting as `viewer`. */
  work: <T>(viewer: Viewer, fn: (uow: UnitOfWork) => Promise<T>, options?: WorkOptions) => Promise<T>;
}

export interface PluginHooks {
  guards: CaseGuards;
  /** Core's node types (Agency, Person, Enterprise, EnforcementCase), e.g. as a subscription's output type. */
  core: CoreRefs;
}

/**
 * A periodic sweep the server runs (every ZHIFA_CASE_MEASURE_SWEEP_SECONDS, beside core's measure sweep), as
 * the platform (`system:<name>`), in a unit of work of its own: it finds what fell due (an overdue follow-up)
 * and announces each once, with a conditional update so that several instances report a row once between
 * them. Returns the number of reports.
 */
export interface PluginSweep {
  /** e.g. 'soft-measure-follow-up'; the event log's actor is `system:<name>`. */
  readonly name: string;
  readonly run: (uow: UnitOfWork) => Promise<number>;
  /** Why a run that finds nothing writes nothing (the unit of work's `silent` option). */
  readonly silent: string;
}

export interface ZhifaPlugin {
  /** Stable name used in ZHIFA_PLUGINS, e.g. 'non-penalty'. */
  readonly name: string;
  /** Settings read from `<env prefix><KEY>` at start; reach them with `ctx.settings.get(spec)`. */
  readonly settings?: SettingsSpec<unknown>;
  /** The event topics this plugin emits (documentation, and the registration test checks their prefix). */
  readonly topics?: readonly Topic[];
  /** The kinds of enforcement list this plugin defines, with their labels (the ListKind enum). */
  readonly listKinds?: readonly ListKindLabel[];
  /** Types, fields on core types, queries, mutations, subscriptions, case guards. */
  register(builder: ZhifaBuilder, hooks: PluginHooks): void;
  /** Periodic sweeps the server runs (overdue follow-ups announced once). */
  readonly sweeps?: readonly PluginSweep[];
  /** Demo data, run after core's demo data on a fresh embedded database. */
  seed?(ctx: SeedContext): Promise<void>;
}

export interface ZhifaSchema {
  schema: GraphQLSchema;
  guards: CaseGuards;
  plugins: readonly ZhifaPlugin[];
  /** Every plugin's sweeps, in plugin order. */
  sweeps: readonly PluginSweep[];
}

export interface SchemaOptions {
  plugins?: readonly ZhifaPlugin[];
  /** Bounds on input (largest amount of money); the server passes them from its configuration. */
  input?: Partial<InputLimits>;
}

/** One builder per build: core first, then each plugin in order. */
export function createSchema({ plugins = [], input = {} }: SchemaOptions = {}): ZhifaSchema {
  const builder = createBuilder();
  const guards = new CaseGuards();
  const core = registerCore(builder, {
    listKinds: plugins.flatMap((p) => p.listKinds ?? []),
    input: { ...DEFAULT_INPUT_LIMITS, ...input },
  });
  for (const plugin of plugins) plugin.register(builder, { guards, core });
  const sweeps = plugins.flatMap((p) => p.sweeps ?? []);
  return { schema: lexicographicSortSchema(builder.toSchema()), guards, plugins, sweeps };
}

export type { CoreRefs };
