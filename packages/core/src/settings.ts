// Plugin settings: each plugin declares a zod object and an environment prefix; the server parses
// `<prefix><SNAKE_CASE_KEY>` at start with the rest of its configuration, and resolvers, services
// and demo data read the parsed values through the spec object. Core and server never name a
// plugin's settings.
import { z } from 'zod';
import { bilingualMessage } from './validation.js';

export interface SettingsSpec<S> {
  /** Environment prefix, e.g. 'ZHIFA_NON_PENALTY_'. */
  readonly env: string;
  readonly schema: z.ZodObject<z.ZodRawShape>;
  /** Parse raw values (strings from the environment, or typed values from tests); defaults fill the rest. */
  parse(raw: Record<string, unknown>): z.ZodSafeParseResult<S>;
}

/** The parsed settings type of a spec: `SettingsOf<typeof mySettings>`. */
export type SettingsOf<T> = T extends SettingsSpec<infer S> ? S : never;

export function defineSettings<Shape extends z.ZodRawShape>(
  env: string,
  shape: Shape,
): SettingsSpec<z.output<z.ZodObject<Shape>>> {
  if (!/^ZHIFA_[A-Z0-9_]+_$/.test(env)) throw new Error(`settings prefix must look like ZHIFA_NAME_, got ${env}`);
  const schema = z.object(shape);
  return { env, schema, parse: (raw) => schema.safeParse(raw) };
}

/** camelCase key → the environment variable that sets it. */
export function settingVariable(spec: { env: string }, key: string): string {
  return spec.env + key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

export interface SettingIssue {
  variable: string;
  zh: string;
  en: string;
}

/** Read one plugin's settings from the environment; unset or blank variables take the default. */
export function settingsFromEnv<S>(
  spec: SettingsSpec<S>,
  env: Record<string, string | undefined>,
): { value: S; issues: SettingIssue[] } | { value: null; issues: SettingIssue[] } {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(spec.schema.shape)) {
    const v = env[settingVariable(spec, key)];
    if (v !== undefined && v.trim() !== '') raw[key] = v.trim();
  }
  const r = spec.parse(raw);
  if (r.success) return { value: r.data, issues: [] };
  return {
    value: null,
    issues: r.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const { zh, en } = bilingualMessage(i.message);
      const got = raw[key];
      return {
        variable: settingVariable(spec, key),
        zh: `${zh}（当前值 “${String(got)}”）`,
        en: `${en} (got "${String(got)}")`,
      };
    }),
  };
}

/**
 * The parsed settings of every plugin, keyed by the plugin's spec object. A spec nobody configured
 * answers its defaults, so tests and the schema printer need no configuration.
 */
export class PluginSettings {
  private readonly values = new Map<SettingsSpec<unknown>, unknown>();

  set<S>(spec: SettingsSpec<S>, value: S): this {
    this.values.set(spec, value);
    return this;
  }

  get<S>(spec: SettingsSpec<S>): S {
    if (!this.values.has(spec)) {
      const r = spec.parse({});
      if (!r.success) throw new Error(`settings under ${spec.env} have no defaults: ${r.error.message}`);
      this.values.set(spec, r.data);
    }
    // The map is keyed by the spec itself, and set/get pair a spec with its own S.
    return this.values.get(spec) as S;
  }
}
