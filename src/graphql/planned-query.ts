// plugin-prisma plans a root field's Prisma query from its GraphQL selection on every request: it walks the
// selection, merges the relations' arguments and records loader mappings for the relation resolvers below.
// When the lean reader renders the field's rows whole (src/read/rendered-json.ts), no resolver below the
// field runs, and the selection holds only plain fields and bare relations: no arguments, no query or select
// callbacks, nothing read from the context. The query is then a function of the selection alone, so it is
// planned once per selection (the column tree that columns.ts keeps per operation) and shared, frozen.
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { SELECTED_COLUMNS, selectedColumns, withColumnTree, type ColumnTree } from '../read/columns.js';
import type { Context } from './context.js';

type Query = Record<string | symbol, unknown>;

const sharedQueries = new WeakMap<ColumnTree, Query>();

/**
 * plugin-prisma's query for the root field `info` resolves, with the columns its selection reads (what
 * `withSelectedColumns` adds): for the lean reader's `findMany` / `findUnique`, which add their filters to it.
 */
export function plannedQuery(context: Context, info: GraphQLResolveInfo): Query {
  const tree = selectedColumns(info);
  if (!tree?.rowRender || !context.reader.rendersRows) return withColumnTree(queryFromInfo({ context, info }), tree);
  let query = sharedQueries.get(tree);
  if (!query) sharedQueries.set(tree, (query = frozenCopy(withColumnTree(queryFromInfo({ context, info }), tree))));
  return query;
}

/**
 * A frozen copy of a query's plain objects and arrays, shared by every request of the selection: a reader that
 * wrote into it would throw rather than leak into the next request. A copy, because plugin-prisma may hand over
 * objects of the schema's own (a relation's fixed `query`), which are not this cache's to freeze.
 */
function frozenCopy<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(value)) {
    const entry = (value as Record<string | symbol, unknown>)[key];
    // The column tree is the selection's own (columns.ts caches it per operation), not the query's.
    copy[key] = key === SELECTED_COLUMNS ? entry : frozenCopy(entry);
  }
  return Object.freeze(copy) as T;
}
