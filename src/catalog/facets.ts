// Facet counts of the catalog for a filter: per department, license, access level, theme, keyword and
// distribution format, each counted with all the OTHER active filters applied (selecting a value then gives
// that many results), over the datasets the caller may see. One statement returning JSON, whatever the
// catalog's size: the visible, searched rows are read once into a CTE that carries one flag per active facet
// filter, and every facet groups that CTE.
import type { AccessLevel } from '../generated/prisma/enums.js';
import type { Database } from '../db/client.js';
import type { Context } from '../graphql/context.js';
import type { Viewer } from '../access/viewer.js';
import { enumLabels, modelMeta } from '../read/model.js';
import { renderWhere, Statement } from '../read/where.js';
import { datasetConditions, FACETS, type DatasetFilter, type Facet } from './service.js';
import { searchText } from './search.js';

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

export interface DatasetFacets {
  total: number;
  department: FacetCount[];
  license: FacetCount[];
  accessLevel: { value: AccessLevel; count: number }[];
  theme: FacetCount[];
  keyword: FacetCount[];
  format: FacetCount[];
}

/**
 * The counted values of one facet, `value`/`label`/`count` per group, from `base b` rows that satisfy `where`
 * (all the other facet filters). Departments and licenses are counted by id and named after grouping; a
 * dataset counts once per theme and per format, however often it lists it.
 */
const facetRows: Record<Facet, (where: string, searched: boolean) => string> = {
  department: (where) =>
    `SELECT p."slug" AS value, p."name" AS label, c.count FROM (SELECT b."publisherId" AS id, count(*)::int AS count FROM base b WHERE ${where} GROUP BY 1) c ` +
    `JOIN "Department" p ON p."id" = c.id`,
  license: (where) =>
    `SELECT l."spdxId" AS value, l."name" AS label, c.count FROM (SELECT b."licenseId" AS id, count(*)::int AS count FROM base b WHERE ${where} GROUP BY 1) c ` +
    `JOIN "License" l ON l."id" = c.id`,
  accessLevel: (where) => `SELECT b."accessLevel"::text AS value, b."accessLevel"::text AS label, count(*)::int AS count FROM base b WHERE ${where} GROUP BY b."accessLevel"`,
  // A theme counts at its first position in the array only (no per-row DISTINCT subquery).
  theme: (where) =>
    `SELECT th.theme AS value, th.theme AS label, count(*)::int AS count FROM base b CROSS JOIN unnest(b."themes") WITH ORDINALITY AS th(theme, position) ` +
    `WHERE ${where} AND array_position(b."themes", th.theme) = th.position GROUP BY th.theme`,
  // A keyword's count is what the keyword filter would find: datasets having it as a keyword or as a whole
  // word of one (keywordTerms). Values are the keywords themselves, lower-cased; labels as first written.
  keyword: (where) =>
    `SELECT kw.value, kw.label, count(*)::int AS count FROM base b CROSS JOIN unnest(b."keywordTerms") AS term JOIN keyword_values kw ON kw.value = term ` +
    `WHERE ${where} GROUP BY kw.value, kw.label`,
  // Formats compared ignoring case, from the matching datasets' distributions (see distributionsOf).
  format: (where, searched) =>
    `SELECT min(x."format") AS value, min(x."format") AS label, count(DISTINCT b."id")::int AS count FROM base b ${distributionsOf(searched)} ` +
    `WHERE ${where} GROUP BY lower(x."format")`,
};

/**
 * The base rows' distributions, as `x`. Over a search's matches (a few hundred, typically): probed per
 * dataset through the (datasetId, position) index; OFFSET 0 keeps the planner from making it a join, which
 * it would run as a scan of every distribution (it cannot estimate how many datasets a search matches).
 * Without a search, over most of the catalog: one hash join.
 */
const distributionsOf = (searched: boolean) =>
  searched
    ? 'CROSS JOIN LATERAL (SELECT d."format" FROM "Distribution" d WHERE d."datasetId" = b."id" OFFSET 0) x'
    : 'JOIN "Distribution" x ON x."datasetId" = b."id"';

