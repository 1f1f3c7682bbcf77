// Cross-origin access for browser apps on other sites. Only origins listed in CORS_ORIGINS get a grant;
// `*` grants every site. Credentials (cookies) are never granted: callers authenticate with an
// Authorization or X-API-Key header, which a page must send itself, so no site can ride on a user's session.
import type { Plugin } from 'graphql-yoga';

const allowedRequestHeaders = ['content-type', 'accept', 'authorization', 'x-api-key', 'x-graphql-csrf', 'graphql-preflight'];

/** The Access-Control-Allow-Origin value for this request's Origin, or undefined for no grant. */
export function corsGrant(allowedOrigins: readonly string[], origin: string | null): string | undefined {
  if (!origin) return undefined;
  if (allowedOrigins.includes('*')) return '*';
  return allowedOrigins.includes(origin) ? origin : undefined;
}

export function useCors(allowedOrigins: readonly string[]): Plugin {
  const grantHeaders = (request: Request) => {
    const headers = new Headers();
    // The answer depends on Origin unless every origin gets the same one.
    if (!allowedOrigins.includes('*')) headers.set('vary', 'Origin');
    const grant = corsGrant(allowedOrigins, request.headers.get('origin'));
    if (grant) {
      headers.set('access-control-allow-origin', grant);
      headers.set('access-control-expose-headers', 'Retry-After');
    }
    return { headers, granted: Boolean(grant) };
  };
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'OPTIONS') return;
      // A preflight without a grant is answered too, without Access-Control-Allow-*: the browser then blocks.
      const { headers, granted } = grantHeaders(request);
      if (granted) {
        headers.set('access-control-allow-methods', 'GET, POST');
        headers.set('access-control-allow-headers', allowedRequestHeaders.join(', '));
        headers.set('access-control-max-age', '600');
      }
      headers.set('content-length', '0');
      endResponse(new fetchAPI.Response(null, { status: 204, headers }));
    },
    onResponse({ request, response }) {
      if (request.method === 'OPTIONS') return;
      grantHeaders(request).headers.forEach((value, name) => {
        if (name === 'vary') response.headers.append('vary', value);
        else response.headers.set(name, value);
      });
    },
  };
}
