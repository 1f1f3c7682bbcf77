// GraphiQL's bundle as static files. @graphql-yoga/render-graphiql ships it as strings (app script, styles,
// three Monaco workers, favicon) and inlines all of them, about 9 MB, into every page; here each becomes
// a content-hashed file served once and cached for a year, precompressed with brotli and gzip.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import * as bundle from '@graphql-yoga/render-graphiql/graphiql';

export const assetsPrefix = '/graphiql/assets/';

export interface Asset {
  url: string;
  type: string;
  body: Buffer;
  etag: string;
}

export type Encoding = 'br' | 'gzip';

function asset(name: string, extension: string, type: string, body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { url: `${assetsPrefix}${name}.${hash}.${extension}`, type, body, etag: `"${hash}"` };
}

const script = (name: string, source: string) => asset(name, 'js', 'text/javascript; charset=utf-8', Buffer.from(source));

function buildAssets() {
  const workers = {
    editorWorkerService: script('editor-worker', bundle.editorWorkerService),
    json: script('json-worker', bundle.jsonWorker),
    graphql: script('graphql-worker', bundle.graphqlWorker),
  };
  const workerUrls = Object.fromEntries(Object.entries(workers).map(([label, worker]) => [label, worker.url]));
  // What the package's page does inline, as a file: Content-Security-Policy allows no inline script.
  const start = script(
    'start',
    `const workers = ${JSON.stringify(workerUrls)};
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };
const options = JSON.parse(document.getElementById('graphiql-options').textContent);
// Subscriptions go over SSE; /graphql?subscriptions=ws runs them over graphql-ws instead.
if (new URLSearchParams(location.search).get('subscriptions') === 'ws') options.subscriptionsProtocol = 'WS';
YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), options);
`,
  );
  const favicon = bundle.favicon.match(/^data:(image\/[\w.+-]+);base64,(.*)$/s);
  return {
    app: script('graphiql', bundle.js),
    styles: asset('graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(bundle.css)),
    favicon: favicon ? asset('favicon', 'ico', favicon[1]!, Buffer.from(favicon[2]!, 'base64')) : undefined,
    start,
    ...workers,
  };
}

let built: ReturnType<typeof buildAssets> | undefined;
/** The assets, hashed once per process (the page needs their URLs). */
export function graphiqlAssets() {
  built ??= buildAssets();
  return built;
}

const byUrl = () => new Map(Object.values(graphiqlAssets()).flatMap((entry) => (entry ? [[entry.url, entry] as const] : [])));

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);
type Compressed = Map<string, Asset & Partial<Record<Encoding, Buffer>>>;
let compressed: Promise<Compressed> | undefined;

/**
 * Every asset with its brotli and gzip forms, compressed once per process off the event loop (zlib's
 * thread pool). Brotli quality 5: a 5 MB script in about a second, within 15 % of the slowest setting.
 */
export function compressedGraphiqlAssets(): Promise<Compressed> {
  compressed ??= Promise.all(
    [...byUrl().values()].map(async (entry) => {
      const [br, gz] = await Promise.all([
        compressBrotli(entry.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length } }),
        compressGzip(entry.body),
      ]);
      return [entry.url, { ...entry, br, gzip: gz }] as const;
    }),
  ).then((entries) => new Map(entries));
  return compressed;
}
