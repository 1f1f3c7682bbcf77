// Bad input over real HTTP in production mode: typed client errors, never INTERNAL_SERVER_ERROR, and
// nothing in an error that maps the schema or the server's internals.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/http-server.js';

const server = useTestServer({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-that-is-long-enough-0123456789' });

const NUL = 'a\u0000b';
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** Every string argument that reaches the database, as `field(argument)` with a value slot. */
const stringArguments: { name: string; path: string[]; admin?: boolean; operation?: 'mutation'; select: (value: string) => string }[] = [
  ...['search', 'keyword', 'theme', 'license', 'department'].map((filter) => ({
    name: `datasets(filter.${filter})`,
    path: ['filter', filter],
    select: (value: string) => `datasets(filter: { ${filter}: ${value} }) { edges { node { title } } }`,
  })),
  { name: 'dataset(identifier)', path: ['identifier'], select: (value) => `dataset(identifier: ${value}) { title }` },
  { name: 'license(spdxId)', path: ['spdxId'], select: (value) => `license(spdxId: ${value}) { name }` },
  { name: 'trackDataRequest(reference)', path: ['reference'], select: (value) => `trackDataRequest(reference: ${value}, token: "x") { status }` },
  { name: 'trackComplaint(reference)', path: ['reference'], select: (value) => `trackComplaint(reference: ${value}, token: "x") { status }` },
  {
    name: 'auditEvents(filter.action)',
    path: ['filter', 'action'],
    admin: true,
    select: (value) => `auditEvents(filter: { action: ${value} }) { edges { node { action } } }`,
  },
  {
    name: 'createApiKey(input.name)',
    path: ['input', 'name'],
    admin: true,
    operation: 'mutation',
    select: (value) => `createApiKey(input: { name: ${value}, organization: "Lab", scopes: [] }) { __typename }`,
  },
];

function expectClientError(result: { status: number; text: string; errors?: any[] }, code: string) {
  expect(result.errors?.[0]?.extensions?.code, result.text).toBe(code);
  expect(result.text).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error|originalError/);
}

describe('strings PostgreSQL cannot store', () => {
  for (const argument of stringArguments) {
    for (const form of ['literal', 'variable'] as const) {
      it(`refuses a NUL character in ${argument.name} given as a ${form}`, async () => {
        const operation = argument.operation ?? 'query';
        const query =
          form === 'literal'
            ? `${operation} { ${argument.select(JSON.stringify(NUL))} }`
            : `${operation}($value: String!) { ${argument.select('$value')} }`;
        const headers = argument.admin ? await server().staff('admin@toaks.example') : {};
        // A literal's problems are kept with the parsed document: the second answer comes from them.
        for (let round = 0; round < (form === 'literal' ? 2 : 1); round++) {
          const result = await server().request(query, form === 'variable' ? { value: NUL } : {}, headers);
          expectClientError(result, 'VALIDATION_FAILED');
          expect(result.status).toBe(400);
          expect(result.errors![0]!.extensions!.problems).toEqual([{ path: argument.path, message: expect.stringMatching(/NUL/) }]);
        }
      });
    }
  }
});

describe('connection cursors', () => {
  const datasets = 'query($after: String) { datasets(first: 2, after: $after) { edges { node { title } } pageInfo { endCursor } } }';
  const records = `query($after: String) { dataset(identifier: "toaks-street-trees") {
    records(first: 2, after: $after) { edges { node { recordId } } pageInfo { endCursor } } } }`;
  const malformed = ['GPC:S:abc', 'GPC:N:1e30', 'GPC:N:99999999999', 'GPC:O:{"a":1}', 'GPC:T:[]', 'GPC:Z:', 'GPC:S:', 'not a cursor'];

  it('pages on with the cursors the server issued', async () => {
    const first = await server().request(datasets);
    const next = await server().request(datasets, { after: first.data!.datasets.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    expect(next.data!.datasets.edges[0].node.title).not.toBe(first.data!.datasets.edges[0].node.title);

    const firstRecords = await server().request(records);
    const nextRecords = await server().request(records, { after: firstRecords.data!.dataset.records.pageInfo.endCursor });
    expect(nextRecords.errors).toBeUndefined();
    expect(nextRecords.data!.dataset.records.edges[0].node.recordId).toBeGreaterThan(firstRecords.data!.dataset.records.edges[1].node.recordId);
  });

  it('refuses malformed cursors on datasets and records with a typed error naming the argument', async () => {
    const uuidCursor = b64('GPC:S:00000000-0000-0000-0000-000000000000');
    const cases = [
      ...malformed.map((cursor) => [datasets, b64(cursor)]),
      ...malformed.map((cursor) => [records, b64(cursor)]),
      [datasets, b64('GPC:N:1')], // an integer where datasets page by UUID
      [records, uuidCursor], // a UUID where records page by integer
      [datasets, '%%%'],
    ];
    for (const [query, after] of cases) {
      const result = await server().request(query!, { after });
      expectClientError(result, 'VALIDATION_FAILED');
      expect(result.errors![0]!.extensions!.problems[0].path).toEqual(['after']);
    }
    const literal = await server().request(`{ datasets(after: "${b64('GPC:S:abc')}") { edges { node { title } } } }`);
    expectClientError(literal, 'VALIDATION_FAILED');
  });
});

describe('variables of the wrong type', () => {
  it('answer HTTP 400 naming the variable', async () => {
    const result = await server().request('query($n: Int) { datasets(first: $n) { edges { node { title } } } }', { n: 'abc' });
    expect(result.status).toBe(400);
    expectClientError(result, 'BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(/\$n/);
  });
});

describe('search', () => {
  it('treats % and _ as text, never as wildcards', async () => {
    const { prisma } = server().db;
    const [percent, underscore] = await prisma.dataset.findMany({ where: { accessLevel: 'PUBLIC' }, orderBy: { title: 'asc' }, take: 2 });
    await prisma.dataset.update({ where: { id: percent!.id }, data: { title: `${percent!.title} (100% sampled)` } });
    await prisma.dataset.update({ where: { id: underscore!.id }, data: { title: `${underscore!.title} (field_name)` } });
    const search = 'query($s: String) { datasets(first: 100, filter: { search: $s }) { edges { node { identifier } } } }';
    const found = async (text: string) => {
      const result = await server().request(search, { s: text });
      expect(result.errors).toBeUndefined();
      return result.data!.datasets.edges.map((edge: any) => edge.node.identifier);
    };
    // Full-text search: punctuation alone has no words to look for, so it finds nothing (never everything).
    for (const text of ['%', '_', '%_%']) expect(await found(text)).toEqual([]);
    expect(await found('100% sampled')).toEqual([percent!.identifier]);
    expect(await found('field_name')).toEqual([underscore!.identifier]);
  });
});

describe('production errors', () => {
  const leaks = /did you mean|suggestion|originalError/i;

  it('name no neighbouring fields, arguments, types or enum values', async () => {
    const attempts = [
      '{ datasetz { title } }',
      '{ datasets(frist: 2) { edges { node { title } } } }',
      '{ datasets(orderBy: TITLE_AS) { edges { node { title } } } }',
      'query($f: DatasetFiltr) { datasets(filter: $f) { edges { node { title } } } }',
    ];
    for (const query of attempts) {
      const result = await server().request(query);
      expect(result.status).toBe(400);
      expect(result.errors!.length).toBeGreaterThan(0);
      expect(result.text).not.toMatch(leaks);
    }
    const enumVariable = await server().request('query($o: DatasetOrder) { datasets(orderBy: $o) { edges { node { title } } } }', { o: 'TITLE_AS' });
    expect(enumVariable.status).toBe(400);
    expectClientError(enumVariable, 'BAD_USER_INPUT');
    expect(enumVariable.text).not.toMatch(leaks);
  });
});

describe('createApiKey', () => {
  const create = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
    __typename ... on ValidationError { problems { path message } } } }`;
  const invalid = { name: '  ', organization: 'Lab', scopes: ['subscribe', 'delete:everything'] };

  it('tells an anonymous caller to sign in without examining the input', async () => {
    const result = await server().request(create, { input: invalid });
    expectClientError(result, 'UNAUTHENTICATED');
    expect(result.data?.createApiKey ?? null).toBeNull();
  });

  it('reports every problem of an admin’s input under the argument name', async () => {
    const result = await server().request(create, { input: invalid }, await server().staff('admin@toaks.example'));
    expect(result.data!.createApiKey.__typename).toBe('ValidationError');
    expect(result.data!.createApiKey.problems.map((problem: any) => problem.path.join('.'))).toEqual(['input.name', 'input.scopes.1']);
  });
});
