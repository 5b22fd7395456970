// GraphQL Armor and friends. Limits are sized to the real frontends' queries with room to spare:
// the deepest legitimate query (agency → cases → officers → person → agency) is depth 9.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';
import { NoSchemaIntrospectionCustomRule } from 'graphql';

export function securityPlugins(opts: { production: boolean; introspection?: boolean }): Plugin[] {
  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxDepth: { n: 12 },
      costLimit: { maxCost: 20_000 },
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
