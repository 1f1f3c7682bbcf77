// Checks rows of an import file against the dataset's declared fields and turns them into stored records.
// Plain functions: every problem carries its row number and field, as `file.row.<n>.<field>`.
import type { FieldType } from '../generated/prisma/enums.js';
import type { FieldProblem } from '../errors.js';
import { coerceFieldValue } from './field-values.js';
import type { SourceHeader, SourceRow } from './import-sources.js';

export interface DeclaredField {
  name: string;
  type: FieldType;
  nullable: boolean;
}

/** A CSV column (or GeoJSON property) with this name, when no field declares it, is the record's geometry. */
export const GEOMETRY_COLUMN = 'geometry';

export interface CheckedRow {
  attributes: Record<string, unknown>;
  geometry: unknown;
  problems: FieldProblem[];
}

const RECORD_GEOMETRY = { type: 'GEOMETRY', nullable: true } as const;

const rowPath = (row: number, ...rest: string[]) => ['file', 'row', row, ...rest];

export function headerProblems(fields: DeclaredField[], header: SourceHeader): FieldProblem[] {
  if (!header.columns) return [];
  const declared = new Set(fields.map((field) => field.name));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  if (header.columns.length === 0) problems.push({ path: ['file'], message: 'is empty: a CSV import starts with a header line naming the fields' });
  for (const column of header.columns) {
    if (seen.has(column)) problems.push({ path: ['file', 'header', column], message: 'is named twice' });
    seen.add(column);
    if (!declared.has(column) && column !== GEOMETRY_COLUMN) problems.push({ path: ['file', 'header', column], message: 'is not a declared field of the dataset' });
  }
  return problems;
}

/**
 * Checks one row: every declared field's value (type, required), no undeclared values, a valid geometry.
 * `checkedHeader`: the columns were already checked (CSV), so unknown names need no per-row report.
 */
export function checkRow(fields: DeclaredField[], source: SourceRow, checkedHeader: boolean): CheckedRow {
  const problems: FieldProblem[] = [];
  if (source.problem) return { attributes: {}, geometry: null, problems: [{ path: rowPath(source.row), message: source.problem }] };
  const attributes: Record<string, unknown> = {};
  for (const field of fields) {
    const result = coerceFieldValue(field, source.values[field.name]);
    if (result.ok) attributes[field.name] = result.value;
    else problems.push({ path: rowPath(source.row, field.name), message: `${describe(source.values[field.name])} ${result.message} (${field.type}${field.nullable ? '' : ', required'})` });
  }
  const declaresGeometry = fields.some((field) => field.name === GEOMETRY_COLUMN);
  let rawGeometry = source.geometry;
  if (!declaresGeometry && rawGeometry === undefined) rawGeometry = source.values[GEOMETRY_COLUMN];
  if (!checkedHeader) {
    for (const name of Object.keys(source.values)) {
      if (!(name in attributes) && !(name === GEOMETRY_COLUMN && !declaresGeometry && source.geometry === undefined)) {
        problems.push({ path: rowPath(source.row, name), message: 'is not a declared field of the dataset' });
      }
    }
  }
  let geometry: unknown = null;
  if (rawGeometry !== undefined && rawGeometry !== null && rawGeometry !== '') {
    const result = coerceFieldValue(RECORD_GEOMETRY, rawGeometry);
    if (result.ok) geometry = result.value;
    else problems.push({ path: rowPath(source.row, GEOMETRY_COLUMN), message: result.message });
  }
  return { attributes, geometry, problems };
}

/** A short, safe rendering of a bad value for the problem message (never a whole long cell). */
function describe(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') return 'no value:';
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return `${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`;
}

/**
 * One line of PostgreSQL's COPY text format: `leading` columns (plain values without tabs, newlines or
 * backslashes: ids, numbers, timestamps), then attributes and geometry as JSON (backslashes doubled, \N for null).
 */
export function copyLine(leading: string[], attributes: unknown, geometry: unknown): string {
  return `${leading.join('\t')}\t${copyJson(attributes)}\t${copyJson(geometry)}\n`;
}

/** A JSON value as a COPY text cell. Runs for every imported row: most JSON has no backslash to double. */
function copyJson(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const json = JSON.stringify(value);
  return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
}
