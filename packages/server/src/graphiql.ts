// GraphiQL served from this server alone. graphql-yoga's default page loads its script, styles and
// editor workers from a public CDN and its icon from GitHub: on an intranet without internet it
// never gets past "Loading…", and a government system should not run scripts fetched from third
// parties anyway. @graphql-yoga/render-graphiql bundles the same GraphiQL; its pieces are served
// here as files under /graphiql/, so the page itself carries no inline script and its
// Content-Security-Policy (security.ts, GRAPHIQL_CSP) allows nothing but this origin.
import { createHash } from 'node:crypto';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

/** Where the assets are served; the page refers to them by these absolute paths. */
export const GRAPHIQL_ASSET_PATH = '/graphiql/';

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
}

/** Monaco asks for its workers by label; each is a file of ours instead of a blob or a CDN URL. */
const WORKERS = {
  editorWorkerService: 'editor.worker.js',
  json: 'json.worker.js',
  graphql: 'graphql.worker.js',
} as const;

/**
 * The page's options travel as JSON in a non-executable <script type="application/json"> block,
 * and this bootstrap (served with the bundle, not inline) reads them: no script on the page needs
 * a nonce or a hash.
 */
const PRELUDE = `self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: function (_moduleId, label) {
    var files = ${JSON.stringify(WORKERS)};
    return ${JSON.stringify(GRAPHIQL_ASSET_PATH)} + (files[label] || files.editorWorkerService);
  },
};
`;
const BOOT = `
;(function () {
  var options = JSON.parse(document.getElementById('graphiql-options').textContent || '{}');
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
})();
`;

let assets: Promise<Map<string, Asset>> | null = null;

/** The bundle is about 9 MB of strings: read it on the first GraphiQL request, not at start-up. */
function loadAssets(): Promise<Map<string, Asset>> {
  assets ??= import('@graphql-yoga/render-graphiql/graphiql').then((g) => {
    const js = 'text/javascript; charset=utf-8';
    const files = new Map<string, Asset>();
    const add = (name: string, type: string, content: string | Uint8Array) => {
      const body = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
      files.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
    };
    add('graphiql.js', js, PRELUDE + g.js + BOOT);
    add('graphiql.css', 'text/css; charset=utf-8', g.css);
    add(WORKERS.editorWorkerService, js, g.editorWorkerService);
    add(WORKERS.json, js, g.jsonWorker);
    add(WORKERS.graphql, js, g.graphqlWorker);
    const icon = /^data:([^;,]+);base64,(.*)$/.exec(g.favicon);
    if (icon) add('favicon.ico', icon[1], Buffer.from(icon[2], 'base64'));
    return files;
  });
  return assets;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: two same-origin files and the options as inert JSON (`<` escaped, so no `</script>`). */
export function renderGraphiQLPage(options: GraphiQLOptions): string {
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  const at = GRAPHIQL_ASSET_PATH;
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${at}favicon.ico" />
    <link rel="stylesheet" href="${at}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL 需要启用 JavaScript / GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${json}</script>
    <script src="${at}graphiql.js"></script>
  </body>
</html>
`;
}

/** Serves GET /graphiql/<file> from the bundle; anything else under /graphiql/ is a 404. */
export function useGraphiQLAssets(): Plugin {
  return {
    async onRequest(payload) {
      // endResponse is called on its payload: yoga types it as a method.
      const { request, url, fetchAPI } = payload;
      if (!url.pathname.startsWith(GRAPHIQL_ASSET_PATH)) return;
      const asset =
        request.method === 'GET' || request.method === 'HEAD'
          ? (await loadAssets()).get(url.pathname.slice(GRAPHIQL_ASSET_PATH.length))
          : undefined;
      if (!asset)
        return payload.endResponse(
          new fetchAPI.Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } }),
        );
      const headers = { 'content-type': asset.type, etag: asset.etag, 'cache-control': 'no-cache' };
      if (request.headers.get('if-none-match') === asset.etag)
        return payload.endResponse(new fetchAPI.Response(null, { status: 304, headers }));
      payload.endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : asset.body, { status: 200, headers }),
      );
    },
  };
}
