// Records of a dataset, typed by the dataset's declared fields. Plain cursor paging; filtering, sorting and
// aggregation build on the same type. Attributes and geometry only ever leave through redactRecord.
import { builder, pageComplexity } from '../graphql/builder.js';
import type { Context } from '../graphql/context.js';
import { intIdOrZero } from '../graphql/ids.js';
import { Dataset } from '../catalog/types.js';
import { datasetVisibilityWhere } from '../access/visibility.js';
import { redactRecord, type RedactedRecord } from './redaction.js';
import { redactionFacts } from './redaction-facts.js';
import { sharedConnection } from '../graphql/connections.js';
import { changedSinceWhere } from './changes.js';

// Redaction needs the dataset's steward and personal fields: loaded once per request for all its records
// (redaction-facts.ts), not once per record. The record's own columns are in its default selection, so these
// fields need no `select` (which would also make plugin-prisma wrap each of them, per record).

type StoredRecord = { datasetId: string; attributes: unknown; geometry: unknown };
// attributes, redactedFields and geometry share one redaction (and one promise) per record and request.
const redactions = new WeakMap<StoredRecord, Promise<RedactedRecord>>();

function redacted(record: StoredRecord, context: Context): Promise<RedactedRecord> {
  let result = redactions.get(record);
  if (!result) {
    result = redactionFacts(context, record.datasetId).then((facts) => redactRecord(context.viewer, facts, record));
    redactions.set(record, result);
  }
  return result;
}

const RecordNode = builder.prismaNode('Record', {
  id: { field: 'id' },
  description:
    'One row of a dataset: its declared fields only. Personal fields (and geometry, when the dataset declares it personal) are null, and listed in redactedFields, unless you may see them.',
  // Reached through a visible dataset, or by node(id:) — which applies the same visibility rule here.
  authScopes: { public: true },
  nullable: true,
  findUnique: (id, context) => ({
    id: intIdOrZero(id),
    dataset: datasetVisibilityWhere(context.viewer),
  }),
  fields: (t) => ({
    recordId: t.exposeInt('id', { description: 'Numeric record id within the gateway.' }),
    attributes: t.field({
      type: 'JSONObject',
      description: 'The declared fields of the dataset, by name.',
      resolve: (record, _args, context) => redacted(record, context).then((result) => result.attributes),
    }),
    redactedFields: t.stringList({
      description: 'Withheld values: personal field names, and "geometry" when the location is personal.',
      resolve: (record, _args, context) => redacted(record, context).then((result) => result.redactedFields),
    }),
    geometry: t.field({
      type: 'JSON',
      nullable: true,
      description: 'GeoJSON geometry (WGS 84).',
      resolve: (record, _args, context) => redacted(record, context).then((result) => result.geometry),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    changeSequence: t.string({
      nullable: true,
      description: 'Change cursor of the import that last wrote this record (null: loaded before change tracking).',
      resolve: (record) => (record.changeSequence == null ? null : String(record.changeSequence)),
    }),
  }),
});

const RecordsChangedSince = builder.inputType('RecordsChangedSince', {
  description: 'Exactly one: a moment, or a change cursor (a sequence from Dataset.changes / latestChangeSequence).',
  fields: (t) => ({ time: t.field({ type: 'DateTime' }), afterSequence: t.string() }),
});

const RecordConnection = sharedConnection(RecordNode, 'RecordConnection');

builder.prismaObjectField(Dataset, 'records', (t) =>
  t.relatedConnection(
    'records',
    {
      cursor: 'id',
      complexity: pageComplexity,
      totalCount: true,
      description: 'The rows of this dataset, in insertion order, paged by cursor. changedSince: only rows written after a moment or change cursor (deleted ones: Dataset.deletedRecords).',
      args: { changedSince: t.arg({ type: RecordsChangedSince }) },
      query: (args) => ({ where: changedSinceWhere(args.changedSince), orderBy: { id: 'asc' } }),
    },
    RecordConnection,
  ),
);
