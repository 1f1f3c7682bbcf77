// The declared fields of a dataset's records (name, type, nullable, personal or not), edited by whoever
// publishes the dataset. Each change is a publishing step that claims and bumps the dataset's version.
import type { DatasetField, PrismaClient } from '../generated/prisma/client.js';
import { ChangeOperation, type FieldType } from '../generated/prisma/enums.js';
import type { Tx } from '../audit/service.js';
import type { Viewer } from '../access/viewer.js';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../errors.js';
import { textProblems } from './dcat-rules.js';
import { datasetToPublish, publish } from './publishing.js';
import { createFieldIndex, dropFieldIndex, indexableType } from './field-indexes.js';

export interface FieldInput {
  label?: string | null;
  type?: FieldType | null;
  nullable?: boolean | null;
  description?: string | null;
  pii?: boolean | null;
  /** Keep an expression index on this field's values (filters and ordering on it get fast). */
  indexed?: boolean | null;
}

export interface DeclareFieldInput extends FieldInput {
  name: string;
  type: FieldType;
}

/** Attribute keys: lower-case words joined by underscores, as in records' `attributes`. */
const FIELD_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function fieldProblems(input: FieldInput & { name?: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.name !== undefined && !FIELD_NAME.test(input.name)) {
    problems.push({ path: ['name'], message: 'must start with a letter and hold only a-z, 0-9 and _ (at most 63 characters)' });
  }
  for (const key of ['type', 'nullable', 'pii', 'indexed'] as const) if (input[key] === null) problems.push({ path: [key], message: 'cannot be cleared' });
  if (input.indexed && input.type && !indexableType(input.type)) problems.push({ path: ['indexed'], message: 'geometry fields cannot be indexed' });
  if (input.label != null) problems.push(...textProblems(input.label, ['label'], 200));
  if (input.description != null) problems.push(...textProblems(input.description, ['description'], 2000));
  return problems;
}

function checked<T extends FieldInput & { name?: string }>(input: T) {
  const problems = fieldProblems(input);
  if (problems.length) throw new ValidationError(problems);
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}

const snapshot = ({ datasetId: _datasetId, ...field }: DatasetField) => field;

async function declaredField(prisma: PrismaClient | Tx, datasetId: string, name: string) {
  const field = await prisma.datasetField.findUnique({ where: { datasetId_name: { datasetId, name } } });
  if (!field) throw new NotFoundError('DatasetField', name);
  return field;
}

/** How many of the dataset's records hold a value under this attribute key (JSONB `?`, served by the GIN index). */
export async function recordsHoldingField(prisma: PrismaClient | Tx, datasetId: string, name: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Record" WHERE "datasetId" = ${datasetId}::uuid AND attributes ? ${name}`;
  return row?.count ?? 0;
}

export async function declareField(prisma: PrismaClient, viewer: Viewer, datasetId: string, expectedVersion: number, input: DeclareFieldInput) {
  const dataset = await datasetToPublish(prisma, viewer, datasetId);
  const data = checked(input);
  return publish(prisma, viewer, dataset, expectedVersion, {}, async (tx) => {
    if (await tx.datasetField.findUnique({ where: { datasetId_name: { datasetId, name: data.name } } })) {
      throw new ConflictError(`The dataset already declares a field "${data.name}"`);
    }
    const last = await tx.datasetField.aggregate({ where: { datasetId }, _max: { position: true } });
    const field = await tx.datasetField.create({ data: { ...data, datasetId, position: (last._max.position ?? -1) + 1 } });
    if (field.indexed) await createFieldIndex(tx, datasetId, field);
    return { action: 'field.declare', entityType: 'DatasetField', entityId: field.id, operation: ChangeOperation.CREATED, after: snapshot(field) };
  });
}

