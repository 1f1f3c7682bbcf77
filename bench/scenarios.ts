// What the benchmark loads the gateway with. Add a scenario by appending to `scenarios`.
import { send } from './http.js';
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
  const response = await send(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: mutation }),
  });
  const data = expectGraphQLData(response.status, response.text) as { createApiKey: { secret: string } };
  return data.createApiKey.secret;
}

/** A bearer token of a seeded staff member, signed with the server's secret. */
async function staffToken({ jwtSecret }: ScenarioContext, email: string): Promise<string> {
  const { signStaffToken } = await import('../src/access/tokens.js');
  const { loadConfig } = await import('../src/config.js');
  return signStaffToken({ ...loadConfig({}).jwt, secret: jwtSecret }, email);
}

const QUEUE_COMPLAINTS = 20_000;

/** 20,000 complaints in every category, status and priority, written in SQL once per database. */
async function complaintBacklog({ databaseUrl }: ScenarioContext): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Complaint" WHERE reference LIKE 'BENCH-%'`);
    if (rows[0].n >= QUEUE_COMPLAINTS) return;
    await client.query(`
      INSERT INTO "Complaint" (id, reference, "trackingTokenHash", category, status, priority, "routedTo", summary, description,
                               "datasetId", "createdAt", "updatedAt", "slaDueAt")
      SELECT gen_random_uuid(), 'BENCH-' || n, 'x',
             (ARRAY['DATA_MISUSE','DATASET_ERROR','ACCESS_PROBLEM','EXPOSED_PERSONAL_DATA','LICENSE_QUESTION'])[1 + n % 5]::"ComplaintCategory",
             (ARRAY['RECEIVED','TRIAGED','IN_PROGRESS','RESOLVED','DISMISSED'])[1 + (n / 5) % 5]::"ComplaintStatus",
             (ARRAY['LOW','NORMAL','HIGH','URGENT'])[1 + (n / 25) % 4]::"Priority",
             (CASE n % 5 WHEN 0 THEN ARRAY['CODE_COMPLIANCE'] WHEN 2 THEN ARRAY['IT'] WHEN 3 THEN ARRAY['IT', 'STEWARD'] ELSE ARRAY['STEWARD'] END)::"RoutingTeam"[],
             'Bench complaint ' || n, 'Made by the benchmark.',
             (SELECT id FROM "Dataset" ORDER BY identifier LIMIT 1 OFFSET n % 10),
             now() - (n || ' minutes')::interval, now(), now() - (n || ' minutes')::interval + interval '72 hours'
      FROM generate_series(1, ${QUEUE_COMPLAINTS}) AS n`);
    await client.query('ANALYZE "Complaint"');
  } finally {
    await client.end();
  }
}

const complaintQueue = `query {
  complaints(first: 50, queue: CODE_COMPLIANCE, status: [RECEIVED, TRIAGED, IN_PROGRESS], sort: PRIORITY) {
    totalCount edges { node { reference category status priority slaBreached hoursSinceReceived receivedAt dataset { title } assignee { name } } }
  }
}`;

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

/** A catalog page built from one request: ranked search results, their count and the facets beside them. */
const searchWithFacets = (filter: string) => `query {
  datasets(first: 20, filter: ${filter}, orderBy: RELEVANCE) {
    totalCount edges { node { identifier title modified publisher { name } license { name } distributions { format } } }
  }
  datasetFacets(filter: ${filter}) {
    total departments { value label count } licenses { value label count } accessLevels { value count }
    themes { value count } keywords { value count } formats { value count }
  }
}`;

async function tenThousandDatasets({ databaseUrl }: ScenarioContext): Promise<void> {
  const { generateCatalog } = await import('./generated-catalog.js');
  await generateCatalog(databaseUrl);
}

/** Search results and facets must both be there, and the generated catalog must be what was searched. */
function expectSearchPage(status: number, body: string): void {
  const data = expectGraphQLData(status, body) as any;
  if (!data.datasets?.edges?.length || !data.datasetFacets?.departments?.length) throw new Error(`no results or facets: ${body.slice(0, 300)}`);
  if (data.datasetFacets.total < 100) throw new Error(`the generated catalog is missing (${data.datasetFacets.total} matches)`);
}

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
    name: 'floor-typename',
    description: '{ __typename }: what the gateway costs per request before any field (HTTP, yoga, plugins, context, limits)',
    request: graphqlRequest('{ __typename }'),
    bodyOk: noGraphQLErrors,
    verify: expectNode((data) => (data.__typename === 'Query' ? data : null)),
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
  {
    name: 'search-facets',
    description: 'catalog of 10,000 (generated at setup): 20 datasets ranked for "parking perm" with totalCount and all six facets',
    request: graphqlRequest(searchWithFacets('{ search: "parking perm" }')),
    setup: tenThousandDatasets,
    bodyOk: noGraphQLErrors,
    verify: expectSearchPage,
  },
  {
    name: 'search-facets-filtered',
    description: 'the same with a theme and a format selected (each facet then counts under different filters)',
    request: graphqlRequest(searchWithFacets('{ search: "parking perm", theme: "Transportation", format: "csv" }')),
    setup: tenThousandDatasets,
    bodyOk: noGraphQLErrors,
    verify: (status, body) => {
      const data = expectGraphQLData(status, body) as any;
      if (!data.datasets?.edges?.length || !data.datasetFacets?.themes?.length) throw new Error(`no results or facets: ${body.slice(0, 300)}`);
    },
  },
  {
    name: 'facets-whole-catalog',
    description: 'no search: the first 20 of 10,000 datasets by relevance (= title) with totalCount and all six facets',
    request: graphqlRequest(searchWithFacets('{}')),
    setup: tenThousandDatasets,
    bodyOk: noGraphQLErrors,
    verify: expectSearchPage,
  },
  {
    name: 'complaints-queue',
    description: 'the Code Compliance queue (50 open complaints of 20,000, most urgent first) with totalCount, SLA, dataset and assignee, as a compliance officer',
    request: graphqlRequest(complaintQueue),
    setup: async (context) => {
      await complaintBacklog(context);
      return { headers: { 'content-type': 'application/json', authorization: `Bearer ${await staffToken(context, 'compliance@toaks.example')}` } };
    },
    bodyOk: noGraphQLErrors,
    verify: expectNode((data) => (data.complaints?.edges?.length === 50 && data.complaints.totalCount > 1000 ? data.complaints.edges : null)),
  },
];
