// How a declared field of a dataset is read out of a record's JSONB attributes, one SQL expression per
// field type. Filters, ordering, aggregates and exports compare and sort through `fieldExpression`, and the
// expression indexes stewards declare (catalog/field-indexes.ts) are built from the very same function:
//   CREATE INDEX … ON "Record" (<fieldExpression(field)>) WHERE "datasetId" = '…'
// The expressions are IMMUTABLE (record_date / record_timestamp are IMMUTABLE wrappers created by the
// record_filters migration), as index expressions must be. Stored values must follow the declared type:
// TEXT a string, INTEGER/DECIMAL a JSON number, BOOLEAN true/false, DATE 'YYYY-MM-DD', TIMESTAMP ISO 8601
// with an explicit offset ('2026-01-31T08:00:00Z'), GEOMETRY a GeoJSON object.
import { FieldType } from '../generated/prisma/enums.js';

export interface DeclaredField {
  name: string;
  type: FieldType;
  nullable: boolean;
  pii: boolean;
}

/** A SQL string literal (field names come from the dataset's declaration, never from the caller unchecked). */
export const sqlLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

const RECORD_ALIAS = 'r';

/**
 * The SQL expression of a field's typed value, over the record table aliased `r` (or `alias`). Exactly:
 * TEXT `(r.attributes ->> 'name')`; INTEGER and DECIMAL `((r.attributes ->> 'name')::numeric)`;
 * BOOLEAN `((r.attributes ->> 'name')::boolean)`; DATE `record_date(r.attributes ->> 'name')`;
 * TIMESTAMP `record_timestamp(r.attributes ->> 'name')`; GEOMETRY `nullif(r.attributes -> 'name', 'null'::jsonb)`.
 * An index is matched by the planner when its expression is the same text modulo the table alias, so build
 * index DDL with `fieldExpression(field, '"Record"')` or without an alias: `fieldExpression(field, null)`.
 */
export function fieldExpression(field: Pick<DeclaredField, 'name' | 'type'>, alias: string | null = RECORD_ALIAS): string {
  const column = alias ? `${alias}."attributes"` : '"attributes"';
  const text = `${column} ->> ${sqlLiteral(field.name)}`;
  switch (field.type) {
    case FieldType.TEXT:
      return `(${text})`;
    case FieldType.INTEGER:
    case FieldType.DECIMAL:
      return `((${text})::numeric)`;
    case FieldType.BOOLEAN:
      return `((${text})::boolean)`;
    case FieldType.DATE:
      return `record_date(${text})`;
    case FieldType.TIMESTAMP:
      return `record_timestamp(${text})`;
    case FieldType.GEOMETRY:
      return `nullif(${column} -> ${sqlLiteral(field.name)}, 'null'::jsonb)`;
  }
}

/** The SQL type a bound value is cast to when compared with the field's expression. */
export function sqlType(type: FieldType): string {
  switch (type) {
    case FieldType.TEXT:
      return 'text';
    case FieldType.INTEGER:
    case FieldType.DECIMAL:
      return 'numeric';
    case FieldType.BOOLEAN:
      return 'boolean';
    case FieldType.DATE:
      return 'date';
    case FieldType.TIMESTAMP:
      return 'timestamptz';
    case FieldType.GEOMETRY:
      return 'jsonb';
  }
}

/** gt/gte/lt/lte and MIN/MAX: ordered types. */
export const comparable = (type: FieldType) => type !== FieldType.GEOMETRY && type !== FieldType.BOOLEAN;
/** Sorting (false before true for BOOLEAN). */
export const orderable = (type: FieldType) => type !== FieldType.GEOMETRY;
export const numeric = (type: FieldType) => type === FieldType.INTEGER || type === FieldType.DECIMAL;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const INTEGER = /^-?\d{1,30}$/;
const DECIMAL = /^-?\d{1,30}(\.\d{1,30})?$/;

/**
 * A caller's value checked against the field's type, as the text bound for `sqlType(type)`, or a problem
 * message. Numbers travel as text so that no precision is lost on the way to `numeric`.
 */
export function typedValue(type: FieldType, value: unknown): { bound: string | boolean } | { problem: string } {
  switch (type) {
    case FieldType.TEXT:
      return typeof value === 'string' ? { bound: value } : { problem: 'must be a string (TEXT field)' };
    case FieldType.INTEGER:
      if (typeof value === 'number' && Number.isSafeInteger(value)) return { bound: String(value) };
      if (typeof value === 'string' && INTEGER.test(value)) return { bound: value };
      return { problem: 'must be an integer (INTEGER field)' };
    case FieldType.DECIMAL:
      if (typeof value === 'number' && Number.isFinite(value)) return { bound: String(value) };
      if (typeof value === 'string' && DECIMAL.test(value)) return { bound: value };
      return { problem: 'must be a number (DECIMAL field)' };
    case FieldType.BOOLEAN:
      return typeof value === 'boolean' ? { bound: value } : { problem: 'must be true or false (BOOLEAN field)' };
    case FieldType.DATE:
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? { bound: value }
        : { problem: 'must be a date YYYY-MM-DD (DATE field)' };
    case FieldType.TIMESTAMP:
      return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))
        ? { bound: value }
        : { problem: 'must be an ISO 8601 date-time with an offset, e.g. 2026-01-31T08:00:00Z (TIMESTAMP field)' };
    case FieldType.GEOMETRY:
      return { problem: 'GEOMETRY fields can only be tested with isNull' };
  }
}
