// GraphiQL's bundle as static files. @graphql-yoga/render-graphiql ships it as strings (app script, styles,
// three Monaco workers, favicon) and inlines all of them, about 9 MB, into every page; here each becomes
// a content-hashed file served once and cached for a year, precompressed with brotli and gzip.
//
// The bundle is read, hashed and compressed in a short-lived worker thread, never in the server's own
// heap: importing it here would keep its 9 MB of source text twice for the life of the process (V8 holds
// a module's source and its string literals, and this source is two-byte: about 45 MB of heap, plus the
// Buffers). The server keeps only the brotli and gzip forms (about a third of the raw size); the rare
// client that accepts neither gets the gzip form inflated on the fly.
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzip } from 'node:zlib';

export const assetsPrefix = '/graphiql/assets/';

export type Encoding = 'br' | 'gzip';

export interface Asset {
  url: string;
  type: string;
  etag: string;
  /** Length of the uncompressed body. */
  size: number;
  br: Buffer;
  gzip: Buffer;
}

export interface GraphiqlAssets {
  app: Asset;
  styles: Asset;
  favicon?: Asset;
  start: Asset;
  editorWorkerService: Asset;
  json: Asset;
  graphql: Asset;
}

/** What the worker sends back per asset (Buffers arrive as Uint8Arrays over their transferred memory). */
interface BuiltAsset {
  url: string;
  type: string;
  etag: string;
  size: number;
  br: Uint8Array;
  gzip: Uint8Array;
}

// Plain CommonJS run with `eval`, so it works the same from compiled JavaScript and under tsx/vitest.
const workerSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { brotliCompressSync, gzipSync, constants } = require('node:zlib');
const bundle = require(workerData.bundlePath);
const prefix = workerData.prefix;
const built = {};
const transfer = [];
function asset(key, name, extension, type, body) {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  // Brotli quality 5: a 5 MB script in about a second, within 15 % of the slowest setting.
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  const gzip = gzipSync(body);
  // Copies of exactly their own bytes, so that the transfer moves no pooled memory.
  const own = (buffer) => new Uint8Array(buffer);
  built[key] = { url: prefix + name + '.' + hash + '.' + extension, type, etag: '"' + hash + '"', size: body.length, br: own(br), gzip: own(gzip) };
  transfer.push(built[key].br.buffer, built[key].gzip.buffer);
  return built[key];
}
const script = (key, name, source) => asset(key, name, 'js', 'text/javascript; charset=utf-8', Buffer.from(source));
const workers = {
  editorWorkerService: script('editorWorkerService', 'editor-worker', bundle.editorWorkerService).url,
  json: script('json', 'json-worker', bundle.jsonWorker).url,
  graphql: script('graphql', 'graphql-worker', bundle.graphqlWorker).url,
};
// What the package's page does inline, as a file: Content-Security-Policy allows no inline script.
script('start', 'start', 'const workers = ' + JSON.stringify(workers) + ';\n' +
  'self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };\n' +
  "const options = JSON.parse(document.getElementById('graphiql-options').textContent);\n" +
  "YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), options);\n");
const favicon = bundle.favicon.match(/^data:(image\/[\w.+-]+);base64,(.*)$/s);
script('app', 'graphiql', bundle.js);
asset('styles', 'graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(bundle.css));
if (favicon) asset('favicon', 'favicon', 'ico', favicon[1], Buffer.from(favicon[2], 'base64'));
parentPort.postMessage(built, transfer);
`;

function buildInWorker(): Promise<GraphiqlAssets> {
  const bundlePath = createRequire(import.meta.url).resolve('@graphql-yoga/render-graphiql/graphiql');
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { bundlePath, prefix: assetsPrefix } });
    worker.unref(); // never keeps the process alive
    worker.once('message', (built: Record<string, BuiltAsset>) => {
      const toAsset = (entry: BuiltAsset): Asset => ({
        ...entry,
        br: Buffer.from(entry.br.buffer, entry.br.byteOffset, entry.br.byteLength),
        gzip: Buffer.from(entry.gzip.buffer, entry.gzip.byteOffset, entry.gzip.byteLength),
      });
      resolve(Object.fromEntries(Object.entries(built).map(([key, entry]) => [key, toAsset(entry)])) as unknown as GraphiqlAssets);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the GraphiQL asset worker exited (code ${code}) without its assets`)));
  });
}

let built: Promise<GraphiqlAssets> | undefined;
/** The assets, built once per process off the event loop (the page needs their URLs). */
export function graphiqlAssets(): Promise<GraphiqlAssets> {
  built ??= buildInWorker().catch((error: unknown) => {
    built = undefined; // a later request tries again
    throw error;
  });
  return built;
}

let byUrl: Promise<Map<string, Asset>> | undefined;
/** Every asset by its URL. */
export function graphiqlAssetsByUrl(): Promise<Map<string, Asset>> {
  byUrl ??= graphiqlAssets().then(
    (assets) => new Map(Object.values(assets).flatMap((entry: Asset | undefined) => (entry ? [[entry.url, entry] as const] : []))),
    (error: unknown) => {
      byUrl = undefined;
      throw error;
    },
  );
  return byUrl;
}

const inflate = promisify(gunzip);

/** The body in the given encoding; without one, the gzip form inflated (zlib's thread pool). */
export async function assetBody(asset: Asset, encoding: Encoding | undefined): Promise<Buffer> {
  return encoding ? asset[encoding] : inflate(asset.gzip);
}
