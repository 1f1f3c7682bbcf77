// The complexity limit is checked once per operation before it runs; an operation without variables is
// measured once per parsed document, one with variables with each request's values.
import { describe, expect, it } from 'vitest';
import { complexityProblem } from '../../src/graphql/complexity-limit.js';
import { useTestServer } from '../support/http-server.js';

// Armor's cost limit (MAX_COST) stays at its default: only the page-size measure can refuse these.
const server = useTestServer({ MAX_COMPLEXITY: '100', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000' });

// datasets(first: n) costs 1 + n × (node 1 + title 1): 21 for n = 10, 201 for n = 100.
const page = (first: number) => `{ datasets(first: ${first}) { edges { node { title } } } }`;
const pageWithVariable = 'query Page($n: Int) { datasets(first: $n) { edges { node { title } } } }';

function expectRefused(result: { errors?: any[]; data?: unknown }, complexity: number) {
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0].message).toBe(`Query exceeds maximum complexity (complexity: ${complexity}, max: 100)`);
  expect(result.errors![0].extensions.code).toBe('VALIDATION_FAILED');
}

describe('complexity limit', () => {
  it('names the first limit a measure exceeds: depth, then breadth, then complexity', () => {
    const max = { complexity: 100, depth: 5, breadth: 50 };
    expect(complexityProblem({ complexity: 100, depth: 5, breadth: 50 }, max)).toBeUndefined();
    expect(complexityProblem({ complexity: 500, depth: 6, breadth: 60 }, max)).toMatch(/maximum depth \(depth: 6, max: 5\)/);
    expect(complexityProblem({ complexity: 500, depth: 5, breadth: 60 }, max)).toMatch(/maximum breadth \(breadth: 60, max: 50\)/);
    expect(complexityProblem({ complexity: 101, depth: 1, breadth: 1 }, max)).toMatch(/maximum complexity \(complexity: 101, max: 100\)/);
  });

  it('runs a page within the limit and refuses a larger one before any field runs, every time it is sent', async () => {
    const small = await server().request(page(10));
    expect(small.errors).toBeUndefined();
    expect(small.data!.datasets.edges.length).toBeGreaterThan(0);
    // The second request of the same document is answered from its measure kept with the parsed document.
    for (let i = 0; i < 2; i++) expectRefused(await server().request(page(100)), 201);
  });

  it('measures an operation with variables with the values of each request', async () => {
    const within = await server().request(pageWithVariable, { n: 10 });
    expect(within.errors).toBeUndefined();
    expectRefused(await server().request(pageWithVariable, { n: 100 }), 201);
    expect((await server().request(pageWithVariable, { n: 10 })).errors).toBeUndefined();
  });

  it('measures the operation that runs, not the first one in the document', async () => {
    const document = `query Small ${page(10)} query Large ${page(100)}`;
    const send = async (operationName: string) => (await server().post(JSON.stringify({ query: document, operationName }))).json();
    expect((await send('Small')).errors).toBeUndefined();
    expectRefused(await send('Large'), 201);
  });

  it('leaves variables that do not fit to the executor', async () => {
    const result = await server().request(pageWithVariable, { n: 'many' });
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
