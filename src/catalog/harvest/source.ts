// Fetching an upstream catalog (or reading it from a file, for the command line) with a size cap and a
// time limit; every way it can fail is a CatalogSourceError saying which.
import { readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { AppError, ValidationError } from '../../errors.js';

export type CatalogSourceProblem = 'UNREACHABLE' | 'TIMEOUT' | 'HTTP_STATUS' | 'TOO_LARGE' | 'NOT_JSON' | 'NOT_DCAT';

export class CatalogSourceError extends AppError {
  readonly code = 'CATALOG_SOURCE_FAILED';
  override readonly httpStatus = 502;
  constructor(readonly reason: CatalogSourceProblem, message: string) {
    super(message);
  }
  override details() {
    return { reason: this.reason };
  }
}

export interface SourceLimits {
  maxBytes: number;
  timeoutMs: number;
}

export interface CatalogDocument {
  /** Where it came from, as recorded in provenance: the URL, or a file:// URL for a local file. */
  source: string;
  datasets: unknown[];
}

export const isWebUrl = (value: string) => /^https?:\/\//i.test(value);

/** The URL itself when it is a well-formed http(s) URL, else a ValidationError at `path`. */
export function webUrl(value: string, path: string[]): string {
  if (isWebUrl(value) && URL.canParse(value)) return value;
  throw new ValidationError([{ path, message: 'must be an http(s) URL' }]);
}

async function readBody(response: Response, url: string, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(url, maxBytes);
  // Counted as it streams in: a missing or false content-length must not get past the cap.
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader!.cancel().catch(() => {});
      throw tooLarge(url, maxBytes);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const tooLarge = (source: string, maxBytes: number) =>
  new CatalogSourceError('TOO_LARGE', `${source} is larger than the ${maxBytes}-byte limit`);

async function fetchText(url: string, { maxBytes, timeoutMs }: SourceLimits): Promise<string> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new CatalogSourceError('HTTP_STATUS', `${url} answered HTTP ${response.status}`);
    }
    return await readBody(response, url, maxBytes);
  } catch (error) {
    if (error instanceof CatalogSourceError) throw error;
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new CatalogSourceError('TIMEOUT', `${url} did not answer within ${timeoutMs} ms`);
    }
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new CatalogSourceError('UNREACHABLE', `${url} could not be fetched${cause}`);
  }
}

async function readLocalFile(path: string, { maxBytes }: SourceLimits): Promise<string> {
  const size = await stat(path).then(
    (info) => info.size,
    () => {
      throw new CatalogSourceError('UNREACHABLE', `${path} cannot be read`);
    },
  );
  if (size > maxBytes) throw tooLarge(path, maxBytes);
  return readFile(path, 'utf8');
}

/** The body must be a DCAT-US catalog: an object with a `dataset` array. */
export function catalogDatasets(text: string, source: string): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CatalogSourceError('NOT_JSON', `${source} is not JSON`);
  }
  const datasets = body && typeof body === 'object' && !Array.isArray(body) ? (body as { dataset?: unknown }).dataset : undefined;
  if (!Array.isArray(datasets)) {
    throw new CatalogSourceError('NOT_DCAT', `${source} is not a DCAT-US catalog (no "dataset" array)`);
  }
  return datasets;
}

/** Reads a catalog from an http(s) URL, or (when files are allowed: the command line) from a file path. */
export async function readCatalog(location: string, limits: SourceLimits, options: { allowFiles?: boolean } = {}): Promise<CatalogDocument> {
  if (isWebUrl(location)) return { source: location, datasets: catalogDatasets(await fetchText(location, limits), location) };
  if (!options.allowFiles) throw new CatalogSourceError('UNREACHABLE', 'Only http(s) URLs can be harvested');
  const source = pathToFileURL(location).href;
  return { source, datasets: catalogDatasets(await readLocalFile(location, limits), source) };
}
