// GraphQL surface of record imports and change history: importRecords (a multipart upload), ImportBatch,
// dataset.changes / deletedRecords / latestChangeSequence, Record.changeSequence, the key and indexed flags.
import { Readable } from 'node:stream';
import { builder } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { ImportMode } from '../generated/prisma/enums.js';
import { Dataset, DatasetField } from '../catalog/types.js';
import { importRecords } from './ingest.js';
import { datasetChanges, deletedRecords, latestChangeSequence, type DatasetChange } from './changes.js';

/** The bytes of an uploaded file. yoga's File may be a ponyfill, whose stream Readable.fromWeb refuses. */
async function* chunksOf(file: File): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

export const ImportModeEnum = builder.enumType(ImportMode, { name: 'ImportMode' });

export const ImportBatch = builder.prismaObject('ImportBatch', {
  authScopes: { public: true }, // reached only through a dataset the caller may read, or its own import
  description: 'One import of a file into a dataset’s records.',
  fields: (t) => ({
    id: t.exposeID('id'),
    mode: t.expose('mode', { type: ImportModeEnum }),
    inserted: t.exposeInt('inserted'),
    updated: t.exposeInt('updated'),
    deleted: t.exposeInt('deleted', { description: 'Records removed (REPLACE); each left a tombstone, see Dataset.deletedRecords.' }),
    version: t.exposeInt('version', { description: 'The dataset version this import produced.' }),
    changeSequence: t.string({ description: 'Its change cursor (ChangeEvent sequence).', resolve: (batch) => String(batch.changeSequence) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    dataset: t.relation('dataset'),
  }),
});

const DatasetChangeRef = builder.objectRef<DatasetChange>('DatasetChange').implement({
  authScopes: { public: true },
  description: 'A change of a dataset: a publishing edit (topic "dataset") or an import batch (topic "records").',
  fields: (t) => ({
    sequence: t.string({ description: 'The change cursor: pass it as afterSequence to continue.', resolve: (change) => change.sequence.toString() }),
    topic: t.exposeString('topic'),
    action: t.string({
      description: 'e.g. "dataset.update", "field.declare", "records.import".',
      resolve: (change) => (change.topic === 'records' ? 'records.import' : String((change.payload as { action?: unknown }).action ?? change.topic)),
    }),
    entityType: t.exposeString('entityType'),
    entityId: t.exposeString('entityId'),
    operation: t.string({ resolve: (change) => change.operation }),
    occurredAt: t.field({ type: 'DateTime', resolve: (change) => change.createdAt }),
    version: t.int({ nullable: true, description: 'The dataset version after the change.', resolve: (change) => (change.payload as { version?: number }).version ?? null }),
    importBatch: t.field({ type: ImportBatch, nullable: true, resolve: (change) => change.importBatch }),
  }),
});

const RecordTombstone = builder.prismaObject('RecordTombstone', {
  authScopes: { public: true },
  description: 'A record an import deleted: partners syncing by change cursor drop it.',
  fields: (t) => ({
    id: t.exposeInt('id', { description: 'Pass as afterId to continue within a large batch.' }),
    recordId: t.exposeInt('recordId'),
    changeSequence: t.string({ resolve: (tombstone) => String(tombstone.changeSequence) }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField(DatasetField, 'indexed', (t) =>
  t.exposeBoolean('indexed', { description: 'The gateway keeps an expression index on this field’s values.' }),
);

builder.prismaObjectFields(Dataset, (t) => ({
  keyField: t.exposeString('keyField', { nullable: true, description: 'The field identifying a record in UPSERT imports.' }),
  changes: t.field({
    type: [DatasetChangeRef],
    description: 'Edits and import batches, oldest first: after a change cursor (afterSequence) and/or a moment (since). At most 100.',
    args: { since: t.arg({ type: 'DateTime' }), afterSequence: t.arg.string(), first: t.arg.int({ defaultValue: 20 }) },
    resolve: (dataset, args, context) =>
      datasetChanges(context.prisma, dataset.id, { since: args.since, afterSequence: args.afterSequence, first: args.first ?? 20 }),
  }),
  deletedRecords: t.field({
    type: [RecordTombstone],
    description: 'Records deleted after the change cursor, oldest first (at most 100; continue with afterId).',
    args: { afterSequence: t.arg.string({ required: true }), afterId: t.arg.int(), first: t.arg.int({ defaultValue: 20 }) },
    resolve: (dataset, args, context) => deletedRecords(context.prisma, dataset.id, args.afterSequence, args.first ?? 20, args.afterId),
  }),
  latestChangeSequence: t.string({
    nullable: true,
    description: 'The newest change cursor of this dataset: read everything, then sync with records(changedSince: { afterSequence }).',
    resolve: (dataset, _args, context) => latestChangeSequence(context.prisma, dataset.id),
  }),
}));

builder.mutationField('importRecords', (t) =>
  t.field({
    type: ImportBatch,
    description:
      'Its steward or an admin: load a CSV (header = field names) or GeoJSON FeatureCollection into the dataset’s records, as a multipart upload. ' +
      'Every row is checked; a bad file changes nothing and lists its first 100 problems (file.row.<n>.<field>).',
    authScopes: { staff: true }, // the service then asks the policy about this dataset
    extensions: { audit: 'records.import' },
    errors: { types: [ValidationError, NotFoundError, ConflictError], dataField: { name: 'importBatch' } },
    args: {
      datasetId: t.arg.globalID({ for: Dataset, required: true }),
      expectedVersion: t.arg.int({ required: true, description: 'The dataset version you read; a stale one answers ConflictError.' }),
      mode: t.arg({ type: ImportModeEnum, defaultValue: ImportMode.APPEND }),
      file: t.arg({ type: 'File', required: true }),
    },
    resolve: async (_root, args, context) => {
      const datasetId = uuidOrNil(args.datasetId.id);
      const file = args.file;
      // Problems are reported under the argument they concern: file.row.<n>.<field>, file.header.<column>, mode.
      const outcome = await importRecords(
        context.db,
        context.viewer,
        datasetId,
        { name: file.name, mediaType: file.type, stream: Readable.from(chunksOf(file)) },
        { mode: args.mode ?? ImportMode.APPEND, expectedVersion: args.expectedVersion },
      );
      return context.prisma.importBatch.findUniqueOrThrow({ where: { id: outcome.batchId } });
    },
  }),
);
