// Per-parent catalog values (open complaints, the latest change, visible dataset counts of licenses,
// stewards and departments) are batched per request: a page of 50 datasets costs the same number of SQL
// statements as a page of 5, and each count respects what the caller may see.
import { beforeAll, describe, expect, it } from 'vitest';
import { staffHeaders } from '../support/callers.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();
const prisma = () => gateway().db.prisma;

const PAGE = `query($first: Int!) { datasets(first: $first) { edges { node {
  identifier openComplaintCount lastChangeAt
  license { spdxId datasetCount } steward { name datasetCount } publisher { slug datasetCount }
} } } }`;

beforeAll(async () => {
  // 50 more public datasets, spread over the seeded licenses, stewards and departments.
  const [licenses, stewards] = await Promise.all([prisma().license.findMany(), prisma().steward.findMany()]);
  await prisma().dataset.createMany({
    data: Array.from({ length: 50 }, (_, index) => {
      const steward = stewards[index % stewards.length]!;
      return {
        identifier: `toaks-extra-${index}`,
        title: `Extra ${String(index).padStart(2, '0')}`,
        description: 'Generated for batching tests.',
        keywords: [],
        themes: [],
        modified: new Date(),
        publisherId: steward.departmentId,
        stewardId: steward.id,
        licenseId: licenses[index % licenses.length]!.id,
      };
    }),
  });
});

describe('catalog loaders', () => {
  it('cost as many SQL statements for 50 datasets as for 5', async () => {
    const five = await gateway().measure(PAGE, { first: 5 });
    const fifty = await gateway().measure(PAGE, { first: 50 });
    expect(five.response.errors).toBeUndefined();
    expect(fifty.response.errors).toBeUndefined();
    expect(fifty.response.data!.datasets.edges).toHaveLength(50);
    expect(fifty.statements.length).toBe(five.statements.length);
  });

  it('count open complaints, and find the newest change, per dataset', async () => {
    // Seeded: streetlights has two complaints being worked; building permits one open and one dismissed.
    const lights = await prisma().dataset.findUniqueOrThrow({ where: { identifier: 'toaks-streetlights' } });
    await prisma().changeEvent.createMany({
      data: [new Date('2026-01-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z')].map((createdAt) => ({
        topic: 'dataset', datasetId: lights.id, entityType: 'Dataset', entityId: lights.id, operation: 'UPDATED' as const, payload: {}, createdAt,
      })),
    });
    const { data } = await gateway().request(`{
      lights: dataset(identifier: "toaks-streetlights") { openComplaintCount lastChangeAt }
      permits: dataset(identifier: "toaks-building-permits") { openComplaintCount lastChangeAt }
      extra: dataset(identifier: "toaks-extra-1") { openComplaintCount lastChangeAt }
    }`);
    expect(data).toEqual({
      lights: { openComplaintCount: 2, lastChangeAt: '2026-03-01T00:00:00.000Z' },
      permits: { openComplaintCount: 1, lastChangeAt: null },
      extra: { openComplaintCount: 0, lastChangeAt: null },
    });
  });

  it('count only the datasets the caller may see', async () => {
    // Kevin Ostrowski stewards a public and a non-public dataset of Community Development.
    const kevin = await prisma().steward.findUniqueOrThrow({ where: { email: 'kevin.ostrowski@toaks.example' }, include: { department: true } });
    const where = { stewardId: kevin.id };
    const [all, published] = await Promise.all([prisma().dataset.count({ where }), prisma().dataset.count({ where: { ...where, accessLevel: 'PUBLIC' } })]);
    expect(all).toBeGreaterThan(published);
    const departmentAll = await prisma().dataset.count({ where: { publisherId: kevin.departmentId } });
    const departmentPublished = await prisma().dataset.count({ where: { publisherId: kevin.departmentId, accessLevel: 'PUBLIC' } });
    const query = `{ departments { slug datasetCount } stewards(first: 100) { edges { node { name datasetCount } } } }`;
    const counts = async (headers?: Record<string, string>) => {
      const { data } = await gateway().request(query, {}, headers);
      return {
        steward: data!.stewards.edges.find((edge: { node: { name: string } }) => edge.node.name === kevin.name).node.datasetCount,
        department: data!.departments.find((department: { slug: string }) => department.slug === kevin.department.slug).datasetCount,
      };
    };
    expect(await counts()).toEqual({ steward: published, department: departmentPublished });
    expect(await counts(await staffHeaders('kevin.ostrowski@toaks.example'))).toEqual({ steward: all, department: departmentAll });
  });
});
