// The datasets /data.json lists, read with plain SQL: one statement for the catalog's version (enough to
// answer a conditional request) and one for every entry with its publisher, steward, license and distributions.
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { PUBLISHED_ACCESS_LEVELS, type CatalogDatasetRow } from './dcat.js';

const published = Prisma.sql`d."accessLevel"::text IN (${Prisma.join(PUBLISHED_ACCESS_LEVELS)}) AND d."archivedAt" IS NULL`;

export interface CatalogVersion {
  datasets: number;
  /** The newest `modified` of a listed dataset. */
  newestModified: Date | null;
  /** The last write to a listed dataset or its publisher, steward or license (catches edits that keep `modified`). */
  lastWrite: Date | null;
}

export async function publishedCatalogVersion(prisma: PrismaClient): Promise<CatalogVersion> {
  const [row] = await prisma.$queryRaw<{ datasets: number; newestModified: Date | null; lastWrite: Date | null }[]>`
    SELECT count(*)::int AS "datasets", max(d.modified) AS "newestModified",
           max(GREATEST(d."updatedAt", p."updatedAt", s."updatedAt", l."updatedAt")) AS "lastWrite"
    FROM "Dataset" d
    JOIN "Department" p ON p.id = d."publisherId"
    JOIN "Steward" s ON s.id = d."stewardId"
    JOIN "License" l ON l.id = d."licenseId"
    WHERE ${published}`;
  return { datasets: row?.datasets ?? 0, newestModified: toDate(row?.newestModified), lastWrite: toDate(row?.lastWrite) };
}

export async function publishedCatalogRows(prisma: PrismaClient): Promise<CatalogDatasetRow[]> {
  const rows = await prisma.$queryRaw<(Omit<CatalogDatasetRow, 'distributions'> & { distributions: unknown })[]>`
    SELECT d.identifier, d.title, d.description, d.keywords, d.themes, d.issued, d.modified,
           d."accessLevel"::text AS "accessLevel", d.rights, d."accrualPeriodicity", d.spatial, d.temporal,
           d."landingPage", d."describedBy", d."conformsTo", d."references",
           p.name AS "publisherName", p.email AS "publisherEmail", s.name AS "stewardName",
           l.url AS "licenseUrl", l.specified AS "licenseSpecified",
           COALESCE((
             SELECT json_agg(json_build_object('title', x.title, 'description', x.description, 'format', x.format,
                      'mediaType', x."mediaType", 'downloadURL', x."downloadURL", 'accessURL', x."accessURL") ORDER BY x.position, x.id)
             FROM "Distribution" x WHERE x."datasetId" = d.id), '[]') AS distributions
    FROM "Dataset" d
    JOIN "Department" p ON p.id = d."publisherId"
    JOIN "Steward" s ON s.id = d."stewardId"
    JOIN "License" l ON l.id = d."licenseId"
    WHERE ${published}
    ORDER BY d.identifier`;
  return rows.map((row) => ({
    ...row,
    issued: toDate(row.issued),
    modified: toDate(row.modified)!,
    // Drivers differ: node-postgres parses json, PGlite's adapter may hand it over as text.
    distributions: typeof row.distributions === 'string' ? JSON.parse(row.distributions) : (row.distributions as CatalogDatasetRow['distributions']),
  }));
}

const toDate = (value: Date | string | null | undefined) => (value == null ? null : value instanceof Date ? value : new Date(value));
