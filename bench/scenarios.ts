// What the benchmark loads the gateway with. Add a scenario by appending to `scenarios`.
import { MILLION_ROWS, millionRowDataset } from './million-rows.js';

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
  /** The database the server reads, for scenarios that prepare data in SQL. */
  databaseUrl: string;
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

/** The 1,000,000-row dataset (bench/million-rows.ts); returns the cursor of row 900,000. */
async function millionRows({ databaseUrl }: ScenarioContext) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await millionRowDataset(client, (line) => process.stderr.write(`${line}\n`));
  } finally {
    await client.end();
  }
}

/** The nested catalog query must answer with datasets. */
function expectDatasets(status: number, body: string): void {
  const data = expectGraphQLData(status, body) as { datasets?: { edges?: unknown[] } };
  if (!data.datasets?.edges?.length) throw new Error(`the catalog query returned no datasets: ${body.slice(0, 200)}`);
}

/** The hot public reads of the read-path work: A (catalog list), B (a records page), C (one dataset). */
const catalogList =
  'query { datasets(first: 50) { edges { node { title license { name spdxId } steward { name } publisher { name } distributions { format downloadURL } fields { name type } } } } }';
const recordsPage =
  'query { dataset(identifier: "toaks-code-compliance-cases") { records(first: 100) { edges { node { recordId attributes geometry } } } } }';
const oneDataset = 'query { dataset(identifier: "toaks-street-trees") { title license { name } steward { name } } }';
const millionPage = (after: string | null) =>
  `query { dataset(identifier: "${MILLION_ROWS}") { records(first: 100${after ? `, after: "${after}"` : ''}) { edges { node { recordId attributes geometry } } } } }`;
const indexedFilter =
  `query { dataset(identifier: "${MILLION_ROWS}") { records(first: 100, filter: { field: "fine_amount", gte: 999.5 }, orderBy: [{ field: "fine_amount" }]) { edges { node { recordId attributes geometry } } } } }`;

function expectNode(path: (data: any) => unknown) {
  return (status: number, body: string) => {
    const value = path(expectGraphQLData(status, body));
    if (Array.isArray(value) ? value.length === 0 : !value) throw new Error(`empty answer: ${body.slice(0, 200)}`);
  };
}
const edgesOf = (data: any) => data.dataset?.records?.edges;

export const scenarios: Scenario[] = [
  {
    name: 'A-catalog-list',
    description: '50 datasets with license, steward, publisher, distributions and fields',
    request: graphqlRequest(catalogList),
    bodyOk: noGraphQLErrors,
    verify: expectDatasets,
  },
  {
    name: 'B-records-page',
    description: '100 records (recordId, attributes, geometry) of a public dataset with personal fields',
    request: graphqlRequest(recordsPage),
    bodyOk: noGraphQLErrors,
    verify: expectNode((data) => (edgesOf(data)?.length === 100 ? edgesOf(data) : null)),
  },
  {
    name: 'C-one-dataset',
    description: 'one dataset by identifier with license and steward',
    request: graphqlRequest(oneDataset),
    bodyOk: noGraphQLErrors,
    verify: expectNode((data) => data.dataset),
  },
  {
    name: 'million-first-page',
    description: 'the first 100 records of the 1,000,000-row dataset (made in SQL at setup)',
    request: graphqlRequest(millionPage(null)),
    setup: async (context) => void (await millionRows(context)),
    bodyOk: noGraphQLErrors,
    verify: expectNode((data) => (edgesOf(data)?.length === 100 ? edgesOf(data) : null)),
  },
  {
    name: 'deep-records-page',
    description: 'the 100 records after row 900,000 of the 1,000,000-row dataset (keyset cursor)',
    request: graphqlRequest(millionPage('')),
    setup: async (context) => ({ body: JSON.stringify({ query: millionPage((await millionRows(context)).deepCursor) }) }),
    bodyOk: noGraphQLErrors,
    verify: expectNode((data) => (edgesOf(data)?.length === 100 ? edgesOf(data) : null)),
  },
  {
    name: 'million-indexed-filter',
    description: '100 records of the 1,000,000 with fine_amount >= 999.5 ordered by it (expression index on the field)',
    request: graphqlRequest(indexedFilter),
    setup: async (context) => void (await millionRows(context)),
    bodyOk: noGraphQLErrors,
    verify: expectNode((data) => (edgesOf(data)?.length === 100 ? edgesOf(data) : null)),
  },
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
