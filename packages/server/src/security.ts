// GraphQL Armor and friends. Limits are sized to the real frontends' queries with room to spare:
// the deepest legitimate query (agencies → cases → officers → person, through edges/node) is
// depth 11. Armor's cost limit is off: it ignores page sizes, so the schema's own page-aware
// complexity limit (core builder, MAX_COMPLEXITY) bounds the work instead.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';

/** Armor's limits: the deepest legitimate query is depth 11; frontends use a handful of aliases. */
export const QUERY_LIMITS = { depth: 14, aliases: 20, directives: 20, tokens: 5_000 } as const;
type QueryLimit = keyof typeof QUERY_LIMITS;

const LIMIT_NAMES: Record<QueryLimit, { zh: string; en: string }> = {
  depth: { zh: '嵌套深度', en: 'depth' },
  aliases: { zh: '别名数', en: 'aliases' },
  directives: { zh: '指令数', en: 'directives' },
  tokens: { zh: '词法单元数', en: 'tokens' },
};

/**
 * Armor's refusal as ours: code QUERY_TOO_COMPLEX (as the page-aware complexity limit answers),
 * which limit and its maximum, in Chinese and English. Armor's own error has no code and speaks
 * English only; thrown from its rejection hook, this one replaces it.
 */
export function queryLimitError(limit: QueryLimit, found?: number): GraphQLError {
  const max = QUERY_LIMITS[limit];
  const name = LIMIT_NAMES[limit];
  const zh = `查询过于复杂：${name.zh}超过上限 ${max}${found ? `（实际 ${found}）` : ''}，请简化查询`;
  const en = `query too complex: more ${name.en} than the limit of ${max}${found ? ` (found ${found})` : ''}; simplify the query`;
  return new GraphQLError(`${zh} / ${en}`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, max, ...(found ? { found } : {}), messageZh: zh, messageEn: en },
  });
}

const refuse = (limit: QueryLimit) => ({
  n: QUERY_LIMITS[limit],
  onReject: [
    (_ctx: unknown, err: Error) => {
      const found = /found (\d+)/.exec(err.message)?.[1];
      throw queryLimitError(limit, found ? Number(found) : undefined);
    },
  ],
});

export function securityPlugins(opts: { production: boolean; introspection?: boolean }): Plugin[] {
  const plugins: Plugin[] = [
    useSecurityHeaders(),
    useBilingualRequestErrors(),
    EnvelopArmorPlugin({
      maxDepth: refuse('depth'),
      costLimit: { enabled: false },
      maxAliases: refuse('aliases'),
      maxTokens: refuse('tokens'),
      maxDirectives: refuse('directives'),
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

/** What a request error of graphql-js or yoga means, in Chinese; its English message keeps the detail. */
const REQUEST_ERRORS_ZH: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: '查询语法错误（详见英文说明）',
  GRAPHQL_VALIDATION_FAILED: '查询不符合接口定义（详见英文说明）',
  BAD_USER_INPUT: '变量或参数的值无效（详见英文说明）',
  BAD_REQUEST: '请求格式有误（详见英文说明）',
};

/**
 * Errors refused before anything executes (a syntax error, an unknown field, a variable of the
 * wrong type) come from graphql-js and yoga in English only, and a variable's without a code. Like
 * every other refusal they get a code (BAD_REQUEST where they have none), `messageZh` and
 * `messageEn` (the original message); the message itself is unchanged. (HTTP only: over WebSocket
 * they stay as graphql-js words them.)
 */
export function useBilingualRequestErrors(): Plugin {
  return {
    onResultProcess(payload) {
      const { result } = payload;
      if (Symbol.asyncIterator in result) return;
      const results = Array.isArray(result) ? result : [result];
      if (!results.some((r) => r.errors?.some(needsChinese))) return;
      const bilingual = results.map((r) => (r.errors ? { ...r, errors: r.errors.map(withChinese) } : r));
      payload.setResult(Array.isArray(result) ? bilingual : bilingual[0]);
    },
  };
}

function codeOf(e: GraphQLError): string {
  const code = e.extensions?.code;
  return typeof code === 'string' ? code : 'BAD_REQUEST';
}

function needsChinese(e: GraphQLError): boolean {
  return codeOf(e) in REQUEST_ERRORS_ZH && !e.extensions?.messageZh;
}

function withChinese(e: GraphQLError): GraphQLError {
  if (!needsChinese(e)) return e;
  const code = codeOf(e);
  return new GraphQLError(e.message, {
    nodes: e.nodes,
    source: e.source,
    positions: e.positions,
    path: e.path,
    originalError: e.originalError,
    extensions: { ...e.extensions, code, messageZh: REQUEST_ERRORS_ZH[code], messageEn: e.message },
  });
}
