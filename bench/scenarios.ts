// What the benchmark loads the gateway with. Add a scenario by appending to `scenarios`.

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ScenarioContext {
  /** http://127.0.0.1:<port> of the gateway under test. */
  baseUrl: string;
  /** The server's JWT_SECRET, to sign staff tokens. */
  jwtSecret: string;
}

export interface Scenario {
  name: string;
  description: string;
  request: BenchRequest;
  /** Runs once before the scenario is verified and loaded (create data, obtain a token…); may amend the request. */
  setup?: (context: ScenarioContext) => Promise<Partial<BenchRequest> | void>;
  /** Checks one response before loading; throws when it is wrong, so that nobody benchmarks an error page. */
  verify: (status: number, body: string) => void;
  /** A cheap check of every response under load (a GraphQL error still answers 200); failures count as bad bodies. */
  bodyOk?: (body: string) => boolean;
}

export function graphqlRequest(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): BenchRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(variables ? { query, variables } : { query }),
  };
}

/** A 200 GraphQL response with data and without errors; returns `data`. */
export function expectGraphQLData(status: number, body: string): Record<string, unknown> {
  const parsed = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: unknown[] };
  if (status !== 200 || parsed.errors?.length || !parsed.data) {
    throw new Error(`expected GraphQL data without errors, got HTTP ${status}: ${body.slice(0, 500)}`);
  }
  return parsed.data;
}

/** GraphQL puts `errors` at the top level of a response whenever anything failed. */
export const noGraphQLErrors = (body: string) => !body.includes('"errors":');

const nestedCatalog =
  'query { datasets(first: 50) { edges { node { title license { name } steward { name department { name } } distributions { format } fields { name type } } } } }';

/** Creates a partner API key through the API itself (as the seeded admin) and returns its secret. */
async function createPartnerKey({ baseUrl, jwtSecret }: ScenarioContext): Promise<string> {
  const { signStaffToken } = await import('../src/access/tokens.js');
  const { loadConfig } = await import('../src/config.js');
  const token = await signStaffToken({ ...loadConfig({}).jwt, secret: jwtSecret }, 'admin@toaks.example');
  const mutation = 'mutation { createApiKey(input: { name: "bench", organization: "Bench", scopes: [] }) { ... on CreateApiKeyPayload { secret } } }';
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: mutation }),
  });
  const data = expectGraphQLData(response.status, await response.text()) as { createApiKey: { secret: string } };
  return data.createApiKey.secret;
}

/** The nested catalog query must answer with datasets. */
function expectDatasets(status: number, body: string): void {
  const data = expectGraphQLData(status, body) as { datasets?: { edges?: unknown[] } };
  if (!data.datasets?.edges?.length) throw new Error(`the catalog query returned no datasets: ${body.slice(0, 200)}`);
}

export const scenarios: Scenario[] = [
  {
    name: 'catalog-nested',
    description: '50 datasets with license, steward and department, distributions and fields',
    request: graphqlRequest(nestedCatalog),
    bodyOk: noGraphQLErrors,
    verify: expectDatasets,
  },
  {
    name: 'catalog-nested-partner',
    description: 'the same query with a partner API key: identity lookup and per-key rate limit on every request',
    request: graphqlRequest(nestedCatalog),
    setup: async (context) => ({ headers: { 'content-type': 'application/json', 'x-api-key': await createPartnerKey(context) } }),
    bodyOk: noGraphQLErrors,
    verify: expectDatasets,
  },
];
