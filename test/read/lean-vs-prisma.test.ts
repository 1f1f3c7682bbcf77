// The lean read path against the Prisma path: the same queries, for every kind of caller, on the same
// database, must answer with identical JSON. The cheapest proof that nothing leaks and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/http/gateway.js';
import { partnerHeaders, staffHeaders } from '../support/callers.js';
import { silentLogger, startTestGateway, TestGateway } from '../support/gateway.js';

let lean: TestGateway;
let prisma: TestGateway;
const callers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  lean = await startTestGateway({ READ_PATH: 'lean' });
  const config = loadConfig({ NODE_ENV: 'test', READ_PATH: 'prisma' });
  prisma = new TestGateway(lean.db, createGateway({ db: lean.db, config, logger: silentLogger }));
  const staff = staffHeaders;
  Object.assign(callers, {
    anonymous: {},
    partner: await partnerHeaders(lean.db.prisma, []),
    'partner with restricted scopes': await partnerHeaders(lean.db.prisma, [
      'datasets:read:toaks-traffic-collisions',
      'datasets:read:toaks-code-enforcement-complainants',
    ]),
    steward: await staff('kevin.ostrowski@toaks.example'),
    'other steward': await staff('daniel.whitfield@toaks.example'),
    clerk: await staff('clerk@toaks.example'),
    compliance: await staff('compliance@toaks.example'),
    admin: await staff('admin@toaks.example'),
  });
});

afterAll(async () => {
  await prisma?.yoga.dispose();
  await lean?.yoga.dispose();
  await lean?.db.close();
});

const datasetNode = /* GraphQL */ `
  id identifier title description keywords themes issued modified accessLevel rights accrualPeriodicity spatial
  temporal landingPage references version
  license { id spdxId name url specified notice }
  steward { id name title email phone department { slug name } }
  publisher { slug name email }
  contactPoint { fn hasEmail }
  distributions { title format mediaType downloadURL accessURL }
  fields { name label type nullable pii }
  recordCount
`;

