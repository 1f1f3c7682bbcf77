// GET /data-requests/{reference}/export.csv|.geojson?token=…: the filtered export staff released with a
// fulfilment (src/requests/release.ts), streamed like a records export and charged like one. The tracking
// token comes as `token` or the X-Tracking-Token header; an unknown reference, a wrong token and a request
// with nothing released get the same 404.
import type { Plugin } from 'graphql-yoga';
import { isRead, route } from './route.js';
import { AppError, NotFoundError } from '../errors.js';
import { identifyViewer } from '../access/identify.js';
import { exportRecords, type ExportFormat } from '../records/export.js';
import { findRelease } from '../requests/release.js';
import { clientIp } from './client-ip.js';
import { errorResponse, exportResponse, type RecordExportOptions } from './record-exports.js';
import { requestLogger, type ServerContext } from './request-log.js';

const RELEASE_PATH = /^\/data-requests\/([^/]+)\/export\.(csv|geojson)$/;

export function useDataRequestExports({ db, callerLimits, verifyToken, trustProxy, logger }: RecordExportOptions): Plugin<{}, ServerContext> {
  return {
    onRequest: route<RegExpExecArray, ServerContext>(
      (url, method) => isRead(method) && RELEASE_PATH.exec(url.pathname),
      async ({ request, url, serverContext, endResponse, fetchAPI }, match) => {
        const reference = decodeURIComponent(match[1]!);
        const format = match[2] as ExportFormat;
        try {
          const ip = clientIp(request, serverContext.req, trustProxy);
          await callerLimits.identify(ip, () => identifyViewer(db.prisma, verifyToken, request.headers));
          const token = url.searchParams.get('token') ?? request.headers.get('x-tracking-token') ?? '';
          const release = await findRelease(db.prisma, reference, token, format);
          if (!release) throw new NotFoundError('DataRequest', reference);
          const chunks = exportRecords(db, release.scope, release.format, release.args);
          endResponse(exportResponse(chunks, format, reference, request.method, fetchAPI, requestLogger(logger, serverContext)));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          endResponse(errorResponse(error, fetchAPI));
        }
      },
    ),
  };
}
