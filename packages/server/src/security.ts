// GraphQL Armor and friends. Limits are sized to the real frontends' queries with room to spare:
// the deepest legitimate query (agencies → cases → officers → person, through edges/node) is
// depth 11. Armor's cost limit is off: it ignores page sizes, so the schema's own page-aware
// complexity limit (core builder, MAX_COMPLEXITY) bounds the work instead.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';
import { NoSchemaIntrospectionCustomRule } from 'graphql';

export function securityPlugins(opts: { production: boolean; introspection?: boolean }): Plugin[] {
  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxDepth: { n: 14 },
      costLimit: { enabled: false },
      maxAliases: { n: 20 },
      maxTokens: { n: 5_000 },
      maxDirectives: { n: 20 },
      blockFieldSuggestion: { enabled: opts.production },
    }) as Plugin,
  ];
  if (opts.production && !opts.introspection) {
    plugins.push({
      onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
    });
  }
  return plugins;
}
