// Records of a dataset, typed by the dataset's declared fields: filtered, ordered and paged by keyset
// (page.ts), one statement per page. Attributes and geometry only ever leave redacted: by redactRecord, or by
// the same plan rendered in SQL for a page (redaction-sql.ts).
import { builder, pageComplexity } from '../graphql/builder.js';
import type { Context } from '../graphql/context.js';
import { intIdOrZero } from '../graphql/ids.js';
import { ValidationError } from '../errors.js';
import { datasetVisibilityWhere } from '../access/visibility.js';
import { REDACTED, redactRecord, type RedactedRecord } from './redaction.js';
import { primeRedactionFacts, redactionFacts } from './redaction-facts.js';
import { recordFactsSelection, recordScope } from './facts.js';
import { RecordFilterRef, RecordOrderRef } from './filter/types.js';
import { estimatedRecordCount, exactRecordCount, recordPage } from './page.js';
import { PAGE_COLUMN, renderedEdges, type PageColumn } from './rendered-page.js';
import { sharedConnection } from '../graphql/connections.js';
import { OWN_CURSORS } from '../graphql/connection-cursors.js';

// Redaction needs the dataset's steward and personal fields: loaded once per request for all its records
// (redaction-facts.ts), not once per record. The record's own columns are in its default selection, so these
// fields need no `select` (which would also make plugin-prisma wrap each of them, per record).

type StoredRecord = { datasetId: string; attributes: unknown; geometry: unknown };
// attributes, redactedFields and geometry share one redaction per record and request, kept on the row object
// under a symbol (never serialized; cheaper than a WeakMap per row). A records page's rows arrive redacted by
// PostgreSQL and are their own redaction (page.ts): they resolve without a promise or any work per row. A
// record reached another way (node(id:), subscriptions) loads its dataset's facts and is redacted here.
type Carrier = StoredRecord & { [REDACTED]?: RedactedRecord | Promise<RedactedRecord> };

function redacted(record: Carrier, context: Context): RedactedRecord | Promise<RedactedRecord> {
  let result = record[REDACTED];
  if (!result) {
    result = redactionFacts(context, record.datasetId).then((facts) => redactRecord(context.viewer, facts, record));
    record[REDACTED] = result;
  }
  return result;
}

/** A field of a record's redaction, without a promise when the redaction is at hand. */
function fromRedaction<T>(record: StoredRecord, context: Context, pick: (result: RedactedRecord) => T): T | Promise<T> {
  const result = redacted(record, context);
  return result instanceof Promise ? result.then(pick) : pick(result);
}

/** The named attributes only (redaction has already listed every declared field, so others are unknown). */
function pickAttributes(attributes: Record<string, unknown>, only: readonly string[]): Record<string, unknown> {
  const unknown = only.filter((name) => !Object.hasOwn(attributes, name));
  if (unknown.length > 0) throw new ValidationError(unknown.map((name) => ({ path: ['only'], message: `unknown field "${name}"` })));
  return Object.fromEntries(only.map((name) => [name, attributes[name]]));
}

/** A field that a records page renders in SQL as this column (rendered-page.ts; the same value as its resolver gives). */
const onPages = (column: PageColumn) => ({ extensions: { [PAGE_COLUMN]: column } });

export const RecordNode = builder.prismaNode('Record', {
  id: { field: 'id' },
  description:
    'One row of a dataset: its declared fields only. Personal fields (and geometry, when the dataset declares it personal) are null, and listed in redactedFields, unless you may see them.',
  // Reached through a visible dataset, or by node(id:) — which applies the same visibility rule here.
  authScopes: { public: true },
  runScopesOnType: true,
  nullable: true,
  findUnique: (id, context) => ({
    id: intIdOrZero(id),
    dataset: datasetVisibilityWhere(context.viewer),
  }),
  fields: (t) => ({
    recordId: t.exposeInt('id', { description: 'Numeric record id within the gateway.', ...onPages('recordId') }),
    attributes: t.field({
      type: 'JSONObject',
      description: 'The declared fields of the dataset, by name; with `only`, just those (an unknown name is an error).',
      args: { only: t.arg.stringList() },
      ...onPages('attributes'), // without `only`
      resolve: (record, args, context) =>
        fromRedaction(record, context, ({ attributes }) => (args.only ? pickAttributes(attributes, args.only) : attributes)),
    }),
    redactedFields: t.stringList({
      description: 'Withheld values: personal field names, and "geometry" when the location is personal.',
      ...onPages('redactedFields'),
      resolve: (record, _args, context) => fromRedaction(record, context, (result) => result.redactedFields),
    }),
    geometry: t.field({
      type: 'JSON',
      nullable: true,
      description: 'GeoJSON geometry (WGS 84).',
      ...onPages('geometry'),
      resolve: (record, _args, context) => fromRedaction(record, context, (result) => result.geometry),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', ...onPages('createdAt') }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', ...onPages('updatedAt') }),
    changeSequence: t.string({
      nullable: true,
      description: 'Change cursor of the import that last wrote this record (null: loaded before change tracking).',
      ...onPages('changeSequence'),
      resolve: (record) => (record.changeSequence == null ? null : String(record.changeSequence)),
    }),
  }),
});

const RecordsChangedSince = builder.inputType('RecordsChangedSince', {
  description: 'Exactly one: a moment, or a change cursor (a sequence from Dataset.changes / latestChangeSequence).',
  fields: (t) => ({ time: t.field({ type: 'DateTime' }), afterSequence: t.string() }),
});

const RecordConnection = sharedConnection(RecordNode, 'RecordConnection');

builder.objectField(RecordConnection, 'estimatedCount', (t) =>
  t.int({
    description: "The planner's estimate of how many records match (cheap: no row is read). Use totalCount for the exact figure.",
    resolve: async (connection) => (connection as unknown as { estimatedCount: () => Promise<number> }).estimatedCount(),
  }),
);

builder.prismaObjectFields('Dataset', (t) => ({
  records: t.field({
    type: RecordConnection,
    complexity: pageComplexity,
    description:
      'The rows of this dataset, filtered and ordered by its declared fields (default: insertion order), paged by keyset cursor: a page deep in the list costs what the first costs. first/last at most 100.',
    select: recordFactsSelection,
    extensions: { [OWN_CURSORS]: true },
    args: {
      filter: t.arg({ type: RecordFilterRef }),
      orderBy: t.arg({ type: [RecordOrderRef] }),
      first: t.arg.int(),
      after: t.arg.string(),
      last: t.arg.int(),
      before: t.arg.string(),
      changedSince: t.arg({
        type: RecordsChangedSince,
        description: 'Only rows written after a moment or a change cursor, for incremental sync (deleted ones: Dataset.deletedRecords).',
      }),
    },
    resolve: async (dataset, args, context, info) => {
      primeRedactionFacts(context, dataset.id, dataset);
      const scope = recordScope(dataset, context.viewer);
      const page = await recordPage(context.db, scope, args, renderedEdges(info));
      return {
        ...page,
        totalCount: () => exactRecordCount(context.db, scope, args.filter, args.changedSince),
        estimatedCount: () => estimatedRecordCount(context.db, scope, args.filter, args.changedSince),
      } as any; // the connection object plus its lazy counts (read by totalCount and estimatedCount)
    },
  }),
}));
