// Budgets charged per client address before identity, parsing and validation, over real HTTP.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer({
  TRUST_PROXY: 'true',
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '6',
  RATE_LIMIT_FAILED_CREDENTIALS_PER_MINUTE: '3',
  RATE_LIMIT_ADDRESS_PER_MINUTE: '12',
  RATE_LIMIT_STAFF_PER_MINUTE: '100000',
});

let nextAddress = 0;
const newAddress = () => ({ 'x-forwarded-for': `198.51.100.${++nextAddress}` });

async function statuses(send: () => Promise<Response | { status: number }>, times: number) {
  const seen: number[] = [];
  for (let i = 0; i < times; i++) seen.push((await send()).status);
  return seen;
}

async function expectRateLimited(response: Response) {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
  expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  expect(body.errors[0]!.extensions.retryAfterSeconds).toBeGreaterThan(0);
}

const licenses = JSON.stringify({ query: '{ licenses { name } }' });

describe('failed credentials', () => {
  it('bad bearer tokens are refused with 429 once the address has failed too often', async () => {
    const headers = { ...newAddress(), authorization: 'Bearer not-a-token' };
    expect(await statuses(() => server().post(licenses, headers), 6)).toEqual([401, 401, 401, 429, 429, 429]);
    await expectRateLimited(await server().post(licenses, headers));
  });

  it('unknown API keys stop costing a database lookup once the address has failed too often', async () => {
    const headers = { ...newAddress(), 'x-api-key': 'cod_0123456789_abcdefghijklmnopqrstuvwx' };
    expect(await statuses(() => server().post(licenses, headers), 3)).toEqual([401, 401, 401]);
    const { result, statements } = await server().db.statements.measure(() => server().post(licenses, headers));
    await expectRateLimited(result);
    expect(statements).toEqual([]);
    // Even a valid staff token from that address waits: nothing with credentials is looked up.
    const staff = await server().staff('admin@toaks.example');
    expect((await server().post(licenses, { ...headers, ...staff, 'x-api-key': '' })).status).toBe(429);
  });
});

describe('every request counts', () => {
  it('rejected documents (parse and validation errors) use up the anonymous budget', async () => {
    const headers = newAddress();
    const broken = [JSON.stringify({ query: '{ licenses { nosuchfield } }' }), JSON.stringify({ query: '{ licenses {' }), 'not json'];
    let sent = 0;
    const seen = await statuses(() => server().post(broken[sent++ % broken.length]!, headers), 6);
    expect(seen[0]).toBe(400);
    expect(seen.at(-1)).toBe(429);
    await expectRateLimited(await server().post(licenses, headers));
  });

  it('GraphiQL page loads use up the anonymous budget', async () => {
    const headers = { ...newAddress(), accept: 'text/html' };
    const load = () => fetch(`${server().url}/graphql`, { headers });
    const first = await load();
    expect(first.headers.get('content-type')).toMatch(/text\/html/);
    expect(await first.text()).toMatch(/graphiql/i);
    const seen = await statuses(load, 6);
    expect(seen.at(-1)).toBe(429);
    await expectRateLimited(await load());
  });

  it('staff requests are charged to their address too', async () => {
    const headers = { ...newAddress(), ...(await server().staff('admin@toaks.example')) };
    const seen = await statuses(() => server().post(licenses, headers), 8);
    expect(seen.slice(0, 2)).toEqual([200, 200]);
    expect(seen.at(-1)).toBe(429);
  });
});

