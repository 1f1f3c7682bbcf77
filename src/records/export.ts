// Exports of a dataset's records as CSV and GeoJSON: the same filter and order as queries, rows streamed
// from a database cursor in batches (constant memory, no row cap), every row through redactRecord.
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db/client.js';
import { ValidationError } from '../errors.js';
import type { RecordFilterInput } from './filter/compile.js';
import { SqlParams, type RecordScope } from './filter/scope.js';
import { orderByClause, resolveOrder, type RecordOrderInput } from './order.js';
import { recordCondition } from './page.js';
import { redactRecord } from './redaction.js';

export type ExportFormat = 'csv' | 'geojson';

export interface ExportArgs {
  filter?: RecordFilterInput | null;
  orderBy?: readonly RecordOrderInput[] | null;
}

const BATCH_SIZE = 2000;
/** csv-stringify writes booleans as 1 and an empty cell by default; a reader expects true / false. */
const CSV_OPTIONS = { cast: { boolean: (value: boolean) => String(value) } };

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

interface ExportRow {
  id: number;
  attributes: unknown;
  geometry: unknown;
}

const csvCell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : value);

/**
 * The export as chunks of text. Arguments are checked (ValidationError) before the first chunk, so a bad
 * filter is an HTTP 400, not a broken download.
 */
export function exportRecords(db: Database, scope: RecordScope, format: ExportFormat, args: ExportArgs): AsyncGenerator<string> {
  const keys = resolveOrder(args.orderBy, scope);
  const sql = new SqlParams();
  const text = `SELECT r.id, r.attributes, r.geometry FROM "Record" r WHERE ${recordCondition(scope, args.filter, sql)} ORDER BY ${orderByClause(keys)}`;
  const { viewer, facts } = scope;
  const names = facts.fields.map((field) => field.name);
  return (async function* () {
    if (format === 'csv') {
      yield stringify([['id', ...names, 'geometry']], CSV_OPTIONS);
      for await (const rows of db.cursor<ExportRow>(text, sql.values, BATCH_SIZE)) {
        const lines = rows.map((row) => {
          const { attributes, geometry } = redactRecord(viewer, facts, row);
          return [row.id, ...names.map((name) => csvCell(attributes[name])), csvCell(geometry)];
        });
        yield stringify(lines, CSV_OPTIONS);
      }
      return;
    }
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    for await (const rows of db.cursor<ExportRow>(text, sql.values, BATCH_SIZE)) {
      const features = rows.map((row) => {
        const { attributes, geometry } = redactRecord(viewer, facts, row);
        return JSON.stringify({ type: 'Feature', id: row.id, geometry: geometry ?? null, properties: attributes });
      });
      yield (first ? '' : ',') + features.join(',');
      first = false;
    }
    yield ']}\n';
  })();
}
