// Deterministic demo seed for the city catalog: the same rows, with the same ids, on every run.
// Everything is written in one interactive transaction, so a failed seed leaves nothing behind.
import type { Prisma, PrismaClient } from '../../src/generated/prisma/client.js';
import { seedComplaints } from './complaints.js';
import { DATASETS } from './datasets/index.js';
import { DEPARTMENTS, LICENSES, OTHER_STAFF, STEWARDS, stewardStaff } from './departments.js';
import { ANCHOR, day, stableId } from './random.js';
import { generateRecords, insertRecords } from './records.js';
import { seedRequests } from './requests.js';
import type { DatasetSpec } from './types.js';
import { staffId, type Tracking } from './workflow.js';

export interface SeedOptions {
  /** Public base URL of the gateway, used in distribution and landing-page URLs (e.g. http://localhost:4000). */
  baseUrl: string;
  log?: (message: string) => void;
}

export interface SeedSummary {
  departments: number;
  stewards: number;
  licenses: number;
  datasets: number;
  records: number;
  dataRequests: number;
  complaints: number;
  staffUsers: number;
  /** Tracking tokens of the seeded submissions (only their hashes are stored). */
  demoTracking: Tracking[];
}

const stamps = { createdAt: ANCHOR, updatedAt: ANCHOR };

function datasetRow(spec: DatasetSpec, baseUrl: string): Prisma.DatasetCreateManyInput {
  if (spec.accessLevel !== 'PUBLIC' && (!spec.rights || spec.rights.length > 255)) {
    throw new Error(`seed: ${spec.identifier} is ${spec.accessLevel} and needs rights text of at most 255 characters`);
  }
  if (!DEPARTMENTS.some((d) => d.slug === spec.publisher)) throw new Error(`seed: unknown publisher ${spec.publisher}`);
  if (!STEWARDS.some((s) => s.email === spec.steward)) throw new Error(`seed: unknown steward ${spec.steward}`);
  if (!LICENSES.some((l) => l.spdxId === spec.license)) throw new Error(`seed: unknown license ${spec.license}`);
  return {
    id: stableId('dataset', spec.identifier),
    identifier: spec.identifier,
    title: spec.title,
    description: spec.description,
    keywords: spec.keywords,
    themes: spec.themes,
    issued: day(spec.issued),
    modified: new Date(spec.modified),
    accessLevel: spec.accessLevel,
    rights: spec.rights ?? null,
    accrualPeriodicity: spec.accrualPeriodicity,
    spatial: spec.spatial,
    temporal: spec.temporal,
    landingPage: `${baseUrl}/datasets/${spec.identifier}`,
    references: spec.references ?? [],
    geometryPii: spec.geometryPii ?? false,
    publisherId: stableId('department', spec.publisher),
    stewardId: stableId('steward', spec.steward),
    licenseId: stableId('license', spec.license),
    ...stamps,
  };
}

function distributionRows(spec: DatasetSpec, baseUrl: string): Prisma.DistributionCreateManyInput[] {
  const files = [
    { format: 'CSV', mediaType: 'text/csv', file: 'records.csv', what: 'CSV' },
    ...(spec.geographic ? [{ format: 'GeoJSON', mediaType: 'application/geo+json', file: 'records.geojson', what: 'GeoJSON' }] : []),
  ];
  const rows: Prisma.DistributionCreateManyInput[] = files.map((f, position) => ({
    id: stableId('distribution', `${spec.identifier}:${f.format}`),
    datasetId: stableId('dataset', spec.identifier),
    title: `${spec.title} (${f.what})`,
    description: `All records of ${spec.title} as ${f.what}.`,
    format: f.format,
    mediaType: f.mediaType,
    downloadURL: `${baseUrl}/datasets/${spec.identifier}/${f.file}`,
    position,
    createdAt: ANCHOR,
  }));
  rows.push({
    id: stableId('distribution', `${spec.identifier}:API`),
    datasetId: stableId('dataset', spec.identifier),
    title: `${spec.title} (GraphQL API)`,
    description: `Query ${spec.title} records by cursor through the GraphQL API.`,
    format: 'API',
    accessURL: `${baseUrl}/graphql`,
    position: rows.length,
    createdAt: ANCHOR,
  });
  return rows;
}

function fieldRows(spec: DatasetSpec): Prisma.DatasetFieldCreateManyInput[] {
  return spec.fields.map((f, position) => ({
    id: stableId('field', `${spec.identifier}:${f.name}`),
    datasetId: stableId('dataset', spec.identifier),
    ...f,
    position,
  }));
}

async function seedCatalog(tx: Prisma.TransactionClient, baseUrl: string, log: (message: string) => void) {
  await tx.department.createMany({ data: DEPARTMENTS.map((d) => ({ id: stableId('department', d.slug), ...d, ...stamps })) });
  await tx.license.createMany({ data: LICENSES.map((l) => ({ id: stableId('license', l.spdxId), ...l, ...stamps })) });
  const staff = [...STEWARDS.map(stewardStaff), ...OTHER_STAFF];
  await tx.staffUser.createMany({
    data: staff.map(({ department, ...s }) => ({
      id: staffId(s.email),
      ...s,
      departmentId: department ? stableId('department', department) : null,
      ...stamps,
    })),
  });
  await tx.steward.createMany({
    data: STEWARDS.map(({ department, ...s }) => ({
      id: stableId('steward', s.email),
      ...s,
      departmentId: stableId('department', department),
      staffUserId: staffId(s.email),
      ...stamps,
    })),
  });
  log(`seed: ${DEPARTMENTS.length} departments, ${LICENSES.length} licenses, ${STEWARDS.length} stewards, ${staff.length} staff users`);

  await tx.dataset.createMany({ data: DATASETS.map((spec) => datasetRow(spec, baseUrl)) });
  await tx.distribution.createMany({ data: DATASETS.flatMap((spec) => distributionRows(spec, baseUrl)) });
  await tx.datasetField.createMany({ data: DATASETS.flatMap(fieldRows) });
  log(`seed: ${DATASETS.length} datasets`);
  return staff.length;
}

export async function seedDatabase(prisma: PrismaClient, options: SeedOptions): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  return prisma.$transaction(
    async (tx) => {
      const staffUsers = await seedCatalog(tx, baseUrl, log);

      const rows = DATASETS.flatMap((spec) => generateRecords(spec, stableId('dataset', spec.identifier)));
      await insertRecords(tx, rows, rows.length, log);

      const requests = await seedRequests(tx);
      const complaints = await seedComplaints(tx, async (dataset, pick) => {
        const found = await tx.record.findMany({
          where: { datasetId: stableId('dataset', dataset), attributes: { path: [pick.field], equals: pick.equals } },
          orderBy: { id: 'asc' },
          take: pick.take,
          select: { id: true, attributes: true },
        });
        if (found.length < pick.take) throw new Error(`seed: too few ${dataset} records with ${pick.field} = ${pick.equals}`);
        return found.map(({ id, attributes }) => {
          const label = attributes && typeof attributes === 'object' && !Array.isArray(attributes) ? attributes[pick.label] : null;
          return { id, label: typeof label === 'string' ? label : `#${id}` };
        });
      });
      log(`seed: ${requests.length} data requests, ${complaints.length} complaints`);

      return {
        departments: DEPARTMENTS.length,
        stewards: STEWARDS.length,
        licenses: LICENSES.length,
        datasets: DATASETS.length,
        records: rows.length,
        dataRequests: requests.length,
        complaints: complaints.length,
        staffUsers,
        demoTracking: [...requests, ...complaints],
      };
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}
