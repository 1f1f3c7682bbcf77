// GET /datasets/{identifier}/records.csv and .geojson: the records export (src/records/export.ts) over
// HTTP, with the gateway's identity and rate limits (charged like a query: address budget first, then the
// caller's own) and the dataset visibility rule. An unknown and an invisible dataset get the same 404.
import type { Plugin } from 'graphql-yoga';
import { isRead, route, type RoutePayload } from './route.js';
import type { Database } from '../db/client.js';
import { AppError, NotFoundError, RateLimitedError } from '../errors.js';
import type { CallerLimits } from '../access/caller-limits.js';
import { identifyViewer } from '../access/identify.js';
import type { TokenVerifier } from '../access/tokens.js';
import { datasetVisibilityWhere } from '../access/visibility.js';
import { recordFactsSelection, recordScope } from '../records/facts.js';
import { exportArgs, exportRecords, type ExportFormat } from '../records/export.js';
import type { Logger } from '../infra/logger.js';
import { clientIp } from './client-ip.js';
import { requestLogger, type ServerContext } from './request-log.js';

const EXPORT_PATH = /^\/datasets\/([^/]+)\/records\.(csv|geojson)$/;

const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
};

export interface RecordExportOptions {
  db: Database;
  callerLimits: CallerLimits;
  verifyToken: TokenVerifier;
  trustProxy: boolean;
  logger: Logger;
}

type FetchAPI = { Response: typeof Response; ReadableStream: typeof ReadableStream };

/** An export's chunks as a streamed download (pulled one batch at a time; a client gone stops the cursor). */
export function exportResponse(
  chunks: AsyncGenerator<string | Uint8Array>,
  format: ExportFormat,
  name: string,
  method: string,
  fetchAPI: FetchAPI,
  logger: Logger,
): Response {
  const encoder = new TextEncoder();
  const body =
    method === 'HEAD'
      ? null
      : new fetchAPI.ReadableStream<Uint8Array>({
          async pull(controller) {
            try {
              const next = await chunks.next();
              if (next.done) controller.close();
              else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
            } catch (error) {
              logger.error({ err: error, export: name }, 'export failed');
              controller.error(error);
            }
          },
          async cancel() {
            await chunks.return(undefined);
          },
        });
  return new fetchAPI.Response(body, {
    status: 200,
    headers: {
      'content-type': MEDIA_TYPES[format],
      'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.${format}"`,
      'cache-control': 'no-store',
    },
  });
}

export function errorResponse(error: AppError, fetchAPI: { Response: typeof Response }): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (error instanceof RateLimitedError) headers['retry-after'] = String(error.retryAfterSeconds);
  const body = { errors: [{ message: error.message, extensions: { code: error.code, ...error.details() } }] };
  return new fetchAPI.Response(JSON.stringify(body), { status: error.httpStatus, headers });
}

/** The caller on whose behalf an export runs: identified, and charged like a query. */
export function exportCaller({ db, callerLimits, verifyToken, trustProxy }: RecordExportOptions, { request, serverContext }: RoutePayload<ServerContext>) {
  const ip = clientIp(request, serverContext.req, trustProxy);
  return callerLimits.identify(ip, () => identifyViewer(db.prisma, verifyToken, request.headers));
}

/**
 * A GET/HEAD route streaming an export. `path` captures a name (a dataset's identifier, a request's reference)
 * and the format; `open` checks the caller and returns the export's chunks. Client errors (unknown, not
 * allowed, rate limited) are answered as JSON; anything else is left to yoga.
 */
export function exportRoute(
  path: RegExp,
  logger: Logger,
  open: (payload: RoutePayload<ServerContext>, name: string, format: ExportFormat) => Promise<AsyncGenerator<string | Uint8Array>>,
) {
  return route<RegExpExecArray, ServerContext>(
    (url, method) => isRead(method) && path.exec(url.pathname),
    async (payload, match) => {
      const { request, serverContext, endResponse, fetchAPI } = payload;
      const name = decodeURIComponent(match[1]!);
      const format = match[2] as ExportFormat;
      try {
        const chunks = await open(payload, name, format);
        endResponse(exportResponse(chunks, format, name, request.method, fetchAPI, requestLogger(logger, serverContext)));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        endResponse(errorResponse(error, fetchAPI));
      }
    },
  );
}

export function useRecordExports(options: RecordExportOptions): Plugin<{}, ServerContext> {
  const { db, logger } = options;
  return {
    onRequest: exportRoute(EXPORT_PATH, logger, async (payload, identifier, format) => {
      const viewer = await exportCaller(options, payload);
      const dataset = await db.prisma.dataset.findFirst({
        where: { AND: [{ identifier }, datasetVisibilityWhere(viewer)] },
        select: recordFactsSelection,
      });
      if (!dataset) throw new NotFoundError('Dataset', identifier);
      return exportRecords(db, recordScope(dataset, viewer), format, exportArgs(payload.url.searchParams));
    }),
  };
}
