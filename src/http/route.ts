// The routes beside /graphql (data.json, feeds, follow links, exports, GraphiQL's assets) are onRequest hooks,
// and every request runs every one of them. Each route decides synchronously whether a request is its own, so
// the rest (above all GraphQL requests) pass each route without a promise and a microtask.
import type { Plugin } from 'graphql-yoga';

type OnRequest<ServerContext extends Record<string, any>> = NonNullable<Plugin<{}, ServerContext>['onRequest']>;
export type RoutePayload<ServerContext extends Record<string, any> = {}> = Parameters<OnRequest<ServerContext>>[0];

export const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * An onRequest hook that serves the requests `match` claims, given what `match` returned (a regex match, say);
 * a request it does not claim (undefined, null or false) passes through at once.
 */
export function route<Matched, ServerContext extends Record<string, any> = {}>(
  match: (url: URL, method: string) => Matched | undefined | null | false,
  serve: (payload: RoutePayload<ServerContext>, matched: Matched) => Promise<void>,
): OnRequest<ServerContext> {
  return (payload) => {
    const matched = match(payload.url, payload.request.method);
    return matched ? serve(payload, matched) : undefined;
  };
}
