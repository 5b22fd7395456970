// GraphQL Armor and friends. Limits are sized to the real frontends' queries with room to spare:
// the deepest legitimate query (agencies → cases → officers → person, through edges/node) is
// depth 11. Armor's cost limit is off: it ignores page sizes, so the schema's own page-aware
// complexity limit (core builder, MAX_COMPLEXITY) bounds the work instead.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';
import { NoSchemaIntrospectionCustomRule } from 'graphql';

export function securityPlugins(opts: { production: boolean; introspection?: boolean }): Plugin[] {
  const plugins: Plugin[] = [
    useSecurityHeaders(),
    EnvelopArmorPlugin({
      maxDepth: { n: 14 },
      costLimit: { enabled: false },
      maxAliases: { n: 20 },
      maxTokens: { n: 5_000 },
      maxDirectives: { n: 20 },
      blockFieldSuggestion: { enabled: opts.production },
    }),
  ];
  if (opts.production && !opts.introspection) {
    plugins.push({
      onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
    });
  }
  return plugins;
}

/**
 * Content-Security-Policy of every API response (JSON, plain text, GraphiQL's asset files): it
 * loads nothing and may be framed by nobody.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The GraphiQL page: scripts, styles, workers and requests from this origin only ('self' covers
 * ws:/wss: to the same host for subscriptions); the bundle's icons and fonts are data: URLs.
 * No inline script runs (graphiql.ts keeps the options in an inert JSON block), so script-src
 * needs neither 'unsafe-inline' nor a nonce or hash.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every response, whoever produced it (yoga, or the plain routes in app.ts). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': API_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Sets SECURITY_HEADERS on every yoga response. HTML is only ever the GraphiQL page (the landing
 * page is off), which gets GRAPHIQL_CSP instead of the API's.
 */
export function useSecurityHeaders(): Plugin {
  return {
    onResponse({ response }) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
      if (response.headers.get('content-type')?.startsWith('text/html'))
        response.headers.set('content-security-policy', GRAPHIQL_CSP);
    },
  };
}
