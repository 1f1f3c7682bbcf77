// Records pages, counts and their SQL: one statement per page returning JSON (the rows with their order
// values for the cursors), an exact count only when asked, and the planner's estimate.
import type { Database } from '../db/client.js';
import { ValidationError } from '../errors.js';
import { changedSinceCondition, type ChangedSince } from './changes.js';
import { compileRecordFilter, type RecordFilterInput } from './filter/compile.js';
import { SqlParams, type RecordScope } from './filter/scope.js';
import { redactionPlan, redactedFieldsOf, REDACTED, type RedactedRecord } from './redaction.js';
import { redactedAttributesSql, redactedGeometrySql } from './redaction-sql.js';
import { RenderedJson } from '../read/rendered-json.js';
import { edgeJsonSql, type EdgesRender, type PageColumn } from './rendered-page.js';
import { afterCursor, decodeCursor, encodeCursor, keyExpression, orderByClause, resolveOrder, type OrderKey, type RecordOrderInput } from './order.js';

export interface StoredRecord {
  id: number;
  datasetId: string;
  attributes: unknown;
  geometry: unknown;
  createdAt: Date;
  updatedAt: Date;
  changeSequence: string | null;
}

export interface RecordPageArgs {
  filter?: RecordFilterInput | null;
  orderBy?: readonly RecordOrderInput[] | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  changedSince?: ChangedSince | null;
}

/**
 * A record of a page as PostgreSQL returns it, final: attributes and geometry redacted, the dates as ISO text
 * (which the DateTime scalar serializes as it does a Date), and carrying its redaction itself.
 */
export type ShownRecord = Omit<StoredRecord, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string } & RedactedRecord & { [REDACTED]: RedactedRecord };
type PageRow = Omit<ShownRecord, 'redactedFields' | typeof REDACTED>;

function shownRecord(row: PageRow, redactedFields: string[]): ShownRecord {
  const record = row as ShownRecord;
  record.redactedFields = redactedFields;
  record[REDACTED] = record;
  return record;
}

/** An edge whose cursor is encoded only when asked for. */
class PageEdge {
  constructor(
    private readonly keys: OrderKey[],
    private readonly values: unknown[],
    readonly node: ShownRecord,
  ) {}

  get cursor(): string {
    return encodeCursor(this.keys, this.values);
  }
}

