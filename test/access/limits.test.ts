// Abuse protection over real HTTP: query limits, body size, CSRF, rate limits, and what errors reveal.
import { describe, expect, it } from 'vitest';
import { startTestServer, useTestServer } from '../support/http-server.js';

const server = useTestServer({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000' });
const limited = useTestServer({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '6', RATE_LIMIT_STAFF_PER_MINUTE: '100000', TRUST_PROXY: 'true' });
const untrusting = useTestServer({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '6' });

const leaks = /(\s+at\s+\S+\s+\(|node_modules|prisma|SELECT\s|FROM\s+"|invalid input syntax|stack)/i;

function expectRejected(result: { status: number; errors?: any[]; text: string }, pattern: RegExp) {
  expect(result.errors?.length).toBeGreaterThan(0);
  expect(result.errors![0].message).toMatch(pattern);
  expect(result.text).not.toMatch(/"data":\{"/);
}

describe('query limits', () => {
  it('accepts the GraphiQL example query', async () => {
    const { exampleQuery } = await import('../../src/http/example-query.js');
    const result = await server().request(exampleQuery);
    expect(result.errors).toBeUndefined();
  });

  it('refuses a depth bomb', async () => {
    const deep = '{ licenses { datasets { edges { node { steward { datasets { edges { node { license { datasets { edges { node { title } } } } } } } } } } } } }';
    expectRejected(await server().request(deep), /depth/i);
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: licenses { name }`).join(' ');
    expectRejected(await server().request(`{ ${aliases} }`), /alias/i);
  });

  it('refuses a cost bomb of large nested pages', async () => {
    const costly = '{ departments { datasets(first: 100) { edges { node { records(first: 100) { edges { node { attributes geometry } } } } } } } }';
    expectRejected(await server().request(costly), /complexity|cost/i);
  });

  it('refuses token and directive bombs', async () => {
    const directives = '{ licenses ' + '@include(if: true) '.repeat(50) + '{ name } }';
    expectRejected(await server().request(directives), /directive/i);
    const tokens = `{ licenses { ${'name '.repeat(3000)} } }`;
    expectRejected(await server().request(tokens), /token/i);
  });

  it('hides field suggestions outside development', async () => {
    const result = await server().request('{ datasetz { title } }');
    expect(result.errors![0]!.message).not.toMatch(/did you mean/i);
  });
});

describe('requests', () => {
  it('refuses oversized bodies with 413', async () => {
    const body = JSON.stringify({ query: `{ licenses { name } } # ${'x'.repeat(1_100_000)}` });
    const response = await server().post(body);
    expect(response.status).toBe(413);
  });

  it('prevents CSRF: a GET query without a preflight header is refused', async () => {
    const url = `${server().url}/graphql?query=${encodeURIComponent('{ licenses { name } }')}`;
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { 'x-graphql-csrf': '1' } })).status).toBe(200);
  });
});

describe('errors', () => {
  it('masks unexpected failures (the database went away): no stack, no SQL, a stable code', async () => {
    const broken = await startTestServer();
    await broken.db.close();
    const result = await broken.request('{ datasets(first: 2) { edges { node { title } } } }');
    await broken.close();
    expect(result.errors![0]!.message).toBe('Unexpected error.');
    expect(result.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    expect(result.text).not.toMatch(leaks);
  });

  it('treats malformed ids as naming nothing', async () => {
    const badUuid = Buffer.from('Dataset:not-a-uuid').toString('base64');
    const lookup = await server().request('query($id: ID!) { dataset(id: $id) { title } node(id: $id) { id } }', { id: badUuid });
    expect(lookup.errors).toBeUndefined();
    expect(lookup.data).toEqual({ dataset: null, node: null });
    const garbage = await server().request('{ dataset(id: "%%%") { title } }');
    expect(garbage.errors![0]!.extensions!.code).toBe('VALIDATION_FAILED');
    expect(garbage.text).not.toMatch(leaks);
  });

  it('types expected failures (validation with field path); an unknown tracking reference is simply null', async () => {
    const id = Buffer.from('Dataset:00000000-0000-0000-0000-000000000000').toString('base64');
    const both = await server().request('query($id: ID!) { dataset(id: $id, identifier: "y") { title } }', { id });
    expect(both.errors![0]!.extensions!.code).toBe('VALIDATION_FAILED');
    const notFound = await server().request('{ trackComplaint(reference: "CMP-1", token: "nope") { reference } }');
    expect(notFound.errors).toBeUndefined();
    expect(notFound.data).toEqual({ trackComplaint: null });
    for (const result of [both, notFound]) expect(result.text).not.toMatch(leaks);
  });
});

describe('rate limiting', () => {
  it('answers 429 with a typed RATE_LIMITED error and Retry-After once the budget is spent', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.7' };
    const statuses: number[] = [];
    let last: Awaited<ReturnType<ReturnType<typeof limited>['request']>> | undefined;
    for (let i = 0; i < 12; i++) {
      last = await limited().request('{ licenses { name } }', {}, ip);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses).toContain(429);
    const rejected = statuses.lastIndexOf(429);
    expect(rejected).toBe(statuses.length - 1);
    expect(last!.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(last!.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);

    // Another client IP has its own budget; staff have theirs.
    expect((await limited().request('{ licenses { name } }', {}, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
    expect((await limited().request('{ licenses { name } }', {}, { ...ip, ...(await limited().staff('admin@toaks.example')) })).status).toBe(200);
  });

  it('does not believe X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const spoofed = { 'x-forwarded-for': `192.0.2.${i}` }; // a new invented address every time
      statuses.push((await untrusting().request('{ licenses { name } }', {}, spoofed)).status);
    }
    expect(statuses).toContain(429);
  });
});
