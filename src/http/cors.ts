// Cross-origin access for browser apps on other sites. Only origins listed in CORS_ORIGINS get a grant;
// `*` grants every site. Credentials (cookies) are never granted: callers authenticate with an
// Authorization or X-API-Key header, which a page must send itself, so no site can ride on a user's session.
import type { Plugin } from 'graphql-yoga';

const allowedRequestHeaders = ['content-type', 'accept', 'authorization', 'x-api-key', 'x-graphql-csrf', 'graphql-preflight', 'idempotency-key'];

/** The Access-Control-Allow-Origin value for this request's Origin, or undefined for no grant. */
export function corsGrant(allowedOrigins: readonly string[], origin: string | null): string | undefined {
  if (!origin) return undefined;
  if (allowedOrigins.includes('*')) return '*';
  return allowedOrigins.includes(origin) ? origin : undefined;
}

export function useCors(allowedOrigins: readonly string[]): Plugin {
  // The answer depends on Origin unless every origin gets the same one.
  const variesByOrigin = !allowedOrigins.includes('*');
  /** Writes this request's grant (if any) into `headers`; true when granted. */
  const writeGrant = (request: Request, headers: Headers): boolean => {
    if (variesByOrigin) {
      // get + set, not append: append makes the fetch adapter's Headers build a map of their own, and then
      // the answer's headers can no longer go to Node in one writeHead call.
      const vary = headers.get('vary');
      headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
    }
    const grant = corsGrant(allowedOrigins, request.headers.get('origin'));
    if (!grant) return false;
    headers.set('access-control-allow-origin', grant);
    headers.set('access-control-expose-headers', 'Retry-After');
    return true;
  };
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'OPTIONS') return;
      // A preflight without a grant is answered too, without Access-Control-Allow-*: the browser then blocks.
      const headers = new fetchAPI.Headers();
      if (writeGrant(request, headers)) {
        headers.set('access-control-allow-methods', 'GET, POST');
        headers.set('access-control-allow-headers', allowedRequestHeaders.join(', '));
        headers.set('access-control-max-age', '600');
      }
      headers.set('content-length', '0');
      endResponse(new fetchAPI.Response(null, { status: 204, headers }));
    },
    // Written straight into the answer's headers: no Headers object of its own on every request.
    onResponse({ request, response }) {
      if (request.method !== 'OPTIONS') writeGrant(request, response.headers);
    },
  };
}
