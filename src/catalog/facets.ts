// Facet counts of the catalog for a filter: per department, license, access level, theme, keyword and
// distribution format, each counted with all the OTHER active filters applied (selecting a value then gives
// that many results), over the datasets the caller may see. One statement returning JSON, whatever the
// catalog's size: the visible, searched rows are read once into a CTE that carries one flag per active facet
// filter, and every facet groups that CTE.
import DataLoader from 'dataloader';
import type { AccessLevel } from '../generated/prisma/enums.js';
import type { Database } from '../db/client.js';
import type { Context } from '../graphql/context.js';
import { requestLocal } from '../infra/request-local.js';
import type { Viewer } from '../access/viewer.js';
import { compileFindManyRows } from '../read/compile.js';
import { enumLabels, modelMeta } from '../read/model.js';
import { renderWhere, Statement } from '../read/where.js';
import { SqlCondition } from '../read/sql-fragments.js';
import { datasetConditions, datasetListWhere, FACETS, type DatasetFilter, type Facet } from './service.js';
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
  const { ctes, result } = renderFacets(sql, viewer, filter, limit);
  return { text: `WITH ${ctes} SELECT ${result} AS result`, params: sql.params };
}

/**
 * The facets' common table expressions (`base`: the visible matches with one flag per active facet filter;
 * `keyword_values`) and the JSON expression of the result, bound in `sql`, which another statement may share
 * (see listWithFacets).
 */
function renderFacets(sql: Statement, viewer: Viewer, filter: DatasetFilter, limit: number): { ctes: string; result: string } {
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
  const ctes =
    `base AS (SELECT d."ctid", d."id", d."publisherId", d."licenseId", d."accessLevel", d."themes", d."keywords", d."keywordTerms"${flags.join('')} ` +
    `FROM "Dataset" d WHERE ${where}), ` +
    `keyword_values AS (SELECT regexp_replace(lower(k.keyword), '\\s+', ' ', 'g') AS value, min(k.keyword) AS label ` +
    `FROM (SELECT DISTINCT btrim(x) AS keyword FROM base b CROSS JOIN unnest(b."keywords") AS x WHERE ${allBut('keyword')}) k WHERE k.keyword <> '' GROUP BY 1)`;
  const result = `json_build_object('total', (SELECT count(*)::int FROM base b WHERE ${allBut()}), ${FACETS.map(facetJson).join(', ')})`;
  return { ctes, result };
}

const accessLevelNames = Object.fromEntries(Object.entries(enumLabels('AccessLevel')).map(([name, label]) => [label, name]));

/** The statement's JSON as the GraphQL types read it (access levels by their enum names). */
function facetsOf(result: DatasetFacets): DatasetFacets {
  result.accessLevel = (result.accessLevel as unknown as FacetCount[]).map(({ value, count }) => ({ value: accessLevelNames[value] as AccessLevel, count }));
  return result;
}

export async function datasetFacets(db: Database, viewer: Viewer, filter: DatasetFilter, limit: number): Promise<DatasetFacets> {
  const { text, params } = compileDatasetFacets(viewer, filter, limit);
  const [row] = await db.leanQuery<{ result: DatasetFacets }>(text, params, { prepared: true });
  return facetsOf(row!.result);
}

/** The rows of the facets' `base` (a search's visible matches): the page of the same search reads these. */
const inFacetBase = new SqlCondition((_sql, alias) => `${alias}."ctid" = ANY(ARRAY(SELECT b."ctid" FROM base b))`);

/**
 * A page of datasets (`listArgs`: the lean reader's arguments for `filter`'s list, see readDatasets) and the
 * facets of the same filter in ONE statement: the facets' row first, then the page's rows in their order.
 * Both are rendered as when each is its own statement, except that a search is looked up once: the page
 * takes its matches from the facets' `base` (the visible matches of the search and the other non-facet
 * filters, in the same snapshot) instead of searching again, and applies all its conditions but the search
 * itself as before, so it finds the same rows.
 */
