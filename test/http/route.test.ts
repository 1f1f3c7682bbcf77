// Routes beside /graphql claim their requests synchronously: every other request passes each route without
// a promise.
import { describe, expect, it } from 'vitest';
import { isRead, route, type RoutePayload } from '../../src/http/route.js';

const payload = (method: string, path: string) =>
  ({ request: new Request(`http://gateway.test${path}`, { method }), url: new URL(`http://gateway.test${path}`) }) as unknown as RoutePayload;

describe('route', () => {
  const served: string[] = [];
  const exportRoute = route(
    (url, method) => isRead(method) && /^\/datasets\/([^/]+)\/records\.csv$/.exec(url.pathname),
    async (_payload, match) => {
      served.push(match[1]!);
    },
  );

  it('passes a request it does not claim through at once, without a promise', () => {
    expect(exportRoute(payload('POST', '/graphql'))).toBeUndefined();
    expect(exportRoute(payload('POST', '/datasets/trees/records.csv'))).toBeUndefined(); // not a read
    expect(served).toEqual([]);
  });

  it('serves a request it claims, given what matched', async () => {
    await exportRoute(payload('GET', '/datasets/trees/records.csv'));
    await exportRoute(payload('HEAD', '/datasets/parks/records.csv'));
    expect(served).toEqual(['trees', 'parks']);
  });
});