export function compileDatasetFacets(viewer: Viewer, filter: DatasetFilter, limit: number): { text: string; params: unknown[] } {
  const sql = new Statement();
  const model = modelMeta('Dataset');
  const { base, facets } = datasetConditions(viewer, filter);
  const active = FACETS.filter((facet) => facets[facet]);
  const flags = active.map((facet) => `, (${renderWhere(sql, model, 'd', facets[facet] as Record<string, unknown>)}) AS "has_${facet}"`);
  const where = renderWhere(sql, model, 'd', { AND: base });
  const allBut = (skipped?: Facet) => active.filter((facet) => facet !== skipped).map((facet) => `b."has_${facet}"`).join(' AND ') || 'TRUE';
  const max = sql.bind(limit);
  const searched = searchText(filter.search) !== null;
  const facetJson = (facet: Facet) =>
    `'${facet}', (SELECT coalesce(json_agg(json_build_object('value', f.value, 'label', f.label, 'count', f.count) ORDER BY f.count DESC, f.value), '[]'::json) ` +
    `FROM (${facetRows[facet](allBut(facet), searched)} ORDER BY count DESC, value LIMIT ${max}) f)`;
  // Keyword values: each distinct keyword (as written, trimmed) is normalised once, not once per dataset.
  const text =
    `WITH base AS (SELECT d."id", d."publisherId", d."licenseId", d."accessLevel", d."themes", d."keywords", d."keywordTerms"${flags.join('')} ` +
    `FROM "Dataset" d WHERE ${where}), ` +
    `keyword_values AS (SELECT regexp_replace(lower(k.keyword), '\\s+', ' ', 'g') AS value, min(k.keyword) AS label ` +
    `FROM (SELECT DISTINCT btrim(x) AS keyword FROM base b CROSS JOIN unnest(b."keywords") AS x WHERE ${allBut('keyword')}) k WHERE k.keyword <> '' GROUP BY 1) ` +
    `SELECT json_build_object('total', (SELECT count(*)::int FROM base b WHERE ${allBut()}), ${FACETS.map(facetJson).join(', ')}) AS result`;
  return { text, params: sql.params };
}

const accessLevelNames = Object.fromEntries(Object.entries(enumLabels('AccessLevel')).map(([name, label]) => [label, name]));

export async function datasetFacets(db: Database, viewer: Viewer, filter: DatasetFilter, limit: number): Promise<DatasetFacets> {
  const { text, params } = compileDatasetFacets(viewer, filter, limit);
  const [row] = await db.leanQuery<{ result: DatasetFacets }>(text, params, { prepared: true });
  const result = row!.result;
  result.accessLevel = (result.accessLevel as unknown as FacetCount[]).map(({ value, count }) => ({ value: accessLevelNames[value] as AccessLevel, count }));
  return result;
}

/** Facets computed in one request, by filter: `datasets.totalCount` of the same filter reads their total. */
const facetsByRequest = new WeakMap<Context, Map<string, Promise<DatasetFacets>>>();
const filterKey = (filter: DatasetFilter) => JSON.stringify(filter);

export function requestFacets(context: Context, filter: DatasetFilter, limit: number): Promise<DatasetFacets> {
  let byFilter = facetsByRequest.get(context);
  if (!byFilter) facetsByRequest.set(context, (byFilter = new Map()));
  const key = `${limit}:${filterKey(filter)}`;
  let facets = byFilter.get(key);
  if (!facets) byFilter.set(key, (facets = datasetFacets(context.db, context.viewer, filter, limit)));
  return facets;
}

/** The total of facets this request computes for the same filter, if any (saves a count statement). */
export function requestFacetTotal(context: Context, filter: DatasetFilter): Promise<number> | undefined {
  const key = filterKey(filter);
  for (const [entry, facets] of facetsByRequest.get(context) ?? []) {
    if (entry.slice(entry.indexOf(':') + 1) === key) return facets.then((result) => result.total);
  }
  return undefined;
}
