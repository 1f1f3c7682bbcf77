// Generates each dataset's records, checks them against the declared fields and inserts them in batches.
import { Prisma } from '../../src/generated/prisma/client.js';
import { pointGeometry } from './places.js';
import { ANCHOR, recordRng } from './random.js';
import type { Attributes, DatasetSpec, FieldSpec, FieldValue } from './types.js';

const BATCH_SIZE = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

function valueMatches(field: FieldSpec, value: FieldValue | undefined): boolean {
  if (value === undefined) return false;
  if (value === null) return field.nullable;
  switch (field.type) {
    case 'TEXT':
      return typeof value === 'string';
    case 'INTEGER':
      return Number.isInteger(value);
    case 'DECIMAL':
      return typeof value === 'number' && Number.isFinite(value);
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'DATE':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value));
    case 'TIMESTAMP':
      return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
    case 'GEOMETRY':
      return false;
  }
}

/** Fails loudly if a generator drifts from its declared fields: the seed must pass the gateway's own validation. */
function checkRecord(spec: DatasetSpec, attributes: Attributes, index: number): void {
  const names = Object.keys(attributes);
  if (names.length !== spec.fields.length) {
    throw new Error(`seed: ${spec.identifier} row ${index + 1} has fields [${names.join(', ')}]`);
  }
  for (const field of spec.fields) {
    if (!valueMatches(field, attributes[field.name])) {
      const shown = JSON.stringify(attributes[field.name]);
      throw new Error(`seed: ${spec.identifier} row ${index + 1}: ${field.name} = ${shown} is not a valid ${field.type}`);
    }
  }
}

export interface RecordRow {
  datasetId: string;
  attributes: Prisma.InputJsonObject;
  geometry: Prisma.InputJsonObject | typeof Prisma.DbNull;
  createdAt: Date;
  updatedAt: Date;
}

/** All records of one dataset, in a fixed order. */
export function generateRecords(spec: DatasetSpec, datasetId: string): RecordRow[] {
  const rng = recordRng(spec.identifier);
  const rows: RecordRow[] = [];
  for (let index = 0; index < spec.recordCount; index++) {
    const { attributes, point } = spec.generate(rng, index);
    checkRecord(spec, attributes, index);
    if (spec.geographic !== true && point) throw new Error(`seed: ${spec.identifier} is not geographic but row ${index + 1} has a point`);
    rows.push({
      datasetId,
      attributes: { ...attributes, ...spec.undeclaredAttributes?.[index] },
      geometry: point ? { ...pointGeometry(point) } : Prisma.DbNull,
      createdAt: ANCHOR,
      updatedAt: ANCHOR,
    });
  }
  return rows;
}

/** Inserts rows with createMany, BATCH_SIZE at a time, logging progress against `total`. */
export async function insertRecords(
  tx: Prisma.TransactionClient,
  rows: RecordRow[],
  total: number,
  log: (message: string) => void,
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    await tx.record.createMany({ data: rows.slice(start, start + BATCH_SIZE) });
    log(`seed: records ${Math.min(start + BATCH_SIZE, rows.length)}/${total}`);
  }
}
