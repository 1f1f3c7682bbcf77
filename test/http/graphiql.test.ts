// GraphiQL over real HTTP: a small page under security headers; its bundle as cached, compressed files.
import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../support/gateway.js';
import { useTestServer } from '../support/http-server.js';
import { rawRequest } from '../support/raw-http.js';

const server = useTestServer();
const withoutGraphiQL = useTestServer({ GRAPHIQL: 'false' });
const withoutIntrospection = useTestGateway({ INTROSPECTION: 'false' });

const openPage = (url: string) => rawRequest(`${url}/graphql`, { headers: { accept: 'text/html' } });
const assetUrls = (html: string) => [...html.matchAll(/(?:src|href)="(\/graphiql\/assets\/[^"]+)"/g)].map((match) => match[1]!);

describe('GraphiQL page', () => {
  it('is a small page under a Content-Security-Policy, not framed or sniffed', async () => {
    const page = await openPage(server().url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body.length).toBeLessThan(8_000);
    const csp = page.headers['content-security-policy']!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const html = page.body.toString();
    expect(html).not.toMatch(/<script>/); // no inline script: the policy would block it
    expect(html).toContain('City Open Data Gateway');
    expect(assetUrls(html)).toHaveLength(4); // favicon, styles, the bundle, the start script
  });

  it('references assets that are valid, immutable, and served with brotli or gzip as accepted', async () => {
    const html = (await openPage(server().url)).body.toString();
    const [favicon, styles, bundle, start] = assetUrls(html);
    expect([favicon, styles, bundle, start].map((url) => url!.split('.').pop())).toEqual(['ico', 'css', 'js', 'js']);
    const plain = await rawRequest(`${server().url}${bundle}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.headers.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(() => new Script(plain.body.toString())).not.toThrow();
    expect(plain.body.toString()).toContain('renderYogaGraphiQL');
    expect(bundle).toContain(createHash('sha256').update(plain.body).digest('hex').slice(0, 16));

    const br = await rawRequest(`${server().url}${bundle}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gzip = await rawRequest(`${server().url}${bundle}`, { headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    // The asset's own Vary is kept when CORS adds Origin to it.
    expect(gzip.headers.vary).toBe('Accept-Encoding, Origin');

    // HEAD: the headers of the same answer, without its body.
    const head = await rawRequest(`${server().url}${bundle}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(plain.body.length));
    expect(head.headers.etag).toBe(plain.headers.etag);
    expect(head.body.length).toBe(0);
    const headBr = await rawRequest(`${server().url}${bundle}`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    expect(headBr.headers['content-encoding']).toBe('br');
    expect(headBr.headers['content-length']).toBe(String(br.body.length));

    const revalidated = await rawRequest(`${server().url}${bundle}`, { headers: { 'if-none-match': plain.headers.etag! } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
  });

  it('starts GraphiQL from a script file whose Monaco workers are served too', async () => {
    const html = (await openPage(server().url)).body.toString();
    const start = (await rawRequest(`${server().url}${assetUrls(html)[3]}`)).body.toString();
    expect(() => new Script(start)).not.toThrow();
    const workers = [...start.matchAll(/"(\/graphiql\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(workers).toHaveLength(3);
    for (const worker of workers) {
      const response = await rawRequest(`${server().url}${worker}`);
      expect(response.status).toBe(200);
      expect(() => new Script(response.body.toString())).not.toThrow();
    }
    expect((await rawRequest(`${server().url}/graphiql/assets/unknown.0123456789abcdef.js`)).status).toBe(404);
  });

  it('subscribes as GraphiQL does: over SSE with the CSRF header it sends, or over graphql-ws with ?subscriptions=ws', async () => {
    const html = (await openPage(server().url)).body.toString();
    const options = JSON.parse(/<script type="application\/json" id="graphiql-options">(.*?)<\/script>/s.exec(html)![1]!);
    expect(options.additionalHeaders).toEqual({ 'x-graphql-csrf': '1' });
    const start = (await rawRequest(`${server().url}${assetUrls(html)[3]}`)).body.toString();
    expect(start).toMatch(/get\('subscriptions'\) === 'ws'\) options\.subscriptionsProtocol = 'WS'/);
    // GraphiQL's SSE subscription is a GET: refused without the header, accepted with GraphiQL's headers.
    const url = `${server().url}/graphql?query=${encodeURIComponent('subscription { datasetUpdated { cursor } }')}`;
    const bare = await fetch(url, { headers: { accept: 'text/event-stream' } });
    expect(bare.status).toBe(403);
    await bare.body?.cancel();
    const controller = new AbortController();
    const stream = await fetch(url, { headers: { accept: 'text/event-stream', ...options.additionalHeaders }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const first = await stream.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toBe(':\n\n');
    controller.abort();
  });
});

describe('production switches', () => {
  it('GRAPHIQL=false serves neither the page nor its assets', async () => {
    const page = await openPage(withoutGraphiQL().url);
    expect(page.body.toString()).not.toMatch(/<html/);
    const html = (await openPage(server().url)).body.toString();
    expect((await rawRequest(`${withoutGraphiQL().url}${assetUrls(html)[2]}`)).status).toBe(404);
  });

  it('INTROSPECTION=false refuses schema introspection, which is on by default', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    const refused = await withoutIntrospection().request(introspection);
    expect(refused.errors?.[0]?.message).toMatch(/introspection/i);
    const allowed = await server().request(introspection);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});
