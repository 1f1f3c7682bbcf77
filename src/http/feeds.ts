// GET /feeds/catalog.atom (?department=<slug>) and /datasets/<identifier>/changes.atom: Atom feeds of
// public catalog changes (src/live/feed.ts).
import type { Plugin } from 'graphql-yoga';
import { isRead, route } from './route.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { catalogChangesFeed } from '../live/feed.js';

const DATASET_FEED = /^\/datasets\/([a-z0-9]+(?:-[a-z0-9]+)*)\/changes\.atom$/;

/** Which feed a request asks for: the catalog's (no dataset) or one dataset's. */
function feedOf(url: URL, method: string): { dataset?: string } | undefined {
  if (!isRead(method)) return undefined;
  if (url.pathname === '/feeds/catalog.atom') return {};
  const datasetMatch = DATASET_FEED.exec(url.pathname);
  return datasetMatch ? { dataset: datasetMatch[1] } : undefined;
}

export function useChangeFeeds(prisma: PrismaClient, baseUrl: string): Plugin {
  return {
    onRequest: route(feedOf, async ({ request, url, endResponse, fetchAPI }, feed) => {
      const document = await catalogChangesFeed(prisma, baseUrl, {
        dataset: feed.dataset,
        department: url.searchParams.get('department') ?? undefined,
      });
      if (document === null) {
        endResponse(new fetchAPI.Response('No such public dataset or department\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
        return;
      }
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : document, {
          status: 200,
          headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=60' },
        }),
      );
    }),
  };
}
