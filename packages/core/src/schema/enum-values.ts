import type { Bilingual } from '../errors.js';

/**
 * Enum value descriptions for `builder.enumType(..., { values })` from a name table: every value
 * of every enum in the graph carries its Chinese (and, where given, English) name.
 */
export function describedValues<K extends string>(
  names: Record<K, string | Bilingual>,
): Record<K, { description: string }> {
  const out = {} as Record<K, { description: string }>;
  for (const k of Object.keys(names) as K[]) {
    const v = names[k];
    out[k] = { description: typeof v === 'string' ? v : `${v.zh} ${v.en}` };
  }
  return out;
}