const catalogList = `query($first: Int, $last: Int, $after: String, $before: String, $filter: DatasetFilter, $orderBy: DatasetOrder) {
  datasets(first: $first, last: $last, after: $after, before: $before, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { ${datasetNode} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const recordsPage = `query($identifier: String, $first: Int, $after: String, $last: Int, $before: String) {
  dataset(identifier: $identifier) {
    identifier
    records(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id recordId attributes redactedFields geometry createdAt updatedAt } }
      pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
    }
  }
}`;

const oneDataset = `query($identifier: String, $id: ID) {
  dataset(identifier: $identifier, id: $id) { id title license { name } steward { name } }
}`;

const related = `{
  licenses { spdxId datasets(first: 5) { edges { node { identifier accessLevel } } } }
  license(spdxId: "not-specified") { notice datasets(first: 3) { edges { node { title steward { name } } } } }
  stewards(first: 20) { edges { node { name email datasets(first: 10) { edges { node { identifier recordCount } } } } } }
  departments { slug datasets(first: 10) { edges { node { identifier accessLevel } } } }
}`;

// Selections that read only some columns (the lean statement then selects only those: src/read/columns.ts).
const partialSelections = [
  `{ datasets(first: 50) { edges { node { title license { name spdxId } steward { name } publisher { name } distributions { format downloadURL } fields { name type } } } } }`,
  `{ datasets(first: 20) { edges { node { title steward { title } contactPoint { fn hasEmail } } } } }`,
  `{ datasets(first: 5) { edges { node { ...D t: title } } } } fragment D on Dataset { __typename license { ...L } } fragment L on License { name specified }`,
  `{ datasets(first: 3, orderBy: MODIFIED_DESC) { totalCount pageInfo { endCursor } edges { cursor node { id modified accessLevel } } } }`,
  `{ licenses { name url } stewards(first: 5) { edges { node { name department { name } } } } departments { name phone } }`,
  `{ dataset(identifier: "toaks-street-trees") { issued title license { name notice } } }`,
  `query($skip: Boolean!) { datasets(first: 4) { edges { node { title @skip(if: $skip) description @include(if: $skip) } } } }`,
  // Relations rendered as JSON text by PostgreSQL (src/read/rendered-json.ts), beside ones that cannot be.
  `query($skip: Boolean!) { datasets(first: 10) { edges { node { license { __typename n: name spdxId url @skip(if: $skip) } fields { ... on DatasetField { type } name pii } steward { name email } publisher { name department: slug } } } } }`,
  // A rendered relation below one that is not (a steward's department).
  `{ datasets(first: 10) { edges { node { steward { name department { name } } fields { name } } } } }`,
  // A rendered relation beside a field that reads the same relation as rows (records need the declared fields).
  `{ dataset(identifier: "toaks-code-compliance-cases") { fields { name pii } records(first: 3) { edges { node { attributes redactedFields } } } } }`,
  // The same relation under two aliases, with different selections.
  `{ datasets(first: 5) { edges { node { a: license { name } b: license { spdxId } } } } }`,
];

const identifiers = [
  'toaks-code-compliance-cases', // public, with personal fields
  'toaks-traffic-collisions', // restricted public
  'toaks-code-enforcement-complainants', // non-public, personal fields, stewarded by the steward above
  'toaks-street-trees',
  'no-such-dataset',
];

async function both(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const [fromLean, fromPrisma] = await Promise.all([lean.request(query, variables, headers), prisma.request(query, variables, headers)]);
  expect(fromLean.errors).toBeUndefined();
  expect(fromPrisma.errors, JSON.stringify(fromPrisma.errors)).toBeUndefined();
  expect(fromLean.data).toEqual(fromPrisma.data);
  expect(fromLean.errors).toEqual(fromPrisma.errors);
  return fromLean.data!;
}

const callerNames = ['anonymous', 'partner', 'partner with restricted scopes', 'steward', 'other steward', 'clerk', 'compliance', 'admin'];

describe.each(callerNames)('the lean path answers as the Prisma path for %s', (caller) => {
  it('catalog lists: every field, filters, orders, both paging directions', async () => {
    const headers = callers[caller]!;
    const first = await both(catalogList, { first: 30 }, headers);
    expect(first.datasets.edges.length).toBeGreaterThan(5);
    const { endCursor } = (await both(catalogList, { first: 4 }, headers)).datasets.pageInfo;
    const next = await both(catalogList, { first: 4, after: endCursor }, headers);
    expect(next.datasets.edges.length).toBeGreaterThan(0);
    await both(catalogList, { last: 3, before: endCursor }, headers);
    await both(catalogList, { last: 2 }, headers);
    await both(catalogList, { first: 10, orderBy: 'MODIFIED_DESC' }, headers);
    for (const filter of [
      { license: 'not-specified' },
      { department: 'public-works' },
      { accessLevel: 'RESTRICTED_PUBLIC' },
      { accessLevel: 'NON_PUBLIC' },
      { search: 'TREE' },
      { search: '100%_' },
      { theme: 'Transportation', keyword: 'Traffic Collisions' },
      { keyword: 'canopy' },
      { format: 'geojson', search: 'street' },
    ]) {
      await both(catalogList, { first: 20, filter }, headers);
    }
    // Search ranked by relevance, paged both ways (the Prisma path pages the lean path's ordered matches).
    const ranked = { filter: { search: 'city or street or code' }, orderBy: 'RELEVANCE' };
    const top = await both(catalogList, { ...ranked, first: 3 }, headers);
    expect(top.datasets.edges.length).toBe(3);
    const rest = await both(catalogList, { ...ranked, first: 20, after: top.datasets.pageInfo.endCursor }, headers);
    expect(rest.datasets.edges.length).toBeGreaterThan(0);
    await both(catalogList, { ...ranked, last: 2, before: rest.datasets.pageInfo.endCursor }, headers);
  });

  it('records pages: redaction, visibility, cursors', async () => {
    const headers = callers[caller]!;
    for (const identifier of identifiers) {
      const page = await both(recordsPage, { identifier, first: 100 }, headers);
      if (!page.dataset) continue;
      const { endCursor } = page.dataset.records.pageInfo;
      await both(recordsPage, { identifier, first: 30, after: endCursor }, headers);
      await both(recordsPage, { identifier, last: 5, before: endCursor }, headers);
    }
  });

  it('one dataset by identifier or id, visible or not', async () => {
    const headers = callers[caller]!;
    for (const identifier of identifiers) await both(oneDataset, { identifier }, headers);
    const ids = await lean.db.prisma.dataset.findMany({ select: { id: true } });
    for (const { id } of ids) await both(oneDataset, { id: Buffer.from(`Dataset:${id}`).toString('base64') }, headers);
  });

  it('datasets reached through licenses, stewards and departments', async () => {
    await both(related, {}, callers[caller]!);
  });

  it('selections of some columns, with fragments, aliases, directives and connection fields', async () => {
    for (const query of partialSelections) for (const skip of [true, false]) await both(query, { skip }, callers[caller]!);
  });
});

describe('the differential test exercises what it compares', () => {
  it('a partial selection reads only its columns on the lean path', async () => {
    const { statements } = await lean.measure(partialSelections[0]!);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('"title"');
    expect(statements[0]).not.toContain('"description"');
    expect(statements[0]).not.toContain('"reuseTerms"');
    // Its rows are rendered whole as the response's JSON text, relations included (src/read/rendered-json.ts).
    expect(statements[0]).toContain(`'__rendered', json_build_object('title', `);
    expect(statements[0]).toContain(`json_build_object('name', `);
  });

  it('personal fields are redacted for anonymous callers and shown to the steward on the lean path', async () => {
    const query = (headers: Record<string, string>) =>
      lean.request(recordsPage, { identifier: 'toaks-code-compliance-cases', first: 5 }, headers);
    const anonymousPage = await query(callers.anonymous!);
    const stewardPage = await query(callers.steward!);
    const anonymousNode = anonymousPage.data!.dataset.records.edges[0].node;
    const stewardNode = stewardPage.data!.dataset.records.edges[0].node;
    expect(anonymousNode.redactedFields).toContain('complainant_name');
    expect(anonymousNode.attributes.complainant_name).toBeNull();
    expect(stewardNode.redactedFields).toEqual([]);
    expect(stewardNode.attributes.complainant_name).toEqual(expect.any(String));
  });

  it('restricted and non-public datasets are visible to some callers and not to others', async () => {
    const visible = async (caller: string, identifier: string) =>
      (await lean.request(oneDataset, { identifier }, callers[caller])).data!.dataset !== null;
    expect(await visible('anonymous', 'toaks-traffic-collisions')).toBe(false);
    expect(await visible('partner with restricted scopes', 'toaks-traffic-collisions')).toBe(true);
    expect(await visible('other steward', 'toaks-code-enforcement-complainants')).toBe(false);
    expect(await visible('steward', 'toaks-code-enforcement-complainants')).toBe(true);
  });
});