export function compileListWithFacets(viewer: Viewer, filter: DatasetFilter, limit: number, listArgs: Record<string, any>) {
  const sql = new Statement();
  const { ctes, result } = renderFacets(sql, viewer, filter, limit);
  const searched = searchText(filter.search) !== null;
  const where = searched ? { AND: [datasetListWhere(viewer, { ...filter, search: null }), inFacetBase] } : listArgs.where;
  const list = compileFindManyRows('Dataset', { ...listArgs, where }, sql);
  const text =
    `WITH ${ctes} SELECT u.result FROM (SELECT 0 AS part, 0::bigint AS n, ${result} AS result ` +
    `UNION ALL SELECT 1, row_number() OVER (ORDER BY ${list.order}), s.j FROM (${list.text}) s) u ORDER BY u.part, u.n`;
  return { text, params: sql.params, revive: list.revive };
}

async function listWithFacets(db: Database, statement: ReturnType<typeof compileListWithFacets>): Promise<{ list: unknown[]; facets: DatasetFacets }> {
  const [facets, ...rows] = await db.leanQuery<{ result: any }>(statement.text, statement.params, { prepared: true });
  return { facets: facetsOf(facets!.result), list: rows.map((row) => statement.revive(row.result)) };
}

/**
 * The catalog reads of one request that can share a statement: a page of datasets and the facets of the
 * same filter, asked for by two root fields of one query (a catalog page), are read together. The reads
 * asked for in the same tick are gathered (a request-scoped DataLoader, no cache); any other read is its own
 * statement, as before.
 */
type CatalogRead =
  | { kind: 'list'; filter: string; args: Record<string, any> }
  | { kind: 'facets'; filter: string; value: DatasetFilter; limit: number };

const catalogReads = requestLocal(
  (context: Context) => new DataLoader<CatalogRead, unknown>((reads) => readTogether(context, reads), { cache: false }),
);

function readTogether(context: Context, reads: readonly CatalogRead[]): Promise<unknown[]> {
  const results: Promise<unknown>[] = [];
  const paired = new Set<number>();
  reads.forEach((facets, i) => {
    if (facets.kind !== 'facets') return;
    const j = reads.findIndex((read, k) => read.kind === 'list' && !paired.has(k) && read.filter === facets.filter);
    if (j === -1) return;
    let statement: ReturnType<typeof compileListWithFacets>;
    try {
      statement = compileListWithFacets(context.viewer, facets.value, facets.limit, (reads[j] as { args: Record<string, any> }).args);
    } catch {
      return; // arguments the list refuses: each read alone, so that the list's error is the list's only
    }
    paired.add(i).add(j);
    const both = listWithFacets(context.db, statement);
    results[i] = both.then((read) => read.facets);
    results[j] = both.then((read) => read.list);
  });
  reads.forEach((read, i) => {
    if (paired.has(i)) return;
    results[i] = read.kind === 'facets' ? datasetFacets(context.db, context.viewer, read.value, read.limit) : context.reader.findMany('Dataset', read.args);
  });
  // DataLoader rejects the loads whose result is an Error, and resolves the others.
  return Promise.all(results.map((result) => result.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
}

/**
 * One page of the catalog on the lean path (`args` as the lean reader takes them, `where` being `filter`'s),
 * read in one statement with the facets of the same filter when this request asks for those too.
 */
export function requestDatasetList<T = any>(context: Context, filter: DatasetFilter, args: Record<string, any>): Promise<T[]> {
  return catalogReads(context).load({ kind: 'list', filter: filterKey(filter), args }) as Promise<T[]>;
}

/** Facets computed in one request, by filter: `datasets.totalCount` of the same filter reads their total. */
const facetsByRequest = requestLocal(() => new Map<string, Promise<DatasetFacets>>());
const filterKey = (filter: DatasetFilter) => JSON.stringify(filter);

export function requestFacets(context: Context, filter: DatasetFilter, limit: number): Promise<DatasetFacets> {
  const byFilter = facetsByRequest(context);
  const key = `${limit}:${filterKey(filter)}`;
  let facets = byFilter.get(key);
  if (!facets) {
    const read = { kind: 'facets', filter: filterKey(filter), value: filter, limit } as const;
    byFilter.set(key, (facets = catalogReads(context).load(read) as Promise<DatasetFacets>));
  }
  return facets;
}

/** The total of facets this request computes for the same filter, if any (saves a count statement). */
export function requestFacetTotal(context: Context, filter: DatasetFilter): Promise<number> | undefined {
  const key = filterKey(filter);
  for (const [entry, facets] of facetsByRequest(context)) {
    if (entry.slice(entry.indexOf(':') + 1) === key) return facets.then((result) => result.total);
  }
  return undefined;
}
