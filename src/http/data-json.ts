// GET /data.json: the public catalog as DCAT-US 1.1, the file harvesters (data.gov, CKAN, Socrata) read.
// Cacheable: the ETag names the catalog's version, so a conditional request costs one small SQL statement.
import type { Plugin } from 'graphql-yoga';
import { isRead, route } from './route.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { dcatCatalog } from '../catalog/dcat.js';
import { publishedCatalogRows, publishedCatalogVersion, type CatalogVersion } from '../catalog/published-catalog.js';

export const DATA_JSON_PATH = '/data.json';

/** Changes whenever an entry is added, removed (count) or edited (newest `modified`, last write). */
export function catalogETag(version: CatalogVersion): string {
  const stamp = (date: Date | null) => (date ? date.getTime().toString(36) : '0');
  return `W/"${version.datasets}-${stamp(version.newestModified)}-${stamp(version.lastWrite)}"`;
}

const etagMatches = (header: string | null, etag: string) =>
  !!header && header.split(',').some((candidate) => candidate.trim() === etag || candidate.trim() === '*');

export function useDataJson(prisma: PrismaClient, baseUrl: string): Plugin {
  return {
    onRequest: route((url, method) => url.pathname === DATA_JSON_PATH && isRead(method), async ({ request, endResponse, fetchAPI }) => {
      const version = await publishedCatalogVersion(prisma);
      const headers: Record<string, string> = {
        etag: catalogETag(version),
        'cache-control': 'public, max-age=60',
        ...(version.newestModified ? { 'last-modified': version.newestModified.toUTCString() } : {}),
      };
      if (etagMatches(request.headers.get('if-none-match'), headers.etag!)) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      const body = request.method === 'HEAD' ? null : JSON.stringify(dcatCatalog(await publishedCatalogRows(prisma), baseUrl));
      endResponse(new fetchAPI.Response(body, { status: 200, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } }));
    }),
  };
}
