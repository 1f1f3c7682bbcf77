// Connections: one shared type per node type, a totalCount that matches the data the caller may see and
// costs nothing unless selected, a unique order, and a page-size limit that is stated, not applied silently.
import { getNamedType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AccessLevel } from '../../src/generated/prisma/enums.js';
import { schema } from '../../src/schema/index.js';
import { signStaffToken } from '../../src/access/tokens.js';
import { loadConfig } from '../../src/config.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();

const admin = async () => ({ authorization: `Bearer ${await signStaffToken(loadConfig({ NODE_ENV: 'test' }).jwt, 'admin@toaks.example')}` });
const returnType = (typeName: string, field: string) =>
  getNamedType((schema.getType(typeName) as GraphQLObjectType).getFields()[field]!.type).name;

describe('connection types', () => {
  it('gives every list of datasets the one DatasetConnection type, so fragments can be shared', () => {
    const lists = [returnType('Query', 'datasets'), ...['License', 'Steward', 'Department'].map((type) => returnType(type, 'datasets'))];
    expect(lists).toEqual(['DatasetConnection', 'DatasetConnection', 'DatasetConnection', 'DatasetConnection']);
  });

  it('names each connection after its node type and gives it totalCount', () => {
    const connections = {
      apiKeys: 'ApiKeyConnection',
      auditEvents: 'AuditEventConnection',
      complaints: 'ComplaintConnection',
      dataRequests: 'DataRequestConnection',
      stewards: 'StewardConnection',
    };
    for (const [field, name] of Object.entries(connections)) expect(returnType('Query', field)).toBe(name);
    expect(returnType('Dataset', 'records')).toBe('RecordConnection');
    for (const name of [...Object.values(connections), 'RecordConnection', 'DatasetConnection']) {
      expect(String((schema.getType(name) as GraphQLObjectType).getFields().totalCount?.type)).toBe('Int!');
    }
  });
});

