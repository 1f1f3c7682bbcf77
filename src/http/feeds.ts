// GET /feeds/catalog.atom (?department=<slug>) and /datasets/<identifier>/changes.atom: Atom feeds of
// public catalog changes (src/live/feed.ts).
import type { Plugin } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.js';
import { catalogChangesFeed } from '../live/feed.js';

const DATASET_FEED = /^\/datasets\/([a-z0-9]+(?:-[a-z0-9]+)*)\/changes\.atom$/;

export function useChangeFeeds(prisma: PrismaClient, baseUrl: string): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const datasetMatch = DATASET_FEED.exec(url.pathname);
      if (url.pathname !== '/feeds/catalog.atom' && !datasetMatch) return;
      const document = await catalogChangesFeed(prisma, baseUrl, {
        dataset: datasetMatch?.[1],
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
    },
  };
}
