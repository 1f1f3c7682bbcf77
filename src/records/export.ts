// Exports of a dataset's records as CSV and GeoJSON: the same filter and order as queries, rows streamed
// (COPY TO STDOUT on a PostgreSQL server, a cursor on PGlite; constant memory, no row cap). Redaction is the
// caller's redactionPlan (the rule redactRecord applies) rendered as the statement's projection: only declared
// fields, withheld ones as NULL, so personal values never leave the database and each row costs no JSON work here.
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db/client.js';
import { ValidationError } from '../errors.js';
import type { RecordFilterInput } from './filter/compile.js';
import { sqlLiteral } from '../db/record-fields.js';
import { redactedAttributesSql } from './redaction-sql.js';
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

/** One RFC 7946 Feature per row, as JSON text built by PostgreSQL (properties in declared order). */
function featureExpression(plan: RedactionPlan): string {
  const geometry = plan.geometryWithheld ? 'NULL::json' : 'r.geometry::json';
  return `json_build_object('type', 'Feature', 'id', r.id, 'geometry', ${geometry}, 'properties', ${redactedAttributesSql(plan, 'r.attributes')})::text`;
}

/**
 * Bound values for a COPY statement, which takes no parameters: each value is set transaction-locally
 * (Database.copyOut binds it to set_config) and read back with current_setting, cast like a parameter. Every
 * value the records compilers bind carries its cast, and a text value cast to it is read exactly as the same
 * parameter would be (pg sends parameters as text too).
 */
class SettingParams extends SqlParams {
  readonly settings: [string, unknown][] = [];

  override bind(value: unknown, cast?: string): string {
    if (!cast) throw new Error('an export value needs its SQL type');
    if (value === null || value === undefined) return `NULL::${cast}`;
    const name = `cod_export.p${this.settings.length + 1}`;
    this.settings.push([name, value]);
    return `current_setting('${name}')::${cast}`;
  }
}

const FEATURES_START = '{"type":"FeatureCollection","features":[\n';
const FEATURES_END = ']}\n';

/**
 * How rows leave the database. `copy` (a PostgreSQL server): PostgreSQL writes the CSV itself (COPY's CSV
 * writer, RFC 4180 quoting) or each Feature's JSON, and the bytes go to the client as they arrive, with no
 * per-row work here. `cursor` (PGlite, which has no COPY TO STDOUT stream): rows in batches of 2,000 from a
 * cursor, quoted by csv-stringify. Both give the same rows; tests compare them.
 */
export type ExportPath = 'copy' | 'cursor';

/**
 * The export as chunks of text or bytes. Arguments are checked (ValidationError) before the first chunk, so
 * a bad filter is an HTTP 400, not a broken download.
 */
export function exportRecords(
  db: Database,
  scope: RecordScope,
  format: ExportFormat,
  args: ExportArgs,
  path: ExportPath = db.copyOut ? 'copy' : 'cursor',
): AsyncGenerator<string | Uint8Array> {
  const keys = resolveOrder(args.orderBy, scope);
  const copyOut = path === 'copy' ? db.copyOut?.bind(db) : undefined;
  if (path === 'copy' && !copyOut) throw new Error('this database cannot COPY TO STDOUT');
  const sql = copyOut ? new SettingParams() : new SqlParams();
  const condition = recordCondition(scope, args.filter, sql);
  const plan = redactionPlan(scope.viewer, scope.facts);
  const select = (columns: string) => `SELECT ${columns} FROM "Record" r WHERE ${condition} ORDER BY ${orderByClause(keys)}`;
  const settings = sql instanceof SettingParams ? sql.settings : [];
  if (format === 'csv') {
    const header = stringify([['id', ...plan.fields.map((field) => field.name), 'geometry']]);
    const text = select(csvColumns(plan).join(', '));
    if (copyOut) {
      return (async function* () {
        yield header;
        yield* copyOut(`COPY (${text}) TO STDOUT WITH (FORMAT csv)`, settings);
      })();
    }
    return (async function* () {
      yield header;
      for await (const rows of db.cursor<Record<string, string | number | null>>(text, sql.values, BATCH_SIZE)) {
        yield stringify(rows.map((row) => Object.values(row)));
      }
    })();
  }
  if (copyOut) {
    // One line per Feature, each led by the comma that separates it from the one before (the first is
    // dropped). COPY's CSV writer leaves a value alone unless it holds the delimiter, the quote character
    // or a line break; PostgreSQL's JSON text never holds a raw control character or line break (they are
    // written as \u escapes), so with control characters as delimiter and quote every line is the JSON as is.
    const copy = `COPY (${select(`',' || ${featureExpression(plan)}`)}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')`;
    return (async function* () {
      yield FEATURES_START;
      let first = true;
      for await (const chunk of copyOut(copy, settings)) {
        yield first ? chunk.subarray(1) : chunk;
        first = false;
      }
      yield FEATURES_END;
    })();
  }
  const text = select(`${featureExpression(plan)} AS f`);
  return (async function* () {
    yield FEATURES_START;
    let first = true;
    for await (const rows of db.cursor<{ f: string }>(text, sql.values, BATCH_SIZE)) {
      yield (first ? '' : ',') + rows.map((row) => row.f).join(',');
      first = false;
    }
    yield FEATURES_END;
  })();
}
