// The catalog list and its count. On the lean path a page is one statement, search and relevance order
// included. The Prisma path (READ_PATH=prisma) cannot run the SQL fragments of search and format filters:
// there the matching ids are found in their order first (one lean statement), and the page is read through
// Prisma, so both paths keep answering alike.
import type { Context } from '../graphql/context.js';
import type { Prisma } from '../generated/prisma/client.js';
import { compileFindMany } from '../read/compile.js';
import { modelMeta } from '../read/model.js';
import { SqlOrder } from '../read/sql-fragments.js';
import { renderWhere, Statement } from '../read/where.js';
import { relevanceOrder, searchText } from './search.js';
import { datasetListWhere, needsSqlFragments, type DatasetFilter } from './service.js';
import { requestDatasetList, requestFacetTotal } from './facets.js';

export type DatasetOrder = 'TITLE_ASC' | 'MODIFIED_DESC' | 'RELEVANCE';
type Args = Record<string, any>;
type OrderBy = (Record<string, 'asc' | 'desc'> | SqlOrder)[];

const TITLE_ASC: OrderBy = [{ title: 'asc' }, { id: 'asc' }];

/** RELEVANCE ranks search matches (ties by title, then id); without a search it is the title order. */
export function datasetOrderBy(order: DatasetOrder, filter: DatasetFilter = {}): OrderBy {
  if (order === 'MODIFIED_DESC') return [{ modified: 'desc' }, { id: 'asc' }];
  const text = order === 'RELEVANCE' ? searchText(filter.search) : null;
  return text ? [relevanceOrder(text), ...TITLE_ASC] : TITLE_ASC;
}

/** One page of the datasets the caller may see; `query` is plugin-prisma's (selection, cursor, take, skip). */
export async function readDatasets(context: Context, query: Args, filter: DatasetFilter = {}, order: DatasetOrder = 'TITLE_ASC') {
  const where = datasetListWhere(context.viewer, filter);
  const orderBy = datasetOrderBy(order, filter);
  const fragments = needsSqlFragments(filter) || orderBy.some((o) => o instanceof SqlOrder);
  if (context.config.database.readPath === 'lean') return requestDatasetList(context, filter, { ...query, where, orderBy });
  if (!fragments) return context.reader.findMany('Dataset', { ...query, where, orderBy });
  const ordered = compileFindMany('Dataset', { where, orderBy, select: { id: true } });
  const matches = await context.db.leanQuery<{ result: { id: string } }>(ordered.text, ordered.params, { prepared: true });
  const ids = pageOf(matches.map((match) => match.result.id), query);
  const { cursor: _cursor, take: _take, skip: _skip, ...selection } = query;
  const rows = await context.prisma.dataset.findMany({ ...selection, where: { id: { in: ids } } } as Prisma.DatasetFindManyArgs);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** Prisma's paging (cursor row included unless skipped; a negative take counts back from the cursor) over ordered ids. */
function pageOf(ids: string[], { cursor, take, skip = 0 }: Args): string[] {
  const at = cursor ? ids.indexOf(cursor.id) : undefined;
  if (at === -1) return [];
  if (typeof take === 'number' && take < 0) {
    const end = (at ?? ids.length - 1) - skip + 1;
    return ids.slice(Math.max(0, end + take), Math.max(0, end));
  }
  const start = (at ?? 0) + skip;
  return ids.slice(start, typeof take === 'number' ? start + take : undefined);
}

/**
 * How many datasets the caller may see under the filter: one statement, whichever the read path, or none
 * when the same request asks for the facets of the same filter (their total is this count).
 */
export async function countDatasets(context: Context, filter: DatasetFilter = {}): Promise<number> {
  const shared = requestFacetTotal(context, filter);
  if (shared) return shared;
  const sql = new Statement();
  const where = renderWhere(sql, modelMeta('Dataset'), 't', datasetListWhere(context.viewer, filter) as Record<string, unknown>);
  const [row] = await context.db.leanQuery<{ count: number }>(`SELECT count(*)::int AS count FROM "Dataset" t WHERE ${where}`, sql.params, { prepared: true });
  return row!.count;
}
