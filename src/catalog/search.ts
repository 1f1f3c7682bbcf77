// Full-text search of the catalog as SQL fragments for the lean read path: the match condition and the
// relevance order. The document (`searchVector`, a generated column with a GIN index) and the query
// function (`dataset_search_query`: websearch syntax, every word a prefix, English stems or plain words)
// live in the database; see the dataset_search migration.
import { bindOnce, SqlCondition, SqlOrder } from '../read/sql-fragments.js';

/** The search text worth searching for: trimmed, blank = no search. */
export function searchText(search: string | null | undefined): string | null {
  const text = search?.trim();
  return text ? text : null;
}

/**
 * The datasets matching the search, found through the GIN index: `dataset_search_tids` runs the condition on
 * `searchVector` with table scans disabled (the planner would otherwise read the whole table for any prefix
 * query; see its migration) and hands back the matching rows' addresses, which a TID scan then reads directly.
 * Both run in one statement, on one snapshot, so the addresses are those of the rows the statement sees.
 */
export function searchCondition(text: string): SqlCondition {
  const query = bindOnce(text);
  return new SqlCondition((sql, alias) => `${alias}."ctid" = ANY(ARRAY(SELECT dataset_search_tids(${query(sql)})))`);
}

/**
 * Best match first: ts_rank weighs title (A) above keywords (B) above description (C). The query is a
 * subquery so that it is made once per statement: in a prepared statement's generic plan the bound search
 * text is not a constant, and `dataset_search_query(…)` would otherwise run (regular expressions included)
 * for every match ranked.
 */
export function relevanceOrder(text: string): SqlOrder {
  const query = bindOnce(text);
  return new SqlOrder('relevance', (sql, alias) => `ts_rank(${alias}."searchVector", (SELECT dataset_search_query(${query(sql)})))`, true);
}
