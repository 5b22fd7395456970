import type { Bilingual } from '../errors.js';

/**
 * Enum value descriptions for `builder.enumType(..., { values })` from a name table: every value
 * of every enum in the graph carries its Chinese (and, where given, English) name.
 */
export function describedValues<K extends string>(names: Record<K, string | Bilingual>): never {
  return Object.fromEntries(
    Object.entries<string | Bilingual>(names).map(([k, v]) => [k, { description: typeof v === 'string' ? v : `${v.zh} ${v.en}` }]),
  ) as never;
}