export interface RecordPage {
  /** The edges, or (when the resolver asked for them rendered) their JSON text for the response. */
  edges: { cursor: string; node: ShownRecord }[] | RenderedJson;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * The condition shared by pages, counts and exports: this dataset, the caller's filter and, for incremental
 * sync, only the rows written since a moment or change cursor.
 */
export function recordCondition(scope: RecordScope, filter: RecordFilterInput | null | undefined, sql: SqlParams, changedSince?: ChangedSince | null): string {
  const conditions = [`r."datasetId" = ${sql.bind(scope.datasetId, 'uuid')}`];
  const condition = compileRecordFilter(filter, scope, sql);
  if (condition !== 'TRUE') conditions.push(condition);
  const changed = changedSinceCondition(changedSince, sql);
  if (changed) conditions.push(changed);
  return conditions.join(' AND ');
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const DEFAULT_RECORD_PAGE = 20;

export async function recordPage(db: Database, scope: RecordScope, args: RecordPageArgs, render?: EdgesRender | null): Promise<RecordPage> {
  if (args.first != null && args.last != null) throw new ValidationError([{ path: ['last'], message: 'give first or last, not both' }]);
  if (args.after != null && args.last != null) throw new ValidationError([{ path: ['after'], message: 'after pages forwards (with first), before backwards (with last)' }]);
  if (args.before != null && args.first != null) throw new ValidationError([{ path: ['before'], message: 'after pages forwards (with first), before backwards (with last)' }]);
  const keys = resolveOrder(args.orderBy, scope);
  const backwards = args.last != null || args.before != null;
  const size = (backwards ? args.last : args.first) ?? DEFAULT_RECORD_PAGE;
  const cursor = backwards ? args.before : args.after;
  const sql = new SqlParams();
  const conditions = [recordCondition(scope, args.filter, sql, args.changedSince)];
  if (cursor != null) conditions.push(afterCursor(keys, decodeCursor(keys, cursor, backwards ? 'before' : 'after'), sql, backwards));
  const direction = keys.map((key, i) => `p.k${i}${key.desc !== backwards ? ' DESC' : ''}`).join(', ');
  // Redacted by PostgreSQL with the caller's plan (the same rule as redactRecord): rows arrive final.
  const plan = redactionPlan(scope.viewer, scope.facts);
  const page =
    `SELECT r.id, r."datasetId", r.attributes, r.geometry, r."createdAt", r."updatedAt", r."changeSequence", ` +
    `${keys.map((key, i) => `${keyExpression(key)} AS k${i}`).join(', ')} ` +
    `FROM "Record" r WHERE ${conditions.join(' AND ')} ORDER BY ${orderByClause(keys, backwards)} LIMIT ${sql.bind(size + 1, 'int')}`;
  const columnSql: Record<PageColumn, () => string> = {
    recordId: () => 'p.id',
    attributes: () => redactedAttributesSql(plan, 'p.attributes'),
    geometry: () => redactedGeometrySql(plan, 'p.geometry'),
    redactedFields: () => `${sql.bind(JSON.stringify(redactedFieldsOf(plan)))}::json`,
    createdAt: () => ISO('p."createdAt"'),
    updatedAt: () => ISO('p."updatedAt"'),
    changeSequence: () => 'p."changeSequence"::text',
  };
  if (render) return renderedPage(db, { page, sql, keys, size, direction, backwards, cursor, render, columnSql });
  const text =
    `SELECT coalesce(json_agg(json_build_object('r', json_build_object('id', p.id, 'datasetId', p."datasetId", ` +
    `'attributes', ${columnSql.attributes()}, 'geometry', ${columnSql.geometry()}, ` +
    `'createdAt', ${columnSql.createdAt()}, 'updatedAt', ${columnSql.updatedAt()}, 'changeSequence', ${columnSql.changeSequence()}), ` +
    `'k', json_build_array(${keys.map((_, i) => `p.k${i}`).join(', ')})) ORDER BY ${direction}), '[]'::json) AS rows FROM (${page}) p`;
  const [row] = await db.leanQuery<{ rows: { r: PageRow; k: unknown[] }[] }>(text, sql.values);
  const rows = row!.rows;
  const more = rows.length > size;
  const shown = rows.slice(0, size);
  if (backwards) shown.reverse();
  const redactedFields = redactedFieldsOf(plan);
  const edges = shown.map(({ r, k }) => new PageEdge(keys, k, shownRecord(r, redactedFields)));
  return {
    edges,
    pageInfo: {
      hasNextPage: backwards ? cursor != null : more,
      hasPreviousPage: backwards ? more : cursor != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

interface RenderedPageStatement {
  /** The page's rows (one more than its size, to tell whether more follow), in fetch order. */
  page: string;
  sql: SqlParams;
  keys: OrderKey[];
  size: number;
  /** The fetch order over the rows aliased `p`. */
  direction: string;
  backwards: boolean;
  cursor: string | null | undefined;
  render: EdgesRender;
  columnSql: Record<PageColumn, () => string>;
}

/**
 * The page with its edges as the response's JSON text (rendered-page.ts), and beside it only what pageInfo
 * needs: how many rows were fetched and the order values of the first and last shown rows (their cursors).
 */
async function renderedPage(db: Database, { page, sql, keys, size, direction, backwards, cursor, render, columnSql }: RenderedPageStatement): Promise<RecordPage> {
  const sizeParam = sql.bind(size, 'int');
  const shownCount = `(SELECT least(count(*), ${sizeParam}) FROM q)`;
  const keysOf = (n: string) => `(SELECT json_build_array(${keys.map((_, i) => `q.k${i}`).join(', ')}) FROM q WHERE q.n = ${n})`;
  const text =
    `WITH q AS (SELECT p.*, row_number() OVER (ORDER BY ${direction}) AS n FROM (${page}) p) ` +
    `SELECT (SELECT coalesce(json_agg(${edgeJsonSql(render, (column) => columnSql[column]())} ORDER BY p.n${backwards ? ' DESC' : ''}), '[]'::json)::text ` +
    `FROM q p WHERE p.n <= ${sizeParam}) AS edges, (SELECT count(*)::int FROM q) AS fetched, ${keysOf('1')} AS first, ${keysOf(shownCount)} AS last`;
  const [row] = await db.leanQuery<{ edges: string; fetched: number; first: unknown[] | null; last: unknown[] | null }>(text, sql.values);
  const { edges, fetched, first, last } = row!;
  const more = fetched > size;
  // Shown in fetch order, or reversed when paging backwards.
  const [start, end] = backwards ? [last, first] : [first, last];
  return {
    edges: new RenderedJson(edges, render.fieldNodes),
    pageInfo: {
      hasNextPage: backwards ? cursor != null : more,
      hasPreviousPage: backwards ? more : cursor != null,
      startCursor: start ? encodeCursor(keys, start) : null,
      endCursor: end ? encodeCursor(keys, end) : null,
    },
  };
}

export async function exactRecordCount(db: Database, scope: RecordScope, filter: RecordFilterInput | null | undefined, changedSince?: ChangedSince | null): Promise<number> {
  const sql = new SqlParams();
  const text = `SELECT count(*)::int AS count FROM "Record" r WHERE ${recordCondition(scope, filter, sql, changedSince)}`;
  const [row] = await db.leanQuery<{ count: number }>(text, sql.values);
  return row!.count;
}

/** The planner's row estimate for the filtered records: one EXPLAIN, no rows read. */
export async function estimatedRecordCount(db: Database, scope: RecordScope, filter: RecordFilterInput | null | undefined, changedSince?: ChangedSince | null): Promise<number> {
  const sql = new SqlParams();
  const text = `EXPLAIN (FORMAT JSON) SELECT 1 FROM "Record" r WHERE ${recordCondition(scope, filter, sql, changedSince)}`;
  const [row] = await db.leanQuery<{ 'QUERY PLAN': unknown }>(text, sql.values);
  const raw = row!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return Math.round(plan[0]!.Plan['Plan Rows']);
}

export type { OrderKey };
