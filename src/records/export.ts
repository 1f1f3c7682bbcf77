// Exports of a dataset's records as CSV and GeoJSON: the same filter and order as queries, rows streamed
// from a database cursor in batches (constant memory, no row cap). Redaction is the caller's redactionPlan
// (the rule redactRecord applies) rendered as the statement's projection: only declared fields, withheld
// ones as NULL, so personal values never leave the database and each row costs no JSON work here.
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db/client.js';
import { ValidationError } from '../errors.js';
import type { RecordFilterInput } from './filter/compile.js';
import { sqlLiteral } from '../db/record-fields.js';
import { SqlParams, type RecordScope } from './filter/scope.js';
import { orderByClause, resolveOrder, type RecordOrderInput } from './order.js';
import { recordCondition } from './page.js';
import { redactionPlan, type RedactionPlan } from './redaction.js';

export type ExportFormat = 'csv' | 'geojson';

export interface ExportArgs {
  filter?: RecordFilterInput | null;
  orderBy?: readonly RecordOrderInput[] | null;
}

const BATCH_SIZE = 2000;

/** The query parameters `filter` and `orderBy`: the JSON of the GraphQL inputs RecordFilter and [RecordOrder]. */
export function exportArgs(params: URLSearchParams): ExportArgs {
  const parse = (name: string, expected: 'object' | 'array') => {
    const raw = params.get(name);
    if (raw === null || raw === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ValidationError([{ path: [name], message: 'must be JSON' }]);
    }
    const ok = expected === 'array' ? Array.isArray(value) : typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!ok) throw new ValidationError([{ path: [name], message: `must be a JSON ${expected}` }]);
    return value;
  };
  return { filter: parse('filter', 'object') as RecordFilterInput | null, orderBy: parse('orderBy', 'array') as RecordOrderInput[] | null };
}

/** CSV cells as text: a field's JSON value (`->>`: strings bare, numbers and true/false as written, objects as JSON). */
function csvColumns(plan: RedactionPlan): string[] {
  return [
    'r.id',
    ...plan.fields.map((field, i) => `${field.withheld ? 'NULL::text' : `r.attributes ->> ${sqlLiteral(field.name)}`} AS c${i}`),
    `${plan.geometryWithheld ? 'NULL::text' : 'r.geometry::text'} AS g`,
  ];
}

/** One RFC 7946 Feature per row, as text built by PostgreSQL (properties in declared order). */
function featureColumn(plan: RedactionPlan): string {
  const pairs = plan.fields.map((field) => `${sqlLiteral(field.name)}, ${field.withheld ? 'NULL::json' : `r.attributes -> ${sqlLiteral(field.name)}`}`);
  // json_build_object takes at most 100 arguments: longer declarations are built in chunks (then merged as
  // jsonb, which orders keys by length and name instead of declaration order).
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += 50) chunks.push(`json_build_object(${pairs.slice(i, i + 50).join(', ')})`);
  const properties = chunks.length === 0 ? `'{}'::json` : chunks.length === 1 ? chunks[0]! : `(${chunks.map((c) => `${c}::jsonb`).join(' || ')})::json`;
  const geometry = plan.geometryWithheld ? 'NULL::json' : 'r.geometry::json';
  return `json_build_object('type', 'Feature', 'id', r.id, 'geometry', ${geometry}, 'properties', ${properties})::text AS f`;
}

/**
 * The export as chunks of text. Arguments are checked (ValidationError) before the first chunk, so a bad
 * filter is an HTTP 400, not a broken download.
 */
export function exportRecords(db: Database, scope: RecordScope, format: ExportFormat, args: ExportArgs): AsyncGenerator<string> {
  const keys = resolveOrder(args.orderBy, scope);
  const sql = new SqlParams();
  const condition = recordCondition(scope, args.filter, sql);
  const plan = redactionPlan(scope.viewer, scope.facts);
  const columns = format === 'csv' ? csvColumns(plan).join(', ') : featureColumn(plan);
  const text = `SELECT ${columns} FROM "Record" r WHERE ${condition} ORDER BY ${orderByClause(keys)}`;
  const header = ['id', ...plan.fields.map((field) => field.name), 'geometry'];
  return (async function* () {
    if (format === 'csv') {
      yield stringify([header]);
      for await (const rows of db.cursor<Record<string, string | number | null>>(text, sql.values, BATCH_SIZE)) {
        yield stringify(rows.map((row) => Object.values(row)));
      }
      return;
    }
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    for await (const rows of db.cursor<{ f: string }>(text, sql.values, BATCH_SIZE)) {
      yield (first ? '' : ',') + rows.map((row) => row.f).join(',');
      first = false;
    }
    yield ']}\n';
  })();
}
