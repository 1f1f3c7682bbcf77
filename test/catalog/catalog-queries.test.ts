import { describe, expect, it } from 'vitest';
import { AccessLevel } from '../../src/generated/prisma/enums.js';
import { signStaffToken } from '../../src/access/tokens.js';
import { loadConfig } from '../../src/config.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();

const nestedCatalogQuery = /* GraphQL */ `
  query Nested($first: Int!) {
    datasets(first: $first) {
      edges { node { title license { name } steward { name department { name } } distributions { format } fields { name type } } }
    }
  }
`;

describe('catalog queries', () => {
  it('costs the same small number of SQL statements for 5 or 50 nested datasets (no N+1)', async () => {
    const small = await gateway().measure(nestedCatalogQuery, { first: 5 });
    const large = await gateway().measure(nestedCatalogQuery, { first: 50 });
    expect(small.response.errors).toBeUndefined();
    expect(large.response.data!.datasets.edges.length).toBeGreaterThan(5);
    // datasets with license, steward, department, distributions and fields: one statement (src/read/).
    expect(large.statements.length).toBe(1);
    expect(large.statements.length).toBe(small.statements.length);
  });

  it.each([
    ['complaints', 'compliance@toaks.example'],
    ['dataRequests', 'clerk@toaks.example'],
  ])('costs the same SQL statements for 2 or 10 %s with their nested dataset (no N+1)', async (queue, email) => {
    const query = `query($first: Int!) { ${queue}(first: $first) {
      edges { node { reference dataset { title publisher { name } steward { name department { name } } license { name } } } }
    } }`;
    const auth = { authorization: `Bearer ${await signStaffToken(loadConfig({ NODE_ENV: 'test' }).jwt, email)}` };
    const small = await gateway().measure(query, { first: 2 }, auth);
    const large = await gateway().measure(query, { first: 10 }, auth);
    expect(large.response.errors).toBeUndefined();
    const withDataset = large.response.data![queue].edges.filter((edge: any) => edge.node.dataset !== null);
    expect(withDataset.length).toBeGreaterThan(2);
    expect(large.statements.length).toBe(small.statements.length);
  });

  it('shows anonymous callers public datasets only; others are absent, not errors', async () => {
    const { db } = gateway();
    const hidden = await db.prisma.dataset.findMany({ where: { accessLevel: { not: AccessLevel.PUBLIC } } });
    const publicCount = await db.prisma.dataset.count({ where: { accessLevel: AccessLevel.PUBLIC } });
    expect(hidden.length).toBeGreaterThanOrEqual(2);

    const list = await gateway().request('{ datasets(first: 100) { edges { node { identifier accessLevel } } } }');
    const identifiers = list.data!.datasets.edges.map((edge: any) => edge.node.identifier);
    expect(identifiers).toHaveLength(publicCount);
    expect(list.data!.datasets.edges.every((edge: any) => edge.node.accessLevel === 'PUBLIC')).toBe(true);

    for (const dataset of hidden) {
      expect(identifiers).not.toContain(dataset.identifier);
      const byIdentifier = await gateway().request('query($i: String) { dataset(identifier: $i) { title } }', {
        i: dataset.identifier,
      });
      expect(byIdentifier.errors).toBeUndefined();
      expect(byIdentifier.data!.dataset).toBeNull();
      const nodeId = Buffer.from(`Dataset:${dataset.id}`).toString('base64');
      const byNode = await gateway().request('query($id: ID!) { node(id: $id) { id ... on Dataset { title } } }', { id: nodeId });
      expect(byNode.data!.node).toBeNull();
      const filtered = await gateway().request('query($a: AccessLevel) { datasets(filter: { accessLevel: $a }) { edges { node { id } } } }', {
        a: dataset.accessLevel,
      });
      expect(filtered.data!.datasets.edges).toEqual([]);
    }
  });

  it('looks up a dataset by identifier or global id with full DCAT metadata', async () => {
    const first = await gateway().request('{ datasets(first: 1) { edges { node { id identifier } } } }');
    const { id, identifier } = first.data!.datasets.edges[0].node;
    const query = /* GraphQL */ `
      query($id: ID, $identifier: String) {
        dataset(id: $id, identifier: $identifier) {
          id identifier title description keywords modified accessLevel accrualPeriodicity spatial temporal
          publisher { name } contactPoint { fn hasEmail } license { spdxId notice }
          distributions { format mediaType downloadURL accessURL } fields { name type nullable pii } recordCount
        }
      }
    `;
    const byIdentifier = await gateway().request(query, { identifier });
    const byId = await gateway().request(query, { id });
    expect(byIdentifier.errors).toBeUndefined();
    expect(byId.data).toEqual(byIdentifier.data);
    const dataset = byId.data!.dataset;
    expect(dataset.keywords.length).toBeGreaterThan(0);
    expect(dataset.contactPoint.hasEmail).toMatch(/^mailto:/);
    expect(dataset.fields.length).toBeGreaterThan(0);
    expect(dataset.distributions.some((d: any) => d.format === 'CSV' && d.downloadURL)).toBe(true);
    expect(dataset.recordCount).toBeGreaterThan(0);

    const both = await gateway().request(query, { id, identifier });
    expect(both.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('pages by cursor without overlap', async () => {
    const page1 = await gateway().request('{ datasets(first: 4) { edges { node { identifier } } pageInfo { hasNextPage endCursor } } }');
    const { endCursor, hasNextPage } = page1.data!.datasets.pageInfo;
    expect(hasNextPage).toBe(true);
    const page2 = await gateway().request(
      'query($after: String) { datasets(first: 4, after: $after) { edges { node { identifier } } } }',
      { after: endCursor },
    );
    const ids1 = page1.data!.datasets.edges.map((e: any) => e.node.identifier);
    const ids2 = page2.data!.datasets.edges.map((e: any) => e.node.identifier);
    expect(ids2.length).toBeGreaterThan(0);
    expect(ids1.filter((id: string) => ids2.includes(id))).toEqual([]);
  });

  it('filters by department, license, theme and keyword', async () => {
    const { db } = gateway();
    const sample = await db.prisma.dataset.findFirstOrThrow({
      where: { accessLevel: AccessLevel.PUBLIC },
      include: { publisher: true, license: true },
      orderBy: { identifier: 'asc' },
    });
    const filters = [
      { department: sample.publisher.slug },
      { license: sample.license.spdxId },
      { theme: sample.themes[0] },
      { keyword: sample.keywords[0] },
    ];
    for (const filter of filters) {
      const result = await gateway().request(
        'query($f: DatasetFilter) { datasets(first: 100, filter: $f) { edges { node { identifier publisher { slug } license { spdxId } themes keywords } } } }',
        { f: filter },
      );
      const nodes = result.data!.datasets.edges.map((e: any) => e.node);
      expect(nodes.map((n: any) => n.identifier)).toContain(sample.identifier);
      for (const node of nodes) {
        if (filter.department) expect(node.publisher.slug).toBe(filter.department);
        if (filter.license) expect(node.license.spdxId).toBe(filter.license);
        if (filter.theme) expect(node.themes).toContain(filter.theme);
        if (filter.keyword) expect(node.keywords).toContain(filter.keyword);
      }
    }
  });

  it('states "license not specified" explicitly', async () => {
    const result = await gateway().request('{ license(spdxId: "not-specified") { specified url notice datasets(first: 5) { edges { node { identifier } } } } }');
    const license = result.data!.license;
    expect(license.specified).toBe(false);
    expect(license.url).toBeNull();
    expect(license.notice).toMatch(/not specified/i);
    expect(license.datasets.edges.length).toBeGreaterThan(0);
  });

  it('lists stewards with their visible datasets and hides staff contact details from the public', async () => {
    const result = await gateway().request(
      '{ stewards(first: 20) { edges { node { id name title email phone department { name } datasets(first: 10) { edges { node { accessLevel } } } } } } }',
    );
    const stewards = result.data!.stewards.edges.map((e: any) => e.node);
    expect(stewards.length).toBeGreaterThanOrEqual(8);
    for (const steward of stewards) {
      expect(steward.email).toBeNull();
      expect(steward.phone).toBeNull();
      for (const edge of steward.datasets.edges) expect(edge.node.accessLevel).toBe('PUBLIC');
    }
    const one = await gateway().request('query($id: ID!) { steward(id: $id) { name } }', { id: stewards[0].id });
    expect(one.data!.steward.name).toBe(stewards[0].name);
  });

  it('lists departments and licenses', async () => {
    const result = await gateway().request('{ departments { slug name } licenses { spdxId specified } }');
    expect(result.data!.departments.length).toBeGreaterThanOrEqual(6);
    expect(result.data!.licenses.length).toBeGreaterThanOrEqual(5);
  });

  it('answers /health', async () => {
    const response = await gateway().yoga.fetch('http://localhost/health');
    expect(response.status).toBe(200);
  });
});
