// GraphiQL as a small page that references the bundle's static files (graphiql-assets.ts), under a
// Content-Security-Policy that allows scripts, workers and requests from this server only.
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { isRead, route } from './route.js';
import { assetBody, assetsPrefix, graphiqlAssets, graphiqlAssetsByUrl, type Encoding } from './graphiql-assets.js';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  // Monaco, GraphiQL's editor, injects style elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** yoga's `renderGraphiQL`: a page of about 1 KB; the options travel as a JSON data block, not a script. */
export async function renderGraphiQLPage(options: GraphiQLOptions = {}): Promise<string> {
  const { app, styles, favicon, start } = await graphiqlAssets();
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title || 'GraphiQL')}</title>
    ${favicon ? `<link rel="icon" href="${favicon.url}" />` : ''}
    <link rel="stylesheet" href="${styles.url}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${json}</script>
    <script src="${app.url}"></script>
    <script src="${start.url}"></script>
  </body>
</html>
`;
}

function preferredEncoding(acceptEncoding: string | null): Encoding | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, quality]) => !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(quality ?? ''))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/** Serves /graphiql/assets/*: immutable (the name carries the content hash), with ETag, brotli or gzip. */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest: route((url, method) => url.pathname.startsWith(assetsPrefix) && isRead(method), async ({ request, url, endResponse, fetchAPI }) => {
      const asset = (await graphiqlAssetsByUrl()).get(url.pathname);
      if (!asset) {
        endResponse(new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } }));
        return;
      }
      const headers: Record<string, string> = {
        'content-type': asset.type,
        'cache-control': 'public, max-age=31536000, immutable',
        etag: asset.etag,
        vary: 'Accept-Encoding',
      };
      if (request.headers.get('if-none-match') === asset.etag) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      const encoding = preferredEncoding(request.headers.get('accept-encoding'));
      if (encoding) headers['content-encoding'] = encoding;
      if (request.method === 'HEAD') {
        headers['content-length'] = String(encoding ? asset[encoding].length : asset.size);
        endResponse(new fetchAPI.Response(null, { status: 200, headers }));
        return;
      }
      const body = await assetBody(asset, encoding);
      headers['content-length'] = String(body.length);
      endResponse(new fetchAPI.Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers }));
    }),
  };
}

/** On every response: API answers are never framed or sniffed either. */
export function useSecurityHeaders(): Plugin {
  return {
    onResponse({ response }) {
      response.headers.set('content-security-policy', contentSecurityPolicy);
      response.headers.set('x-content-type-options', 'nosniff');
      response.headers.set('x-frame-options', 'DENY');
      response.headers.set('referrer-policy', 'no-referrer');
    },
  };
}
