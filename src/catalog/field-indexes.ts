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
import { fieldExpression } from '../db/record-fields.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    `CREATE INDEX IF NOT EXISTS "${name}" ON "Record" (${fieldExpression(field, null)}) WHERE "datasetId" = '${datasetId}'`,
  );
}

export async function dropFieldIndex(tx: Tx, datasetId: string, fieldName: string) {
  await tx.$executeRawUnsafe(`DROP INDEX IF EXISTS "${fieldIndexName(datasetId, fieldName)}"`);
}
