// Request bodies sent with Transfer-Encoding: chunked (no Content-Length), over real HTTP.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer({ MAX_BODY_BYTES: '2000' });
// Above yoga's own default limit (25 MB), which the gateway replaces by MAX_BODY_BYTES / IMPORT_MAX_BYTES.
const roomy = useTestServer({ MAX_BODY_BYTES: '30000000' });

function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk); // no Content-Length: node sends chunked
    req.end();
  });
}

describe('chunked request bodies', () => {
  it('are read whole and answered', async () => {
    const body = JSON.stringify({ query: '{ licenses { spdxId } }' });
    const answer = await postChunked(server().url, [body.slice(0, 10), body.slice(10, 20), body.slice(20)]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.licenses.length).toBeGreaterThan(0);
  });

  it('are refused with 413 once they exceed MAX_BODY_BYTES', async () => {
    const body = JSON.stringify({ query: `{ licenses { spdxId } } # ${'x'.repeat(3000)}` });
    const chunks = body.match(/[^]{1,500}/g)!;
    const answer = await postChunked(server().url, chunks);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('the configured body limit', () => {
  it('is the only one: a body above 25 MB within MAX_BODY_BYTES is answered', async () => {
    const body = JSON.stringify({ query: `{ licenses { spdxId } } # ${'x'.repeat(26_000_000)}` });
    const response = await fetch(`${roomy().url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);
    expect((await response.json()).data.licenses.length).toBeGreaterThan(0);
  });
});
