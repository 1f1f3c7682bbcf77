// Cross-origin grants over real HTTP: only CORS_ORIGINS, never with credentials.
import { describe, expect, it } from 'vitest';
import { parseOrigins } from '../../src/config-rules.js';
import { useTestServer, type TestServer } from '../support/http-server.js';
import { rawRequest } from '../support/raw-http.js';

const unconfigured = useTestServer();
const listed = useTestServer({ CORS_ORIGINS: 'https://maps.toaks.example, https://data.toaks.example' });
const anyOrigin = useTestServer({ CORS_ORIGINS: '*' });

const query = JSON.stringify({ query: '{ licenses { spdxId } }' });

function post(server: TestServer, origin: string) {
  return rawRequest(`${server.url}/graphql`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: query });
}

function preflight(server: TestServer, origin: string) {
  return rawRequest(`${server.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
  });
}

describe('CORS', () => {
  it('grants no origin by default, and never credentials', async () => {
    for (const response of [await post(unconfigured(), 'https://evil.example'), await preflight(unconfigured(), 'https://evil.example')]) {
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      expect(response.headers['access-control-allow-headers']).toBeUndefined();
    }
    // Same-origin and server-to-server callers are unaffected.
    expect((await post(unconfigured(), 'https://evil.example')).status).toBe(200);
  });

  it('grants each listed origin, and only those', async () => {
    const granted = await post(listed(), 'https://data.toaks.example');
    expect(granted.headers['access-control-allow-origin']).toBe('https://data.toaks.example');
    expect(granted.headers['access-control-allow-credentials']).toBeUndefined();
    expect(granted.headers.vary).toMatch(/Origin/);
    const refused = await post(listed(), 'https://maps.toaks.example.evil.example');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(refused.headers.vary).toMatch(/Origin/);
  });

  it('answers a listed preflight with the methods and headers the API takes', async () => {
    const response = await preflight(listed(), 'https://maps.toaks.example');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://maps.toaks.example');
    expect(response.headers['access-control-allow-methods']).toBe('GET, POST');
    expect(response.headers['access-control-allow-headers']).toMatch(/authorization/);
    expect(response.headers['access-control-allow-headers']).toMatch(/x-api-key/);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('with *, grants every origin with a wildcard, without credentials', async () => {
    const response = await post(anyOrigin(), 'https://anyone.example');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('accepts only origins in CORS_ORIGINS', () => {
    expect(parseOrigins(' https://maps.toaks.example ,http://localhost:5173,')).toEqual(['https://maps.toaks.example', 'http://localhost:5173']);
    expect(() => parseOrigins('maps.toaks.example')).toThrow(/not an origin/);
    expect(() => parseOrigins('https://maps.toaks.example/app')).toThrow(/not an origin/);
  });
});
