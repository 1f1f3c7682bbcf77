// GET /data-requests/{reference}/export.csv|.geojson?token=…: the filtered export staff released with a
// fulfilment (src/requests/release.ts), streamed like a records export and charged like one. The tracking
// token comes as `token` or the X-Tracking-Token header; an unknown reference, a wrong token and a request
// with nothing released get the same 404.
import type { Plugin } from 'graphql-yoga';
import { NotFoundError } from '../errors.js';
import { exportRecords } from '../records/export.js';
import { findRelease } from '../requests/release.js';
import { exportCaller, exportRoute, type RecordExportOptions } from './record-exports.js';
import type { ServerContext } from './request-log.js';

const RELEASE_PATH = /^\/data-requests\/([^/]+)\/export\.(csv|geojson)$/;

export function useDataRequestExports(options: RecordExportOptions): Plugin<{}, ServerContext> {
  const { db, logger } = options;
  return {
    onRequest: exportRoute(RELEASE_PATH, logger, async (payload, reference, format) => {
      await exportCaller(options, payload);
      const token = payload.url.searchParams.get('token') ?? payload.request.headers.get('x-tracking-token') ?? '';
      const release = await findRelease(db.prisma, reference, token, format);
      if (!release) throw new NotFoundError('DataRequest', reference);
      return exportRecords(db, release.scope, release.format, release.args);
    }),
  };
}
