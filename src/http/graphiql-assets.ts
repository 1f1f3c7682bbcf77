// GraphiQL's bundle as static files. @graphql-yoga/render-graphiql ships it as strings (app script, styles,
// three Monaco workers, favicon) and inlines all of them, about 9 MB, into every page; here each becomes
// a content-hashed file served once and cached for a year, precompressed with brotli and gzip.
//
// The bundle is read, hashed and compressed in a short-lived child process, never in the server: importing
// it here would keep its 9 MB of source text twice for the life of the process (V8 holds a module's source
// and its string literals, and this source is two-byte: about 45 MB of heap, plus the Buffers), and even a
// worker thread leaves the parser's and zlib's freed memory in this process's malloc arenas (measured: the
// embedded default's RSS 60-90 MB higher). A process returns all of it when it exits. The server keeps only
// the brotli and gzip forms (about a third of the raw size); the rare client that accepts neither gets the
// gzip form inflated on the fly.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
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

/** What the child process sends back per asset (Buffers arrive as Uint8Arrays). */
interface BuiltAsset {
  url: string;
  type: string;
  etag: string;
  size: number;
  br: Uint8Array;
  gzip: Uint8Array;
}

// Plain CommonJS run with `node -e`, so it works the same from compiled JavaScript and under tsx/vitest.
const childSource = String.raw`
const { createHash } = require('node:crypto');
const { brotliCompressSync, gzipSync, constants } = require('node:zlib');
const bundle = require(process.argv[1]);
const prefix = process.argv[2];
const built = {};
function asset(key, name, extension, type, body) {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  // Brotli quality 5: a 5 MB script in about a second, within 15 % of the slowest setting.
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  const gzip = gzipSync(body);
  built[key] = { url: prefix + name + '.' + hash + '.' + extension, type, etag: '"' + hash + '"', size: body.length, br, gzip };
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
  // Subscriptions go over SSE; /graphql?subscriptions=ws runs them over graphql-ws instead.
  "if (new URLSearchParams(location.search).get('subscriptions') === 'ws') options.subscriptionsProtocol = 'WS';\n" +
  "YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), options);\n");
const favicon = bundle.favicon.match(/^data:(image\/[\w.+-]+);base64,(.*)$/s);
script('app', 'graphiql', bundle.js);
asset('styles', 'graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(bundle.css));
if (favicon) asset('favicon', 'favicon', 'ico', favicon[1], Buffer.from(favicon[2], 'base64'));
process.send(built, () => process.disconnect());
`;

function buildInChildProcess(): Promise<GraphiqlAssets> {
  const bundlePath = createRequire(import.meta.url).resolve('@graphql-yoga/render-graphiql/graphiql');
  return new Promise((resolve, reject) => {
    // No NODE_OPTIONS: a preloaded module or an inspector flag of the server's has no business here.
    const env = { ...process.env, NODE_OPTIONS: '' };
    const child = spawn(process.execPath, ['-e', childSource, bundlePath, assetsPrefix], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced', // Buffers travel as bytes, not as JSON
      env,
    });
    child.unref(); // never keeps the server alive
    child.channel?.unref();
    child.once('message', (message) => {
      const built = message as Record<string, BuiltAsset>;
      const toAsset = (entry: BuiltAsset): Asset => ({
        ...entry,
        br: Buffer.from(entry.br.buffer, entry.br.byteOffset, entry.br.byteLength),
        gzip: Buffer.from(entry.gzip.buffer, entry.gzip.byteOffset, entry.gzip.byteLength),
      });
      resolve(Object.fromEntries(Object.entries(built).map(([key, entry]) => [key, toAsset(entry)])) as unknown as GraphiqlAssets);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`the GraphiQL asset process exited (${signal ?? `code ${code}`}) without its assets`)));
  });
}

let built: Promise<GraphiqlAssets> | undefined;
/** The assets, built once per process off the event loop (the page needs their URLs). */
export function graphiqlAssets(): Promise<GraphiqlAssets> {
  built ??= buildInChildProcess().catch((error: unknown) => {
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