export async function updateField(prisma: PrismaClient, viewer: Viewer, datasetId: string, expectedVersion: number, name: string, input: FieldInput) {
  const dataset = await datasetToPublish(prisma, viewer, datasetId);
  const data = checked(input);
  return publish(prisma, viewer, dataset, expectedVersion, {}, async (tx) => {
    const before = await declaredField(tx, datasetId, name);
    const type = data.type ?? before.type;
    if ((data.indexed ?? before.indexed) && !indexableType(type)) throw new ValidationError([{ path: ['indexed'], message: 'geometry fields cannot be indexed' }]);
    if (dataset.keyField === name && !keyTypes.has(type)) throw new ValidationError([{ path: ['type'], message: `the key field must be one of ${[...keyTypes].join(', ')}` }]);
    const field = await tx.datasetField.update({ where: { id: before.id }, data });
    // The index expression depends on the type: rebuilt when either changes.
    if (before.indexed && (!field.indexed || field.type !== before.type)) await dropFieldIndex(tx, datasetId, name);
    if (field.indexed && (!before.indexed || field.type !== before.type)) await createFieldIndex(tx, datasetId, field);
    return { action: 'field.update', entityType: 'DatasetField', entityId: field.id, operation: ChangeOperation.UPDATED, before: snapshot(before), after: snapshot(field) };
  });
}

/**
 * Removes a declared field. When records hold values under it, `dropValues` must say so, and the values go
 * with it: left behind, undeclared, they would no longer be redacted if the field was personal.
 */
export async function removeField(prisma: PrismaClient, viewer: Viewer, datasetId: string, expectedVersion: number, name: string, dropValues = false) {
  const dataset = await datasetToPublish(prisma, viewer, datasetId);
  return publish(prisma, viewer, dataset, expectedVersion, {}, async (tx) => {
    const field = await declaredField(tx, datasetId, name);
    const holding = await recordsHoldingField(tx, datasetId, name);
    if (holding > 0 && !dropValues) {
      throw new ConflictError(`${holding} record(s) hold values for "${name}": pass dropValues: true to remove the field and its values`);
    }
    if (holding > 0) {
      await tx.$executeRaw`UPDATE "Record" SET attributes = attributes - ${name}::text, "updatedAt" = now() WHERE "datasetId" = ${datasetId}::uuid AND attributes ? ${name}`;
    }
    await tx.datasetField.delete({ where: { id: field.id } });
    if (field.indexed) await dropFieldIndex(tx, datasetId, name);
    if (dataset.keyField === name) await tx.dataset.update({ where: { id: datasetId }, data: { keyField: null } });
    return {
      action: 'field.remove',
      entityType: 'DatasetField',
      entityId: field.id,
      operation: ChangeOperation.DELETED,
      before: { ...snapshot(field), recordsHoldingValues: holding },
      after: { valuesDropped: holding },
    };
  });
}

/** Types a key field may have: values that identify a row exactly. */
export const keyTypes: ReadonlySet<FieldType> = new Set<FieldType>(['TEXT', 'INTEGER']);

/**
 * Declares (or, with null, clears) the field whose value identifies a record for UPSERT imports. The key
 * field is indexed (so matching a million rows stays a join on an index), and the dataset's records must
 * not already hold a value twice.
 */
export async function setRecordKeyField(prisma: PrismaClient, viewer: Viewer, datasetId: string, expectedVersion: number, name: string | null) {
  const dataset = await datasetToPublish(prisma, viewer, datasetId);
  return publish(prisma, viewer, dataset, expectedVersion, { keyField: name }, async (tx) => {
    if (name === null) {
      return { action: 'dataset.setKeyField', entityType: 'Dataset', entityId: datasetId, operation: ChangeOperation.UPDATED, before: { keyField: dataset.keyField }, after: { keyField: null } };
    }
    const field = await declaredField(tx, datasetId, name);
    if (!keyTypes.has(field.type)) throw new ValidationError([{ path: ['field'], message: `a key field must be one of ${[...keyTypes].join(', ')}` }]);
    const [duplicate] = await tx.$queryRaw<{ value: string }[]>`
      SELECT attributes->>${name} AS value FROM "Record" WHERE "datasetId" = ${datasetId}::uuid AND attributes->>${name} IS NOT NULL
      GROUP BY 1 HAVING count(*) > 1 LIMIT 1`;
    if (duplicate) throw new ConflictError(`Records already share the value ${JSON.stringify(duplicate.value)} of "${name}": it cannot be the key`);
    if (!field.indexed) {
      await tx.datasetField.update({ where: { id: field.id }, data: { indexed: true } });
      await createFieldIndex(tx, datasetId, field);
    }
    return { action: 'dataset.setKeyField', entityType: 'Dataset', entityId: datasetId, operation: ChangeOperation.UPDATED, before: { keyField: dataset.keyField }, after: { keyField: name } };
  });
}
