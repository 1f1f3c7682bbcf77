// Expression indexes on the values of a dataset's declared fields, one partial index per (dataset, field),
// kept in step with `DatasetField.indexed` by the field declaration mutations.
//
// They are built inside the declaring transaction (plain CREATE INDEX, not CONCURRENTLY, which cannot run
// in a transaction): the index, the flag, the audit entry and the change event land together or not at all.
// The price is that writes to "Record" wait while the index builds (a second or two per million rows here);
// declaring an index is a rare steward action, so atomicity wins.
import { createHash } from 'node:crypto';
import type { FieldType } from '../generated/prisma/enums.js';
import type { Tx } from '../audit/service.js';

/** Field names are `^[a-z][a-z0-9_]{0,62}$` (publishing-fields.ts), so they are safe inside a literal. */
const SAFE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one SQL expression over a record's stored value of a field, by type: what filters compare, orders and
 * indexes use. Index expressions must be immutable: text → numeric/boolean casts are; text → date and
 * timestamptz are not (they depend on DateStyle/TimeZone), so days and instants compare as their stored,
 * normalised text ("YYYY-MM-DD", UTC ISO 8601 with milliseconds), whose order is time order.
 */
export function fieldExpression(field: { name: string; type: FieldType }, alias?: string): string {
  if (!SAFE_NAME.test(field.name)) throw new Error(`unsafe field name ${field.name}`);
  const value = `(${alias ? `${alias}.` : ''}attributes->>'${field.name}')`;
  switch (field.type) {
    case 'INTEGER':
    case 'DECIMAL':
      return `(${value}::numeric)`;
    case 'BOOLEAN':
      return `(${value}::boolean)`;
    case 'GEOMETRY':
      throw new Error('geometry values have no scalar expression');
    default:
      return value;
  }
}

export const indexableType = (type: FieldType) => type !== 'GEOMETRY';

/** Deterministic name, at most 63 bytes: a readable prefix plus a hash of dataset and field. */
export function fieldIndexName(datasetId: string, fieldName: string): string {
  const hash = createHash('sha256').update(`${datasetId}:${fieldName}`).digest('hex').slice(0, 16);
  return `record_field_${hash}_${fieldName}`.slice(0, 63);
}

export async function createFieldIndex(tx: Tx, datasetId: string, field: { name: string; type: FieldType }) {
  if (!UUID.test(datasetId)) throw new Error(`bad dataset id ${datasetId}`);
  const name = fieldIndexName(datasetId, field.name);
  await tx.$executeRawUnsafe(
    `CREATE INDEX IF NOT EXISTS "${name}" ON "Record" (${fieldExpression(field)}) WHERE "datasetId" = '${datasetId}'`,
  );
}

export async function dropFieldIndex(tx: Tx, datasetId: string, fieldName: string) {
  await tx.$executeRawUnsafe(`DROP INDEX IF EXISTS "${fieldIndexName(datasetId, fieldName)}"`);
}
