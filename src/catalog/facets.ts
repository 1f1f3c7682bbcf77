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

/** Values of one facet: `value`/`label` per group, from `b` (a base row) and the joins, best counts first. */
const facetValues: Record<Facet, { value: string; label: string; from: string; group: string; count: string }> = {
  department: { value: 'p."slug"', label: 'p."name"', from: 'base b JOIN "Department" p ON p."id" = b."publisherId"', group: 'p."slug", p."name"', count: 'count(*)' },
  license: { value: 'l."spdxId"', label: 'l."name"', from: 'base b JOIN "License" l ON l."id" = b."licenseId"', group: 'l."spdxId", l."name"', count: 'count(*)' },
  accessLevel: { value: 'b."accessLevel"::text', label: 'b."accessLevel"::text', from: 'base b', group: 'b."accessLevel"', count: 'count(*)' },
  theme: { value: 'th.theme', label: 'th.theme', from: 'base b CROSS JOIN LATERAL (SELECT DISTINCT unnest(b."themes") AS theme) th', group: 'th.theme', count: 'count(*)' },
  // A keyword's count is what the keyword filter would find: datasets having it as a keyword or as a whole
  // word of one (keywordTerms). Values are the keywords themselves, lower-cased; labels as first written.
  keyword: {
    value: 'kw.value',
    label: 'kw.label',
    from: 'base b CROSS JOIN unnest(b."keywordTerms") AS term JOIN keyword_values kw ON kw.value = term',
    group: 'kw.value, kw.label',
    count: 'count(*)',
  },
  // Per matching dataset through the (datasetId, position) index: a search's few hundred rows never scan every distribution.
  format: {
    value: 'min(x.format)',
    label: 'min(x.format)',
    from: 'base b CROSS JOIN LATERAL (SELECT lower(d."format") AS key, min(d."format") AS format FROM "Distribution" d WHERE d."datasetId" = b."id" GROUP BY 1) x',
    group: 'x.key',
    count: 'count(*)',
  },
};

export function compileDatasetFacets(viewer: Viewer, filter: DatasetFilter, limit: number): { text: string; params: unknown[] } {
  const sql = new Statement();
  const model = modelMeta('Dataset');
  const { base, facets } = datasetConditions(viewer, filter);
  const active = FACETS.filter((facet) => facets[facet]);
  const flags = active.map((facet) => `, (${renderWhere(sql, model, 'd', facets[facet] as Record<string, unknown>)}) AS "has_${facet}"`);
  const where = renderWhere(sql, model, 'd', { AND: base });
  const allBut = (skipped?: Facet) => active.filter((facet) => facet !== skipped).map((facet) => `b."has_${facet}"`).join(' AND ') || 'TRUE';
  const max = sql.bind(limit);
  const facetJson = (facet: Facet) => {
    const { value, label, from, group, count } = facetValues[facet];
    return (
      `'${facet}', (SELECT coalesce(json_agg(json_build_object('value', f.value, 'label', f.label, 'count', f.count) ORDER BY f.count DESC, f.value), '[]'::json) ` +
      `FROM (SELECT ${value} AS value, ${label} AS label, ${count}::int AS count FROM ${from} WHERE ${allBut(facet)} ` +
      `GROUP BY ${group} ORDER BY count DESC, value LIMIT ${max}) f)`
    );
  };
  const text =
    `WITH base AS (SELECT d."id", d."publisherId", d."licenseId", d."accessLevel", d."themes", d."keywords", d."keywordTerms"${flags.join('')} ` +
    `FROM "Dataset" d WHERE ${where}), ` +
    `keyword_values AS (SELECT regexp_replace(lower(btrim(k)), '\\s+', ' ', 'g') AS value, min(btrim(k)) AS label ` +
    `FROM base b CROSS JOIN unnest(b."keywords") AS k WHERE ${allBut('keyword')} AND btrim(k) <> '' GROUP BY 1) ` +
    `SELECT json_build_object('total', (SELECT count(*)::int FROM base b WHERE ${allBut()}), ${FACETS.map(facetJson).join(', ')}) AS result`;
  return { text, params: sql.params };
}

const accessLevelNames = Object.fromEntries(Object.entries(enumLabels('AccessLevel')).map(([name, label]) => [label, name]));

export async function datasetFacets(db: Database, viewer: Viewer, filter: DatasetFilter, limit: number): Promise<DatasetFacets> {
  const { text, params } = compileDatasetFacets(viewer, filter, limit);
  const [row] = await db.leanQuery<{ result: DatasetFacets }>(text, params);
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
