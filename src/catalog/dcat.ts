// DCAT-US 1.1 (Project Open Data v1.1) as the gateway publishes it in /data.json: pure mapping from
// catalog rows to the JSON the schema at project-open-data.cio.gov/v1.1/schema describes.
import { AccessLevel } from '../generated/prisma/enums.js';

export const DCAT_US_SCHEMA = 'https://project-open-data.cio.gov/v1.1/schema';

export type DcatAccessLevel = 'public' | 'restricted public' | 'non-public';

export const dcatAccessLevels: Record<AccessLevel, DcatAccessLevel> = {
  [AccessLevel.PUBLIC]: 'public',
  [AccessLevel.RESTRICTED_PUBLIC]: 'restricted public',
  [AccessLevel.NON_PUBLIC]: 'non-public',
};

export const accessLevelFromDcat = Object.fromEntries(
  Object.entries(dcatAccessLevels).map(([level, dcat]) => [dcat, level]),
) as Record<DcatAccessLevel, AccessLevel>;

/** Access levels listed in the public catalog: non-public datasets are not announced at all. */
export const PUBLISHED_ACCESS_LEVELS: DcatAccessLevel[] = ['public', 'restricted public'];

export interface CatalogDistributionRow {
  title: string | null;
  description: string | null;
  format: string;
  mediaType: string | null;
  downloadURL: string | null;
  accessURL: string | null;
}

/** One dataset with what its DCAT entry needs from the publisher, steward and license. */
export interface CatalogDatasetRow {
  identifier: string;
  title: string;
  description: string;
  keywords: string[];
  themes: string[];
  issued: Date | null;
  modified: Date;
  accessLevel: DcatAccessLevel;
  rights: string | null;
  accrualPeriodicity: string | null;
  spatial: string | null;
  temporal: string | null;
  landingPage: string | null;
  describedBy: string | null;
  conformsTo: string | null;
  references: string[];
  publisherName: string;
  /** The department inbox: the public contact (a steward's own address is staff-only). */
  publisherEmail: string | null;
  stewardName: string;
  licenseUrl: string | null;
  licenseSpecified: boolean;
  distributions: CatalogDistributionRow[];
}

type Json = Record<string, unknown>;

/** Drops absent values and empty lists: DCAT-US lists must have at least one item when present. */
function compact(entry: Json): Json {
  return Object.fromEntries(
    Object.entries(entry).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)),
  );
}

const isoDateTime = (date: Date) => date.toISOString().replace('.000Z', 'Z');

/** `issued` is usually a day: print midnight UTC as a date, anything else as a full timestamp. */
const isoDay = (date: Date) => (date.getTime() % 86_400_000 === 0 ? date.toISOString().slice(0, 10) : isoDateTime(date));

export function dcatDistribution(distribution: CatalogDistributionRow): Json {
  return compact({ '@type': 'dcat:Distribution', ...distribution });
}

export function dcatDataset(row: CatalogDatasetRow): Json {
  return compact({
    '@type': 'dcat:Dataset',
    identifier: row.identifier,
    title: row.title,
    description: row.description,
    keyword: row.keywords,
    theme: [...new Set(row.themes)],
    issued: row.issued && isoDay(row.issued),
    modified: isoDateTime(row.modified),
    accessLevel: row.accessLevel,
    rights: row.rights,
    // An unspecified license is stated by leaving `license` out, never by guessing one.
    license: row.licenseSpecified ? row.licenseUrl : null,
    accrualPeriodicity: row.accrualPeriodicity,
    spatial: row.spatial,
    temporal: row.temporal,
    landingPage: row.landingPage,
    describedBy: row.describedBy,
    conformsTo: row.conformsTo,
    references: [...new Set(row.references)],
    publisher: { '@type': 'org:Organization', name: row.publisherName },
    contactPoint: compact({
      '@type': 'vcard:Contact',
      fn: row.stewardName,
      hasEmail: row.publisherEmail ? `mailto:${row.publisherEmail}` : null,
    }),
    distribution: row.distributions.map(dcatDistribution),
  });
}

export function dcatCatalog(rows: CatalogDatasetRow[], baseUrl: string): Json {
  return {
    '@context': `${DCAT_US_SCHEMA}/catalog.jsonld`,
    '@id': `${baseUrl}/data.json`,
    '@type': 'dcat:Catalog',
    conformsTo: DCAT_US_SCHEMA,
    describedBy: `${DCAT_US_SCHEMA}/catalog.json`,
    dataset: rows.map(dcatDataset),
  };
}
