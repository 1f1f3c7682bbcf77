// Catalog rules as plain functions: list filters and lookups, always through the visibility rule.
import type { Prisma } from '../generated/prisma/client.js';
import type { AccessLevel } from '../generated/prisma/enums.js';
import type { Viewer } from '../access/viewer.js';
import { datasetVisibilityWhere } from '../access/visibility.js';
import { SqlCondition } from '../read/sql-fragments.js';
import { searchCondition, searchText } from './search.js';

export interface DatasetFilter {
  /** Department slug. */
  department?: string | null;
  /** License SPDX-like id, e.g. CC-BY-4.0 or not-specified. */
  license?: string | null;
  accessLevel?: AccessLevel | null;
  theme?: string | null;
  keyword?: string | null;
  /** Distribution format (CSV, GeoJSON, API…), ignoring case. */
  format?: string | null;
  /** Steward id (a UUID). */
  stewardId?: string | null;
  modifiedFrom?: Date | null;
  modifiedTo?: Date | null;
  /** Full-text search (websearch syntax, words match as prefixes). */
  search?: string | null;
}

/** The filters a catalog page offers counts for: each facet is counted with all the other filters applied. */
export const FACETS = ['department', 'license', 'accessLevel', 'theme', 'keyword', 'format'] as const;
export type Facet = (typeof FACETS)[number];

export interface DatasetConditions {
  /** Visibility and the filters that are not facets (search, steward, modified). */
  base: Prisma.DatasetWhereInput[];
  /** The active facet filters, each a condition of its own. */
  facets: Partial<Record<Facet, Prisma.DatasetWhereInput>>;
}

/**
 * Every active filter as its own condition. Conditions that Prisma cannot express (full-text search, the
 * case-insensitive format) are SQL fragments that only the lean reader renders (see search.ts).
 */
export function datasetConditions(viewer: Viewer, filter: DatasetFilter = {}): DatasetConditions {
  const base: Prisma.DatasetWhereInput[] = [datasetVisibilityWhere(viewer)];
  const text = searchText(filter.search);
  if (text) base.push(sqlWhere(searchCondition(text)));
  if (filter.stewardId) base.push({ stewardId: filter.stewardId });
  if (filter.modifiedFrom) base.push({ modified: { gte: filter.modifiedFrom } });
  if (filter.modifiedTo) base.push({ modified: { lte: filter.modifiedTo } });

  const facets: DatasetConditions['facets'] = {};
  if (filter.department) facets.department = { publisher: { slug: filter.department } };
  if (filter.license) facets.license = { license: { spdxId: filter.license } };
  if (filter.accessLevel) facets.accessLevel = { accessLevel: filter.accessLevel };
  if (filter.theme) facets.theme = { themes: { has: filter.theme } };
  // A keyword matches when it is the term or has it as a whole word, ignoring case (see keywordTerms).
  const keyword = normalizedKeyword(filter.keyword);
  if (keyword) facets.keyword = { keywordTerms: { has: keyword } };
  const format = filter.format?.trim();
  if (format) facets.format = sqlWhere(formatCondition(format));
  return { base, facets };
}

export function datasetListWhere(viewer: Viewer, filter: DatasetFilter = {}): Prisma.DatasetWhereInput {
  const { base, facets } = datasetConditions(viewer, filter);
  return { AND: [...base, ...Object.values(facets)] };
}

/** A keyword as keywordTerms holds it: lower-cased, inner spaces collapsed. */
export function normalizedKeyword(keyword: string | null | undefined): string | null {
  const term = keyword?.trim().toLowerCase().replace(/\s+/g, ' ');
  return term ? term : null;
}

function formatCondition(format: string): SqlCondition {
  return new SqlCondition((sql, alias) => {
    const distribution = sql.alias();
    return `EXISTS (SELECT 1 FROM "Distribution" ${distribution} WHERE ${distribution}."datasetId" = ${alias}."id" AND lower(${distribution}."format") = lower(${sql.bind(format)}))`;
  });
}

/** A SQL fragment placed where Prisma's filter type is expected (the lean reader renders it). */
const sqlWhere = (condition: SqlCondition) => condition as unknown as Prisma.DatasetWhereInput;

/** Whether a filter needs the lean reader (it holds SQL fragments Prisma cannot run). */
export function needsSqlFragments(filter: DatasetFilter = {}): boolean {
  return Boolean(searchText(filter.search) || filter.format?.trim());
}

export type DatasetKey = { id: string } | { identifier: string };

/** Where-unique for one dataset the viewer may see (null result = absent or invisible). */
export function visibleDatasetWhere(viewer: Viewer, key: DatasetKey): Prisma.DatasetWhereUniqueInput {
  return { ...key, AND: [datasetVisibilityWhere(viewer)] } as Prisma.DatasetWhereUniqueInput;
}

export const LICENSE_NOT_SPECIFIED_NOTICE =
  'License not specified — contact the steward before redistributing. This dataset is not open by default.';

export function licenseNotice(license: { specified: boolean; name: string }): string {
  return license.specified ? `Reusable under ${license.name}.` : LICENSE_NOT_SPECIFIED_NOTICE;
}
