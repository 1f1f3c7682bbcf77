// A filtered dataset export released with a (partial) fulfilment. Staff name the dataset, a records filter
// and order; the requester downloads it with reference + tracking token. The release is read as an
// anonymous caller would read the dataset (personal fields withheld, filters on them unknown), whatever the
// dataset's access level: staff decided to release those rows, and personal data goes only through a
// download link staff prepare themselves. The same scope checks the filter at release and runs it at download.
import type { DataRequest, Prisma } from '../generated/prisma/client.js';
import { DataRequestStatus as Status, type RecordExportFormat } from '../generated/prisma/enums.js';
import type { Tx } from '../audit/service.js';
import { anonymous } from '../access/viewer.js';
import { ValidationError } from '../errors.js';
import type { RecordFilterInput } from '../records/filter/compile.js';
import { SqlParams, type RecordScope } from '../records/filter/scope.js';
import { recordFactsSelection, recordScope } from '../records/facts.js';
import { resolveOrder, type RecordOrderInput } from '../records/order.js';
import { recordCondition } from '../records/page.js';
import type { ExportArgs, ExportFormat } from '../records/export.js';
import { proveTracking } from '../workflow/tracking.js';

export interface ReleaseInput {
  /** Defaults to the request's dataset. */
  datasetId?: string | null;
  filter?: RecordFilterInput | null;
  orderBy?: readonly RecordOrderInput[] | null;
  format: RecordExportFormat;
}

export interface CheckedRelease {
  datasetId: string;
  filter: RecordFilterInput | null;
  orderBy: RecordOrderInput[] | null;
  format: RecordExportFormat;
}

const EXTENSIONS: Record<RecordExportFormat, ExportFormat> = { CSV: 'csv', GEOJSON: 'geojson' };

/** Where the requester downloads the release (no token: it travels separately, never in messages or logs). */
export function releaseUrl(publicBaseUrl: string, reference: string, format: RecordExportFormat): string {
  return `${publicBaseUrl}/data-requests/${encodeURIComponent(reference)}/export.${EXTENSIONS[format]}`;
}

const releaseScope = (dataset: Parameters<typeof recordScope>[0]): RecordScope => recordScope(dataset, anonymous);

/** The dataset exists and the filter and order are valid for it as released; problems under `export`. */
export async function checkRelease(tx: Tx, request: DataRequest, input: ReleaseInput): Promise<CheckedRelease> {
  const datasetId = input.datasetId ?? request.datasetId;
  if (!datasetId) throw new ValidationError([{ path: ['export', 'datasetId'], message: 'is required: the request names no dataset' }]);
  const dataset = await tx.dataset.findUnique({ where: { id: datasetId }, select: recordFactsSelection });
  if (!dataset) throw new ValidationError([{ path: ['export', 'datasetId'], message: 'unknown dataset' }]);
  const scope = releaseScope(dataset);
  const problems = [];
  for (const check of [() => recordCondition(scope, input.filter, new SqlParams()), () => resolveOrder(input.orderBy, scope)]) {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ValidationError(problems.map((problem) => ({ ...problem, path: ['export', ...problem.path] })));
  return { datasetId, filter: input.filter ?? null, orderBy: input.orderBy ? [...input.orderBy] : null, format: input.format };
}

/** Replaces whatever an earlier determination released (an overturned appeal may lead to a new one). */
export async function storeRelease(tx: Tx, requestId: string, release: CheckedRelease | null) {
  await tx.dataRequestExport.deleteMany({ where: { requestId } });
  if (!release) return;
  await tx.dataRequestExport.create({
    data: {
      requestId,
      datasetId: release.datasetId,
      filter: (release.filter ?? undefined) as Prisma.InputJsonValue | undefined,
      orderBy: (release.orderBy ?? undefined) as Prisma.InputJsonValue | undefined,
      format: release.format,
    },
  });
}

export interface ReleasedExport {
  scope: RecordScope;
  format: ExportFormat;
  args: ExportArgs;
}

/** The statuses whose release the requester may download. */
export const RELEASED_STATUSES: ReadonlySet<string> = new Set([Status.FULFILLED, Status.PARTIALLY_FULFILLED]);

/**
 * The release of a fulfilled request, for the holder of its token in the format it was released in; null
 * for an unknown reference, a wrong token, another format, or a request not (or no longer) fulfilled.
 */
export async function findRelease(prisma: Tx, reference: string, token: string, format: ExportFormat): Promise<ReleasedExport | null> {
  const request = await prisma.dataRequest.findUnique({
    where: { reference },
    select: {
      id: true,
      status: true,
      trackingTokenHash: true,
      release: { select: { filter: true, orderBy: true, format: true, dataset: { select: recordFactsSelection } } },
    },
  });
  const proved = proveTracking(request, token, new Set());
  if (!proved?.release || !RELEASED_STATUSES.has(proved.status) || EXTENSIONS[proved.release.format] !== format) return null;
  const { release } = proved;
  return {
    scope: releaseScope(release.dataset),
    format,
    args: { filter: release.filter as RecordFilterInput | null, orderBy: release.orderBy as RecordOrderInput[] | null },
  };
}
