// Catalog rules as plain functions: list filters and lookups, always through the visibility rule.
import type { Prisma } from '../generated/prisma/client.js';
import type { AccessLevel } from '../generated/prisma/enums.js';
import type { Viewer } from '../access/viewer.js';
import { datasetVisibilityWhere } from '../access/visibility.js';

export interface DatasetFilter {
  /** Department slug. */
  department?: string | null;
  /** License SPDX-like id, e.g. CC-BY-4.0 or not-specified. */
  license?: string | null;
  accessLevel?: AccessLevel | null;
  theme?: string | null;
  keyword?: string | null;
  /** Case-insensitive text search over title and description. */
  search?: string | null;
}

export function datasetListWhere(viewer: Viewer, filter: DatasetFilter = {}): Prisma.DatasetWhereInput {
  const conditions: Prisma.DatasetWhereInput[] = [datasetVisibilityWhere(viewer)];
  if (filter.department) conditions.push({ publisher: { slug: filter.department } });
  if (filter.license) conditions.push({ license: { spdxId: filter.license } });
  if (filter.accessLevel) conditions.push({ accessLevel: filter.accessLevel });
  if (filter.theme) conditions.push({ themes: { has: filter.theme } });
  // A keyword matches when it is the term or has it as a whole word, ignoring case (see keywordTerms).
  if (filter.keyword?.trim()) conditions.push({ keywordTerms: { has: filter.keyword.trim().toLowerCase().replace(/\s+/g, ' ') } });
  if (filter.search) {
    const text = escapeLikePattern(filter.search);
    conditions.push({
      OR: [
        { title: { contains: text, mode: 'insensitive' } },
        { description: { contains: text, mode: 'insensitive' } },
      ],
    });
  }
  return { AND: conditions };
}

/** Prisma's `contains` is an (I)LIKE whose pattern it does not escape: `%` and `_` must match themselves. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
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