describe('totalCount', () => {
  it('counts only the datasets the caller may see, on every list of datasets', async () => {
    const { prisma } = gateway().db;
    const query = /* GraphQL */ `{
      datasets(first: 1) { totalCount }
      licenses { spdxId datasets(first: 1) { totalCount } }
      departments { slug datasets(first: 1) { totalCount } }
      stewards(first: 100) { totalCount edges { node { name datasets(first: 1) { totalCount } } } }
    }`;
    const anonymous = await gateway().request(query);
    const staff = await gateway().request(query, {}, await admin());
    expect(anonymous.errors).toBeUndefined();
    expect(staff.errors).toBeUndefined();

    const publicOnly = { accessLevel: AccessLevel.PUBLIC };
    expect(anonymous.data!.datasets.totalCount).toBe(await prisma.dataset.count({ where: publicOnly }));
    expect(staff.data!.datasets.totalCount).toBe(await prisma.dataset.count());
    expect(anonymous.data!.datasets.totalCount).toBeLessThan(staff.data!.datasets.totalCount);

    for (const [view, where] of [[anonymous, publicOnly], [staff, {}]] as const) {
      for (const license of view.data!.licenses) {
        expect(license.datasets.totalCount).toBe(await prisma.dataset.count({ where: { ...where, license: { spdxId: license.spdxId } } }));
      }
      for (const department of view.data!.departments) {
        expect(department.datasets.totalCount).toBe(await prisma.dataset.count({ where: { ...where, publisher: { slug: department.slug } } }));
      }
      expect(view.data!.stewards.totalCount).toBe(await prisma.steward.count());
      for (const { node } of view.data!.stewards.edges) {
        expect(node.datasets.totalCount).toBe(await prisma.dataset.count({ where: { ...where, steward: { name: node.name } } }));
      }
    }
    // The data exercises the rule: some license and some steward have datasets the public may not see.
    const sum = (view: typeof anonymous, list: 'licenses' | 'departments') =>
      view.data![list].reduce((total: number, item: any) => total + item.datasets.totalCount, 0);
    expect(sum(anonymous, 'licenses')).toBeLessThan(sum(staff, 'licenses'));
    expect(sum(anonymous, 'departments')).toBeLessThan(sum(staff, 'departments'));
  });

  it('matches the real count of records, API keys, audit events, data requests and complaints', async () => {
    const { prisma } = gateway().db;
    const dataset = await prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-street-trees' } });
    const result = await gateway().request(
      /* GraphQL */ `{
        dataset(identifier: "toaks-street-trees") { records(first: 2) { totalCount edges { node { recordId } } } }
        apiKeys(first: 1) { totalCount }
        auditEvents(first: 1, filter: { action: "nothing.like.this" }) { totalCount }
        dataRequests(first: 1, status: [FULFILLED]) { totalCount }
        complaints(first: 1) { totalCount }
      }`,
      {},
      await admin(),
    );
    expect(result.errors).toBeUndefined();
    const data = result.data!;
    expect(data.dataset.records.edges).toHaveLength(2);
    expect(data.dataset.records.totalCount).toBe(await prisma.record.count({ where: { datasetId: dataset.id } }));
    expect(data.dataset.records.totalCount).toBeGreaterThan(2);
    expect(data.apiKeys.totalCount).toBe(await prisma.apiKey.count());
    expect(data.auditEvents.totalCount).toBe(0);
    expect(data.dataRequests.totalCount).toBe(await prisma.dataRequest.count({ where: { status: 'FULFILLED' } }));
    expect(data.dataRequests.totalCount).toBeGreaterThan(0);
    expect(data.complaints.totalCount).toBe(await prisma.complaint.count());
  });

  it('costs one count statement when selected and none otherwise', async () => {
    const plain = await gateway().measure('{ datasets(first: 5) { edges { node { id } } } }');
    const counted = await gateway().measure('{ datasets(first: 5) { totalCount edges { node { id } } } }');
    expect(counted.response.data!.datasets.totalCount).toBeGreaterThan(5);
    expect(plain.statements.some((sql) => /count\(/i.test(sql))).toBe(false);
    expect(counted.statements.length).toBe(plain.statements.length + 1);

    // On a related list the count rides along in the parent's query.
    const related = await gateway().measure('{ licenses { datasets(first: 2) { edges { node { id } } } } }');
    const relatedCounted = await gateway().measure('{ licenses { datasets(first: 2) { totalCount edges { node { id } } } } }');
    expect(related.statements.some((sql) => /count\(/i.test(sql))).toBe(false);
    expect(relatedCounted.statements.length).toBe(related.statements.length);
  });
});

describe('page size', () => {
  it.each([
    ['{ dataset(identifier: "toaks-street-trees") { records(first: 1000) { edges { node { recordId } } } } }', 'first', '100'],
    ['{ dataset(identifier: "toaks-street-trees") { records(last: 101) { edges { node { recordId } } } } }', 'last', '100'],
    ['{ datasets(first: 101) { edges { node { id } } } }', 'first', '100'],
    ['{ datasets(first: -1) { edges { node { id } } } }', 'first', 'negative'],
  ])('refuses %s with a typed error that states the rule', async (query, argument, stated) => {
    const result = await gateway().request(query);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error!.extensions!.code).toBe('VALIDATION_FAILED');
    expect(error!.extensions!.problems[0].path).toEqual([argument]);
    expect(error!.message).toContain(stated);
  });

  it('checks authorization before the page size', async () => {
    const result = await gateway().request('{ apiKeys(first: 1000) { edges { node { prefix } } } }');
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('still serves the maximum page of 100', async () => {
    const result = await gateway().request('{ dataset(identifier: "toaks-street-trees") { records(first: 100) { edges { node { recordId } } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.dataset.records.edges).toHaveLength(100);
  });
});

describe('order', () => {
  it('pages API keys created at the same instant without repeating or skipping one', async () => {
    const { prisma } = gateway().db;
    const createdAt = new Date('2030-01-01T00:00:00Z');
    for (let i = 0; i < 5; i++) {
      await prisma.apiKey.create({ data: { prefix: `cod_tie${i}`, secretHash: `tie${i}`, name: 'tie', organization: 'Tie', scopes: [], createdAt } });
    }
    const headers = await admin();
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result: any = await gateway().request(
        'query($after: String) { apiKeys(first: 1, after: $after) { edges { node { prefix } } pageInfo { hasNextPage endCursor } } }',
        { after },
        headers,
      );
      seen.push(...result.data.apiKeys.edges.map((edge: any) => edge.node.prefix));
      if (!result.data.apiKeys.pageInfo.hasNextPage) break;
      after = result.data.apiKeys.pageInfo.endCursor;
    }
    const expected = (await prisma.apiKey.findMany({ select: { prefix: true } })).map((key) => key.prefix);
    expect([...seen].sort()).toEqual([...expected].sort());
  });
});
